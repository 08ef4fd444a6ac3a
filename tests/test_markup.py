"""Markdown summaries are rendered, then sanitized: no script, no handler, no unsafe link survives."""

from __future__ import annotations

import pytest

from generator.markup import is_safe_url, render_markdown


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    '<p onclick="alert(1)">x</p>',
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
])
def test_dangerous_markup_never_survives(source):
    html = render_markdown(source).lower()
    for needle in ("<script", "javascript:", "onerror", "onclick", "<iframe", "data:", "<img"):
        assert needle not in html


def test_markdown_is_rendered_and_safe_links_kept():
    html = render_markdown("Some *emphasis* and [a link](https://example.org/x) or [mail](mailto:a@example.org).")
    assert "<em>emphasis</em>" in html
    assert 'href="https://example.org/x"' in html
    assert 'href="mailto:a@example.org"' in html


def test_relative_links_are_dropped():
    # A relative link would break under the site's base path.
    assert "href" not in render_markdown("[x](/elsewhere)")


@pytest.mark.parametrize("url, safe", [
    ("https://thehill.com/x", True), ("http://a.org", True), ("mailto:a@b.org", True),
    ("javascript:alert(1)", False), ("ftp://a.org", False), ("/relative", False), ("https://", False),
    ("https://a.org/x y", False),
])
def test_is_safe_url(url, safe):
    assert is_safe_url(url) is safe


def test_plain_text_of_a_summary_keeps_words_lines_and_addresses():
    from generator.markup import plain_text

    summary = ("A **bold** [link](https://x.org/a?b=1&c=2) and `code`,\nwrapped.\n\n- one *item*\n- two\n\n"
               "An address as its own text: [https://y.org/](https://y.org/). Tom & Jerry <script>x()</script>.")
    assert plain_text(summary) == (
        "A bold link (https://x.org/a?b=1&c=2) and code, wrapped.\n\n- one item\n- two\n\n"
        "An address as its own text: https://y.org/. Tom & Jerry .")  # the script went, its space stayed
    assert plain_text("[dropped](javascript:alert(1)) link") == "dropped link"
    assert plain_text("") == plain_text("<b></b>") == ""
