"""Cleaning scraped articles: hover cards, ads, related links and repeated titles go; names stay."""

from pathlib import Path

import pytest

from generator.extract.cards import strip_cards
from generator.extract.clean import clean, paragraphs, rules
from generator.extract.junkcheck import check, names_in

DATA = Path(__file__).parent / "data" / "extract"
SAMPLES = ["hill_sample", "other_outlets_sample"]


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_clean_to_the_expected_text(name):
    raw = (DATA / f"{name}.txt").read_text("utf-8")
    assert clean(raw).text == (DATA / f"{name}.expected.txt").read_text("utf-8")


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_pass_the_independent_checks(name):
    raw = (DATA / f"{name}.txt").read_text("utf-8")
    result = clean(raw)
    dropped = tuple(r.text for r in result.removed if r.rule not in ("hover-card", "tweet-link", "tweet-signature"))
    outcome = check(raw, result.text, result.title, dropped)
    assert outcome.junk == {}
    assert outcome.lost == ()
    assert not outcome.title_repeated


def test_the_hill_sample_names_are_all_checked():
    raw = (DATA / "hill_sample.txt").read_text("utf-8")
    assert names_in(raw) == ["Maria Cantwell", "Mitch McConnell", "Trump", "Paul Ryan", "Chuck Schumer", "John Kennedy"]


@pytest.mark.parametrize(("raw", "expected"), [
    ("Charles SchumerChuck SchumerHouse Democrats introduce bill to invest 0 billion in STEM research MORE (D-N.Y.)",
     "Charles Schumer (D-N.Y.)"),
    ("Donald Trump Donald John TrumpGOP senators balk at lengthy impeachment trial MORE", "Donald Trump"),
    ("Sen. Amy KlobucharAmy Jean Klobuchar2020 Democrats push for gun control action MORE (Minn.)",
     "Sen. Amy Klobuchar (Minn.)"),
    ("Rep. Beto O'RourkeRobert (Beto) Francis O'RourkeDemocrats debate in Houston MORE (D-Texas)",
     "Rep. Beto O'Rourke (D-Texas)"),
    ("Mayor Bill de BlasioBill de BlasioCity weighs new budget MORE said", "Mayor Bill de Blasio said"),
    ("leader Kim Jong UnKim Jong UnTalks stall again MORE next week", "leader Kim Jong Un next week"),
    ("a cleaned Chuck Schumer stays Chuck Schumer", "a cleaned Chuck Schumer stays Chuck Schumer"),
])
def test_hover_cards_leave_the_name_as_written(raw, expected):
    assert strip_cards(raw)[0] == expected


def test_a_more_without_a_card_is_left_alone():
    text = "NO MORE wars, the sign said."
    assert strip_cards(text) == (text, [])


def test_a_card_never_reaches_into_the_previous_paragraph():
    text = "Trump spoke.\n\nTrump Donald John TrumpTariffs loom MORE left."
    assert strip_cards(text)[0] == "Trump spoke.\n\nTrump left."


def test_title_given_or_found_is_dropped_from_the_top():
    raw = "OPINION: Why the bridge matters\n\nWhy the bridge matters\n\nThe bridge opened in 1931."
    assert clean(raw, "OPINION: Why the bridge matters").text == "The bridge opened in 1931.\n"
    found = clean("Bridge reopens after repairs\n\nBridge reopens after repairs\n\nIt reopened Monday.")
    assert (found.title, found.text) == ("Bridge reopens after repairs", "It reopened Monday.\n")


def test_wrapped_lines_are_joined_and_sentences_on_new_lines_split():
    assert paragraphs("The senators wrote\nto the Treasury.\nThey asked for sanctions.") == [
        "The senators wrote to the Treasury.", "They asked for sanctions."]


def test_invisible_characters_and_odd_spaces_are_normalized():
    assert clean("A\u00a0quiet\u200b  week.\r\n\r\nIt ended.").text == "A quiet week.\n\nIt ended.\n"


def test_empty_and_all_junk_texts_clean_to_nothing():
    assert clean("").text == ""
    assert clean("ADVERTISEMENT\n\nStory Continued Below\n").text == ""


@pytest.mark.parametrize("rule", [*rules()[0], *rules()[1]], ids=lambda r: r.name)
def test_every_junk_rule_matches_its_examples_and_spares_its_keeps(rule):
    paragraph_rule = rule in rules()[0]

    def hits(text):
        return rule.pattern.fullmatch(text) if paragraph_rule else rule.pattern.search(text)

    assert rule.examples
    assert all(hits(e) for e in rule.examples), [e for e in rule.examples if not hits(e)]
    assert not any(hits(k) for k in rule.keep), [k for k in rule.keep if hits(k)]
