"""Each CLI command, run as a subprocess the way a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT, copy_project, run_timeline


def test_help_lists_every_command():
    result = run_timeline("--help")
    assert result.returncode == 0
    for command in ("build", "check", "serve", "new", "init", "extract", "timex"):
        assert command in result.stdout


def test_usage_error_exit_code():
    assert run_timeline("build", "--no-such-option").returncode == 2
    assert run_timeline("frobnicate").returncode == 2


def test_check_bundled_content_is_clean():
    result = run_timeline("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_build_writes_the_page_map(tmp_path):
    output = tmp_path / "out"
    result = run_timeline("build", "--output", str(output))
    assert result.returncode == 0, result.stderr
    for path in ("index.html", "404.html", ".nojekyll", "robots.txt", "sitemap.xml", "feed.xml", "feed.json",
                 "timeline.json", "events.ics", "events.csv", "events.json", "tags/index.html",
                 "actors/index.html", "sources/index.html", "years/2018/index.html",
                 "events/2020-09-03-senate-democrats-letter-to-mnuchin/index.html",
                 "sources/the-hill-2020-09-03-democrats-press-sanctions/index.html",
                 "tags/sanctions/index.html", "actors/john-ratcliffe/index.html"):
        assert (output / path).is_file(), path


def test_drafts_only_with_flag(tmp_path):
    project = copy_project(tmp_path)
    draft = project / "content" / "events" / "2021-draft.yaml"
    draft.write_text("date: 2021\ntitle: Not ready\nstatus: draft\n")
    assert run_timeline("build", "-C", str(project)).returncode == 0
    assert not (project / "site" / "events" / "2021-draft").exists()
    assert run_timeline("build", "-C", str(project), "--drafts").returncode == 0
    assert (project / "site" / "events" / "2021-draft" / "index.html").is_file()


def test_new_writes_a_valid_event_and_never_overwrites(tmp_path):
    project = copy_project(tmp_path)
    result = run_timeline("new", "Treasury sanctions Derkach", "--date", "2020-09-10", "--tag", "sanctions",
                          "--actor", "Andriy Derkach", "-C", str(project))
    assert result.returncode == 0, result.stderr
    path = project / result.stdout.strip()
    assert path.name == "2020-09-10-treasury-sanctions-derkach.yaml"
    original = path.read_text()
    assert run_timeline("check", "-C", str(project)).returncode == 0
    again = run_timeline("new", "Treasury sanctions Derkach", "--date", "2020-09-10", "-C", str(project))
    assert again.returncode == 1
    assert "already exists; nothing was written" in again.stderr
    assert path.read_text() == original


def test_new_rejects_bad_arguments_without_writing(tmp_path):
    project = copy_project(tmp_path)
    before = sorted((project / "content" / "events").iterdir())
    result = run_timeline("new", "Nope", "--date", "2021-02-30", "-C", str(project))
    assert result.returncode == 2
    assert result.stderr.startswith("timeline new: --date: `2021-02-30`: Feb. 2021 has no day 30\n  hint: ")
    assert sorted((project / "content" / "events").iterdir()) == before


def test_new_event_then_broken_edit_gives_located_error(tmp_path):
    project = copy_project(tmp_path)
    created = run_timeline("new", "A new event", "--date", "2019", "-C", str(project))
    path = project / created.stdout.strip()
    path.write_text(path.read_text().replace("date: 2019", "date: 2019-02-30"))
    result = run_timeline("check", "-C", str(project))
    assert result.returncode == 1
    assert "2019-02-30.yaml" not in result.stderr  # the file keeps its name
    assert f"{path.name}:2:7: date: `2019-02-30`: Feb. 2019 has no day 30" in result.stderr


def test_init_creates_a_buildable_project(tmp_path):
    target = tmp_path / "fresh"
    result = run_timeline("init", str(target), "--title", "Fresh: a test")
    assert result.returncode == 0, result.stderr
    for path in ("config.yaml", "templates/base.html", ".github/workflows/pages.yml", "requirements.txt"):
        assert (target / path).is_file(), path
    built = run_timeline("build", "-C", str(target))
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("built 1 event, "), built.stdout
    assert "Fresh: a test" in (target / "site" / "index.html").read_text()
    # Everything the builds leave beside the content (the site, the spare tree, the cache) is ignored by git.
    before = set(os.listdir(target))
    assert run_timeline("build", "-C", str(target)).returncode == 0
    made = {name for name in os.listdir(target) if name not in before} | {"site", ".timeline-cache"}
    assert ".site.spare" in made
    subprocess.run(["git", "init", "-q", str(target)], check=True)
    ignored = subprocess.run(["git", "-C", str(target), "check-ignore", *made], capture_output=True, text=True)
    assert sorted(ignored.stdout.split()) == sorted(made)
    again = run_timeline("init", str(target))
    assert again.returncode == 1 and "already exists" in again.stderr


def _get(url: str, timeout: float = 10) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def test_serve_previews_drafts_reloads_on_edit_and_shows_errors(tmp_path):
    project = copy_project(tmp_path)
    (project / "content" / "events" / "2021-draft.yaml").write_text("date: 2021\ntitle: Draft preview\nstatus: draft\n")
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", "0", "-C", str(project)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = server.stdout.readline()
        assert line.startswith("serving http://127.0.0.1:"), line + server.stderr.read()
        url = line.split()[1]
        index = _get(url).decode()
        assert "Draft preview" in index and "/__livereload" in index
        version = json.loads(_get(url + "__livereload?since=-1"))["version"]
        # An edit shows up: the long-poll returns a new version, and the page has the new text.
        event = project / "content" / "events" / "2016-russian-interference-effort.yaml"
        event.write_text(event.read_text().replace("launch a sweeping", "launch a vast"))
        started = time.monotonic()
        new_version = json.loads(_get(url + f"__livereload?since={version}", timeout=30))["version"]
        assert new_version != version and time.monotonic() - started < 10
        assert "launch a vast" in _get(url).decode()
        # A broken file: the browser shows the problem instead of the server dying.
        event.write_text("date: 2016-02-30\ntitle: Broken\n")
        json.loads(_get(url + f"__livereload?since={new_version}", timeout=30))
        try:
            _get(url)
            raise AssertionError("expected the problem page")
        except urllib.error.HTTPError as error:
            assert error.code == 500
            assert "Feb. 2016 has no day 30" in error.read().decode()
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_module_entry_point_matches_console_script():
    result = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("timeline ")


def test_output_into_a_closed_pipe_ends_quietly():
    reader, writer = os.pipe()
    os.close(reader)  # like `timeline check | head -0`
    try:
        result = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=ROOT, stdout=writer,
                                stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (1, "")  # what Python's documentation advises, not a traceback


def test_template_mistake_is_located_in_the_template(tmp_path):
    target = tmp_path / "p"
    assert run_timeline("init", str(target)).returncode == 0
    base = target / "templates" / "base.html"
    lines = base.read_text().splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines, 1) if "{{ site.title }}</a>" in text)
    base.write_text("".join(lines).replace("{{ site.title }}</a>", "{{ no_such_name }}</a>"))
    result = run_timeline("check", "-C", str(target))
    assert result.returncode == 1
    assert f"templates/base.html:{line}:1: (template): 'no_such_name' is undefined (while rendering" in result.stderr
