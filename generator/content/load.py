"""Gather every event and article, check them together, and return the model or all problems."""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Callable

from generator.config import Config
from generator.content.articles import read_article
from generator.content.events import read_event
from generator.content.textfile import content_digest, read_text
from generator.content.yamltext import Document, load_file, parse, read_file
from generator.errors import ContentError, Problem
from generator.model import Article, Event, Source, slugify


@dataclass(frozen=True, slots=True)
class Content:
    """Everything the editor wrote, validated: events in chronological order, articles by id."""

    events: tuple[Event, ...]
    articles: dict[str, Article]


def _display(path: Path, project: Path) -> str:
    try:
        return os.path.relpath(path, Path.cwd()) if path.is_relative_to(Path.cwd()) else str(path)
    except ValueError:
        return str(path)


def _shown_folder(folder: Path) -> str:
    """How paths in `folder` are shown in messages (relative to the working folder when inside it)."""
    return _display(folder / "x", folder)[:-1]


def _files(folder: Path, suffixes: tuple[str, ...]) -> list[str]:
    """Names of the content files in `folder`, sorted."""
    if not folder.is_dir():
        return []
    # scandir's file type comes with the listing: no stat per file. Names, not Paths: a Path is made only for a
    # file that must be parsed (10,000 Paths cost more than reading the folder).
    with os.scandir(folder) as entries:
        return sorted(e.name for e in entries
                      if not e.name.startswith(".") and os.path.splitext(e.name)[1] in suffixes and e.is_file())


def read_article_file(path: str | Path, shown: str) -> tuple[Article | None, list[Problem]]:
    """One article file, validated on its own."""
    path = Path(path)
    try:
        text = read_text(path)
    except (UnicodeDecodeError, OSError) as error:
        return None, [Problem(shown, 1, 1, "(file)", f"cannot read as UTF-8 text: {error}", "save it as UTF-8")]
    return read_article(text, shown, path.stem, content_digest(path.name, text))


def read_event_file(path: str | Path, shown: str) -> tuple[Event | None, list[Problem]]:
    """One event file, validated on its own (cross-file checks come later)."""
    path = Path(path)
    try:
        text = read_file(path, shown)
        document = parse(text, shown)
    except ContentError as error:
        return None, error.problems
    return read_event(document, path.stem, content_digest(path.name, text))


def content_files(config: Config) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(article files, event files) in name order: each file's path, and the path shown in messages."""
    listed = []
    for folder, suffixes in ((config.articles_dir, (".md",)), (config.events_dir, (".yaml", ".yml"))):
        prefix, shown = os.path.join(folder, ""), _shown_folder(folder)
        listed.append([(prefix + name, shown + name) for name in _files(folder, suffixes)])
    return listed[0], listed[1]


# What reads one file: read_article_file or read_event_file.
ReadOne = Callable[[str | Path, str], tuple[object, list[Problem]]]
# Maps a list of (path, shown path, what reads it) to [(value or None, problems)] in the same order.
Reader = Callable[[list[tuple[str | Path, str, ReadOne]]], list[tuple[object, list[Problem]]]]


def load_content(config: Config, include_drafts: bool = False, read: Reader | None = None,
                 checked: Callable[[list[Event], dict[str, Article]], bool] | None = None) -> Content:
    """Read content/ and return it, or raise ContentError listing every problem found.

    `read` reads the articles and the events in one call (the build passes a cached and parallel one, which
    starts its workers once for both); the default reads each file. `checked` says whether the cross-file checks
    are known to pass for these events and articles (see cross_checked).
    """
    article_files, event_files = content_files(config)
    results = (read or _read_each)([(path, shown, read_article_file) for path, shown in article_files]
                                  + [(path, shown, read_event_file) for path, shown in event_files])
    problems: list[Problem] = []
    articles: dict[str, Article] = {}
    for article, found in results[:len(article_files)]:
        problems += found
        if article:
            articles[article.id] = article
    events: list[Event] = []
    paths: dict[str, str] = {}  # shown path -> file, to locate cross-file problems
    for (path, shown), (event, found) in zip(event_files, results[len(article_files):]):
        problems += found
        if event:
            events.append(event)
            paths[shown] = path

    if problems or checked is None or not checked(events, articles):
        problems += _cross_checks(events, lambda event: load_file(Path(paths[event.path]), event.path), articles)
    if problems:
        raise ContentError(problems)
    shown_events = [_with_article_details(e, articles) for e in events if include_drafts or not e.draft]
    return Content(tuple(sorted(shown_events, key=Event.sort_key)), articles)


def reload_events(config: Config, content: Content, changed: list[Path],
                  read: Reader | None = None) -> tuple[Content, dict[str, Event]] | None:
    """`content` with these event files read again, and the events that changed (by id); or None when that
    takes a full load: a file is not an event already shown, has a problem, or its event moved
    (another id, date order, year, tags, actors, status or quoted articles: see Event.placement).

    Cross-file checks need not run again: they depend only on what a placement keeps.
    """
    folder, shown_folder = config.events_dir.resolve(), _shown_folder(config.events_dir)
    files = []
    for path in changed:
        if path.parent.resolve() != folder:
            return None
        if path.suffix in (".yaml", ".yml") and not path.name.startswith("."):
            files.append((path, shown_folder + path.name, read_event_file))
        # else: an editor's swap or backup file, which no load reads
    paths = list(map(attrgetter("path"), content.events))  # searched in C: this runs on every save in a preview
    events = list(content.events)
    replacements: dict[str, Event] = {}
    for (_, shown, _), (event, problems) in zip(files, (read or _read_each)(files)):
        try:
            index = paths.index(shown)
        except ValueError:  # not an event shown now (a draft, or a file not read before)
            return None
        if event is None or problems:
            return None
        old = content.events[index]
        event = _with_article_details(event, content.articles)
        if event.id != old.id or event.placement() != old.placement():
            return None
        replacements[event.id] = events[index] = event
    return Content(tuple(events), content.articles), replacements


def _read_each(files: list[tuple[str | Path, str, ReadOne]]) -> list[tuple[object, list[Problem]]]:
    """The default Reader: each file read in turn, in this process."""
    return [read_one(path, shown) for path, shown, read_one in files]


def _with_article_details(event: Event, articles: dict[str, Article]) -> Event:
    """Sources that name a stored article inherit its url, title, publisher and date where they give none; the
    event's digest then takes in those articles' digests (unknown if any is)."""
    if not any(s.article for s in event.sources):
        return event
    sources = []
    digests = [event.content_digest]
    for source in event.sources:
        article = articles.get(source.article) if source.article else None
        if article:  # positional, not dataclasses.replace: this runs for most events of every build
            source = Source(source.url or article.url, source.title or article.title,
                            source.publisher or article.publisher, source.published or article.published,
                            source.quote, source.article)
            digests.append(article.content_digest)
        sources.append(source)
    digest = hashlib.blake2b(b"".join(digests), digest_size=16).digest() if all(digests) else b""
    return event.with_sources(tuple(sources), digest)


class _Documents:
    """Event files parsed again, with positions, only when a cross-file problem must be located."""

    def __init__(self, document_of: Callable[[Event], Document]):
        self._document_of = document_of
        self._by_event: dict[str, Document] = {}
        self.events: dict[str, Event] = {}

    def __getitem__(self, path: str) -> Document:
        if path not in self._by_event:
            self._by_event[path] = self._document_of(self.events[path])
        return self._by_event[path]


def _normalized(text: str) -> str:
    return " ".join(text.split())


class _QuoteFinder:
    """Whether a quote appears in an article, whitespace runs counting as one space."""

    def __init__(self, articles: dict[str, Article]):
        self._articles = articles
        self._normalized: dict[str, str] = {}

    def found(self, quote: str, article_id: str) -> bool:
        text = self._articles[article_id].text
        # A quote whose spaces are single spaces, found as it is, is found in the normalized text too: its inner
        # spaces sit between non-spaces, so they are whole runs. Only other quotes need the article normalized.
        if quote in text and quote == _normalized(quote):
            return True
        if article_id not in self._normalized:
            self._normalized[article_id] = _normalized(text)
        return quote in self._normalized[article_id]


def cross_checked(event: Event) -> tuple:
    """All of an event the cross-file checks look at: events that agree on it pass or fail them alike."""
    return event.id, event.path, event.tags, event.actors, tuple((s.article, s.quote) for s in event.sources)


def _cross_checks(events: list[Event], document_of: Callable[[Event], Document],
                  articles: dict[str, Article]) -> list[Problem]:
    """Problems that involve more than one file: ids, URLs, quotes against their articles."""
    problems: list[Problem] = []
    documents = _Documents(document_of)
    documents.events = {event.path: event for event in events}
    by_id: dict[str, Event] = {}
    for event in events:
        if event.id in by_id:
            problems.append(documents[event.path].problem(
                ("id",), "id", f"duplicate id `{event.id}` (also {by_id[event.id].path})", "give one of them another id"))
        by_id[event.id] = event
    # Two names with one slug would share a page: /actors/<slug>/.
    for kind in ("tags", "actors"):
        slugs: dict[str, set[str]] = defaultdict(set)
        where: dict[str, tuple[Event, int]] = {}  # first use of each spelling; located only if it clashes
        for event in events:
            for index, name in enumerate(getattr(event, kind)):
                if name not in where:
                    slugs[slugify(name)].add(name)
                    where[name] = (event, index)
        for slug, spellings in sorted(slugs.items()):
            if len(spellings) > 1:
                listed = " and ".join(f"`{s}`" for s in sorted(spellings))
                first, index = where[sorted(spellings)[-1]]
                at = documents[first.path].problem((kind, index), kind, "", "")
                problems.append(Problem(at.path, at.line, at.col, kind, f"{listed} would share the URL /{kind}/{slug}/",
                                        "spell the name the same way in every event"))
    quotes = _QuoteFinder(articles)
    for event in events:
        for index, source in enumerate(event.sources):
            if source.article is None:
                continue
            if source.article not in articles:
                problems.append(documents[event.path].problem(("sources", index, "article"), f"sources[{index}].article",
                                            f"no article `{source.article}` in content/articles/",
                                            f"add content/articles/{source.article}.md or fix the id"))
            elif source.quote and not quotes.found(source.quote, source.article):
                problems.append(documents[event.path].problem(("sources", index, "quote"), f"sources[{index}].quote",
                                            f"quote not found in article `{source.article}`",
                                            "copy the words exactly as the article has them"))
    return problems
