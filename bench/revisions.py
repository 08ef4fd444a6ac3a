"""`timeline build` after a one-event edit, for several git revisions of this repository, interleaved.

    .venv/bin/python bench/revisions.py cc4fd78 HEAD [--events 10000] [--edits 5]

Each revision is checked out into bench/out/revisions/<rev>/code (git worktree) and builds its own copy
of the N-event corpus (bench/corpus.py), so the caches of different code never meet. After two warm-up
builds (a cold one, then one that leaves the spare tree), each round changes one event's title in every
copy and times `python -m generator build` of each revision in turn (process start included), so all
revisions see the same machine load. Prints every round and the median per revision.

With `--after-full`, each round first changes the site's title in every copy and builds (every page rendered
again, untimed), then waits until no background process holds the spare tree, and times the edit build that
follows: the first edit after a full rebuild.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "revisions"
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402
from bytecode import compile_generator  # noqa: E402
from settle import settle  # noqa: E402


def checkout(revision: str) -> tuple[str, Path]:
    """(commit, folder holding that commit's code)."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", revision], check=True,
                            capture_output=True, text=True).stdout.strip()
    code = OUT / commit / "code"
    if not code.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(code), commit],
                       check=True, capture_output=True)
    compile_generator(code)
    return commit, code


def build(code: Path, project: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "build", "-C", str(project)], check=True,
                   cwd=code, env={**os.environ, "PYTHONPATH": str(code)}, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs="+")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--after-full", action="store_true", help="time the first edit after a full rebuild")
    args = parser.parse_args(argv)
    sources = OUT / f"corpus-{args.events}"
    if not (sources / "config.yaml").exists():
        corpus.generate(args.events, sources)
    copies = []
    for revision in args.revisions:
        commit, code = checkout(revision)
        project = OUT / commit / f"project-{args.events}"
        shutil.rmtree(project, ignore_errors=True)
        shutil.copytree(sources, project)
        build(code, project)
        build(code, project)
        copies.append((commit, code, project))
    times: dict[str, list[float]] = {commit: [] for commit, _, _ in copies}
    for round_ in range(1, args.edits + 1):
        if args.after_full:
            for commit, code, project in copies:
                config = project / "config.yaml"
                config.write_text(re.sub(r"(?m)^title: .*$", f"title: Round {round_}", config.read_text()))
                build(code, project)
        for commit, code, project in copies:
            events = sorted((project / "content" / "events").iterdir())
            path = events[(round_ * 7919) % len(events)]
            path.write_text(path.read_text().replace('title: "', f'title: "Edit {round_}: ', 1))
            settle(project)  # the background work and write-back of earlier builds land before this one, not in it
            times[commit].append(build(code, project))
            print(f"round {round_} {commit} {times[commit][-1]:.3f} s", flush=True)
    for commit, seconds in times.items():
        print(f"{commit}: median {statistics.median(seconds):.3f} s ({min(seconds):.3f}–{max(seconds):.3f} s, "
              f"{len(seconds)} edits of {args.events} events)")
    print(f"(load average: {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
