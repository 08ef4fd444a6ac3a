"""What a rule may know besides its match: the text around it, tense, earlier dates."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

# Markers of grammatical tense near an expression.  Strong markers are auxiliaries
# and fixed phrases; weak ones are past forms (words in -ed, irregular verbs), which
# are also participles and adjectives ("was extended to" a date still ahead).
# A plan in the pluperfect is over: "had been scheduled to expire Friday".
_FUTURE = re.compile(
    r"(?<!been\s)\b(?:will|won't|'ll|shall|would|going\s+to|plans?\s+to|planning\s+to"
    r"|planned\s+(?:to|for)|slated|scheduled|expects?\s+to|expected|intends?\s+to|due\s+to|set\s+to|ahead\s+of"
    r"|upcoming|tomorrow|is\s+to|are\s+to|aims?\s+to|hopes?\s+to|payable|effective"
    r"|to\s+be\s+held|until|till|as\s+soon\s+as)\b", re.I)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|says|told|ago|last|yesterday|earlier|since|been)\b", re.I)
# Lowercase only: "United" and "Ahmed" are no verbs; nor are "need" and "hundred".
_WEAK_PAST = re.compile(
    r"\b(?:(?!\w*eed\b|hundred\b)[a-z]{2,}ed"
    # Irregular past forms.
    r"|became|began|came|went|took|made|gave|got|left|met|held|found|brought|bought"
    r"|thought|fell|rose|won|lost|sent|spent|built|ran|saw|knew|wrote|sought|struck|led"
    r"|paid|sold|kept|chose|drove|flew|grew|spoke|stood|broke|fought|caught|taught"
    r"|felt|heard|threw|withdrew)\b")
# An infinitive ("to interfere in the November elections", "agreed to acquire the bank
# in January") looks forward from the clause it ends, whatever the tense of that clause.
# "to" before a determiner, pronoun, number or noun ("to the", "to shareholders") is
# a preposition.
_INFINITIVE = re.compile(
    r"\b[Tt]o\s+(?!(?:the|a|an|his|her|its|their|our|your|my|this|that|these|those|some"
    r"|any|all|each|every|no|about|around|more|less|date|him|them|me|us|it|you|what|which"
    r"|whom|where|how|one|two|three|four|five|six|seven|eight|nine|ten|other|higher|lower"
    r"|power|death|stock|court|office|trial|prison|jail|war|work|school|zero|day|life"
    r"|market|town|hospital|college|church|bed|sea|land|justice|light|trade|account"
    r"|task|rest|press|camp|safety|peace|health|parliament|congress)\b)"
    r"(?![a-z]*(?:[^s]s|tion|sion|ment|ness|ity|ship|ism)\b)[a-z]{2,}\b")
# A sentence ends at . ! ? before a capital (or before the expression itself, which
# is where the text before it is cut), or at a blank line; not at the period of a
# title or abbreviation before a name ("Mr. Smith", "Roe vs. Wade", "Richard A. Gilleland").
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'`(]|$)|\n\s*\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sens?|Reps?|Gov|Lt|Col|Sgt|Capt|Maj|Adm|Cmdr|Rev|Prof|Jr"
    r"|vs|v|No|Mt|Ft|Pres)|(?<![\w.])[A-Z])$")


def _ends(text: str):
    """The sentence ends in the text, abbreviations left out."""
    for match in _SENTENCE_END.finditer(text):
        start = match.start()
        if text[start] == "." and _ABBREVIATION.search(text[max(0, start - 6) : start]):
            continue
        yield match


@dataclass(slots=True)
class Context:
    """Where a match sits and what the tagger knows at that point of the text."""

    text: str
    published: datetime.date | None
    reference: str | None  # value of the latest specific date mentioned before
    reference_text: str
    start: int
    end: int
    period: str | None = None  # the latest quarter or half year under discussion
    previous: str = ""  # type of the expression found just before, "" if none

    @property
    def span(self) -> str:
        return self.text[self.start : self.end]

    def before(self, size: int = 30) -> str:
        return self.text[max(0, self.start - size) : self.start]

    def after(self, size: int = 30) -> str:
        return self.text[self.end : self.end + size]

    def sentence(self) -> tuple[str, str]:
        """The sentence parts before and after the expression."""
        left = self.text[max(0, self.start - 300) : self.start]
        last = None
        for last in _ends(left):
            pass
        if last is not None:
            left = left[last.end() :]
        right = self.text[self.end : self.end + 300]
        end = next(_ends(right), None)
        if end is not None:
            right = right[: end.start()]
        return left, right

    def tense(self, weak: str = "", after: bool = True,
              infinitive: bool = False) -> str | None:
        """"past", "future" or None, from the marker nearest the expression in its sentence.

        Markers before the expression are preferred: the verb it modifies usually comes
        first in news ("will meet Monday", "said Thursday").  Strong markers are
        auxiliaries and fixed phrases; weak ones, words in -ed, count as past either as
        a fallback when no strong marker precedes (weak="fallback") or on a par with the
        strong ones, the nearest winning (weak="compete": "they said they would appeal
        the decision announced Wednesday").  Without `after`, the words after the
        expression are not read.  With `infinitive`, an infinitive before the expression
        is a marker of its own, "infinitive": the expression belongs to the infinitive's
        clause, not to the tense of the sentence ("called for sanctions to deter
        interference in the November elections").
        """
        left, right = self.sentence()
        strong: tuple = ((_FUTURE, "future"), (_PAST, "past"))
        if infinitive:
            strong += ((_INFINITIVE, "infinitive"),)
        if weak == "compete":
            tiers = [(left, True, strong + ((_WEAK_PAST, "past"),))]
        else:
            tiers = [(left, True, strong)]
            if weak == "fallback":
                tiers.append((left, True, ((_WEAK_PAST, "past"),)))
        # Then the sentence after it ("In March, the company received an offer").
        # There the first verb is the one the expression modifies, weak or strong
        # ("In January, the company brought in a chief, who will remain").
        if after:
            if weak:
                tiers.append((right, False, ((_FUTURE, "future"), (_PAST, "past"),
                                             (_WEAK_PAST, "past"))))
            else:
                tiers.append((right, False, ((_FUTURE, "future"), (_PAST, "past"))))
        for text, backwards, markers in tiers:
            best: tuple[int, str] | None = None
            for pattern, tense in markers:
                for match in pattern.finditer(text):
                    distance = len(text) - match.end() if backwards else match.start()
                    if best is None or distance < best[0]:
                        best = (distance, tense)
            if best is not None:
                return best[1]
        return None
