"""Every example carried by a pattern is tagged as it says, through the whole tagger."""

from __future__ import annotations

import datetime

import pytest

from generator.extract.timex import tag
from generator.extract.timex.patterns import PATTERNS

EXAMPLES = [
    pytest.param(example, id=f"{pattern.name}: {example.span}")
    for pattern in PATTERNS
    for example in pattern.examples
]


@pytest.mark.parametrize("example", EXAMPLES)
def test_pattern_example(example):
    published = datetime.date.fromisoformat(example.published)
    found = {(t.text, t.type, t.value) for t in tag(example.sentence, published)}
    assert (example.span, example.type, example.value) in found, found


def test_every_pattern_has_examples():
    assert all(pattern.examples for pattern in PATTERNS)


def test_pattern_names_are_unique():
    names = [pattern.name for pattern in PATTERNS]
    assert len(names) == len(set(names))
