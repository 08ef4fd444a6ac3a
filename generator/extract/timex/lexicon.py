"""Word lists of English calendar vocabulary, and the regex pieces built from them."""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tues": 2, "tue": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thurs": 4, "thu": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    "sunday": 7, "sun": 7,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# TIMEX3 parts of the day; "tonight" and "overnight" are nights.
DAY_PARTS = {
    "morning": "MO", "afternoon": "AF", "mid-afternoon": "AF", "midafternoon": "AF",
    "mid afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "midday": "MI", "dawn": "MO", "daybreak": "MO",
}

UNITS = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "FN", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE", "centurie": "CE", "millennium": "ML", "millennia": "ML",
}

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}

def alternation(words, case_sensitive: bool = False) -> str:
    """A regex alternation of the words, longest first so that "Sept" beats "Sep".

    A case-sensitive list accepts "Word" and "WORD" (headlines) but not "word",
    which keeps the verbs "may" and "march" out.
    """
    words = sorted(set(words), key=len, reverse=True)
    if not case_sensitive:
        return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"
    forms = []
    for word in words:
        forms += [word[:1].upper() + word[1:], word.upper()]
    return "(?-i:" + "|".join(re.escape(w) for w in forms) + ")"


def _month_names() -> str:
    full = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
    # Abbreviations need their period ("Jan." not "Jan", a name); "Sept" also goes bare.
    abbreviated = [m for m in MONTHS if m not in full]
    return (
        "(?:" + alternation(full, case_sensitive=True) + "|"
        + alternation(abbreviated, case_sensitive=True) + r"\.|(?-i:Sept))"
    )


def _weekday_names() -> str:
    full = [d for d in WEEKDAYS if d.endswith("day")]
    abbreviated = [d for d in WEEKDAYS if not d.endswith("day")]
    return (
        "(?:" + alternation(full, case_sensitive=True) + "|"
        + alternation(abbreviated, case_sensitive=True) + r"\.)"
    )


_number_words = sorted(ONES, key=len, reverse=True)
_tens_words = sorted(TENS, key=len, reverse=True)
SMALL_NUMBER_WORD = (
    "(?:(?:" + "|".join(_tens_words) + ")(?:[- ](?:" + "|".join(_number_words[:-1]) + "))?"
    "|" + "|".join(_number_words) + ")"
)

# Regex pieces used by the patterns as @NAME.  Pieces with a named group may be
# used once per pattern; "_" variants without groups exist for repeated use.
PIECES = {
    "MONTH": "(?P<month>" + _month_names() + ")",
    "MONTH2": "(?P<month2>" + _month_names() + ")",
    "WEEKDAY": "(?P<weekday>" + _weekday_names() + ")",
    "DAYNUM": r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
    "DAYWORD": "(?P<dayword>" + alternation(list(ORDINALS)[:20] + ["twentieth", "thirtieth",
               "twenty-first", "twenty-second", "twenty-third", "twenty-fourth",
               "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth",
               "twenty-ninth", "thirty-first"]) + ")",
    "YEAR": r"(?P<year>(?:1[5-9]|20)\d\d)",
    "YEARWORDS": "(?P<yearwords>(?:nineteen|twenty)[- ](?:hundred(?:[- ]and)?[- ])?"
                 + SMALL_NUMBER_WORD + "|two[- ]thousand(?:[- ](?:and[- ])?" + SMALL_NUMBER_WORD
                 + ")?)",
    "SEASON": "(?P<season>" + alternation(SEASONS) + ")",
    "DAYPART": "(?P<daypart>" + alternation(["morning", "afternoon", "evening", "night"]) + ")",
    "NUMBER": "(?P<number>" + r"\d+(?:\.\d+)?(?:\s+1/2|\s*½)?|" + SMALL_NUMBER_WORD
              + r"(?:[- ]hundred)?|a\s+hundred|a\s+thousand|hundreds|thousands"
              + r"|a\s+dozen|dozens|a|an|one|a\s+couple\s+of|a\s+couple|a\s+few|few|several"
              + r"|many|a\s+number\s+of|couple\s+of|some)",
    "FRACTION": r"(?P<fraction>\s+and\s+(?:a|one)[- ](?:half|quarter)|\s+and\s+(?:a\s+)?half"
                r"|\s+(?:or|to)\s+(?:\d+|" + SMALL_NUMBER_WORD + "))",
    "UNIT": "(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?"
            "|months?|quarters?|years?|decades?|century|centuries|millenni(?:um|a))",
    "UNIT1": "(?P<unit>second|minute|hour|day|night|week|weekend|fortnight|month|quarter"
             "|year|decade|century|millennium)",
    "ORDINAL": "(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)",
    # Qualifiers kept in a duration's span (TimeBank practice); "only", "just" and
    # "over" are left out of it.
    "APPROX": r"(?P<approx>(?:about|around|approximately|roughly|nearly|almost|some"
              r"|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to"
              r"|no\s+more\s+than|no\s+less\s+than|close\s+to|upwards\s+of"
              r"|the\s+better\s+part\s+of)\s+)",
    "CLOCK": r"(?P<hour>[01]?\d|2[0-4])(?:[:.](?P<minute>[0-5]\d))?\s*"
             r"(?P<ampm>a\.m\.?|p\.m\.?|(?-i:am|pm|AM|PM|a\.m|p\.m)\b)"
             r"|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?!\d)"
             r"|(?P<namedtime>noon|midnight|midday)",
    "ZONE": r"(?:\s+(?P<zone>(?-i:[ECMP][SD]T|GMT|UTC|ET|PT|CT|BST|CET)))?",
}

# Modifiers kept inside the span but not changing the value ("late November" is
# 2020-11 with TimeML mod=END): early/late/mid, the end/beginning of, earlier/later.
MOD = (r"(?P<mod>(?:the\s+)?(?:very\s+)?(?:early|late|mid|end\s+of|beginning\s+of"
       r"|middle\s+of|start\s+of|close\s+of|turn\s+of|earlier|later|sometime)"
       r"(?:-|\s+)(?:in\s+|on\s+|of\s+)?(?:the\s+)?)?")
TENS_WORDS = "(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
QUARTER_MODS = (r"(?P<qmods>(?:(?:year-ago|year-earlier|year\s+ago|year\s+earlier|latest"
                r"|current|same|comparable|corresponding|recent|just-ended|just\s+ended"
                r"|flat|fiscal|calendar|(?:19|20)\d\d)[\s-]+)*)")
RELATIVE = (r"(?P<rel>last|next|this\s+past|this\s+coming|this|past|coming|previous"
            r"|following|current|upcoming|that\s+same|same|that|prior|preceding)")


def expand(template: str) -> str:
    """Replace each @NAME in a pattern template by its piece."""
    return re.sub(r"@([A-Z0-9]+)", lambda m: PIECES[m.group(1)], template)


# Words one of which every temporal expression contains (digits aside).  The tagger
# looks for these first and tries the patterns only around them, which keeps the
# scan fast: most of a text is never handed to the big regex.
TRIGGERS = frozenset(
    list(MONTHS) + list(WEEKDAYS) + list(SEASONS) + list(ONES)[13:] + [
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night",
        "nights", "week", "weeks", "weekend", "weekends", "fortnight", "fortnights", "month",
        "months", "quarter", "quarters", "year", "years", "decade", "decades", "century",
        "centuries", "millennium", "millennia", "today", "yesterday", "tomorrow", "tonight",
        "now", "currently", "current", "presently", "nowadays", "recently", "recent",
        "lately", "earlier", "future", "term", "past", "present", "being", "date",
        "morning", "afternoon", "evening", "overnight", "midday", "noon", "midnight",
        "midafternoon", "midmorning", "daily", "weekly", "monthly", "annually", "yearly",
        "hourly", "nightly", "biweekly", "semiannually", "quarterly", "christmas",
        "thanksgiving", "easter", "independence", "memorial", "labor", "veterans",
        "election", "halloween", "valentine", "king", "presidents", "columbus", "twenties",
        "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties",
        "thousand", "fy", "midterm", "midterms", "period", "soon",
    ]
)


def trie_regex(words) -> str:
    """A regex matching exactly the words, shaped as a trie so that the regex engine
    rejects a position after a character or two instead of trying every word."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items())
                    if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


# Words that may begin an expression before its trigger word ("the past three
# years", "early next week", "a third-quarter"): the scan tries the patterns only at
# these, at digits and at triggers.
STARTERS = TRIGGERS | frozenset(
    list(ONES) + list(TENS) + list(ORDINALS) + [
        "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her",
        "our", "each", "every", "per", "all", "any", "most", "much", "some", "none", "part",
        "early", "late", "mid", "end", "beginning", "middle", "start", "close", "turn",
        "earlier", "later", "sometime", "very", "last", "next", "past", "coming", "previous",
        "following", "current", "upcoming", "same", "prior", "preceding", "about", "around",
        "approximately", "roughly", "nearly", "almost", "more", "less", "fewer", "at", "up",
        "no", "upwards", "shortly", "just", "post", "pre", "once", "twice", "right", "fiscal",
        "latest", "comparable", "corresponding", "recent", "flat", "calendar", "good",
        "new", "martin", "several", "few", "many", "couple", "dozen", "dozens", "hundred",
        "hundreds", "thousands", "half", "latter", "1st", "2nd", "3rd", "4th", "final",
        "initial", "remaining", "additional", "further", "other", "entire", "whole", "full",
        "ensuing", "succeeding", "then", "year",
    ]
)
# Words found between a starter and the trigger ("the end of the year", "at least
# 30 days", "more than four hours") that cannot begin an expression themselves.
INNER_WORDS = frozenset(["of", "in", "on", "and", "to", "than", "least", "or", "better",
                         "near", "foreseeable", "short", "long", "s", "u", "trading",
                         "business", "working", "consecutive", "straight", "successive",
                         "extra", "fiscal", "year-ago", "year-earlier", "ago", "earlier"])
