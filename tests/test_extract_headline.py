"""Headlines and actors from news sentences."""

import pytest

from generator.extract.actors import actors_in, name_index
from generator.extract.headline import clause_title, cut, noun_phrase_title
from generator.extract.words import tags_for


@pytest.mark.parametrize(("sentence", "title"), [
    ("The U.S. has previously imposed sanctions on multiple Russians and on the Internet Research Agency, a "
     "Russian-backed troll farm, for interfering in the 2018 midterm elections through spreading disinformation.",
     "U.S. imposes sanctions on multiple Russians and on Internet Research Agency"),
    ("According to the U.S. intelligence community, along with the Senate Intelligence Committee, Russian agents "
     "launched a sweeping interference effort ahead of the presidential election in favor of Trump.",
     "Russian agents launch sweeping interference effort ahead of the presidential election in favor of Trump"),
    ("The Internet Research Agency and several Russians were also sanctioned by the Treasury Department.",
     "Internet Research Agency and several Russians sanctioned by Treasury Department"),
    ("In their letter, the senators pointed to a recent analysis by William Evanina, the director of the center.",
     "Senators point to recent analysis by William Evanina"),
    ("But Democrats have raised serious concerns.", "Democrats raise serious concerns"),
    ("Sanders sent a letter to the committee.", "Sanders sends letter to committee"),
])
def test_clause_titles(sentence, title):
    assert clause_title(sentence).text == title


def test_a_sentence_without_a_verb_still_gets_a_plain_title():
    title = clause_title("The long road to the 2020 conventions.")
    assert (title.text, title.has_verb) == ("Long road to 2020 conventions", False)


def test_pronoun_subjects_are_marked_vague():
    assert clause_title("He met the president.").vague
    assert not clause_title("Putin met the president.").vague


def test_a_noun_phrase_with_a_relative_clause_becomes_the_title():
    sentence = "They used a 2018 executive order that allows the Treasury secretary to impose sanctions."
    start = sentence.index("2018")
    end = sentence.index(" that")
    assert noun_phrase_title(sentence, start, end).text == \
        "2018 executive order allows Treasury secretary to impose sanctions"


def test_long_titles_are_cut_at_a_clause_marker_or_after_a_whole_name():
    long = "Democrats raise serious concerns following the decision by Director of National Intelligence John Ratcliffe"
    assert cut(long, 100) == long  # never ends on "John"
    assert cut("Officials call on the administration to act on sanctions for the attacks on the embassy staff", 80) \
        == "Officials call on the administration to act on sanctions"


def test_actors_are_names_without_ranks_parties_or_junk():
    doc = ("Senate Minority Leader Charles Schumer (D-N.Y.) sent a letter to Treasury Secretary Steven Mnuchin. "
           "Later, Mnuchin met Director of National Intelligence John Ratcliffe and The Hill reported it.")
    index = name_index(doc)
    assert index["Mnuchin"] == "Steven Mnuchin"
    assert actors_in(doc, index, exclude=("The Hill",)) == (
        "Charles Schumer", "Steven Mnuchin", "John Ratcliffe")
    assert actors_in("Senate Democrats and Iran and China met.") == ("Senate Democrats", "Iran", "China")
    assert actors_in("The National Counterintelligence and Security Center said so.") == (
        "National Counterintelligence and Security Center",)


def test_tags_come_from_the_vocabulary_data():
    assert tags_for("Treasury sanctioned a troll farm over election interference") == (
        "sanctions", "election-interference", "elections")
    assert tags_for("The weather was fine.") == ()
