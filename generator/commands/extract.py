"""`timeline extract`: draft event files from news articles, never replacing a file."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import re
import sys
from pathlib import Path

from generator.commands.common import add_project_argument, counted, report
from generator.model import slugify

USAGE_HINT = "see `timeline extract --help`"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("articles", nargs="+", metavar="ARTICLE",
                        help="article files (.txt, .md with front matter, .html), folders or globs")
    parser.add_argument("--published", metavar="YYYY-MM-DD",
                        help="publication date; relative dates ('on Thursday') are resolved against it")
    parser.add_argument("--url", help="address of the original article (http or https)")
    parser.add_argument("--publisher", metavar="NAME", help="who published it, e.g. 'The Hill'")
    parser.add_argument("--title", metavar="T", help="the article's headline")
    parser.add_argument("--dry-run", action="store_true", help="report what would be written, write nothing")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="process files in N parallel processes")
    add_project_argument(parser)


def _usage(option: str, message: str, hint: str = USAGE_HINT) -> int:
    print(f"timeline extract: {option}: {message}\n  hint: {hint}", file=sys.stderr)
    return 2


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    absolute = path.resolve()
    return str(absolute.relative_to(Path.cwd())) if absolute.is_relative_to(Path.cwd()) else str(path)


def _progress(done: int, total: int, name: str) -> None:
    """A one-line progress bar on stderr, only for several files on a terminal."""
    if total < 2 or not sys.stderr.isatty():
        return
    filled = done * 30 // total
    end = "\n" if done == total else ""
    print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {name[-40:]:<40}", end=end, file=sys.stderr,
          flush=True)


def draft_id(date: str, title: str) -> str:
    """The event id `timeline new` would give, without repeating the year or ending on "to" or "of"."""
    from generator.commands.new import event_id
    from generator.extract.words import words

    title_words = title.split()
    if title_words and title_words[0] == date[:4]:
        title_words = title_words[1:]
    slug_words = slugify(" ".join(title_words)).split("-")
    cut = []
    for word in slug_words:
        if len("-".join(cut + [word])) > 60:
            break
        cut.append(word)
    while len(cut) > 1 and cut[-1] in words().function_words:
        cut.pop()
    return event_id(date, " ".join(cut))


@contextlib.contextmanager
def _workers(jobs: int):
    """A map() that runs in `jobs` worker processes (the builtin map for one job): same results, same order."""
    if jobs == 1:
        yield lambda function, *items, chunksize=1: map(function, *items)
        return
    from concurrent.futures import ProcessPoolExecutor

    from generator.extract.process import warm_up

    warm_up()  # forked workers inherit what it loaded instead of each loading it again
    # Left to the parent's collector: a worker's collection would touch (and so copy) every inherited page.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_fork_context()) as pool:
            yield pool.map
    finally:
        gc.unfreeze()


def _results(tasks: list, parallel_map) -> list:
    """Each task processed, in input order, with a progress bar."""
    from generator.extract.process import process

    results = []
    # One file at a time: articles differ tenfold in length, so larger chunks leave a core idle at the end.
    for result in parallel_map(process, tasks, chunksize=1):
        results.append(result)
        _progress(len(results), len(tasks), result.shown)
    return results


def _fork_context():
    """Fork where the platform has it (workers start with everything warm_up loaded); else the default."""
    import multiprocessing

    return multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def _print_table(rows: list, events_dir: str, articles_dir: str,
                 renamed: dict[str, dict[str, str]]) -> dict[str, int]:
    """The report on stdout: per file, one line per article, draft, skip or problem; returns counts."""
    counts: dict[str, int] = {}
    for shown, file_rows in rows:
        print(shown)
        for row in file_rows:
            counts[row.status] = counts.get(row.status, 0) + 1
            target = renamed.get(row.status, {}).get(row.target, row.target)
            if row.status == "draft":
                target = f"{events_dir}/{target}.yaml"
            elif row.status == "article":
                target = f"{articles_dir}/{target}.md"
            print(f"  {row.status:<10} {row.date or '-':<10} {target}  {row.note}".rstrip())
    return counts


def run(args: argparse.Namespace) -> int:
    from generator.config import load_config
    from generator.errors import ContentError
    from generator.extract.articles import expand_inputs, stored_articles
    from generator.extract.emit import check_draft, event_text, known_events, plan, write_new
    from generator.extract.process import Overrides, Task

    published = None
    if args.published:
        try:
            published = datetime.date.fromisoformat(args.published)
        except ValueError:
            return _usage("--published", f"`{args.published}` is not a YYYY-MM-DD date", "e.g. --published 2020-09-03")
    if args.url and not re.fullmatch(r"https?://\S+", args.url):
        return _usage("--url", f"`{args.url}` is not an http(s) address", "e.g. --url https://thehill.com/...")
    if args.jobs < 1:
        return _usage("--jobs", f"{args.jobs} is not a number of processes", "use --jobs 1 or more")
    files, missing = expand_inputs(args.articles)
    if missing:
        for name in missing:
            print(f"{name}:1:1: (file): no such file, folder or match\n  hint: check the path", file=sys.stderr)
        return 2
    if not files:
        return _usage("ARTICLE", "no article files found", "folders are searched for .txt, .md and .html files")
    try:
        config = load_config(args.project)
    except ContentError as error:
        return report(error)

    # Gather: what the project holds, then every file read, cleaned and extracted.
    stored = stored_articles(config.articles_dir)
    known, unreadable = known_events(config.events_dir)
    for problem in unreadable:
        print(f"{problem}\n  (ignored when looking for duplicates)", file=sys.stderr)
    overrides = Overrides(args.title or "", args.url or "", args.publisher or "", published)
    tasks = [Task(str(path), _shown(path), overrides, stored) for path in files]
    events_shown, articles_shown = _shown(config.events_dir), _shown(config.articles_dir)
    with _workers(min(args.jobs, len(tasks))) as parallel_map:
        results = _results(tasks, parallel_map)
        # Decide: every draft and article, checked with the rules `timeline check` uses.
        existing_ids = {e.id for e in known} | {p.stem for p in config.events_dir.glob("*.yaml")}
        result_plan = plan(results, known, {s.id for s in stored}, existing_ids, draft_id)
        drafts = list(result_plan.drafts)
        checked = parallel_map(check_draft, drafts, [f"{events_shown}/{d.id}.yaml" for d in drafts],
                               chunksize=max(1, len(drafts) // (4 * args.jobs)))
        for draft, problems in zip(drafts, list(checked)):
            if problems:
                result_plan.drafts.remove(draft)
                result_plan.problems += problems

    # Write: articles first (drafts quote them), then drafts; nothing existing is replaced.
    # A name taken since planning (another process writing) moves to the next free one.
    renamed: dict[str, dict[str, str]] = {"article": {}, "draft": {}}
    if not args.dry_run:
        for article_id, text in result_plan.articles:
            renamed["article"][article_id] = write_new(config.articles_dir, article_id, ".md", lambda _id, t=text: t)
        for draft in result_plan.drafts:
            for source in draft.sources:
                source["article"] = renamed["article"].get(source["article"], source["article"])

            def render(new_id: str, draft=draft) -> str:
                draft.id = new_id
                return event_text(draft)

            planned = draft.id
            renamed["draft"][planned] = write_new(config.events_dir, planned, ".yaml", render)

    counts = _print_table(result_plan.rows, events_shown, articles_shown, renamed)
    verb = "would write" if args.dry_run else "wrote"
    print(f"{counted(len(results), 'file')}: {verb} {counted(counts.get('draft', 0), 'draft')} and "
          f"{counted(len(result_plan.articles), 'article')}; {counts.get('merged', 0)} merged, "
          f"{counts.get('skipped', 0)} skipped, {counts.get('unresolved', 0)} unresolved, "
          f"{counted(len({p.path for p in result_plan.problems}), 'file')} with problems")
    for problem in result_plan.problems:
        print(problem, file=sys.stderr)
    return 1 if result_plan.problems else 0
