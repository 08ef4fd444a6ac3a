"""Loading content into the model, and organizing it into a timeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_config
from generator.content.load import load_content
from generator.errors import ContentError
from generator.model import slugify
from generator.timeline import organize


def project(tmp_path: Path, events: dict[str, str], articles: dict[str, str] | None = None) -> Path:
    (tmp_path / "content" / "events").mkdir(parents=True)
    (tmp_path / "content" / "articles").mkdir()
    for name, text in events.items():
        (tmp_path / "content" / "events" / name).write_text(text)
    for name, text in (articles or {}).items():
        (tmp_path / "content" / "articles" / name).write_text(text)
    return tmp_path


def load(tmp_path, **kwargs):
    return load_content(load_config(tmp_path), **kwargs)


def test_events_are_ordered_by_earliest_instant_then_precision_then_id(tmp_path):
    project(tmp_path, {"b.yaml": "date: 2018-01-01\ntitle: B\n", "a.yaml": "date: 2018\ntitle: A\n",
                       "c.yaml": "date: 2017-12\ntitle: C\n", "d.yaml": "date: 2018\ntitle: D\n"})
    assert [e.id for e in load(tmp_path).events] == ["c", "a", "d", "b"]


def test_drafts_are_left_out_unless_asked(tmp_path):
    project(tmp_path, {"a.yaml": "date: 2018\ntitle: A\nstatus: draft\n", "b.yaml": "date: 2019\ntitle: B\n"})
    assert [e.id for e in load(tmp_path).events] == ["b"]
    assert [e.id for e in load(tmp_path, include_drafts=True).events] == ["a", "b"]


def test_source_inherits_article_details_and_quote_is_whitespace_insensitive(tmp_path):
    article = "---\ntitle: Report\nurl: https://example.org/r\npublisher: Example\npublished: 2020-09-03\n---\n" \
              "The council   voted\non Thursday.\n"
    project(tmp_path, {"a.yaml": "date: 2020-09-03\ntitle: Vote\nsources:\n  - article: report\n"
                                 "    quote: The council voted on Thursday.\n"}, {"report.md": article})
    source = load(tmp_path).events[0].sources[0]
    assert (source.url, source.title, source.publisher, str(source.published)) == \
        ("https://example.org/r", "Report", "Example", "2020-09-03")


def test_all_problems_of_all_files_at_once(tmp_path):
    project(tmp_path, {"a.yaml": "date: 2018-02-30\ntitle: A\n", "b.yaml": "title: B\n",
                       "c.yaml": "date: 2018\ntitle: C\ntags: [Bad Tag]\nextra: 1\n"})
    with pytest.raises(ContentError) as error:
        load(tmp_path)
    assert [(p.path.split("/")[-1], p.field) for p in error.value.problems] == \
        [("a.yaml", "date"), ("b.yaml", "date"), ("c.yaml", "tags"), ("c.yaml", "extra")]


def test_timeline_years_terms_related_and_neighbours(tmp_path):
    project(tmp_path, {
        "a.yaml": "date: 2016\ntitle: A\ntags: [x, y]\nactors: [Ann]\n",
        "b.yaml": "date: 2018\ntitle: B\ntags: [x]\n",
        "c.yaml": "date: 2018-05\ntitle: C\ntags: [x, y]\nactors: [Ann]\n",
        "d.yaml": "date: -0043\ntitle: D\n",
    })
    timeline = organize(load(tmp_path), related_size=5)
    assert [(y, [e.id for e in events]) for y, events in timeline.years] == \
        [(-43, ["d"]), (2016, ["a"]), (2018, ["b", "c"])]
    assert [(t.name, len(t.events)) for t in timeline.tags] == [("x", 3), ("y", 2)]
    assert [t.slug for t in timeline.actors] == ["ann"]
    assert [e.id for e in timeline.related["a"]] == ["c", "b"]  # c shares three labels, b one
    assert timeline.related["d"] == ()
    assert [e.id for e in timeline.neighbours("a")] == ["d", "b"]
    assert timeline.neighbours("d")[0] is None and timeline.neighbours("c")[1] is None


@pytest.mark.parametrize("name, slug", [
    ("Internet Research Agency", "internet-research-agency"), ("Office of the DNI", "office-of-the-dni"),
    ("Søren Kierkegaard", "soren-kierkegaard"), ("  John  Smith ", "john-smith"),
])
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_slugify_non_latin_is_stable_and_safe():
    slug = slugify("Владимир Путин")
    assert slug == slugify("Владимир Путин") and slug.replace("-", "").isalnum() and slug.isascii()


def test_highlights_match_a_whitespace_insensitive_regex_search():
    import random
    import re

    from generator.pages.highlight import find_highlights
    from generator.timeline import Quote

    rng = random.Random(3)
    words = ["the", "council", "voted", "on", "Thursday.", "plan", "“quoted”", "a-b", "(x)", "2018"]
    # Spaces and line breaks alone (most articles), and any whitespace; text that starts with some, or not.
    for spaces in ([" ", "  ", "\n", "\n\n", " \n "], [" ", "  ", "\n", "\n\n", "\t ", "\xa0", " \u2003 ", "\x1c"]):
        for _ in range(300):
            text = rng.choice(["", " ", "\n\n "]) + "".join(rng.choice(words) + rng.choice(spaces) for _ in range(40))
            start = rng.randrange(30)
            quote_text = " ".join(text.split()[start:start + rng.randint(1, 6)])
            quote = Quote(event=None, source_index=0, text=quote_text)
            match = re.search(r"\s+".join(re.escape(w) for w in quote_text.split()), text)
            [found] = find_highlights(text, (quote,))
            assert (found.start, found.end) == (match.start(), match.end())
    assert find_highlights("abc", (Quote(event=None, source_index=0, text="missing"),)) == []


@pytest.mark.parametrize("seed", range(8))
def test_related_rankings_equal_a_full_sort_of_every_candidate(seed):
    import random
    from types import SimpleNamespace

    from generator.timeline import RelatedEvents

    rng = random.Random(seed)
    labels = [f"l{n}" for n in range(rng.choice([3, 8, 30]))]
    events = tuple(SimpleNamespace(id=f"e{rng.randrange(10**6):06d}-{n}", tags=tuple(rng.sample(labels, rng.randint(0, 3))),
                                   actors=tuple(rng.sample(["Ann", "Bo"], rng.randint(0, 1)))) for n in range(300))
    limit = [0, 1, 5, 12][seed % 4]

    def naive(index):
        mine = {*("t:" + t for t in events[index].tags), *("a:" + a for a in events[index].actors)}
        scored = []
        for other, event in enumerate(events):
            shared = len(mine & {*("t:" + t for t in event.tags), *("a:" + a for a in event.actors)})
            if other != index and shared:
                scored.append((-shared, abs(other - index), event.id))
        return [event_id for _, _, event_id in sorted(scored)[:limit]]

    related = RelatedEvents(events, limit)
    assert all([e.id for e in related[event.id]] == naive(index) for index, event in enumerate(events))


def test_quotes_are_found_as_in_the_whitespace_normalized_article():
    import random

    from generator.content.load import _normalized, _QuoteFinder
    from generator.model import Article

    rng = random.Random(7)
    pieces = ["a", "bb", "Cé", ".", ",", " ", "  ", "\n", "\t", "\xa0", " \n "]
    checked = found = 0
    for round_ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        finder = _QuoteFinder({"x": Article("x", "t", "p", text)})
        for _ in range(20):
            start = rng.randrange(len(text))
            quote = text[start:start + rng.randint(1, 12)]
            if rng.random() < 0.5:
                quote = _normalized(quote) or quote
            if rng.random() < 0.2:
                quote = quote.replace(" ", "  ", 1)
            expected = quote in _normalized(text)
            assert finder.found(quote, "x") == expected, (text, quote)
            checked += 1
            found += expected
    assert checked == 6000 and 1000 < found < 5000  # both outcomes well represented


def test_with_sources_keeps_every_other_field():
    import dataclasses

    from generator.dates import PartialDate
    from generator.model import Event, Extraction, Source

    # Every field set to a value unlike its default, so a field the positional copy forgets shows.
    values = {"id": "e", "date": PartialDate.parse("2020-09-03"), "title": "T", "path": "content/events/e.yaml",
              "end": PartialDate.parse("2020-09-04"), "summary_markdown": "S", "tags": ("t",), "actors": ("a",),
              "sources": (Source(url="https://example.org/"),), "status": "draft",
              "extracted": Extraction(expression="on Thursday"), "content_digest": b"d" * 16}
    assert set(values) == {field.name for field in dataclasses.fields(Event)}
    event = Event(**values)
    sources = (Source(url="https://example.org/other"),)
    assert event.with_sources(sources, b"o" * 16) == dataclasses.replace(event, sources=sources,
                                                                        content_digest=b"o" * 16)
    assert event.with_summary_kept("K") == dataclasses.replace(event, summary_markdown="K")


def test_names_repeated_across_events_are_one_string_each(tmp_path):
    """Tags, actors, publishers and article ids come back as one string per name (a big site's memory), equal as
    written."""
    source = "sources:\n  - url: https://example.org/a\n    publisher: The Paper\n"
    project(tmp_path, {f"{name}.yaml": f"date: 2018\ntitle: {name}\ntags: [election-security]\nactors: [Senate]\n"
                       + source for name in ("a", "b")})
    first, second = load(tmp_path).events
    assert first.tags == ("election-security",) and first.actors == ("Senate",)
    assert first.tags[0] is second.tags[0] and first.actors[0] is second.actors[0]
    assert first.sources[0].publisher == "The Paper" and first.sources[0].publisher is second.sources[0].publisher


def test_rankings_a_worker_reports_leave_it_and_come_back_where_they_are_remembered():
    from types import SimpleNamespace

    from generator.timeline import RelatedEvents

    events = tuple(SimpleNamespace(id=f"e{n}", tags=("a", "b") if n % 2 else ("a",), actors=()) for n in range(6))
    related = RelatedEvents(events, 2)
    ranked = [e.id for e in related["e1"]]
    made = related.take_made()
    assert list(made) == [1] and related.rankings() == {}  # reported: no longer kept by the worker
    assert related.take_made() == {}
    assert [e.id for e in related["e1"]] == ranked  # ranked again if asked again, the same
    related.take_made()
    related.remember(made)  # the keeping process
    assert related.rankings() == made and related.take_made() == {}


def test_an_events_digest_is_that_of_its_file_name_and_text_wherever_the_file_is(tmp_path):
    from generator.content.load import read_event_file

    text = "date: 2020-09-03\ntitle: Senators urge sanctions\nsummary: |\n  Four senators wrote.\n"
    paths = []
    for folder, name, body in (("a", "2020-09-03-letter", text), ("b", "2020-09-03-letter", text),
                               ("c", "2020-09-03-letter", text.replace("Four", "Five")),
                               ("d", "2020-09-03-other", text), ("e", "2020-09-03-letter", text + "# a comment\n")):
        path = tmp_path / folder / f"{name}.yaml"
        path.parent.mkdir()
        path.write_text(body)
        paths.append(path)
    events = [read_event_file(path, f"shown/{path.name}")[0] for path in paths]
    digests = [event.content_digest for event in events]
    assert all(len(digest) == 16 for digest in digests)
    assert digests[0] == digests[1]  # the same file elsewhere
    assert len(set(digests[1:])) == 4  # another text, another name (so another id), even a comment


def test_placements_digest_equal_placements_alike_whatever_objects_hold_them():
    import sys

    from generator.cachedload import placements_digest
    from generator.dates import PartialDate
    from generator.model import Event, Source

    def event(tag: str, status: str, article: str, day: int = 3) -> Event:
        return Event("e", PartialDate(2020, 9, day), "A title", "e.yaml", tags=(tag,), status=status,
                     sources=(Source("https://example.org/", article=article, quote="A quote"),))

    interned = event(sys.intern("election"), sys.intern("published"), sys.intern("letter"))
    copies = event("".join(["elec", "tion"]), "".join(["publi", "shed"]), "".join(["let", "ter"]))
    assert placements_digest((interned, interned)) == placements_digest((copies, copies))
    assert placements_digest((interned,)) != placements_digest((event("election", "published", "letter", 4),))
    assert placements_digest((interned,)) != placements_digest((event("vote", "published", "letter"),))
