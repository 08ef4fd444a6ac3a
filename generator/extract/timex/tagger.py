"""The scan: one compiled regex over the text, then each match normalized in order."""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from generator.extract.timex import durations, periods, relative, times  # noqa: F401 (rules)
from generator.extract.timex.anchor import parse_value
from generator.extract.timex.context import Context
from generator.extract.timex.lexicon import expand
from generator.extract.timex.model import Timex
from generator.extract.timex.normalize import RULES
from generator.extract.timex.patterns import PATTERNS, Pattern


class Scanner:
    """All patterns as one alternation; a match tells which pattern and which groups.

    Each pattern's named groups are renamed "p<index>_<name>" (so patterns may reuse
    names) and the pattern is wrapped in a group "p<index>", which, closing last,
    is the match's `lastgroup`.
    """

    def __init__(self, patterns: tuple[Pattern, ...]):
        self.patterns = patterns
        self.group_names: list[list[tuple[str, str]]] = []
        alternatives = []
        for index, pattern in enumerate(patterns):
            body = expand(pattern.template)
            names = re.findall(r"\(\?P<(\w+)>", body)
            body = re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<p{index}_{m.group(1)}>", body)
            self.group_names.append([(name, f"p{index}_{name}") for name in names])
            alternatives.append(f"(?P<p{index}>{body})")
        # Expressions start and end at word edges; a hyphen before them belongs to a
        # compound ("pre-1990" is found from "pre").
        self.regex = re.compile(
            r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", re.IGNORECASE)

    def matches(self, text: str):
        """(pattern, groups, start, end) for each match, left to right."""
        for match in self.regex.finditer(text):
            index = int(match.lastgroup[1:])
            groups = {name: match.group(full) for name, full in self.group_names[index]}
            yield self.patterns[index], groups, match.start(), match.end()


@lru_cache(maxsize=1)
def scanner() -> Scanner:
    return Scanner(PATTERNS)


def tag(text: str, published: datetime.date | None = None) -> list[Timex]:
    """The temporal expressions of a text, sorted by start and non-overlapping.

    `published` is the publication date that relative expressions count from; without
    it they get underspecified values ("XXXX-XX-XX") rather than guesses.
    """
    found: list[Timex] = []
    reference: str | None = None
    reference_text = ""
    period: str | None = None
    for pattern, groups, start, end in scanner().matches(text):
        # A trailing period belongs to an abbreviation only ("Jan." yes, "1998." no).
        while end > start and text[end - 1] in ".," and not re.search(
                r"(?:\b[A-Za-z]{1,4}|[ap]\.m)\.$", text[start:end]):
            end -= 1
        context = Context(text, published, reference, reference_text, start, end, period)
        resolved = RULES[pattern.rule](groups, context)
        if resolved is None:
            continue
        start += resolved.trim
        found.append(Timex(start, end, text[start:end], resolved.type, resolved.value,
                           resolved.resolution, resolved.anchored))
        # Specific dates become the anchor of later anaphoric expressions.
        if resolved.topic and resolved.type in ("DATE", "TIME") and parse_value(resolved.value[:10] if
                                                              "T" in resolved.value
                                                              else resolved.value):
            reference = resolved.value.split("T")[0]
            reference_text = text[start:end]
            if re.fullmatch(r"\d{4}-[QH]\d", reference):
                period = reference
    return found
