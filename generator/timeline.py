"""Organize validated content for reading: order, years, taxonomies, related and adjacent events."""

from __future__ import annotations

import copy
from bisect import bisect, bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import chain, compress, islice, repeat
from operator import add, eq, mul, neg, sub

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
    related: RelatedEvents
    positions: dict[str, int]  # event id -> its place in `events` (one dict for the related rankings and this)

    def neighbours(self, event_id: str) -> tuple[Event | None, Event | None]:
        """The events just before and after this one (None at either end), looked up by place: a dict of each took
        18 MB of what every process of a 100,000-event build holds (bench/memory.py, at the render fork)."""
        index, events = self.positions[event_id], self.events
        return events[index - 1] if index else None, events[index + 1] if index + 1 < len(events) else None


def _terms(events: tuple[Event, ...], attribute: str) -> tuple[Term, ...]:
    grouped: dict[str, list[Event]] = defaultdict(list)
    names: dict[str, str] = {}
    for event in events:
        for name in getattr(event, attribute):
            slug = slugify(name)
            grouped[slug].append(event)
            names.setdefault(slug, name)
    return tuple(Term(names[s], s, tuple(grouped[s])) for s in sorted(grouped, key=lambda s: (names[s].lower(), s)))


class RelatedEvents(Mapping):
    """Event id -> the events sharing the most tags and actors with it (ties: closest in time, then id).

    Each ranking is made when first asked for, so a parallel build ranks an event in the worker
    that renders its page, and a preview only for the pages viewed.
    """

    def __init__(self, events: tuple[Event, ...], limit: int, positions: dict[str, int] | None = None):
        self._events, self._limit = events, limit
        self._position = positions if positions is not None else _positions(events)
        self._index: tuple | None = None
        self._ranked: dict[int, tuple[int, ...]] = {}  # event position -> related positions
        self._made: dict[int, tuple[int, ...]] = {}  # those ranked here since take_made

    def relinked(self, events: tuple[Event, ...]) -> RelatedEvents:
        """The same rankings over `events`: the same ids at the same places, some with new contents."""
        related = copy.copy(self)
        related._events = events
        return related

    def rankings(self) -> dict[int, tuple[int, ...]]:
        """The rankings made so far, by event position (for a later build with the same key)."""
        return dict(self._ranked)

    def take_made(self) -> dict[int, tuple[int, ...]]:
        """The rankings made here (not remembered) since the last call, given up: what a worker reports to the
        process that keeps them (a worker ranks an event for its page alone, and `tracemalloc` found ~15 MB of them in
        a worker at 100,000 events; run in the keeping process, the caller remembers them again)."""
        made, self._made = self._made, {}
        for index in made:
            del self._ranked[index]
        return made

    def remember(self, rankings: dict[int, tuple[int, ...]]) -> None:
        """Take rankings made for the same key (by a worker, or an earlier build) as already made."""
        self._ranked.update(rankings)

    def __getitem__(self, event_id: str) -> tuple[Event, ...]:
        index = self._position[event_id]
        ranked = self._ranked.get(index)
        if ranked is None:
            ranked = self._ranked[index] = self._made[index] = self._rank(index)
        return tuple([self._events[other] for other in ranked])

    def listing(self, event_ids: set[str]) -> list[Event]:
        """The events whose rankings hold any of these events (every ranking is made, if not made yet)."""
        wanted = {self._position[event_id] for event_id in event_ids if event_id in self._position}
        for index in range(len(self._events)):
            if index not in self._ranked:
                self._ranked[index] = self._made[index] = self._rank(index)
        return [self._events[index] for index, ranked in self._ranked.items() if not wanted.isdisjoint(ranked)]

    def __iter__(self) -> Iterator[str]:
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)

    def _rank(self, index: int) -> tuple[int, ...]:
        if self._index is None:
            self._index = self._label_index()
        labels, by_label, id_rank, by_id = self._index
        # A label shared by half the site says little; skip it to keep this linear in practice.
        lists = [members for members in map(by_label.__getitem__, labels[index]) if len(members) <= 500]
        # Each list is in timeline order (and holds this event), so sorting them together merges sorted runs, in C;
        # an event in c of the lists then stands c times in a row, and only the few sharing two labels or more are
        # counted (counting every member took ~30 % longer).
        merged = sorted(chain.from_iterable(lists))
        repeats = Counter(compress(merged, map(eq, merged, islice(merged, 1, None))))
        candidates = len(merged) - sum(repeats.values()) - bool(lists)  # other events sharing a label
        repeats.pop(index, None)
        several = {other: count + 1 for other, count in repeats.items()}  # other events sharing 2+ labels: how many
        return tuple(self._best_shared(several, candidates, lists, index, id_rank, by_id))

    def _best_shared(self, several: dict[int, int], candidates: int, lists: list[list[int]], index: int,
                     id_rank: list[int], by_id: list[int]) -> list[int]:
        # Only the candidates sharing enough labels to make the list are ordered: those above the cut-off count
        # fully, those at it by distance alone (a walk out from `index`). When the cut-off is one shared label, the
        # walk goes along each label's members (in timeline order) rather than sorting the whole tier (often ~400
        # events), which was half of a cold build's ranking time. Most candidates share one label, so the cut-off
        # is found among the few that share more.
        per_count = Counter(several.values())
        per_count[1] = candidates - len(several)
        needed, cutoff = self._limit, None
        for count in sorted(per_count, reverse=True):
            if per_count[count] >= needed:
                cutoff = count
                break
            needed -= per_count[count]
        if cutoff is None:  # fewer candidates than places: all of them, in order
            shared = dict.fromkeys(chain.from_iterable(lists), 1)
            shared.pop(index, None)
            shared.update(several)
            return self._ordered(list(shared), shared, index, id_rank, by_id)
        if cutoff == 1:  # the tier is most of the candidates, and each sits in one list
            return self._ordered(list(several), several, index, id_rank, by_id) + _closest_in_lists(
                lists, index, needed, several, id_rank)
        # A few candidates share that many labels.
        above = [other for other, count in several.items() if count > cutoff]
        tier = _closest(sorted(other for other, count in several.items() if count == cutoff), index, needed, id_rank)
        return self._ordered(above, several, index, id_rank, by_id) + tier

    def _ordered(self, others: list[int], shared: dict[int, int], index: int, id_rank: list[int],
                 by_id: list[int]) -> list[int]:
        """`others` by labels shared (most first), then distance from `index`, then id."""
        # (-shared labels, distance, id) packed into one int per candidate, sorted in C.
        count = len(self._events)
        span = count + 1  # larger than any distance
        keys = sorted(map(add, map(mul, map(add, map(mul, map(neg, map(shared.__getitem__, others)), repeat(span)),
                                                  map(abs, map(sub, others, repeat(index)))), repeat(count)),
                          map(id_rank.__getitem__, others)))
        return [by_id[key % count] for key in keys]

    def _label_index(self) -> tuple:
        events = self._events
        # Each tag and actor is a number, the same int for every event that carries it: a set of new strings per
        # event took ~680 bytes an event (68 MB at 100,000 events, in every process that ranks).
        numbers: dict[str, int] = {}
        labels = [tuple({numbers.setdefault(label, len(numbers))
                         for label in (*map("t:".__add__, event.tags), *map("a:".__add__, event.actors))})
                  for event in events]
        by_label: list[list[int]] = [[] for _ in numbers]
        for index, event_labels in enumerate(labels):
            for label in event_labels:
                by_label[label].append(index)
        by_id = sorted(range(len(events)), key=lambda i: events[i].id)
        id_rank = [0] * len(events)
        for rank, index in enumerate(by_id):
            id_rank[index] = rank
        return labels, by_label, id_rank, by_id


def _closest_in_lists(lists: list[list[int]], index: int, wanted: int, several: dict[int, int],
                      id_rank: list[int]) -> list[int]:
    """The `wanted` positions sharing exactly one label with `index` (not in `several`) nearest to it, nearest first,
    ties by id: of each label's members (sorted), the `wanted` nearest such positions on either side, and of those the
    nearest (each sits in one list only, so none is found twice)."""
    found = []
    for members in lists:
        start = bisect_left(members, index)
        for step, position in ((-1, start - 1), (1, bisect_right(members, index, start))):
            taken = 0
            while 0 <= position < len(members) and taken < wanted:
                other = members[position]
                if other not in several:
                    found.append(other)
                    taken += 1
                position += step
    return _closest(sorted(found), index, wanted, id_rank)


def _closest(positions: list[int], index: int, wanted: int, id_rank: list[int]) -> list[int]:
    """The `wanted` sorted `positions` nearest to `index` (not among them), nearest first; ties by id."""
    chosen: list[int] = []
    right = bisect(positions, index)
    left = right - 1
    while len(chosen) < wanted and (left >= 0 or right < len(positions)):
        before = index - positions[left] if left >= 0 else None
        after = positions[right] - index if right < len(positions) else None
        if after is None or (before is not None and before < after):
            chosen.append(positions[left])
            left -= 1
        elif before is None or after < before:
            chosen.append(positions[right])
            right += 1
        else:  # as far before as after: the smaller id first, then the other
            pair = sorted((positions[left], positions[right]), key=id_rank.__getitem__)
            chosen.extend(pair[:wanted - len(chosen)])
            left, right = left - 1, right + 1
    return chosen


def _positions(events: tuple[Event, ...]) -> dict[str, int]:
    return {event.id: index for index, event in enumerate(events)}


def organize(content: Content, related_size: int) -> Timeline:
    """Derive the reading structure from content; pure and deterministic."""
    events = content.events
    positions = _positions(events)
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
        related=RelatedEvents(events, related_size, positions),
        positions=positions,
    )


def with_replaced_events(timeline: Timeline, replacements: dict[str, Event]) -> Timeline:
    """`timeline` with some events' contents replaced, each by an event with the same id and placement.

    Equal to organizing the changed content from scratch (the order, years, terms, quotes and
    related rankings depend only on placements), at the cost of relinking what holds the old
    events, not re-ranking: an edit in the preview costs milliseconds at 10,000 events.
    """
    swap: dict[int, Event] = {}
    events = list(timeline.events)
    for event_id, new in replacements.items():
        index = timeline.positions[event_id]
        swap[id(events[index])] = events[index] = new
    # Placed as before: only the replaced events' own years, tags and actors hold them.
    years = {new.date.year for new in replacements.values()}
    slugs = {kind: {slugify(name) for new in replacements.values() for name in getattr(new, kind)}
             for kind in ("tags", "actors")}

    def relink(events: tuple[Event, ...]) -> tuple[Event, ...]:
        return tuple([swap.get(id(e), e) for e in events])

    def relink_terms(terms: tuple[Term, ...], kind: str) -> tuple[Term, ...]:
        return tuple([Term(term.name, term.slug, relink(term.events)) if term.slug in slugs[kind] else term
                      for term in terms])

    quoted = {source.article for new in replacements.values() for source in new.sources if source.article}
    quotes = dict(timeline.quotes)
    for article in quoted & quotes.keys():
        quotes[article] = tuple(Quote(swap.get(id(q.event), q.event), q.source_index, q.text) for q in quotes[article])
    relinked = tuple(events)
    return Timeline(
        events=relinked,
        years=tuple([(year, relink(items)) if year in years else (year, items) for year, items in timeline.years]),
        tags=relink_terms(timeline.tags, "tags"),
        actors=relink_terms(timeline.actors, "actors"),
        articles=timeline.articles,
        quotes=quotes,
        related=timeline.related.relinked(relinked),
        positions=timeline.positions,  # the same ids at the same places
    )
