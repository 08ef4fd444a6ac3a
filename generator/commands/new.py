"""`timeline new`: write a new, valid event file (never replacing an existing one)."""

from __future__ import annotations

import argparse
import sys

from generator.commands.common import add_project_argument


OPTION_OF_FIELD = {"tags": "tag", "actors": "actor", "sources[0].url": "source-url", "sources[0].quote": "quote"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("title", help="the event's headline")
    parser.add_argument("--date", required=True, help="YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www (~ approximate, ? uncertain)")
    parser.add_argument("--end", help="last day of a range, same forms as --date")
    parser.add_argument("--summary", help="what happened, in Markdown")
    parser.add_argument("--tag", action="append", default=[], help="a tag (repeat for several)")
    parser.add_argument("--actor", action="append", default=[], help="a person or organisation (repeat for several)")
    parser.add_argument("--source-url", help="address of a source reporting it")
    parser.add_argument("--quote", help="the exact supporting words from that source")
    parser.add_argument("--id", help="the event id / file name (default: date and title)")
    parser.add_argument("--draft", action="store_true", help="mark it `status: draft`")
    add_project_argument(parser)


def event_id(date: str, title: str) -> str:
    """`2018-09-12-treasury-sanctions-...`: date first so files sort in time order, at most ~80 characters."""
    from generator.model import slugify

    words = slugify(title).split("-")
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 60:
            break
        slug = f"{slug}-{word}" if slug else word
    prefix = slugify(date.rstrip("~?"))
    return f"{prefix}-{slug}" if slug else prefix


def run(args: argparse.Namespace) -> int:
    from generator.config import load_config
    from generator.content.events import read_event
    from generator.content.yamltext import parse
    from generator.errors import ContentError
    from generator.yamlout import dump

    try:
        config = load_config(args.project)
    except ContentError as error:
        from generator.commands.common import report
        return report(error)
    new_id = args.id or event_id(args.date, args.title)
    fields: dict[str, object] = {"id": new_id, "date": args.date}
    if args.end:
        fields["end"] = args.end
    fields["title"] = args.title
    if args.summary:
        fields["summary"] = args.summary.strip() + "\n"
    fields["tags"] = args.tag
    fields["actors"] = args.actor
    if args.source_url:
        source = {"url": args.source_url}
        if args.quote:
            source["quote"] = args.quote
        fields["sources"] = [source]
    fields["status"] = "draft" if args.draft else "published"
    text = dump(fields)
    path = config.events_dir / f"{new_id}.yaml"
    shown = str(path.relative_to(config.project_dir)) if path.is_relative_to(config.project_dir) else str(path)
    # Validate exactly what would be written, with the same rules as `check`.
    try:
        _, problems = read_event(parse(text, "(arguments)"), new_id)
    except ContentError as error:
        problems = error.problems
    if problems:
        for problem in problems:
            option = OPTION_OF_FIELD.get(problem.field, problem.field)
            print(f"timeline new: --{option}: {problem.message}\n  hint: {problem.hint}", file=sys.stderr)
        return 2
    config.events_dir.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        print(f"{shown}:1:1: id: an event file `{new_id}.yaml` already exists; nothing was written\n"
              f"  hint: choose another id with --id, or edit the existing file", file=sys.stderr)
        return 1
    print(shown)
    return 0
