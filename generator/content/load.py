"""Gather every event and article, check them together, and return the model or all problems."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from generator.config import Config
from generator.content.articles import read_article
from generator.content.events import read_event
from generator.content.yamltext import Document, load_file
from generator.errors import ContentError, Problem
from generator.model import Article, Event, slugify


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


def _files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    if not folder.is_dir():
        return []
    # scandir's file type comes with the listing: no stat per file, and names sort faster than Paths.
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries
                       if not e.name.startswith(".") and os.path.splitext(e.name)[1] in suffixes and e.is_file())
    return [folder / name for name in names]


def load_content(config: Config, include_drafts: bool = False) -> Content:
    """Read content/ and return it, or raise ContentError listing every problem found."""
    problems: list[Problem] = []
    articles: dict[str, Article] = {}
    shown_articles = _shown_folder(config.articles_dir)
    for path in _files(config.articles_dir, (".md",)):
        shown = shown_articles + path.name
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError) as error:
            problems.append(Problem(shown, 1, 1, "(file)", f"cannot read as UTF-8 text: {error}", "save it as UTF-8"))
            continue
        article, found = read_article(text, shown, path.stem)
        problems += found
        if article:
            articles[article.id] = article

    events: list[Event] = []
    documents: dict[str, Document] = {}  # event path -> parsed file, to locate cross-file problems
    shown_events = _shown_folder(config.events_dir)
    for path in _files(config.events_dir, (".yaml", ".yml")):
        shown = shown_events + path.name
        try:
            document = load_file(path, shown)
        except ContentError as error:
            problems += error.problems
            continue
        event, found = read_event(document, path.stem)
        problems += found
        if event:
            events.append(event)
            documents[event.path] = document

    problems += _cross_checks(events, documents, articles)
    if problems:
        raise ContentError(problems)
    shown_events = [_with_article_details(e, articles) for e in events if include_drafts or not e.draft]
    return Content(tuple(sorted(shown_events, key=Event.sort_key)), articles)


def _with_article_details(event: Event, articles: dict[str, Article]) -> Event:
    """Sources that name a stored article inherit its url, title, publisher and date where they give none."""
    if not any(s.article for s in event.sources):
        return event
    sources = []
    for source in event.sources:
        article = articles.get(source.article) if source.article else None
        if article:
            source = replace(source, url=source.url or article.url, title=source.title or article.title,
                             publisher=source.publisher or article.publisher,
                             published=source.published or article.published)
        sources.append(source)
    return replace(event, sources=tuple(sources))


def _normalized(text: str) -> str:
    return " ".join(text.split())


def _cross_checks(events: list[Event], documents: dict[str, Document], articles: dict[str, Article]) -> list[Problem]:
    """Problems that involve more than one file: ids, URLs, quotes against their articles."""
    problems: list[Problem] = []
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
    normalized_text = {aid: _normalized(a.text) for aid, a in articles.items()}
    for event in events:
        doc = documents[event.path]
        for index, source in enumerate(event.sources):
            if source.article is None:
                continue
            if source.article not in articles:
                problems.append(doc.problem(("sources", index, "article"), f"sources[{index}].article",
                                            f"no article `{source.article}` in content/articles/",
                                            f"add content/articles/{source.article}.md or fix the id"))
            elif source.quote and source.quote not in normalized_text[source.article]:
                problems.append(doc.problem(("sources", index, "quote"), f"sources[{index}].quote",
                                            f"quote not found in article `{source.article}`",
                                            "copy the words exactly as the article has them"))
    return problems
