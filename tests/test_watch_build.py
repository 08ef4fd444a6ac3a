"""`timeline build --watch`: each edit applied to the build kept in memory publishes what a clean build makes."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT
from generator.build import build
from generator.config import load_config
from generator.errors import ContentError
from generator.watch import KeptBuild
from test_incremental_build import (clean_build, first_event, make_edit, project, quoted_event,  # noqa: F401
                                    tree)  # (project: a fixture)


def kept_build(project: Path) -> KeptBuild:
    kept = KeptBuild(lambda: load_config(project))
    kept.build()
    kept.prepare()
    return kept


QUICK = {"title", "summary"}  # edits that move no event (a quote places its event on a source page)


@pytest.mark.parametrize("edit", ["title", "summary", "quote", "date", "tags", "actors", "add", "delete", "rename",
                                  "draft", "article", "template", "config"])
def test_each_edit_publishes_what_a_clean_build_makes(project, edit):
    kept = kept_build(project)
    try:
        result = kept.build(make_edit(project, edit))
        assert ("re-read edited events" in dict(result.phases)) == (edit in QUICK)
        assert 0 < result.rendered < result.pages or edit in ("template", "config")
        assert tree(project / "site") == clean_build(project, project.parent / "clean")
        # And another edit on top of that one, from the state it left.
        kept.prepare()
        other = sorted((project / "content" / "events").glob("*.yaml"))[-1]
        other.write_text(other.read_text().replace("title: ", "title: Then ", 1))
        kept.build([other])
        assert tree(project / "site") == clean_build(project, project.parent / "clean-2")
    finally:
        kept.close()
    siblings = {path.name for path in project.iterdir()}
    assert ".site.spare" in siblings and not [name for name in siblings if name.startswith(".site.build-")]


def test_without_the_cache_edits_publish_the_same_and_no_cache_is_written(project):
    kept = KeptBuild(lambda: load_config(project), use_cache=False)
    try:
        kept.build()
        kept.prepare()
        result = kept.build(make_edit(project, "title"))
        assert "re-read edited events" in dict(result.phases)
        kept.prepare()
        kept.build(make_edit(project, "tags"))
        assert tree(project / "site") == clean_build(project, project.parent / "clean")
    finally:
        kept.close()
    assert not (project / ".timeline-cache").exists()


def test_a_new_output_folder_in_the_config_is_built_and_the_old_one_left_whole(project):
    kept = kept_build(project)
    try:
        old = tree(project / "site")
        config = project / "config.yaml"
        config.write_text(config.read_text() + "\noutput_dir: public\n")
        kept.build([config])
        kept.prepare()
        assert tree(project / "public") == clean_build(project, project.parent / "clean")
        assert tree(project / "site") == old
        assert (project / ".site.spare").is_dir()  # the folder made ready for `site` put back
        kept.build(make_edit(project, "title"))
        assert tree(project / "public") == clean_build(project, project.parent / "clean-2")
    finally:
        kept.close()
    assert not [path for path in project.iterdir() if path.name.startswith((".site.build-", ".public.build-"))]


def test_an_editors_swap_file_builds_nothing(project):
    kept = kept_build(project)
    try:
        before = {path: path.stat().st_ino for path in (project / "site").rglob("*")}
        swap = project / "content" / "events" / f".{first_event(project).name}.swp"
        swap.write_bytes(b"\0 not yaml")
        assert kept.build([swap]) is None
        assert {path: path.stat().st_ino for path in (project / "site").rglob("*")} == before
    finally:
        kept.close()


def test_a_failed_build_leaves_the_site_and_is_reported_until_fixed(project):
    kept = kept_build(project)
    try:
        before = tree(project / "site")
        quoted, quote = quoted_event(project)
        text = quoted.read_text()
        quoted.write_text(text.replace(quote, "Words no article holds", 1))
        with pytest.raises(ContentError, match="quote not found in article"):
            kept.build([quoted])
        assert tree(project / "site") == before
        # An edit elsewhere does not hide the problem (the failed build's reading is not taken as checked).
        other = first_event(project) if first_event(project) != quoted else sorted(quoted.parent.glob("*.yaml"))[-1]
        other.write_text(other.read_text().replace("title: ", "title: Meanwhile ", 1))
        with pytest.raises(ContentError, match="quote not found in article"):
            kept.build([other])
        quoted.write_text("title: [unclosed\n")
        with pytest.raises(ContentError) as error:
            kept.build([quoted])
        assert re.search(rf"{re.escape(quoted.name)}:\d+:\d+: ", str(error.value))
        assert tree(project / "site") == before
        quoted.write_text(text)
        assert kept.build([quoted]) is not None
        assert tree(project / "site") == clean_build(project, project.parent / "clean")
    finally:
        kept.close()


def test_the_staging_folder_made_ready_survives_another_build_beside_it(project):
    kept = kept_build(project)
    try:
        staged = [path for path in project.iterdir() if path.name.startswith(".site.build-")]
        assert len(staged) == 1
        build(load_config(project))  # another terminal's build: its clean-up leaves the locked folder alone
        assert staged[0].is_dir()
        path = make_edit(project, "title")
        kept.build(path)
        assert tree(project / "site") == clean_build(project, project.parent / "clean")
    finally:
        kept.close()


def _lines(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line)


def _until(lines: queue.Queue, pattern: str, seen: list[str]) -> str:
    while True:
        line = lines.get(timeout=60)
        seen.append(line)
        if re.search(pattern, line):
            return line


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["INT", "TERM"])
def test_build_watch_rebuilds_on_every_save_until_stopped(project, stop):
    # The output inside content/: its own writes must start no build.
    config = project / "config.yaml"
    config.write_text(config.read_text() + "\noutput_dir: content/site\n")
    # As from a terminal: a test run started in the background of a non-interactive shell ignores SIGINT, and a
    # child inherits that (Python then installs no Ctrl+C handler), so the INT case would wait for ever.
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--watch", "-C", str(project)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    site = project / "content" / "site"
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, lines), daemon=True).start()
    seen: list[str] = []
    try:
        _until(lines, r"^watching .*content", seen)
        _until(lines, r"^built \d+ events?", seen)
        path = first_event(project)
        text = path.read_text()
        path.write_text(text.replace("title: ", "title: Watched ", 1))
        _until(lines, r"^built \d+ events?.*\(\d+ pages rendered", seen)
        assert b"Watched " in (site / "events" / path.stem / "index.html").read_bytes()
        path.write_text("title: [unclosed\n")
        _until(lines, r"^build failed; the site was left as it was", seen)
        problem = _until(lines, r":\d+:\d+: ", seen)
        assert path.name in problem
        _until(lines, r"fix the problems and save", seen)
        path.write_text(text)
        _until(lines, r"^built \d+ events?", seen)
        assert b"Watched " not in (site / "events" / path.stem / "index.html").read_bytes()
        time.sleep(1.0)
        while not lines.empty():
            seen.append(lines.get())
        assert sum(line.startswith("built ") for line in seen) == 3, "".join(seen)  # none of its own making
        process.send_signal(stop)
        assert process.wait(timeout=60) == 0, "".join(seen)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    while not lines.empty():
        seen.append(lines.get())
    assert "Traceback" not in "".join(seen)
    assert tree(site) == clean_build(project, project.parent / "clean")
    siblings = {path.name for path in site.parent.iterdir()}
    assert ".site.spare" in siblings and not [name for name in siblings if name.startswith(".site.build-")]
    assert os.path.isdir(project / ".timeline-cache")


@pytest.mark.parametrize("waiting", [False, True], ids=["idle", "build-waiting"])
def test_between_builds_listing_pages_fill_the_memo_until_a_build_waits(tmp_path, monkeypatch, waiting):
    # Big enough for the first build to render in worker processes, so this process's memo starts empty.
    from generator import parallel, render
    from test_incremental_build import corpus

    project = corpus.generate(1000, tmp_path / "big").root
    kept = KeptBuild(lambda: load_config(project), jobs=2)  # workers even beside another test's server thread
    try:
        kept.build()
        kept.prepare(lambda: waiting)
        rendered_anew = []
        memoized = render._MemoMacro.__call__

        def counting(self, *args, **kwargs):
            if self.macro.name == "event_item" and render._memo_key(args) not in self.results:
                rendered_anew.append(getattr(args[0], "id", None))
            return memoized(self, *args, **kwargs)

        monkeypatch.setattr(render._MemoMacro, "__call__", counting)
        # The edit's pages rendered here, where the misses are counted (with no mirrored spare, which a process
        # with other threads does not make, every page would be planned again, in workers).
        monkeypatch.setattr(parallel, "job_count", lambda items, jobs: 1)
        [edited] = make_edit(project, "title")
        kept.build([edited])
        edited_id = next(e.id for e in kept._last[1].timeline.events if e.title.startswith("Edited "))
        others = set(rendered_anew) - {edited_id}  # list items of events that did not change
        assert (not others) == (not waiting), sorted(others)[:5]
    finally:
        kept.close()


@pytest.mark.parametrize("save_between_builds", [True, False])
def test_the_cache_is_saved_between_builds_or_when_closed(project, save_between_builds):
    cache_files = project / ".timeline-cache"
    kept = KeptBuild(lambda: load_config(project), save_between_builds=save_between_builds)
    try:
        kept.build()
        kept.prepare()
        assert (cache_files / "build.pickle").exists() == save_between_builds
    finally:
        kept.close()
    assert (cache_files / "build.pickle").exists()
