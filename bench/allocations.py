"""`timeline build` with tracemalloc in each render worker: what each keeps, by the lines that allocated it.

    .venv/bin/python bench/allocations.py REPORT_FOLDER build -C PROJECT ...  (as bench/memory.py --allocations does)

Each forked render worker starts tracing when it takes its first part of the site, and after any part that left it
more than 20 MB larger (RSS) than its last report, writes REPORT_FOLDER/worker-PID.txt: its RSS, the size traced
since it started, and the 30 largest allocation sites (the three innermost frames of each). Tracing makes the build
several times slower and its workers larger; the sites and their sizes are what to read from it.
"""

from __future__ import annotations

import os
import sys
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import cli, sitefiles  # noqa: E402

REPORT_EVERY_MB = 20
SITES = 30


def resident_mb(pid: int) -> float | None:
    """The resident set size of `pid` in MB (None once it has ended)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


_original = sitefiles._site_part
_folder = Path()
_last_report = 0


def traced_part(shared, work):
    """sitefiles._site_part, tracing its process's allocations from its first call (module-level: the pool pickles
    it by name)."""
    global _last_report
    if not tracemalloc.is_tracing():
        tracemalloc.start(3)
        _last_report = resident_mb(os.getpid())
    result = _original(shared, work)
    size = resident_mb(os.getpid())
    if size - _last_report > REPORT_EVERY_MB:
        _last_report = size
        report(_folder / f"worker-{os.getpid()}.txt", size)
    return result


def report(path: Path, size: float) -> None:
    statistics = tracemalloc.take_snapshot().statistics("traceback")
    lines = [f"RSS {size:.0f} MB; traced since the first part: {sum(s.size for s in statistics) / 1e6:.1f} MB"]
    for statistic in statistics[:SITES]:
        frames = " <- ".join(f"{Path(frame.filename).name}:{frame.lineno}" for frame in reversed(statistic.traceback))
        lines.append(f"{statistic.size / 1e6:8.2f} MB {statistic.count:9,} blocks  {frames}")
    path.write_text("\n".join(lines) + "\n")


def main() -> int:
    global _folder
    _folder = Path(sys.argv[1])
    _folder.mkdir(parents=True, exist_ok=True)
    sitefiles._site_part = traced_part
    return cli.main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
