"""`timeline timex`: the temporal tagger on its own, text + publication date → expressions as JSON or TimeML."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from dataclasses import asdict
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    parser.add_argument("--published", metavar="YYYY-MM-DD",
                        help="publication date that relative expressions count from (without it they stay unresolved)")
    parser.add_argument("--format", choices=("json", "timeml"), default="json", help="output format (default: json)")


def run(args: argparse.Namespace) -> int:
    from generator.errors import ContentError
    from generator.extract.articles import read_text
    from generator.extract.timex import tag, to_timeml

    published = None
    if args.published:
        try:
            published = datetime.date.fromisoformat(args.published)
        except ValueError:
            print(f"timeline timex: --published: `{args.published}` is not a YYYY-MM-DD date\n"
                  f"  hint: e.g. --published 2020-09-03", file=sys.stderr)
            return 2
    if args.file == "-":
        text = sys.stdin.read()
    else:
        path = Path(args.file)
        if not path.is_file():
            print(f"{args.file}:1:1: (file): no such file\n  hint: check the path", file=sys.stderr)
            return 2
        try:
            text = read_text(path, args.file)
        except ContentError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            return 1
    timexes = tag(text, published)
    if args.format == "timeml":
        sys.stdout.write(to_timeml(text, timexes))
        if not text.endswith("\n"):
            sys.stdout.write("\n")
        return 0
    document = {"published": published.isoformat() if published else None,
                "timexes": [asdict(t) for t in timexes]}
    print(json.dumps(document, ensure_ascii=False, indent=2))
    return 0
