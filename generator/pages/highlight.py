"""A source article as HTML paragraphs, with every quoted passage marked and linked to its events."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, compress
from dataclasses import dataclass
from html import escape

from generator.pages import links
from generator.timeline import Quote


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of the article quoted by one or more events."""

    start: int
    end: int
    quotes: tuple[Quote, ...]


_WORD = re.compile(r"\S+")


def find_highlights(text: str, quotes: tuple[Quote, ...]) -> list[Highlight]:
    """Locate each quote whitespace-insensitively; overlapping quotes merge into one highlight."""
    # Search a copy with every whitespace run collapsed to one space, mapping positions back:
    # the same leftmost match as a per-quote regex, without compiling thousands of patterns.
    # A quote starts and ends on a word character, so both ends map back through their word.
    words = text.split()
    starts = _word_starts(text, words)
    collapsed = " ".join(words)
    # Where each word begins in `collapsed`: the lengths of the words before it, plus one space each.
    collapsed_starts = list(accumulate(map((1).__add__, map(len, words)), initial=0))

    def origin(at: int) -> int:
        word = bisect_right(collapsed_starts, at) - 1
        return starts[word] + at - collapsed_starts[word]

    spans: list[tuple[int, int, Quote]] = []
    for quote in quotes:
        wanted = " ".join(quote.text.split())
        at = collapsed.find(wanted) if wanted else -1
        if at != -1:
            spans.append((origin(at), origin(at + len(wanted) - 1) + 1, quote))
    spans.sort(key=lambda s: (s[0], s[1]))
    merged: list[Highlight] = []
    for start, end, quote in spans:
        if merged and start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Highlight(last.start, max(last.end, end), last.quotes + (quote,))
        else:
            merged.append(Highlight(start, end, (quote,)))
    return merged


def _word_starts(text: str, words: list[str]) -> list[int]:
    """Where each of the words of `text` (text.split()) begins in it."""
    spaced = text.replace("\n", " ")
    if sum(map(len, words)) + spaced.count(" ") == len(text):  # no whitespace but spaces and line breaks (most text)
        # Each space ends a piece (a word, or nothing between two spaces): the words begin where the pieces that are
        # not empty do. All in C: a start taken from each match of a pattern was most of a source page's time.
        pieces = spaced.split(" ")
        return list(compress(accumulate(map((1).__add__, map(len, pieces)), initial=0), pieces))
    return [word.start() for word in _WORD.finditer(text)]


def _mark(text: str, highlight: Highlight, first_piece: bool, root: str) -> str:
    ids = [links.quote_anchor(q.event.id, q.source_index) for q in highlight.quotes]
    id_attr = f' id="{ids[0]}"' if first_piece else ""
    # Further anchors of a merged highlight still need targets for their links.
    extra = "".join(f'<span id="{i}"></span>' for i in ids[1:]) if first_piece else ""
    refs = "".join(
        f' <a class="quote-ref" href="{escape(root + links.event_url(q.event))}">'
        f'<span class="visually-hidden">quoted in: </span>{escape(q.event.title)}</a>'
        for q in highlight.quotes) if first_piece else ""
    return f"{extra}<mark{id_attr}>{escape(text)}</mark>{refs}"


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line-separated paragraph, without surrounding whitespace."""
    spans, cursor = [], 0
    for separator in [*re.finditer(r"\n[ \t]*\n\s*", text), None]:
        stop = separator.start() if separator else len(text)
        chunk = text[cursor:stop]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((cursor + lead, cursor + len(chunk.rstrip())))
        cursor = separator.end() if separator else stop
    return spans


def article_html(text: str, quotes: tuple[Quote, ...], root: str) -> str:
    """Paragraphs of escaped text; quoted spans become `<mark id="q-…">` with links to their events."""
    highlights = find_highlights(text, quotes)
    paragraphs: list[str] = []
    for start, end in _paragraph_spans(text):
        pieces, cursor = [], start
        for highlight in highlights:
            if highlight.end <= start or highlight.start >= end:
                continue
            piece_start, piece_end = max(highlight.start, start), min(highlight.end, end)
            pieces.append(escape(text[cursor:piece_start]))
            pieces.append(_mark(text[piece_start:piece_end], highlight, piece_start == highlight.start, root))
            cursor = piece_end
        pieces.append(escape(text[cursor:end]))
        paragraphs.append("<p>" + "".join(pieces) + "</p>")
    return "\n".join(paragraphs)
