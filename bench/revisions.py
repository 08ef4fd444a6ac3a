"""`timeline build` after a one-event edit (or cold), for several git revisions of this repository, interleaved.

    .venv/bin/python bench/revisions.py cc4fd78 HEAD [--events 10000] [--edits 5]
    .venv/bin/python bench/revisions.py cc4fd78 HEAD --cold 3 [--settle 65]

Each revision is checked out into bench/out/revisions/<rev>/code (git worktree) and builds its own copy
of the N-event corpus (bench/corpus.py), so the caches of different code never meet. After two warm-up
builds (a cold one, then one that leaves the spare tree), each round changes one event's title in every
copy and times `python -m generator build` of each revision in turn (process start included), so all
revisions see the same machine load. Prints every round and the median per revision.

With `--after-full`, each round first changes the site's title in every copy and builds (every page rendered
again, untimed), then waits until no background process holds the spare tree, and times the edit build that
follows: the first edit after a full rebuild.

With `--cold N`, each of N rounds instead times a cold build of each revision in turn, each into a new output
folder with no cache (as bench/build.py does: no build makes files where a tree was just deleted; the outputs are
deleted at the end), and reports CPU time (user + system, the build's worker processes included) beside wall time:
CPU time is what a change to the code moves, and wall time on two cores follows it. User time is shown on its own
too: system time is mostly the file system making inodes, which on this machine's disk varies from folder to folder
and from minute to minute (see bench/settle.py) whatever the code. `--outputs DIR` puts the cold builds' outputs
under DIR instead of beside each project (a tmpfs such as /dev/shm takes the disk out of the comparison).
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
os.environ["TIMELINE_SERVER"] = "off"  # each build in its own process, none leaving a build server behind
OUT = ROOT / "bench" / "out" / "revisions"
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402
from bytecode import compile_generator  # noqa: E402
from settle import before_cold_build, cold_output, settle  # noqa: E402


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


def build(code: Path, project: Path, *extra: str) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds of the build and its workers, of which in user mode) of `timeline build` with
    `code`."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "-C", str(project), *extra],
                               cwd=code, env={**os.environ, "PYTHONPATH": str(code)}, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"the build of {project} with {code} failed")
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_utime


def cold_rounds(copies: list[tuple[str, Path, Path]], rounds: int, outputs: Path | None) -> dict[str, list[tuple]]:
    """Cold builds of every copy, round after round, each into a new folder (under `outputs` if given): (wall, CPU,
    user CPU) seconds per revision."""
    times: dict[str, list[tuple[float, float, float]]] = {commit: [] for commit, _, _ in copies}
    roots = {commit: project if outputs is None else outputs / commit for commit, _, project in copies}
    for round_ in range(1, rounds + 1):
        for commit, code, project in copies:
            before_cold_build(project, round_)
            settle(cold_output(roots[commit], round_ - 1))
            times[commit].append(build(code, project, "-o", str(cold_output(roots[commit], round_) / "site")))
            wall, cpu, user = times[commit][-1]
            print(f"round {round_} {commit} {wall:.2f} s, CPU {cpu:.2f} s (user {user:.2f} s)", flush=True)
    for root in roots.values():
        settle(cold_output(root, rounds))
        shutil.rmtree(cold_output(root, rounds).parent)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs="+")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--after-full", action="store_true", help="time the first edit after a full rebuild")
    parser.add_argument("--cold", type=int, default=0, metavar="ROUNDS",
                        help="time this many rounds of cold builds instead of edits")
    parser.add_argument("--outputs", type=Path, metavar="DIR",
                        help="with --cold: the builds' outputs under DIR (e.g. a tmpfs), not beside each project")
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
    if args.cold:
        for commit, measured in cold_rounds(copies, args.cold, args.outputs).items():
            walls, cpus, users = ([times[i] for times in measured] for i in range(3))
            print(f"{commit}: cold, median {statistics.median(walls):.2f} s ({min(walls):.2f}–{max(walls):.2f} s), "
                  f"CPU {statistics.median(cpus):.2f} s ({min(cpus):.2f}–{max(cpus):.2f} s), user "
                  f"{statistics.median(users):.2f} s ({min(users):.2f}–{max(users):.2f} s), {len(walls)} builds "
                  f"of {args.events} events")
        print(f"(load average: {os.getloadavg()[0]:.1f})")
        return 0
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
            times[commit].append(build(code, project)[0])
            print(f"round {round_} {commit} {times[commit][-1]:.3f} s", flush=True)
    for commit, seconds in times.items():
        print(f"{commit}: median {statistics.median(seconds):.3f} s ({min(seconds):.3f}–{max(seconds):.3f} s, "
              f"{len(seconds)} edits of {args.events} events)")
    print(f"(load average: {os.getloadavg()[0]:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
