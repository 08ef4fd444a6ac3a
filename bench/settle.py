"""Let a project's earlier builds finish settling before the next build is timed."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from generator.write import wait_until_free

# Seconds to wait (--settle) after deleting an output tree before timing the next build, when a benchmark is asked
# to build where the last output was deleted (bench/build.py --delete-before). This machine's disk (ext4 without a
# journal) will not reuse an inode freed less than 60 s ago, or 300 s while its inode table block is dirty, which
# a build making thousands of inodes keeps it: each new inode is found after a lookup per freed one (a cold 10k
# build spent 9.4 s in the kernel 65 s after a deletion, 1.6 s in a new folder). The benchmarks therefore build
# each cold run into a new folder, and this pause serves only the old way of timing.
SETTLE_SECONDS = 65.0


def settle(project: Path, pause: float = 0.0) -> None:
    """End the after-effects of earlier runs before timing the next one, for any generator: the processes a build
    leaves to finish in the background (the spare tree's mirror, the old site's removal: each holds its folder's
    lock until done), the kernel's write-back of what was written or deleted so far, and then, after a deletion,
    `pause` seconds (see SETTLE_SECONDS)."""
    for folder in project.glob(".site.*"):
        wait_until_free(folder)  # the lock the generator's background processes hold
    os.sync()
    time.sleep(pause)



COLD_RUNS = "cold-runs"  # in each project: a new output folder per timed cold build, deleted when the benchmark ends


def cold_output(root: Path, round_: int) -> Path:
    """The folder of a timed cold build's output (and of the spare tree a build keeps beside it): a new one for each
    build, so none makes files where a tree was just deleted (see SETTLE_SECONDS)."""
    return root / COLD_RUNS / f"run-{round_}"


def before_cold_build(project: Path, round_: int) -> None:
    """Ready `project` for a timed cold build into cold_output(project, round_): the last one's spare tree, mirrored
    in the background, finished; the cache (a few files, no tree's worth of inodes) deleted; the machine settled."""
    settle(cold_output(project, round_ - 1))
    shutil.rmtree(project / ".timeline-cache", ignore_errors=True)
    settle(project)
