"""`timeline extract` and `timeline timex` end to end, in a temporary project, as a user runs them."""

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main

DATA = Path(__file__).parent / "data" / "extract"
SEED = DATA / "seed_the_hill_2020-09-03.txt"
REPO = Path(__file__).resolve().parent.parent


def timeline_process(*args, cwd):
    """`timeline ...` as a separate process, exactly as a user runs it."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def timeline(*args, cwd):
    """`timeline ...` in this process (same entry point, much faster), in folder `cwd`."""
    out, err, previous = io.StringIO(), io.StringIO(), os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def events(project):
    folder = project / "content" / "events"
    return {p.stem: yaml.load(p.read_text("utf-8"), Loader=yaml.BaseLoader) for p in sorted(folder.glob("*.yaml"))}


def snapshot(project):
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path):
    (tmp_path / "config.yaml").write_text("title: Test timeline\n", "utf-8")
    return tmp_path


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """The seed article extracted once, as the issue describes (shared: the tests only read it)."""
    project = tmp_path_factory.mktemp("seeded")
    (project / "config.yaml").write_text("title: Test timeline\n", "utf-8")
    result = timeline_process("extract", SEED, "--published", "2020-09-03", "--publisher", "The Hill",
                      "--url", "https://thehill.com/policy/cybersecurity/514983", cwd=project)
    assert result.returncode == 0, result.stderr
    return project, result


def test_seed_gives_one_draft_per_dated_happening(seeded):
    project, result = seeded
    drafts = events(project)
    by_date = {}
    for event in drafts.values():
        by_date.setdefault(event["date"], []).append(event["title"].lower())
    assert any("interference" in t for t in by_date["2016"])
    assert any("sanctioned by treasury" in t for t in by_date["2018"])
    assert any("executive order" in t for t in by_date["2018"])
    assert any("sanctions" in t for t in by_date.get("2018-11", []) + by_date["2018"] if "midterm" in t or "u.s." in t)
    assert any("sanctions" in t for t in by_date["2020-09-03"])
    assert any("serious concerns" in t for t in by_date["2020-W36"])
    assert all(event["status"] == "draft" for event in drafts.values())


def test_seed_november_election_is_dated_2020_11(seeded):
    project, _ = seeded
    assert "2020-11" in {event["date"] for event in events(project).values()}


def test_seed_drafts_quote_the_stored_article_exactly(seeded):
    project, _ = seeded
    (article,) = (project / "content" / "articles").glob("*.md")
    assert article.name == "the-hill-2020-09-03-top-democrats-press-trump-to-sanction-russian.md"
    body = article.read_text("utf-8").split("---\n", 2)[2]
    for event in events(project).values():
        start, end = (int(x) for x in event["extracted"]["offsets"])
        (source,) = event["sources"]
        assert body[start:end] == source["quote"]
        assert source["article"] == article.stem and source["publisher"] == "The Hill"


def test_seed_hover_card_text_never_becomes_an_event(seeded):
    project, _ = seeded
    text = "".join(p.read_text("utf-8") for p in (project / "content").rglob("*.*"))
    for junk in ("stimulus", "Barrett", "Holiday spending", "Sunday shows", "MORE", "ADVERTISEMENT", "SPONSORED"):
        assert junk not in text


def test_a_second_run_writes_nothing_and_the_project_checks_clean(seeded):
    project, _ = seeded
    checked = timeline("check", "-C", project, cwd=project)
    assert checked.returncode == 0, checked.stderr
    before = snapshot(project)
    again = timeline("extract", SEED, "--published", "2020-09-03", "--publisher", "The Hill",
                     "--url", "https://thehill.com/policy/cybersecurity/514983", cwd=project)
    assert again.returncode == 0, again.stderr
    assert snapshot(project) == before
    assert "  draft " not in again.stdout and "already extracted from this article" in again.stdout


def test_existing_files_are_never_rewritten(project):
    events_dir = project / "content" / "events"
    events_dir.mkdir(parents=True)
    # A hand-made file that happens to have the id a draft would get.
    taken = events_dir / "2020-w36-democrats-raise-serious-concerns-following-decision.yaml"
    taken.write_text("date: 2020-W36\ntitle: Mine\n", "utf-8")
    result = timeline("extract", SEED, "--published", "2020-09-03", cwd=project)
    assert result.returncode == 0, result.stderr
    assert taken.read_text("utf-8") == "date: 2020-W36\ntitle: Mine\n"
    assert (events_dir / "2020-w36-democrats-raise-serious-concerns-following-decision-2.yaml").exists()


def test_two_articles_on_one_happening_make_one_draft_with_two_sources(project):
    result = timeline("extract", DATA / "bridge_gazette.md", DATA / "bridge_herald.html", cwd=project)
    assert result.returncode == 0, result.stderr
    (event,) = events(project).values()
    assert event["date"] == "2021-03-03"
    assert [s["publisher"] for s in event["sources"]] == ["Springfield Gazette", "Springfield Herald"]
    assert "same happening" in result.stdout
    articles = sorted(p.name for p in (project / "content" / "articles").glob("*.md"))
    assert articles == ["springfield-gazette-2021-03-04-council-renames-main-street-bridge-for.md",
                        "springfield-herald-2021-03-05-main-street-bridge-gets-a-new-name.md"]
    herald = (project / "content" / "articles" / articles[1]).read_text("utf-8")
    assert "nothing happened" not in herald and "Home" not in herald and "Photo" not in herald


def test_a_later_report_of_an_existing_event_names_it_as_possible_duplicate(project):
    first = timeline("extract", DATA / "bridge_gazette.md", cwd=project)
    assert first.returncode == 0, first.stderr
    (existing,) = events(project)
    second = timeline("extract", DATA / "bridge_herald.html", cwd=project)
    assert second.returncode == 0, second.stderr
    drafts = events(project)
    (new,) = set(drafts) - {existing}
    assert drafts[new]["extracted"]["duplicate_of"] == existing
    assert f"may repeat {existing}" in second.stdout


def test_dry_run_writes_nothing(project):
    result = timeline("extract", SEED, "--published", "2020-09-03", "--dry-run", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not (project / "content").exists()
    # It says what a real run then writes.
    found = re.search(r"^1 file: would write (\d+ drafts and 1 article); ", result.stdout, re.M)
    assert found, result.stdout
    written = timeline("extract", SEED, "--published", "2020-09-03", cwd=project)
    assert f"1 file: wrote {found[1]}; " in written.stdout, written.stdout
    assert len(events(project)) == int(found[1].split()[0])


def test_parallel_jobs_give_identical_results_in_input_order(tmp_path):
    outputs = []
    for jobs in ("1", "2"):
        project = tmp_path / f"p{jobs}"
        project.mkdir()
        result = timeline_process("extract", SEED, DATA / "bridge_gazette.md", DATA / "bridge_herald.html",
                                  "--jobs", jobs, cwd=project)
        assert result.returncode == 0, result.stderr
        outputs.append((result.stdout, snapshot(project)))
    assert outputs[0] == outputs[1]


def test_without_a_publication_date_relative_dates_are_reported_not_guessed(project):
    result = timeline("extract", SEED, cwd=project)
    assert result.returncode == 0, result.stderr
    assert "unresolved" in result.stdout and "no publication date" in result.stdout
    dates = {e["date"] for e in events(project).values()}
    assert "2020-09-03" not in dates and "2020-W36" not in dates
    assert {"2016", "2018"} <= dates


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.txt", b"", "empty.txt:1:1: (file): file is empty"),
    ("blank.txt", b"  \n\n ", "blank.txt:1:1: (file): file is empty"),
    ("binary.txt", b"GIF89a\n\x00\x01\x02", "binary.txt:2:1: (file): not a text file (it contains NUL bytes)"),
    ("latin1.txt", b"caf\xe9 on May 3, 2020", "latin1.txt:1:4: (file): not UTF-8 text (byte 0xe9 cannot be decoded)"),
    ("empty.html", b"<html><body><script>x()</script></body></html>",
     "empty.html:1:1: (html): no article text found in the page"),
])
def test_bad_input_is_a_located_problem_with_a_hint(project, name, content, message):
    (project / name).write_bytes(content)
    result = timeline("extract", name, "--published", "2020-09-03", cwd=project)
    assert result.returncode == 1
    assert message in result.stderr and "\n  hint: " in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "content").exists()


def test_a_file_over_50_mb_is_refused_before_reading(project):
    big = project / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    result = timeline_process("extract", big.name, cwd=project)
    assert result.returncode == 1
    assert "big.txt:1:1: (file): file is 50.0 MB, over the 50 MB limit" in result.stderr


def test_date_free_text_is_a_problem(project):
    shutil.copy(DATA / "no_dates.txt", project)
    result = timeline("extract", "no_dates.txt", "--published", "2020-09-03", cwd=project)
    assert result.returncode == 1
    assert "no_dates.txt:1:1: (text): no dated events found in the text" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2(project):
    missing = timeline("extract", "nowhere.txt", cwd=project)
    assert missing.returncode == 2 and "nowhere.txt:1:1: (file): no such file" in missing.stderr
    bad_date = timeline("extract", SEED, "--published", "3 Sept", cwd=project)
    assert bad_date.returncode == 2 and "--published: `3 Sept` is not a YYYY-MM-DD date" in bad_date.stderr
    bad_url = timeline("extract", SEED, "--url", "thehill.com", cwd=project)
    assert bad_url.returncode == 2 and "--url" in bad_url.stderr


def test_folders_and_globs_are_expanded(project):
    folder = project / "inbox"
    folder.mkdir()
    shutil.copy(DATA / "bridge_gazette.md", folder)
    shutil.copy(DATA / "bridge_herald.html", folder)
    by_folder = timeline("extract", "inbox", "--dry-run", cwd=project)
    by_glob = timeline("extract", "inbox/*.*", "--dry-run", cwd=project)
    assert by_folder.returncode == by_glob.returncode == 0
    assert by_folder.stdout == by_glob.stdout and "bridge_herald.html" in by_folder.stdout


def test_timex_json_lists_every_expression_with_offsets(project):
    result = timeline("timex", SEED, "--published", "2020-09-03", cwd=project)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    text = SEED.read_text("utf-8")
    assert found["published"] == "2020-09-03"
    for item in found["timexes"]:
        assert text[item["start"]:item["end"]] == item["text"]
    values = {item["text"]: item["value"] for item in found["timexes"]}
    assert values["two years earlier"] == "2016" and values["this week"] == "2020-W36"


def test_timex_timeml_marks_up_the_text(project):
    result = timeline("timex", SEED, "--published", "2020-09-03", "--format", "timeml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "<TIMEX3" in result.stdout and "two years earlier</TIMEX3>" in result.stdout
