"""Partial dates: a year, month, ISO week or day, possibly BCE, approximate or uncertain."""

from __future__ import annotations

import re
from dataclasses import dataclass

PRECISIONS = ("year", "month", "week", "day")

_PATTERN = re.compile(
    r"""^(?P<year>-?\d{4,})
        (?:-(?:W(?P<week>\d\d)|(?P<month>\d\d)(?:-(?P<day>\d\d))?))?
        (?P<qualifier>[~?])?$""",
    re.VERBOSE,
)
FORMAT_HINT = "write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www (e.g. 2020-W36); -0043 for 44 BCE; add ~ (approximate) or ? (uncertain)"

MONTHS_SHORT = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 in the proleptic Gregorian calendar, for any year (0 = 1 BCE)."""
    year -= month <= 2
    era = (year if year >= 0 else year - 399) // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def civil_from_days(days: int) -> tuple[int, int, int]:
    """The (year, month, day) of a day count from 1970-01-01."""
    days += 719468
    era = (days if days >= 0 else days - 146096) // 146097
    day_of_era = days - era * 146097
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    mp = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * mp + 2) // 5 + 1
    month = mp + (3 if mp < 10 else -9)
    return year_of_era + era * 400 + (month <= 2), month, day


def days_in_month(year: int, month: int) -> int:
    """Length of a month in the proleptic Gregorian calendar."""
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return days_from_civil(*following, 1) - days_from_civil(year, month, 1)


def weeks_in_year(year: int) -> int:
    """52 or 53: the number of ISO weeks in an ISO year."""
    def weekday(days: int) -> int:  # 0 = Monday; 1970-01-01 was a Thursday
        return (days + 3) % 7
    dec28 = days_from_civil(year, 12, 28)
    return (dec28 - (days_from_civil(year, 1, 4) - weekday(days_from_civil(year, 1, 4)))) // 7 + 1


def iso_week_monday(year: int, week: int) -> int:
    """Day count of the Monday starting ISO week `week` of `year`."""
    jan4 = days_from_civil(year, 1, 4)
    return jan4 - (jan4 + 3) % 7 + (week - 1) * 7


class DateError(ValueError):
    """A date string that is not a valid partial date."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date exactly as precise as the evidence: year, month, ISO week or day."""

    year: int
    month: int | None = None
    week: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Parse `2018`, `2018-09`, `2018-09-12`, `2020-W36`, `-0043`, with `~` or `?`."""
        match = _PATTERN.match(text.strip())
        if not match:
            raise DateError(f"`{text}` is not a date")
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        week = int(match["week"]) if match["week"] else None
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"`{text}`: month {month} does not exist")
        if day is not None and not 1 <= day <= days_in_month(year, month):
            raise DateError(f"`{text}`: {MONTHS_SHORT[month - 1]} {year} has no day {day}")
        if week is not None and not 1 <= week <= weeks_in_year(year):
            raise DateError(f"`{text}`: {year} has no ISO week {week}")
        qualifier = match["qualifier"]
        return cls(year, month, week, day, qualifier == "~", qualifier == "?")

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.week is not None:
            return "week"
        return "month" if self.month is not None else "year"

    def first_day(self) -> int:
        """Day count of the earliest day this date can mean."""
        if self.week is not None:
            return iso_week_monday(self.year, self.week)
        return days_from_civil(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> int:
        """Day count of the latest day this date can mean."""
        if self.week is not None:
            return iso_week_monday(self.year, self.week) + 6
        if self.day is not None:
            return self.first_day()
        if self.month is not None:
            return days_from_civil(self.year, self.month, days_in_month(self.year, self.month))
        return days_from_civil(self.year, 12, 31)

    def sort_key(self) -> tuple[int, int]:
        """Earliest instant first; at the same instant, the coarser date first."""
        return self.first_day(), PRECISIONS.index(self.precision)

    @property
    def bce(self) -> bool:
        return self.year <= 0

    def iso(self) -> str:
        """The canonical text form, without qualifier (`2020-W36`, `-0043`)."""
        year = f"-{-self.year:04d}" if self.year < 0 else f"{self.year:04d}"
        if self.week is not None:
            return f"{year}-W{self.week:02d}"
        if self.month is None:
            return year
        return f"{year}-{self.month:02d}" + (f"-{self.day:02d}" if self.day is not None else "")

    def __str__(self) -> str:
        return self.iso() + ("~" if self.approximate else "?" if self.uncertain else "")

    def html_datetime(self) -> str | None:
        """A valid HTML `<time datetime>` value, or None where HTML has none (BCE)."""
        return None if self.year < 1 else self.iso()

    def display(self) -> str:
        """How a reader sees it: 2018, Sept. 2018, Sept. 12, 2018, week of Aug. 31, 2020, 44 BCE."""
        year = f"{1 - self.year} BCE" if self.bce else str(self.year)
        if self.week is not None:
            y, m, d = civil_from_days(self.first_day())
            text = f"week of {MONTHS_SHORT[m - 1]} {d}, {y}"
        elif self.day is not None:
            text = f"{MONTHS_SHORT[self.month - 1]} {self.day}, {year}"
        elif self.month is not None:
            text = f"{MONTHS_SHORT[self.month - 1]} {year}"
        else:
            text = year
        if self.approximate:
            return "c. " + text
        return text + "?" if self.uncertain else text

    def iso_day(self, days: int | None = None) -> str:
        """YYYY-MM-DD of a day count (default: the first day); for exports."""
        y, m, d = civil_from_days(self.first_day() if days is None else days)
        return f"{y:04d}-{m:02d}-{d:02d}"


def display_range(start: PartialDate, end: PartialDate | None) -> str:
    """`2018 – 2019`; a single date when there is no end."""
    return start.display() if end is None else f"{start.display()} – {end.display()}"
