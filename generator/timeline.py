"""Organize validated content for reading: order, years, taxonomies, related and adjacent events."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import repeat
from operator import add, mul, neg, sub

from generator.content.load import Content
from generator.model import Article, Event, slugify


@dataclass(frozen=True, slots=True)
class Term:
    """A tag or actor with its URL segment and events, in chronological order."""

    name: str
    slug: str
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """One event's quotation of a stored article."""

    event: Event
    source_index: int
    text: str


@dataclass(frozen=True, slots=True)
class Timeline:
    """Everything the pages need, derived once from the content."""

    events: tuple[Event, ...]
    years: tuple[tuple[int, tuple[Event, ...]], ...]
    tags: tuple[Term, ...]
    actors: tuple[Term, ...]
    articles: tuple[Article, ...]
    quotes: dict[str, tuple[Quote, ...]]  # article id -> quotes in event order
    related: dict[str, tuple[Event, ...]]
    previous: dict[str, Event | None]
    following: dict[str, Event | None]


def _terms(events: tuple[Event, ...], attribute: str) -> tuple[Term, ...]:
    grouped: dict[str, list[Event]] = defaultdict(list)
    names: dict[str, str] = {}
    for event in events:
        for name in getattr(event, attribute):
            slug = slugify(name)
            grouped[slug].append(event)
            names.setdefault(slug, name)
    return tuple(Term(names[s], s, tuple(grouped[s])) for s in sorted(grouped, key=lambda s: (names[s].lower(), s)))


def _related(events: tuple[Event, ...], limit: int) -> dict[str, tuple[Event, ...]]:
    """For each event, others sharing the most tags and actors (ties: closest in time, then id)."""
    by_label: dict[str, list[int]] = defaultdict(list)
    labels = [{*("t:" + t for t in event.tags), *("a:" + a for a in event.actors)} for event in events]
    for index, event_labels in enumerate(labels):
        for label in event_labels:
            by_label[label].append(index)
    # (-shared labels, distance, id) packed into one int per candidate: sorting ints in C is what
    # keeps this affordable at 100,000 events (a key function would be called ~400 times per event).
    count = len(events)
    by_id = sorted(range(count), key=lambda i: events[i].id)
    id_rank = [0] * count
    for rank, index in enumerate(by_id):
        id_rank[index] = rank
    span = count + 1  # larger than any distance
    related: dict[str, tuple[Event, ...]] = {}
    for index, event in enumerate(events):
        shared: Counter[int] = Counter()
        for label in labels[index]:
            # A label shared by half the site says little; skip it to keep this linear in practice.
            members = by_label[label]
            if len(members) > 500:
                continue
            shared.update(members)
        shared.pop(index, None)
        others = list(shared)
        keys = sorted(map(add, map(mul, map(add, map(mul, map(neg, shared.values()), repeat(span)),
                                                  map(abs, map(sub, others, repeat(index)))), repeat(count)),
                          map(id_rank.__getitem__, others)))
        related[event.id] = tuple(events[by_id[key % count]] for key in keys[:limit])
    return related


def _related_ids(events: tuple[Event, ...], limit: int, memo: dict | None) -> dict[str, tuple[str, ...]]:
    """Related event ids; `memo` (kept by the caller between builds) skips the ranking when no event's
    place, tags or actors changed (the common edit: a title, a summary, a source)."""
    key = hashlib.blake2b(repr((limit, [(e.id, e.tags, e.actors) for e in events])).encode(),
                          digest_size=16).digest()
    if memo is not None and memo.get("key") == key:
        return memo["ids"]
    ids = {event_id: tuple(other.id for other in others) for event_id, others in _related(events, limit).items()}
    if memo is not None:
        memo.clear()
        memo.update(key=key, ids=ids)
    return ids


def organize(content: Content, related_size: int, related_memo: dict | None = None) -> Timeline:
    """Derive the reading structure from content; pure and deterministic.

    `related_memo`: a dict the caller keeps between builds, so unchanged related rankings are reused.
    """
    events = content.events
    by_id = {event.id: event for event in events}
    related = {event_id: tuple(by_id[other] for other in others)
               for event_id, others in _related_ids(events, related_size, related_memo).items()}
    years: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        years[event.date.year].append(event)
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for event in events:
        for index, source in enumerate(event.sources):
            if source.article and source.quote:
                quotes[source.article].append(Quote(event, index, source.quote))
    return Timeline(
        events=events,
        years=tuple((year, tuple(items)) for year, items in sorted(years.items())),
        tags=_terms(events, "tags"),
        actors=_terms(events, "actors"),
        articles=tuple(sorted(content.articles.values(), key=lambda a: a.id)),
        quotes={article: tuple(items) for article, items in quotes.items()},
        related=related,
        previous={e.id: events[i - 1] if i else None for i, e in enumerate(events)},
        following={e.id: events[i + 1] if i + 1 < len(events) else None for i, e in enumerate(events)},
    )


def with_replaced_events(timeline: Timeline, replacements: dict[str, Event]) -> Timeline:
    """`timeline` with some events' contents replaced, each by an event with the same id and placement.

    Equal to organizing the changed content from scratch (the order, years, terms, quotes and
    related rankings depend only on placements), at the cost of relinking what holds the old
    events, not re-ranking: an edit in the preview costs milliseconds at 10,000 events.
    """
    swap = {id(old): replacements[old.id] for old in timeline.events if old.id in replacements}
    old_ids = swap.keys()

    def relink(events: tuple[Event, ...]) -> tuple[Event, ...]:
        if old_ids.isdisjoint(map(id, events)):
            return events
        return tuple([swap.get(id(e), e) for e in events])

    def relink_terms(terms: tuple[Term, ...]) -> tuple[Term, ...]:
        return tuple([term if (events := relink(term.events)) is term.events else Term(term.name, term.slug, events)
                      for term in terms])

    related = dict(timeline.related)
    for event_id, others in related.items():
        if not old_ids.isdisjoint(map(id, others)):
            related[event_id] = relink(others)
    previous, following = dict(timeline.previous), dict(timeline.following)
    for new in replacements.values():
        if (before := timeline.previous[new.id]) is not None:
            following[before.id] = new
        if (after := timeline.following[new.id]) is not None:
            previous[after.id] = new
    quoted = {source.article for new in replacements.values() for source in new.sources if source.article}
    quotes = dict(timeline.quotes)
    for article in quoted & quotes.keys():
        quotes[article] = tuple(Quote(swap.get(id(q.event), q.event), q.source_index, q.text) for q in quotes[article])
    return Timeline(
        events=relink(timeline.events),
        years=tuple([(year, relink(events)) for year, events in timeline.years]),
        tags=relink_terms(timeline.tags),
        actors=relink_terms(timeline.actors),
        articles=timeline.articles,
        quotes=quotes,
        related=related,
        previous=previous,
        following=following,
    )
