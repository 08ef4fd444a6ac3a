"""Page plans for every HTML page: output path, template and view data."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from generator.config import Config
from generator.pages import links
from generator.pages.highlight import article_html
from generator.pages.views import (EventView, event_view, next_period, period_anchor, period_label, period_size,
                                   period_start, year_label)
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
    """Group year dicts into periods (year, decade or century) and lay out the overview strip."""
    size = period_size([y["year"] for y in years])
    periods: list[dict] = []
    for year in years:
        start = period_start(year["year"], size)
        if not periods or periods[-1]["start"] != start:
            periods.append({"start": start, "label": period_label(start, size), "anchor": period_anchor(start, size),
                            "url": year["url"] if size == 1 else "", "count": 0, "years": []})
        periods[-1]["years"].append(year)
        periods[-1]["count"] += len(year["events"])
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
    views: dict[str, EventView] = {e.id: event_view(e) for e in timeline.events}

    def view_list(events) -> list[EventView]:
        return [views[e.id] for e in events]

    years = [{"year": year, "label": year_label(year), "url": links.year_url(year), "anchor": f"y{year}",
              "events": view_list(events)} for year, events in timeline.years]
    size, periods, overview = _periods(years)
    # Where each event sits on the timeline page, or on its year page when the timeline page leaves it out.
    in_timeline = {event.id: ("" if period["rendered"] else year["url"]) + "#" + event.id
                   for period in periods for year in period["years"] for event in year["events"]}
    plans = [PagePlan("index.html", "index.html", config.title, config.description, {
        "years": years,
        "periods": periods,
        "period_kind": {1: "year", 10: "decade", 100: "century"}[size],
        "shown_count": sum(p["count"] for p in periods if p["rendered"]),
        "overview": overview,
        "year_options": [{"value": y["year"], "label": y["label"]} for y in years],
        "event_count": len(timeline.events),
        "tags": [_term_summary(t, "tags") for t in timeline.tags],
        "actors": [_term_summary(t, "actors") for t in timeline.actors],
    })]
    for event in timeline.events:
        view = views[event.id]
        previous, following = timeline.previous[event.id], timeline.following[event.id]
        plans.append(PagePlan(links.output_path(view.url), "event.html", event.title,
                              view.summary_text[:200] or event.title, {
            "event": view,
            "related": view_list(timeline.related[event.id]),
            "previous": views[previous.id] if previous else None,
            "next": views[following.id] if following else None,
            "json_ld": _json_ld(view, config),
            "in_timeline": in_timeline[event.id],
        }))
    for year in years:
        plans.append(PagePlan(links.output_path(year["url"]), "year.html", f"{year['label']} · {config.title}",
                              f"Events of {year['label']}: {len(year['events'])}.",
                              {"year": year, "all_years": [{k: y[k] for k in ("label", "url")} for y in years]}))
    for kind, label, terms in (("tags", "Tags", timeline.tags), ("actors", "Actors", timeline.actors)):
        plans.append(PagePlan(f"{kind}/index.html", "terms.html", f"{label} · {config.title}",
                              f"All {kind} of {config.title}.",
                              {"kind": kind, "label": label, "terms": [_term_summary(t, kind) for t in terms]}))
        for term in terms:
            plans.append(PagePlan(links.output_path(links.term_url(kind, term.slug)), "term.html",
                                  f"{term.name} · {config.title}",
                                  f"{len(term.events)} events with {kind[:-1]} {term.name}.",
                                  {"kind": kind, "label": label, "term": _term_summary(term, kind),
                                   "events": view_list(term.events)}))
    sources = []
    for article in timeline.articles:
        quotes = timeline.quotes.get(article.id, ())
        sources.append({"title": article.title, "url": links.source_url(article.id), "publisher": article.publisher,
                        "published": article.published.display() if article.published else "",
                        "quote_count": len(quotes)})
        path = links.output_path(links.source_url(article.id))
        plans.append(PagePlan(path, "source.html", f"{article.title} · {config.title}",
                              f"Source: {article.title}" + (f" ({article.publisher})" if article.publisher else ""), {
            "article": {"title": article.title, "url": article.url, "publisher": article.publisher,
                        "published": article.published.display() if article.published else "",
                        "published_datetime": article.published.html_datetime() if article.published else None,
                        "author": article.author},
            "body_html": article_html(article.text, quotes, links.root_prefix(path)),
            "events": [views[q.event.id] for q in quotes],
        }))
    plans.append(PagePlan("sources/index.html", "sources.html", f"Sources · {config.title}",
                          f"The articles {config.title} is built on.", {"sources": sources}))
    plans.append(PagePlan("404.html", "404.html", f"Page not found · {config.title}", config.description, {}))
    return plans


def _json_ld(view: EventView, config: Config) -> str:
    """schema.org Event data for an event page."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": view.title,
        "url": config.base_url + view.url,
        "description": view.summary_text or view.title,
    }
    if view.datetime:
        data["startDate"] = view.datetime
    if view.end_datetime:
        data["endDate"] = view.end_datetime
    if view.actors:
        data["about"] = [{"@type": "Thing", "name": name} for name, _ in view.actors]
    citations = [{"@type": "CreativeWork", "name": s.title, "url": s.url} for s in view.sources if s.url]
    if citations:
        data["citation"] = citations
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # Inside <script>, a literal "</script>" in a title must not end the element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
