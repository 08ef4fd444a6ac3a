"""`timeline check`: validate config and content and report every problem in one run."""

from __future__ import annotations

import argparse

from generator.commands.common import add_project_argument, report
from generator.errors import ContentError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)


def run(args: argparse.Namespace) -> int:
    from generator.build import render_site
    from generator.config import load_config

    try:
        config = load_config(args.project)
        # Rendering too (in memory) catches template mistakes, not just content ones.
        files = render_site(config, include_drafts=True)
    except ContentError as error:
        return report(error)
    pages = sum(1 for path in files if path.endswith(".html"))
    print(f"ok: {pages} pages would be built from {config.content_dir}")
    return 0
