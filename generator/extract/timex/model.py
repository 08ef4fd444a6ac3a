"""Records: Timex (an expression found in a text), and the Pattern data it is found by."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression: its span, TIMEX3 type and value, and how the value was found.

    `anchored` is True when the value depended on the publication date or on a
    date mentioned earlier in the text (rather than on the expression alone).
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    resolution: str
    anchored: bool


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence, the expression the tagger must find in it, and its type and value."""

    sentence: str
    span: str
    type: str
    value: str
    published: str = "2020-09-03"


@dataclass(frozen=True, slots=True)
class Pattern:
    """A named regex template (with @PIECES), the rule normalizing it, and examples."""

    name: str
    template: str
    rule: str
    examples: tuple[Example, ...]
