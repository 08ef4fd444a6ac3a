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
    "glued-words": re.compile(r"\b[A-Z][a-z]{2,}[A-Z][a-z]{2,}"),
}
# Words that introduce a person's name in news text.
_TITLES = (r"Sen\.|Sens\.|Rep\.|Reps\.|Gov\.|President|Secretary|Speaker|Leader|Whip|Director|Chairman|"
           r"Chairwoman|Attorney General|Justice|Judge|Mayor|counsel|Administrator|Commissioner|Mr\.|Mrs\.|Ms\.|Dr\.")
_NAME_RUN = re.compile(rf"(?<![\w.])(?:{_TITLES}) ((?:(?:[A-Z][\w'’.\-]*|\([A-Z]\w*\)) ?){{1,8}})")
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


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
        words = [w for w in run.split() if not w.startswith("(")]
        # Titles inside a run ("Vice President") and trailing initials are not names.
        words = [w for w in words if not re.fullmatch(r"(?:[A-Z]\.)+|Jr\.|Sr\.", w)]
        if not words:
            continue
        last = words[-1].rstrip(".’'s")
        first_index = next(i for i, w in enumerate(words) if w.rstrip(".’'s") == last)
        name = " ".join(words[:min(first_index + 1, 4)]).rstrip(".,’'")
        names.append(re.sub(r"[’']s$", "", name))
    return names


def check(raw: str, cleaned: str, title: str = "") -> CheckResult:
    """Junk markers left in `cleaned`, and names from `raw` that `cleaned` no longer contains."""
    junk = {}
    for label, pattern in JUNK_MARKERS.items():
        hits = [cleaned[max(0, m.start() - 30):m.end() + 30] for m in pattern.finditer(cleaned)]
        if hits:
            junk[label] = hits
    names = tuple(dict.fromkeys(names_in(raw)))
    flat = re.sub(r"\s+", " ", cleaned)
    lost = tuple(n for n in names if n not in flat)
    first = cleaned.split("\n", 1)[0]
    repeated = bool(title) and _plain(first) == _plain(title)
    return CheckResult(junk, names, lost, repeated)


def _plain(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()
