"""Sentence splitting: abbreviations, initials, quotes and offsets."""

import pytest

from generator.extract.sentences import split_sentences


def texts(doc):
    return [s.text for s in split_sentences(doc)]


@pytest.mark.parametrize(("doc", "expected"), [
    ("Sen. Sherrod Brown (Ohio) signed. Rep. Al Green (D-Texas) did not.",
     ["Sen. Sherrod Brown (Ohio) signed.", "Rep. Al Green (D-Texas) did not."]),
    ("It interfered in the U.S. elections. The Treasury acted.",
     ["It interfered in the U.S. elections.", "The Treasury acted."]),
    ("Sanctions hit the U.S. The Treasury acted.", ["Sanctions hit the U.S.", "The Treasury acted."]),
    ("President John F. Kennedy was shot. It was 1963.", ["President John F. Kennedy was shot.", "It was 1963."]),
    ("The vote is on Feb. 1. It will be close.", ["The vote is on Feb. 1.", "It will be close."]),
    ("It ended at 1:10 p.m. on Friday. Then it rained.", ["It ended at 1:10 p.m. on Friday.", "Then it rained."]),
    ("It ended at 1:10 p.m. The crowd left.", ["It ended at 1:10 p.m.", "The crowd left."]),
    ("“We will respond,” they wrote. “Soon.” He agreed.",
     ["“We will respond,” they wrote.", "“Soon.”", "He agreed."]),
    ("He asked: Why? Nobody knew!", ["He asked: Why?", "Nobody knew!"]),
    ("Sen. Bob Casey Jr. (Pa.) spoke. Mr. Carson left.", ["Sen. Bob Casey Jr. (Pa.) spoke.", "Mr. Carson left."]),
    ("It was near Wamego, Kan. On Wednesday, Nov. 27, data came.",
     ["It was near Wamego, Kan.", "On Wednesday, Nov. 27, data came."]),
    ("Apple Inc. rose. Shares of No. 2 fell.", ["Apple Inc. rose.", "Shares of No. 2 fell."]),
])
def test_sentences(doc, expected):
    assert texts(doc) == expected


def test_paragraph_breaks_always_end_sentences_and_offsets_are_exact():
    doc = "First paragraph without a stop\n\nSecond one. Third one.\n"
    sentences = split_sentences(doc)
    assert [(s.text, s.paragraph) for s in sentences] == [
        ("First paragraph without a stop", 0), ("Second one.", 1), ("Third one.", 1)]
    assert all(doc[s.start:s.end] == s.text for s in sentences)


def test_empty_text_has_no_sentences():
    assert split_sentences("") == [] and split_sentences("\n\n") == []
