"""Long rendered text kept in an unnamed file on disk rather than in memory, and read back by position."""

from __future__ import annotations

import os
import tempfile
import weakref
from pathlib import Path


class _SpillFile:
    """An unnamed file (gone with the last handle, even if the process is killed) that text is appended to, in
    writes of about a megabyte (a write per text cost an edit build ~50 ms for the 20,000 texts of 10,000 events)."""

    __slots__ = ("file", "fd", "end", "written", "pending", "__weakref__")

    def __init__(self, folder: Path | None):
        try:
            self.file = tempfile.TemporaryFile(dir=folder)
        except OSError:  # a folder that cannot hold it: the system's temporary folder
            self.file = tempfile.TemporaryFile()
        self.fd = self.file.fileno()
        self.end = self.written = 0
        self.pending: list[bytes] = []
        _open_files.add(self)

    def append(self, data: bytes) -> int:
        offset = self.end
        self.pending.append(data)
        self.end += len(data)
        if self.end - self.written >= WRITE_SIZE:
            self.flush()
        return offset

    def read(self, length: int, offset: int) -> bytes:
        if offset + length > self.written:
            self.flush()
        return os.pread(self.fd, length, offset)

    def flush(self) -> None:
        if self.pending:
            # At a position of its own (a forked process shares the file offset of an inherited file).
            os.pwrite(self.fd, b"".join(self.pending), self.written)
            self.pending.clear()
            self.written = self.end


WRITE_SIZE = 1 << 20
_open_files: weakref.WeakSet[_SpillFile] = weakref.WeakSet()


def _flush_all() -> None:
    for file in list(_open_files):
        file.flush()


# What a process holds back is written before it forks: a worker reads its parent's texts from the file.
os.register_at_fork(before=_flush_all)


class Spilled:
    """Where one text is kept: the file that holds it (kept open by this handle), its position and length in bytes.
    It compares, hashes and shows as the text does (the hash kept from when it was written), so a value holding it
    equals and digests the same as one holding the text."""

    __slots__ = ("file", "offset", "length", "hash")

    def __init__(self, file: _SpillFile, offset: int, length: int, hash_: int):
        self.file, self.offset, self.length, self.hash = file, offset, length, hash_

    def text(self) -> str:
        return self.file.read(self.length, self.offset).decode()

    def __eq__(self, other) -> bool:
        if other is self:
            return True
        if type(other) is Spilled:
            return self.hash == other.hash and self.text() == other.text()
        if type(other) is str:
            return self.hash == hash(other) and self.text() == other
        return NotImplemented

    def __hash__(self) -> int:
        return self.hash

    def __repr__(self) -> str:
        return repr(self.text())

    def __reduce__(self):
        # Pickled (into the build cache, or to another process) as the text itself: the file is this process's.
        return str, (self.text(),)


def text_of(value: str | Spilled) -> str:
    """The text itself, wherever it is kept."""
    return value if type(value) is str else value.text()


# Characters a TextSpill keeps in memory before it keeps texts on disk: a 10,000-event site's list items fit (32.8M
# characters in the worker that renders the listing pages), and reading them back from disk would cost ~5 % of its
# build; a 100,000-event site's would take ~400 MB, and every character kept is one byte more in that worker's peak.
MEMORY_BUDGET = 34_000_000
SHORT_TEXT = 1024  # characters: a shorter text stays in memory whatever the budget (a handle on disk saves little)


class TextSpill:
    """Keeps texts in memory up to `budget` characters in all (MEMORY_BUDGET), and the next ones on disk: `keep`
    gives the text itself, or a handle for it once the budget is spent (texts shorter than `threshold` always stay
    in memory). Each process appends to a file of its own; a forked process still reads what its parent kept."""

    def __init__(self, folder: Path | None = None, budget: int | None = None, threshold: int = SHORT_TEXT):
        self.folder, self.threshold = folder, threshold
        self.budget = MEMORY_BUDGET if budget is None else budget
        self._in_memory = 0
        self._file: _SpillFile | None = None
        self._pid = 0

    def restart_count(self) -> None:
        """Count the characters kept in memory from zero again (the texts counted so far are no longer held)."""
        self._in_memory = 0

    def keep(self, text: str) -> str | Spilled:
        if len(text) < self.threshold or self._in_memory + len(text) <= self.budget:
            self._in_memory += len(text)
            return text
        if self._pid != os.getpid():
            self._file, self._pid = _SpillFile(self.folder), os.getpid()
        data = text.encode()
        return Spilled(self._file, self._file.append(data), len(data), hash(text))


# The content's long texts (summaries' Markdown and HTML, articles) are kept on disk when there are many of them:
# reading one back takes ~1.3 us, and every process forked for a big build counts what its parent keeps in memory (at
# 100,000 events those texts were ~320 MB). Texts parsed in this build go to disk at once (ON_DISK), unless the files
# parsed together are small (IN_MEMORY: see SMALL_BATCH). Texts taken from the build cache stay in memory up to
# CACHED_BUDGET characters (CACHED): writing them all out again cost an edit build of 10,000 events ~60 ms of its
# ~0.65 s.
ON_DISK, IN_MEMORY, CACHED = "on disk", "in memory", "cached"
CACHED_BUDGET = 48_000_000
# Files parsed together (a build's articles and events) that hold at most this many bytes keep their texts in memory:
# a 10,000-event site's (18 MB of events, 5 MB of articles), whose ~140,000 reads from disk cost a cold build ~4 %
# (bench/revisions.py --cold). A 100,000-event site's (192 MB and 52 MB) keep all of theirs on disk, so this never
# adds to a big build's peak.
SMALL_BATCH = 32_000_000
_shelf = TextSpill(budget=0, threshold=256)
_cached_shelf = TextSpill(budget=CACHED_BUDGET, threshold=256)


def new_load() -> None:
    """Count afresh the cached texts kept in memory (CACHED): a process that loads the site again (a build server,
    `build --watch`) holds one load's texts at a time, mostly the very objects the last load kept, and counting each
    load's on top of the last ones sent every text to disk after a load or two."""
    _cached_shelf.restart_count()


def shelved(text: str | Spilled, where: str = ON_DISK) -> str | Spilled:
    """A text of the content as this process keeps it `where` it should be: ON_DISK when long, IN_MEMORY, or CACHED
    (a text from the build cache: in memory until CACHED_BUDGET is spent)."""
    if type(text) is not str or where == IN_MEMORY:
        return text
    return (_cached_shelf if where == CACHED else _shelf).keep(text)
