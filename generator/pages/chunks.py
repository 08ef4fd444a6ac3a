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


def json_document(head: dict, list_key: str, items: Iterable[object]) -> Iterator[str]:
    """`json.dumps({**head, list_key: list(items)}, ensure_ascii=False, indent=2) + "\\n"`, one item at a time."""
    # The list is the last member, so the document without its items ends with `"key": []\n}`; each item
    # is dumped alone and indented two levels (JSON strings hold no raw line breaks, so this is exact).
    start = json.dumps({**head, list_key: []}, ensure_ascii=False, indent=2)
    opening = start[:-len("]\n}")]
    separator = "\n"
    for item in items:
        yield opening + separator + "    " + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        opening, separator = "", ",\n"
    yield (opening + "]\n}\n") if opening else "\n  ]\n}\n"
