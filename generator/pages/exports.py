"""Exports for reuse: events.json, events.csv, iCalendar and TimelineJS3 JSON."""

from __future__ import annotations

from urllib.parse import urlsplit

from generator.config import Config
from generator.dates import PartialDate
from generator.markup import plain_text, render_markdown
from generator.model import Event
from generator.pages import links
from generator.pages.chunks import EventStream, json_document
from generator.pages.feeds import feed_updated
from generator.timeline import Timeline


def event_record(event: Event, config: Config) -> dict:
    """Every field of an event as plain JSON values (the events.json schema)."""
    return {
        "id": event.id,
        "url": config.base_url + links.event_url(event),
        "date": str(event.date),
        "end": str(event.end) if event.end else None,
        "precision": event.date.precision,
        "date_display": event.date.display() if not event.end else f"{event.date.display()} – {event.end.display()}",
        "title": event.title,
        "summary": event.summary,
        "tags": list(event.tags),
        "actors": list(event.actors),
        "sources": [{"url": s.url, "title": s.title, "publisher": s.publisher,
                     "published": str(s.published) if s.published else None, "quote": s.quote,
                     "article": s.article} for s in event.sources],
    }


def events_json(timeline: Timeline, config: Config) -> EventStream:
    return json_document({"title": config.title, "url": config.base_url}, "events", timeline.events,
                         lambda event: event_record(event, config))


def events_csv(timeline: Timeline, config: Config) -> EventStream:
    def piece(_: int, event: Event) -> bytes:
        return csv_row([event.id, str(event.date), str(event.end) if event.end else "", event.date.precision,
                        event.title, event.summary, "; ".join(event.tags), "; ".join(event.actors),
                        config.base_url + links.event_url(event),
                        " ".join(s.url for s in event.sources if s.url)]).encode()

    head = csv_row(["id", "date", "end", "precision", "title", "summary", "tags", "actors", "url", "source_urls"])
    return EventStream(head, timeline.events, piece, "")


def csv_row(values: list[str]) -> str:
    """A row of two or more texts as the csv module's writer (excel dialect, CRLF line ends) writes it: a field
    holding a comma, a quote or a line break in quotes, its quotes doubled. The writer took ~20 us per event, most
    of the export's time, where scanning each field for those four characters takes ~3 us."""
    return ",".join(map(_csv_field, values)) + "\r\n"


def _csv_field(value: str) -> str:
    if '"' in value:
        return '"' + value.replace('"', '""') + '"'
    if "," in value or "\n" in value or "\r" in value:
        return '"' + value + '"'
    return value


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545 folding: lines of at most 75 octets; a continuation starts with a space."""
    if line.isascii():  # one octet per character: cut by length
        return [line[:75]] + [" " + line[start:start + 74] for start in range(75, len(line), 74)]
    if len(line.encode()) <= 75:
        return [line]
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode())  # octets, not characters: the limit is on the encoded line
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    return parts + [current]


def events_ics(timeline: Timeline, config: Config) -> EventStream:
    """iCalendar with one all-day VEVENT per day-precision event (vaguer dates are not calendar entries)."""
    host = urlsplit(config.base_url).hostname or "timeline"
    stamp = feed_updated(timeline, config).replace("-", "") + "T000000Z"
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//timeline//timeline//EN", "CALSCALE:GREGORIAN",
            f"X-WR-CALNAME:{_ics_text(config.title)}"]

    def piece(_: int, event: Event) -> bytes:
        if event.date.precision != "day" or event.date.year < 1:
            return b""
        last = event.end.last_day() if event.end else event.date.last_day()
        lines = ["BEGIN:VEVENT", f"UID:{event.id}@{host}", f"DTSTAMP:{stamp}",
                 f"DTSTART;VALUE=DATE:{event.date.iso_day().replace('-', '')}",
                 f"DTEND;VALUE=DATE:{event.date.iso_day(last + 1).replace('-', '')}",
                 f"SUMMARY:{_ics_text(event.title)}"]
        description = plain_text(event.summary_markdown)
        if description:
            lines.append(f"DESCRIPTION:{_ics_text(description)}")
        lines += [f"URL:{config.base_url + links.event_url(event)}", "END:VEVENT"]
        return _folded(lines).encode()

    return EventStream(_folded(head), timeline.events, piece, "END:VCALENDAR\r\n", frame=f"{host} {stamp}")


def _folded(lines: list[str]) -> str:
    """Content lines, folded, each ending in CRLF."""
    return "".join(piece + "\r\n" for line in lines for piece in _fold(line))


def _tl_date(date: PartialDate) -> dict:
    """TimelineJS3 date object: year always, month and day only as far as the date is precise."""
    if date.precision == "week":
        year, month, day = (int(p) for p in date.iso_day().lstrip("-").split("-"))
        parts = {"year": date.year, "month": month, "day": day}
    else:
        parts = {"year": date.year}
        if date.month:
            parts["month"] = date.month
        if date.day:
            parts["day"] = date.day
    return {**parts, "display_date": date.display()}


def timeline_js(timeline: Timeline, config: Config) -> EventStream:
    """The TimelineJS3 JSON format, so the data can be shown with that viewer too."""
    return json_document({"title": {"text": {"headline": config.title, "text": config.description}}}, "events",
                         timeline.events, _tl_event)


def _tl_event(event: Event) -> dict:
    """One event as a TimelineJS3 slide."""
    item = {
        "unique_id": event.id,
        "start_date": _tl_date(event.date),
        "text": {"headline": event.title, "text": render_markdown(event.summary_markdown)},
    }
    if event.end:
        item["end_date"] = _tl_date(event.end)
    if event.tags:
        item["group"] = event.tags[0]
    return item
