"""Partial dates: parsing, validation, display, ordering and calendar arithmetic."""

from __future__ import annotations

import datetime
import random

import pytest

from generator.dates import DateError, PartialDate, civil_from_days, days_from_civil, display_range, iso_week_monday

EPOCH = datetime.date(1970, 1, 1)


@pytest.mark.parametrize("text, shown, precision", [
    ("2018", "2018", "year"),
    ("2018-09", "Sept. 2018", "month"),
    ("2018-09-12", "Sept. 12, 2018", "day"),
    ("2020-W36", "week of Aug. 31, 2020", "week"),
    ("2016~", "c. 2016", "year"),
    ("2018?", "2018?", "year"),
    ("-0043", "44 BCE", "year"),
    ("-0043-03-15", "March 15, 44 BCE", "day"),
    ("2020-W53", "week of Dec. 28, 2020", "week"),
])
def test_parse_and_display(text, shown, precision):
    date = PartialDate.parse(text)
    assert date.display() == shown
    assert date.precision == precision
    assert str(date) == text


@pytest.mark.parametrize("text, message", [
    ("2021-02-30", "`2021-02-30`: Feb. 2021 has no day 30"),
    ("2019-02-29", "`2019-02-29`: Feb. 2019 has no day 29"),
    ("2018-13", "`2018-13`: month 13 does not exist"),
    ("2019-W53", "`2019-W53`: 2019 has no ISO week 53"),
    ("12/09/2018", "`12/09/2018` is not a date"),
    ("2018-9-1", "`2018-9-1` is not a date"),
])
def test_impossible_dates_are_rejected(text, message):
    with pytest.raises(DateError) as error:
        PartialDate.parse(text)
    assert str(error.value) == message


def test_leap_day_exists_in_leap_years():
    assert PartialDate.parse("2020-02-29").display() == "Feb. 29, 2020"
    assert PartialDate.parse("2000-02-29").precision == "day"


def test_ordering_earliest_instant_then_coarser_first():
    texts = ["2018-01-01", "2018", "2017-12-31", "2018-01", "-0043", "2018-W01"]
    ordered = sorted((PartialDate.parse(t) for t in texts), key=PartialDate.sort_key)
    # 2018-W01 starts on Monday 2018-01-01 too; year < month < week < day at the same instant.
    assert [str(d) for d in ordered] == ["-0043", "2017-12-31", "2018", "2018-01", "2018-W01", "2018-01-01"]


def test_range_display():
    assert display_range(PartialDate.parse("2018"), PartialDate.parse("2019")) == "2018 – 2019"
    assert display_range(PartialDate.parse("2018"), None) == "2018"


def test_calendar_arithmetic_matches_python_datetime():
    rng = random.Random(7)
    for _ in range(3000):
        day = datetime.date.fromordinal(rng.randint(1, 3_000_000))
        count = (day - EPOCH).days
        assert days_from_civil(day.year, day.month, day.day) == count
        assert civil_from_days(count) == (day.year, day.month, day.day)
        year, week, _ = day.isocalendar()
        assert iso_week_monday(year, week) == count - day.weekday()


def test_bce_has_no_html_datetime_but_sorts_first():
    caesar = PartialDate.parse("-0043-03-15")
    assert caesar.html_datetime() is None
    assert caesar.first_day() < PartialDate.parse("0001").first_day()
