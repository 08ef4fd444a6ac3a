"""Markdown to safe HTML: Python-Markdown for the syntax, nh3 (ammonia) to sanitize."""

from __future__ import annotations

import functools

import markdown
import nh3

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "del", "em", "h3", "h4", "h5", "h6", "hr", "i",
    "li", "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


@functools.lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def render_markdown(text: str) -> str:
    """HTML for a Markdown summary; scripts, event handlers and non-http(s) links never survive."""
    converter = _converter()
    html = converter.reset().convert(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
        attribute_filter=_keep_attribute,
    )


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    # nh3 lets relative URLs through; content links must be absolute http(s)/mailto
    # because a relative one would break under the site's base path.
    if attribute == "href" and not is_safe_url(value):
        return None
    return value


def is_safe_url(url: str) -> bool:
    """True for the only link kinds content may carry: http(s) and mailto."""
    scheme, sep, rest = url.partition(":")
    return bool(sep) and scheme.lower() in URL_SCHEMES and bool(rest.strip("/")) and not any(c.isspace() for c in url)
