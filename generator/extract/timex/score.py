"""TempEval-3 scoring of TIMEX3 spans, types and values against gold TimeML."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.extract.timex.model import Timex
from generator.extract.timex.timeml import GoldTimex, TimeMLDoc


@dataclass(slots=True)
class Scores:
    """Counts accumulated over documents; the measures are properties.

    Relaxed: a system span matches a gold span it overlaps; strict: identical offsets.
    Each span is matched at most once.  Type and value accuracy are over the relaxed
    matches; value F1 = relaxed F1 × value accuracy (the TempEval-3 ranking measure).
    """

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0
    errors: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    # (kind, type, span text, gold value or "", system value or "")

    def add(self, other: Scores) -> None:
        self.gold += other.gold
        self.system += other.system
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.type_correct += other.type_correct
        self.value_correct += other.value_correct
        self.errors += other.errors

    @staticmethod
    def _f1(precision: float, recall: float) -> float:
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    @property
    def strict_precision(self) -> float:
        return self.strict / self.system if self.system else 0.0

    @property
    def strict_recall(self) -> float:
        return self.strict / self.gold if self.gold else 0.0

    @property
    def strict_f1(self) -> float:
        return self._f1(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        return self.relaxed / self.system if self.system else 0.0

    @property
    def relaxed_recall(self) -> float:
        return self.relaxed / self.gold if self.gold else 0.0

    @property
    def relaxed_f1(self) -> float:
        return self._f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.relaxed if self.relaxed else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.relaxed if self.relaxed else 0.0

    @property
    def value_f1(self) -> float:
        return self.relaxed_f1 * self.value_accuracy


def _overlap(a: GoldTimex, b: Timex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def score_document(gold: list[GoldTimex], system: list[Timex]) -> Scores:
    """Match system expressions to gold ones (identical spans first, then the largest
    overlap) and count what agrees."""
    scores = Scores(gold=len(gold), system=len(system))
    pairs = sorted(
        ((g, s) for g in range(len(gold)) for s in range(len(system))
         if _overlap(gold[g], system[s]) > 0),
        key=lambda pair: (
            (gold[pair[0]].start, gold[pair[0]].end) != (system[pair[1]].start,
                                                          system[pair[1]].end),
            -_overlap(gold[pair[0]], system[pair[1]]),
        ),
    )
    used_gold: set[int] = set()
    used_system: set[int] = set()
    for g, s in pairs:
        if g in used_gold or s in used_system:
            continue
        used_gold.add(g)
        used_system.add(s)
        expected, found = gold[g], system[s]
        scores.relaxed += 1
        scores.strict += (expected.start, expected.end) == (found.start, found.end)
        scores.type_correct += expected.type == found.type
        if expected.value == found.value:
            scores.value_correct += 1
        else:
            scores.errors.append(("wrong value", expected.type, f"{expected.text} | {found.text}",
                                  expected.value, found.value))
    for g, expected in enumerate(gold):
        if g not in used_gold:
            scores.errors.append(("missed", expected.type, expected.text, expected.value, ""))
    for s, found in enumerate(system):
        if s not in used_system:
            scores.errors.append(("spurious", found.type, found.text, "", found.value))
    return scores


def score_documents(documents: list[TimeMLDoc], tagger) -> Scores:
    """Scores of `tagger(text, published)` over the documents."""
    total = Scores()
    for document in documents:
        total.add(score_document(document.timexes, tagger(document.text, document.dct)))
    return total


def top_errors(scores: Scores, limit: int) -> dict[tuple[str, str], list[tuple[str, int]]]:
    """Per (error kind, type): the most frequent cases, as (description, count)."""
    grouped: dict[tuple[str, str], Counter] = {}
    for kind, timex_type, text, gold_value, system_value in scores.errors:
        described = " ".join(text.split())
        if kind == "wrong value":
            described += f"  gold {gold_value} / ours {system_value}"
        elif kind == "missed":
            described += f"  ({gold_value})"
        else:
            described += f"  ({system_value})"
        grouped.setdefault((kind, timex_type), Counter())[described] += 1
    return {key: counter.most_common(limit) for key, counter in sorted(grouped.items())}
