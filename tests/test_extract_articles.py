"""Reading inputs: plain text, Markdown with front matter, saved HTML; article ids and stored files."""

import datetime
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.extract.articles import (article_file, article_id, expand_inputs, markdown_to_text, read_article,
                                        stored_articles, stored_body)

DATA = Path(__file__).parent / "data" / "extract"


def test_markdown_front_matter_gives_metadata_and_text():
    raw = read_article(DATA / "bridge_gazette.md", "bridge_gazette.md")
    assert (raw.title, raw.publisher, raw.published) == (
        "Council renames Main Street bridge for retired nurse", "Springfield Gazette", "2021-03-04")
    assert raw.url == "https://gazette.example/2021/03/04/bridge"
    assert raw.text.startswith("Council renames Main Street bridge for retired nurse\n\nThe Springfield")


def test_html_gives_the_article_without_scripts_navigation_or_captions():
    raw = read_article(DATA / "bridge_herald.html", "bridge_herald.html")
    assert (raw.title, raw.publisher, raw.published, raw.url) == (
        "Main Street bridge gets a new name", "Springfield Herald", "2021-03-05",
        "https://herald.example/news/bridge-new-name")
    assert raw.text.split("\n\n") == [
        "Main Street bridge gets a new name",
        "On March 3, 2021, the Springfield City Council voted to rename the Main Street bridge after Ana Ruiz, "
        "a retired nurse, settling the long dispute over its name.",
        "Mayor Tom Baker praised the council’s vote."]


def test_bad_front_matter_is_located(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A\npublished: Sept 3\n---\nText.\n", "utf-8")
    with pytest.raises(ContentError) as error:
        read_article(path, "a.md")
    assert str(error.value.problems[0]).startswith("a.md:3:12: published: `Sept 3` is not a YYYY-MM-DD date")


def test_markdown_is_reduced_to_words():
    assert markdown_to_text("# Head\n\nSee [the report](http://x) and **this** *now*.") == \
        "Head\n\nSee the report and this now."


def test_article_ids_name_publisher_day_and_title():
    assert article_id("Top Democrats press Trump to sanction Russian individuals over 2020 election",
                      "The Hill", datetime.date(2020, 9, 3), "x") == \
        "the-hill-2020-09-03-top-democrats-press-trump-to-sanction-russian"
    assert article_id("", "", None, "my notes") == "my-notes"


def test_stored_articles_are_found_by_their_text(tmp_path):
    text = article_file({"title": "A: b", "url": "https://x.example/a", "published": "2020-01-02"}, "Body.\n")
    assert text == '---\ntitle: "A: b"\nurl: https://x.example/a\npublished: 2020-01-02\n---\nBody.\n'
    (tmp_path / "a.md").write_text(text, "utf-8")
    (stored,) = stored_articles(tmp_path)
    assert (stored.id, stored.url) == ("a", "https://x.example/a")
    assert stored_body(stored.path) == "Body.\n"


def test_inputs_expand_folders_and_globs_in_sorted_order(tmp_path):
    (tmp_path / "b.txt").write_text("x", "utf-8")
    (tmp_path / "a.html").write_text("x", "utf-8")
    (tmp_path / "skip.png").write_bytes(b"x")
    files, missing = expand_inputs([str(tmp_path), str(tmp_path / "*.txt"), str(tmp_path / "none-*.md")])
    assert [f.name for f in files] == ["a.html", "b.txt"]
    assert missing == [str(tmp_path / "none-*.md")]


@pytest.mark.parametrize("stamp, day", [
    ("2020-09-03T10:00:00Z", "2020-09-03"),
    ("Thu, 03 Sep 2020 14:22:00 GMT", "2020-09-03"),
    ("September 3, 2020", "2020-09-03"),
    ("September 2020", ""),  # no day: not guessed
    ("yesterday", ""),       # relative: never resolved against today
    ("3 days ago", ""),
    ("", ""),
])
def test_page_date_stamps_in_any_absolute_format(stamp, day):
    from generator.extract.articles import publication_day

    assert publication_day(stamp) == day
