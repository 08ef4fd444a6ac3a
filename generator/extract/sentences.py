"""Sentence splitting for news English that knows "Sen.", "U.S.", "p.m." and initials, with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that never end a sentence: a name or number always follows.
TITLES = frozenset("""
    Mr Mrs Ms Messrs Dr Sen Sens Rep Reps Gov Govs Lt Gen Col Maj Sgt Cpl Capt Adm Cmdr Rev Prof Hon Pres Supt
    Atty Sec Gens St Mt Ft No Nos Vol Vols vs v Fig Pt
""".split())
# Abbreviations that may end one: a sentence break is taken only when the
# next word is one that usually opens a sentence ("in the U.S. The ...").
MAYBE_END = frozenset("""
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Inc Corp Co Ltd Jr Sr Bros etc Ala Ariz Ark Calif Colo Conn
    Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis
    Wyo Ave Blvd Dept Univ approx
""".split())
SENTENCE_STARTERS = frozenset("""
    The A An He She It They We I You But And Or In On At As After Before When While If So Yet For This That These
    Those His Her Their Its Our My There Here Some Many Most One Two Three Meanwhile However Still Also Then Now
    Last Earlier Later According Since Although Though Because Under Over With Without During Despite Asked
""".split())
# A run of terminal punctuation, any closing quotes or brackets, then space.
_BOUNDARY = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s)")
_NEXT_WORD = re.compile(r"\s+[\"“‘'«(\[]*([\w$][\w'’.\-]*)")
_WORD_BEFORE = re.compile(r"([\w.\-]+)\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and where it sits in the document (`text == doc[start:end]`)."""

    start: int
    end: int
    text: str
    paragraph: int


def _is_break(text: str, end: int, punct: str) -> bool:
    """Whether the punctuation ending at `end` closes a sentence, judged by the words around it."""
    following = _NEXT_WORD.match(text, end)
    if following is None:
        return True
    next_word = following.group(1)
    if not (next_word[0].isupper() or next_word[0].isdigit() or text[following.start(1) - 1] in "\"“‘'«(["):
        return False  # "U.S. elections", "(D-N.Y.) said": the sentence goes on
    if not punct.startswith("."):
        return True
    before = _WORD_BEFORE.search(text, 0, end - len(punct) + 1)
    if before is None:
        return True
    word = before.group(1)
    if word.split(".")[-1] in TITLES or word in TITLES:
        return False
    starter = next_word.rstrip(",") in SENTENCE_STARTERS or text[following.start(1) - 1] in "\"“‘'«"
    # Initials ("John F. Kennedy"), dotted acronyms ("U.S.", "p.m.") and
    # listed abbreviations end a sentence only before a typical opening word.
    if re.fullmatch(r"[A-Z]|(?:[A-Za-z]\.)+[A-Za-z]", word) or word in MAYBE_END:
        return starter
    return True


def split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end] (a paragraph), leading and trailing space excluded."""
    spans, begin = [], start
    for match in _BOUNDARY.finditer(text, start, end):
        punct = match.group()
        if _is_break(text[:end], match.end(), punct):
            spans.append((begin, match.end()))
            begin = match.end()
    spans.append((begin, end))
    result = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if chunk.strip():
            result.append((s + lead, e - trail))
    return result


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of a text whose paragraphs are separated by line breaks."""
    sentences = []
    for number, para in enumerate(re.finditer(r"[^\n]+", text)):
        for s, e in split_paragraph(text, para.start(), para.end()):
            sentences.append(Sentence(s, e, text[s:e], number))
    return sentences
