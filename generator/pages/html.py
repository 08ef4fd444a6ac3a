"""Page plans for every HTML page: output path, template and view data."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from generator.config import Config
from generator.pages import links
from generator.pages.highlight import article_html
from generator.pages.views import EventView, event_view, year_label
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
    return {"name": term.name, "url": links.term_url(kind, term.slug), "count": len(term.events)}


def plan_html_pages(timeline: Timeline, config: Config) -> list[PagePlan]:
    """All HTML pages of the site, in a stable order."""
    views: dict[str, EventView] = {e.id: event_view(e) for e in timeline.events}

    def view_list(events) -> list[EventView]:
        return [views[e.id] for e in events]

    years = [{"year": year, "label": year_label(year), "url": links.year_url(year), "anchor": f"y{year}",
              "events": view_list(events)} for year, events in timeline.years]
    plans = [PagePlan("index.html", "index.html", config.title, config.description, {
        "years": years,
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
