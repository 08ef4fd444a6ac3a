"""Incremental builds: the same bytes as a clean build, unchanged files untouched, caches that expire."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from generator import parallel
from generator.build import build, check_site
from generator.cache import BuildCache, shard_of
from generator.cachedload import load_cached, site_shape
from generator.content import load as content_load
from generator.content.load import read_event_file
from generator.config import load_config
from generator.errors import ContentError
from generator.timeline import organize

_spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
corpus = sys.modules.setdefault("bench_corpus", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(corpus)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def digest(folder: Path) -> dict[str, str]:
    return {path: hashlib.sha256(data).hexdigest() for path, data in tree(folder).items()}


@pytest.fixture()
def project(tmp_path) -> Path:
    """The bundled project plus 120 generated events (with articles and quotes), templates copied in."""
    (tmp_path / "project").mkdir()
    root = copy_project(tmp_path / "project")
    generated = corpus.generate(120, tmp_path / "generated")
    for folder in ("events", "articles"):
        for path in (generated.root / "content" / folder).iterdir():
            shutil.copy(path, root / "content" / folder / path.name)
    return root


def clean_build(project: Path, output: Path) -> dict[str, bytes]:
    build(load_config(project), output=output, use_cache=False)
    return tree(output)


def incremental(project: Path):
    return build(load_config(project))


def first_event(project: Path) -> Path:
    return sorted((project / "content" / "events").glob("*.yaml"))[0]


def test_no_change_rewrites_nothing(project):
    first = incremental(project)
    assert first.rendered == first.pages
    site = project / "site"
    inodes = {path: path.stat().st_ino for path in site.rglob("*") if path.is_file()}
    assert {site / "index.html", site / "events.json", site / "search.json", site / "feed.xml"} <= inodes.keys()
    again = incremental(project)
    assert again.rendered == 0
    # The same files, linked into the new site: pages not rendered again, data files made, found equal, and
    # replaced by the live file.
    assert {path: path.stat().st_ino for path in site.rglob("*") if path.is_file()} == inodes
    assert tree(project / "site") == clean_build(project, project.parent / "clean")


def quoted_event(project: Path) -> tuple[Path, str]:
    """The first event file quoting an article with a quote of several words, and that quote."""
    for path in sorted((project / "content" / "events").glob("*.yaml")):
        found = re.search(r'    quote: "(.* .*)"', path.read_text())
        if found:
            return path, found[1]
    raise AssertionError("no event quotes an article")


def quoted_article(project: Path) -> str:
    """The id of an article that an event's source names without a title of its own (so it shows the article's)."""
    for path in sorted((project / "content" / "events").glob("*.yaml")):
        found = re.search(r"(?m)^  - article: (\S+)\n(?!    title:)", path.read_text())
        if found:
            return found[1]
    raise AssertionError("no source takes its title from an article")


def make_edit(project: Path, edit: str) -> list[Path]:
    """One kind of edit to the project's files; the files it changed."""
    events = project / "content" / "events"
    path = first_event(project)
    text = path.read_text()
    if edit == "title":
        path.write_text(text.replace("title: ", "title: Edited ", 1))
    elif edit == "summary":
        path.write_text(text.replace("summary: |\n", "summary: |\n  A new *first* line.\n", 1))
    elif edit == "date":
        path.write_text(text.replace("date: ", "date: 2031-01-02\nold_date: ", 1).replace("\nold_date: ", "\n#", 1))
    elif edit == "tags":
        path.write_text(text.replace("tags: [", "tags: [brand-new-tag, ", 1))
    elif edit == "actors":
        path.write_text(text.replace("date: ", "actors: [A Brand-New Actor]\ndate: ", 1)
                        if "actors:" not in text else text.replace("actors: [", "actors: [A Brand-New Actor, ", 1))
    elif edit == "quote":  # the quote cut short: still in its article, but another span to highlight
        path, quote = quoted_event(project)
        path.write_text(path.read_text().replace(quote, quote.rsplit(" ", 1)[0], 1))
    elif edit == "rename":  # the same event in a file of another name, so with another id
        path.write_text(re.sub(r"(?m)^id: .*\n", "", text))
        path = path.rename(events / f"renamed-{path.name}")
    elif edit == "add":
        path = events / "2030-05-05-added.yaml"
        path.write_text("date: 2030-05-05\ntitle: Added later\ntags: [later]\n")
    elif edit == "delete":
        path.unlink()
    elif edit == "article":
        path = sorted((project / "content" / "articles").glob("article-*.md"))[0]
        path.write_text(path.read_text() + "\nOne more closing paragraph.\n")
    elif edit == "article-title":  # a title the sources quoting the article show as theirs
        path = project / "content" / "articles" / f"{quoted_article(project)}.md"
        path.write_text(re.sub(r"(?m)^title: .*$", "title: A Retitled Article", path.read_text(), count=1))
    elif edit == "draft":
        path.write_text(text + "status: draft\n")
    elif edit == "template":
        path = project / "templates" / "base.html"
        path.write_text(path.read_text().replace("</body>", "<!-- edited --></body>", 1))
    elif edit == "config":
        path = project / "config.yaml"
        path.write_text(re.sub(r"(?m)^title: .*$", "title: A Renamed Timeline", path.read_text(), count=1))
    else:
        raise ValueError(edit)
    return [path]


@pytest.mark.parametrize("edit", ["title", "summary", "date", "tags", "actors", "quote", "add", "delete", "rename",
                                  "article", "article-title", "article-gone", "draft"])
def test_incremental_output_is_byte_identical_to_a_clean_build(project, edit):
    incremental(project)
    if edit == "article-gone":  # an article no event quotes
        article = project / "content" / "articles" / "unquoted-article.md"
        article.write_text("---\ntitle: Nobody quotes this\nurl: https://example.org/unquoted\n---\nSome text.\n")
        incremental(project)
        article.unlink()
    else:
        make_edit(project, edit)
    result = incremental(project)
    assert 0 < result.rendered < result.pages
    assert tree(project / "site") == clean_build(project, project.parent / "clean")
    # The shape kept for the next build, its digests partly carried over from the last one, is the shape made
    # from scratch.
    config = load_config(project)
    cache = BuildCache.open(project)
    stored = cache.pages[str((project / "site").resolve())][0]
    timeline = organize(load_cached(config, cache, False, 1)[0], config.related_size)
    assert stored == site_shape(timeline, stored.frame, None, [])


def test_template_change_rerenders_every_page(project):
    incremental(project)
    base = project / "templates" / "base.html"
    base.write_text(base.read_text().replace("</body>", "<!-- changed -->\n</body>"))
    result = incremental(project)
    assert result.rendered == result.pages
    assert b"<!-- changed -->" in (project / "site" / "index.html").read_bytes()
    assert tree(project / "site") == clean_build(project, project.parent / "clean")


def test_config_change_rerenders_every_page(project):
    incremental(project)
    config = project / "config.yaml"
    config.write_text(config.read_text().replace("title: ", "title: Renamed ", 1))
    result = incremental(project)
    assert result.rendered == result.pages
    assert tree(project / "site") == clean_build(project, project.parent / "clean")


def test_an_edited_output_file_is_rewritten(project):
    incremental(project)
    page = project / "site" / "tags" / "index.html"
    page.write_bytes(b"vandalised")
    incremental(project)
    assert tree(project / "site") == clean_build(project, project.parent / "clean")


def test_damaged_cache_is_only_a_slower_build(project):
    incremental(project)
    for path in (project / ".timeline-cache").glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    result = incremental(project)
    assert result.rendered == result.pages
    assert tree(project / "site") == clean_build(project, project.parent / "clean")


def test_a_damaged_shard_costs_only_its_files(project):
    incremental(project)
    shards = sorted((project / ".timeline-cache").glob("parsed-*.pickle"))
    assert len(shards) > 1
    shards[0].write_bytes(b"\x80\x05not a pickle")
    cache = BuildCache.open(project)
    assert 0 < len(cache.parsed) < len(list(project.glob("content/*/*")))
    first_event(project).write_text(first_event(project).read_text().replace("title: ", "title: Shard ", 1))
    incremental(project)
    assert tree(project / "site") == clean_build(project, project.parent / "clean")
    assert len(BuildCache.open(project).parsed) == len(list(project.glob("content/*/*")))


def test_a_save_rewrites_only_the_shards_that_changed_and_forgets_deleted_files(project):
    incremental(project)
    folder = project / ".timeline-cache"
    def inodes():
        return {path.name: path.stat().st_ino for path in folder.glob("parsed-*.pickle")}
    before = inodes()
    edited, deleted = sorted((project / "content" / "events").glob("*.yaml"))[1:3]
    edited.write_text(edited.read_text().replace("title: ", "title: Edited ", 1))
    incremental(project)
    after = inodes()
    assert len([name for name in before if before[name] != after[name]]) == 1  # the edited file's shard
    deleted.unlink()
    incremental(project)
    keys = BuildCache.open(project).parsed.keys()
    assert not [key for key in keys if deleted.name in key]
    assert [key for key in keys if edited.name in key]
    assert tree(project / "site") == clean_build(project, project.parent / "clean")


def _pickles_in(path: Path) -> int:
    import pickle

    count = 0
    with open(path, "rb") as file:
        while file.peek(1):
            pickle.load(file)
            count += 1
    return count


def test_a_load_in_workers_writes_the_cache_from_their_chunks(project, monkeypatch):
    from generator import cache as cache_module

    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_JOB", 1)
    folder = project / ".timeline-cache"
    build(load_config(project), jobs=1)
    one = BuildCache.open(project).parsed
    shutil.rmtree(folder)
    whole = []
    write = cache_module._write_shard_aside
    monkeypatch.setattr(cache_module, "_write_shard_aside", lambda path, *rest: whole.append(path) or write(path, *rest))
    build(load_config(project), jobs=2)
    assert whole == []  # every shard's file as the workers pickled its entries
    assert max(_pickles_in(path) for path in folder.glob("parsed-*.pickle")) > 2  # a header and chunks of parts
    assert BuildCache.open(project).parsed == one  # what one process would have kept
    log = project.parent / "parsed.log"  # appended to by whichever process parses a file

    def read_noted(path, shown):
        with open(log, "a") as noted:
            noted.write(f"{path}\n")
        return read_event_file(path, shown)

    def parsed() -> list[str]:
        noted = log.read_text().split() if log.exists() else []
        log.unlink(missing_ok=True)
        return noted

    monkeypatch.setattr(content_load, "read_event_file", read_noted)
    assert build(load_config(project), jobs=2).rendered == 0 and parsed() == []
    # Half the events edited: parsed in workers, beside the others taken from the cache, so each shard is written
    # whole (and the cache still holds every file as it now is).
    for path in sorted((project / "content" / "events").glob("*.yaml"))[::2]:
        path.write_text(path.read_text().replace("title: ", "title: Edited ", 1))
    build(load_config(project), jobs=2)
    assert whole and len(parsed()) > 50
    build(load_config(project), jobs=2)
    assert parsed() == []
    assert tree(project / "site") == clean_build(project, project.parent / "clean")


def test_a_shard_cut_short_in_a_chunk_is_damaged_whole(project, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_JOB", 1)
    build(load_config(project), jobs=2)
    everything = BuildCache.open(project).parsed
    shard = max((project / ".timeline-cache").glob("parsed-*.pickle"), key=_pickles_in)
    in_shard = {key for key in everything if shard_of(key) == int(shard.stem.split("-")[1])}
    shard.write_bytes(shard.read_bytes()[:-20])
    assert BuildCache.open(project).parsed.keys() == everything.keys() - in_shard


def test_a_load_in_workers_that_fails_leaves_nothing_aside(project, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_JOB", 1)
    first_event(project).write_text("title: [unclosed\n")
    with pytest.raises(ContentError):
        build(load_config(project), jobs=2)
    assert not list((project / ".timeline-cache").glob(".*"))


def test_one_or_two_processes_give_the_same_bytes(project, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_JOB", 1)
    one, two = project.parent / "one", project.parent / "two"
    build(load_config(project), output=one, jobs=1, use_cache=False)
    build(load_config(project), output=two, jobs=2, use_cache=False)
    assert tree(one) == tree(two)


def test_killed_incremental_build_leaves_the_previous_site(project):
    command = [sys.executable, "-m", "generator", "build", "-C", str(project)]
    assert subprocess.run(command, cwd=ROOT, capture_output=True).returncode == 0
    site = project / "site"
    before = digest(site)
    path = first_event(project)
    for round, delay in enumerate((0.05, 0.15, 0.3, 0.45, 0.6, 0.8, 1.0, 1.3)):
        path.write_text(path.read_text().replace("title: ", f"title: Round {round} ", 1))
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = digest(site)
        # The previous site, or (if the build had finished) the complete new one: never a mix.
        assert now == before or now == digest_of_clean(project), delay
        before = now
    assert subprocess.run(command, cwd=ROOT, capture_output=True).returncode == 0
    assert tree(site) == clean_build(project, project.parent / "clean")
    assert not list(project.glob(".site.build-*"))


def digest_of_clean(project: Path) -> dict[str, str]:
    output = project.parent / "clean-now"
    shutil.rmtree(output, ignore_errors=True)
    clean_build(project, output)
    return digest(output)


def test_build_cache_lives_beside_config(project):
    incremental(project)
    names = sorted(os.listdir(project / ".timeline-cache"))
    assert names[0] == "build.pickle" and names[-1] == "templates"
    assert names[1:-1] and all(re.fullmatch(r"parsed-\d\d\.pickle", name) for name in names[1:-1])


@pytest.mark.parametrize("budget", [500, 40])  # the timeline page showing every event, or only recent ones
def test_pages_showing_an_event_cover_every_page_its_edit_changes(project, monkeypatch, budget):
    import dataclasses
    import random

    from generator.sitefiles import context_digest, inputs_digest
    from generator.cache import Fingerprints
    from generator.content.load import Content, load_content
    from generator.pages import html
    from generator.pages.html import SitePlanner
    from generator.render import static_assets
    from generator.timeline import organize

    monkeypatch.setattr(html, "INDEX_EVENT_BUDGET", budget)
    config = load_config(project)
    content = load_content(config)
    context = context_digest(Fingerprints(), config, static_assets(config))

    def digests(events) -> dict[str, bytes]:
        planner = SitePlanner(organize(Content(events, content.articles), config.related_size), config)
        fingerprints = Fingerprints()
        return {path: inputs_digest(fingerprints, context, planner.plan(path)) for path in planner.paths()}, planner

    before, planner = digests(content.events)
    rng = random.Random(budget)
    for index in [0, len(content.events) - 1, *rng.sample(range(len(content.events)), 10)]:
        event = content.events[index]
        edited = dataclasses.replace(event, title=event.title + " (edited)", summary_markdown="A *new* summary.")
        assert edited.placement() == event.placement()
        after, _ = digests(content.events[:index] + (edited,) + content.events[index + 1:])
        changed = {path for path in before if after[path] != before[path]}
        assert f"events/{event.id}/index.html" in changed
        assert changed <= planner.pages_showing({event.id}), event.id


def test_an_edit_that_moves_nothing_plans_only_the_pages_showing_the_event(project, monkeypatch):
    from generator.pages.html import SitePlanner

    incremental(project)
    planned = []
    plan = SitePlanner.plan
    monkeypatch.setattr(SitePlanner, "plan", lambda self, path: planned.append(path) or plan(self, path))
    path = first_event(project)
    path.write_text(path.read_text())  # touched, the same text: nothing to plan
    assert build(load_config(project), jobs=1).rendered == 0 and not planned
    path.write_text(path.read_text().replace("title: ", "title: Edited ", 1))
    result = build(load_config(project), jobs=1)
    assert 0 < result.rendered <= len(planned) < result.pages / 4
    assert f"events/{path.stem}/index.html" in planned
    assert tree(project / "site") == clean_build(project, project.parent / "clean")


def test_an_edit_that_moves_nothing_leaves_the_files_made_from_the_frame_alone(project, monkeypatch):
    from generator.write import Staging

    incremental(project)
    incremental(project)  # a spare to start from
    written = []
    write = Staging.write
    monkeypatch.setattr(Staging, "write", lambda self, path, data: written.append(path) or write(self, path, data))
    path = first_event(project)
    path.write_text(path.read_text().replace("title: ", "title: Edited ", 1))
    build(load_config(project), jobs=1)
    assert "events.json" in written and f"events/{path.stem}/index.html" in written
    assert not [p for p in written if p in ("sitemap.xml", "robots.txt", ".nojekyll") or p.startswith("static/")]
    assert tree(project / "site") == clean_build(project, project.parent / "clean")
    # An added event changes the pages, so the sitemap.
    written.clear()
    (project / "content" / "events" / "2030-05-05-added.yaml").write_text("date: 2030-05-05\ntitle: Added\n")
    build(load_config(project), jobs=1)
    assert "sitemap.xml" in written
    assert tree(project / "site") == clean_build(project, project.parent / "clean")


def test_successive_builds_from_the_spare_tree_match_clean_builds(project):
    site, spare = project / "site", project / ".site.spare"
    incremental(project)
    incremental(project)
    assert spare.is_dir()  # the site swapped out, kept for the next build to start from
    events = project / "content" / "events"
    path = first_event(project)
    index = site / "index.html"
    edits = [
        lambda: path.write_text(path.read_text().replace("title: ", "title: Edited ", 1)),
        lambda: (site / "stray.html").write_text("not ours") or (site / "stray" / "x").mkdir(parents=True),
        lambda: path.write_text(path.read_text().replace("tags: [", "tags: [brand-new-tag, ", 1)),
        lambda: index.write_bytes(b"vandalised"),
        lambda: (events / "2030-05-05-added.yaml").write_text("date: 2030-05-05\ntitle: Added\ntags: [later]\n"),
        lambda: path.unlink(),
        lambda: (spare / "events" / "junk.html").write_text("left in the spare"),
        # A file in the spare where the new site needs a folder, and a folder where it needs a file.
        lambda: ((spare / "events" / "2031-01-01-folder").write_text("a file"),
                 (events / "2031-01-01-folder.yaml").write_text("date: 2031-01-01\ntitle: Folder\n")),
        lambda: (spare / "feed.xml").unlink() or (spare / "feed.xml" / "inside").mkdir(parents=True),
        lambda: None,
    ]
    for number, edit in enumerate(edits):
        edit()
        kept = {p: p.stat().st_ino for p in spare.rglob("*") if p.is_file()}
        incremental(project)
        assert tree(site) == clean_build(project, project.parent / "clean"), number
        # The spare's files that were the new site's already are still the same files (linked, not copied).
        reused = {p.stat().st_ino for p in site.rglob("*") if p.is_file()} & set(kept.values())
        assert len(reused) > len(kept) / 2, number


def test_a_build_runs_without_the_cyclic_collector_and_restores_it(project, monkeypatch):
    import gc
    from generator import cachedload
    seen = []
    real_organize = cachedload.organize
    monkeypatch.setattr(cachedload, "organize", lambda *args: seen.append(gc.isenabled()) or real_organize(*args))
    assert gc.isenabled()
    incremental(project)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        incremental(project)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_check_that_parses_in_workers_writes_nothing_into_the_cache(project, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_JOB", 1)
    check_site(load_config(project), 2)
    assert not list((project / ".timeline-cache").glob("*parsed*"))


@pytest.mark.parametrize("jobs", [1, 2])
def test_check_renders_every_page_whose_inputs_changed_since_the_last_build(project, monkeypatch, jobs):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_JOB", 1)
    # A template that fails only for some events: a check that skipped their pages would pass.
    template = project / "templates" / "event.html"
    template.write_text(template.read_text().replace(
        '<h1 id="event-title">{{ event.title }}</h1>',
        '<h1 id="event-title">{{ event.title }}{% if "Boom" in event.title %}{{ no_such_name }}{% endif %}</h1>'))
    incremental(project)
    folder = project / ".timeline-cache"
    stored = {path.name: path.stat().st_mtime_ns for path in folder.glob("*.pickle")}
    assert check_site(load_config(project), jobs) == incremental(project).pages
    path = first_event(project)
    path.write_text(path.read_text().replace("title: ", "title: Boom ", 1))
    with pytest.raises(ContentError) as error:
        check_site(load_config(project), jobs)
    assert "'no_such_name' is undefined (while rendering events/" in str(error.value)
    # Drafts are checked too, though a build leaves them out.
    path.write_text(path.read_text().replace("title: Boom ", "title: ", 1))
    (project / "content" / "events" / "2030-01-01-boom.yaml").write_text(
        "date: 2030-01-01\ntitle: Boom draft\nstatus: draft\n")
    incremental(project)
    with pytest.raises(ContentError):
        check_site(load_config(project), jobs)
    assert {path.name: path.stat().st_mtime_ns for path in folder.glob("*.pickle")} != stored  # builds save it
    stored = {path.name: path.stat().st_mtime_ns for path in folder.glob("*.pickle")}
    with pytest.raises(ContentError):
        check_site(load_config(project), jobs)
    assert {path.name: path.stat().st_mtime_ns for path in folder.glob("*.pickle")} == stored  # a check does not


@pytest.mark.parametrize("edit, message", [
    ("quote", "sources[0].quote: quote not found in article"),
    ("article", "sources[0].article: no article `no-such-article`"),
    ("actor", "would share the URL /actors/"),
    ("article-text", "sources[0].quote: quote not found in article"),
])
def test_an_edit_after_a_build_gets_the_cross_file_checks(project, edit, message):
    # The checks across files are skipped only when nothing they look at changed since the last build.
    incremental(project)
    events = project / "content" / "events"
    quoted, quote = quoted_event(project)
    text = quoted.read_text()
    article = re.search(r"  - article: (\S+)", text).group(1)
    if edit == "quote":
        quoted.write_text(text.replace(quote, "Words no article holds", 1))
    elif edit == "article":
        quoted.write_text(text.replace(f"article: {article}", "article: no-such-article", 1))
    elif edit == "actor":  # another spelling of an actor some other event names
        named = next(e for e in sorted(events.glob("*.yaml")) if e != quoted and "actors: [" in e.read_text())
        actor = re.search(r"actors: \[([^,\]]+)", named.read_text()).group(1)
        quoted.write_text(re.sub(r"(?m)^actors: .*$", "", text) + f"actors: [{actor.upper()}]\n")
    elif edit == "article-text":
        path = project / "content" / "articles" / f"{article}.md"
        path.write_text(path.read_text().replace(quote.split()[0], "Changed", 1))
    with pytest.raises(ContentError) as error:
        incremental(project)
    assert message in str(error.value)


def test_a_title_edit_skips_the_cross_file_checks(project, monkeypatch):
    from generator.content import load

    incremental(project)
    path = first_event(project)
    path.write_text(path.read_text().replace("title: ", "title: Edited ", 1))
    calls = []
    checks = load._cross_checks
    monkeypatch.setattr(load, "_cross_checks", lambda *args: calls.append(1) or checks(*args))
    incremental(project)
    assert calls == []
    (project / "content" / "events" / "2030-05-05-added.yaml").write_text("date: 2030-05-05\ntitle: Added\n")
    incremental(project)
    assert calls == [1]


def test_a_check_after_an_edit_that_moves_nothing_plans_only_the_pages_showing_the_event(project, monkeypatch):
    from generator.pages.html import SitePlanner

    incremental(project)  # without drafts; the check shows them, and there are none: the same site
    planned = []
    plan = SitePlanner.plan
    monkeypatch.setattr(SitePlanner, "plan", lambda self, path: planned.append(path) or plan(self, path))
    path = first_event(project)
    path.write_text(path.read_text().replace("title: ", "title: Edited ", 1))
    pages = check_site(load_config(project), jobs=1)
    assert 0 < len(planned) < pages / 4
    assert f"events/{path.stem}/index.html" in planned
    planned.clear()
    path.write_text(path.read_text().replace("date: ", "date: 2031-01-02\nold_date: ", 1).replace("\nold_date: ", "\n#", 1))
    moved = check_site(load_config(project), jobs=1)
    assert len(planned) == moved > pages  # it moved (into a new year): every page


def test_a_build_from_another_folder_reads_no_file_again_and_names_files_from_there(project, monkeypatch):
    monkeypatch.chdir(project)
    incremental(project)
    elsewhere = project.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    parsed = []
    monkeypatch.setattr(content_load, "read_event_file",
                        lambda path, shown: parsed.append(shown) or read_event_file(path, shown))
    assert build(load_config(project), jobs=1).rendered == 0
    assert parsed == []
    # A problem found in a file read from the cache names it as seen from here.
    quoted, quote = quoted_event(project)
    article = re.search(r"  - article: (\S+)", quoted.read_text()).group(1)
    article_path = project / "content" / "articles" / f"{article}.md"
    article_path.write_text(article_path.read_text().replace(quote.split()[0], "Changed", 1))
    with pytest.raises(ContentError) as error:
        build(load_config(project), jobs=1)
    assert f"{quoted}:" in str(error.value) and "sources[0].quote: quote not found in article" in str(error.value)
    assert parsed == []


def test_a_build_lets_go_of_the_files_it_read_before_it_renders_and_saves_them_once_published(project, monkeypatch):
    from generator import build as build_module

    files = len(list(project.glob("content/*/*")))
    seen = []
    publish = build_module.publish

    def publish_noting_the_cache(staging, config, cache, *rest):
        aside = sorted(path.name for path in (project / ".timeline-cache").glob(".parsed-*"))
        seen.append((len(cache.parsed), len(BuildCache.open(project).parsed), len(aside)))
        return publish(staging, config, cache, *rest)

    monkeypatch.setattr(build_module, "publish", publish_noting_the_cache)
    incremental(project)
    # One file aside for each shard that holds entries (the shards go by a hash of each file's path, so which of the
    # 16 hold any depends on the folder the project sits in).
    shards = len({shard_of(key) for key in BuildCache.open(project).parsed})
    assert shards > 1
    assert seen == [(0, 0, shards)]  # in memory no more, written aside, not in place until the site is
    assert len(BuildCache.open(project).parsed) == files
    assert not list((project / ".timeline-cache").glob(".*"))
    # A build whose rendering fails leaves the cache as it was, so the next one reads the edited file again.
    edited = first_event(project)
    edited.write_text(edited.read_text().replace("title: ", "title: Edited ", 1))
    template = project / "templates" / "event.html"
    good = template.read_text()
    template.write_text(good.replace("{{ event.title }}", "{{ event.title | no_such_filter }}", 1))
    with pytest.raises(ContentError):
        incremental(project)
    assert seen[-1] == (0, files, 1) and not list((project / ".timeline-cache").glob(".*"))
    template.write_text(good)
    parsed = []
    monkeypatch.setattr(content_load, "read_event_file", lambda *args: parsed.append(args[0]) or read_event_file(*args))
    incremental(project)
    assert parsed == [str(edited)]
    assert tree(project / "site") == clean_build(project, project.parent / "clean")
    # What a killed build wrote aside is deleted by the next save.
    (project / ".timeline-cache" / ".parsed-03.pickle.999999999").write_bytes(b"left by a killed build")
    incremental(project)
    assert not list((project / ".timeline-cache").glob(".*"))
