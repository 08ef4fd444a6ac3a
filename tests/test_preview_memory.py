"""The preview's memory: an edit re-reads only what changed, and the site it serves equals a fresh render."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_project
from generator.build import render_site
from generator.config import load_config
from generator.content.load import load_content
from generator.errors import ContentError
from generator.preview import SiteMemory
from generator.timeline import organize, with_replaced_events
from test_incremental_build import corpus


@pytest.fixture()
def project(tmp_path) -> Path:
    """The bundled project plus 60 generated events that quote stored articles."""
    (tmp_path / "project").mkdir()
    root = copy_project(tmp_path / "project")
    generated = corpus.generate(60, tmp_path / "generated")
    for folder in ("events", "articles"):
        for path in (generated.root / "content" / folder).iterdir():
            shutil.copy(path, root / "content" / folder / path.name)
    return root


def quoting_event(project: Path) -> Path:
    """An event file that quotes a stored article, so its edits reach a source page too."""
    return next(p for p in sorted((project / "content" / "events").glob("*.yaml")) if "article:" in p.read_text())


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def served(memory: SiteMemory, project: Path, changed: list[Path] | None):
    files = memory.site(load_config(project), include_drafts=True, changed=changed)
    return files, dict(files)


def test_first_site_is_a_full_render(project):
    files, data = served(SiteMemory(), project, None)
    assert files.reread is None
    assert data == render_site(load_config(project), include_drafts=True)


@pytest.mark.parametrize("old, new", [("title: ", "title: Previewed "), ("summary: ", "summary: Edited. ")])
def test_an_edit_that_moves_no_event_rereads_one_file_and_matches_a_fresh_render(project, old, new):
    memory = SiteMemory()
    served(memory, project, None)
    before = memory.rendered
    path = quoting_event(project)
    edit(path, old, new)
    files, data = served(memory, project, [path])
    assert files.reread == (path.stem,)
    assert data == render_site(load_config(project), include_drafts=True)
    rendered = memory.rendered - before
    assert 0 < rendered < len([p for p in data if p.endswith(".html")]) / 4


def test_pages_render_only_when_asked_for(project):
    memory = SiteMemory()
    files = memory.site(load_config(project), include_drafts=True)
    assert memory.rendered == 0 and "index.html" in files and "events.json" in files
    page = files["events/2016-russian-interference-effort/index.html"]
    assert b"Russian agents launch" in page and memory.rendered == 1


@pytest.mark.parametrize("change", ["tags", "date", "new file", "deleted file", "article", "template"])
def test_an_edit_that_moves_things_loads_everything_again(project, change):
    memory = SiteMemory()
    served(memory, project, None)
    event = quoting_event(project)
    if change == "tags":
        edit(event, "tags: [", "tags: [previewed, ")
        changed = [event]
    elif change == "date":
        event.write_text(re.sub(r"(?m)^date: .*$", "date: 1901-01-01", event.read_text(), count=1))
        changed = [event]
    elif change == "new file":
        changed = [project / "content" / "events" / "2021-previewed.yaml"]
        changed[0].write_text("date: 2021\ntitle: Previewed\n")
    elif change == "deleted file":
        event.unlink()
        changed = [event]
    elif change == "article":
        article = sorted((project / "content" / "articles").glob("*.md"))[0]
        edit(article, "title: ", "title: Previewed ")
        changed = [article]
    else:
        template = project / "templates" / "base.html"
        edit(template, "Skip to content", "Skip to the content")
        changed = [template]
    files, data = served(memory, project, changed)
    assert files.reread is None
    assert data == render_site(load_config(project), include_drafts=True)


def test_a_broken_edit_raises_and_the_fix_is_loaded_in_full(project):
    memory = SiteMemory()
    served(memory, project, None)
    event = quoting_event(project)
    text = event.read_text()
    edit(event, "title: ", "title: [unclosed ")
    with pytest.raises(ContentError):
        served(memory, project, [event])
    event.write_text(text.replace("title: ", "title: Fixed ", 1))
    files, data = served(memory, project, [event])
    assert files.reread is None
    assert data == render_site(load_config(project), include_drafts=True)


def test_replacing_events_equals_organizing_again(project):
    config = load_config(project)
    before = load_content(config, include_drafts=True)
    timeline = organize(before, config.related_size)
    paths = sorted((project / "content" / "events").glob("*.yaml"))[::7]
    for path in paths:
        edit(path, "title: ", "title: Renamed ")
    after = load_content(config, include_drafts=True)
    replacements = {e.id: e for e in after.events if e.title.startswith("Renamed ")}
    assert len(replacements) == len(paths)
    assert with_replaced_events(timeline, replacements) == organize(after, config.related_size)


def test_a_template_mistake_surfaces_when_the_page_is_asked_for(project):
    memory = SiteMemory()
    served(memory, project, None)
    base = project / "templates" / "base.html"
    edit(base, "{{ site.title }}</a>", "{{ no_such_name }}</a>")
    files = memory.site(load_config(project), include_drafts=True, changed=[base])
    with pytest.raises(ContentError) as raised:
        files["index.html"]
    assert "templates/base.html:" in str(raised.value.problems[0])
    assert "'no_such_name' is undefined" in str(raised.value.problems[0])


def test_an_editors_swap_file_changes_nothing(project):
    memory = SiteMemory()
    files, _ = served(memory, project, None)
    swap = project / "content" / "events" / ".2016-russian-interference-effort.yaml.swp"
    swap.write_bytes(b"\0vim swap")
    backup = project / "content" / "events" / "2016-russian-interference-effort.yaml~"
    backup.write_text("title: [broken")
    assert memory.site(load_config(project), include_drafts=True, changed=[swap, backup]) is files
    event = quoting_event(project)
    edit(event, "title: ", "title: Previewed ")
    files, data = served(memory, project, [swap, event])
    assert files.reread == (event.stem,)
    assert data == render_site(load_config(project), include_drafts=True)


def test_the_first_load_takes_files_unchanged_since_the_last_build_from_its_cache(project, monkeypatch):
    from generator.build import build
    from generator.content import load as content_load

    build(load_config(project))
    edited = quoting_event(project)
    edit(edited, "title: ", "title: Changed since the build ")
    parsed = []
    read = content_load.read_event_file
    monkeypatch.setattr(content_load, "read_event_file", lambda path, shown: parsed.append(shown) or read(path, shown))
    files, data = served(SiteMemory(), project, None)
    assert [Path(shown).name for shown in parsed] == [edited.name]
    assert data == render_site(load_config(project), include_drafts=True)
