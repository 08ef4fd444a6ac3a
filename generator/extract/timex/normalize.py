"""Rules for expressions that name their calendar position: dates, months, years, decades.

Each rule takes the named groups of a match and the Context, and returns a Resolved
value, or None to reject the match (a number that is not a year, "May" the name).
Missing fields are never filled with defaults: "July 1997" stays "1997-07".
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.extract.timex.anchor import holiday as holiday_date, value_of
from generator.extract.timex.context import Context
from generator.extract.timex.lexicon import MONTHS, SEASONS
from generator.extract.timex.numbers import parse_ordinal, parse_year_words


@dataclass(frozen=True, slots=True)
class Resolved:
    """A rule's answer.  `topic` False marks a comparison point ("a year earlier" after
    a quarter): later anaphora keep counting from the period under discussion."""

    type: str
    value: str
    resolution: str
    anchored: bool
    topic: bool = True
    trim: int = 0  # characters of the match's start to leave out of the span


Groups = dict[str, str | None]
Rule = Callable[[Groups, Context], Resolved | None]
RULES: dict[str, Rule] = {}


def rule(function: Rule) -> Rule:
    """Register a rule under its function name (the `rule` field of a pattern)."""
    RULES[function.__name__] = function
    return function


def explicit(value: str, kind: str = "DATE") -> Resolved:
    return Resolved(kind, value, "explicit date", False)


def from_published(ctx: Context, value: str, how: str, kind: str = "DATE") -> Resolved:
    """A value computed from the publication date; `how` says how, for the reader."""
    return Resolved(kind, value, f"{squash(ctx.span)} → {value}, {how} publication "
                    f"({ctx.published.isoformat()})", True)


def unresolved(value: str, kind: str = "DATE") -> Resolved:
    return Resolved(kind, value, "no publication date: left unresolved", False)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def month_number(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def year_of(groups: Groups) -> int | None:
    """The explicit year of a match, in digits or words."""
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("yearwords"):
        return parse_year_words(groups["yearwords"])
    return None


# A past-tense sentence may still name a date a few weeks ahead ("the offer was
# extended to Nov. 16"), and a future-tense one a date just past ("hoped she would
# bring aid after the Aug. 7 blasts"): tense only moves dates further off than this.
_TENSE_TOLERANCE = 45
# The noun of a scheduled event right after a month, past a few names and adjectives:
# "the November U.S. elections", "the March party congress", "the June vote".
_SCHEDULED_EVENT = re.compile(
    r"(?:\s+(?:(?-i:[A-Z][\w.'&-]*)|presidential|general|congressional|mid-?term|local"
    r"|parliamentary|legislative|state|national|municipal|regional|federal|party"
    r"|leadership|board|shareholders'?|annual|special|runoff|primary|scheduled|planned"
    r"|summit)){0,3}\s+(?:elections?|votes?|voting|polls|primar(?:y|ies)|caucus(?:es)?"
    r"|referendum|ballot|run-?off|summit|meetings?|talks|conference|convention|congress"
    r"|session|hearings?|trial|deadline)\b", re.I)
_DEADLINE = re.compile(r"\b(?:until|till|through)\s+$", re.I)


def tense_year(ctx: Context, month: int, day: int = 0,
               infinitive: bool = False) -> tuple[int, str]:
    """The year of a month (and day) given without one, and why.

    The occurrence nearest the publication date, unless the tense of the sentence
    says otherwise: an event in the past tense is not well after publication, one in
    the future tense not before it.  `day` 0 stands for the whole month.  With
    `infinitive`, a month in the clause of an infinitive ("agreed to acquire the bank
    in January") is not moved by the tense of the sentence: the nearest one.

    A month (or date) naming a scheduled event ("the November U.S. elections", "the
    March summit", "the Nov. 3 vote") is not dated by the verb either: "Democrats
    called for sanctions over the November elections" speaks of the coming ones.  It
    is the nearest such month, the coming one if the sentence looks forward.
    """
    published = ctx.published

    def distance(year: int) -> int:
        middle = datetime.date(year, month, day or 15)
        return abs((middle - published).days)

    # February 29 only exists in leap years: look as far as the nearest ones.
    years = [y for y in range(published.year - 4, published.year + 5)
             if calendar.isleap(y) or (month, day) != (2, 29)]
    year = min(years, key=lambda y: (distance(y), y))
    tense = ctx.tense(weak="fallback", infinitive=infinitive)
    event = _SCHEDULED_EVENT.match(ctx.after(60)) is not None
    if event and tense == "past":
        tense = None
    ahead = (datetime.date(year, month, day or 1) - published).days
    # A deadline ("extended the loans through January") is not dated by the verb.
    deadline = _DEADLINE.search(ctx.before(12)) is not None
    step = 0
    if tense == "past" and not deadline and ahead > _TENSE_TOLERANCE:
        step = -1
    elif tense == "future" and ahead < -_TENSE_TOLERANCE - 30 * (not day):
        step = 1
    if step:
        year += step
        while (month, day) == (2, 29) and not calendar.isleap(year):
            year += step
    how = {published.year: "in the year of", published.year - 1: "the latest such date before",
           published.year + 1: "the next such date after"}.get(year, "counted from")
    if event:
        how = (f"a scheduled event: the nearest such {'date' if day else 'month'}"
               f"{' ahead' if step > 0 else ''} to")
    return year, how


def _exists(year: int, month: int, day: int) -> bool:
    return day <= calendar.monthrange(year, month)[1]


@rule
def month_day(groups: Groups, ctx: Context) -> Resolved | None:
    month = month_number(groups["month"])
    day = int(groups["day"]) if groups.get("day") else parse_ordinal(groups["dayword"] or "")
    if not day:
        return None
    year = year_of(groups)
    try:
        datetime.date(year or 2000, month, day)
    except ValueError:
        return None
    if year is not None:
        return explicit(f"{year:04d}-{month:02d}-{day:02d}")
    if ctx.published is None:
        return unresolved(f"XXXX-{month:02d}-{day:02d}")
    relation = (groups.get("rel") or "").lower()
    if relation in ("last", "next"):
        # "last Oct. 23": the latest such date before publication; "next": the first after.
        step = -1 if relation == "last" else 1
        year = ctx.published.year
        while not _exists(year, month, day) or (
                datetime.date(year, month, day) >= ctx.published if step < 0
                else datetime.date(year, month, day) <= ctx.published):
            year += step
        how = "the latest such date before" if relation == "last" else "the next such date after"
        return from_published(ctx, f"{year:04d}-{month:02d}-{day:02d}", how)
    year, how = tense_year(ctx, month, day, infinitive=True)
    return from_published(ctx, f"{year:04d}-{month:02d}-{day:02d}", how)


@rule
def week_of(groups: Groups, ctx: Context) -> Resolved | None:
    """"the week of March 6": the ISO week of that date."""
    day = month_day(groups, ctx)
    if day is None:
        return None
    if day.value.startswith("X"):
        return unresolved("XXXX-WXX")
    value = value_of(datetime.date.fromisoformat(day.value), "W")
    if not day.anchored:
        return explicit(value)
    return Resolved("DATE", value, f"{squash(ctx.span)} → {value}; the day: {day.resolution}",
                    True)


@rule
def month_year(groups: Groups, ctx: Context) -> Resolved | None:
    month = month_number(groups["month"])
    year = year_of(groups)
    if year is not None:
        return explicit(f"{year:04d}-{month:02d}")
    shift = {"this": 0, "last": -1, "next": 1}[groups["rel"].lower()]
    if ctx.published is None:
        return unresolved(f"XXXX-{month:02d}")
    value = f"{ctx.published.year + shift:04d}-{month:02d}"
    return from_published(ctx, value, f"{groups['rel'].lower()} year counted from")


@rule
def numeric_date(groups: Groups, ctx: Context) -> Resolved | None:
    if groups.get("iy"):
        year, month, day = int(groups["iy"]), int(groups["im"]), int(groups["id"])
    else:
        year, month, day = int(groups["uy"]), int(groups["um"]), int(groups["ud"])
        if year < 100:
            year += 2000 if year < 50 else 1900
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if groups.get("ih"):
        return explicit(f"{value}T{groups['ih']}:{groups['imin']}", "TIME")
    return explicit(value)


@rule
def midterms(groups: Groups, ctx: Context) -> Resolved | None:
    value = f"{int(groups['year']):04d}-11"
    return Resolved("DATE", value, f"U.S. midterm elections are held in November → {value}",
                    False)


@rule
def season(groups: Groups, ctx: Context) -> Resolved | None:
    year = year_of(groups)
    return explicit(f"{year:04d}-{SEASONS[groups['season'].lower()]}") if year else None


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


@rule
def decade(groups: Groups, ctx: Context) -> Resolved | None:
    if groups.get("decade"):
        return explicit(groups["decade"][:3])
    if groups.get("decword"):
        # "the nineties" names no century: the 1900s, as in speech about the past.
        return explicit(f"19{_DECADE_WORDS[groups['decword'].lower()]}")
    tens = int((groups.get("short") or groups["short2"])[0])
    # "the '80s" is in the publication's century unless that decade is still to come.
    if ctx.published is None:
        century = 19
    else:
        century = ctx.published.year // 100
        if tens * 10 > ctx.published.year % 100:
            century -= 1
    return explicit(f"{century}{tens}")


@rule
def century(groups: Groups, ctx: Context) -> Resolved | None:
    number = parse_ordinal(groups["cnum"])
    if not number or number > 30:
        return None
    return explicit(f"{number - 1:02d}")


@rule
def holiday(groups: Groups, ctx: Context) -> Resolved | None:
    name = groups["holiday"]
    year = year_of(groups)
    if year is None:
        if ctx.published is None:
            return unresolved("XXXX-XX-XX")
        relation = (groups.get("hrel") or "").lower()
        this_year = holiday_date(name, ctx.published.year)
        if this_year is None:
            return None
        if relation in ("last", "this past"):
            year = ctx.published.year - (this_year >= ctx.published)
            how = "the latest before"
        elif relation in ("next", "this coming"):
            year = ctx.published.year + (this_year <= ctx.published)
            how = "the next after"
        else:
            year, how = tense_year(ctx, this_year.month, this_year.day, infinitive=True)
    date = holiday_date(name, year)
    if date is None:
        return None
    value = value_of(date, "W") if groups.get("hweek") else date.isoformat()
    if year_of(groups) is not None:
        return explicit(value)
    return from_published(ctx, value, how)


_MONTH_PREPOSITIONS = re.compile(
    r"(?:\b(?:in|of|since|until|till|by|from|to|through|last|next|this|early|late|mid|during"
    r"|before|after|between|and|or|on|around|about|that|each|every)\s*|[-,(]\s*)$", re.I)


@rule
def month(groups: Groups, ctx: Context) -> Resolved | None:
    number = month_number(groups["month"])
    # "May" alone is often the name or the verb: require a preposition before it.
    if groups["month"] in ("May", "MAY") and not (groups.get("mod") or
                                                 _MONTH_PREPOSITIONS.search(ctx.before(20))):
        return None
    # "the March for Life", "a march on Washington": the noun ("in March for health
    # reasons" is the month).
    if number == 3 and re.match(r"\s+(?:for|of|on|against)\b", ctx.after(9)) and not (
            groups.get("mod") or _MONTH_PREPOSITIONS.search(ctx.before(20))):
        return None
    if ctx.published is None:
        return unresolved(f"XXXX-{number:02d}")
    year, how = tense_year(ctx, number, infinitive=True)
    return from_published(ctx, f"{year:04d}-{number:02d}", how)


_YEAR_PREPOSITIONS = re.compile(
    r"\b(?:in|since|of|from|by|until|till|to|before|after|between|and|circa|around|during"
    r"|through|early|late|mid)\s+$", re.I)


@rule
def year(groups: Groups, ctx: Context) -> Resolved | None:
    value = year_of(groups)
    if value is None:
        return None
    before = ctx.before(12)
    # Money, counts and identifiers, not years: "$1990", "No. 2000", "2,000".
    if re.search(r"(?:[$£€#]|\bNo\.|\d[.,])\s*$", before) or re.match(r"\s*(?:[%$]|percent)",
                                                                      ctx.after(9)):
        return None
    if groups.get("year") and value < 1900 and not (
            groups.get("mod") or _YEAR_PREPOSITIONS.search(before)):
        return None
    return explicit(f"{value:04d}")


@rule
def year_end(groups: Groups, ctx: Context) -> Resolved | None:
    shift = {"this": 0, "last": -1, "next": 1}.get((groups.get("yerel") or "").lower(), 0)
    if ctx.published is None:
        return unresolved("XXXX")
    return from_published(ctx, f"{ctx.published.year + shift:04d}",
                          "the end of the year of" if shift == 0 else "counted from")

