"""The build cache in `.timeline-cache/`: parsed files, rendered Markdown and what each page was built from.

Everything in it is keyed by content (file signatures, text digests, a digest of each page's
inputs), so a stale entry is never used, only missed. Losing the folder costs one full build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import os
import pickle
import struct
import sys
import zlib
from pathlib import Path

import generator
from generator import parallel  # noqa: F401  (registers the fast pickling of model values)
from generator.spill import Spilled

CACHE_DIR = ".timeline-cache"
FORMAT = 11


def source_signature(stat: os.stat_result) -> bytes:
    """What tells an unchanged file: size, inode and both times (ctime moves on any write, even a back-dated one),
    packed (65 bytes in memory against ~200 for a tuple of four ints, kept for every content file)."""
    return _SIGNATURE.pack(stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)


_SIGNATURE = struct.Struct("<QQqq")


def code_fingerprint() -> str:
    """Changes whenever code that shapes the output does: Python, the generator's modules and the libraries'. Every
    file of those packages on disk, imported or not: which modules a process has imported varies (a template error
    imports jinja2.debug), and the fingerprint must not."""
    parts = [sys.version, generator.__version__]
    for package in (generator.__name__, *_LIBRARIES):
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            continue
        for path in _package_files(spec):
            name = os.path.relpath(path, os.path.dirname(os.path.dirname(spec.origin)))
            if not name.startswith(_NOT_OUTPUT):
                stat = os.stat(path)
                parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _package_files(spec) -> list[str]:
    """The files of a package (its compiled bytecode aside), sorted; a lone module's file."""
    if not spec.submodule_search_locations:
        return [spec.origin]
    found = []
    for folder, subfolders, names in os.walk(os.path.dirname(spec.origin)):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        found += [os.path.join(folder, name) for name in sorted(names)]
    return found


# Parts of the generator that never shape the site's bytes (paths, from the folder that holds the package).
_NOT_OUTPUT = tuple(os.path.join("generator", name) for name in (
    "commands", "cli.py", "__main__.py", "serve.py", "preview.py", "watch.py", "buildclient.py", "buildserver.py",
    "sourcewatch.py", "extract", "project_template"))
_LIBRARIES = ("jinja2", "markupsafe", "nh3", "yaml", "markdown")


def folder_fingerprint(folders: list[Path]) -> str:
    """A digest of the files in effect under `folders` (the first folder holding a name wins, as for templates)."""
    effective: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                effective.setdefault(path.relative_to(folder).as_posix(), path)
    digest = hashlib.blake2b(digest_size=16)
    for name, path in sorted(effective.items()):
        digest.update(f"{name}\0".encode())
        digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return digest.hexdigest()


class Fingerprints:
    """Digests of page inputs; a dataclass shared by many pages is digested once and remembered, or by the digest of
    its content when it holds one (`content_digest`: see Event; an event's view, on its year, tag and actor pages)."""

    def __init__(self):
        self._by_id: dict[int, tuple[object, bytes]] = {}
        self._content_kinds: dict[type, bytes] = {}  # dataclasses seen holding a content digest -> digest prefix

    def of(self, value) -> bytes:
        """A digest of a plain value: str, numbers, None, lists, tuples, dicts and dataclasses of those."""
        digest = hashlib.blake2b(digest_size=16)
        self._feed(value, digest.update)
        return digest.digest()

    def _feed(self, value, update) -> None:
        kind = type(value)
        if kind is str:
            update(b"s%d:" % len(value))
            update(value.encode("utf-8", "surrogatepass"))
            return
        prefix = self._content_kinds.get(kind)
        if prefix is not None and value.content_digest:  # a view, on many pages: as fast as a memo, and kept nowhere
            update(prefix + value.content_digest)
            return
        known = self._by_id.get(id(value))  # a dataclass digested before (views, on many pages): first
        if known is not None and known[0] is value:
            update(known[1])
        elif kind is dict:
            update(b"d%d{" % len(value))
            for key, item in value.items():  # insertion order: templates see it
                self._feed(key, update)
                self._feed(item, update)
        elif kind is list or kind is tuple:
            update(b"l%d[" % len(value) if kind is list else b"t%d[" % len(value))
            for item in value:
                self._feed(item, update)
        elif kind is bytes:
            update(b"b%d:" % len(value))
            update(value)
        elif value is None or kind is bool or kind is int or kind is float:
            update(f"{kind.__name__}:{value!r};".encode())
        elif dataclasses.is_dataclass(value):
            update(self._dataclass(value))
        elif kind is Spilled:  # a text kept on disk digests as the text
            self._feed(value.text(), update)
        else:  # Markup and anything else: its type and repr say what the template gets
            update(f"{kind.__module__}.{kind.__qualname__}:{value!r};".encode())

    def _dataclass(self, value) -> bytes:
        known = self._by_id.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        kind = type(value)
        content = getattr(value, "content_digest", b"")
        if content and type(content) is bytes:
            # A digest of everything the value holds, made as its content was read (an event's view: every worker
            # digested every event's view again, ~16 us each, 0.3 s of CPU at 10,000 events). Not remembered: found
            # as fast as looked up (_feed), and an entry per view was ~20 MB in a render worker at 100,000 events.
            prefix = self._content_kinds[kind] = b"C" + kind.__qualname__.encode()
            return prefix + content
        if _repr_is_complete(kind):
            # A dataclass repr names the class and every field's repr (C-level for the strings
            # inside): ~10x faster than walking the fields here, and just as exact.
            result = b"R" + hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=16).digest()
        else:
            digest = hashlib.blake2b(digest_size=16)
            digest.update(f"{kind.__module__}.{kind.__qualname__}(".encode())
            for field in dataclasses.fields(value):
                self._feed(getattr(value, field.name), digest.update)
            result = b"D" + digest.digest()
        self._by_id[id(value)] = (value, result)  # keeps `value` alive, so its id is not reused
        return result


_complete_reprs: dict[type, bool] = {}


def _repr_is_complete(kind: type) -> bool:
    """True for dataclasses whose generated repr shows every field, with values of plain types only."""
    known = _complete_reprs.get(kind)
    if known is None:
        params = getattr(kind, "__dataclass_params__", None)
        generated = getattr(vars(kind).get("__repr__"), "__wrapped__", None)  # dataclasses' own, not a custom one
        known = _complete_reprs[kind] = bool(
            params and params.repr and params.frozen and generated is not None
            and generated.__code__.co_filename == "<string>"
            and vars(kind)["__repr__"].__code__.co_filename == dataclasses.__file__
            and all(field.repr for field in dataclasses.fields(kind)))
    return known


@dataclasses.dataclass
class BuildCache:
    """What the previous build left for the next one.

    Parsed files are kept in shards (by a hash of the path), and a save rewrites only the shards whose
    entries changed: after a one-file edit, one shard of a 10,000-event cache instead of all of it.
    """

    folder: Path
    code: str
    # path -> (signature, parsed value, its summary rendered to HTML (in memory or on disk: markup.remember) or None)
    parsed: dict[str, tuple[bytes, object, str | Spilled | None]] = dataclasses.field(default_factory=dict)
    # output folder -> (SiteShape, {path: (inputs digest, bytes digest, file signature)}, event stream records)
    pages: dict[str, tuple[object, dict[str, tuple], dict[str, tuple]]] = dataclasses.field(default_factory=dict)
    related: dict = dataclasses.field(default_factory=dict)  # {"key": order and placements, "rankings": ...}
    used: set[str] = dataclasses.field(default_factory=set)  # the parsed entries this build looked up: kept on save
    # The parsed entries as last saved or loaded, by shard (None once released: release_parsed).
    _stored: list[dict] | None = dataclasses.field(default_factory=lambda: [{} for _ in range(SHARDS)], repr=False)
    _aside: list[tuple[Path, Path]] = dataclasses.field(default_factory=list, repr=False)  # (written, its place)
    # Shards whose file this load is writing aside from chunks pickled by parse workers (add_chunk): the entries in it.
    _streamed: dict[int, dict] = dataclasses.field(default_factory=dict, repr=False)
    saves: bool = True  # False: only read (`timeline check`), so a load writes no shard aside

    @classmethod
    def open(cls, project_dir: Path, saves: bool = True) -> "BuildCache":
        """The cache beside config.yaml; empty when missing, unreadable, or written by other code (each shard on
        its own: a damaged shard costs only its files). `saves`: whether it will be saved."""
        folder = project_dir / CACHE_DIR
        code = code_fingerprint()
        build = _load(folder / "build.pickle", code)
        shards = [_load_shard(_shard_path(folder, index), code) for index in range(SHARDS)]
        parsed = {key: entry for shard in shards for key, entry in shard.items()}
        return cls(folder, code, parsed, build.get("pages", {}), build.get("related", {}), _stored=shards, saves=saves)

    def keep_entry(self, key: str, entry: tuple) -> None:
        """Hold a parsed entry in another form that pickles the same (its HTML kept on disk): unchanged for save."""
        stored = self._stored[shard_of(key)]
        if stored.get(key) is self.parsed.get(key):
            stored[key] = entry
        self.parsed[key] = entry

    def start_load(self) -> None:
        """Begin a load of the content: no file looked up yet, no shard being written from chunks."""
        self.used.clear()
        self._drop_streamed()

    def _drop_streamed(self) -> None:
        for index in self._streamed:
            _aside_name(_shard_path(self.folder, index)).unlink(missing_ok=True)
        self._streamed = {}

    @property
    def takes_chunks(self) -> bool:
        """Whether loads should hand parsed entries in as chunks (add_chunk): only a cache that will be saved (it has
        a code fingerprint, and `saves`) writes them."""
        return bool(self.code) and self.saves

    def add_chunk(self, shard: int, chunk: bytes, entries: dict[str, tuple]) -> None:
        """Write `chunk`, a pickle of parsed entries of that shard made by a parse worker, into the shard's file set
        aside for the next save; `entries` are those entries as `parsed` holds them. After a load that parsed every
        file in workers (a first build), each shard's file is then complete, and setting it aside takes no pickling
        here (~0.1 s of a 10,000-event build, ~2 s at 100,000, when no other process works). A cache that does not
        take chunks (takes_chunks) writes nothing."""
        if not self.takes_chunks:
            return
        temporary = _aside_name(_shard_path(self.folder, shard))
        streamed = self._streamed.get(shard)
        try:
            if streamed is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                with open(temporary, "wb") as file:
                    pickle.dump(self._shard_header(), file, protocol=pickle.HIGHEST_PROTOCOL)
                    file.write(chunk)
                streamed = self._streamed[shard] = {}
            else:
                with open(temporary, "ab") as file:
                    file.write(chunk)
        except OSError:  # the shard is written whole when set aside, which says what went wrong
            self._streamed.pop(shard, None)
            temporary.unlink(missing_ok=True)
            return
        streamed.update(entries)

    def _shard_header(self) -> dict:
        return {"format": FORMAT, "code": self.code}

    def save(self) -> None:
        """Write what changed, each file atomically (a kill leaves the old one or the new one); parsed entries
        that this build did not look up (files since deleted or renamed) are dropped, here and on disk.

        The pages' record goes first: a kill before the parsed entries are in place leaves entries older than the
        pages, which the next build compares with the files and reads again, never entries newer than the pages,
        which it would trust (and keep pages that show an edit's old text)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        _dump(self.folder / "build.pickle", {"code": self.code, "pages": self.pages, "related": self.related})
        if self._stored is not None:  # not set aside and let go of already (release_parsed)
            self.set_parsed_aside()
        for temporary, path in self._aside:
            os.replace(temporary, path)
        self._aside = []
        _remove_abandoned(self.folder)

    def set_parsed_aside(self) -> None:
        """Write the shards of parsed entries that changed into temporary files that the next save puts in place
        (until then, the cache on disk is the one the last build that published left)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        shards: list[dict] = [{} for _ in range(SHARDS)]
        for key, entry in self.parsed.items():
            if key in self.used:
                shards[shard_of(key)][key] = entry
        for index, (shard, stored) in enumerate(zip(shards, self._stored)):
            path = _shard_path(self.folder, index)
            streamed = self._streamed.pop(index, None)
            if streamed is not None and _same_entries(streamed, shard):  # written from the workers' chunks
                self._aside.append((_aside_name(path), path))
            elif len(shard) != len(stored) or any(stored.get(key) is not entry for key, entry in shard.items()):
                self._aside.append((_write_shard_aside(path, self._shard_header(), shard), path))
            elif streamed is not None:
                _aside_name(path).unlink(missing_ok=True)
        self._stored = shards
        self.parsed = {key: entry for shard in shards for key, entry in shard.items()}

    def discard_aside(self) -> None:
        """Delete what set_parsed_aside and add_chunk wrote (for a build that failed)."""
        for temporary, _ in self._aside:
            temporary.unlink(missing_ok=True)
        self._aside = []
        self._drop_streamed()

    def release_parsed(self) -> None:
        """Let go of the parsed entries (set aside first, when this cache is to be saved): a build in a process of
        its own needs them no more once the content is read. Their memory is not given back to the system, but the
        workers forked next fill it before taking more: 621 → 556 MB in the largest process at 100,000 events
        (bench/memory.py). A later save writes the rest of the cache and puts the parsed entries in place."""
        self.parsed, self.used, self._stored = {}, set(), None


SHARDS = 16


def shard_of(key: str) -> int:
    """The shard that keeps the parsed entry of a file (by a hash of its path)."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % SHARDS


def _shard_path(folder: Path, index: int) -> Path:
    return folder / f"parsed-{index:02d}.pickle"


def _same_entries(written: dict, wanted: dict) -> bool:
    """Whether a shard's file written from chunks holds exactly the entries wanted: the same keys, the same objects."""
    return written.keys() == wanted.keys() and all(written[key] is entry for key, entry in wanted.items())


def _load_shard(path: Path, code: str) -> dict:
    """A shard's entries: after its header, the chunks it was written in (see BuildCache.add_chunk), each a pickled
    dict; {} when missing, damaged, or written by other code."""
    try:
        with open(path, "rb") as file:
            if not _current(pickle.load(file), code):  # the header
                return {}
            entries: dict = {}
            while file.peek(1):  # a chunk cut short raises below: the whole shard is then damaged
                chunk = pickle.load(file)
                if not isinstance(chunk, dict):
                    return {}
                entries.update(chunk)
            return entries
    except _DAMAGED:
        return {}


def _load(path: Path, code: str) -> dict:
    """A cache file's contents, or {} when missing, damaged, or written by other code."""
    try:
        with open(path, "rb") as file:
            stored = pickle.load(file)
        if _current(stored, code):
            return stored
    except _DAMAGED:
        pass  # a damaged or foreign cache is only a slower build
    return {}


def _current(stored: object, code: str) -> bool:
    """Whether what a cache file starts with says it was written in this format by this code."""
    return isinstance(stored, dict) and stored.get("format") == FORMAT and stored.get("code") == code


_DAMAGED = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, KeyError, TypeError,
            ValueError)


def _dump(path: Path, contents: dict) -> None:
    os.replace(_write_aside(path, contents), path)


def _write_aside(path: Path, contents: dict) -> Path:
    """`contents` written beside `path` under a name of this process (see _remove_abandoned); returns that name."""
    temporary = _aside_name(path)
    with open(temporary, "wb") as file:
        pickle.dump({"format": FORMAT, **contents}, file, protocol=pickle.HIGHEST_PROTOCOL)
    return temporary


def _write_shard_aside(path: Path, header: dict, entries: dict) -> Path:
    """A shard written beside `path` (as _write_aside): its header, then its entries as one chunk."""
    temporary = _aside_name(path)
    with open(temporary, "wb") as file:
        pickle.dump(header, file, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(entries, file, protocol=pickle.HIGHEST_PROTOCOL)
    return temporary


def _aside_name(path: Path) -> Path:
    """Where this process writes `path` before putting it in place."""
    return path.with_name(f".{path.name}.{os.getpid()}")


def _remove_abandoned(folder: Path) -> None:
    """Delete the files that processes which have ended (killed before their save) wrote aside."""
    for temporary in folder.glob(".*.pickle.*"):
        pid = temporary.suffix[1:]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            temporary.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True
