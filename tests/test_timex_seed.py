"""Cases from a news article published Thursday 2020-09-03, and texts without a date."""

from __future__ import annotations

import datetime

import pytest

from generator.extract.timex import tag

PUBLISHED = datetime.date(2020, 9, 3)


def values(text: str, published=PUBLISHED) -> dict[str, str]:
    return {t.text: t.value for t in tag(text, published)}


@pytest.mark.parametrize("text, span, value", [
    ("Biden on Thursday called on Americans to vote early.", "Thursday", "2020-09-03"),
    ("Russia stepped up its efforts this week, officials said.", "this week", "2020-W36"),
    ("Interference is expected ahead of the November U.S. elections.", "November",
     "2020-11"),
    ("Officials warned about threats to the 2020 election.", "2020", "2020"),
    ("The sanctions follow a 2018 executive order.", "2018", "2018"),
    ("Russia interfered in the 2018 midterm elections.", "the 2018 midterm elections",
     "2018-11"),
    # A presidential election is not dated by law to a month everywhere: the year is
    # all the expression says.
    ("The agency meddled ahead of the 2016 presidential election.", "2016", "2016"),
])
def test_seed_article_values(text, span, value):
    assert values(text).get(span) == value


def test_anaphoric_years_count_from_the_date_mentioned_before():
    text = ("Derkach was sanctioned by the Treasury Department in 2018 for interfering "
            "in U.S. elections two years earlier.")
    found = tag(text, PUBLISHED)
    earlier = next(t for t in found if t.text == "two years earlier")
    assert earlier.value == "2016"
    assert earlier.anchored
    assert "2018" in earlier.resolution


def test_resolution_explains_weekday():
    thursday = tag("Biden on Thursday called on voters.", PUBLISHED)[0]
    assert thursday.anchored
    assert thursday.resolution == ("Thursday → 2020-09-03, the latest Thursday on or before "
                                   "publication (2020-09-03)")


def test_explicit_dates_are_not_anchored():
    found = tag("The order was signed on Aug. 7, 1998.", PUBLISHED)
    assert [(t.text, t.value, t.anchored, t.resolution) for t in found] == [
        ("Aug. 7, 1998", "1998-08-07", False, "explicit date")]


def test_future_weekday_is_the_next_one():
    assert values("The Senate will vote on Monday.")["Monday"] == "2020-09-07"


def test_spans_are_sorted_and_disjoint_with_exact_offsets():
    text = ("Last year sales fell; this year, in the third quarter, they rose for the first "
            "time in three years, the company said Tuesday morning.")
    found = tag(text, PUBLISHED)
    assert [t.text for t in found] == ["Last year", "this year", "the third quarter",
                                       "three years", "Tuesday morning"]
    for timex in found:
        assert text[timex.start:timex.end] == timex.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert found[-1].type == "DATE" and found[-1].value == "2020-09-01"


@pytest.mark.parametrize("text, span, value", [
    ("Stocks fell on Thursday.", "Thursday", "XXXX-WXX-4"),
    ("Profit rose last year.", "last year", "XXXX"),
    ("It was announced this week.", "this week", "XXXX-WXX"),
    ("Shares fell yesterday.", "yesterday", "XXXX-XX-XX"),
    ("They met two years ago.", "two years ago", "XXXX"),
    ("The vote is in November.", "November", "XXXX-11"),
    ("It closed Sept. 30.", "Sept. 30", "XXXX-09-30"),
    ("Trading halted at 10:35 a.m. after a fire.", "10:35 a.m.", "XXXX-XX-XXT10:35"),
])
def test_without_publication_date_relative_expressions_stay_unresolved(text, span, value):
    found = {t.text: t for t in tag(text, None)}
    assert found[span].value == value
    assert found[span].resolution == "no publication date: left unresolved"
    assert not found[span].anchored


def test_without_publication_date_explicit_and_anaphoric_still_resolve():
    found = {t.text: t.value for t in tag(
        "In 2018 they were fined for acts two years earlier, for three years.", None)}
    assert found == {"2018": "2018", "two years earlier": "2016", "three years": "P3Y"}


def test_empty_and_plain_texts():
    assert tag("", PUBLISHED) == []
    assert tag("No dates here at all, only 3 apples and $5.", PUBLISHED) == []


def test_weekends_and_sentence_boundaries():
    text = "They met last weekend and will meet next weekend. The weekend was calm."
    assert values(text) == {"last weekend": "2020-W35-WE", "next weekend": "2020-W37-WE",
                            "The weekend": "2020-W35-WE"}


@pytest.mark.parametrize("text", [
    "Mr. Reupke, 52 years old, resigned.",
    "It will save $2 million a year in costs.",
    "Protesters joined the annual March for Life.",
    'Baker said on ABC\'s "This Week" that talks continue.',
    "Theresa May said the vote may be delayed.",
    "Shares fell 5% to $1,990 each.",
])
def test_look_alikes_are_not_expressions(text):
    assert tag(text, PUBLISHED) == []


def test_february_29_and_far_counts():
    assert values("The law took effect Feb. 29.", datetime.date(2021, 3, 1))["Feb. 29"] == \
        "2020-02-29"
    assert values("It ended last Feb. 29.", datetime.date(2023, 6, 1))["last Feb. 29"] == \
        "2020-02-29"
    found = tag("It began a thousand millennia ago.", PUBLISHED)
    assert [(t.text, t.value) for t in found] == [("a thousand millennia ago", "XXXX")]


def test_publication_date_must_be_in_range():
    with pytest.raises(ValueError):
        tag("Friday", datetime.date(9999, 1, 1))


@pytest.mark.parametrize("text, span, value", [
    # The seed sentence: "called" is past, but the month belongs to the infinitive's
    # clause and names a scheduled event: the coming elections.
    ("A group of leading Senate Democrats on Thursday called on the Trump administration "
     "to impose sanctions on Russians for recent efforts to interfere in the November U.S. "
     "elections.", "November", "2020-11"),
    ("Democrats on Thursday raised concerns about the November elections.", "November",
     "2020-11"),
    ("The senators called for a Nov. 3 vote.", "Nov. 3", "2020-11-03"),
    # Without an event noun or an infinitive, a past-tense month is behind publication.
    ("He was hired in November.", "November", "2019-11"),
    ("Gadhafi agreed in April to hand them over.", "April", "2020-04"),
])
def test_months_of_scheduled_events_and_infinitives(text, span, value):
    assert values(text).get(span) == value
