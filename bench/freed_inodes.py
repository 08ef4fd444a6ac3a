"""How long the disk takes to make a site-like tree when it is settled, right after deleting such a tree, and after a pause.

    .venv/bin/python bench/freed_inodes.py [--folders 12000] [--pause 65] [--where bench/out]

Some file systems skip recently freed inodes when they make new ones (ext4 without a journal passes over an
inode freed in the last minute, with a lookup for each), so making files right after deleting many is slower
than on a settled disk. A cold-build benchmark deletes the last run's output before each run, which no user's
build does: this is why bench/build.py waits (--settle) after deleting a tree before it times a build.

Makes `--folders` folders, each holding one 8 KB file (as a site's event pages stand), three times: after a pause
with nothing deleted, right after deleting the same tree, and after deleting it and pausing again. Prints the
wall time and this process's kernel CPU time of each.
"""

from __future__ import annotations

import argparse
import os
import shutil
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = b"x" * 8192


def make_tree(root: Path, folders: int) -> tuple[float, float]:
    """(wall seconds, kernel CPU seconds) to make `folders` folders under `root`, one file in each."""
    (root / "events").mkdir(parents=True)
    started, before = time.perf_counter(), os.times()
    for index in range(folders):
        folder = f"{root}/events/e{index}"
        os.mkdir(folder)
        descriptor = os.open(f"{folder}/index.html", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(descriptor, PAGE)
        finally:
            os.close(descriptor)
    return time.perf_counter() - started, os.times().system - before.system


def delete_tree(root: Path) -> None:
    shutil.rmtree(root)
    os.sync()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folders", type=int, default=12_000)
    parser.add_argument("--pause", type=float, default=65.0, help="seconds to wait for a settled disk")
    parser.add_argument("--where", type=Path, default=ROOT / "bench" / "out", help="a folder on the disk to test")
    args = parser.parse_args(argv)
    root = args.where / "freed-inodes"
    if root.exists():
        delete_tree(root)
    print(f"{args.folders} folders with a file each, under {root}:")
    cases = []
    time.sleep(args.pause)
    cases.append(("settled", make_tree(root, args.folders)))
    delete_tree(root)
    cases.append(("right after deleting it", make_tree(root, args.folders)))
    delete_tree(root)
    time.sleep(args.pause)
    cases.append((f"{args.pause:.0f} s after deleting it", make_tree(root, args.folders)))
    delete_tree(root)
    for name, (wall, kernel) in cases:
        print(f"  {name:>28}: {wall:6.2f} s wall, {kernel:6.2f} s in the kernel")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
