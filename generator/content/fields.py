"""Checks for single field values, shared by events and articles; each returns (value, problem)."""

from __future__ import annotations

import sys

from generator.content.yamltext import Document, Key
from generator.dates import FORMAT_HINT, DateError, PartialDate
from generator.errors import Problem, did_you_mean
from generator.markup import is_safe_url
from generator.model import SAFE_ID
from generator.schema import Field


def unknown_fields(doc: Document, key: Key, mapping: dict, fields: tuple[Field, ...], where: str) -> list[Problem]:
    """A problem for every key that is not a declared field."""
    known = tuple(f.name for f in fields)
    return [doc.problem(key + (name,), name, f"unknown field in {where}", did_you_mean(name, known), on_key=True)
            for name in mapping if name not in known]


def missing_fields(doc: Document, key: Key, mapping: dict, fields: tuple[Field, ...]) -> list[Problem]:
    """A problem for every required field that is absent."""
    return [doc.problem(key, f.name, "missing required field", f"add `{f.name}: {f.example or '...'}`")
            for f in fields if f.required and f.name not in mapping]


def text(doc: Document, key: Key, raw: object, name: str, one_line: bool = False) -> tuple[str | None, Problem | None]:
    """A non-empty string (a single line when `one_line`)."""
    if not isinstance(raw, str):
        return None, doc.problem(key, name, "expected text, not a list or mapping", "quote the value")
    value = raw.strip()
    if not value:
        return None, doc.problem(key, name, "must not be empty", "write a value or remove the field")
    if one_line and "\n" in value:
        return None, doc.problem(key, name, "must be a single line", "shorten it; details go in `summary`")
    return value, None


def date(doc: Document, key: Key, raw: object, name: str) -> tuple[PartialDate | None, Problem | None]:
    """A partial date such as 2018, 2018-09, 2018-09-12 or 2020-W36."""
    value, problem = text(doc, key, raw, name)
    if problem:
        return None, problem
    try:
        return PartialDate.parse(value), None
    except DateError as error:
        return None, doc.problem(key, name, str(error), FORMAT_HINT)


def identifier(doc: Document, key: Key, raw: object, name: str) -> tuple[str | None, Problem | None]:
    """A safe path segment: lowercase letters, digits and single hyphens."""
    value, problem = text(doc, key, raw, name)
    if problem:
        return None, problem
    if not SAFE_ID.fullmatch(value) or len(value) > 120:
        return None, doc.problem(key, name, f"`{value}` is not a safe identifier",
                                 "use lowercase letters, digits and single hyphens (at most 120 characters)")
    return value, None


def url(doc: Document, key: Key, raw: object, name: str) -> tuple[str | None, Problem | None]:
    """An absolute http(s) or mailto address."""
    value, problem = text(doc, key, raw, name)
    if problem:
        return None, problem
    if not is_safe_url(value) or value.lower().startswith("mailto:"):
        return None, doc.problem(key, name, f"`{value}` is not an http(s) address",
                                 "sources must link to http:// or https:// pages")
    return value, None


def word_list(doc: Document, key: Key, raw: object, name: str, slugs: bool) -> tuple[tuple[str, ...], list[Problem]]:
    """A list of names (or of lowercase-hyphen slugs), without repeats."""
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        return (), [doc.problem(key, name, "expected a list", f"write `{name}: [first, second]`")]
    values: list[str] = []
    problems: list[Problem] = []
    for index, item in enumerate(raw):
        value, problem = (identifier if slugs else text)(doc, key + (index,), item, name)
        if problem:
            if slugs and value is None and isinstance(item, str) and item.strip():
                problem = doc.problem(key + (index,), name, f"`{item}` is not a tag",
                                      "tags are lowercase words joined by `-`, e.g. `election-security`")
            problems.append(problem)
        elif value in values:
            problems.append(doc.problem(key + (index,), name, f"`{value}` is listed twice", "remove one"))
        else:
            # Interned: a site names a few hundred tags and actors thousands of times, and one string for each
            # name (through the workers' pickles too) is ~270 bytes less per event.
            values.append(sys.intern(value))
    return tuple(values), problems
