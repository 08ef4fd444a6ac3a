"""One input file → its cleaned article and candidate events; safe to run in a worker process."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ContentError, Problem
from generator.extract.articles import StoredArticle, article_id, body_digest, read_article, stored_body
from generator.extract.candidates import ArticleMeta, Extraction, extract
from generator.extract.clean import clean

DATE_HINT = "pass the publication date with --published YYYY-MM-DD so that 'on Thursday' or 'this week' can be dated"


@dataclass(frozen=True, slots=True)
class Overrides:
    """Metadata given on the command line; it wins over what a file says."""

    title: str = ""
    url: str = ""
    publisher: str = ""
    published: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class Task:
    """Everything a worker needs for one file (plain values, so it pickles)."""

    path: str
    shown: str
    overrides: Overrides
    stored: tuple[StoredArticle, ...] = ()


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one file gave: problems, or the article (new or already stored) and its extraction."""

    shown: str
    problems: tuple[Problem, ...] = ()
    meta: ArticleMeta | None = None
    body: str = ""
    digest: str = ""
    stored: StoredArticle | None = None
    extraction: Extraction | None = None
    removed: dict[str, int] = field(default_factory=dict)


def _published(text: str, shown: str) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ContentError([Problem(shown, 1, 1, "published", f"`{text}` is not a real date",
                                    "write the publication day as YYYY-MM-DD")]) from None


def _find_stored(stored: tuple[StoredArticle, ...], url: str, digest: str) -> StoredArticle | None:
    """The stored copy of this article: same address, or the same text when it has none."""
    for article in stored:
        if (url and article.url == url) or article.digest == digest:
            return article
    return None


_WARM_UP_TEXT = ("WASHINGTON (AP) — The Senate voted on Thursday, two years after the 2018 report, and "
                 "officials said last week that hearings would resume in March.")


def warm_up() -> None:
    """Load the word lists, patterns and date parser once, before worker processes fork and share them."""
    from generator.extract.articles import publication_day
    from generator.extract.timex.tagger import scanner

    scanner().compile_all()
    publication_day("Thu, 03 Sep 2020 14:22:00 GMT")  # dateparser loads its English data on first use
    cleaned = clean(_WARM_UP_TEXT, "")
    extract(cleaned.text, ArticleMeta(article_id="warm-up", title="Warm up", published=datetime.date(2020, 9, 3)))


def process(task: Task) -> FileResult:
    """Read, clean and extract one file; bad input becomes Problems, never an exception."""
    try:
        raw = read_article(Path(task.path), task.shown)
        given = task.overrides
        published = given.published or _published(raw.published, task.shown)
    except ContentError as error:
        return FileResult(task.shown, tuple(error.problems))
    cleaned = clean(raw.text, given.title or raw.title)
    removed: dict[str, int] = {}
    for removal in cleaned.removed:
        removed[removal.rule] = removed.get(removal.rule, 0) + 1
    if not cleaned.text:
        return FileResult(task.shown, (Problem(task.shown, 1, 1, "(text)", "no article text left after removing "
                                               "scraper junk (ads, captions, related links)",
                                               "check that the file holds the article itself"),), removed=removed)
    title = given.title or cleaned.title or Path(task.path).stem.replace("-", " ").replace("_", " ")
    meta = ArticleMeta(
        article_id=article_id(title, given.publisher or raw.publisher, published, Path(task.path).stem),
        title=title,
        url=given.url or raw.url,
        publisher=given.publisher or raw.publisher,
        published=published,
        author=raw.author,
    )
    digest = body_digest(cleaned.text)
    stored = _find_stored(task.stored, meta.url, digest)
    # Quotes and offsets must point into the text as stored, which an earlier run may have cleaned differently.
    body = stored_body(stored.path) if stored else cleaned.text
    extraction = extract(body, meta)
    if not extraction.candidates:
        if extraction.unresolved and published is None:
            found = ", ".join(f"“{u.expression}”" for u in extraction.unresolved[:3])
            message = f"no dates that can be resolved: relative dates ({found}) need a publication date"
            problem = Problem(task.shown, 1, 1, "(text)", message, DATE_HINT)
        else:
            problem = Problem(task.shown, 1, 1, "(text)", "no dated events found in the text",
                              "extract needs dates such as “on Sept. 3”, “in 2018” or, with --published, "
                              "“on Thursday”")
        return FileResult(task.shown, (problem,), meta, body, digest, stored, extraction, removed)
    return FileResult(task.shown, (), meta, body, digest, stored, extraction, removed)
