"""Markdown to safe HTML (Python-Markdown for the syntax, nh3 (ammonia) to sanitize; plain prose written directly as
both would write it), and that HTML as plain text."""

from __future__ import annotations

import html
import operator
import re

import nh3

from generator.spill import ON_DISK, Spilled, shelved, text_of

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "del", "em", "h3", "h4", "h5", "h6", "hr", "i",
    "li", "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_converter = None
_cleaner = None
# Rendered summaries by source text: feeds, exports and pages all show the same summaries, and
# parallel workers or the build cache hand results in through remember(). Cleared when full.
_rendered: dict[str | Spilled, str | Spilled] = {}
_RENDERED_LIMIT = 250_000


def _markdown(text: str) -> str:
    global _converter
    if _converter is None:
        import markdown  # imported on first use: startup and cached rebuilds never need it

        _converter = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    return _converter.reset().convert(text)


# The plain-prose fast path. Python-Markdown costs ~0.5 ms per summary; most summaries are
# paragraphs of prose with at most simple emphasis, code and links (and one of those wrapped whole
# in another). For exactly that subset the output is fixed, so we produce it directly; anything else
# (other lists, headings, HTML, entities, escapes, other nesting, images, hard breaks, ...) goes to
# Python-Markdown and the sanitizer. Differential tests (tests/test_incremental_fastpaths.py) check that the fast
# path agrees with Python-Markdown, and with the sanitizer's output, on generated and tricky inputs.
_PLAIN = r"[^\\`*_\[\]!<>&|\x00-\x1f\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\n]"
_EDGE = _PLAIN.replace("[^", "[^ ", 1)  # no space at either end of emphasis, code or link text
# Inside, a single line break may occur (editors wrap lines), never a blank line.
_INNER = rf"(?:{_EDGE}(?:(?:{_PLAIN}|\n(?!\n))*?{_EDGE})?)"
# Link text may hold the simple forms too (`[a *b* c](…)`): the same characters plus `*`, `_` and backticks, taken
# apart again by _inline.
_LINKED = _PLAIN.replace("\\`*_", "\\", 1)
_LINKED_EDGE = _LINKED.replace("[^", "[^ ", 1)
_LINK_TEXT = rf"(?:{_LINKED_EDGE}(?:(?:{_LINKED}|\n(?!\n))*?{_LINKED_EDGE})?)"
# Code spans come first in Python-Markdown, so their text may hold `*`, `_` and brackets as they are.
_CODE_PLAIN = _PLAIN.replace(r"\\`*_\[\]!", r"\\`", 1)
_CODE_EDGE = _CODE_PLAIN.replace("[^", "[^ ", 1)
_CODE = rf"(?:{_CODE_EDGE}(?:(?:{_CODE_PLAIN}|\n(?!\n))*?{_CODE_EDGE})?)"
# An address's characters. A code span inside one (`[`x` y](https://a.org/`x`/1)`) is taken first, as every code
# span is, and Python-Markdown's link keeps only its text: the backticks go.
_URL = r"[A-Za-z0-9._~/?#=%:+,;@$'*-]"
# One simple form wrapped whole in another (`**_x_**`, `` _`x`_ ``, `***x***`, `****x****`): the inner one's HTML
# inside the outer tag, as Python-Markdown nests them.
_STARRED = rf"(?:\*\*{_INNER}\*\*|\*{_INNER}\*)"
_UNDERSCORED = rf"(?:_{_INNER}_)"
_CODED = rf"(?:`{_CODE}`(?!`))"
_TOKEN = re.compile(
    rf"(?<!\*)\*\*\*(?P<strong_em>{_INNER})\*\*\*(?!\*)"
    rf"|\*\*(?P<strong_wrap>{_UNDERSCORED}|{_CODED}|\*\*{_INNER}\*\*)\*\*(?!\*)"
    rf"|\*\*(?P<strong>{_INNER})\*\*(?!\*)"
    rf"|(?<!\*)\*(?P<em_wrap>{_UNDERSCORED}|{_CODED})\*(?!\*)"
    rf"|(?<!\*)\*(?P<em>{_INNER})\*(?!\*)"
    rf"|(?<!\w)__(?P<strong_>{_INNER})__(?!\w)"
    rf"|(?<!\w)_(?P<em_wrap_>{_STARRED}|{_CODED})_(?!\w)"
    rf"|(?<!\w)_(?P<em_>{_INNER})_(?!\w)"
    rf"|``(?P<code2>{_CODE})``(?!`)"
    rf"|`(?P<code>{_CODE})`(?!`)"
    rf"|\[(?P<text>{_LINK_TEXT})\]\((?P<href>https?://{_URL}+(?:`{_URL}+`{_URL}+)*)\)"
)
_LEFTOVER = re.compile(r"[\\`*_\[\]!<>&|\t\r\x00-\x08\x0b-\x1f\x7f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f"
                       r"\u205f\u3000\ufeff]")
_BLOCK_START = re.compile(r"[\s#>+=~:-]|\*+(?:\s|$)|\d+[.)]")
_TAGS = {"strong": "strong", "strong_": "strong", "em": "em", "em_": "em", "code": "code", "code2": "code"}
_WRAPS = {"strong_wrap": "strong", "em_wrap": "em", "em_wrap_": "em"}


def _inline(text: str) -> str | None:
    """Inline HTML of one paragraph or list item, or None if it holds anything but the simple forms."""
    pieces, cursor = [], 0
    while (special := _LEFTOVER.search(text, cursor)) is not None:
        # Every markup character must open one of the simple forms, right where it stands.
        match = _TOKEN.match(text, special.start())
        if match is None:
            return None
        pieces.append(text[cursor:special.start()])
        kind = match.lastgroup
        if kind == "href":
            text_html = _inline(match["text"])
            if text_html is None:
                return None
            pieces += ('<a href="', match["href"].replace("`", ""), '">', text_html, "</a>")
        elif kind == "strong_em":
            pieces += ("<strong><em>", match[kind], "</em></strong>")
        elif kind in _WRAPS:
            inner = _inline(match[kind])
            if inner is None:
                return None
            tag = _WRAPS[kind]
            pieces += ("<", tag, ">", inner, "</", tag, ">")
        else:
            tag = _TAGS[kind]
            pieces += ("<", tag, ">", match[kind], "</", tag, ">")
        cursor = match.end()
    if not cursor:
        return text
    pieces.append(text[cursor:])
    return "".join(pieces)


def _fast_markdown(text: str) -> str | None:
    """Python-Markdown's exact output for plain paragraphs and tight `- ` lists, or None outside that subset."""
    blocks: list[str] = []
    after_list = False
    for block in text.strip("\n").split("\n\n"):
        lines = block.split("\n")
        is_list = lines[0].startswith("- ")
        if is_list and after_list:
            return None  # two list blocks in a row make one loose list
        for index, line in enumerate(lines):
            if is_list:
                if not line.startswith("- "):
                    return None
                lines[index] = line = line[2:]
            if not line or line[-1] == " " or _BLOCK_START.match(line):
                return None
        if is_list:
            items = [_inline(line) for line in lines]
            if None in items:
                return None
            blocks.append("<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>")
        else:
            inner = _inline(block)
            if inner is None:
                return None
            blocks.append(f"<p>{inner}</p>")
        after_list = is_list
    return "\n".join(blocks)


def rendered_now(text: str) -> str:
    """HTML for a Markdown summary, rendered and not remembered here (a file's parser: the build keeps the HTML, with
    the Markdown as it keeps it, through remember())."""
    html = _fast_markdown(text) if text.strip() else ""
    if html and "<a " in html:
        html = _with_kept_links(html)
    if html is None:
        return _sanitizer().clean(_markdown(text))
    # The fast path's HTML is already what the sanitizer makes of it (~17 us a summary): its text never holds `<`,
    # `>` or `&`, its tags are p, ul, li, em, strong, code and a, and a link's address is http(s) and URL characters,
    # given the sanitizer's rel here (tests/test_incremental_fastpaths.py compares the two on generated summaries).
    return html


_FAST_LINK = re.compile(r'<a href="([^"]*)">')
_LINK_REL = "nofollow noopener"


def _with_kept_links(html: str) -> str | None:
    """The fast path's links as the sanitizer leaves them, or None when it would drop an address."""
    if not all(map(is_safe_url, _FAST_LINK.findall(html))):
        return None
    return _FAST_LINK.sub(rf'<a href="\1" rel="{_LINK_REL}">', html)


def _sanitizer() -> nh3.Cleaner:
    global _cleaner
    if _cleaner is None:  # one configured cleaner: a third faster than configuring nh3.clean per call
        _cleaner = nh3.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                               link_rel=_LINK_REL, strip_comments=True, attribute_filter=_keep_attribute)
    return _cleaner


def render_markdown(text: str | Spilled) -> str:
    """HTML for a Markdown summary (the text, or where it is kept); scripts, event handlers and non-http(s) links
    never survive."""
    html = _rendered.get(text)
    if html is None:
        html = rendered_now(text_of(text))
        _remember_one(text, html)
    return text_of(html)


_TOKENS = re.compile(r"<(/?)([a-z0-9]+)([^>]*)>|([^<]+)")
_TOKENS_GROUPS = operator.methodcaller("groups", "")
_HREF = re.compile(r'\bhref="([^"]*)"')
_PARAGRAPHS = frozenset({"p", "ul", "ol", "blockquote", "pre", "h3", "h4", "h5", "h6", "table", "hr"})
_LINES = frozenset({"li", "br", "tr"})


def plain_text(summary: str | Spilled) -> str:
    """A summary as plain text, for iCalendar descriptions and JSON Feed summaries: paragraphs apart, list items
    and table rows on lines of their own, each link's address after its text (unless the text is the address)."""
    return "\n\n".join("\n".join(lines) for lines in _plain_paragraphs(summary, None) if lines)


def plain_start(summary: str | Spilled, length: int) -> str:
    """The start of plain_text(summary) on one line (each run of whitespace one space): its first `length` characters
    at least, when it has them. Only as much of the summary as they take is gone through (a page's description
    needs ~200 characters of a summary that may run to pages)."""
    return " ".join(line for lines in _plain_paragraphs(summary, length) for line in lines)


def _plain_paragraphs(summary: str | Spilled, enough: int | None) -> list[list[str]]:
    """The lines of plain_text(summary), paragraph by paragraph; with `enough`, only until they hold that many
    characters and one more (on one line)."""
    paragraphs: list[list[str]] = [[]]  # paragraphs of lines
    line: list[str] = []
    links: list[tuple[str, int]] = []  # open links: (address, where their text starts in `line`)
    made = 0  # characters of the lines ended so far, on one line (spaces between them)

    def end_line(paragraph: bool) -> None:
        nonlocal made
        text = " ".join(html.unescape("".join(line)).split())
        if text:
            paragraphs[-1].append(text)
            made += bool(made) + len(text)
        line.clear()
        if paragraph and paragraphs[-1]:
            paragraphs.append([])

    # The sanitizer's output: well-formed, its text escaped, only the allowed tags and attributes.
    sanitized = render_markdown(summary)
    tokens = _TOKENS.findall(sanitized) if enough is None else map(_TOKENS_GROUPS, _TOKENS.finditer(sanitized))
    for closing, tag, attributes, text in tokens:
        if text:
            line.append(text)
            # Enough when the line's text holds enough characters even with its whitespace runs made one space and
            # its character references read (never more characters than their source): whatever comes later goes
            # after these characters, which are the start of the whole text then.
            if enough is not None and made + 1 + sum(map(len, line)) > enough:
                line_text = " ".join(html.unescape("".join(line)).split())
                if line_text and made + bool(made) + len(line_text) > enough:
                    break
        elif tag == "a" and not closing:
            href = _HREF.search(attributes)
            links.append((href[1] if href else "", len(line)))
        elif tag == "a" and links:
            href, start = links.pop()
            if href and html.unescape("".join(line[start:])).strip() != html.unescape(href):
                line.append(f" ({href})")
        elif tag in _PARAGRAPHS:
            end_line(paragraph=True)
        elif tag in _LINES:
            end_line(paragraph=False)
            if tag == "li" and not closing:
                line.append("- ")
    end_line(paragraph=True)
    return paragraphs


def remember(text: str | Spilled, html: str | Spilled, where: str = ON_DISK) -> str | Spilled:
    """Take a summary rendered elsewhere (a worker process, the build cache) as done; returns the HTML as it is kept
    here (`where`: spill.shelved), which the caller keeps instead of the text it handed in."""
    kept = _rendered.get(text)
    return kept if kept is not None else _remember_one(text, html, where)


def _remember_one(text: str | Spilled, html: str | Spilled, where: str = ON_DISK) -> str | Spilled:
    if len(_rendered) >= _RENDERED_LIMIT:
        _rendered.clear()
    kept = _rendered[text] = shelved(html, where)
    return kept


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    # nh3 lets relative URLs through; content links must be absolute http(s)/mailto
    # because a relative one would break under the site's base path.
    if attribute == "href" and not is_safe_url(value):
        return None
    return value


_UNSAFE_URL_SPACE = re.compile(r"\s")


def is_safe_url(url: str) -> bool:
    """True for the only link kinds content may carry: http(s) and mailto."""
    scheme, sep, rest = url.partition(":")
    return (bool(sep) and scheme.lower() in URL_SCHEMES and bool(rest.strip("/"))
            and not _UNSAFE_URL_SPACE.search(url))
