"""Calendar arithmetic on TIMEX3 values, number words and ISO durations."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest

from generator.extract.timex.anchor import easter, holiday, shift, value_of, weekday_near
from generator.extract.timex.durations import iso_duration
from generator.extract.timex.numbers import parse_number, parse_ordinal, parse_year_words


@pytest.mark.parametrize("value, unit, amount, expected", [
    ("2018", "Y", -2, "2016"),
    ("1989-Q3", "Y", -1, "1988-Q3"),
    ("1989-Q1", "Q", -1, "1988-Q4"),
    ("2020-09", "M", 4, "2021-01"),
    ("2020-03-31", "M", -1, "2020-02-29"),
    ("2020-W36", "W", 1, "2020-W37"),
    ("2020-W53", "W", 1, "2021-W01"),
    ("2020-09-03T10:00", "D", -1, "2020-09-02T10:00"),
    ("199", "DE", 1, "200"),
    ("2018", "M", 2, None),
    ("PAST_REF", "Y", 1, None),
])
def test_shift(value, unit, amount, expected):
    assert shift(value, unit, amount) == expected


def test_value_of_grains():
    day = datetime.date(2020, 9, 3)
    assert [value_of(day, grain) for grain in ("D", "W", "WE", "M", "Q", "H", "Y", "DE", "CE")
            ] == ["2020-09-03", "2020-W36", "2020-W36-WE", "2020-09", "2020-Q3", "2020-H2",
                  "2020", "202", "20"]


def test_weekday_near():
    thursday = datetime.date(2020, 9, 3)
    assert weekday_near(thursday, 4, -1) == thursday
    assert weekday_near(thursday, 4, -1, inclusive=False) == datetime.date(2020, 8, 27)
    assert weekday_near(thursday, 1, +1) == datetime.date(2020, 9, 7)
    assert weekday_near(thursday, 1, -1) == datetime.date(2020, 8, 31)


def test_holidays():
    assert easter(2000) == datetime.date(2000, 4, 23)
    assert holiday("Thanksgiving Day", 1998) == datetime.date(1998, 11, 26)
    assert holiday("Election Day", 2020) == datetime.date(2020, 11, 3)
    assert holiday("Memorial Day", 2020) == datetime.date(2020, 5, 25)
    assert holiday("Christmas Eve", 2019) == datetime.date(2019, 12, 24)


def test_numbers():
    assert parse_number("twenty four") == 24
    assert parse_number("2 1/2") == Fraction(5, 2)
    assert parse_number("a couple of") == 2
    assert parse_number("several") is None
    assert parse_number("180") == 180
    assert parse_ordinal("twenty-first") == 21
    assert parse_ordinal("3rd") == 3
    assert parse_year_words("nineteen ninety-six") == 1996
    assert parse_year_words("two thousand") == 2000


@pytest.mark.parametrize("amount, grain, expected", [
    (Fraction(3), "Y", "P3Y"), (Fraction(5, 2), "Y", "P2Y6M"), (None, "W", "PXW"),
    (Fraction(11, 2), "H", "PT5H30M"), (Fraction(3, 2), "MIN", "PT1M30S"),
    (Fraction(2), "DE", "P20Y"), (None, "H", "PTXH"), (Fraction(2), "FN", "P4W"),
])
def test_iso_duration(amount, grain, expected):
    assert iso_duration(amount, grain) == expected
