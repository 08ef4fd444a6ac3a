"""Let a project's earlier builds finish settling before the next build is timed."""

from __future__ import annotations

import os
import time
from pathlib import Path

from generator.write import wait_until_free

# Seconds to wait (--settle) after deleting an output tree before timing the next build. This machine's disk (ext4
# without a journal) passes over recently freed inodes when it makes new ones, a lookup for each: making 12,000
# folders with a file each took 2.9-5.9 s of kernel time right after deleting such a tree, 0.8-4.0 s a minute or two
# later (bench/freed_inodes.py; its runs vary widely). A cold run starts by deleting the last one's output, which
# no user's build does; the wait takes some of that out of the times (a pause of 0 keeps it all in).
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

