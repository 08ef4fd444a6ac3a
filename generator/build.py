"""Build the site: gather and check everything first, then render, then write in one atomic step."""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.cache import BuildCache, Fingerprints
from generator.cachedload import SiteShape, organized
from generator.config import Config
from generator.content.load import Content, load_content
from generator.pages.html import SitePlanner, plan_html_pages
from generator.render import render_pages, static_assets
from generator.sitefiles import (Edits, Entry, context_digest, data_files, event_data_builders, frame_data_builders,
                                 render_unless_rendered, site_context, write_site)
from generator.timeline import Timeline, organize
from generator.write import Staging


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build wrote."""

    output: Path
    events: int
    pages: int
    files: int
    rendered: int = 0  # pages rendered this time (the others were unchanged since the last build)
    phases: tuple[tuple[str, float], ...] = ()  # (phase, seconds) of this build, for `timeline build --timings`


def render_site(config: Config, include_drafts: bool = False) -> dict[str, bytes]:
    """Every output file of the site, as relative path -> bytes; raises ContentError on any problem."""
    # 1. Gather: read and validate all content (every problem is reported at once).
    content = load_content(config, include_drafts)
    timeline = organize(content, config.related_size)
    # 2. Plan and render pages, feeds and exports from the organized timeline.
    assets = static_assets(config)
    plans = plan_html_pages(timeline, config)
    files = render_pages(plans, config, assets, site_context(config))
    files.update(data_files(timeline, [p.path for p in plans], assets, config))
    return files


def check_site(config: Config, jobs: int | None = None) -> int:
    """Everything a build with drafts checks, without writing: raises ContentError listing every problem in the
    content or in a template; returns the number of pages.

    Every page is planned and rendered (so a template mistake shows), except a page whose inputs digest the same
    as when the last build rendered it: rendering is deterministic, so it renders again. When no event moved since
    the last build, only the pages showing an edited event are even planned (as in a build). Feeds and exports are
    made by code from the checked model, with no template, and are not made. Unchanged files are read from the
    build cache, which is left as it is; big sites use worker processes."""
    with collector_paused():
        cache = BuildCache.open(config.project_dir, saves=False)
        assets = static_assets(config)
        context = context_digest(Fingerprints(), config, assets)
        last_shape = next((shape for shape, _, _ in cache.pages.values()), None)
        _, timeline, _, edited, _ = organized(config, cache, True, jobs, context, last_shape)
        planner = SitePlanner(timeline, config)
        paths = planner.paths()
        if edited is not None:  # nothing moved since the last build: only the pages showing an edit can differ
            showing = planner.pages_showing(edited)
            paths_to_check = [path for path in paths if path in showing]
        else:
            paths_to_check = paths
        rendered_before = {inputs for _, manifest, _ in cache.pages.values() for inputs, _, _ in manifest.values()}
        render_unless_rendered(planner, config, assets, context, rendered_before, paths_to_check, jobs)
        return len(paths)


def build(config: Config, include_drafts: bool = False, output: Path | None = None, jobs: int | None = None,
          use_cache: bool = True) -> BuildResult:
    """Render what changed since the last build, then swap the complete site into the output folder atomically.

    `jobs`: worker processes for parsing and rendering (None: one per core, when the site is big
    enough to gain). `use_cache`: read and update `.timeline-cache/` beside config.yaml.
    """
    with collector_paused():
        return _build(config, include_drafts, output, jobs, use_cache)


@contextmanager
def collector_paused():
    """The cyclic garbage collector off for a build: a build makes hundreds of thousands of objects that live until
    it ends (the cache, the content, the timeline) and next to no cycles, so each full collection only walks them
    all again (a third of a 10k-event edit build)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(config: Config, include_drafts: bool, output: Path | None, jobs: int | None,
           use_cache: bool) -> BuildResult:
    clock = PhaseClock()
    target = (output or config.output_dir).resolve()
    # Taken up first: the spare's walk runs beside everything up to writing. Discarded (kept as the spare) if the
    # build fails.
    staging = Staging(target)
    try:
        loaded, manifest, rendered = _build_into(staging, config, include_drafts, target, jobs, use_cache, clock)
    finally:
        staging.discard()
    return build_result(target, loaded, manifest, rendered, clock)


def build_result(target: Path, loaded: LoadedSite, manifest: dict[str, Entry], rendered: int,
                 clock: PhaseClock) -> BuildResult:
    """What a build that published `loaded` into `target` wrote, for messages."""
    return BuildResult(target, len(loaded.timeline.events), len(loaded.planner.paths()), len(manifest), rendered,
                       tuple(clock.laps))


def _build_into(staging: Staging, config: Config, include_drafts: bool, target: Path, jobs: int | None,
                use_cache: bool, clock: PhaseClock) -> tuple[LoadedSite, dict[str, Entry], int]:
    cache = BuildCache.open(config.project_dir) if use_cache else BuildCache(config.project_dir, "")
    clock.lap("open cache")
    # 1. Gather: read and check all content; files unchanged since the last build come from the cache.
    try:
        loaded = load_site(config, cache, include_drafts, target, jobs, clock.lap)
    except BaseException:  # what workers' chunks wrote aside is not kept
        cache.discard_aside()
        raise
    if use_cache:  # written now, put in place by the save once the site is published
        cache.set_parsed_aside()
    cache.release_parsed()  # (what workers need is in `loaded`)
    clock.lap("set parsed files aside")
    # 2. Plan, render and write.
    try:
        manifest, rendered = publish(staging, config, cache, target, loaded, jobs, use_cache, clock)
    except BaseException:
        cache.discard_aside()
        raise
    if use_cache:
        cache.save()
        clock.lap("save cache")
    return loaded, manifest, rendered


@dataclass(frozen=True)
class LoadedSite:
    """A build's content, organized and planned, and how it differs from what the last build published."""

    content: Content
    timeline: Timeline
    planner: SitePlanner
    assets: dict[str, tuple[str, bytes]]
    context: bytes  # context_digest of the templates, config and assets
    shape: SiteShape
    edited: set[str] | None  # ids of the events edited since the last build when nothing else changed, else None
    related_key: tuple  # what the related rankings depend on: the last build's hold while it is the same


def load_site(config: Config, cache: BuildCache, include_drafts: bool, target: Path, jobs: int | None,
              lap: Callable[[str], None] = lambda phase: None) -> LoadedSite:
    """All content read through the cache, checked, organized and planned for a build into `target`."""
    assets = static_assets(config)
    context = context_digest(Fingerprints(), config, assets)
    last_shape = cache.pages.get(str(target), (None,))[0]
    content, timeline, shape, edited, related_key = organized(config, cache, include_drafts, jobs, context,
                                                              last_shape, lap)
    return LoadedSite(content, timeline, SitePlanner(timeline, config), assets, context, shape, edited, related_key)


def publish(staging: Staging, config: Config, cache: BuildCache, target: Path, loaded: LoadedSite,
            jobs: int | None, use_cache: bool, clock: PhaseClock,
            renderers: tuple[Fingerprints, list] | None = None) -> tuple[dict[str, Entry], int]:
    """Plan, render and write the site into `staging` and swap it in: a complete new site beside the live one
    (unchanged files linked), swapped in at once. Pages are planned where they are rendered, and rendered only if
    their inputs changed. Records what was published in `cache` (in memory: saving it is the caller's); returns
    the manifest and the number of pages rendered.

    `use_cache`: keep compiled templates in the cache folder. `renderers`: this process's digest memo and
    renderer (made when first needed), kept by a caller that publishes again with the same templates and views."""
    _, previous, streams = cache.pages.get(str(target), (None, {}, {}))
    planner, assets, edited = loaded.planner, loaded.assets, loaded.edited
    frame_files = frame_data_builders(planner.paths(), assets, config)
    builders = {**event_data_builders(loaded.timeline, config), **frame_files}
    # When no event moved and nothing else changed, only the pages showing an edited event can differ (the
    # others are not even planned), and only the edited events' pieces of the exports; the files made from the
    # frame alone are the same. (Equal events, not only unchanged files: a touched file changes nothing.)
    edits = None
    if edited is not None:
        edits = Edits(planner.pages_showing(edited),
                      frozenset(i for i, event in enumerate(loaded.timeline.events) if event.id in edited), streams,
                      frozenset(frame_files))
    clock.lap("find changed pages")
    staging.take_spare()
    compiled = cache.folder / "templates" if use_cache else None
    manifest, streams, rendered, rankings = write_site(planner, builders, config, assets, staging, previous,
                                                       jobs, compiled, loaded.context, edits, renderers)
    clock.lap("plan, render and write")
    # After a build that wrote most files (the first, or one after a template edit), the site swapped out is no
    # spare worth the name: it is made a mirror of the new site in the background, for the next build.
    written = sum(1 for path, entry in manifest.items() if previous.get(path) is not entry)
    mirror = {path: entry[2][1] for path, entry in manifest.items()} if written > MIRROR_AFTER else None
    staging.commit(manifest, mirror)
    clock.lap("swap")
    cache.pages = {str(target): (loaded.shape, manifest, streams)}
    cache.related = {"key": loaded.related_key, "rankings": rankings}
    return manifest, rendered


class PhaseClock:
    """Wall time of each build phase, from its making or the last lap."""

    def __init__(self):
        self.laps: list[tuple[str, float]] = []
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps.append((name, now - self._last))
        self._last = now


MIRROR_AFTER = 1000  # files written by a build, past which the next build's spare is made in the background
