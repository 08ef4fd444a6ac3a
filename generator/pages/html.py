"""Page plans for every HTML page: output path, template and view data."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field

from generator.config import Config
from generator.pages import links
from generator.pages.highlight import article_html
from generator.pages.views import (EventView, description, event_view, next_period, period_anchor, period_label, period_size,
                                   period_start, year_label)
from generator.model import Event, slugify
from generator.timeline import Term, Timeline


@dataclass(frozen=True, slots=True)
class PagePlan:
    """One HTML page to render: where it goes, with which template, showing what."""

    path: str  # relative to the output folder, e.g. "events/x/index.html"
    template: str
    title: str
    description: str
    data: dict = field(default_factory=dict)


def _term_summary(term: Term, kind: str) -> dict:
    return {"name": term.name, "slug": term.slug, "url": links.term_url(kind, term.slug), "count": len(term.events)}


# Past this many slots, the overview strip leaves out empty periods rather than draw hair-thin bars.
MAX_OVERVIEW_SLOTS = 200
# The timeline page shows whole periods, newest first, up to about this many events; older periods
# link to their year pages (and the page's search still covers every event).
INDEX_EVENT_BUDGET = 500


def _periods(years: list[dict]) -> tuple[int, list[dict], list[dict]]:
    """Group year dicts (with their event counts) into periods (year, decade or century) and lay out the overview strip."""
    size = period_size([y["year"] for y in years])
    periods: list[dict] = []
    for year in years:
        start = period_start(year["year"], size)
        if not periods or periods[-1]["start"] != start:
            periods.append({"start": start, "label": period_label(start, size), "anchor": period_anchor(start, size),
                            "url": year["url"] if size == 1 else "", "count": 0, "years": []})
        periods[-1]["years"].append(year)
        periods[-1]["count"] += year["count"]
    # The newest period always, then older ones while they fit; once one does not, none older does.
    left, fitting = INDEX_EVENT_BUDGET, True
    for newest_first, period in enumerate(reversed(periods)):
        period["rendered"] = fitting = fitting and (newest_first == 0 or period["count"] <= left)
        left -= period["count"]
    most = max((p["count"] for p in periods), default=1)
    by_start = {p["start"]: p for p in periods}
    starts = [periods[0]["start"]] if periods else []
    while starts and starts[-1] < periods[-1]["start"] and len(starts) <= MAX_OVERVIEW_SLOTS:
        starts.append(next_period(starts[-1], size))
    if len(starts) > MAX_OVERVIEW_SLOTS:
        starts = list(by_start)
    slots = []
    for start in starts:
        period = by_start.get(start)
        count = period["count"] if period else 0
        # At least a sliver for any period with events, so a single event stays visible and clickable.
        slots.append({"label": period_label(start, size), "anchor": period["anchor"] if period else "",
                      "count": count, "height": max(8, round(100 * count / most)) if count else 0})
    return size, periods, slots


def plan_html_pages(timeline: Timeline, config: Config) -> list[PagePlan]:
    """All HTML pages of the site, in a stable order."""
    planner = SitePlanner(timeline, config)
    return [planner.plan(path) for path in planner.paths()]


class SitePlanner:
    """Every HTML page of the site, planned on demand: listing the paths is cheap, a plan is made when asked for.

    `views` (event id -> EventView) may be handed over from an earlier planner whose events
    were the same, so a preview re-plans only what an edit touched.
    """

    def __init__(self, timeline: Timeline, config: Config, views: dict[str, EventView] | None = None):
        self.timeline, self.config = timeline, config
        self.views = views if views is not None else {}
        # What each path shows, by position, so the table stays valid while no event moves (see relinked).
        pages: dict[str, tuple[str, object]] = {"index.html": ("index", None)}
        pages.update((links.output_path(links.event_url(e)), ("event", i)) for i, e in enumerate(timeline.events))
        pages.update((links.output_path(links.year_url(y)), ("year", i)) for i, (y, _) in enumerate(timeline.years))
        for kind, terms in (("tags", timeline.tags), ("actors", timeline.actors)):
            pages[f"{kind}/index.html"] = ("terms", kind)
            pages.update((links.output_path(links.term_url(kind, t.slug)), ("term", (kind, i)))
                         for i, t in enumerate(terms))
        pages.update((links.output_path(links.source_url(a.id)), ("source", i)) for i, a in enumerate(timeline.articles))
        pages["sources/index.html"] = ("sources", None)
        pages["404.html"] = ("not_found", None)
        self._pages = pages
        self._year_views: dict[int, list[EventView]] = {}  # year -> its events' views
        self._in_timeline: dict[int, str] | None = None  # year -> the page that shows its events ("": this one)

    def relinked(self, timeline: Timeline, changed: set[str] | dict) -> SitePlanner:
        """A planner for `timeline`, the same as this one's but for the `changed` events (ids), none of them moved."""
        planner = copy.copy(self)
        planner.timeline, planner._year_views = timeline, {}
        planner.views = dict(self.views)
        for key in changed:
            planner.views.pop(key, None)
        return planner

    def paths(self) -> list[str]:
        """Output paths of every HTML page, in a stable order."""
        return list(self._pages)

    def listing_paths(self) -> list[str]:
        """The pages that list events (the timeline, years, tags, actors): rendering them all renders every event's
        list item."""
        return [path for path, (kind, _) in self._pages.items() if kind in ("index", "year", "term")]

    def plan(self, path: str) -> PagePlan:
        """The plan of one page (KeyError for a path that is not a page)."""
        kind, key = self._pages[path]
        return getattr(self, "_" + kind)(path, key)

    def view(self, event) -> EventView:
        found = self.views.get(event.id)
        if found is None:
            found = self.views[event.id] = event_view(event)
        return found

    def _view_list(self, events) -> list[EventView]:
        return [self.view(e) for e in events]

    def years(self) -> list[dict]:
        """Each year's label, links and number of events: what the overview, periods and year lists need."""
        return [{"year": year, "label": year_label(year), "url": links.year_url(year), "anchor": f"y{year}",
                 "count": len(events)} for year, events in self.timeline.years]

    def _with_views(self, year: dict) -> dict:
        """A year dict with its events' views (built once per year, shared by the timeline page and the year page)."""
        views = self._year_views.get(year["year"])
        if views is None:
            views = self._year_views[year["year"]] = self._view_list(dict(self.timeline.years)[year["year"]])
        return {**year, "events": views}

    def in_timeline(self, event: Event) -> str:
        """Where an event sits on the timeline page, or on its year page when the timeline page leaves it out."""
        if self._in_timeline is None:
            # Periods depend on the counts only, so an event page needs no other event's view. Kept per year, not
            # per event: a link per event took 15 MB at 100,000 events in every process.
            self._in_timeline = {year["year"]: "" if period["rendered"] else year["url"]
                                 for period in _periods(self.years())[1] for year in period["years"]}
        return self._in_timeline[event.date.year] + "#" + event.id

    def pages_showing(self, event_ids: set[str]) -> set[str]:
        """The pages whose plans hold a view of any of these events; every other page's plan is the same whatever
        the events' contents, as long as none of them moves (see Event.placement)."""
        timeline, pages = self.timeline, set()
        for event in timeline.events:
            if event.id not in event_ids:
                continue
            pages.add(links.output_path(links.event_url(event)))
            for neighbour in timeline.neighbours(event.id):
                if neighbour is not None:
                    pages.add(links.output_path(links.event_url(neighbour)))
            pages.add(links.output_path(links.year_url(event.date.year)))
            pages.update(links.output_path(links.term_url(kind, slugify(name)))
                         for kind, names in (("tags", event.tags), ("actors", event.actors)) for name in names)
            pages.update(links.output_path(links.source_url(s.article)) for s in event.sources if s.article)
            if self.in_timeline(event).startswith("#"):
                pages.add("index.html")
        pages.update(links.output_path(links.event_url(other)) for other in timeline.related.listing(event_ids))
        return pages & self._pages.keys()

    def _index(self, path: str, _) -> PagePlan:
        timeline, config, years = self.timeline, self.config, self.years()
        size, periods, overview = _periods(years)
        for period in periods:  # views only where the page shows events: the periods it renders in full
            if period["rendered"]:
                period["years"] = [self._with_views(year) for year in period["years"]]
        return PagePlan(path, "index.html", config.title, config.description, {
            "years": years,
            "periods": periods,
            "period_kind": {1: "year", 10: "decade", 100: "century"}[size],
            "shown_count": sum(p["count"] for p in periods if p["rendered"]),
            "overview": overview,
            "year_options": [{"value": y["year"], "label": y["label"]} for y in years],
            "event_count": len(timeline.events),
            "tags": [_term_summary(t, "tags") for t in timeline.tags],
            "actors": [_term_summary(t, "actors") for t in timeline.actors],
        })

    def _event(self, path: str, index: int) -> PagePlan:
        timeline = self.timeline
        event = timeline.events[index]
        view = self.view(event)
        previous, following = timeline.neighbours(event.id)
        said = description(event)
        return PagePlan(path, "event.html", event.title, said, {
            "event": view,
            "related": self._view_list(timeline.related[event.id]),
            "previous": self.view(previous) if previous else None,
            "next": self.view(following) if following else None,
            "json_ld": _json_ld(view, said, self.config),
            "in_timeline": self.in_timeline(event),
        })

    def _year(self, path: str, index: int) -> PagePlan:
        years = self.years()
        year = self._with_views(years[index])
        return PagePlan(path, "year.html", f"{year['label']} · {self.config.title}",
                        f"Events of {year['label']}: {len(year['events'])}.",
                        {"year": year, "all_years": [{k: y[k] for k in ("label", "url")} for y in years]})

    def _terms(self, path: str, kind: str) -> PagePlan:
        label = _KIND_LABELS[kind]
        terms = self.timeline.tags if kind == "tags" else self.timeline.actors
        return PagePlan(path, "terms.html", f"{label} · {self.config.title}", f"All {kind} of {self.config.title}.",
                        {"kind": kind, "label": label, "terms": [_term_summary(t, kind) for t in terms]})

    def _term(self, path: str, key: tuple[str, int]) -> PagePlan:
        kind, index = key
        term = (self.timeline.tags if kind == "tags" else self.timeline.actors)[index]
        return PagePlan(path, "term.html", f"{term.name} · {self.config.title}",
                        f"{len(term.events)} events with {kind[:-1]} {term.name}.",
                        {"kind": kind, "label": _KIND_LABELS[kind], "term": _term_summary(term, kind),
                         "events": self._view_list(term.events)})

    def _source(self, path: str, index: int) -> PagePlan:
        article = self.timeline.articles[index]
        quotes = self.timeline.quotes.get(article.id, ())
        return PagePlan(path, "source.html", f"{article.title} · {self.config.title}",
                        f"Source: {article.title}" + (f" ({article.publisher})" if article.publisher else ""), {
            "article": {"title": article.title, "url": article.url, "publisher": article.publisher,
                        "published": article.published.display() if article.published else "",
                        "published_datetime": article.published.html_datetime() if article.published else None,
                        "author": article.author},
            "body_html": article_html(article.text, quotes, links.root_prefix(path)),
            "events": [self.view(q.event) for q in quotes],
        })

    def _sources(self, path: str, _) -> PagePlan:
        sources = []
        for article in self.timeline.articles:
            sources.append({"title": article.title, "url": links.source_url(article.id),
                            "publisher": article.publisher,
                            "published": article.published.display() if article.published else "",
                            "quote_count": len(self.timeline.quotes.get(article.id, ()))})
        return PagePlan(path, "sources.html", f"Sources · {self.config.title}",
                        f"The articles {self.config.title} is built on.", {"sources": sources})

    def _not_found(self, path: str, _) -> PagePlan:
        return PagePlan(path, "404.html", f"Page not found · {self.config.title}", self.config.description, {})


_KIND_LABELS = {"tags": "Tags", "actors": "Actors"}


def _json_ld(view: EventView, description: str, config: Config) -> str:
    """schema.org Event data for an event page: json.dumps(..., ensure_ascii=False, sort_keys=True) of the data, written
    out in that key order here (the json module makes an encoder for every call: ~13 us of an event page's plan)."""
    parts = ['{"@context": "https://schema.org", "@type": "Event"']
    if view.actor_names:
        parts.append(', "about": [' + ", ".join(['{"@type": "Thing", "name": ' + _json_text(name) + "}"
                                                  for name in view.actor_names]) + "]")
    citations = ['{"@type": "CreativeWork", "name": ' + _json_text(source.title or source.url) + ', "url": '
                 + _json_text(source.url) + "}" for source in view.event_sources if source.url]
    if citations:
        parts.append(', "citation": [' + ", ".join(citations) + "]")
    parts.append(', "description": ' + _json_text(description or view.title))
    if view.end_datetime:
        parts.append(', "endDate": ' + _json_text(view.end_datetime))
    parts.append(', "name": ' + _json_text(view.title))
    if view.datetime:
        parts.append(', "startDate": ' + _json_text(view.datetime))
    parts.append(', "url": ' + _json_text(config.base_url + view.url) + "}")
    text = "".join(parts)
    # Inside <script>, a literal "</script>" in a title must not end the element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_json_text = json.encoder.encode_basestring  # a JSON string as json.dumps(..., ensure_ascii=False) writes it
