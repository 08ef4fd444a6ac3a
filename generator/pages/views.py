"""View models: the plain values templates see, built from model objects (never the objects themselves)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.dates import display_range
from generator.markup import render_markdown
from generator.model import Event, slugify
from generator.pages import links


@dataclass(frozen=True, slots=True)
class SourceView:
    url: str
    url_with_fragment: str
    title: str
    publisher: str
    published: str
    quote: str
    quote_url: str  # the highlighted quote on our source page, or ""


@dataclass(frozen=True, slots=True)
class EventView:
    id: str
    url: str
    title: str
    date_display: str
    datetime: str | None
    end_datetime: str | None
    end_display: str
    precision: str
    approximate: bool
    uncertain: bool
    year: int
    summary_html: str
    summary_text: str
    tags: tuple[tuple[str, str], ...]  # (name, url)
    actors: tuple[tuple[str, str], ...]
    sources: tuple[SourceView, ...]
    draft: bool


def source_view(event: Event, index: int) -> SourceView:
    source = event.sources[index]
    quote_url = ""
    if source.article and source.quote:
        quote_url = links.source_url(source.article) + "#" + links.quote_anchor(event, index)
    fragment = links.text_fragment(source.quote) if source.quote and source.url and "#" not in source.url else ""
    return SourceView(
        url=source.url,
        url_with_fragment=source.url + fragment if source.url else "",
        title=source.title or source.url,
        publisher=source.publisher,
        published=source.published.display() if source.published else "",
        quote=source.quote,
        quote_url=quote_url,
    )


def event_view(event: Event) -> EventView:
    html = render_markdown(event.summary) if event.summary else ""
    return EventView(
        id=event.id,
        url=links.event_url(event),
        title=event.title,
        date_display=display_range(event.date, event.end),
        datetime=event.date.html_datetime(),
        end_datetime=event.end.html_datetime() if event.end else None,
        end_display=event.end.display() if event.end else "",
        precision=event.date.precision,
        approximate=event.date.approximate,
        uncertain=event.date.uncertain,
        year=event.date.year,
        summary_html=html,
        summary_text=" ".join(event.summary.split()),
        tags=tuple((t, links.term_url("tags", slugify(t))) for t in event.tags),
        actors=tuple((a, links.term_url("actors", slugify(a))) for a in event.actors),
        sources=tuple(source_view(event, i) for i in range(len(event.sources))),
        draft=event.draft,
    )


def year_label(year: int) -> str:
    return f"{1 - year} BCE" if year <= 0 else str(year)
