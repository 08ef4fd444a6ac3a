"""yamlout.dump: deterministic text that a text-only YAML loader reads back unchanged."""

import random

import pytest
import yaml

from generator.yamlout import dump

TRICKY = [
    "plain words", "2016", "2020-09-03", "2020-W36", "0.8", "yes", "No", "null", "~", "true", "",
    " leading space", "trailing space ", "a: b", "a #b", "ends with colon:", "#hash", "- dash", "-0043",
    "?x", ":x", "[bracket", "{brace}", "a, b", "it's", "'quoted'", '"double"', "back\\slash", "tab\there",
    "Thursday → 2020-09-03, the latest Thursday on or before publication", "“curly” quotes ’ and —",
    "line\u2028separator", "nel\x85char", "bom\ufeffinside", "bell\x07", "emoji 🙂", "%percent", "@at", "`tick",
    "*star", "&amp", "!bang", "|pipe", ">gt", "a:b", "http://example.com/a?b=c#frag", "ends with #",
    "line one\nline two", "line one\nline two\n", "trailing\n\n\n", "  indented first\nsecond\n",
    "\nstarts with newline\n", "cr\r\nlf", "only\n",
]


LOADERS = [yaml.BaseLoader] + ([yaml.CBaseLoader] if hasattr(yaml, "CBaseLoader") else [])


def roundtrip(mapping):
    """Read back with every text-only loader available; they must agree."""
    text = dump(mapping)
    first, *others = [yaml.load(text, Loader=loader) for loader in LOADERS]
    assert all(other == first for other in others)
    return first


@pytest.mark.parametrize("text", TRICKY)
def test_every_string_reads_back_identically(text):
    mapping = {"title": text, "tags": [text, "x"], "sources": [{"quote": text, "url": "u"}],
               "extracted": {"resolved": text}}
    assert roundtrip(mapping) == mapping


def test_random_strings_read_back_identically():
    rng = random.Random(7)
    alphabet = "ab :#-?,[]{}'\"\\\n\t|>!&*%@`→“”’ 0123456789"
    for _ in range(800):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        mapping = {"summary": text, "actors": [text], "nested": {"quote": text}}
        assert roundtrip(mapping) == mapping, repr(text)


def test_event_layout_matches_the_documented_format():
    event = {
        "id": "2020-09-03-senate-democrats-urge-sanctions",
        "date": "2020-09-03",
        "title": "Senate Democrats urge sanctions",
        "summary": "A group of leading Senate Democrats on Thursday called for sanctions.\n",
        "tags": ["sanctions", "election-interference"],
        "actors": ["Senate Democrats", "Steven Mnuchin"],
        "sources": [{"article": "the-hill-2020-09-03-top", "published": "2020-09-03",
                     "quote": "A group: of leading Senate Democrats"}],
        "status": "draft",
        "extracted": {"expression": "on Thursday", "offsets": [123, 301], "confidence": 0.8},
    }
    assert dump(event) == (
        "id: 2020-09-03-senate-democrats-urge-sanctions\n"
        "date: 2020-09-03\n"
        "title: Senate Democrats urge sanctions\n"
        "summary: |\n"
        "  A group of leading Senate Democrats on Thursday called for sanctions.\n"
        "tags: [sanctions, election-interference]\n"
        "actors: [Senate Democrats, Steven Mnuchin]\n"
        "sources:\n"
        "  - article: the-hill-2020-09-03-top\n"
        "    published: 2020-09-03\n"
        '    quote: "A group: of leading Senate Democrats"\n'
        "status: draft\n"
        "extracted:\n"
        "  expression: on Thursday\n"
        "  offsets: [123, 301]\n"
        "  confidence: 0.8\n"
    )
    loaded = roundtrip(event)
    assert loaded["extracted"]["offsets"] == ["123", "301"] and loaded["extracted"]["confidence"] == "0.8"


def test_flow_lists_quote_commas_and_long_lists_go_one_per_line():
    assert dump({"actors": ["Smith, Jr.", "Ann"]}) == 'actors: ["Smith, Jr.", Ann]\n'
    long_list = [f"Organisation number {i}" for i in range(8)]
    text = dump({"actors": long_list})
    assert text.startswith("actors:\n  - Organisation number 0\n")
    assert roundtrip({"actors": long_list}) == {"actors": long_list}


def test_empty_containers_and_order_are_kept():
    assert dump({"b": [], "a": {}, "c": "x"}) == "b: []\na: {}\nc: x\n"


def test_the_strict_project_loader_reads_it_back():
    from generator.content.yamltext import parse

    mapping = {"title": "yes: no", "summary": "two\nlines\n", "tags": ["a", "b"], "date": "2016"}
    assert parse(dump(mapping), "x.yaml").data == mapping
