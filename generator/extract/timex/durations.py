"""Rules for durations ("the past three years"), sets ("every day") and vague references."""

from __future__ import annotations

import re
from fractions import Fraction

from generator.extract.timex.anchor import value_of, weekday_near
from generator.extract.timex.context import Context
from generator.extract.timex.lexicon import DAY_PARTS, MONTHS, WEEKDAYS
from generator.extract.timex.normalize import Groups, Resolved, rule, squash
from generator.extract.timex.numbers import parse_number
from generator.extract.timex.relative import amount_of, unit_grain

# ISO 8601 designators per grain; "T" marks units below the day.
_DESIGNATOR = {"S": "TS", "MIN": "TM", "H": "TH", "D": "D", "W": "W", "WE": "WE", "M": "M",
               "Q": "Q", "Y": "Y", "DE": "DE", "CE": "CE", "ML": "ML"}
# Finer unit to express a fractional amount in: 2.5 years are 2 years 6 months.
_FINER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60),
          "MIN": ("S", 60), "Q": ("M", 3)}


def iso_duration(amount: Fraction | None, grain: str) -> str:
    """"P3Y", "PT5H30M", "PXW"; decades and centuries in years ("P20Y"), fortnights in weeks."""
    if grain == "FN":
        grain, amount = "W", None if amount is None else amount * 2
    if grain in ("DE", "CE", "ML") and amount is not None:
        amount, grain = amount * {"DE": 10, "CE": 100, "ML": 1000}[grain], "Y"
    if amount is None:
        designator = _DESIGNATOR[grain]
        return "PT" + "X" + designator[1:] if designator.startswith("T") else "PX" + designator
    whole = int(amount)
    parts = [(whole, grain)]
    rest = amount - whole
    if rest and grain in _FINER:
        finer, factor = _FINER[grain]
        parts.append((round(rest * factor), finer))
    date_part = "".join(f"{n}{_DESIGNATOR[g]}" for n, g in parts if "T" not in _DESIGNATOR[g]
                        and n)
    time_part = "".join(f"{n}{_DESIGNATOR[g][1:]}" for n, g in parts if "T" in _DESIGNATOR[g]
                        and n)
    if not date_part and not time_part:  # "zero days"
        designator = _DESIGNATOR[grain]
        return f"PT0{designator[1:]}" if designator.startswith("T") else f"P0{designator}"
    return "P" + date_part + ("T" + time_part if time_part else "")


# An amount just before "a year" or "annually" makes it a rate ("$2 million a year",
# "700 seats a week", "20% annually"), which news annotation leaves untagged.
_AMOUNT_BEFORE = re.compile(
    r"(?:\d[\d,.]*%?|\b(?:million|billion|thousand|hundred|percent))(?:\s+[a-z]+)?\s+$")
_AGE_AFTER = re.compile(r"\s*(?:-\s*)?old\b")


@rule
def duration(groups: Groups, ctx: Context) -> Resolved | None:
    suffix = (groups.get("suffix") or "").lower()
    # Ages are not durations in TimeML: "a 44-year-old", "37 years old".
    if suffix == "-old" or _AGE_AFTER.match(ctx.after(8)):
        return None
    # "24 hours a day" and "$5 a year" are rates, not periods.
    if re.match(r"\s+a\s+(?:day|week|year)\b", ctx.after(9)):
        return None
    if (groups.get("number") or "").lower() in ("a", "an") and not groups.get("lead") \
            and _AMOUNT_BEFORE.search(ctx.before(30)):
        return None
    grain = unit_grain(groups["unit"])
    # "three-quarters of", "a quarter of the shares", "a second time": not durations
    # ("several quarters of losses" is one).
    if grain == "Q" and re.match(r"\s+of\b", ctx.after(4)) and parse_number(
            groups["number"]) is not None:
        return None
    if grain == "S" and (groups.get("number") or "").lower() in ("a", "an"):
        return None
    amount = amount_of(groups)
    value = iso_duration(amount, grain)
    if groups.get("orunit"):
        value = iso_duration(None, grain)
    how = "length stated" if amount is not None else "an unspecified number of units"
    return Resolved("DURATION", value, how, False, trim=_adjective_lead(groups, ctx))


def _adjective_lead(groups: Groups, ctx: Context) -> int:
    """Characters of a determiner to leave out of "a [two-year] contract" (TimeML
    practice): before a hyphenated or singular-unit compound ("a five year low")."""
    lead = groups.get("lead")
    if not lead or groups.get("which") or groups.get("approx"):
        return 0
    unit = groups["unit"].lower()
    number = (groups.get("number") or "").lower()
    compound = "-" in ctx.span[len(lead):] or (not unit.endswith("s") and number not in (
        "a", "an", "one"))
    return len(lead) if compound else 0


_BARE = {"years": "PXY", "months": "PXM", "weeks": "PXW", "days": "PXD", "quarters": "PXQ",
         "decades": "PXDE", "centuries": "PXCE"}


@rule
def bare_unit(groups: Groups, ctx: Context) -> Resolved | None:
    word = " ".join(groups["bareunit"].lower().split())
    if _AGE_AFTER.match(ctx.after(8)):
        return None
    if word == "the weekend":
        return _weekend(ctx) if not groups.get("lead") else None
    tail = (groups.get("tail") or "").strip().lower()
    lead = " ".join((groups.get("lead") or "").lower().split())
    # "three-quarters of", "living quarters": only "future quarters" and the like count.
    if word == "quarters" and not lead:
        return None
    if tail == "ago" or lead in ("past", "the past"):
        return Resolved("DATE", "PAST_REF", "an unspecified time before", False)
    if lead in ("coming", "the coming", "future") and word != "weeks":
        return Resolved("DATE", "FUTURE_REF", "an unspecified time after", False)
    return Resolved("DURATION", _BARE[word], "an unspecified number of units", False)


def _weekend(ctx: Context) -> Resolved:
    if ctx.published is None:
        return Resolved("DATE", "XXXX-WXX-WE", "no publication date: left unresolved", False)
    if ctx.tense() == "future":
        saturday, how = weekday_near(ctx.published, 6, +1), "the next weekend after"
    else:
        saturday, how = weekday_near(ctx.published, 6, -1), "the latest weekend before"
    value = value_of(saturday, "WE")
    return Resolved("DATE", value, f"{squash(ctx.span)} → {value}, {how} publication "
                    f"({ctx.published.isoformat()})", True)


_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
            "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
            "semiannually": "P6M", "quarterly": "P3M"}


@rule
def set_adverb(groups: Groups, ctx: Context) -> Resolved | None:
    if _AMOUNT_BEFORE.search(ctx.before(30)):
        return None
    # "a quarterly dividend", "its first quarterly loss": a kind of payment or report
    # (the reporting calendar), which news annotation leaves untagged.
    if groups["setadv"].lower() == "quarterly" and re.match(r"\s+(?!and\b|or\b)[a-z]",
                                                             ctx.after(3)):
        return None
    return Resolved("SET", _ADVERBS[groups["setadv"].lower()], "recurring", False)


@rule
def set_every(groups: Groups, ctx: Context) -> Resolved | None:
    if groups.get("weekday"):
        number = WEEKDAYS[groups["weekday"].lower().rstrip(".")]
        return Resolved("SET", f"XXXX-WXX-{number}", "every such day", False)
    if groups.get("month"):
        return Resolved("SET", f"XXXX-{MONTHS[groups['month'].lower().rstrip('.')]:02d}",
                        "every such month", False)
    if groups.get("setdp"):
        return Resolved("SET", f"XXXX-XX-XXT{DAY_PARTS[groups['setdp'].lower()]}",
                        "every such part of the day", False)
    count = (groups.get("setn") or "").lower()
    amount = Fraction(2) if count == "other" else Fraction(
        {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}.get(count) or int(count or 1))
    return Resolved("SET", iso_duration(amount, unit_grain(groups["unit"])), "recurring", False)


_REFERENCES = {
    "PRESENT_REF": ("now", "right now", "just now", "currently", "current", "presently",
                    "nowadays", "these days", "at present", "the time being"),
    "PAST_REF": ("recently", "recent", "lately", "the past", "then current"),
    "FUTURE_REF": ("the near future", "the foreseeable future", "the future", "the near term",
                   "the short term", "the long term", "a later date", "soon"),
}
_KIND = {word: kind for kind, words in _REFERENCES.items() for word in words}
_MODAL_BEFORE = re.compile(r"\b(?:will|would|shall|may|might|could|should|to|'ll)\s+$", re.I)


def _soon_ahead(ctx: Context) -> bool:
    """"soon" as a time ahead ("may soon seek", "it soon will begin"), not "as soon
    as", "soon after" nor a past "soon became"."""
    if re.match(r"\s+(?:as|after|afterwards?|thereafter)\b", ctx.after(14)) or re.search(
            r"\b(?:as|how|too)\s+$", ctx.before(6), re.I):
        return False
    return bool(_MODAL_BEFORE.search(ctx.before(10))) or ctx.tense(weak="compete") == "future"


@rule
def reference(groups: Groups, ctx: Context) -> Resolved | None:
    word = " ".join(groups["refx"].lower().split())
    kind = _KIND[word]
    if word == "soon" and not _soon_ahead(ctx):
        return None
    if groups.get("refunit") and word == "recent":
        # "in recent months": an unspecified stretch of months up to now.
        return Resolved("DURATION", _BARE[groups["refunit"].lower()],
                        "an unspecified number of units", False)
    return Resolved("DATE", kind, {"PRESENT_REF": "the present", "PAST_REF": "the past",
                                   "FUTURE_REF": "the future"}[kind], False)
