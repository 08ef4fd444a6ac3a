"""From extraction results to new files: plan everything first, then write, never replacing a file.

Planning decides, for every candidate, one of: already extracted (skip),
same happening as another article of this run (one draft, two sources),
same happening as an existing event (new draft naming it in
`extracted.duplicate_of`), or a new draft. Writing opens every file with
mode "x", so an existing file is never rewritten.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from generator.content.events import read_event
from generator.content.yamltext import load_plain, parse
from generator.errors import ContentError, Problem
from generator.model import slugify
from generator.extract.actors import keywords
from generator.extract.articles import article_file
from generator.extract.candidates import Candidate, compatible, precision, same_happening
from generator.extract.process import FileResult
from generator.schema import EVENT_FIELDS, names
from generator.yamlout import dump


@dataclass(frozen=True, slots=True)
class Known:
    """An event file already in the project, as much as matching needs."""

    id: str
    date: str
    candidate: Candidate  # its title, summary and actors, in candidate form for `same_happening`
    keys: frozenset[str]
    quotes: tuple[tuple[str, str], ...]  # (article id, quote) of each source


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the report: what happened to a candidate, an article or a file."""

    status: str
    date: str
    target: str
    note: str


@dataclass
class Draft:
    """A planned event file."""

    id: str
    candidate: Candidate
    keys: frozenset[str]
    sources: list[dict] = field(default_factory=list)
    duplicate_of: str = ""


@dataclass
class Plan:
    """Every file to write, and the report rows, per input file in input order."""

    articles: list[tuple[str, str]] = field(default_factory=list)  # (article id, file text)
    drafts: list[Draft] = field(default_factory=list)
    rows: list[tuple[str, list[Row]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _flat(text: str) -> str:
    return " ".join(text.split())


def known_events(folder: Path) -> tuple[list[Known], list[Problem]]:
    """The project's event files; unreadable ones are reported and otherwise ignored."""
    known, problems = [], []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        try:
            data = load_plain(path)
        except ContentError as error:
            problems += error.problems
            continue
        sources = data.get("sources") if isinstance(data.get("sources"), list) else []
        quotes = tuple((str(s.get("article", "")), _flat(str(s.get("quote", ""))))
                       for s in sources if isinstance(s, dict))
        listed = data.get("actors") if isinstance(data.get("actors"), list) else []
        actors = tuple(a for a in listed if isinstance(a, str))
        text = f"{data.get('title', '')} {data.get('summary', '')}"
        date = str(data.get("date", "")).rstrip("~?")
        candidate = Candidate(date, str(data.get("title", "")), str(data.get("summary", "")), (), actors, "",
                              (0, 0), "", "", 0.0)
        known.append(Known(str(data.get("id") or path.stem), date, candidate, keywords(text), quotes))
    return known, problems


# Share of words two reports must have in common to be one happening, by date precision:
# two articles about the same year share far more by chance than two about the same day.
OVERLAP = {1: 0.4, 2: 0.3, 3: 0.2, 4: 0.2}


def same_story(a: Candidate, a_keys: frozenset[str], b: Candidate, b_keys: frozenset[str]) -> bool:
    """Two reports (from different articles) of one happening: same date value, shared actor, similar words."""
    if a.date != b.date or not a_keys or not b_keys:
        return False
    overlap = len(a_keys & b_keys) / len(a_keys | b_keys)
    shared_actors = {x.casefold() for x in a.actors} & {x.casefold() for x in b.actors}
    needed = OVERLAP.get(precision(a.date), 0.4)
    return overlap >= needed * 2 or (bool(shared_actors) and overlap >= needed)


def _source(candidate: Candidate, article_id: str, result: FileResult) -> dict:
    meta = result.meta
    source = {"article": article_id}
    for name, value in (("url", meta.url), ("title", meta.title), ("publisher", meta.publisher),
                        ("published", meta.published.isoformat() if meta.published else "")):
        if value:
            source[name] = value
    source["quote"] = candidate.quote
    return source


def _unique(base: str, taken: set[str]) -> str:
    new_id, number = base, 2
    while new_id in taken:
        new_id, number = f"{base}-{number}", number + 1
    taken.add(new_id)
    return new_id


def plan(results: list[FileResult], known: list[Known], stored_ids: set[str], event_ids: set[str],
         make_id: Callable[[str, str], str]) -> Plan:
    """Decide every file to write and every report row, without touching the disk."""
    result_plan = Plan()
    # One spelling per actor page: "Democrats’" or "ObamaCare" take the spelling already in use.
    spelling = {slugify(a): a for event in known for a in event.candidate.actors}
    taken_articles = set(stored_ids)
    run_articles: dict[str, str] = {}  # digest → id, for an article given twice in one run
    taken_events = set(event_ids)
    index = _Index(known)
    for result in results:
        rows: list[Row] = []
        result_plan.rows.append((result.shown, rows))
        if result.problems:
            result_plan.problems += result.problems
            rows += [Row("error", "", p.field, p.message) for p in result.problems]
            if result.extraction is None:
                continue
        if result.stored:
            article_id = result.stored.id
            rows.append(Row("article", "", article_id, "already stored; quotes refer to the stored text"))
        elif result.digest in run_articles:
            article_id = run_articles[result.digest]
            rows.append(Row("article", "", article_id, "same text as an earlier file of this run"))
        else:
            if result.problems:
                continue  # nothing to store for a file without dated events
            article_id = _unique(result.meta.article_id, taken_articles)
            run_articles[result.digest] = article_id
            front = {"title": result.meta.title, "url": result.meta.url, "publisher": result.meta.publisher,
                     "published": result.meta.published.isoformat() if result.meta.published else "",
                     "author": result.meta.author}
            result_plan.articles.append((article_id, article_file(front, result.body)))
            removed = ", ".join(f"{n} {rule}" for rule, n in sorted(result.removed.items()))
            rows.append(Row("article", "", article_id, f"new; cleaned out: {removed}" if removed else "new"))
        for candidate in result.extraction.candidates:
            actors = tuple(dict.fromkeys(spelling.setdefault(slugify(a), a) for a in candidate.actors))
            candidate = replace(candidate, actors=actors)
            rows.append(_place(candidate, article_id, result, index, result_plan, taken_events, make_id))
        for item in result.extraction.unresolved:
            rows.append(Row("unresolved", item.value, f"“{item.expression}”", item.reason))
    return result_plan


class _Index:
    """Known events by article and by date, and this run's drafts by date: a candidate is only ever
    compared with those (matching needs the same article or the same date), so planning stays linear."""

    def __init__(self, known: list[Known]):
        self.known_by_article: dict[str, list[Known]] = defaultdict(list)
        self.known_by_date: dict[str, list[Known]] = defaultdict(list)
        for event in known:
            for article in dict.fromkeys(a for a, _ in event.quotes):
                self.known_by_article[article].append(event)
            self.known_by_date[event.candidate.date].append(event)
        self.drafts_by_date: dict[str, list[Draft]] = defaultdict(list)


def _place(candidate: Candidate, article_id: str, result: FileResult, index: _Index, result_plan: Plan,
           taken: set[str], make_id: Callable[[str, str], str]) -> Row:
    """Where one candidate goes: skipped, merged into a draft of this run, or a new draft."""
    keys = frozenset(candidate.keywords)
    quote = _flat(candidate.quote)
    # The same quote with a compatible date is the same draft, even after an editor refined its date;
    # one sentence can still give two happenings ("on Thursday ... the November elections").
    from_article = index.known_by_article.get(article_id, ())
    same_quote = (e for e in from_article if (article_id, quote) in e.quotes and compatible(e.date, candidate.date))
    similar = (e for e in from_article
               if e.date == candidate.date and same_happening(candidate, keys, e.candidate, e.keys))
    earlier = next(same_quote, None) or next(similar, None)
    if earlier:
        return Row("skipped", candidate.date, earlier.id, "already extracted from this article")
    same_date = index.drafts_by_date[candidate.date]
    for draft in same_date:
        if any(s["article"] == article_id and _flat(s["quote"]) == quote for s in draft.sources):
            return Row("skipped", candidate.date, draft.id, "already planned from this article")
    for draft in same_date:
        same_article = any(s["article"] == article_id for s in draft.sources)
        if not same_article and same_story(candidate, keys, draft.candidate, draft.keys):
            draft.sources.append(_source(candidate, article_id, result))
            return Row("merged", candidate.date, draft.id, "same happening: added as another source")
    duplicate = next((e.id for e in index.known_by_date.get(candidate.date, ())
                      if same_story(candidate, keys, e.candidate, e.keys)), "")
    draft = Draft(_unique(make_id(candidate.date, candidate.title), taken), candidate, keys,
                  [_source(candidate, article_id, result)], duplicate)
    result_plan.drafts.append(draft)
    same_date.append(draft)
    note = f"{candidate.expression} ({candidate.confidence:.2f})"
    return Row("draft", candidate.date, draft.id, f"{note}; may repeat {duplicate}" if duplicate else note)


def event_text(draft: Draft) -> str:
    """The event file for a draft, fields in the documented order."""
    c = draft.candidate
    extracted = {"expression": c.expression, "resolved": c.resolved, "offsets": list(c.offsets),
                 "confidence": c.confidence}
    if draft.duplicate_of:
        extracted["duplicate_of"] = draft.duplicate_of
    values = {"id": draft.id, "date": c.date, "title": c.title, "summary": c.summary + "\n", "tags": list(c.tags),
              "actors": list(c.actors), "sources": draft.sources, "status": "draft", "extracted": extracted}
    return dump({name: values[name] for name in names(EVENT_FIELDS) if name in values})


def check_draft(draft: Draft, shown: str) -> list[Problem]:
    """The rules `timeline check` applies, run on the text about to be written."""
    try:
        _, problems = read_event(parse(event_text(draft), shown), draft.id)
    except ContentError as error:
        problems = error.problems
    return list(problems)


def write_new(folder: Path, base_id: str, suffix: str, render: Callable[[str], str]) -> str:
    """Create `<id><suffix>` in `folder` with mode "x"; if the name was taken meanwhile, the next free one."""
    folder.mkdir(parents=True, exist_ok=True)
    new_id, number = base_id, 2
    while True:
        try:
            with open(folder / f"{new_id}{suffix}", "x", encoding="utf-8", newline="\n") as handle:
                handle.write(render(new_id))
            return new_id
        except FileExistsError:
            new_id, number = f"{base_id}-{number}", number + 1
