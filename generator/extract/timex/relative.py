"""Rules for expressions counted from the publication date or from an earlier date.

Deictic expressions ("yesterday", "last year", "two years ago") count from the
publication date.  Anaphoric ones ("two years earlier", "the following year",
"that day") count from the latest specific date mentioned before them in the text,
falling back to the publication date when there is none.
"""

from __future__ import annotations

import datetime
import re
from fractions import Fraction

from generator.extract.timex.anchor import (
    GRANULARITY_ORDER, Point, add_months, format_point, parse_value, shift, start_date,
    value_of, weekday_near,
)
from generator.extract.timex.context import Context
from generator.extract.timex.lexicon import DAY_PARTS, SEASONS, UNITS, WEEKDAYS
from generator.extract.timex.normalize import (
    Groups, Resolved, from_published, month_number, rule, squash, unresolved,
)
from generator.extract.timex.numbers import parse_number

SHIFTS = {"last": -1, "past": -1, "previous": -1, "prior": -1, "preceding": -1,
          "this past": -1, "next": 1, "coming": 1, "following": 1, "upcoming": 1,
          "this coming": 1, "this": 0, "current": 0, "same": 0, "that": 0, "that same": 0}
# Words that point back to a date of the story rather than to the publication date.
ANAPHORIC = {"previous", "prior", "preceding", "following", "same", "that", "that same"}
GRAIN_NAMES = {"D": "day", "W": "week", "WE": "weekend", "M": "month", "Q": "quarter",
               "H": "half year", "Y": "year", "DE": "decade", "CE": "century", "S": "season"}
UNDERSPECIFIED = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX",
                  "Q": "XXXX-QX", "H": "XXXX-HX", "Y": "XXXX", "DE": "XXX", "CE": "XX",
                  "S": "XXXX-XX"}


def unit_grain(word: str) -> str:
    """The grain of a unit word: "years" → "Y", "weekend" → "WE", "hours" → "H"."""
    word = word.lower()
    key = word[:-1] if word.endswith("s") and word[:-1] in UNITS else word
    key = "century" if key in ("centuries", "centurie") else key
    return UNITS.get(key, UNITS.get(key.rstrip("s"), "Y"))


def coarsen(value: str, grain: str) -> str | None:
    """The value at a coarser grain ("2018-09-03" at "Y" is "2018"); None if finer."""
    point = parse_value(value)
    if point is None:
        return None
    if point.grain == grain or (grain == "WE" and point.grain == "W"):
        return value if grain != "WE" else format_point(
            Point("W", point.year, point.sub, weekend=True))
    order = GRANULARITY_ORDER
    if point.grain in ("DE", "CE") or order.index(point.grain) > order.index(
            "W" if grain == "WE" else grain):
        return None
    date = start_date(point)
    return value_of(date, grain) if date else None


def base(ctx: Context, anaphoric: bool) -> tuple[str, str] | None:
    """The value counted from and how to describe it, or None without any anchor."""
    if anaphoric and ctx.reference:
        return ctx.reference, f"{ctx.reference} (the date mentioned just before)"
    if ctx.published is None:
        return None
    return ctx.published.isoformat(), f"publication ({ctx.published.isoformat()})"


def counted(ctx: Context, value: str, how: str, kind: str = "DATE") -> Resolved:
    return Resolved(kind, value, f"{squash(ctx.span)} → {value}, {how}", True)


def move(ctx: Context, grain: str, amount: int, anaphoric: bool, kind: str = "DATE",
         keep_period: bool = False) -> Resolved:
    """Shift the anchor by `amount` units of `grain`, the result at that grain.

    keep_period: a quarter or half year anchor keeps its grain when moved by years
    ("a year earlier" after "the third quarter" is the third quarter a year before).
    """
    anchor = base(ctx, anaphoric)
    if anchor is None:
        return unresolved(UNDERSPECIFIED[grain], kind)
    value, described = anchor
    point = parse_value(value)
    comparison = bool(keep_period and point and point.grain in ("Q", "H") and grain == "Y")
    step_grain = "Y" if comparison else grain
    start = value if comparison else coarsen(value, grain)
    moved = shift(start, "W" if step_grain == "WE" else step_grain, amount) if start else None
    if moved is None:
        return Resolved(kind, UNDERSPECIFIED[grain], f"{squash(ctx.span)}: cannot count "
                        f"{GRAIN_NAMES[grain]}s from {value}", True)
    if amount == 0:
        how = f"the {GRAIN_NAMES[grain]} of {described}"
    else:
        unit = GRAIN_NAMES[step_grain]
        count = abs(amount)
        how = (f"{count} {unit}{'s' if count != 1 else ''} "
               f"{'before' if amount < 0 else 'after'} {described}")
    resolved = counted(ctx, moved, how, kind)
    return Resolved(kind, moved, resolved.resolution, True, topic=not comparison)


def normal_relation(text: str) -> tuple[str, bool]:
    """("next", True) for "the next": the relation word and whether "the" preceded it."""
    words = " ".join(text.lower().split())
    has_the = words.startswith("the ")
    words = words.removeprefix("the ").removeprefix("very ")
    return words, has_the


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_year(published: datetime.date, code: str, amount: int) -> int:
    """Year of the season named relative to publication ("last fall", "next winter").

    Seasons run three months from March (spring), June, September and December
    (winter, named by the year it starts in).  "last" is the latest such season that
    is over, "next" the first one not yet begun, "this" the one of the publication
    year ("this summer" in March is the coming one, in September the one just past).
    """
    month = _SEASON_START[code]
    starts = [datetime.date(year, month, 1) for year in range(published.year - 2,
                                                               published.year + 2)]
    if amount < 0:
        over = [start for start in starts if add_months(start, 3) <= published]
        return over[-1].year
    if amount > 0:
        return next(start for start in starts if start > published).year
    return published.year - (code == "WI" and published.month < 3)


def _title_case_name(ctx: Context) -> bool:
    """"This Week" in the middle of a sentence is a title (a TV show), not a date."""
    words = ctx.span.split()
    return (len(words) > 1 and all(word[:1].isupper() for word in words)
            and re.search(r"[a-z,]\W*$", ctx.before(6)) is not None)


@rule
def relative(groups: Groups, ctx: Context) -> Resolved | None:
    if _title_case_name(ctx):
        return None
    relation, has_the = normal_relation(groups["rel"])
    amount = SHIFTS[relation]
    anaphoric = relation in ANAPHORIC or (has_the and relation == "next")
    if groups.get("month"):
        return _relative_month(groups, ctx, relation, amount)
    unit = groups["relunit"].lower()
    if unit in SEASONS:
        code = SEASONS[unit]
        if anaphoric and ctx.reference and parse_value(ctx.reference):
            year = parse_value(ctx.reference).year + amount
            return counted(ctx, f"{year:04d}-{code}", f"counted from {ctx.reference}")
        if ctx.published is None:
            return unresolved(f"XXXX-{code}")
        value = f"{season_year(ctx.published, code, amount):04d}-{code}"
        return from_published(ctx, value, f"the {relation} {unit} counted from")
    if unit in ("decade", "century") and relation == "past":
        # "the past decade" is the last ten years, not the calendar decade before.
        grain = unit_grain(unit)
        return Resolved("DURATION", "P10Y" if grain == "DE" else "P100Y",
                        "a period of that length up to publication", False)
    if unit in DAY_PARTS:
        if relation == "last" and unit in ("night", "evening"):
            amount = -1
        elif relation in ("this", "that", "same"):
            amount = 0
        resolved = move(ctx, "D", amount, anaphoric, "TIME")
        if resolved.value.startswith("X"):
            return Resolved("TIME", f"{resolved.value}T{DAY_PARTS[unit]}", resolved.resolution,
                            resolved.anchored)
        return Resolved("TIME", f"{resolved.value}T{DAY_PARTS[unit]}", resolved.resolution,
                        True)
    if (unit == "year" and relation == "last" and ctx.period and ctx.reference
            and ctx.reference[5:6] in ("Q", "H") and _COMPARISON.search(ctx.before(60))):
        # "earnings of $6 million, compared with a loss of $3 million last year", in a
        # report on a quarter: that quarter a year before.
        value = shift(ctx.period, "Y", -1)
        return Resolved("DATE", value, f"{squash(ctx.span)} → {value}, the period under "
                        f"discussion ({ctx.period}) a year before", True, topic=False)
    return move(ctx, unit_grain(unit), amount, anaphoric)


# A comparison of figures, in the clause before an expression.
_COMPARISON = re.compile(r"\b(?:compared\s+with|compared\s+to|from|versus|against)\b[^.;,]*$",
                         re.I)


def _relative_month(groups: Groups, ctx: Context, relation: str, amount: int) -> Resolved:
    number = month_number(groups["month"])
    if relation in ANAPHORIC and ctx.reference and parse_value(ctx.reference):
        year = parse_value(ctx.reference).year
        return counted(ctx, f"{year:04d}-{number:02d}", f"in the year of {ctx.reference}")
    if ctx.published is None:
        return unresolved(f"XXXX-{number:02d}")
    year = ctx.published.year
    if amount < 0 and number >= ctx.published.month:
        year -= 1
    elif amount > 0 and number <= ctx.published.month:
        year += 1
    return from_published(ctx, f"{year:04d}-{number:02d}", f"the {relation} such month from")


DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0,
             "the day before yesterday": -2, "the day after tomorrow": 2}


@rule
def day_word(groups: Groups, ctx: Context) -> Resolved | None:
    word = " ".join(groups["refword"].lower().split())
    part = DAY_PARTS.get((groups.get("daypart") or "").lower())
    if word == "tonight":
        part = "NI"
    kind = "TIME" if part else "DATE"
    suffix = f"T{part}" if part else ""
    if ctx.published is None:
        return unresolved("XXXX-XX-XX" + suffix, kind)
    date = ctx.published + datetime.timedelta(days=DAY_WORDS[word])
    how = {0: "the day of", -1: "the day before", 1: "the day after"}.get(
        DAY_WORDS[word], f"{abs(DAY_WORDS[word])} days from")
    return from_published(ctx, date.isoformat() + suffix, how, kind)


@rule
def weekday(groups: Groups, ctx: Context) -> Resolved | None:
    name = groups["weekday"]
    number = WEEKDAYS[name.lower().rstrip(".")]
    part = DAY_PARTS.get((groups.get("daypart") or "").lower())
    suffix = f"T{part}" if part else ""
    if groups.get("plural") or groups.get("dpplural"):
        return Resolved("SET", f"XXXX-WXX-{number}{suffix}", "every such day", False)
    if part in ("MO", "NI"):
        # "Friday night", "Tuesday morning": the day, as news annotation mostly has it
        # ("Friday evening" keeps its part of the day).
        part, suffix = None, ""
    kind = "TIME" if part else "DATE"
    relation, has_the = normal_relation(groups.get("wrel") or "")
    anaphoric = relation in ANAPHORIC or (has_the and relation == "next")
    anchor = base(ctx, anaphoric)
    if anchor is None:
        return unresolved(f"XXXX-WXX-{number}{suffix}", kind)
    point = parse_value(anchor[0])
    if point is None or point.grain != "D":
        anchor = base(ctx, False)
        if anchor is None:
            return unresolved(f"XXXX-WXX-{number}{suffix}", kind)
        point = parse_value(anchor[0])
    reference = start_date(point)
    day_name = name.rstrip(".").capitalize()
    if relation in ("last", "this past", "previous"):
        date, how = weekday_near(reference, number, -1, inclusive=False), "the latest"
        how = f"the latest {day_name} before"
    elif relation in ("next", "this coming", "coming", "following"):
        date = weekday_near(reference, number, +1, inclusive=False)
        how = f"the first {day_name} after"
    elif relation == "this":
        monday = reference - datetime.timedelta(days=reference.isoweekday() - 1)
        date = monday + datetime.timedelta(days=number - 1)
        how = f"the {day_name} of the week of"
    # Only a future marker before the weekday makes it future: "On Friday, the
    # government planned to pay" reports what happened on the latest Friday.
    elif not ctx.after(2) == "'s" and _weekday_tense(ctx) == "future":
        date, how = weekday_near(reference, number, +1), f"the first {day_name} on or after"
    else:
        date = weekday_near(reference, number, -1)
        how = f"the latest {day_name} on or before"
    return counted(ctx, date.isoformat() + suffix, f"{how} {anchor[1]}", kind)


def _weekday_tense(ctx: Context) -> str | None:
    """The tense a weekday is read in: the verb before it, else, when it opens the
    sentence ("On Tuesday, the league plans to hold a news conference"), the first
    verb after it."""
    tense = ctx.tense(weak="compete", after=False)
    left, right = ctx.sentence()
    if tense is None and re.fullmatch(r"\W*(?:(?:on|by|and|but|then|also|so|late"
                                      r"|early)\s+)*", left, re.I):
        # Only a verb in the present or future looks ahead: "On Friday, the
        # government planned to pay" reports what was planned that Friday.
        ahead = _AHEAD.search(right)
        before = re.search(r"\b(?:was|were|had|did|said|[a-z]{2,}ed)\b", right)
        if ahead and (before is None or ahead.start() < before.start()):
            tense = "future"
    return tense


_AHEAD = re.compile(r"\b(?:will|won't|'ll|shall|plans?\s+to|is\s+to|are\s+to|expects?\s+to"
                    r"|intends?\s+to|aims?\s+to|hopes?\s+to|is\s+scheduled|are\s+scheduled"
                    r"|is\s+expected|are\s+expected|(?:is|are)\s+going\s+to)\b", re.I)


@rule
def day_part(groups: Groups, ctx: Context) -> Resolved | None:
    word = (groups.get("dpword") or "").lower().replace(" ", "-")
    if word:
        part = "T12:00" if word == "midday" else "T" + DAY_PARTS.get(
            word.replace("-", ""), DAY_PARTS.get(word, "MO" if "morning" in word else "AF"))
        relation, amount, anaphoric = "this", 0, False
    else:
        # "the night of Oct. 23": the date that follows is the expression.
        if re.match(r"\s+of\b", ctx.after(4)):
            return None
        part = "T" + DAY_PARTS[groups["daypart"].lower()]
        relation, has_the = normal_relation(groups["dprel"])
        amount = {"yesterday": -1, "tomorrow": 1, "last": -1, "next": 1, "following": 1}.get(
            relation, 0)
        anaphoric = relation in ("that", "next", "following") or (relation == "the" or has_the)
    resolved = move(ctx, "D", amount, anaphoric, "TIME")
    if resolved.value.startswith("XXXX") and ctx.published is None:
        return unresolved("XXXX-XX-XX" + part, "TIME")
    return Resolved("TIME", resolved.value + part, resolved.resolution, True)


def amount_of(groups: Groups) -> Fraction | None:
    number = parse_number(groups["number"])
    fraction = (groups.get("fraction") or "") + (groups.get("suffix") or "")
    if number is not None and "half" in fraction:
        number += Fraction(1, 2)
    if number is not None and "quarter" in fraction:
        number += Fraction(1, 4)
    return number


def _count(groups: Groups, ctx: Context, direction: int, anaphoric: bool) -> Resolved:
    grain = unit_grain(groups["unit"])
    number = amount_of(groups)
    if number is None:
        return Resolved("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF",
                        "an unspecified amount of time " + ("before" if direction < 0 else
                                                            "after"), False)
    if grain in ("S", "MIN", "H"):
        grain, number = "D", Fraction(0)
    if grain in ("DE", "CE", "ML"):
        # "a decade ago" is a year: 1989 from 1999, not the decade 198.
        grain, number = "Y", number * {"DE": 10, "CE": 100, "ML": 1000}[grain]
    if grain == "FN":
        grain, number = "W", number * 2
    if number.denominator != 1:
        finer = {"Y": ("M", 12), "M": ("D", 30), "Q": ("M", 3), "W": ("D", 7),
                 "DE": ("Y", 10), "CE": ("Y", 100), "D": ("D", 1)}.get(grain, (grain, 1))
        grain, number = finer[0], number * finer[1]
    if grain == "Y" and number == 1 and ctx.period and ctx.previous != "DURATION":
        # "up from $5 a year earlier" in a story about a quarter compares with the
        # same quarter of the previous year; right after a stretch of time ("in the
        # first nine months, ... a year earlier") it compares with that year instead.
        value = shift(ctx.period, "Y", direction)
        side = "before" if direction < 0 else "after"
        return Resolved("DATE", value, f"{squash(ctx.span)} → {value}, the period under "
                        f"discussion ({ctx.period}) a year {side}", True, topic=False)
    # Right after a stretch of time, a quarter mentioned before is no longer the
    # period compared with: "in the nine months, ... a year earlier" is a year.
    return move(ctx, grain, direction * round(number), anaphoric,
                keep_period=ctx.previous != "DURATION")


@rule
def ago(groups: Groups, ctx: Context) -> Resolved | None:
    # A quarter just mentioned makes "a year ago" that quarter a year before
    # (financial comparisons); otherwise "ago" counts from the publication date.
    reference = parse_value(ctx.reference) if ctx.reference else None
    periodic = reference is not None and reference.grain in ("Q", "H")
    return _count(groups, ctx, -1, anaphoric=periodic and unit_grain(groups["unit"]) == "Y")


@rule
def earlier_later(groups: Groups, ctx: Context) -> Resolved | None:
    direction = -1 if groups["dir"].lower() in ("earlier", "before", "previously",
                                                 "prior") else 1
    if groups.get("det"):
        groups = {**groups, "number": "one"}
    return _count(groups, ctx, direction, anaphoric=True)



@rule
def the_unit(groups: Groups, ctx: Context) -> Resolved | None:
    """"the year", "the same week", "that month": the one under discussion."""
    unit = groups["anaunit"].lower()
    grain = unit_grain(unit)
    # "the year ended March 31" is a fiscal year: a length of time, not a calendar year.
    if not groups.get("mod") and re.match(r"\s+(?:ended|ending|to\s+date|through)\b",
                                          ctx.after(12)):
        return Resolved("DURATION", f"P1{grain}", "a period of that length", False)
    # "the full year" of a forecast is the current one, whatever year was named before.
    resolved = move(ctx, grain, 0, anaphoric=groups.get("extent") is None)
    if (grain == "W" and groups["det"].lower() == "the" and not groups.get("extent")
            and not groups.get("mod") and resolved.value[:4].isdigit()):
        # "For the week, the index dropped": a week of that year, but which one the
        # text leaves open (a market's week, a week of the story).
        value = resolved.value[:4] + "-WXX"
        return Resolved("DATE", value, f"{squash(ctx.span)} → {value}, a week of "
                        f"{value[:4]}, the year of the date it counts from", True)
    return resolved


_SEASON_PREPOSITION = re.compile(
    r"\b(?:in|during|over|through|by|until|since|this|last|next|early|late|for)\s+$", re.I)


@rule
def season_alone(groups: Groups, ctx: Context) -> Resolved | None:
    word = groups["season"].lower()
    mod = (groups.get("mod") or "").lower()
    if re.match(r"\s+of\b", ctx.after(4)):
        return None  # "the fall of Rome"
    if not mod and (word in ("spring", "fall") or not _SEASON_PREPOSITION.search(
            ctx.before(12))):
        return None
    code = SEASONS[word]
    if ctx.published is None:
        return unresolved(f"XXXX-{code}")
    year = ctx.published.year
    tense = ctx.tense()
    if tense == "past" and _SEASON_START[code] > ctx.published.month:
        year -= 1
    elif tense == "future" and _SEASON_START[code] + 2 < ctx.published.month:
        year += 1
    return from_published(ctx, f"{year:04d}-{code}", "the nearest such season to")
