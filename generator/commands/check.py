"""`timeline check`: validate config and content and report every problem in one run."""

from __future__ import annotations

import argparse

from generator.commands.common import add_project_argument, counted, report
from generator.errors import ContentError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("-j", "--jobs", type=int, metavar="N",
                        help="worker processes for big sites (default: one per core)")


def run(args: argparse.Namespace) -> int:
    from generator.build import check_site
    from generator.config import load_config

    try:
        config = load_config(args.project)
        # Rendering too (in memory) catches template mistakes, not just content ones.
        pages = check_site(config, args.jobs)
    except ContentError as error:
        return report(error)
    print(f"ok: {counted(pages, 'page')} would be built from {config.content_dir}")
    return 0
