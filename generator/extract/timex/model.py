"""The Timex record: one temporal expression found in a text, with its TIMEX3 value."""

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
