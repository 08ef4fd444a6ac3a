"""`timeline build`: write the whole site into the output folder, atomically."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.commands.common import add_project_argument, report
from generator.errors import ContentError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("--drafts", action="store_true", help="include events with `status: draft`")
    parser.add_argument("--base-url", metavar="URL", help="override `base_url` (e.g. the GitHub Pages address)")
    parser.add_argument("-o", "--output", type=Path, metavar="DIR", help="override `output_dir`")
    parser.add_argument("-j", "--jobs", type=int, metavar="N",
                        help="worker processes for big sites (default: one per core; 1: none)")
    parser.add_argument("--timings", action="store_true", help="print the time of each build phase to stderr")
    parser.add_argument("--no-cache", action="store_true",
                        help="ignore and leave alone .timeline-cache/ (a clean build of every page)")


def run(args: argparse.Namespace) -> int:
    from generator.build import build
    from generator.config import load_config

    started = time.perf_counter()
    try:
        overrides = {"base_url": args.base_url} if args.base_url else {}
        config = load_config(args.project, overrides)
        result = build(config, include_drafts=args.drafts, output=args.output.resolve() if args.output else None,
                       jobs=args.jobs, use_cache=not args.no_cache)
    except ContentError as error:
        print("build failed; the previous site was left as it was", file=sys.stderr)
        return report(error)
    elapsed = time.perf_counter() - started
    print(f"built {result.events} events, {result.pages} pages, {result.files} files into {result.output} "
          f"in {elapsed:.2f} s ({result.rendered} pages rendered, the rest unchanged)")
    if args.timings:
        for phase, seconds in result.phases:
            print(f"  {phase:<20} {seconds * 1000:>8.0f} ms", file=sys.stderr)
    return 0
