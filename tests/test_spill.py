"""Rendered text kept on disk past a memory budget: the same text back, in this process and in forked workers, and
the same site."""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil

import pytest

from generator import markup, parallel, spill
from generator.build import build, load_site
from generator.cache import BuildCache, Fingerprints
from generator.dates import PartialDate
from generator.markup import render_markdown
from generator.model import Article, Event
from generator.pages.views import event_view
from generator.config import load_config
from generator.render import PageRenderer, _MemoMacro
from generator.sitefiles import site_context
from generator.spill import Spilled, TextSpill
from test_incremental_build import clean_build, project, tree  # noqa: F401  (project: a fixture)


def test_texts_stay_in_memory_until_the_budget_is_spent_then_come_back_from_disk(tmp_path):
    kept = TextSpill(tmp_path, budget=3000, threshold=100)
    first, second, short = "a" * 2000, "é—✓ " * 500, "short"
    assert kept.keep(first) is first
    handle = kept.keep(second)  # past the budget
    assert isinstance(handle, Spilled) and handle.text() == second
    assert kept.keep(short) is short  # short texts always stay
    assert os.listdir(tmp_path) == []  # an unnamed file: nothing left to clean up


def test_a_forked_process_reads_its_parents_texts_and_keeps_its_own(tmp_path):
    kept = TextSpill(tmp_path, budget=0, threshold=1)
    parents = kept.keep("parent " * 200)
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # the child: its own text, then the parent's, through the inherited handle
        try:
            own = kept.keep("child " * 300)
            ok = own.file is not parents.file and own.text() == "child " * 300 and parents.text() == "parent " * 200
            os.write(writer, b"1" if ok else b"0")
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    assert os.read(reader, 1) == b"1"
    # The child's writes did not land in the parent's file.
    assert kept.keep("after " * 100).offset == parents.length and parents.text() == "parent " * 200


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_past_the_budget_makes_the_same_site(project, monkeypatch, jobs):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_JOB", 1)
    expected = clean_build(project, project.parent / "clean")
    read_back = []
    text = Spilled.text
    monkeypatch.setattr(Spilled, "text", lambda self: read_back.append(1) or text(self))
    monkeypatch.setattr(spill, "MEMORY_BUDGET", 0)
    build(load_config(project), output=project.parent / "spilled", jobs=jobs, use_cache=False)
    assert tree(project.parent / "spilled") == expected
    if jobs == 1:  # (workers' reads are not seen here)
        assert read_back


def test_a_renderer_forgets_its_macro_outputs_and_renders_the_same_page_after(project):
    config = load_config(project)
    loaded = load_site(config, BuildCache(config.project_dir, ""), False, project / "site", 1)
    renderer = PageRenderer(config, loaded.assets, site_context(config))
    path = loaded.planner.listing_paths()[0]
    first = renderer.render(loaded.planner.plan(path))
    modules = [module for template in renderer.environment.cache.values()
               if (module := getattr(template, "_module", None)) is not None]
    memos = [value for module in modules for value in vars(module).values() if type(value) is _MemoMacro]
    assert any(memo.results for memo in memos)
    renderer.forget_macro_outputs()
    assert memos and not any(memo.results for memo in memos)
    assert renderer.render(loaded.planner.plan(path)) == first


def test_macros_called_while_a_remembered_output_renders_are_not_remembered(project):
    config = load_config(project)
    loaded = load_site(config, BuildCache(config.project_dir, ""), False, project / "site", 1)
    renderer = PageRenderer(config, loaded.assets, site_context(config))
    listing = renderer.render(loaded.planner.plan(loaded.planner.listing_paths()[0]))
    with_related = next(path for path in loaded.planner.paths() if path.startswith("events/")
                        and "Related events" in renderer.render(loaded.planner.plan(path)).decode())
    memos = {value.macro.name: value for template in renderer.environment.cache.values()
             if (module := getattr(template, "_module", None)) is not None
             for value in vars(module).values() if type(value) is _MemoMacro}
    assert memos["event_item"].results and memos["when"].results  # when(): the related events' dates
    assert not memos["source_notes"].results  # inside every list item, remembered with it
    assert all(len(key) == 2 for key in memos["when"].results)  # no list item's own date line
    assert renderer.environment.memo_depth == 0
    # The same bytes from a renderer that has remembered nothing yet.
    fresh = PageRenderer(config, loaded.assets, site_context(config))
    assert fresh.render(loaded.planner.plan(with_related)) == renderer.render(loaded.planner.plan(with_related))
    assert fresh.render(loaded.planner.plan(loaded.planner.listing_paths()[0])) == listing


def test_a_memoized_macro_remembers_a_bounded_number_of_short_outputs_and_every_long_one(project, monkeypatch):
    from generator import render

    monkeypatch.setattr(render, "SHORT_OUTPUTS_KEPT", 3)
    config = load_config(project)
    loaded = load_site(config, BuildCache(config.project_dir, ""), False, project / "site", 1)
    planner = loaded.planner
    renderer = PageRenderer(config, loaded.assets, site_context(config))
    fresh = PageRenderer(config, loaded.assets, site_context(config))
    event_pages = [path for path in planner.paths() if path.startswith("events/")]
    for path in [*event_pages, *planner.listing_paths()]:  # the same bytes, remembered or not
        assert renderer.render(planner.plan(path)) == fresh.render(planner.plan(path))
    memos = {value.macro.name: value for template in renderer.environment.cache.values()
             if (module := getattr(template, "_module", None)) is not None
             for value in vars(module).values() if type(value) is _MemoMacro}
    assert len(memos["when"].results) == memos["when"].short_outputs == 3  # related events' dates: more than 3
    items = memos["event_item"]  # list items: mostly long, all of those remembered
    assert items.short_outputs <= 3 and len(items.results) - items.short_outputs >= len(loaded.timeline.events) / 2
    renderer.forget_macro_outputs()
    assert memos["when"].short_outputs == 0


def test_the_worker_that_renders_the_listing_pages_then_forgets_their_list_items(project, monkeypatch, tmp_path):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_JOB", 1)
    expected = clean_build(project, project.parent / "clean")  # (120 events: one process)
    calls = tmp_path / "forgotten"
    forget = PageRenderer.forget_macro_outputs

    def recording(self):
        with open(calls, "a") as file:  # a worker's call, seen through the file system
            file.write(f"{os.getpid()}\n")
        forget(self)

    monkeypatch.setattr(PageRenderer, "forget_macro_outputs", recording)
    build(load_config(project), output=project.parent / "parallel", jobs=2, use_cache=False)
    assert tree(project.parent / "parallel") == expected
    callers = calls.read_text().split()
    assert len(callers) == 1 and int(callers[0]) != os.getpid()  # once, in the worker given the listing part


@pytest.mark.parametrize("jobs", [1, 2])
def test_texts_kept_on_disk_past_the_shelf_budget_make_the_same_site_and_cache(project, monkeypatch, jobs):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_JOB", 1)
    expected = clean_build(project, project.parent / "clean")
    monkeypatch.setattr(markup, "_rendered", {})  # nothing rendered yet in this process
    monkeypatch.setattr(spill, "_shelf", TextSpill(budget=0, threshold=1))
    monkeypatch.setattr(spill, "_cached_shelf", TextSpill(budget=0, threshold=1))
    monkeypatch.setattr(spill, "SMALL_BATCH", 0)  # as for a big site's files
    config = load_config(project)
    build(config, output=project.parent / "shelved", jobs=jobs)
    assert tree(project.parent / "shelved") == expected
    # Summaries' HTML and Markdown, and articles, are kept on disk.
    assert markup._rendered and all(type(html) is Spilled for html in markup._rendered.values())
    assert all(type(markdown) is Spilled for markdown in markup._rendered)
    loaded = load_site(config, BuildCache.open(config.project_dir), False, project.parent / "shelved", jobs)
    assert all(type(event.summary_markdown) is Spilled for event in loaded.timeline.events if event.summary)
    assert loaded.timeline.articles and all(type(article.body) is Spilled for article in loaded.timeline.articles)
    # The cache holds the texts themselves, and a build from it, its texts kept on disk again, is the same site.
    stored = [entry[1:] for entry in BuildCache.open(config.project_dir).parsed.values()]
    assert any(html is not None for _, html in stored) and all(
        type(html) is str and type(value.summary_markdown) is str if html is not None else
        type(value) is not Article or type(value.body) is str for value, html in stored)
    # Texts taken from the cache stay in memory until their own budget is spent.
    for budget, kind in ((10**9, str), (0, Spilled)):
        monkeypatch.setattr(markup, "_rendered", {})
        monkeypatch.setattr(spill, "_cached_shelf", TextSpill(budget=budget, threshold=1))
        shutil.rmtree(project.parent / "shelved")
        build(config, output=project.parent / "shelved", jobs=jobs)
        assert tree(project.parent / "shelved") == expected
        assert markup._rendered and all(type(html) is kind for html in markup._rendered.values())


@pytest.mark.parametrize("jobs", [1, 2])
def test_files_parsed_together_keep_their_texts_in_memory_while_they_are_small_in_all(project, monkeypatch, jobs):
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_JOB", 1)
    config = load_config(project)
    # Articles and events are parsed together: at their size in all they are small; a byte less, all go to disk.
    size = sum(path.stat().st_size for folder in ("events", "articles")
               for path in (project / "content" / folder).iterdir())
    for limit, summaries, bodies in ((size, str, str), (size - 1, Spilled, Spilled)):
        monkeypatch.setattr(markup, "_rendered", {})
        monkeypatch.setattr(spill, "SMALL_BATCH", limit)
        loaded = load_site(config, BuildCache(project / ".no-cache", "code"), False, project / "site", jobs)
        long = spill._shelf.threshold  # shorter texts always stay in memory
        events = [event for event in loaded.timeline.events if len(event.summary) >= long]
        assert events and all(type(event.summary_markdown) is summaries for event in events)
        assert all(type(markup._rendered[event.summary_markdown]) is summaries for event in events)
        articles = [article for article in loaded.timeline.articles if len(article.text) >= long]
        assert articles and all(type(article.body) is bodies for article in articles)


def test_each_load_counts_afresh_the_cached_texts_it_keeps_in_memory(project, monkeypatch):
    config = load_config(project)
    build(config)  # the cache
    entries = BuildCache.open(config.project_dir).parsed.values()
    characters = sum(len(value.summary_markdown) + len(html) if html is not None else
                     len(value.body) if type(value) is Article else 0 for _, value, html in entries)
    # Room for one load's texts and a half: a process that loads the site again and again (a build server, a test)
    # holds one load's texts at a time, and keeps them in memory each time.
    monkeypatch.setattr(spill, "_cached_shelf", TextSpill(budget=characters * 3 // 2, threshold=1))
    for _ in range(3):
        monkeypatch.setattr(markup, "_rendered", {})
        loaded = load_site(config, BuildCache.open(config.project_dir), False, project / "site", 1)
        assert all(type(event.summary_markdown) is str for event in loaded.timeline.events)
        assert all(type(html) is str for html in markup._rendered.values())
        assert all(type(article.body) is str for article in loaded.timeline.articles)


def test_a_text_kept_on_disk_equals_hashes_shows_pickles_and_digests_as_the_text(tmp_path):
    text = "A *summary* kept on disk, é—✓. " * 20
    handle = TextSpill(tmp_path, budget=0, threshold=1).keep(text)
    other = TextSpill(tmp_path, budget=0, threshold=1).keep(text)
    assert type(handle) is Spilled and handle == text and text == handle and handle == other and handle != text + "."
    assert hash(handle) == hash(text) and {text: 1}[handle] == 1 and repr(handle) == repr(text)
    assert pickle.loads(pickle.dumps(handle)) == text and type(pickle.loads(pickle.dumps(handle))) is str
    in_memory = Event("e", PartialDate.parse("2020-09-03"), "T", "e.yaml", summary_markdown=text)
    on_disk = dataclasses.replace(in_memory, summary_markdown=handle)
    assert on_disk == in_memory and on_disk.summary == text and hash(on_disk) == hash(in_memory)
    assert Fingerprints().of([event_view(on_disk), handle]) == Fingerprints().of([event_view(in_memory), text])
    assert event_view(on_disk).summary_html == event_view(in_memory).summary_html == render_markdown(text)
