"""The scan: one compiled regex over the text, then each match normalized in order."""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from generator.extract.timex import durations, periods, relative, times  # noqa: F401 (rules)
from generator.extract.timex.anchor import parse_value
from generator.extract.timex.context import Context
from generator.extract.timex.lexicon import INNER_WORDS, STARTERS, TRIGGERS, expand, trie_regex
from generator.extract.timex.normalize import RULES
from generator.extract.timex.model import Pattern, Timex
from generator.extract.timex.patterns import PATTERNS


class Scanner:
    """The patterns as alternations; a match tells which pattern and which groups.

    Each pattern's named groups are renamed "p<index>_<name>" (so patterns may reuse
    names) and the pattern is wrapped in a group "p<index>", which, closing last,
    is the match's `lastgroup`.

    The regexes are not run at every position: a cheap scan finds trigger words
    (month names, units, digits...), and only the patterns that can contain the
    trigger, joined in their order into one regex, are tried, only at the few word
    starts just before the trigger.
    """

    LOOKBACK = 48  # characters before a trigger where an expression may start

    def __init__(self, patterns: tuple[Pattern, ...]):
        self.patterns = patterns
        self.group_names: list[list[tuple[str, str]]] = []
        self.alternatives: list[str] = []
        self.sources: list[str] = []
        for index, pattern in enumerate(patterns):
            body = expand(pattern.template)
            names = re.findall(r"\(\?P<(\w+)>", body)
            self.sources.append(re.sub(r"\(\?P<\w+>", "(", body).lower())
            body = re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<p{index}_{m.group(1)}>", body)
            self.group_names.append([(name, f"p{index}_{name}") for name in names])
            self.alternatives.append(f"(?P<p{index}>{body})")
        # The scan runs on lowercased text, so the trigger regex can stay case-sensitive.
        self.triggers = re.compile(
            r"(?:'(?=\d)|\b)\d+|\b" + trie_regex(sorted(TRIGGERS)) + r"\b")
        self._by_trigger: dict[str, re.Pattern] = {}
        self._by_subset: dict[tuple[int, ...], re.Pattern] = {}

    def regex_for(self, trigger: str) -> re.Pattern:
        """The patterns that can contain the trigger word (or a digit), as one regex.

        A pattern can only match around a word it spells out, so the test is whether
        its regex source contains the word; for digits, whether it has a digit class.
        Regexes are built on first use and shared between triggers with equal sets.
        """
        compiled = self._by_trigger.get(trigger)
        if compiled is None:
            if trigger == "#":
                subset = tuple(i for i, source in enumerate(self.sources)
                               if re.search(r"\\d|\[[0-9]|[0-9]", source))
            else:
                subset = tuple(i for i, source in enumerate(self.sources) if trigger in source)
            compiled = self._by_subset.get(subset)
            if compiled is None:
                # Expressions start and end at word edges; a hyphen before them
                # belongs to a compound ("pre-1990" is found from "pre").
                body = "|".join(self.alternatives[i] for i in subset) or "(?!)"
                compiled = re.compile(r"(?<![\w])(?:" + body + r")(?![\w])", re.IGNORECASE)
                self._by_subset[subset] = compiled
            self._by_trigger[trigger] = compiled
        return compiled

    def compile_all(self) -> None:
        """Build every trigger's regex now (before worker processes fork, so they share them)."""
        for trigger in sorted(TRIGGERS) + ["#"]:
            self.regex_for(trigger)

    def matches(self, text: str, accept):
        """Call accept(pattern, groups, start, end) for candidate matches, left to
        right; a match it accepts (returns True) is final and nothing may overlap it."""
        lowered = text.lower()
        taken = 0
        for trigger in self.triggers.finditer(lowered):
            position = trigger.start()
            if position < taken:
                continue
            word = trigger.group()
            if word[0] in "0123456789" and _is_amount(lowered, position, trigger.end()):
                continue
            regex = self.regex_for("#" if word[0] in "0123456789'" else word)
            # Candidate starts: the starter words of the run of starter and inner
            # words just before the trigger, nearest last.
            words = list(_WORD.finditer(lowered, max(taken, position - self.LOOKBACK),
                                        position))
            starts = []
            for word in reversed(words):
                token = word.group()
                if token[0].isdigit() or token in STARTERS:
                    starts.append(word.start())
                elif token not in INNER_WORDS:
                    break
            starts.reverse()
            for start in starts + [position]:
                match = regex.match(text, start)
                if match is None or match.end() <= position:
                    continue
                index = int(match.lastgroup[1:])
                groups = {name: match.group(full) for name, full in self.group_names[index]}
                if accept(self.patterns[index], groups, start, match.end()):
                    taken = match.end()
                    break


_WORD = re.compile(r"(?<![\w'])[\w']+")
_CURRENCY = frozenset("$#£€")


def _is_amount(text: str, start: int, end: int) -> bool:
    """Digits no expression starts with: money ("$5"), a percentage ("5%"), or the
    tail of a number ("5.3", "1,000", whose head digits are tried instead)."""
    before = text[start - 1] if start else ""
    if before in _CURRENCY or text[end:end + 1] == "%":
        return True
    return before in ".," and start > 1 and text[start - 2].isdigit()


@lru_cache(maxsize=1)
def scanner() -> Scanner:
    return Scanner(PATTERNS)


def tag(text: str, published: datetime.date | None = None) -> list[Timex]:
    """The temporal expressions of a text, sorted by start and non-overlapping.

    `published` is the publication date that relative expressions count from; without
    it they get underspecified values ("XXXX-XX-XX") rather than guesses.  It must lie
    between the years 100 and 9899, so that counting from it stays in the calendar.
    """
    if published is not None and not 100 <= published.year <= 9899:
        raise ValueError(f"publication date {published} is outside the years 100-9899")
    found: list[Timex] = []
    state = {"reference": None, "reference_text": "", "period": None, "previous": ""}

    def accept(pattern: Pattern, groups: dict, start: int, end: int) -> bool:
        # A trailing period belongs to an abbreviation only ("Jan." yes, "1998." no).
        while end > start and text[end - 1] in ".," and not re.search(
                r"(?:\b[A-Za-z]{1,4}|[ap]\.m)\.$", text[start:end]):
            end -= 1
        context = Context(text, published, state["reference"], state["reference_text"],
                          start, end, state["period"], state["previous"])
        resolved = RULES[pattern.rule](groups, context)
        if resolved is None:
            return False
        start += resolved.trim
        found.append(Timex(start, end, text[start:end], resolved.type, resolved.value,
                           resolved.resolution, resolved.anchored))
        state["previous"] = resolved.type
        # Specific dates become the anchor of later anaphoric expressions.
        day_or_coarser = resolved.value.split("T")[0]
        if resolved.topic and resolved.type in ("DATE", "TIME") and parse_value(day_or_coarser):
            state["reference"] = day_or_coarser
            state["reference_text"] = text[start:end]
            if re.fullmatch(r"\d{4}-[QH]\d", day_or_coarser):
                state["period"] = day_or_coarser
        return True

    scanner().matches(text, accept)
    return found
