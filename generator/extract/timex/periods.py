"""Rules for business periods: quarters, half years, "the year-earlier period", fiscal years."""

from __future__ import annotations

import re

from generator.extract.timex.anchor import parse_value, point_of, shift
from generator.extract.timex.context import Context
from generator.extract.timex.normalize import (
    Groups, Resolved, explicit, rule, squash, unresolved,
)

_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4, "last": 2, "latter": 2}
_YEAR_AGO = re.compile(r"year[\s-]+(?:ago|earlier|before)", re.I)


def _relative_year(ctx: Context, relation: str) -> int:
    return ctx.published.year + {"this": 0, "last": -1, "next": 1}[relation.lower()]


def _latest_quarter(ctx: Context) -> str | None:
    """The quarter a story is about when it names none: the latest one mentioned, else
    the last one completed before publication (results are reported after the fact)."""
    if ctx.reference:
        point = parse_value(ctx.reference)
        if point and point.grain == "Q":
            return ctx.reference
    if ctx.published is None:
        return None
    current = point_of(ctx.published, "Q")
    return shift(f"{current.year}-Q{current.sub}", "Q", -1)


def _ended(value: str, ctx: Context) -> bool:
    """Whether the quarter `value` is over at publication."""
    point = parse_value(value)
    return point is None or (point.year, point.sub) < (ctx.published.year,
                                                       (ctx.published.month - 1) // 3 + 1)


@rule
def quarter(groups: Groups, ctx: Context) -> Resolved | None:
    modifiers = groups.get("qmods") or ""
    year_ago = bool(_YEAR_AGO.search(modifiers) or groups.get("qago"))
    ordinal = groups.get("ordinal")
    years_in_mods = re.findall(r"(?:19|20)\d\d", modifiers)
    year = None
    if groups.get("qyear") or years_in_mods:
        year = int(groups.get("qyear") or years_in_mods[-1])
    if ordinal:
        number = _ORDINAL[ordinal.lower()]
        if year is not None:
            return explicit(f"{year:04d}-Q{number}")
        relation = groups.get("qrel") or groups.get("qyr")
        if ctx.published is None:
            return unresolved(f"XXXX-Q{number}")
        if relation:
            value = f"{_relative_year(ctx, relation):04d}-Q{number}"
            how = f"{relation.lower()} year counted from publication ({ctx.published})"
        else:
            # The quarter of the publication year, unless it has not begun yet and
            # the sentence is in the past tense ("profits fell in the fourth
            # quarter", written in January): then last year's.
            year, how = ctx.published.year, "in the year of"
            if 3 * number - 2 > ctx.published.month and ctx.tense("fallback") == "past":
                year, how = year - 1, "the latest before"
            value = f"{year - year_ago:04d}-Q{number}"
            how = f"{how} publication ({ctx.published})" + (", a year before" if year_ago else "")
        # "a [third-quarter] loss": the determiner belongs to the noun (TimeML practice).
        trim = 0
        if groups.get("det") and re.search(r"\w-quarter\b", ctx.span, re.I):
            trim = ctx.span.lower().index(ordinal.lower())
        # A quarter still to come ("will result in a fourth-quarter charge", written in
        # November) or named in passing ("after a flat second quarter") is not the
        # period the report is about: later comparisons keep to that one.
        passing = (groups.get("det") or "").lower() in ("a", "an") and not trim
        coming = (ctx.published is not None and not _ended(value, ctx)
                  and ctx.tense(after=False) == "future")
        topic = not (passing or coming)
        return Resolved("DATE", value, f"{squash(ctx.span)} → {value}, {how}", True,
                        topic=topic, trim=trim)
    # No ordinal: "the quarter", "the latest quarter", "last year's quarter".
    if ctx.published is None and not ctx.reference:
        return unresolved("XXXX-QX")
    if "current" in modifiers.lower() or (groups.get("det") or "").lower() == "this":
        if ctx.published is None:
            return unresolved("XXXX-QX")
        current = point_of(ctx.published, "Q")
        value = f"{current.year}-Q{current.sub}"
        return Resolved("DATE", value, f"{squash(ctx.span)} → {value}, the quarter of "
                        f"publication ({ctx.published})", True)
    value = _latest_quarter(ctx)
    if value is None:
        return unresolved("XXXX-QX")
    how = "the quarter under discussion"
    if groups.get("qyr"):
        value = f"{_relative_year(ctx, groups['qyr']):04d}-Q{value[-1]}"
        how += f", {groups['qyr'].lower()} year"
    elif year is not None:
        value = f"{year:04d}-Q{value[-1]}"
    elif year_ago:
        value = shift(value, "Y", -1)
        how += ", a year before"
    return Resolved("DATE", value, f"{squash(ctx.span)} → {value}, {how}", True,
                    topic=not year_ago)


@rule
def half(groups: Groups, ctx: Context) -> Resolved | None:
    number = _ORDINAL[groups["half"].lower()]
    if groups.get("year"):
        return explicit(f"{int(groups['year']):04d}-H{number}")
    if groups.get("hdecade"):
        decade = int(groups["hdecade"])
        years = "5-9" if number == 2 else "0-4"
        return Resolved("DATE", f"19{decade // 10}", f"the years 19{decade // 10}{years}", False)
    if ctx.published is None:
        return unresolved(f"XXXX-H{number}")
    year = ctx.published.year
    if groups.get("hrel"):
        year = _relative_year(ctx, groups["hrel"])
    value = f"{year:04d}-H{number}"
    return Resolved("DATE", value, f"{squash(ctx.span)} → {value}, in the year of "
                    f"publication ({ctx.published})", True)


@rule
def period(groups: Groups, ctx: Context) -> Resolved | None:
    """"the year-earlier period", "the 1988 period", "the same period last year"."""
    span = ctx.span.lower()
    # The period under discussion: the latest quarter or half year mentioned, else the
    # latest month, else the publication year.
    current = ctx.period
    reference = parse_value(ctx.reference) if ctx.reference else None
    if current is None and reference is not None and reference.grain in ("Q", "H", "M"):
        current = ctx.reference
    if current is not None and ctx.previous == "DURATION":
        # Right after "the nine months", the year-earlier figures are for the year.
        current = current[:4]
    if current is None and ctx.published is not None:
        current = str(ctx.published.year)
    if groups.get("pyear"):
        point = parse_value(current) if current else None
        if point is not None and point.grain in ("Q", "H"):
            # "the 1989 period" in a report on a quarter: that quarter of 1989.
            value = f"{groups['pyear']}-{current[5:]}"
            return Resolved("DATE", value, f"{squash(ctx.span)} → {value}, the period "
                            f"under discussion ({current}) in {groups['pyear']}", True,
                            topic=False)
        return explicit(groups["pyear"])
    if current is None:
        return unresolved("XXXX-QX")
    if _YEAR_AGO.search(span) or groups.get("prel"):
        value = shift(current, "Y", -1)
        return Resolved("DATE", value, f"{squash(ctx.span)} → {value}, the period under "
                        f"discussion ({current}) a year before", True, topic=False)
    return Resolved("DATE", current, f"{squash(ctx.span)} → {current}, the period under "
                    "discussion", True)


@rule
def fiscal_year(groups: Groups, ctx: Context) -> Resolved | None:
    """Fiscal years are given the calendar year they are named by (TimeBank practice)."""
    if groups.get("year"):
        return explicit(groups["year"])
    short = groups.get("fshort") or groups.get("fy")
    if short:
        if len(short) == 4:
            return explicit(short)
        century = 19 if int(short) >= 50 else 20
        return explicit(f"{century}{short}")
    relation = (groups.get("frel") or "").lower()
    if not relation and re.match(r"\s+(?:ended|ending)\b", ctx.after(8)):
        # "the fiscal year ended Jan. 31": a year-long period, the date tells which.
        return Resolved("DURATION", "P1Y", "a period of that length", False)
    # "the latest fiscal year" is the latest one reported: the one before publication's.
    amount = {"previous": -1, "last": -1, "past": -1, "latest": -1, "next": 1,
              "coming": 1}.get(relation, 0)
    if ctx.published is None:
        return unresolved("XXXX")
    value = f"{ctx.published.year + amount:04d}"
    return Resolved("DATE", value, f"{squash(ctx.span)} → {value}, counted from the year of "
                    f"publication ({ctx.published})", True)
