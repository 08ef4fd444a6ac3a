"""The validated content: frozen values that every later stage reads and none changes."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from generator.dates import PartialDate
from generator.spill import Spilled, text_of

SAFE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Latin letters that Unicode decomposition leaves alone.
_LATIN = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ł": "l",
                        "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D", "ı": "i"})


@functools.lru_cache(maxsize=65536)  # the same tag and actor names are slugged on every page that lists them
def slugify(text: str) -> str:
    """A URL segment for a name: `Internet Research Agency` → `internet-research-agency`."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LATIN)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if slug:
        return slug
    # Names in non-Latin scripts keep a stable, readable-enough segment.
    return "-".join(f"u{ord(c):x}" for c in text.strip() if not c.isspace())[:80] or "unnamed"


@dataclass(frozen=True, slots=True)
class Source:
    """One place an event is reported, with the supporting quote."""

    url: str
    title: str = ""
    publisher: str = ""
    published: PartialDate | None = None
    quote: str = ""
    article: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """How `timeline extract` arrived at a draft, kept for the editor's review."""

    expression: str = ""
    resolved: str = ""
    offsets: tuple[int, int] | None = None
    confidence: float | None = None
    duplicate_of: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """One dated happening."""

    id: str
    date: PartialDate
    title: str
    path: str
    end: PartialDate | None = None
    summary_markdown: str | Spilled = ""  # on disk when long (spill.shelved); `summary` is the text
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    status: str = "published"
    extracted: Extraction | None = None
    # A digest of the file the event was read from and of the articles its sources take details from, made as they
    # were read (b"" when not known): events with equal digests hold equal values (the path it is shown by aside), so
    # a page digests one by this alone.
    content_digest: bytes = b""

    def sort_key(self) -> tuple:
        """Chronological order: earliest instant, then coarser precision, then id."""
        return (*self.date.sort_key(), self.id)

    @property
    def draft(self) -> bool:
        return self.status == "draft"

    @property
    def summary(self) -> str:
        """The summary's Markdown."""
        return text_of(self.summary_markdown)

    def with_sources(self, sources: tuple[Source, ...], content_digest: bytes = b"") -> Event:
        """This event with other sources, and the digest of what it then holds (made positionally:
        dataclasses.replace costs ~4 us more, and this runs for most events of every build)."""
        return Event(self.id, self.date, self.title, self.path, self.end, self.summary_markdown, self.tags, self.actors,
                     sources, self.status, self.extracted, content_digest)

    def with_summary_kept(self, summary_markdown: str | Spilled) -> Event:
        """This event with its summary kept another way (on disk: spill.shelved), made positionally as above."""
        return Event(self.id, self.date, self.title, self.path, self.end, summary_markdown, self.tags, self.actors,
                     self.sources, self.status, self.extracted, self.content_digest)

    def placement(self) -> tuple:
        """What decides where the event shows: order, year, tags, actors, status, and which articles it quotes."""
        return (self.sort_key(), self.date.year, self.tags, self.actors, self.status,
                tuple((s.article, s.quote) for s in self.sources))


@dataclass(frozen=True, slots=True)
class Article:
    """A stored source article: front matter plus its cleaned text."""

    id: str
    title: str
    path: str
    body: str | Spilled  # the text as kept: on disk when long (spill.shelved)
    url: str = ""
    publisher: str = ""
    published: PartialDate | None = None
    author: str = ""
    content_digest: bytes = b""  # of the file the article was read from (b"" when not known)

    @property
    def text(self) -> str:
        """The article's cleaned text."""
        return text_of(self.body)
