"""Write the site atomically: into a temporary folder beside the output, then swap it in."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import pickle
import posixpath
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: old sites are removed in the foreground
    fcntl = None

_RENAME_EXCHANGE = 2  # from <linux/fs.h>
BACKGROUND_REMOVAL = 200  # files: past this, the old site is deleted by a detached process


class UnsafePath(ValueError):
    """An output path that would land outside the output folder."""


def safe_relative(path: str) -> str:
    """Normalize an output path, refusing anything that escapes the output folder."""
    normalized = posixpath.normpath(path)
    if (not path or normalized.startswith(("../", "/")) or normalized in ("..", ".")
            or "\\" in path or "\0" in path or path.startswith("/")):
        raise UnsafePath(f"refusing to write {path!r} outside the output folder")
    return normalized


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _clean_stale(output: Path) -> None:
    """Remove leftovers of builds that were killed before they finished."""
    for stale in [*output.parent.glob(f".{output.name}.build-*"), *output.parent.glob(f".{output.name}.old-*")]:
        if not _held(stale):  # another build's staging folder, or a remover still at it: not ours to wait for
            shutil.rmtree(stale, ignore_errors=True)
    previous = output.parent / f".{output.name}.previous"
    if previous.exists() and not output.exists():
        previous.rename(output)  # a kill between the two fallback renames: put the old site back
    elif previous.exists():
        shutil.rmtree(previous, ignore_errors=True)


class Staging:
    """A complete new site assembled beside the output folder, then swapped in with one rename.

    Files that did not change are hard-linked from the live site instead of written: the new
    tree is still complete on its own, so the swap stays atomic, and a kill at any moment
    leaves the live site exactly as it was (the half-built staging folder is removed next time).

    The site swapped out is kept as the spare (`.site.spare`), and the next build starts from it: its
    folders already exist and its files are mostly links to the live ones already, so a build after a
    small edit changes a few entries instead of making 10,000 folders and links.
    """

    def __init__(self, output: Path, wait_for_spare: bool = False):
        """`wait_for_spare`: if a mirror is still making the spare, wait for it rather than start without it."""
        self.output = output.resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        _clean_stale(self.output)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.build-", dir=self.output.parent))
        self._spare_path = self.output.parent / f".{self.output.name}.spare"
        if wait_for_spare:
            wait_until_free(self._spare_path)
        # What the spare held when taken up: relative path -> (inode, size, mtime), and its folders. Whatever state
        # it is in, every file of the new site is checked (against the spare's or the live file's signature) or
        # written, and the rest removed.
        self._spare: dict[str, tuple[int, int, int]] = {}
        self._spare_folders: set[str] = set()
        self._made: set[str] = set()
        self._kept_from_spare: tuple[dict, set[str]] | None = None  # (manifest, its paths kept): see kept_from_spare
        # Not one a mirror (see commit) is still making: it would change under this build.
        self._from_spare = (self._spare_path.is_dir() and self.output.is_dir()
                            and not _held(self._spare_path))
        self._walk: Callable[[], tuple[dict[str, tuple[int, int, int]], set[str]]] | None = None
        if self._from_spare:
            # Under the staging name: if this build is killed, the next one removes it as a leftover. Its walk
            # (one folder per event) runs in a child process while the build reads its content.
            self._spare_path.rename(self.path)
        # Locked while this build owns it: another build's clean-up (a second terminal, or while
        # `timeline build --watch` keeps it ready for the next edit) leaves it alone.
        self._lock = _lock(self.path)
        if self._from_spare:
            self._walk = _tree_later(self.path)
        # Prefixes for relative paths (safe_relative ones): joined by concatenation, ~3x faster than os.path.join,
        # which a 100,000-event build calls half a million times.
        self._staged, self._live = f"{self.path}{os.sep}", f"{self.output}{os.sep}"
        self.count = 0  # files added, to decide whether removing the old site is worth a background process
        self.committed = False

    def take_spare(self) -> None:
        """Wait for the walk of the spare taken up, if any (done by the first call that needs it; a build calls it
        before forking workers, which must not each wait for the same walk)."""
        if self._walk is not None:
            self._spare, self._spare_folders = self._walk()
            self._made |= self._spare_folders
            self._walk = None

    def _folder(self, relative: str) -> str:
        """The staging path of `relative`, its folders made first."""
        if self._walk is not None:
            self.take_spare()
        folder = posixpath.dirname(relative)
        if folder and folder not in self._made:
            self._make(folder)
        return self._staged + relative

    def _make(self, folder: str) -> None:
        # One mkdir per new folder (os.makedirs would stat each parent first): parents are known made or made here.
        parent = posixpath.dirname(folder)
        if parent and parent not in self._made:
            self._make(parent)
        path = self._staged + folder
        try:
            os.mkdir(path)
        except FileExistsError:  # another worker made it, or a spare holds a file there
            if not os.path.isdir(path):
                with suppress(FileNotFoundError):
                    os.unlink(path)
                with suppress(FileExistsError):
                    os.mkdir(path)
        self._made.add(folder)

    def write(self, relative: str, data: bytes | Iterable[bytes]) -> tuple[int, int, int, int]:
        """Add a new or changed file (its bytes, or its chunks in order); returns its signature (size, inode,
        mtime, ctime) to recognise it later."""
        relative = safe_relative(relative)
        target = self._folder(relative)
        self.count += 1
        if self._from_spare:  # never written into: a spare's file may be a link to the live one
            try:
                os.unlink(target)
            except FileNotFoundError:
                pass
            except IsADirectoryError:  # the spare has a folder where this site has a file
                shutil.rmtree(target)
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            for chunk in (data,) if isinstance(data, bytes) else data:
                view = memoryview(chunk)
                while view:
                    view = view[os.write(descriptor, view):]
            stat = os.fstat(descriptor)
        finally:
            os.close(descriptor)
        return stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns

    def live(self, relative: str, signature: tuple) -> os.stat_result | None:
        """The live file, if it is still the one written with `signature` (size, inode, mtime): nobody edited or
        replaced it since. (Not ctime: linking the file into the next staging folder changes it.)"""
        return self._live_stat(safe_relative(relative), signature)

    def _live_stat(self, relative: str, signature: tuple) -> os.stat_result | None:
        try:
            stat = os.stat(self._live + relative)
        except OSError:
            return None
        return stat if (stat.st_size, stat.st_ino, stat.st_mtime_ns) == tuple(signature[:3]) else None

    def keep_spare(self, relative: str, signature: tuple) -> bool:
        """Keep the spare's copy of the file written with `signature` (size, inode, mtime) if it is that very
        file, unchanged when the spare was walked; False otherwise. No system call: the walk's stat says it (the
        live file is the same inode unless somebody replaced it, and then the spare's is the one to publish)."""
        if self._walk is not None:
            self.take_spare()
        # Not normalized first: only a path the walk found inside the staging tree can match (any other goes to
        # `keep`, which refuses what would leave the output folder).
        spare = self._spare.get(relative)
        if spare is None or spare != (signature[1], signature[0], signature[2]):
            return False
        del self._spare[relative]
        self.count += 1
        return True

    def kept_from_spare(self, manifest: dict[str, tuple]) -> set[str]:
        """The paths of `manifest` (path -> entry, the file's signature third) whose spare copy is that very file,
        as keep_spare would find them, kept in the new site. Made once for the same manifest: a watching build
        makes it ready while idle."""
        if self._walk is not None:
            self.take_spare()
        if self._kept_from_spare is None or self._kept_from_spare[0] is not manifest:
            spare = self._spare
            kept = {path for path, entry in manifest.items()
                    if spare.get(path) == (entry[2][1], entry[2][0], entry[2][2])}
            self._kept_from_spare = (manifest, kept)
        return self._kept_from_spare[1]

    def drop_stale(self, manifest: dict[str, tuple]) -> None:
        """Delete the spare's files that are not the very files of `manifest` (the last build changed or removed
        them): the next build writes or links each anew in any case, and their blocks (a big export's megabytes)
        are freed now, between builds, rather than during one."""
        kept = self.kept_from_spare(manifest)
        stale = [relative for relative in self._spare if relative not in kept]
        _prune(self.path, set(stale), set())
        for relative in stale:
            del self._spare[relative]

    def keep(self, relative: str, signature: tuple, replacing: bool = False) -> bool:
        """Keep the file written with `signature` (size, inode, mtime) in the new site: the spare's copy if it is
        that file still, else the live file hard-linked in if it is, `replacing` the copy just written if asked;
        False if neither is or it cannot be done (then the file must be, or stay, written)."""
        if not replacing and self.keep_spare(relative, signature):
            return True
        relative = safe_relative(relative)
        live_stat = self._live_stat(relative, signature)
        if live_stat is None:
            return False
        target = self._folder(relative)
        live = self._live + relative
        try:
            if replacing:  # a link beside it, renamed over it: the written copy stays until the link is in place
                os.link(live, target + ".live")
                try:
                    os.replace(target + ".live", target)
                except OSError:
                    os.unlink(target + ".live")  # never published: the written copy stands
                    raise
                return True
            spare = self._spare.pop(relative, None)
            if spare is not None:
                if spare[0] == live_stat.st_ino:  # the spare holds the live file already
                    self.count += 1
                    return True
                os.unlink(target)
            os.link(live, target)
            self.count += 1
            return True
        except OSError:
            return False

    def commit(self, paths: Iterable[str], mirror: dict[str, int] | None = None) -> None:
        """Swap the new site in, made of exactly `paths` (whatever else a spare taken up held goes first); the old
        site becomes the spare of the next build.

        `mirror` (each path's inode): have a detached process then make the spare a tree of links to the new
        site's files, as the next build would otherwise have to (after a build that wrote most files, or the
        first one, that is one system call or more per file)."""
        paths = set(paths)
        self.take_spare()
        # (rpartition: a third of the time of posixpath.dirname, for the same result on these normalized paths)
        _prune(self.path, self._spare.keys() - paths, self._spare_folders - {p.rpartition("/")[0] for p in paths})
        os.chmod(self.path, 0o755)
        self.committed = True
        self._unlock()  # before any detached process is forked: none may inherit the lock
        if not self.output.exists():
            self.path.rename(self.output)
        elif _exchange(self.path, self.output):
            if self._spare_path.exists():  # one this build could not take up
                old = self.path.with_name(f".{self.output.name}.old-{self.path.name.rsplit('-', 1)[-1]}")
                self._spare_path.rename(old)
                if not _held(old):  # else a mirror still at work on it: the next build removes it
                    _remove_later(old) if self.count > BACKGROUND_REMOVAL else shutil.rmtree(old)
            self.path.rename(self._spare_path)
        else:
            previous = self.output.parent / f".{self.output.name}.previous"
            self.output.rename(previous)
            self.path.rename(self.output)
            shutil.rmtree(previous)
            return
        if mirror is not None:
            _mirror_later(self.output, self._spare_path, mirror)

    def discard(self) -> None:
        """Forget a staging folder that will not be published (kept as the spare: any tree will do as one)."""
        self._unlock()
        if not self.committed and self.path.exists():
            self.take_spare()  # the walk is over before the folder moves
            try:
                if self._spare_path.exists() or not self.output.is_dir():
                    raise FileExistsError(self._spare_path)
                self.path.rename(self._spare_path)
            except OSError:
                shutil.rmtree(self.path, ignore_errors=True)

    def _unlock(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def _lock(folder: Path) -> int | None:
    """A descriptor holding `folder`'s lock (see _held) until closed; None where there are no such locks."""
    if fcntl is None:
        return None
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:  # a mirror that started on the spare just as it was taken: it gives up once moved
        os.close(descriptor)
        return None
    return descriptor


def _tree_later(folder: Path) -> Callable[[], tuple[dict[str, tuple[int, int, int]], set[str]]]:
    """`_tree(folder)` made by a forked child while this process goes on: the function returned waits for it.
    (Walked here where forking is unsafe, with other threads running, or impossible.)"""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        result = _tree(folder)
        return lambda: result
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (child)
        code = 1
        try:
            os.close(reader)
            with open(writer, "wb") as pipe:
                pickle.dump(_tree(folder), pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(writer)
    asked = False

    def wait() -> tuple[dict[str, tuple[int, int, int]], set[str]]:
        nonlocal asked
        if asked:  # a wait interrupted before (Ctrl+C): the child's answer is gone with the pipe, walked here instead
            return _tree(folder)
        asked = True
        try:
            with open(reader, "rb") as pipe:  # closed on the way out, whatever happens: never read twice
                data = pipe.read()
        except BaseException:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise
        _, status = os.waitpid(pid, 0)
        return pickle.loads(data) if status == 0 else _tree(folder)  # the child failed: walked here instead
    return wait


def _tree(folder: Path) -> tuple[dict[str, tuple[int, int, int]], set[str]]:
    """Every file (and link, or anything else not a folder) under `folder` with its (inode, size, mtime), and
    every folder."""
    files: dict[str, tuple[int, int, int]] = {}
    folders: set[str] = set()
    pending = [""]
    while pending:
        relative = pending.pop()
        with os.scandir(os.path.join(folder, relative)) as entries:
            for entry in entries:
                path = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.add(path)
                    pending.append(path)
                else:
                    try:
                        stat = entry.stat(follow_symlinks=False)
                    except FileNotFoundError:  # gone meanwhile: nothing to keep
                        continue
                    files[path] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return files, folders


def _prune(root: Path, files: set[str], folders: set[str]) -> None:
    """Remove `files` under `root`, then those of `folders` left empty (deepest first)."""
    for path in files:
        with suppress(FileNotFoundError, IsADirectoryError):  # went with a folder, or became one
            os.unlink(os.path.join(root, path))
    for folder in sorted(folders, key=lambda f: f.count("/"), reverse=True):
        try:
            os.rmdir(os.path.join(root, folder))
        except OSError:  # holds a folder of the new site
            pass


def _mirror_later(live: Path, spare: Path, inodes: dict[str, int]) -> None:
    """Make `spare` (made if missing) hold exactly the files of `live` listed in `inodes`, as hard links to them,
    in a detached process that holds its lock meanwhile: a build never takes up a spare being made, and the
    mirror gives up once a build has moved it away."""
    if threading.active_count() > 1:
        return  # forking beside other threads is unsafe: the next build links what it needs itself
    with suppress(FileExistsError):
        spare.mkdir()
    _detached(spare, lambda: _mirror(f"{live}{os.sep}", spare, inodes))


def _mirror(live: str, spare: Path, inodes: dict[str, int]) -> None:
    """The work of _mirror_later: `live` is the live site's path with a trailing separator."""
    files, folders = _tree(spare)
    root = f"{spare}{os.sep}"
    needed: set[str] = set()
    for path, inode in inodes.items():
        folder = posixpath.dirname(path)
        while folder and folder not in needed:
            needed.add(folder)
            folder = posixpath.dirname(folder)
    try:
        for folder in sorted(needed - folders, key=len):  # parents first
            if folder in files:  # a file where the site has a folder
                os.unlink(root + folder)
                del files[folder]
            with suppress(FileExistsError):
                os.mkdir(root + folder)
        for path, inode in inodes.items():
            held = files.pop(path, None)
            if held is not None and held[0] == inode:
                continue
            if held is not None:
                os.unlink(root + path)
            elif path in folders:  # a folder where the site has a file
                shutil.rmtree(root + path)
            try:
                os.link(live + path, root + path)
            except FileNotFoundError:  # the live file replaced meanwhile (the next build sees to it), or the spare gone
                if not spare.is_dir():
                    return
    except OSError:
        if not spare.is_dir():  # moved away by a build: not ours any more
            return
        raise
    _prune(spare, set(files), folders - needed)


def _remove_later(folder: Path) -> None:
    """Delete the previous site without making the build wait for 10,000 unlinks."""
    # The remover holds a lock on the folder until it is gone, so the next build leaves it alone.
    if not _detached(folder, lambda: shutil.rmtree(folder, ignore_errors=True)):
        shutil.rmtree(folder, ignore_errors=True)


def _detached(folder: Path, work: Callable[[], object]) -> bool:
    """Run `work` in a process of its own that holds `folder`'s lock (see _held) until it is done, while this
    one goes on (and may exit); False where that cannot be done (then nothing is run)."""
    if not hasattr(os, "fork") or fcntl is None:
        return False
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # taken here: held before the build can return
        pid = os.fork()
        if pid == 0:  # pragma: no cover (child)
            try:
                os.setsid()
                if os.fork() == 0:  # a grandchild nobody waits for
                    # Off the build's terminal and pipes: a caller reading its output gets the end of it when
                    # the build ends, not when this work does.
                    null = os.open(os.devnull, os.O_RDWR)
                    for standard in (0, 1, 2):
                        os.dup2(null, standard)
                    work()
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        return True
    finally:
        os.close(descriptor)  # the grandchild's copy keeps the lock


def wait_until_free(folder: Path) -> None:
    """Return once no process holds `folder`'s lock (see _held, Staging; at once if it does not exist)."""
    if fcntl is None:
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH)
    finally:
        os.close(descriptor)


def _held(folder: Path) -> bool:
    """True while another process holds the folder's lock: a detached remover (see _remove_later) or mirror (see
    _mirror_later), or a build that owns it as its staging folder (see Staging)."""
    if fcntl is None:
        return False
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
