"""Rules for clock times: "10:35 a.m.", "noon Thursday", "4 in the morning"."""

from __future__ import annotations

import re

from generator.extract.timex.context import Context
from generator.extract.timex.normalize import Groups, Resolved, month_day, rule
from generator.extract.timex.relative import day_word, weekday


def _clock(groups: Groups) -> str | None:
    """"T22:00" for 10 p.m., "T12:00" for noon; None for an impossible time."""
    named = (groups.get("namedtime") or "").lower()
    if named in ("noon", "midday"):
        return "T12:00"
    if named == "midnight":
        return "T24:00"
    if groups.get("hour24"):
        return f"T{int(groups['hour24']):02d}:{groups['minute24']}"
    hour = int(groups["hour"])
    minute = groups.get("minute") or "00"
    ampm = (groups.get("ampm") or "").lower()
    if hour > 12 or hour == 0:
        return None
    if ampm.startswith("p") and hour != 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute}"


@rule
def clock_time(groups: Groups, ctx: Context) -> Resolved | None:
    clock = _clock(groups)
    if clock is None:
        return None
    if groups.get("weekday") and groups.get("month"):
        day = month_day(groups, ctx)
    elif groups.get("weekday"):
        day = weekday(groups, ctx)
    elif groups.get("month2"):
        day = month_day({"month": groups["month2"], "day": groups["day2"]}, ctx)
    elif groups.get("relday"):
        day = day_word({"refword": groups["relday"]}, ctx)
    elif ctx.reference and re.fullmatch(r"\d{4}-\d\d-\d\d", ctx.reference):
        # A time with no day is on the day the story is at: the latest day mentioned.
        value = ctx.reference + clock
        return Resolved("TIME", value, f"{' '.join(ctx.span.split())} → {value}, on the day "
                        f"mentioned just before ({ctx.reference})", True)
    else:
        day = day_word({"refword": "today"}, ctx)
    if day is None:
        return None
    date = day.value[:10]
    if date.startswith("X"):
        return Resolved("TIME", date + clock, day.resolution, False)
    resolution = "explicit time" if not day.anchored else \
        f"{' '.join(ctx.span.split())} → {date}{clock}; the day: {day.resolution}"
    return Resolved("TIME", date + clock, resolution, day.anchored)


@rule
def clock_daypart(groups: Groups, ctx: Context) -> Resolved | None:
    hour = int(groups["hour"])
    if hour > 12:
        return None
    if groups["daypart"].lower() in ("afternoon", "evening") and hour != 12:
        hour += 12
    day = day_word({"refword": "today"}, ctx)
    return Resolved("TIME", f"{day.value[:10]}T{hour:02d}:00",
                    f"{' '.join(ctx.span.split())} → {day.value[:10]}T{hour:02d}:00, on the "
                    f"day of publication", day.anchored)
