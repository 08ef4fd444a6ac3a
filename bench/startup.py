"""Start-up cost: `timeline --help`, `timeline build` of the bundled timeline, and what they import.

    .venv/bin/python bench/startup.py [--runs 15]

Prints the median and minimum wall time of each command (a fresh interpreter each run, as a user
starts it), the bare interpreter for comparison, and the slowest imports of `timeline build`
from `python -X importtime`. The target: `timeline --help` within 150 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bytecode import compile_generator  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
os.environ["TIMELINE_SERVER"] = "off"  # each build in its own process, none leaving a build server behind
TIMELINE = Path(sys.executable).with_name("timeline")


def wall(command: list[str], runs: int) -> tuple[float, float, float]:
    """(median, min, median CPU) seconds over `runs` runs."""
    times, cpu = [], []
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - started)
        cpu.append(usage.ru_utime + usage.ru_stime)
        if os.waitstatus_to_exitcode(status):
            raise SystemExit(f"{' '.join(command)} failed")
    return statistics.median(times), min(times), statistics.median(cpu)


def slowest_imports(command: list[str], count: int = 12) -> list[tuple[int, str]]:
    """(cumulative microseconds, module) of the slowest top-level imports."""
    result = subprocess.run([sys.executable, "-X", "importtime", *command], cwd=ROOT, capture_output=True, text=True)
    rows = []
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match[2]) <= 2:  # top-level and first-level imports
            rows.append((int(match[1]), match[3]))
    return sorted(rows, reverse=True)[:count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    compile_generator(ROOT)
    output = Path(tempfile.mkdtemp(prefix="timeline-startup-"))
    try:
        build = [str(TIMELINE), "build", "-C", str(ROOT), "--output", str(output / "site")]
        subprocess.run(build, check=True, capture_output=True)  # the cache a previous build leaves
        rows = [
            ("python -c pass (interpreter alone)", [sys.executable, "-c", "pass"]),
            ("timeline --help", [str(TIMELINE), "--help"]),
            ("timeline build (bundled timeline, cached)", build),
            ("timeline build --no-cache (bundled timeline)", [*build, "--no-cache"]),
        ]
        print(f"{'command':<48} {'median':>8} {'min':>8} {'cpu':>8}")
        for label, command in rows:
            median, fastest, cpu = wall(command, args.runs)
            print(f"{label:<48} {median * 1000:>6.0f}ms {fastest * 1000:>6.0f}ms {cpu * 1000:>6.0f}ms")
        print("\nslowest imports of `timeline build` (cumulative):")
        for micros, module in slowest_imports(["-m", "generator", "build", "-C", str(ROOT), "--output",
                                               str(output / "site")]):
            print(f"  {micros / 1000:>7.1f} ms  {module}")
        print(f"\nload average: {os.getloadavg()[0]:.1f} (other work on the machine inflates wall times; "
              f"cpu is the command's own)")
    finally:
        shutil.rmtree(output, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
