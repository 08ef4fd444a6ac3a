"""Calendar arithmetic on TIMEX3 values: granularity, shifting, weekdays, holidays."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

# Units as the patterns name them, from fine to coarse.  "WE" (weekend) counts as a week.
GRANULARITY_ORDER = ["T", "D", "W", "M", "Q", "H", "S", "Y", "DE", "CE"]


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar value broken into fields; `grain` says which fields are meaningful.

    grain: "D" day (+ optional `time` suffix such as "T10:00" or "TMO"), "W" ISO week,
    "M" month, "Q" quarter, "H" half year, "S" season, "Y" year, "DE" decade, "CE" century.
    """

    grain: str
    year: int
    sub: int = 0  # month, ISO week, quarter or half, by grain
    day: int = 0
    season: str = ""
    time: str = ""
    weekend: bool = False


_VALUE_FORMS = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})(T[\w:]+)?"), "D"),
    (re.compile(r"(\d{4})-W(\d{2})(-WE)?"), "W"),
    (re.compile(r"(\d{4})-(\d{2})"), "M"),
    (re.compile(r"(\d{4})-Q(\d)"), "Q"),
    (re.compile(r"(\d{4})-H(\d)"), "H"),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), "S"),
    (re.compile(r"(\d{4})"), "Y"),
    (re.compile(r"(\d{3})"), "DE"),
    (re.compile(r"(\d{2})"), "CE"),
]


def parse_value(value: str) -> Point | None:
    """The Point of a specific TIMEX3 date value, None for "PAST_REF", "XXXX-XX" and the like."""
    for form, grain in _VALUE_FORMS:
        match = form.fullmatch(value)
        if not match:
            continue
        groups = match.groups()
        year = int(groups[0])
        if grain == "D":
            return Point("D", year, int(groups[1]), int(groups[2]), time=groups[3] or "")
        if grain == "W":
            return Point("W", year, int(groups[1]), weekend=bool(groups[2]))
        if grain in ("M", "Q", "H"):
            return Point(grain, year, int(groups[1]))
        if grain == "S":
            return Point("S", year, season=groups[1])
        return Point(grain, year)
    return None


def format_point(point: Point) -> str:
    """The TIMEX3 value of a Point."""
    if point.grain == "D":
        return f"{point.year:04d}-{point.sub:02d}-{point.day:02d}{point.time}"
    if point.grain == "W":
        return f"{point.year:04d}-W{point.sub:02d}" + ("-WE" if point.weekend else "")
    if point.grain == "M":
        return f"{point.year:04d}-{point.sub:02d}"
    if point.grain in ("Q", "H"):
        return f"{point.year:04d}-{point.grain}{point.sub}"
    if point.grain == "S":
        return f"{point.year:04d}-{point.season}"
    if point.grain == "DE":
        return f"{point.year:03d}"
    if point.grain == "CE":
        return f"{point.year:02d}"
    return f"{point.year:04d}"


def point_of(date: datetime.date, grain: str) -> Point:
    """The Point of the given grain that contains a date ("W" gives its ISO week)."""
    if grain == "D":
        return Point("D", date.year, date.month, date.day)
    if grain in ("W", "WE"):
        iso = date.isocalendar()
        return Point("W", iso[0], iso[1], weekend=grain == "WE")
    if grain == "M":
        return Point("M", date.year, date.month)
    if grain == "Q":
        return Point("Q", date.year, (date.month - 1) // 3 + 1)
    if grain == "H":
        return Point("H", date.year, 1 if date.month <= 6 else 2)
    if grain == "DE":
        return Point("DE", date.year // 10)
    if grain == "CE":
        return Point("CE", date.year // 100)
    return Point("Y", date.year)


def value_of(date: datetime.date, grain: str) -> str:
    """TIMEX3 value of the period of the given grain containing the date."""
    return format_point(point_of(date, grain))


def start_date(point: Point) -> datetime.date | None:
    """The first day of a Point (its day for "D"), used to compute from it."""
    try:
        if point.grain == "D":
            return datetime.date(point.year, point.sub, point.day)
        if point.grain == "W":
            return datetime.date.fromisocalendar(point.year, point.sub, 1)
        if point.grain == "M":
            return datetime.date(point.year, point.sub, 1)
        if point.grain == "Q":
            return datetime.date(point.year, 3 * point.sub - 2, 1)
        if point.grain == "H":
            return datetime.date(point.year, 6 * point.sub - 5, 1)
        if point.grain in ("Y", "S"):
            return datetime.date(point.year, 1, 1)
    except ValueError:
        return None
    return None


def add_months(date: datetime.date, months: int) -> datetime.date:
    """The date `months` later, its day clipped to the target month's length."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise ValueError(f"year {year} is out of range")
    last_day = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(date.day, last_day))


def shift_date(date: datetime.date, unit: str, amount: int) -> datetime.date:
    """The date moved by `amount` units (D, W, M, Q, H, Y, DE, CE)."""
    if unit == "D":
        return date + datetime.timedelta(days=amount)
    if unit in ("W", "WE"):
        return date + datetime.timedelta(weeks=amount)
    months = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}[unit]
    return add_months(date, months * amount)


def shift(value: str, unit: str, amount: int) -> str | None:
    """Move a TIMEX3 value by `amount` units, keeping its granularity.

    "1989-Q3" moved by -1 Y is "1988-Q3"; "2018" moved by -2 Y is "2016".  A unit finer
    than the value ("2018" moved by months), or a result outside years 1-9999: None.
    """
    try:
        return _shift(value, unit, amount)
    except (ValueError, OverflowError):
        return None


def _shift(value: str, unit: str, amount: int) -> str | None:
    point = parse_value(value)
    if point is None:
        return None
    grain = point.grain
    if grain == "S":
        if unit != "Y":
            return None
        return format_point(Point("S", point.year + amount, season=point.season))
    if grain in ("DE", "CE"):
        years = {"DE": 10, "CE": 100}[grain]
        unit_years = {"Y": 1, "DE": 10, "CE": 100}.get(unit)
        if unit_years is None or unit_years < years and grain == "CE":
            return None
        return format_point(Point(grain, point.year + amount * unit_years // years))
    if GRANULARITY_ORDER.index(unit if unit != "WE" else "W") < GRANULARITY_ORDER.index(grain):
        return None
    if grain == "W" and unit in ("M", "Q", "H", "Y"):
        # Weeks do not line up with months: shift the week's Monday and take its week.
        moved = shift_date(start_date(point), unit, amount)
        return format_point(point_of(moved, "WE" if point.weekend else "W"))
    start = start_date(point)
    if start is None:
        return None
    moved = shift_date(start, unit, amount)
    result = point_of(moved, "WE" if point.weekend else grain)
    if grain == "D" and point.time:
        result = Point("D", result.year, result.sub, result.day, time=point.time)
    return format_point(result)


def weekday_near(reference: datetime.date, weekday: int, direction: int,
                 inclusive: bool = True) -> datetime.date:
    """The weekday (1 = Monday) nearest the reference in a direction.

    direction -1: latest on or before the reference (strictly before if not inclusive);
    direction +1: first on or after it.
    """
    delta = (weekday - reference.isoweekday()) % 7
    if direction > 0:
        if delta == 0 and not inclusive:
            delta = 7
        return reference + datetime.timedelta(days=delta)
    back = (reference.isoweekday() - weekday) % 7
    if back == 0 and not inclusive:
        back = 7
    return reference - datetime.timedelta(days=back)


def easter(year: int) -> datetime.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    """The n-th given weekday of a month (n = -1 for the last one)."""
    if n > 0:
        first = datetime.date(year, month, 1)
        return weekday_near(first, weekday, +1) + datetime.timedelta(weeks=n - 1)
    last = add_months(datetime.date(year, month, 1), 1) - datetime.timedelta(days=1)
    return weekday_near(last, weekday, -1)


def holiday(name: str, year: int) -> datetime.date | None:
    """The date of a named (U.S. and Christian) holiday in a year."""
    name = re.sub(r"[^a-z ]", "", name.lower()).replace(" day", "").replace(" eve", "eve")
    fixed = {
        "christmas": (12, 25), "christmaseve": (12, 24), "new years": (1, 1),
        "new yearseve": (12, 31), "independence": (7, 4), "july fourth": (7, 4),
        "fourth of july": (7, 4), "halloween": (10, 31), "valentines": (2, 14),
        "veterans": (11, 11), "st patricks": (3, 17), "boxing": (12, 26),
    }
    if name in fixed:
        return datetime.date(year, *fixed[name])
    if name == "easter":
        return easter(year)
    if name == "good friday":
        return easter(year) - datetime.timedelta(days=2)
    if name == "thanksgiving":
        return nth_weekday(year, 11, 4, 4)
    if name == "memorial":
        return nth_weekday(year, 5, 1, -1)
    if name == "labor":
        return nth_weekday(year, 9, 1, 1)
    if name in ("martin luther king", "martin luther king jr", "mlk"):
        return nth_weekday(year, 1, 1, 3)
    if name in ("presidents", "washingtons birthday"):
        return nth_weekday(year, 2, 1, 3)
    if name == "columbus":
        return nth_weekday(year, 10, 1, 2)
    if name == "election":
        # U.S. federal elections: the Tuesday after the first Monday of November.
        return nth_weekday(year, 11, 1, 1) + datetime.timedelta(days=1)
    return None
