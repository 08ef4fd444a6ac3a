"""What a one-event edit build cannot do without, timed on this machine, beside the edit build itself.

    .venv/bin/python bench/floor.py [--events 10000] [--runs 7]

Any `timeline build` after an edit must at least start Python and import the libraries that parse the
edited file and render its pages (PyYAML, Jinja2, MarkupSafe, nh3), look at every content file to find
what changed (one `stat` each), and write the event exports again, since each holds every event (the
bytes copied in the kernel with copy_file_range, the cheapest way to rewrite a file). Their sum is a
floor for any design that keeps those exports whole; the benchmark prints it beside our own import time
and a real edit build, each the median of `--runs`, and the ratio of each to the 150 ms target.
The project is a generated N-event corpus (bench/corpus.py) built twice first (cold, then with a spare).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ["TIMELINE_SERVER"] = "off"  # each build in its own process, none leaving a build server behind
OUT = ROOT / "bench" / "out" / "floor"
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402
from bytecode import compile_generator  # noqa: E402

EXPORTS = ("events.json", "events.csv", "events.ics", "timeline.json", "search.json")
TARGET = 0.150  # seconds


def command(*args: str, cwd: Path = ROOT) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, cwd=cwd, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def stat_all(folder: Path) -> float:
    names = [os.path.join(folder, name) for name in os.listdir(folder)]
    started = time.perf_counter()
    for name in names:
        os.stat(name)
    return time.perf_counter() - started


def copy_exports(site: Path) -> float:
    with tempfile.TemporaryDirectory(dir=OUT) as scratch:
        started = time.perf_counter()
        for name in EXPORTS:
            source = os.open(site / name, os.O_RDONLY)
            target = os.open(os.path.join(scratch, name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                size, done = os.fstat(source).st_size, 0
                while done < size:
                    done += os.copy_file_range(source, target, size - done)
            finally:
                os.close(source)
                os.close(target)
        return time.perf_counter() - started


def edit_build(project: Path, round_: int) -> float:
    events = sorted((project / "content" / "events").iterdir())
    path = events[(round_ * 7919) % len(events)]
    path.write_text(path.read_text().replace('title: "', f'title: "Floor {round_}: ', 1))
    return command("-m", "generator", "build", "-C", str(project))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    compile_generator(ROOT)
    OUT.mkdir(parents=True, exist_ok=True)
    project = OUT / f"project-{args.events}"
    shutil.rmtree(project, ignore_errors=True)
    corpus.generate(args.events, project)
    command("-m", "generator", "build", "-C", str(project))
    command("-m", "generator", "build", "-C", str(project))
    site = project / "site"
    exported = sum((site / name).stat().st_size for name in EXPORTS)
    steps = {
        "start Python": lambda _: command("-c", "pass"),
        "import PyYAML, Jinja2, MarkupSafe, nh3 (with the start)": lambda _: command(
            "-c", "import yaml, jinja2, markupsafe, nh3"),
        f"stat {args.events} event files": lambda _: stat_all(project / "content" / "events"),
        f"copy the event exports ({exported / 1e6:.0f} MB)": lambda _: copy_exports(site),
        "import timeline's build (with the start)": lambda _: command(
            "-c", "import generator.commands.build, generator.build"),
        "timeline build after a title edit": lambda round_: edit_build(project, round_),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for round_ in range(1, args.runs + 1):  # interleaved, so every step sees the same machine load
        for name, step in steps.items():
            times[name].append(step(round_))
    medians = {name: statistics.median(seconds) for name, seconds in times.items()}
    names = list(steps)
    floor = medians[names[1]] + medians[names[2]] + medians[names[3]]
    for name in names:
        print(f"{name:<56} {medians[name] * 1000:7.0f} ms  ({min(times[name]) * 1000:.0f}–"
              f"{max(times[name]) * 1000:.0f})")
    print(f"{'floor: libraries + stat + exports':<56} {floor * 1000:7.0f} ms  = {floor / TARGET:.2f}x the "
          f"150 ms target")
    print(f"edit build: {medians[names[-1]] / floor:.2f}x the floor, {medians[names[-1]] / TARGET:.2f}x the target "
          f"({args.runs} runs, {args.events} events, load average {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
