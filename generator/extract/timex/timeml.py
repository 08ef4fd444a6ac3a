"""TimeML input and output: read gold TIMEX3 annotations, write inline tags."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from generator.extract.timex.model import Timex


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One annotated TIMEX3 in a TimeML document (offsets into the plain text)."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    """A TimeML document reduced to what temporal tagging is scored on."""

    name: str
    text: str
    dct: datetime.date | None
    timexes: list[GoldTimex]


def _parse_dct(value: str) -> datetime.date | None:
    # Creation times are "1998-01-08" or "1998-12-05T09:42"; only the day matters here.
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_timeml(source: str | bytes, name: str = "") -> TimeMLDoc:
    """Parse TimeML markup: plain text = content of <TEXT> with every tag removed.

    Bytes are decoded as their XML declaration says (files may declare an encoding).
    """
    root = ET.fromstring(source)
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _parse_dct(timex.get("value", ""))
            break
    text_element = root.find(".//TEXT")
    if text_element is None:
        raise ValueError(f"{name or 'document'}: no <TEXT> element")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    length = 0

    def walk(element: ET.Element) -> None:
        # Depth-first over the inline markup, keeping a running character count,
        # so every TIMEX3 gets the offsets of its text in the tag-free string.
        nonlocal length
        if element.text:
            parts.append(element.text)
            length += len(element.text)
        for child in element:
            start = length
            walk(child)
            if child.tag == "TIMEX3":
                covered = "".join(parts)[start:length]
                gold.append(
                    GoldTimex(start, length, covered, child.get("type", ""), child.get("value", ""))
                )
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    walk(text_element)
    return TimeMLDoc(name, "".join(parts), dct, gold)


def read_timeml(path: str | Path) -> TimeMLDoc:
    """Read one .tml file."""
    path = Path(path)
    return parse_timeml(path.read_bytes(), path.stem)


def read_folder(folder: str | Path) -> list[TimeMLDoc]:
    """Every *.tml file of a folder, sorted by name."""
    return [read_timeml(path) for path in sorted(Path(folder).glob("*.tml"))]


def to_timeml(text: str, timexes: list[Timex]) -> str:
    """The text with inline <TIMEX3> tags around each expression, XML-escaped.

    Expressions must be sorted and non-overlapping, as `tag` returns them.
    """
    out: list[str] = []
    position = 0
    for number, timex in enumerate(timexes, start=1):
        if timex.start < position:
            raise ValueError(f"overlapping expressions at offset {timex.start}")
        out.append(escape(text[position : timex.start]))
        out.append(
            f"<TIMEX3 tid={quoteattr(f't{number}')} type={quoteattr(timex.type)}"
            f" value={quoteattr(timex.value)}>"
        )
        out.append(escape(text[timex.start : timex.end]))
        out.append("</TIMEX3>")
        position = timex.end
    out.append(escape(text[position:]))
    return "".join(out)
