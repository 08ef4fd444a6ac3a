"""Candidates from text + timexes: roles of dates, titles, merging, unresolved dates, pure values."""

import datetime
import pickle

import pytest

from generator.extract.candidates import (ArticleMeta, compatible, extract, extract_candidates, precision,
                                          same_happening)
from generator.extract.timex import Timex

META = ArticleMeta(article_id="a", title="T", publisher="The Hill", published=datetime.date(2020, 9, 3))


def timex(text, doc, value, resolution="explicit date", anchored=False, type_="DATE", nth=0):
    start = -1
    for _ in range(nth + 1):
        start = doc.index(text, start + 1)
    return Timex(start, start + len(text), text, type_, value, resolution, anchored)


def test_an_adverbial_date_dates_the_main_clause_and_leaves_the_title():
    doc = "A group of leading Senate Democrats on Thursday called on the Trump administration to impose sanctions."
    found = extract(doc, META, [timex("Thursday", doc, "2020-09-03", "Thursday → 2020-09-03", True)])
    (candidate,) = found.candidates
    assert candidate.date == "2020-09-03"
    assert candidate.title == "Leading Senate Democrats call on Trump administration to impose sanctions"
    assert candidate.expression == "on Thursday"
    assert candidate.quote == doc and candidate.offsets == (0, len(doc))
    assert candidate.confidence == 0.8
    assert "sanctions" in candidate.tags and "Senate Democrats" in candidate.actors


def test_a_date_inside_a_noun_phrase_names_that_happening():
    doc = ("The senators urged Mnuchin to use powers created by a 2018 executive order that allows the Treasury "
           "secretary to impose sanctions in the event of foreign interference in the U.S. election.")
    (candidate,) = extract(doc, META, [timex("2018", doc, "2018")]).candidates
    assert candidate.title == "2018 executive order allows Treasury secretary to impose sanctions"
    assert candidate.date == "2018"


def test_a_date_that_only_describes_people_is_not_a_happening():
    doc = "2020 Democrats feel more emboldened to label Trump a racist."
    assert extract(doc, META, [timex("2020", doc, "2020")]).candidates == ()


def test_two_dates_in_one_sentence_give_two_happenings():
    doc = ("Senate Democrats on Thursday called for sanctions over efforts to interfere in the November U.S. "
           "elections.")
    found = extract(doc, META, [timex("Thursday", doc, "2020-09-03", anchored=True),
                                timex("November", doc, "2020-11", anchored=True)])
    assert [(c.date, c.title) for c in found.candidates] == [
        ("2020-09-03", "Senate Democrats call for sanctions over efforts to interfere in November U.S. elections"),
        ("2020-11", "November U.S. elections")]


def test_repeated_mentions_of_one_happening_merge_into_the_most_precise():
    doc = ("Russia tried to interfere in the 2020 election, officials said. "
           "Officials expect more interference before the November election.")
    found = extract(doc, META, [timex("2020", doc, "2020"), timex("November", doc, "2020-11", anchored=True)])
    (candidate,) = found.candidates
    assert candidate.date == "2020-11" and candidate.mentions == 2
    assert candidate.quote == "Officials expect more interference before the November election."


def test_different_happenings_of_one_year_stay_apart():
    doc = ("The senators urged the use of a 2018 executive order that allows sanctions. "
           "The agency was sanctioned by the Treasury Department in 2018 for interfering in elections.")
    found = extract(doc, META, [timex("2018", doc, "2018"), timex("2018", doc, "2018", nth=1)])
    assert [c.title for c in found.candidates] == [
        "2018 executive order allows sanctions",
        "Agency sanctioned by Treasury Department for interfering in elections"]


def test_without_a_publication_date_relative_dates_are_reported_unresolved():
    doc = "Senate Democrats on Thursday called for sanctions."
    meta = ArticleMeta(article_id="a", title="T")
    found = extract(doc, meta, [timex("Thursday", doc, "XXXX-WXX-4", "no publication date: left unresolved")])
    assert found.candidates == ()
    (item,) = found.unresolved
    assert (item.expression, item.value, item.reason) == (
        "Thursday", "XXXX-WXX-4", "no publication date: left unresolved")


def test_quotes_future_dates_and_pronoun_subjects_lower_the_confidence():
    doc = "“We will vote in November,” he said. He met Putin in July."
    found = extract(doc, META, [timex("November", doc, "2020-11", anchored=True),
                                timex("July", doc, "2020-07", anchored=True)])
    quoted, vague = found.candidates
    # relative to publication 0.8, inside a quotation -0.2, after publication -0.1, subject "We" -0.15
    assert quoted.confidence == 0.35
    # relative 0.8, subject "He" -0.15
    assert vague.confidence == 0.65


def test_values_without_a_calendar_date_make_no_candidate():
    doc = "For two years the sanctions stayed. Prices rise every week. It happened recently."
    found = extract(doc, META, [timex("two years", doc, "P2Y", type_="DURATION"),
                                timex("every week", doc, "P1W", type_="SET"),
                                timex("recently", doc, "PAST_REF")])
    assert found == extract(doc, META, [])


def test_extract_candidates_runs_the_tagger_itself():
    doc = "The Treasury Department sanctioned the Internet Research Agency in 2018."
    (candidate,) = extract_candidates(doc, META)
    assert (candidate.date, candidate.expression) == ("2018", "in 2018")


def test_inputs_and_outputs_are_plain_picklable_values():
    doc = "The Treasury Department sanctioned the agency in 2018."
    found = extract(doc, META, [timex("2018", doc, "2018")])
    assert pickle.loads(pickle.dumps((META, found))) == (META, found)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("2020", "2020-11", True), ("2020-11", "2020-11-03", True), ("2020-W36", "2020-09-03", True),
    ("2020-W36", "2020-09", True), ("2020-W36", "2020-10", False), ("2018", "2016", False), ("2020", "2020", True),
    ("2020-11", "2020-12", False), ("2020", "nonsense", False),
])
def test_compatible_dates(a, b, expected):
    assert compatible(a, b) is expected and compatible(b, a) is expected


def test_precision_orders_year_month_week_day():
    assert [precision(v) for v in ("2016", "2016-11", "2016-W45", "2016-11-08", "PAST_REF")] == [1, 2, 3, 4, 0]


def test_same_happening_needs_the_same_date_and_shared_words():
    doc = "The Treasury Department sanctioned the Internet Research Agency in 2018."
    (a,) = extract(doc, META, [timex("2018", doc, "2018")]).candidates
    keys = frozenset(a.keywords)
    assert same_happening(a, keys, a, keys)
    other = a.__class__(**{**{f: getattr(a, f) for f in a.__dataclass_fields__}, "date": "2019"})
    assert not same_happening(a, keys, other, keys)
