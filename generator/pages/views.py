"""View models: the plain values templates see, built from model objects (never the objects themselves: a view may
keep a model's own tuples to make what templates see from them when asked)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from generator.dates import PartialDate, display_range
from generator.markup import plain_start, render_markdown
from generator.model import Event, Source, slugify
from generator.pages import links
from generator.spill import Spilled

# What a reader is told about a date that is vaguer than a day: (chip text, longer note).
PRECISION_NOTES = {
    "day": ("", "Exact day"),
    "week": ("week", "Known to the week"),
    "month": ("month", "Known to the month"),
    "year": ("year", "Known to the year"),
}


@dataclass(frozen=True, slots=True)
class SourceView:
    """A source as pages show it. The links made from its fields are made when a page asks for them: kept in every
    view, they took ~40 MB in each process at 100,000 events."""

    url: str
    title: str
    publisher: str
    published: str
    quote: str
    article: str | None  # the id of our copy of the article
    event_id: str
    index: int  # the source's place in its event's list

    @property
    def url_with_fragment(self) -> str:
        """The original page, scrolled to the quote where the address leaves room for it."""
        if self.url and self.quote and "#" not in self.url:
            return self.url + links.text_fragment(self.quote)
        return self.url

    @property
    def quote_url(self) -> str:
        """The highlighted quote on our source page, or ""."""
        if self.article and self.quote:
            return links.source_url(self.article) + "#" + links.quote_anchor(self.event_id, self.index)
        return ""


@dataclass(frozen=True, slots=True)
class EventView:
    """What pages show of an event. Every worker holds a view of most events: what is cheap to make again (its URL,
    its summary's HTML) is made when a page asks."""

    id: str
    title: str
    date_display: str
    datetime: str | None
    end_datetime: str | None
    end_display: str
    precision: str
    precision_label: str  # short visible chip ("year"), "" for an exact day
    date_note: str  # the whole truth about the date, for a tooltip and screen readers
    approximate: bool
    uncertain: bool
    year: int
    summary: str | Spilled  # Markdown: the event's own (in memory or on disk)
    # The event's own tuples, from which `tags`, `actors` and `sources` are made when a page asks (templates ask
    # once a page): pairs and source views of its own took ~35 MB in each render worker at 100,000 events.
    tag_names: tuple[str, ...]
    actor_names: tuple[str, ...]
    event_sources: tuple[Source, ...]
    draft: bool
    # The event's (see Event.content_digest): everything above is made from the event alone, so it stands for them.
    content_digest: bytes

    @property
    def tags(self) -> tuple[tuple[str, str], ...]:
        """(name, url) of each tag."""
        return tuple([_term_link("tags", name) for name in self.tag_names])

    @property
    def actors(self) -> tuple[tuple[str, str], ...]:
        """(name, url) of each actor."""
        return tuple([_term_link("actors", name) for name in self.actor_names])

    @property
    def sources(self) -> tuple[SourceView, ...]:
        return tuple([source_view(self.id, source, index) for index, source in enumerate(self.event_sources)])

    @property
    def summary_html(self) -> str:
        """The summary as sanitized HTML, rendered once per build (markup's memo): made when a page asks, since a
        view that kept it would hold a copy of every summary read back from disk."""
        return render_markdown(self.summary) if self.summary else ""

    @property
    def url(self) -> str:
        return links.event_url_for(self.id)


def source_view(event_id: str, source: Source, index: int) -> SourceView:
    # Positional, in SourceView's field order: made each time a page asks for an event's sources.
    return SourceView(source.url, source.title or source.url, source.publisher,
                      _published(source.published) if source.published else "", source.quote, source.article,
                      event_id, index)


@functools.lru_cache(maxsize=4096)
def _published(date: PartialDate) -> str:
    # One string per date: sources quoting the same article show the same date.
    return date.display()


def date_note(event: Event) -> str:
    """`Known to the year, approximate` — precision and qualifiers in words."""
    return _date_note(event.date, event.end)


def _date_note(date: PartialDate, end: PartialDate | None) -> str:
    note = PRECISION_NOTES[date.precision][1]
    if date.approximate:
        note += ", approximate"
    if date.uncertain:
        note += ", uncertain"
    if end:
        note += f"; ends {end.display()} ({PRECISION_NOTES[end.precision][1].lower()})"
    return note


@functools.lru_cache(maxsize=65536)
def _date_fields(date: PartialDate, end: PartialDate | None) -> tuple:
    """An EventView's date fields, in their order: one set of texts for all the events of a day (100,000 events
    have ~31,000 dates, and each worker holds a view of most of them)."""
    return (display_range(date, end), date.html_datetime(), end.html_datetime() if end else None,
            end.display() if end else "", date.precision, PRECISION_NOTES[date.precision][0], _date_note(date, end),
            date.approximate, date.uncertain, date.year)


def event_view(event: Event) -> EventView:
    # Positional: the date fields come as one memoized tuple.
    return EventView(
        event.id, event.title, *_date_fields(event.date, event.end), event.summary_markdown, event.tags,
        event.actors, event.sources, event.draft, event.content_digest,
    )


@functools.lru_cache(maxsize=65536)
def _term_link(kind: str, name: str) -> tuple[str, str]:
    """(name, url) of a tag or actor: one pair for all the views that show it (a site's views hold them ~40,000
    times per 10,000 events)."""
    return name, links.term_url(kind, slugify(name))


DESCRIPTION_LENGTH = 200  # characters at most, the ellipsis included: what search results and link previews show
_CUT_PUNCTUATION = " ,;:-–—(["  # not left before the ellipsis of a cut description


def description(event: Event) -> str:
    """What the event page's descriptions (for search engines, link previews and its schema.org data) say: the
    summary as plain text on one line, without its Markdown, cut at a word with an ellipsis past DESCRIPTION_LENGTH;
    the title when the summary says nothing. Not kept in the view, where it would be one more text per event in
    every worker."""
    text = plain_start(event.summary_markdown, DESCRIPTION_LENGTH) if event.summary_markdown else ""
    if len(text) > DESCRIPTION_LENGTH:
        cut = text[:DESCRIPTION_LENGTH].rpartition(" ")[0].rstrip(_CUT_PUNCTUATION)
        text = (cut or text[:DESCRIPTION_LENGTH - 1]) + "…"
    return text or event.title


def year_label(year: int) -> str:
    return f"{1 - year} BCE" if year <= 0 else str(year)


def period_size(years: list[int]) -> int:
    """Group the timeline by year, by decade when it spans over 60 years, by century over 600."""
    if not years:
        return 1
    span = years[-1] - years[0] + 1
    return 1 if span <= 60 else 10 if span <= 600 else 100


def period_start(year: int, size: int) -> int:
    """First (astronomical) year of the period holding `year`: AD 2010s, centuries 1900–1999, 100–1 BCE."""
    if year > 0 or size == 1:
        return year // size * size
    bce = 1 - year
    return 1 - ((bce - 1) // size + 1) * size


def next_period(start: int, size: int) -> int:
    """Start of the period after the one starting at `start`."""
    return period_start(start + size, size)


def period_label(start: int, size: int) -> str:
    """`2018`, `1990s`, `1900–1999`, `1–99`, `100–1 BCE`."""
    if size == 1:
        return year_label(start)
    end = start + size - 1
    if start < 0:
        return f"{1 - start}–{1 - end} BCE"
    if start > 0 and size == 10:
        return f"{start}s"
    return f"{max(start, 1)}–{end}"


def period_anchor(start: int, size: int) -> str:
    return f"y{start}" if size == 1 else f"p{start}"
