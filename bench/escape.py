"""Rendering pages with our output escape against MarkupSafe's own, in one process, interleaved.

    .venv/bin/python bench/escape.py [--events 10000] [--pages 6000] [--rounds 9]

Templates escape every `{{ value }}` they write out. `generator.render` has them call `_escape_output`, which
gives MarkupSafe's bytes without making a `Markup` object per value; this benchmark renders the first N pages
of a generated corpus (bench/corpus.py) with it and with `markupsafe.escape`, each round with a new renderer
(templates compiled again, macro memo empty), alternating which goes first, checks the pages are byte-identical,
and prints the CPU time of each (median of the rounds after the first) and their ratio.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import markupsafe  # noqa: E402

import corpus  # noqa: E402
from generator import render  # noqa: E402
from generator.cache import BuildCache, Fingerprints  # noqa: E402
from generator.cachedload import organized  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.pages.html import SitePlanner  # noqa: E402
from generator.sitefiles import context_digest, process_renderer  # noqa: E402

OUT = ROOT / "bench" / "out" / "escape"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--pages", type=int, default=6000)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    project = OUT / f"corpus-{args.events}"
    config_file = project / "config.yaml"
    if not config_file.exists() or config_file.stat().st_mtime < (ROOT / "bench" / "corpus.py").stat().st_mtime:
        shutil.rmtree(project, ignore_errors=True)
        corpus.generate(args.events, project)
    gc.disable()  # as in a build
    config = load_config(project)
    assets = render.static_assets(config)
    context = context_digest(Fingerprints(), config, assets)
    timeline = organized(config, BuildCache(config.project_dir, ""), False, None, context, None)[1]
    paths = SitePlanner(timeline, config).paths()[: args.pages]
    ours = render._escape_output
    seconds: dict[str, list[float]] = {"ours": [], "markupsafe": []}
    reference = None
    for number in range(args.rounds):
        for name in ("ours", "markupsafe") if number % 2 else ("markupsafe", "ours"):
            render._escape_output = ours if name == "ours" else markupsafe.escape  # read as templates compile
            planner, renderer = SitePlanner(timeline, config), process_renderer([], config, assets, None)
            started = time.process_time()
            pages = [renderer.render(planner.plan(path)) for path in paths]
            seconds[name].append(time.process_time() - started)
            if reference is None:
                reference = pages
            elif pages != reference:
                raise SystemExit("the two escapes gave different pages")
    render._escape_output = ours
    median = {name: statistics.median(times[1:]) for name, times in seconds.items()}
    print(f"{len(paths)} pages of {args.events} events, {args.rounds} rounds (the first left out), CPU seconds:")
    for name, times in seconds.items():
        print(f"  {name:<10} median {median[name]:.3f} s  ({', '.join(f'{t:.2f}' for t in times)})")
    print(f"  ours / markupsafe: {median['ours'] / median['markupsafe']:.2f}x")


if __name__ == "__main__":
    main()
