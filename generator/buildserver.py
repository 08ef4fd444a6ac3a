"""The build server: the last build kept in memory between `timeline build` runs, so an edit's build does only the
edit's work.

One server per project and option set listens on a Unix socket private to the user. Each request finds the files
changed since the last build (generator/sourcewatch.py), and builds as `timeline build --watch` does (an
edit that moves no event re-reads that file and renders only the pages showing it); the site is swapped in whole, as
by any build. Between requests it makes the next staging folder ready; the cache, which only another process needs,
is saved when it stops (saving the pages' manifest is O(files) work, too much to repeat after every build). It stops after a quiet
spell, when asked, on a TERM signal, or when timeline's code changes (the request is then answered by a new server).
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import signal
import socket
import sys
from pathlib import Path
from typing import Callable

from generator.buildclient import ServerOptions
from generator.config import Config, load_config
from generator.errors import ContentError
from generator.sourcewatch import SourceWatch
from generator.watch import KeptBuild


def serve_builds(path: Path, options: ServerOptions, idle: float) -> int:
    """Listen on `path` and build for each request until idle for `idle` seconds, stopped or out of date."""
    listening = _listen(path)
    if listening is None:  # another server took the socket first: it serves
        return 0
    listener, inode = listening
    busy = stop = False
    server_pid = os.getpid()

    def on_stop(signum, frame) -> None:
        # Taken at once while waiting for a request, else after the build and the work after it. Forked workers
        # share this handler, and must stop at once: a pool ends its workers with TERM.
        nonlocal stop
        if busy and os.getpid() == server_pid:
            stop = True
        else:
            raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_stop)
    signal.signal(signal.SIGINT, on_stop)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # started by a terminal that may close
    overrides = {"base_url": options.base_url} if options.base_url else {}
    server = _Server(lambda: load_config(options.project, overrides), options)

    def close() -> None:
        server.stop_watching()
        # The cache saved and the staging folder put back as the spare before the socket goes (and before the last
        # answer): the next request, which starts a new server, finds both.
        server.kept.close()
        _unlink_if_ours(path, inode)
        listener.close()

    try:
        listener.settimeout(idle)
        while True:
            try:
                connection, _ = listener.accept()
            except socket.timeout:
                break
            busy = True
            try:
                with connection:
                    going_on = server.answer(connection, close)
                if not going_on or stop:
                    break
                # Until a request comes or a stop signal.
                server.kept.prepare(lambda: stop or bool(select.select([listener], [], [], 0)[0]))
                if stop:
                    break
            finally:
                busy = False
    except KeyboardInterrupt:
        pass
    finally:
        close()
    return 0


class _Server:
    """Answers requests with builds of one project, telling each build what changed since the last."""

    def __init__(self, load: Callable[[], Config], options: ServerOptions):
        self._load = load
        # Only this process reads the cache while it runs: saved when it stops.
        self.kept = KeptBuild(load, options.drafts, options.output, options.jobs, save_between_builds=False)
        self._watch: tuple[tuple, SourceWatch] | None = None  # (the folders it watches, the watch)
        self._cwd: str | None = None  # problems name files relative to the asking process's folder
        self._full_load = True  # the next build reads every file
        self._code: dict[str, tuple[int, int]] = {}  # the code this process runs: module file -> size, mtime

    def answer(self, connection: socket.socket, close: Callable[[], None]) -> bool:
        """Answer one request; False when the server should stop (`close` is called first)."""
        connection.settimeout(10)
        try:
            with connection.makefile("rb") as lines:
                request = json.loads(lines.readline())
            connection.settimeout(None)
        except (OSError, ValueError):
            return True
        if not isinstance(request, dict) or request.get("stop"):
            close()
            _send(connection, {"stopped": True})
            return False
        if _changed_code(self._code):
            close()
            _send(connection, {"restart": True})
            return False
        _send(connection, self._build(request))
        return True

    def stop_watching(self) -> None:
        if self._watch is not None:
            self._watch[1].close()
            self._watch = None

    def _build(self, request: dict) -> dict:
        cwd = str(request.get("cwd") or "")
        try:
            if cwd != self._cwd:
                os.chdir(cwd)
                self._cwd, self._full_load = cwd, True  # every file named anew in messages: all looked up again
        except OSError:
            self._full_load = True
        try:
            config = self._load()
            where = (config.content_dir, config.templates_dir, config.output_dir)
            if self._watch is None or self._watch[0] != where:  # watched from now on: this build reads everything
                if self._watch is not None:
                    self._watch[1].close()
                self._watch, changed = (where, SourceWatch(config)), None
            else:
                changed = self._watch[1].changes()
            if self._full_load:
                changed, self._full_load = None, False
            # The config the watch was set up by, not one read again: config.yaml could change in between.
            result = self.kept.build(changed, config)
            if result is None:  # only editors' swap files changed: published again as it stands
                result = self.kept.build([], config)
        except ContentError as error:
            return {"problems": [[p.path, p.line, p.col, p.field, p.message, p.hint] for p in error.problems]}
        finally:
            _add_loaded_code(self._code)
        return {"result": {"output": str(result.output), "events": result.events, "pages": result.pages,
                           "files": result.files, "rendered": result.rendered, "phases": result.phases}}


def _add_loaded_code(code: dict[str, tuple[int, int]]) -> None:
    """Add the module files loaded since (as they were when loaded, near enough: imported during the last build)."""
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if path and path not in code:
            code[path] = _signature(path)


def _changed_code(code: dict[str, tuple[int, int]]) -> bool:
    """True when a module file this process loaded has changed since (timeline or a library upgraded, or edited):
    its builds could differ from a new process's."""
    return any(_signature(path) != signature for path, signature in code.items())


def _signature(path: str) -> tuple[int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (-1, -1)
    return status.st_size, status.st_mtime_ns


def _send(connection: socket.socket, answer: dict) -> None:
    try:
        connection.sendall(json.dumps(answer).encode() + b"\n")
    except OSError:
        pass  # the asking process was interrupted: the build stands, published


def _listen(path: Path) -> tuple[socket.socket, int] | None:
    """A socket listening on `path` and its file's inode, or None when a live server holds it (a dead one's file is
    replaced)."""
    # Two servers started at once: one binds, the other finds it live. One lock file for the whole folder (a bind
    # takes a moment), not one per socket, which would stay behind for every project and options ever served.
    with open(path.parent / "bind.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            probe.connect(str(path))
            return None
        except OSError:
            pass
        finally:
            probe.close()
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(path))
        listener.listen(16)
        return listener, os.stat(path).st_ino


def _unlink_if_ours(path: Path, inode: int) -> None:
    """Remove the socket file unless a newer server has already replaced it."""
    try:
        if os.stat(path).st_ino == inode:
            os.unlink(path)
    except OSError:
        pass
