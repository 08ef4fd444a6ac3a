"""search.json: the compact index the timeline page filters, searches and shows results from."""

from __future__ import annotations

from generator.config import Config
from generator.dates import display_range
from generator.markup import render_markdown
from generator.model import Event, slugify
from generator.pages.chunks import EventStream, json_document
from generator.pages.views import date_note, period_anchor, period_size, period_start
from generator.timeline import Timeline

SEARCH_PATH = "search.json"
FIELDS = ["id", "year", "end_year", "title", "summary_html", "quotes", "tags", "actors",
          "date_display", "datetime", "precision", "date_note", "period"]


def search_index(timeline: Timeline, config: Config) -> EventStream:
    """Tags and actors as [slug, name] tables; each event as one row (see FIELDS) in chronological order.

    `tags` and `actors` of a row are positions in those tables; `quotes` are the source quotes joined
    by newlines; `summary_html` is the same sanitized HTML the pages show.
    """
    tags = {term.slug: i for i, term in enumerate(timeline.tags)}
    actors = {term.slug: i for i, term in enumerate(timeline.actors)}
    size = period_size([year for year, _ in timeline.years])
    head = {"version": 1, "title": config.title, "fields": FIELDS,
            "tags": [[term.slug, term.name] for term in timeline.tags],
            "actors": [[term.slug, term.name] for term in timeline.actors]}
    return json_document(head, "events", timeline.events, lambda event: _row(event, tags, actors, size),
                         frame=f"periods of {size} years")


def _row(event: Event, tags: dict[str, int], actors: dict[str, int], size: int) -> list:
    """One event's row of the index (see FIELDS)."""
    return [
        event.id,
        event.date.year,
        event.end.year if event.end else None,
        event.title,
        render_markdown(event.summary_markdown) if event.summary_markdown else "",
        "\n".join(" ".join(s.quote.split()) for s in event.sources if s.quote),
        sorted({tags[slugify(t)] for t in event.tags}),
        sorted({actors[slugify(a)] for a in event.actors}),
        display_range(event.date, event.end),
        event.date.html_datetime(),
        event.date.precision,
        date_note(event),
        period_anchor(period_start(event.date.year, size), size),  # the timeline page's section
    ]
