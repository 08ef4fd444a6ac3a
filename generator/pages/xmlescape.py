"""XML escaping for feeds and sitemaps, the same bytes as xml.sax.saxutils, without its import of urllib and http."""

from __future__ import annotations

from html import escape as _html_escape

_ATTRIBUTE_WHITESPACE = str.maketrans({"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def escape(text: str) -> str:
    """Text for an XML element: `&`, `<` and `>` escaped."""
    return _html_escape(text, quote=False)


def quoteattr(value: str) -> str:
    """A quoted XML attribute value: double quotes unless the value holds one and no single quote."""
    value = escape(value).translate(_ATTRIBUTE_WHITESPACE)
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'
