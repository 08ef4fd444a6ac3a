"""Checks of a cleaning result that do not reuse the cleaner: junk that survived, names that were lost.

The cleaner finds hover cards by working back from `MORE`; these checks work
forward from what the text itself says (titles such as "Sen." followed by a
name), so a cleaner bug does not hide itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Markers that must not survive cleaning, by name.
JUNK_MARKERS = {
    "MORE": re.compile(r"\bMORE\b"),
    "ADVERTISEMENT": re.compile(r"\bADVERTISEMENT\b|^AD$", re.MULTILINE),
    "SPONSORED": re.compile(r"SPONSORED:"),
    "card-separator": re.compile(r"\S \| \S"),
    "related-link": re.compile(r"Read more\b|Story Continued Below|SHARE THIS ARTICLE|^More: |^Click here|"
                               r"Enlarge this image|\(AP Photo|This article is more than \d", re.MULTILINE),
}
# Words that introduce a person's name in news text.
_TITLES = (r"Sen\.|Sens\.|Rep\.|Reps\.|Gov\.|President|Secretary|Speaker|Leader|Whip|Director|Chairman|"
           r"Chairwoman|Attorney General|Justice|Judge|Mayor|counsel|Administrator|Commissioner|Mr\.|Mrs\.|Ms\.|Dr\.")
_NAME_RUN = re.compile(rf"(?<![\w.])(?:{_TITLES}) ((?:(?:[A-Z][\w'’.\-]*|\([A-Z]\w*\)) ?){{1,8}})")
# Two words glued together: "SchumerChuck", "TrumpGOP", "Sanders2020" (but not "McConnell").
_GLUED = re.compile(r"(?<=[a-z]{2})(?=[A-Z0-9])")
_POSSESSIVE = re.compile(r"[’']s?$")


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What one cleaned article still carries, and which names from the original it lost."""

    junk: dict[str, list[str]]
    names: tuple[str, ...]
    lost: tuple[str, ...]
    title_repeated: bool

    @property
    def junk_count(self) -> int:
        return sum(len(v) for v in self.junk.values())


def names_in(raw: str) -> list[str]:
    """Names as the article writes them after a title: `Sen. Sherrod BrownSherrod ...` → `Sherrod Brown`.

    A run of capitalized words after a title is cut where two words are
    glued together, and where a hover card's full name repeats the surname:
    the name as written is the run up to the first occurrence of its last word.
    """
    names = []
    for match in _NAME_RUN.finditer(raw):
        run = _GLUED.split(match.group(1).strip())[0].strip()
        words = []
        for word in run.split():
            if word.startswith("("):
                continue  # a nickname inside a full name: "Addison (Mitch) Mitchell McConnell"
            if re.fullmatch(r"[A-Z]{2,}\W*", word):
                break  # "MORE", "GOP": the name has ended
            words.append(_POSSESSIVE.sub("", word))
            if _POSSESSIVE.search(word):
                break  # "Bush’s White House": the name ends at the possessive
        # The spaced card variant repeats the name with no glue ("Paul Ryan Paul Davis Ryan
        # Retirees ..."): the run ends at the last word that repeats an earlier one.
        repeats = [j for j in range(len(words)) if words[j] in words[:j]]
        if repeats:
            words = words[:repeats[-1] + 1]
        while words and re.fullmatch(r"(?:[A-Z]\.)+|Jr\.|Sr\.", words[-1]):
            words.pop()
        if not words or re.search(r"\bMORE\b", match.group(1)):
            continue  # a name at the very end of a card's headline belongs to the card
        first_index = words.index(words[-1])
        names.append(" ".join(words[:min(first_index + 1, 4)]).rstrip(".,"))
    return names


def check(raw: str, cleaned: str, title: str = "", dropped: tuple[str, ...] = ()) -> CheckResult:
    """Junk markers left in `cleaned`, and names from `raw` that `cleaned` no longer contains.

    `dropped` are whole paragraphs the cleaner removed by a named rule (a
    photo caption, a related link); names only they mention are not counted.
    """
    exempt = {d.strip() for d in dropped}
    kept_raw = "\n\n".join(p for p in re.split(r"\n\s*\n", raw) if p.strip() not in exempt)
    names = tuple(dict.fromkeys(names_in(kept_raw)))
    junk = {}
    # A half-removed card leaves the surname glued to a full name that repeats
    # it ("SchumerChuck Schumer"); "MacArthur" or "ObamaCare" repeat nothing.
    surnames = sorted({n.split()[-1] for n in names}, key=len, reverse=True)
    markers = dict(JUNK_MARKERS)
    if surnames:
        alternatives = "|".join(map(re.escape, surnames))
        markers["glued-name"] = re.compile(rf"\b({alternatives})(?=[A-Z][^\n]{{0,40}}?\1)")
    for label, pattern in markers.items():
        hits = [cleaned[max(0, m.start() - 30):m.end() + 30] for m in pattern.finditer(cleaned)]
        if hits:
            junk[label] = hits
    flat = re.sub(r"\s+", " ", cleaned)
    lost = tuple(n for n in names if n not in flat)
    first = cleaned.split("\n", 1)[0]
    repeated = bool(title) and _plain(first) == _plain(title)
    return CheckResult(junk, names, lost, repeated)


def _plain(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()
