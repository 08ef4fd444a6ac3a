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


def counted(count: int, noun: str) -> str:
    """`1 event`, `2 events`, `0 events`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def report(error: ContentError) -> int:
    """Print every problem to stderr and return the content-error exit code."""
    for problem in error.problems:
        print(problem, file=sys.stderr)
    print(f"{counted(len(error.problems), 'problem')} found", file=sys.stderr)
    return 1
