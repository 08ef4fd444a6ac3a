"""Who a sentence names (people and organizations), and its content words for matching happenings."""

from __future__ import annotations

import re

from generator.extract.sentences import split_sentences
from generator.extract.words import words

# A capitalized word: "Mnuchin", "O'Rourke", "U.S.", "Ocasio-Cortez", "AT&T".
_CAP = r"[A-Z][\w'’.&\-]*"
# A run of capitalized words, with "of (the)", "for (the)", "and" or a name particle between them.
_RUN = re.compile(rf"(?<![\w\-]){_CAP}(?: (?:(?:of|for) (?:the )?|and |(?:de|van|von|der|bin|al) )?{_CAP})*")
# Words that end an organization's name, so "and" inside it joins ("Counterintelligence and Security Center").
_ORG_ENDINGS = frozenset("""Center Centre Committee Department Agency Commission Council Office Institute Bureau Service
    Administration Association Foundation Party Court Board University Group Corporation Company Fund Bank""".split())
# Ranks that precede a person's name; the actor is the name after them.
_RANKS = frozenset("""Sen. Sens. Rep. Reps. Gov. Govs. Lt. Gen. Col. Maj. Sgt. Capt. Adm. Rev. Prof. Dr. Mr. Mrs. Ms.
    President Secretary Speaker Leader Whip Director Chairman Chairwoman Chair Attorney General Justice Judge Mayor
    Commissioner Administrator Ambassador Minister Counsel Governor Senator Representative Congressman
    Congresswoman Nominee nominee""".split())
_SUFFIXES = ("Jr.", "Sr.", "II", "III", "IV")
_CALENDAR = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|"
                       r"August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec")
_PARENS = re.compile(r"\([^()]*\)")  # "(D-N.Y.)", "(Ohio)": party and state, not actors
_ADJECTIVE_COMPOUND = re.compile(r"[A-Z][\w’']*-(?:[a-z]+)")  # "Kremlin-linked", "Russian-backed"


def _person_after_rank(parts: list[str]) -> list[str]:
    """`Senate Minority Leader Charles Schumer` → `Charles Schumer`: the name after the last rank word.

    A rank with a qualifier ("Director of National Intelligence John Ratcliffe")
    is followed by the name's last two words (three with an initial or "Jr.").
    """
    ranks = [i for i, p in enumerate(parts) if p in _RANKS]
    if not ranks or ranks[-1] == len(parts) - 1:
        return parts
    rest = parts[ranks[-1] + 1:]
    if "of" in rest or "for" in rest:
        size = 3 if len(rest) >= 3 and (rest[-1] in _SUFFIXES or re.fullmatch(r"[A-Z]\.", rest[-2])) else 2
        rest = rest[-size:]
    return rest


def _split_and(run: str) -> list[str]:
    """`Iran and China` → two actors; `Counterintelligence and Security Center` stays one."""
    pieces = run.split(" and ")
    if len(pieces) > 1 and pieces[-1].split()[-1] in _ORG_ENDINGS:
        return [run]
    return pieces


def _clean_actor(run: str) -> str:
    parts = [p for p in run.strip(" ,;:").split() if not _ADJECTIVE_COMPOUND.fullmatch(p)]
    if parts:
        # "Biden." ends a sentence; "U.S." and "Jr." keep their stops; "Hill’s" loses the possessive.
        last = parts[-1]
        if last.endswith(".") and last.count(".") == 1 and last not in _SUFFIXES and len(last) > 3:
            last = last[:-1]
        parts[-1] = re.sub(r"[’'](?:s)?$", "", last)
    # A dateline in capitals ("WASHINGTON") is a place, and shouting is not a name; acronyms stay ("FBI").
    parts = [p.title() if re.fullmatch(r"[A-Z]{5,}", p) else p for p in parts]
    # "The Internet Research Agency", "In Washington", "November U.S.": not part of a name
    # (but a nationality is: "Russian Federation").
    while parts and (parts[0].lower() in words().function_words or _CALENDAR.fullmatch(parts[0].rstrip("."))):
        parts = parts[1:]
    while parts and parts[-1] in ("of", "for", "the", "and"):
        parts.pop()
    parts = _person_after_rank(parts)
    if not parts or (len(parts) == 1 and (parts[0] in _RANKS or parts[0].rstrip(".") in words().not_actors)):
        return ""
    return " ".join(parts)


def _runs(text: str):
    """Capitalized runs sentence by sentence, without parentheses, split at a non-organization "and"."""
    for sentence in split_sentences(_PARENS.sub(" ", text)):
        for match in _RUN.finditer(sentence.text):
            yield from _split_and(match.group())


def name_index(text: str) -> dict[str, str]:
    """Surname → full name, for people the text names in full at least once ("Steven Mnuchin")."""
    index: dict[str, str] = {}
    name_part = re.compile(r"[A-Z][a-z’'\-]+|[A-Z]\.|" + "|".join(map(re.escape, _SUFFIXES)))
    for run in _runs(text):
        parts = _clean_actor(run).split()
        if not 2 <= len(parts) <= 4 or not all(name_part.fullmatch(p) for p in parts):
            continue
        surname = parts[-1] if parts[-1] not in _SUFFIXES else parts[-2]
        # Groups and organizations ("Senate Democrats", "Treasury Department") are not people.
        if surname in _ORG_ENDINGS or surname in words().not_actors or re.search(r"(?:ans|ats|ists)$", surname):
            continue
        index.setdefault(surname, " ".join(parts))
    return index


def actors_in(text: str, index: dict[str, str] | None = None, exclude: tuple[str, ...] = (),
              limit: int = 8) -> tuple[str, ...]:
    """People and organizations a text names, in order, surnames completed from `index`."""
    found: list[str] = []
    excluded = {_plain_name(e) for e in exclude if e}
    for run in _runs(text):
        actor = _clean_actor(run)
        if index and actor in index:
            actor = index[actor]
        if actor and _plain_name(actor) not in excluded | {_plain_name(f) for f in found}:
            found.append(actor)
    # "Democrats" and "Senate" add nothing next to "Senate Democrats".
    kept = [a for a in found if not any(a != b and set(a.split()) < set(b.split()) for b in found)]
    return tuple(kept[:limit])


def _plain_name(name: str) -> str:
    """Comparison form: "The Hill" and "Hill" are the same name."""
    return re.sub(r"^the\s+", "", name.casefold())


_STEMS = ((r"ies$", "y"), (r"(?<=[^s])s$", ""), (r"ing$", ""), (r"ed$", ""), (r"e$", ""))


def stem(word: str) -> str:
    """A crude common root, enough to match "sanctions"/"sanctioned", "interfering"/"interference"."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for pattern, replacement in _STEMS:
        word = re.sub(pattern, replacement, word)
    return re.sub(r"(?:ence|ance|ment|ion)$", "", word)[:8]


def keywords(text: str) -> frozenset[str]:
    """Content-word roots of a text (function words, numbers and short words left out)."""
    vocabulary = words().function_words | words().not_actors
    return frozenset(stem(w) for w in re.findall(r"[A-Za-z][\w'’\-]+", text)
                     if len(w) > 3 and w.lower() not in vocabulary and w not in vocabulary)
