"""Fast paths give exactly the reference output or data: Markdown, strict YAML, streamed exports."""

from __future__ import annotations

import random
from pathlib import Path

import markdown
from markupsafe import Markup, escape
import pytest

from generator import markup
from generator.content import yamltext

REFERENCE = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")

# Atoms that are fine, and near misses that must not slip through the fast path unnoticed.
ATOMS = [
    "word", "Senate", "2016", "1986.", "e.g.", "U.S.", "don't", '"quoted"', "(paren)", "a-b", "x:y", "50%", "ünï",
    "—", "…", "'", ":", ";", "=", "===", "---", "#", "-", "+", "1.", "1)", "|", "~", "*", "**", "_", "[", "]", "(",
    ")", "!", "&", "&amp;", "<b>", "\\*", "\t", "\xa0", "  ", "x  ", "* ", "- ", "> ", "*em*", "**strong**", "`code`",
    "*two words*", "**a b c**", "`a b`", "_u_", "__u__", "_x y_", "x_", "a_b_c", "(_x_)", "a*b*c", "***x***",
    "*a **b** c*", "`*x*`", "*x* ", " *x*", "**x*", "*x**", "[link](https://example.org/a)",
    "[two words](http://x.y/z?q=1#f)", "[*x*](http://a.b)", "![i](http://x/y)", "<http://a.b>", "http://a.b",
    "[w](https://en.wikipedia.org/wiki/A_B_(c))", "[w](https://x.org/a_b_c)", "[w](https://x.org/_a_)",
    "_[w](https://x.org/a_)_", "[a]: http://x", "[w](https:///)", "*a\nb*", "[a\nb](http://x.y/z)", "`a\nb`",
    "**a\n- b**", "*a\n# b*", "_a\nb_", "*a\n1. b*", "*a\n  b*", "`a\n`", "[a\n](http://x.y)", "*x\n*",
    # Simple forms inside link text, and near misses.
    "[a *b* c](http://x.y)", "[**b** c](https://x.org/a)", "[`c` d](https://x.org)", "[_u_](https://x.org)",
    "[x _u_](https://x.org)", "[a *b](https://x.org) c*", "[a `b](https://x.org)`", "[*a*b](http://a.b)",
    "[a**b**](http://a.b)", "[*a\nb*](http://a.b)", "[`*x*`](http://a.b)", "[***x***](http://a.b)",
    "[a_b_c](http://a.b)", "*[a](http://a.b)*", "[x *y*\nz](http://a.b)", "[ *x*](http://a.b)", "[*x* ](http://a.b)",
    "[**x*](http://a.b)", "[*](http://a.b)", "[_](http://a.b)", "[`](http://a.b)",
    # One form wrapped whole in another, code holding emphasis marks, `*` in a link's address, and near misses.
    "**_x_**", "_**x**_", "*_x_*", "_*x*_", "*`x`*", "**`x`**", "_`x`_", "``x``", "`*x*`", "`_x_`", "`**x**`",
    "`[x]`", "`a!b`", "***two words***", "**_two words_**", "_**two words**_", "*`a b`*", "__two words__",
    "[a](https://x.org/*b*/c)", "[**b** c](https://x.org/**b**/1)", "***x**", "**x***", "***x*", "*x***",
    "**_x_ y**", "_**x** y_", "*`x` y*", "``x`", "`x``", "```x```", "`` x ``", "__x_", "_x__", "___x___",
    "****x****", "_*x*", "*_x*_", "**`x**`", "`*x", "[a](https://x.org/`b`/c)", "`a\nb*`", "x__y__z", "a___b",
    "**_x_**y", "_`x`_y", "`<x>`", "`&`", "`a|b`", "`\\x`", "*__x__*", "__*x*__", "*`*`*", "_`_`_", "`*`*", "`a``b`", "`*``1*``*`", "x`a`` b",
    # Code spans in a link's address, strong wrapped in strong, and near misses.
    "[`a` b](https://x.org/`a`/1)", "[a](https://x.org/`b`/c`d`/e)", "[a](https://x.org/`b`)", "[a](https://x.org/``b``/c)",
    "[a](https://x.org/`b``c`/d)", "[a](https://x.org/`b c`/d)", "[a](https://x.org/`b`c`)", "`[a](https://x.org/`b`/c)",
    "[a `b](https://x.org/`c`/d)", "[a](https://x.org/`&`/c)", "****x y****", "****x***", "***x****", "*****x*****",
    "****x**y**", "**x****", "****_x_****",
]
PLAIN_WORDS = ["the", "vote", "Senate", "report", "a", "Treasury", "sanctions"]
LINE_STARTS = ["- ", "- ", "", "", "", "* ", "1. ", "# ", "> "]


def generated_documents(seed: int, count: int, density: float):
    rng = random.Random(seed)
    for _ in range(count):
        paragraphs = []
        for _ in range(rng.randint(1, 4)):
            lines = []
            for _ in range(rng.randint(1, 4)):
                words = [rng.choice(ATOMS) if rng.random() < density else rng.choice(PLAIN_WORDS)
                         for _ in range(rng.randint(1, 12))]
                start = rng.choice(LINE_STARTS) if rng.random() < 0.3 else ""
                lines.append(start + " ".join(words))
            paragraphs.append("\n".join(lines))
        separator = rng.choice(["\n\n", "\n\n", "\n\n\n", "\n \n"])
        yield separator.join(paragraphs) + rng.choice(["", "\n", "\n\n"])


@pytest.mark.parametrize("seed,density", [(1, 0.03), (2, 0.08), (3, 0.2)])
def test_markdown_fast_path_matches_python_markdown(seed, density):
    taken = 0
    for text in generated_documents(seed, 6000, density):
        fast = markup._fast_markdown(text)
        if fast is None:
            continue
        taken += 1
        assert fast == REFERENCE.reset().convert(text), repr(text)
    assert taken > 300  # the generator does exercise the fast path


# Forms the fast path takes, each whole, nested, in link text, across a line break, and next to punctuation.
FAST_FORMS = ["**_x_**", "_**x**_", "*_x_*", "_*x*_", "*`x`*", "**`x`**", "_`x`_", "``x``", "`*x*`", "`_x_`",
              "`**x**`", "`[x]`", "`a!b`", "***two words***", "**_two words_**", "__two words__", "***x***",
              "[a](https://x.org/*b*/c)", "[**b** c](https://x.org/**b**/1)", "*em*", "**strong**", "`code`", "_u_",
              "[**_x_** y](https://x.org/a)", "[_`c`_ d](https://x.org)", "[***t***](https://x.org/*)", "`a_b*c`",
              "**_a\nb_**", "_**a\nb**_", "`*a\nb*`", "``a\nb``", "*`x`*.", "(**_x_**)", '"_*x*_"', "x: __y__;",
              "[`a` b](https://x.org/`a`/1)", "[a](https://x.org/`b`/c`d`/e)", "****x****", "****two words****",
              "[y ****x****](https://x.org/y/1)", "[**`a`** b](https://x.org/`a`/1)"]


def test_fast_path_summaries_are_what_the_sanitizer_makes_of_python_markdown():
    # The fast path's HTML is not sanitized again: it must be the sanitizer's output already, links' rel included,
    # and an address the sanitizer drops must send the summary its way.
    sanitizer = markup._sanitizer()
    texts = [*generated_documents(21, 3000, 0.03), *generated_documents(22, 2000, 0.15),
             *(f"The {form} vote." for form in FAST_FORMS),
             "[w](https:///) and [x](https://x.org/a'b)", "[a](https://x.org/`b`/c) [d](http://e.f)"]
    fast = 0
    for text in texts:
        fast += markup._fast_markdown(text) is not None
        assert markup.rendered_now(text) == sanitizer.clean(REFERENCE.reset().convert(text)), repr(text)
    assert fast > 600


@pytest.mark.parametrize("form", FAST_FORMS)
def test_markdown_fast_path_takes_each_fast_form(form):
    # Each of these is the fast path's to render, alone and between words: a slipped pattern would send summaries
    # that hold it to Python-Markdown (~0.8 ms each, and its import in every parse worker) without failing a check.
    for text in (form, f"The {form} vote."):
        assert markup._fast_markdown(text) == REFERENCE.reset().convert(text), repr(text)


def test_markdown_fast_path_matches_python_markdown_on_nested_forms():
    rng = random.Random(5)
    taken = 0
    for _ in range(3000):
        paragraphs = []
        for _ in range(rng.randint(1, 3)):
            words = [rng.choice(FAST_FORMS) if rng.random() < 0.25 else rng.choice(ATOMS) if rng.random() < 0.04
                     else rng.choice(PLAIN_WORDS) for _ in range(rng.randint(1, 20))]
            # Next to each other too: with no space between, a form's end may open or close its neighbour.
            paragraphs.append("".join(word + rng.choice([" ", " ", "", "\n"]) for word in words).strip())
        text = "\n\n".join(paragraphs)
        fast = markup._fast_markdown(text)
        if fast is not None:
            taken += 1
            assert fast == REFERENCE.reset().convert(text), repr(text)
    assert taken > 1500


def test_markdown_fast_path_matches_python_markdown_on_forms_inside_forms():
    # Up to three forms wrapped one around the other around a few markup characters, next to code spans: what the
    # fast path takes of these must be Python-Markdown's HTML (a code span closing on a backtick run once was not).
    rng = random.Random(9)
    characters = ["a", "b", "*", "_", "[", "]", "!", " ", "`", "\\", "-", "1", "."]
    forms = ["**{}**", "*{}*", "_{}_", "__{}__", "***{}***", "`{}`", "``{}``", "[{}](https://x.org/a*b)",
             "[{}](https://x.org/`a`/b)"]
    taken = 0
    for _ in range(20000):
        text = "".join(rng.choice(characters) for _ in range(rng.randint(1, 5)))
        for _ in range(rng.randint(1, 3)):
            text = rng.choice(forms).format(text)
        text = rng.choice(["", "x ", "(", "a_", "`a` "]) + text + rng.choice(["", " y", ".", "_b", ")", "`b`"])
        fast = markup._fast_markdown(text)
        if fast is not None:
            taken += 1
            assert fast == REFERENCE.reset().convert(text), repr(text)
    assert taken > 1500


@pytest.mark.parametrize("text", [
    "Plain prose.", "One\nparagraph wrapped.\n\nAnd a second.\n", "Has *em*, **strong**, `code` and _under_.",
    "A [link](https://example.org/path_x?q=1#f) here.", "Intro.\n\n- one *item*\n- two\n\nOutro.",
    "A [link with *emphasis* and `code`](https://example.org/x) here.",
    "*Starts* with emphasis.", "[Starts](https://example.org) with a link.",
    "Bold ***and italic***, **_nested_**, *`code in em`*, `*stars*` in code, ``double``.",
    "A [**bold** link](https://example.org/**bold**/1) with stars in its address.",
])
def test_common_summaries_take_the_fast_path(text):
    fast = markup._fast_markdown(text)
    assert fast is not None and fast == REFERENCE.reset().convert(text)


@pytest.mark.parametrize("text", ["# Heading", "1986. A year", "a  \nhard break", "Tom & Jerry", "<b>x</b>",
                                  "- a\n\n- loose", "| a | b |\n|---|---|\n| 1 | 2 |", "    code", "![i](http://x/y)"])
def test_everything_else_goes_to_python_markdown(text):
    assert markup._fast_markdown(text) is None


def test_render_markdown_is_sanitized_either_way():
    assert markup.render_markdown("A [link](https://example.org/x) and *em*.") == (
        '<p>A <a href="https://example.org/x" rel="nofollow noopener">link</a> and <em>em</em>.</p>')
    assert "script" not in markup.render_markdown("<script>alert(1)</script> *x*")


def yaml_samples() -> list[tuple[str, str]]:
    """Every YAML file of the repository's sites and content, plus tricky snippets."""
    root = Path(__file__).resolve().parent.parent
    files = sorted([*root.glob("content/events/*.yaml"), *root.glob("tests/sites/**/*.yaml"),
                    *root.glob("tests/sites/**/*.yml")])
    samples = [(str(path), path.read_text(encoding="utf-8", errors="replace")) for path in files]
    samples += [(f"snippet-{i}", text) for i, text in enumerate([
        "", "---\n", "# only a comment\n", "a: 1\nb: [x, y]\nc:\n  d: |\n    text\n", "a: 1\na: 2\n",
        "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: ! 1\n", "[1, 2]\n", "a: b\n---\nc: d\n", "? [a]\n: b\n",
        "title: \"quoted: *not an alias*\"\nsummary: 'single'\n", "a:\n- 1\n-\n  - 2\n", "a: {b: c, d: [e]}\n",
        "x: *undefined\n", "a: 'unclosed\n", "key: value # comment\n", "date: 2018-09-12\nflag: NO\n",
    ])]
    return samples


def test_yaml_fast_path_matches_the_strict_parser():
    taken = 0
    for name, text in yaml_samples():
        fast = yamltext._fast_parse(text, name)
        if fast is None:
            continue
        taken += 1
        strict = yamltext._strict_parse(text, name)  # never raises where the fast path accepted
        fast._read_marks()
        assert (fast.data, fast.value_marks, fast.key_marks) == (strict.data, strict.value_marks, strict.key_marks), name
    assert taken > 20


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n", "a: b\n---\nc: d\n",
                                  "? [a]\n: b\n", "x: *undefined\n"])
def test_yaml_the_fast_path_leaves_refusals_to_the_strict_parser(text):
    assert yamltext._fast_parse(text, "x.yaml") is None


@pytest.mark.parametrize("items", [[], [{}], [{"a": 1}], [{"t": "ünï \"q\" \\ \n\t\u2028 \x00\x1f\x7f 𝄞 </", "l": [], "d": {}, "n": None},
                                                        {"nested": {"x": [1, {"y": [True, 2.5]}]}}, "text", [3, []]]])
def test_streamed_json_documents_hold_the_data_one_item_per_line(items):
    import json

    from generator.pages.chunks import json_document

    head = {"title": "Tïtle", "meta": {"a": [1, 2], "b": {}}}
    text = b"".join(json_document(head, "events", items, lambda item: item)()).decode()
    assert json.loads(text) == {**head, "events": items} and text.endswith("]}\n")
    lines = text.split("\n")[:-1]  # not splitlines(): U+2028 may stand raw in JSON text
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == items
    # Each item exactly as the json module writes it compactly (orjson makes them: the same escapes, raw UTF-8).
    assert [line.rstrip(",") for line in lines[1:-1]] == [json.dumps(item, ensure_ascii=False, separators=(",", ":"))
                                                           for item in items]


def test_utf8_chunks_are_bounded_and_keep_every_character():
    from generator.pages.chunks import CHUNK_SIZE, utf8_chunks

    pieces = [f"{n}ü€𝄞\n" * 50 for n in range(5000)]
    chunks = list(utf8_chunks(iter(pieces)))
    assert len(chunks) > 1 and all(len(chunk.decode()) < CHUNK_SIZE + 1000 for chunk in chunks)
    assert b"".join(chunks) == "".join(pieces).encode()


@pytest.mark.parametrize("seed", range(4))
def test_a_spliced_event_stream_equals_the_stream_made_whole(tmp_path, seed):
    import os

    from generator.pages.chunks import EventStream, json_document

    rng = random.Random(seed)
    words = ["a", "ü", "€€", "𝄞", "", "line\n", '"q"']
    events = [rng.choice(words) * rng.randrange(0, 400) for _ in range(rng.randrange(1, 60))]
    streams = [json_document({"t": "ï"}, "events", events, lambda event: {"text": event}),
               EventStream("head\n", events, lambda i, event: b"" if i % 3 == 0 else f"{i}:{event}\n".encode(),
                           "tail\n")]
    for make in streams:
        lengths: list[int] = []
        digests = bytearray()
        old = tmp_path / "old"
        old.write_bytes(b"".join(make.chunks(lengths, digests)))
        before = make.digest(digests)
        edited = {rng.randrange(len(events)) for _ in range(rng.randrange(1, 5))}
        for index in edited:
            events[index] = rng.choice(words) * rng.randrange(0, 400)
        descriptor = os.open(old, os.O_RDONLY)
        try:
            spliced = b"".join(make.spliced(descriptor, lengths, digests, edited))
        finally:
            os.close(descriptor)
        again: list[int] = []
        again_digests = bytearray()
        whole = b"".join(make.chunks(again, again_digests))
        assert spliced == whole
        assert lengths == again and digests == again_digests
        # The file's digest follows its bytes, however it was made.
        assert (make.digest(digests) == before) == (whole == old.read_bytes())


class _Html:
    def __html__(self):
        return "<em>its own</em>"


@pytest.mark.parametrize("value", ["plain text", "<script>alert('x') & \"y\"</script>", "", "é ✓ \U0001f600 &amp;",
                                   42, 3.5, None, True, Markup("<b>safe</b> &amp;"), _Html()])
def test_template_output_is_escaped_as_markupsafe_escapes_it(value):
    import jinja2

    from generator import render

    environment = jinja2.Environment(autoescape=True, loader=jinja2.DictLoader({
        "_macros.html": "{% macro echo(v) %}[{{ v }}]{% endmacro %}",
        "page.html": '{% from "_macros.html" import echo %}{{ value }}|{% set block %}{{ value }}{% endset %}{{ block }}'
                     "|{{ echo(value) }}|{{ echo(value) }}|{% filter upper %}{{ value }}{% endfilter %}",
    }))
    environment.template_class = render._Template
    template = environment.get_template("page.html")
    # The fast escape is the one the compiled code calls (a Jinja2 that stopped building templates through
    # _from_namespace would leave it out), and its output is markupsafe's, in every place output goes.
    assert template.root_render_func.__globals__["escape"] is render._escape_output
    escaped = str(escape(value))
    assert template.render(value=value) == f"{escaped}|{escaped}|[{escaped}]|[{escaped}]|{escaped.upper()}"


@pytest.mark.parametrize("seed", range(3))
def test_text_escapes_give_markupsafes_text(seed):
    from generator import render

    rng = random.Random(seed)
    pieces = ["&", "<", ">", "'", '"', "&amp;", "a", "Z", " ", "é", "—", "\U0001f600", "\n", "\x00", "\ud800", "&#39;"]
    texts = ["", *pieces] + ["".join(rng.choices(pieces, k=rng.randint(1, 40))) for _ in range(300)]
    # The one a template calls (MarkupSafe's own, where it has one) and the replacements it falls back on.
    for escape_text in {render._escape_text, render._replaced}:
        for text in texts:
            escaped = escape_text(text)
            assert type(escaped) is str and escaped == str(escape(text)), text


@pytest.mark.parametrize("seed", range(3))
def test_event_json_ld_is_what_json_dumps_writes_with_sorted_keys(seed):
    import json
    from types import SimpleNamespace

    from generator.dates import PartialDate
    from generator.model import Event, Source
    from generator.pages.html import _json_ld
    from generator.pages.views import event_view

    rng = random.Random(seed)
    texts = ["Vote", "Ünïcode — “quotes”", 'say "x"', "</script><b>&amp;", "back\\slash", "tab\tline\nbreak", "\u2028",
             "emoji \U0001f600", ""]
    config = SimpleNamespace(base_url="https://example.org/site/")  # all _json_ld reads of it
    for number in range(300):
        sources = tuple(Source(rng.choice(["", "https://example.org/a?b=1&c=<2>", "https://x.y/é"]),
                               rng.choice(texts), published=rng.choice([None, PartialDate.parse("2020-09")]))
                        for _ in range(rng.randint(0, 3)))
        event = Event(f"e{number}", PartialDate.parse(rng.choice(["2020", "2020-09-03", "2019-05"])),
                      rng.choice(texts) or "Title", "e.yaml", rng.choice([None, PartialDate.parse("2021-01")]),
                      tags=("t",), actors=tuple(rng.sample(texts, rng.randint(0, 3))), sources=sources)
        view, description = event_view(event), rng.choice(texts)
        data = {"@context": "https://schema.org", "@type": "Event", "name": view.title,
                "url": config.base_url + view.url, "description": description or view.title}
        if view.datetime:
            data["startDate"] = view.datetime
        if view.end_datetime:
            data["endDate"] = view.end_datetime
        if view.actors:
            data["about"] = [{"@type": "Thing", "name": name} for name, _ in view.actors]
        if any(source.url for source in view.sources):
            data["citation"] = [{"@type": "CreativeWork", "name": source.title, "url": source.url}
                                for source in view.sources if source.url]
        expected = json.dumps(data, ensure_ascii=False, sort_keys=True)
        expected = expected.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        assert _json_ld(view, description, config) == expected
        assert json.loads(_json_ld(view, description, config)) == data


def test_csv_rows_are_what_the_csv_writer_writes():
    import csv
    import io

    from generator.pages.exports import csv_row

    rng = random.Random(3)
    pieces = ["a", "Senate", " ", ",", '"', "\n", "\r", "\r\n", ";", "'", "é", "\U0001f600", "\t", "", "x y", '""']
    for _ in range(5000):
        values = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(2, 10))]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerow(values)
        assert csv_row(values) == buffer.getvalue(), values


def test_text_fragments_percent_encode_as_urllib_quote_does():
    from urllib.parse import quote

    from generator.pages.links import _fragment_text

    rng = random.Random(1)
    characters = "aZ09 -_.~!*'();:@&=+$,/?#[]%\"<>\\^`{|}\té€\U0001f600\u0301\x00\x7f"
    for _ in range(5000):
        text = "".join(rng.choice(characters) for _ in range(rng.randint(0, 30)))
        assert _fragment_text(text) == quote(text, safe="").replace("-", "%2D"), text
