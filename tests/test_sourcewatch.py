"""SourceWatch: the files changed since the last look, from inotify or, without it, a stat of every file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import copy_project
from generator import sourcewatch
from generator.config import load_config
from generator.sourcewatch import SourceWatch


@pytest.fixture(params=["inotify", "stat"])
def watched(request, tmp_path, monkeypatch):
    """A copy of the bundled project and a SourceWatch on it, either way."""
    if request.param == "stat":
        monkeypatch.setattr(sourcewatch, "_inotify", lambda: None)
    project = copy_project(tmp_path)
    watch = SourceWatch(load_config(project))
    assert (watch._inotify is not None) == (request.param == "inotify")
    yield project, watch
    watch.close()


def events(project: Path) -> list[Path]:
    return sorted((project / "content" / "events").glob("*.yaml"))


def test_nothing_changed_is_an_empty_list(watched):
    _, watch = watched
    assert watch.changes() == []


def test_edits_new_and_deleted_files_are_named(watched):
    project, watch = watched
    edited, deleted = events(project)[:2]
    edited.write_text(edited.read_text() + "\n")
    deleted.unlink()
    added = project / "content" / "events" / "2031-01-01-new.yaml"
    added.write_text("date: 2031-01-01\ntitle: New\n")
    template = project / "templates" / "base.html"
    template.write_text(template.read_text() + "\n")
    (project / "config.yaml").write_text((project / "config.yaml").read_text() + "\n")
    assert set(watch.changes()) == {edited.resolve(), deleted.resolve(), added.resolve(), template.resolve(),
                                    (project / "config.yaml").resolve()}
    assert watch.changes() == []  # each change reported once


def test_a_save_by_rename_names_the_file(watched):
    project, watch = watched
    edited = events(project)[0]
    temporary = edited.with_name(".save.tmp")
    temporary.write_text(edited.read_text().replace("title: ", "title: Saved ", 1))
    os.replace(temporary, edited)
    assert edited.resolve() in watch.changes()


def test_the_builds_own_output_and_other_project_files_are_not_changes(watched):
    project, watch = watched
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("built")
    (project / ".site.spare").mkdir()
    (project / ".timeline-cache").mkdir()
    (project / ".timeline-cache" / "build.pickle").write_bytes(b"x")
    (project / "notes.txt").write_text("an editor's notes")
    assert watch.changes() == []


def test_a_new_folder_means_anything_may_have_changed_and_is_watched_from_then_on(watched):
    project, watch = watched
    folder = project / "templates" / "partials"
    folder.mkdir()
    (folder / "a.html").write_text("a")
    first = watch.changes()
    assert first == ([(folder / "a.html").resolve()] if watch._inotify is None else None)
    (folder / "a.html").write_text("b")
    assert watch.changes() == [(folder / "a.html").resolve()]
