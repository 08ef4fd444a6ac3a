"""URLs of every page, relative to the site root, and links between pages."""

from __future__ import annotations

from urllib.parse import quote

from generator.model import Event


def event_url(event: Event) -> str:
    return event_url_for(event.id)


def event_url_for(event_id: str) -> str:
    return f"events/{event_id}/"


def year_url(year: int) -> str:
    return f"years/{year}/" if year > 0 else f"years/{1 - year}-bce/"


def term_url(kind: str, slug: str) -> str:
    return f"{kind}/{slug}/"


def source_url(article_id: str) -> str:
    return f"sources/{article_id}/"


def quote_anchor(event_id: str, source_index: int) -> str:
    """Id of a highlighted quote on a source page: the event's id, and the source's number after the first."""
    return f"q-{event_id}" + (f"-{source_index + 1}" if source_index else "")


def root_prefix(page_path: str) -> str:
    """The relative way back to the site root from an output file (`events/x/index.html` → `../../`)."""
    depth = page_path.count("/")
    return "../" * depth if depth else "./"


def output_path(url: str) -> str:
    """The file an URL is served from (`events/x/` → `events/x/index.html`)."""
    return url + "index.html" if url.endswith("/") or not url else url  # what posixpath.join gives, ~3x faster


def text_fragment(quote_text: str) -> str:
    """A `#:~:text=` fragment that scrolls the original page to the quote (start,end for long ones)."""
    words = quote_text.split()
    if not words:
        return ""
    if len(words) <= 8:
        return "#:~:text=" + _fragment_text(" ".join(words))
    return "#:~:text=" + _fragment_text(" ".join(words[:4])) + "," + _fragment_text(" ".join(words[-4:]))


class _PercentEncoded(dict):
    """Character code -> its percent-encoded UTF-8 bytes, as urllib.parse.quote(text, safe="") writes them, but `-`
    escaped too (text directives use it to mark prefixes and suffixes); each character worked out when first met."""

    def __missing__(self, code: int) -> str:
        encoded = self[code] = quote(chr(code), safe="").replace("-", "%2D")
        return encoded


_PERCENT_ENCODED = _PercentEncoded()


def _fragment_text(text: str) -> str:
    # One pass in C over the text: quote() calls a Python function for every byte (~10 us for a quote's words).
    return text.translate(_PERCENT_ENCODED)
