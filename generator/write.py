"""Write the site atomically: into a temporary folder beside the output, then swap it in."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import posixpath
import shutil
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2  # from <linux/fs.h>


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
    for stale in output.parent.glob(f".{output.name}.build-*"):
        shutil.rmtree(stale, ignore_errors=True)
    previous = output.parent / f".{output.name}.previous"
    if previous.exists() and not output.exists():
        previous.rename(output)  # a kill between the two fallback renames: put the old site back
    elif previous.exists():
        shutil.rmtree(previous, ignore_errors=True)


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    """Write every file under `root`, creating folders as needed."""
    made: set[str] = set()
    for relative, data in files.items():
        relative = safe_relative(relative)
        folder = posixpath.dirname(relative)
        if folder and folder not in made:
            (root / folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        (root / relative).write_bytes(data)


def publish(files: dict[str, bytes], output: Path) -> None:
    """Replace `output` with exactly `files`; a failure or kill at any moment leaves a complete site."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    _clean_stale(output)
    for path in files:
        safe_relative(path)  # refuse before writing anything
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.build-", dir=output.parent))
    try:
        write_tree(staging, files)
        os.chmod(staging, 0o755)
        if not output.exists():
            staging.rename(output)
            return
        if _exchange(staging, output):
            shutil.rmtree(staging)  # now holds the previous site
            return
        previous = output.parent / f".{output.name}.previous"
        output.rename(previous)
        staging.rename(output)
        shutil.rmtree(previous)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
