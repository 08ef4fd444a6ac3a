"""One event file → an Event, or the list of everything wrong with it."""

from __future__ import annotations

import sys

from generator.content import fields
from generator.content.yamltext import Document
from generator.errors import Problem
from generator.model import Event, Extraction, Source
from generator.schema import EVENT_FIELDS, EXTRACTED_FIELDS, SOURCE_FIELDS, STATUSES


def read_event(doc: Document, file_id: str, content_digest: bytes = b"") -> tuple[Event | None, list[Problem]]:
    """Validate a parsed event document (the event takes `content_digest`, the digest of its file: see
    Event.content_digest); every problem is reported, none stops the others."""
    data = doc.data
    if not isinstance(data, dict):
        return None, [doc.problem((), "(event)", "expected a mapping of fields", "start the file with `date: ...`")]
    problems = fields.unknown_fields(doc, (), data, EVENT_FIELDS, "an event")
    problems += fields.missing_fields(doc, (), data, EVENT_FIELDS)
    values: dict[str, object] = {}

    def check(name, checker, *args):
        if name in data:
            value, problem = checker(doc, (name,), data[name], name, *args)
            if problem:
                problems.append(problem)
            else:
                values[name] = value

    check("id", fields.identifier)
    check("date", fields.date)
    check("end", fields.date)
    check("title", fields.text, True)
    check("summary", fields.text)
    if "summary" in values:
        values["summary_markdown"] = values.pop("summary")
    for name, slugs in (("tags", True), ("actors", False)):
        if name in data:
            values[name], found = fields.word_list(doc, (name,), data[name], name, slugs)
            problems += found
    if "status" in data:
        if data["status"] in STATUSES:
            values["status"] = data["status"]
        else:
            problems.append(doc.problem(("status",), "status", f"`{data['status']}` is not a status",
                                        "use `published` or `draft`"))
    if "sources" in data:
        values["sources"], found = _sources(doc, data["sources"])
        problems += found
    if "extracted" in data:
        values["extracted"], found = _extraction(doc, data["extracted"])
        problems += found

    event_id = values.pop("id", file_id)
    if "id" in data and event_id != file_id and "id" not in [p.field for p in problems]:
        problems.append(doc.problem(("id",), "id", f"`{event_id}` differs from the file name `{file_id}.yaml`",
                                    f"rename the file to `{event_id}.yaml` or remove `id`"))
    start, end = values.get("date"), values.get("end")
    if start and end and end.last_day() < start.first_day():
        problems.append(doc.problem(("end",), "end", f"`{end}` is before the start date `{start}`",
                                    "swap `date` and `end`, or fix the year"))
    if problems or "date" not in values or "title" not in values:
        return None, problems
    return Event(id=event_id, path=doc.path, content_digest=content_digest, **values), []


def _sources(doc: Document, raw: object) -> tuple[tuple[Source, ...], list[Problem]]:
    if not isinstance(raw, list):
        return (), [doc.problem(("sources",), "sources", "expected a list of sources",
                                "start each source with `- url: https://...`")]
    sources: list[Source] = []
    problems: list[Problem] = []
    for index, item in enumerate(raw):
        key = ("sources", index)
        if not isinstance(item, dict):
            problems.append(doc.problem(key, "sources", "expected `url:`, `quote:` ... fields", "see the sources table"))
            continue
        found = fields.unknown_fields(doc, key, item, SOURCE_FIELDS, "a source")
        values: dict[str, object] = {}
        for name, checker, args in (("article", fields.identifier, ()), ("url", fields.url, ()),
                                    ("title", fields.text, (True,)), ("publisher", fields.text, (True,)),
                                    ("published", fields.date, ()), ("quote", fields.text, ())):
            if name in item:
                value, problem = checker(doc, key + (name,), item[name], f"sources[{index}].{name}", *args)
                if problem:
                    found.append(problem)
                else:
                    values[name] = value
        if "url" not in item and "article" not in item:
            found.append(doc.problem(key, f"sources[{index}]", "a source needs a `url` or an `article`",
                                     "add `url: https://...` of the original"))
        if "quote" in values:
            values["quote"] = " ".join(values["quote"].split())
        for name in ("article", "publisher"):  # a few names used by many sources: one string each (see word_list)
            if name in values:
                values[name] = sys.intern(values[name])
        problems += found
        if not found:
            sources.append(Source(**{"url": "", **values}))
    return tuple(sources), problems


def _extraction(doc: Document, raw: object) -> tuple[Extraction | None, list[Problem]]:
    key = ("extracted",)
    if not isinstance(raw, dict):
        return None, [doc.problem(key, "extracted", "expected a mapping", "leave what `timeline extract` wrote")]
    problems = fields.unknown_fields(doc, key, raw, EXTRACTED_FIELDS, "`extracted`")
    values: dict[str, object] = {}
    for name in ("expression", "resolved", "duplicate_of"):
        if name in raw:
            value, problem = fields.text(doc, key + (name,), raw[name], f"extracted.{name}")
            problems += [problem] if problem else []
            values[name] = value or ""
    if "offsets" in raw:
        offsets = raw["offsets"]
        if isinstance(offsets, list) and len(offsets) == 2 and all(isinstance(o, str) and o.isdigit() for o in offsets):
            values["offsets"] = (int(offsets[0]), int(offsets[1]))
        else:
            problems.append(doc.problem(key + ("offsets",), "extracted.offsets", "expected `[start, end]`",
                                        "two whole numbers, e.g. `[120, 245]`"))
    if "confidence" in raw:
        try:
            confidence = float(raw["confidence"])
            if not 0 <= confidence <= 1:
                raise ValueError
            values["confidence"] = confidence
        except (TypeError, ValueError):
            problems.append(doc.problem(key + ("confidence",), "extracted.confidence", "expected a number from 0 to 1",
                                        "e.g. `0.7`"))
    return Extraction(**values), problems
