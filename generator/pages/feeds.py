"""Atom and JSON Feed 1.1 for the newest events."""

from __future__ import annotations

import json

from generator import __version__
from generator.config import Config
from generator.markup import plain_text, render_markdown
from generator.model import Event
from generator.pages import links
from generator.pages.xmlescape import escape, quoteattr
from generator.timeline import Timeline


def _event_day(event: Event) -> str | None:
    """The day an event was reported (its first source's publication), else its own first day."""
    for source in event.sources:
        if source.published and source.published.year > 0:
            return source.published.iso_day()
    return event.date.iso_day() if event.date.year > 0 else None


def feed_updated(timeline: Timeline, config: Config) -> str:
    """The feed's `updated` day: configured, or the newest day in the content (never the clock)."""
    if config.build_date:
        return config.build_date
    days = [d for d in (_event_day(e) for e in timeline.events) if d]
    days += [a.published.iso_day() for a in timeline.articles if a.published and a.published.year > 0]
    return max(days, default="1970-01-01")


def _newest(timeline: Timeline, config: Config) -> tuple[Event, ...]:
    return timeline.events[::-1][: config.feed_size]  # the timeline holds its events in order already


def _timestamp(day: str, config: Config) -> str:
    return f"{day}T00:00:00{config.timezone}"


def atom_feed(timeline: Timeline, config: Config) -> bytes:
    """RFC 4287 Atom feed."""
    updated = _timestamp(feed_updated(timeline, config), config)
    author = config.author or config.title
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(config.language)}>',
        f"  <id>{escape(config.base_url)}</id>",
        f"  <title>{escape(config.title)}</title>",
        f"  <subtitle>{escape(config.description)}</subtitle>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(author)}</name></author>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(config.base_url + "feed.xml")}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(config.base_url)}/>',
        f'  <generator version="{__version__}">timeline</generator>',
    ]
    for event in _newest(timeline, config):
        url = config.base_url + links.event_url(event)
        day = _event_day(event)
        content = f"<p><strong>{escape(event.date.display())}</strong></p>" + render_markdown(event.summary_markdown)
        lines += [
            "  <entry>",
            f"    <id>{escape(url)}</id>",
            f"    <title>{escape(event.title)}</title>",
            f"    <updated>{_timestamp(day, config) if day else updated}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>',
            f'    <content type="html">{escape(content)}</content>',
        ]
        lines += [f"    <category term={quoteattr(tag)}/>" for tag in event.tags]
        lines.append("  </entry>")
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode()


def json_feed(timeline: Timeline, config: Config) -> bytes:
    """JSON Feed 1.1."""
    items = []
    for event in _newest(timeline, config):
        url = config.base_url + links.event_url(event)
        day = _event_day(event)
        item = {
            "id": url,
            "url": url,
            "title": event.title,
            "content_html": (render_markdown(event.summary_markdown) if event.summary_markdown
                             else f"<p>{escape(event.title)}</p>"),
            "summary": " ".join(plain_text(event.summary_markdown).split()) or event.title,
            "tags": list(event.tags),
            "_timeline": {"date": str(event.date), "date_display": event.date.display(),
                          "end": str(event.end) if event.end else None},
        }
        if day:
            item["date_published"] = _timestamp(day, config)
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": config.title,
        "home_page_url": config.base_url,
        "feed_url": config.base_url + "feed.json",
        "description": config.description,
        "language": config.language,
        "authors": [{"name": config.author or config.title}],
        "items": items,
    }
    return (json.dumps(feed, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode()
