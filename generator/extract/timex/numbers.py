"""Numbers written in digits or words: "twenty four", "2 1/2", "a couple of", "several"."""

from __future__ import annotations

import re
from fractions import Fraction

from generator.extract.timex.lexicon import ONES, ORDINALS, TENS

_VAGUE = {"a few", "few", "several", "many", "a number of", "some", "dozens", "hundreds",
          "thousands", "numerous"}


def parse_number(words: str) -> Fraction | None:
    """The value of a number phrase, or None when it is vague ("several", "a few").

    "a" and "an" are one; "a couple" is two; "2 1/2" and "two and a half" are 5/2.
    """
    text = re.sub(r"\s+", " ", words.strip().lower()).replace("-", " ")
    if text.endswith(" of"):
        text = text[:-3]
    if text in _VAGUE or not text:
        return None
    if text in ("a", "an", "one"):
        return Fraction(1)
    if text in ("a couple", "couple"):
        return Fraction(2)
    if text in ("a dozen", "dozen"):
        return Fraction(12)
    if text in ("a hundred", "hundred"):
        return Fraction(100)
    if text in ("a thousand", "thousand"):
        return Fraction(1000)
    half = text.endswith(" 1/2") or text.endswith("½")
    text = text.replace(" 1/2", "").replace("½", "").strip()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        value = Fraction(text)
    else:
        value = _words_value(text)
        if value is None:
            return None
    return value + Fraction(1, 2) if half else value


def _words_value(text: str) -> Fraction | None:
    total = 0
    for word in text.split():
        if word in ONES:
            total += ONES[word]
        elif word in TENS:
            total += TENS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word == "thousand":
            total = max(total, 1) * 1000
        elif word == "and":
            continue
        else:
            return None
    return Fraction(total)


def parse_ordinal(word: str) -> int | None:
    """1 for "first" or "1st", 21 for "twenty-first"; None if not an ordinal."""
    text = word.lower().replace("-", " ").strip()
    digits = re.fullmatch(r"(\d+)(st|nd|rd|th)?", text)
    if digits:
        return int(digits.group(1))
    parts = text.split()
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ORDINALS:
        return TENS[parts[0]] + ORDINALS[parts[1]]
    return ORDINALS.get(text)


def parse_year_words(words: str) -> int | None:
    """1996 for "nineteen ninety-six", 2000 for "two thousand", 2012 for "twenty twelve"."""
    text = words.lower().replace("-", " ")
    text = re.sub(r"\s+", " ", text).strip()
    if text.startswith("two thousand"):
        rest = text[len("two thousand"):].replace("and", "").strip()
        small = _words_value(rest) if rest else Fraction(0)
        return None if small is None else 2000 + int(small)
    century_word, _, rest = text.partition(" ")
    rest = rest.replace("hundred", "").replace("and", "").strip()
    century = ONES.get(century_word) or TENS.get(century_word)
    small = _words_value(rest) if rest else Fraction(0)
    if century is None or small is None:
        return None
    return century * 100 + int(small)
