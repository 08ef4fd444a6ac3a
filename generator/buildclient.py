"""`timeline build`'s side of the build server: find or start the project's server, ask it to build, relay its answer.

Kept light (no Jinja2, Markdown or YAML here, not even dataclasses): a build the server answers costs this process only its start-up.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import sys
import time
from pathlib import Path
from typing import NamedTuple

import generator

IDLE_SECONDS = 600  # a server stops after this long without a build (TIMELINE_SERVER_IDLE overrides)
START_SECONDS = 30  # how long a new server may take to listen before this process builds by itself
_OFF = {"0", "off", "no", "false"}
_LONGEST_FOLDER = 107 - len("/0123456789abcdef01234567.sock")


class ServerOptions(NamedTuple):
    """What a server is started for: one server per project, build options and installation of timeline."""

    project: Path  # resolved
    drafts: bool = False
    base_url: str | None = None
    output: Path | None = None  # resolved
    jobs: int | None = None

    def key(self) -> str:
        """Names the server's socket: another environment, Python, timeline installation or option set gets its own
        (the same one reached as `python` or `python3`, or through the `timeline` script, does not)."""
        parts = [sys.prefix, os.path.realpath(sys.executable), generator.__file__, str(self.project), self.drafts,
                 self.base_url, None if self.output is None else str(self.output), self.jobs]
        return hashlib.blake2b(json.dumps(parts).encode(), digest_size=12).hexdigest()

    def arguments(self) -> list[str]:
        """The `timeline build` options that make the same build."""
        arguments = ["-C", str(self.project)]
        if self.drafts:
            arguments.append("--drafts")
        if self.base_url is not None:
            arguments += ["--base-url", self.base_url]
        if self.output is not None:
            arguments += ["--output", str(self.output)]
        if self.jobs is not None:
            arguments += ["--jobs", str(self.jobs)]
        return arguments


def server_wanted(environment: dict[str, str]) -> bool:
    """False when TIMELINE_SERVER turns servers off, or on a CI service (CI set): a build there runs once."""
    if environment.get("TIMELINE_SERVER", "").strip().lower() in _OFF:
        return False
    ci = environment.get("CI", "").strip().lower()
    return not ci or ci in _OFF


def idle_seconds(environment: dict[str, str]) -> float:
    """How long a server waits for the next build before it stops."""
    try:
        return max(0.1, float(environment["TIMELINE_SERVER_IDLE"]))
    except (KeyError, ValueError):
        return IDLE_SECONDS


def server_folder() -> Path | None:
    """The folder of this user's servers' sockets (private to the user), or None when none can be had safely."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) / "timeline" if runtime else None
    if base is None or len(str(base)) > _LONGEST_FOLDER:  # a socket's path has at most 107 bytes
        import tempfile

        base, runtime = Path(tempfile.gettempdir()) / f"timeline-{os.getuid()}", None
    try:
        base.mkdir(mode=0o700, parents=bool(runtime), exist_ok=True)
        status = base.lstat()
    except OSError:
        return None
    # A folder someone else made, or others may write into, could hold a socket that is not ours.
    if status.st_uid != os.getuid() or status.st_mode & 0o077 or not base.is_dir() or base.is_symlink():
        return None
    return base


def socket_path(options: ServerOptions) -> Path | None:
    folder = server_folder()
    return None if folder is None else folder / f"{options.key()}.sock"


class ServerBuild(NamedTuple):
    """A server's answer: the build's result fields or its problems, and whether this process started the server."""

    result: dict | None
    problems: list[list] | None
    started: bool


def build_through_server(options: ServerOptions) -> ServerBuild | None:
    """The build made by the project's server (started first if none runs), or None when no server could make it
    (this process then builds by itself)."""
    path = socket_path(options)
    if path is None or not (options.project / "config.yaml").is_file():
        return None
    started = False
    for _ in range(2):  # a second time after a server that stopped because timeline's code changed
        connection = _connect(path)
        if connection is None:
            server = _start(options, path)
            if server is None:
                return None
            started = True
            connection = _connect(path, wait=START_SECONDS, server=server)
            if connection is None:
                return None
        answer = _ask(connection, {"cwd": os.getcwd()})  # a build, its problems named from this folder
        if answer is None:  # the server stopped mid-build (killed): the site is as it was
            return None
        if answer.get("restart"):
            continue
        if answer.get("result") is None and answer.get("problems") is None:
            return None  # an answer of another kind: not a build
        return ServerBuild(answer.get("result"), answer.get("problems"), started)
    return None


def stop_server(options: ServerOptions) -> bool:
    """Stop the project's server for these options; False when none was running."""
    path = socket_path(options)
    connection = None if path is None else _connect(path)
    if connection is None:
        return False
    return _ask(connection, {"stop": True}) is not None


def _connect(path: Path, wait: float = 0.0, server=None) -> socket.socket | None:
    """A connection to the server listening on `path`, waiting up to `wait` seconds while `server` (a Popen) starts."""
    deadline = time.monotonic() + wait
    while True:
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            client.connect(str(path))
            return client
        except OSError:
            client.close()
        if time.monotonic() >= deadline or server is not None and server.poll() is not None:
            return None
        time.sleep(0.005)


def _ask(connection: socket.socket, request: dict) -> dict | None:
    """Send one request and read the one-line answer; None when the server closes without answering."""
    with connection, connection.makefile("rb") as answers:
        try:
            connection.sendall(json.dumps(request).encode() + b"\n")
            line = answers.readline()
        except OSError:
            return None
    try:
        return json.loads(line) if line.endswith(b"\n") else None
    except ValueError:
        return None


def _start(options: ServerOptions, path: Path):
    """Start a server in the background, detached from this terminal and its pipes (its Popen, or None); its messages
    go to a log in the project's cache folder."""
    import subprocess  # only when a server starts: the builds it answers skip the import

    log_folder = options.project / ".timeline-cache"
    try:
        log_folder.mkdir(exist_ok=True)
        log = open(log_folder / "build-server.log", "ab")
    except OSError:
        return None
    with log:
        try:
            return subprocess.Popen([sys.executable, "-m", "generator", "build", "--build-server", str(path),
                                     *options.arguments()], cwd=options.project, stdin=subprocess.DEVNULL,
                                    stdout=log, stderr=log, start_new_session=True, close_fds=True)
        except OSError:
            return None
