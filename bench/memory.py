"""Where a cold build's memory goes: the resident size of every process of `timeline build`, sampled as it runs.

    .venv/bin/python bench/memory.py [N ...] [--interval 0.1] [--jobs J] [--cache] [--allocations]

For each N, takes the N-event corpus of bench/build.py (generated there if missing) and runs one cold
`timeline build --no-cache --no-server` into a new folder (with `--cache`: writing a new build cache, as
bench/build.py's cold builds do), reading VmRSS from /proc/PID/status of the build and
of every process under it each `--interval` seconds. Prints the build process's peak; for each wave of processes
it forks (those that start together: the workers that parse the content (the articles and the events
together); the workers that render and write the site; the one that makes the spare tree after the
swap), the build process's RSS when the wave starts (a forked process's RSS counts every page it shares with its
parent, so that figure is the floor of the wave); for each process, its RSS when first seen, its peak and what it
grew by; and the largest single process from wait4, which is the "peak RSS" bench/build.py reports (sampling
misses peaks shorter than the interval). With `--allocations`, the build runs under bench/allocations.py and each
render worker's largest allocation sites are printed too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from allocations import resident_mb  # noqa: E402
from build import OUT, prepare  # noqa: E402
from bytecode import compile_generator  # noqa: E402
from settle import settle  # noqa: E402


def descendants(pid: int) -> list[int]:
    """`pid` and every process under it."""
    found = [pid]
    try:
        for thread in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{thread}/children") as children:
                for child in children.read().split():
                    found += descendants(int(child))
    except OSError:  # ended meanwhile
        pass
    return found


class Trace:
    """Per process: when it was first and last seen, its RSS when first seen and its peak."""

    def __init__(self, root: int):
        self.root = root
        self.first: dict[int, tuple[float, float]] = {}  # pid -> (seconds, RSS) when first seen
        self.last_seen: dict[int, float] = {}
        self.peak: dict[int, float] = {}
        self.root_at: dict[int, float] = {}  # worker pid -> the build process's RSS when the worker was first seen

    def sample(self, now: float) -> None:
        sizes = {pid: resident_mb(pid) for pid in descendants(self.root)}
        for pid, size in sizes.items():
            if size is None:
                continue
            if pid not in self.first:
                self.first[pid] = (now, size)
                if pid != self.root and sizes.get(self.root) is not None:
                    self.root_at[pid] = sizes[self.root]
            self.last_seen[pid] = now
            self.peak[pid] = max(self.peak.get(pid, 0.0), size)

    def waves(self) -> list[list[int]]:
        """The workers in groups that run at the same time, in order of appearance."""
        groups: list[list[int]] = []
        for pid in sorted((p for p in self.first if p != self.root), key=lambda p: self.first[p][0]):
            if groups and self.first[pid][0] <= max(self.last_seen[p] for p in groups[-1]):
                groups[-1].append(pid)
            else:
                groups.append([pid])
        return groups


def traced_build(project: Path, output: Path, interval: float, jobs: str | None,
                 allocations: Path | None, cache: bool = False) -> tuple[Trace, float, float]:
    """One cold build of `project` into `output`, traced (`allocations`: with bench/allocations.py reporting into
    that folder; `cache`: writing a new build cache); (the trace, wall seconds, wait4's largest process in MB)."""
    runner = [str(ROOT / "bench" / "allocations.py"), str(allocations)] if allocations else ["-m", "generator"]
    shutil.rmtree(project / ".timeline-cache", ignore_errors=True)
    command = [sys.executable, *runner, "build", "-C", str(project), "-o", str(output),
               *([] if cache else ["--no-cache"]), "--no-server", *(["--jobs", jobs] if jobs else [])]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    trace = Trace(process.pid)
    while True:
        trace.sample(time.perf_counter() - started)
        ended, status, usage = os.wait4(process.pid, os.WNOHANG)
        if ended:
            break
        time.sleep(interval)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return trace, elapsed, usage.ru_maxrss / 1024


def report(n: int, trace: Trace, elapsed: float, largest: float) -> None:
    """What one traced build shows, process by process."""
    first, peak = trace.first, trace.peak
    print(f"\n{n:,} events: a cold build in {elapsed:.1f} s; largest process {largest:,.0f} MB (wait4)")
    print(f"  build process: peak {peak[trace.root]:,.0f} MB")
    for number, wave in enumerate(trace.waves(), 1):
        at_fork = min(trace.root_at.get(pid, 0.0) for pid in wave)
        print(f"  wave {number} from {first[wave[0]][0]:.1f} s, the build process then at {at_fork:,.0f} MB:")
        for pid in wave:
            start, size = first[pid]
            grew = peak[pid] - size
            print(f"    process: {size:,.0f} MB first seen, peak {peak[pid]:,.0f} MB (grew {grew:,.0f} MB), "
                  f"ran {start:.1f}-{trace.last_seen[pid]:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", nargs="*", type=int, default=[10_000])
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between samples (default 0.1)")
    parser.add_argument("--jobs", help="passed to `timeline build --jobs`")
    parser.add_argument("--cache", action="store_true", help="build with a new build cache (as bench/build.py does)")
    parser.add_argument("--allocations", action="store_true",
                        help="trace each render worker's allocations (bench/allocations.py; much slower) and print "
                             "their largest sites")
    args = parser.parse_args(argv)
    compile_generator(ROOT)
    for n in args.events:
        project, _ = prepare(n)
        output = OUT / f"memory-run-{n}"
        shutil.rmtree(output, ignore_errors=True)
        allocations = output / "allocations" if args.allocations else None
        try:
            report(n, *traced_build(project, output / "site", args.interval, args.jobs, allocations, args.cache))
            for path in sorted(allocations.glob("worker-*.txt")) if allocations else []:
                print(f"\n  allocations kept by {path.stem}, at its last report (its largest RSS, to within 20 MB):")
                print("".join(f"    {line}\n" for line in path.read_text().splitlines()), end="")
        finally:
            settle(output)  # the spare tree the build mirrors in the background, done
            shutil.rmtree(output, ignore_errors=True)
            shutil.rmtree(project / ".timeline-cache", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
