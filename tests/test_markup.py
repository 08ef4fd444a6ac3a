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


def test_the_start_of_a_plain_text_is_that_of_the_whole_text_on_one_line():
    import random
    from test_incremental_fastpaths import generated_documents
    from generator.markup import plain_start, plain_text

    rng = random.Random(7)
    cut = 0
    for text in generated_documents(11, 1500, 0.15):
        whole = " ".join(plain_text(text).split())
        length = rng.choice([0, 1, 5, 20, 60, 200, 10_000])
        start = plain_start(text, length)
        assert whole.startswith(start) and len(start) >= min(length + 1, len(whole)), (text, length)
        cut += len(start) < len(whole)
    assert cut > 500  # most were cut short: only the text the length takes is made


def test_an_event_page_is_described_in_plain_words_cut_at_a_word():
    from generator.dates import PartialDate
    from generator.model import Event
    from generator.pages.views import DESCRIPTION_LENGTH, description

    def event(summary):
        return Event("e", PartialDate(2020, 9, 3), "The title", "e.yaml", summary_markdown=summary)

    assert description(event("A **bold** [link](https://x.org/a) and `code`.")) == \
        "A bold link (https://x.org/a) and code."
    assert description(event("")) == description(event("<script>x()</script>")) == "The title"
    long = description(event("Word, " * 100))
    assert long == "Word, " * 32 + "Word…" and len(long) <= DESCRIPTION_LENGTH
    assert description(event("x" * 500)) == "x" * (DESCRIPTION_LENGTH - 1) + "…"
