"""Data files as streams of UTF-8 chunks, so a big export is written piece by piece, never whole in memory."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

CHUNK_SIZE = 1 << 20  # characters per chunk: few system calls, little memory


def utf8_chunks(pieces: Iterable[str]) -> Iterator[bytes]:
    """The pieces' text, UTF-8 encoded, in chunks of about CHUNK_SIZE."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= CHUNK_SIZE:
            yield "".join(batch).encode()
            batch, size = [], 0
    if batch:
        yield "".join(batch).encode()


def json_document(head: dict, list_key: str, items: Iterable[object], compact: bool = False) -> Iterator[str]:
    """`{**head, list_key: [items]}` as JSON with one item per line: small diffs between builds, and each item
    made by the json module's C encoder (an indented document would take its pure-Python one, ~5x slower)."""
    separators = (",", ":") if compact else (", ", ": ")
    # The list is the last member, so the document without its items ends with `[]}`.
    yield json.dumps({**head, list_key: []}, ensure_ascii=False, separators=separators)[:-2] + "\n"
    separator = ""
    for item in items:
        yield separator + json.dumps(item, ensure_ascii=False, separators=separators)
        separator = ",\n"
    yield "\n]}\n" if separator else "]}\n"
