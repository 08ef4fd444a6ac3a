"""Options and error reporting shared by the commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # not imported to run: a build the build server answers needs none of it
    from generator.errors import ContentError


def add_project_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-C", "--project", type=Path, default=Path("."), metavar="DIR",
                        help="the timeline project folder (holds config.yaml; default: current folder)")


def report(error: ContentError) -> int:
    """Print every problem to stderr and return the content-error exit code."""
    for problem in error.problems:
        print(problem, file=sys.stderr)
    count = len(error.problems)
    print(f"{count} problem{'s' if count != 1 else ''} found", file=sys.stderr)
    return 1
