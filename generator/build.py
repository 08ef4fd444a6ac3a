"""Build the site: gather and check everything first, then render, then write in one atomic step."""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from generator import markup, parallel
from generator.cache import BuildCache, Fingerprints, folder_fingerprint, source_signature
from generator.config import Config
from generator.content.load import Content, cross_checked, load_content, read_article_file, read_event_file
from generator.model import Article, Event
from generator.pages import exports, feeds, publishing, search
from generator.pages.chunks import EventStream, utf8_chunks
from generator.pages.html import PagePlan, SitePlanner, plan_html_pages
from generator.render import PageRenderer, render_pages, static_assets, template_dirs
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


def site_context(config: Config) -> dict:
    """Site-wide values every template sees."""
    return {"title": config.title, "description": config.description, "base_url": config.base_url,
            "base_path": config.base_path, "language": config.language, "direction": config.direction}


def data_builders(timeline: Timeline, page_paths: list[str], assets: dict[str, tuple[str, bytes]],
                  config: Config) -> dict[str, Callable[[], Iterable[bytes]]]:
    """Every output file that is not an HTML page (feeds, exports, search index, publishing files, assets),
    each as a function making its bytes in chunks: a build writes them as they come (an export of 100,000
    events is never whole in memory), the preview makes only those a browser asks for."""
    return {**event_data_builders(timeline, config), **frame_data_builders(page_paths, assets, config)}


def event_data_builders(timeline: Timeline, config: Config) -> dict[str, Callable[[], Iterable[bytes]]]:
    """The data files made from the events: feeds, exports and the search index."""
    return {
        "feed.xml": lambda: (feeds.atom_feed(timeline, config),),
        "feed.json": lambda: (feeds.json_feed(timeline, config),),
        "timeline.json": exports.timeline_js(timeline, config),
        "events.json": exports.events_json(timeline, config),
        "events.csv": exports.events_csv(timeline, config),
        "events.ics": exports.events_ics(timeline, config),
        search.SEARCH_PATH: search.search_index(timeline, config),
    }


def frame_data_builders(page_paths: list[str], assets: dict[str, tuple[str, bytes]],
                        config: Config) -> dict[str, Callable[[], Iterable[bytes]]]:
    """The data files made from nothing but the config, the assets and the pages' paths: publishing files,
    sitemaps and assets."""
    builders: dict[str, Callable[[], Iterable[bytes]]] = {
        "robots.txt": lambda: (publishing.robots(config),),
        ".nojekyll": lambda: (publishing.NOJEKYLL,),
    }
    for name, sitemap in publishing.sitemaps(page_paths, config).items():
        builders[name] = lambda sitemap=sitemap: utf8_chunks(sitemap())
    for hashed_path, data in assets.values():
        builders[hashed_path] = lambda data=data: (data,)
    return builders


def data_files(timeline: Timeline, page_paths: list[str], assets: dict[str, tuple[str, bytes]],
               config: Config) -> dict[str, bytes]:
    """Every output file that is not an HTML page, made now."""
    return {path: b"".join(make()) for path, make in data_builders(timeline, page_paths, assets, config).items()}


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
        cache = BuildCache.open(config.project_dir)
        assets = static_assets(config)
        context = context_digest(Fingerprints(), config, assets)
        last_shape = next((shape for shape, _, _ in cache.pages.values()), None)
        _, timeline, _, edited, _ = _organized(config, cache, True, jobs, context, last_shape)
        planner = SitePlanner(timeline, config)
        paths = planner.paths()
        if edited is not None:  # nothing moved since the last build: only the pages showing an edit can differ
            showing = planner.pages_showing(edited)
            paths_to_check = [path for path in paths if path in showing]
        else:
            paths_to_check = paths
        rendered_before = {inputs for _, manifest, _ in cache.pages.values() for inputs, _, _ in manifest.values()}
        shared = (planner, config, assets, context, rendered_before)
        count = parallel.job_count(len(paths_to_check), jobs)
        try:
            parallel.run(_rendered_and_dropped, shared, parallel.chunks(paths_to_check, 4 * count), count)
        finally:
            _worker_state.clear()
        return len(paths)


def _rendered_and_dropped(shared, paths: list[str]) -> None:
    """Worker: plan pages, and render those not rendered from the same inputs before, only to drop them."""
    planner, config, assets, context, rendered_before = shared
    fingerprints, renderer = _worker_state.setdefault(id(shared), (Fingerprints(), []))
    for path in paths:
        plan = planner.plan(path)
        if inputs_digest(fingerprints, context, plan) not in rendered_before:
            process_renderer(renderer, config, assets, None).render(plan)


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
    loaded = load_site(config, cache, include_drafts, target, jobs, clock.lap)
    # 2. Plan, render and write.
    manifest, rendered = publish(staging, config, cache, target, loaded, jobs, use_cache, clock)
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
    content, timeline, shape, edited, related_key = _organized(config, cache, include_drafts, jobs, context,
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
    manifest, streams, rendered, rankings = _write_site(planner, builders, config, assets, staging, previous,
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

# Manifest entries: output path -> (digest of the inputs (pages), digest of the bytes (data files), signature of the
# written file). A page's bytes are never compared: its inputs decide, and rendering is deterministic.
Entry = tuple[bytes, bytes, tuple]
# Event streams' records: output path -> (EventStream.key, length in bytes of each event's piece, their digests).
StreamRecord = tuple[bytes, list[int], bytes]


@dataclass(frozen=True)
class Edits:
    """What may have changed since the last build, when no event moved and nothing else changed."""

    pages: set[str]  # the pages showing an edited event: no other page's plan changed
    events: frozenset[int]  # positions of the edited events: no other event's piece of an export changed
    streams: dict[str, StreamRecord]  # the last build's event streams
    frame_files: frozenset[str]  # data files made from the frame and the page paths alone: unchanged


def _organized(config: Config, cache: BuildCache, include_drafts: bool, jobs: int | None, context: bytes,
               last_shape: SiteShape | None, lap: Callable[[str], None] = lambda phase: None,
               ) -> tuple[Content, Timeline, SiteShape, set[str] | None, tuple]:
    """The content, read through the cache, and organized; the site's shape; the ids of the events edited since the
    last build if nothing else changed (the shape is `last_shape`), else None; and the related rankings' key (the
    last build's rankings are taken when it still holds)."""
    content, changed = load_cached(config, cache, include_drafts, jobs)
    lap("load content")
    timeline = organize(content, config.related_size)
    shape = site_shape(timeline, context, last_shape, changed)
    related_key = (shape.order, shape.placements, config.related_size)
    if cache.related.get("key") == related_key:  # no event moved: the last build's rankings still hold
        timeline.related.remember(cache.related["rankings"])
    edited = {new.id for _, new in changed if isinstance(new, Event)} if shape == last_shape else None
    lap("organize")
    return content, timeline, shape, edited, related_key


def load_cached(config: Config, cache: BuildCache, include_drafts: bool,
                jobs: int | None) -> tuple[Content, list[tuple[object, object]]]:
    """load_content with files unchanged since the last build taken from `cache`, the rest parsed (in parallel
    when many), and the (old or None, new) values of the files that now say something else; the cross-file checks
    are skipped when nothing they look at changed since the last build."""
    before = dict(cache.parsed)
    cache.used.clear()  # this load's files only (a cache kept in memory between builds saw others before)

    @functools.cache
    def changed() -> list[tuple[object, object]]:  # once every file is read
        return _changed_values(before, cache.parsed)

    def checked(events: list[Event], articles: dict) -> bool:
        # The cache holds what the last successful build read (a failed build does not save it): the same files,
        # no article edited, and each edited event the same to the checks, pass them as that build did.
        if cache.used != before.keys():
            return False
        return all(isinstance(old, Event) and isinstance(new, Event) and cross_checked(old) == cross_checked(new)
                   for old, new in changed())

    content = load_content(config, include_drafts, cached_reader(cache, read_article_file, jobs),
                           cached_reader(cache, read_event_file, jobs), checked)
    return content, changed()


def cached_reader(cache: BuildCache, read_one, jobs: int | None):
    """A load_content reader: unchanged files from the cache, the rest parsed (in parallel when many)."""
    def read(files: list[tuple[str | Path, str]]) -> list[tuple[object, list]]:
        results: list = [None] * len(files)
        todo = []
        rendered: dict[str, str] = {}
        for index, (path, shown) in enumerate(files):
            key = str(path)
            cache.used.add(key)
            try:
                signature = source_signature(os.stat(path))
            except OSError:
                signature = None
            hit = cache.parsed.get(key)
            if hit is not None and signature is not None and hit[0] == signature:
                if hit[1].path != shown:  # read last from another working folder: named as this build shows it
                    hit = cache.parsed[key] = (hit[0], replace(hit[1], path=shown), hit[2])
                results[index] = (hit[1], [])
                if hit[2] is not None:
                    rendered[hit[1].summary] = hit[2]
            else:
                todo.append((index, path, shown, key, signature))
        count = parallel.job_count(len(todo), jobs)
        for part in parallel.run(_parse, read_one, parallel.chunks(todo, 4 * count), count):
            for (index, _, _, key, signature), (value, problems, html) in part:
                results[index] = (value, problems)
                if value is not None and not problems and signature is not None:
                    cache.parsed[key] = (signature, value, html)
                if html is not None:
                    rendered[value.summary] = html
        markup.remember(rendered)
        return results
    return read


def _changed_values(before: dict[str, tuple], after: dict[str, tuple]) -> list[tuple[object, object]]:
    """(old value or None, new value) of each file parsed again that now says something else (a touched file says
    the same, and so does a file only named otherwise in messages, read from another working folder)."""
    changed = []
    for key, (_, value, _) in after.items():
        old = before.get(key)
        if old is None or old[1] is not value and old[1] != value and not _renamed(old[1], value):
            changed.append((None if old is None else old[1], value))
    return changed


def _renamed(old: object, new: object) -> bool:
    """Whether two parsed values differ only in the path their messages show."""
    return type(old) is type(new) and old.path != new.path and replace(old, path=new.path) == new


def _parse(read_one, part: list) -> list:
    """Worker: parse files, and render event summaries while at it (the costliest step after parsing)."""
    results = []
    for item in part:
        value, problems = read_one(item[1], item[2])
        summary = getattr(value, "summary", "")
        results.append((item, (value, problems, markup.render_markdown(summary) if summary else None)))
    return results


def _write_site(planner: SitePlanner, builders: dict[str, Callable[[], Iterable[bytes]]], config: Config,
                assets: dict[str, tuple[str, bytes]], staging: Staging, previous: dict[str, Entry], jobs: int | None,
                compiled: Path | None, context: bytes, edits: Edits | None,
                renderers: tuple[Fingerprints, list] | None = None,
                ) -> tuple[dict[str, Entry], dict[str, StreamRecord], int, dict[int, tuple[int, ...]]]:
    """Every page and data file into the staging folder (big sites: in workers, each data file a part of its own,
    pages in parts of many); files whose inputs or bytes are unchanged are linked from the live site.

    `edits`: when known, what may have changed since the last build (other pages are kept unplanned, here,
    other events' pieces of the exports copied); None: anything may have changed."""
    paths = planner.paths()
    to_plan = paths
    if edits is not None:  # all but a few pages kept from the spare here, at a set lookup each
        kept = staging.kept_from_spare(previous)
        to_plan = [path for path in paths if path in edits.pages or path not in kept]
    count = parallel.job_count(len(to_plan), jobs)
    parts = _site_parts(planner, builders, to_plan, count)
    shared = (planner, builders, config, assets, staging, compiled, context, previous, edits)
    if renderers is not None:  # taken by this process's parts; forked workers take a copy
        _worker_state[id(shared)] = renderers
    manifest: dict[str, Entry] = {}
    streams: dict[str, StreamRecord] = {}
    rendered = 0
    related = planner.timeline.related  # takes the rankings the workers report, for the cache (and a kept build)
    try:
        for entries, records, done, ranked in parallel.run(_site_part, shared, parts, count):
            manifest.update(entries)
            streams.update(records)
            rendered += done
            related.remember(ranked)
    finally:
        _worker_state.clear()
    # Workers report only the files they wrote: every other file is the one the last build wrote, linked. (In a
    # stable order, whatever the workers did.)
    ordered = [*paths, *builders]
    if list(previous) == ordered:  # the same files (after an edit): the last manifest updated, in one pass in C
        manifest = {**previous, **manifest}
    else:
        manifest = {path: manifest[path] if path in manifest else previous[path] for path in ordered}
    staging.count = len(manifest)  # workers' own counts stay in the workers
    return manifest, streams, rendered, related.rankings()


def _site_parts(planner: SitePlanner, builders: dict, to_plan: list[str], count: int) -> list[tuple[str, list[str]]]:
    """The work of writing a site, in parts for `count` processes: with more than one, the pages that list events
    make one part, first (the longest), so that one process renders every event's list item, once, for all of
    them; then the data files, one per part (the exports are the longest single tasks after that, and after an
    edit, when pages are mostly found unchanged, nearly all the work); then the other pages in small round-robin
    parts, so a process that finishes early takes the next part."""
    listing: list[str] = []
    if count > 1:
        listed = set(planner.listing_paths())
        listing = [path for path in to_plan if path in listed]
        to_plan = [path for path in to_plan if path not in listed]
    return ([("pages", listing)] if listing else []) + [("data", [path]) for path in builders] + [
        ("pages", part) for part in parallel.chunks(to_plan, 4 * count) if part]


# id(shared arguments of a build) -> (Fingerprints, [PageRenderer]) of this process, for that build only.
_worker_state: dict[int, tuple[Fingerprints, list]] = {}


def _site_part(shared, part: tuple[str, list[str]]) -> tuple[dict[str, Entry], dict[str, StreamRecord], int, dict]:
    """Worker: data files written (or linked when their bytes are unchanged), or pages planned and then linked
    from the live site if their inputs are unchanged, else rendered and written; returns the manifest entries of
    the files written (a linked file keeps its entry), and the related-event rankings this process has made since
    its last report, for the cache."""
    planner, builders, config, assets, staging, compiled, context, previous, edits = shared
    kind, paths = part
    if kind == "data":
        return *_write_data({path: builders[path] for path in paths}, staging, previous, edits), 0, {}
    # One renderer and digest memo per process and build, kept across its parts: the macro memo
    # (an event's list item on its year, tag and actor pages) pays off across parts.
    fingerprints, renderer = _worker_state.setdefault(id(shared), (Fingerprints(), []))
    entries: dict[str, Entry] = {}
    rendered = 0
    for path in paths:
        old = previous.get(path)
        if edits is not None and path not in edits.pages and old is not None and staging.keep(path, old[2]):
            continue
        plan = planner.plan(path)
        inputs = inputs_digest(fingerprints, context, plan)
        if old is not None and old[0] == inputs and staging.keep(path, old[2]):
            continue
        data = process_renderer(renderer, config, assets, compiled).render(plan)
        entries[path] = (inputs, b"", staging.write(path, data))
        rendered += 1
    return entries, {}, rendered, planner.timeline.related.take_made()


def process_renderer(made: list, config: Config, assets: dict[str, tuple[str, bytes]], compiled: Path | None):
    """This process's renderer for the build, kept in `made`; templates are loaded only when a page first needs
    rendering."""
    if not made:
        made.append(PageRenderer(config, assets, site_context(config), compiled))
    return made[0]


def context_digest(fingerprints: Fingerprints, config: Config, assets: dict[str, tuple[str, bytes]]) -> bytes:
    """What every page depends on: the templates' bytes, the config, asset names and site values."""
    return fingerprints.of((folder_fingerprint(template_dirs(config)), repr(config),
                            {name: hashed for name, (hashed, _) in assets.items()}, site_context(config)))


@dataclass(frozen=True)
class SiteShape:
    """What every page depends on except the contents of the events it shows: equal shapes, the same pages
    showing the same events in the same places."""

    frame: bytes  # templates, config, assets (drafts shown or not: the order says)
    order: list[str]  # event ids in timeline order
    placements: bytes  # digest of every event's placement (order, year, tags, actors, status, quoted articles)
    articles: list[str]  # article ids
    article_digest: bytes  # digest of the articles' fields


def site_shape(timeline: Timeline, frame: bytes, last: SiteShape | None,
               changed: list[tuple[object, object]]) -> SiteShape:
    """The site's shape; the digests of the `last` build's shape are reused where no `changed` file can have
    changed them (placements: the same events in the same order, each edited one placed as before; articles:
    the same ones, none edited), which spares digesting ~3 MB of placements and every article at 10,000 events."""
    order = [event.id for event in timeline.events]
    if last is not None and last.order == order and all(
            isinstance(old, Event) and old.placement() == new.placement() if isinstance(new, Event)
            else not isinstance(old, Event) for old, new in changed):
        placements = last.placements
    else:
        placements = Fingerprints().of(repr([event.placement() for event in timeline.events]))
    articles = [article.id for article in timeline.articles]
    if last is not None and last.articles == articles and not any(isinstance(new, Article) for _, new in changed):
        article_digest = last.article_digest
    else:  # each article as its fields: a long text is hashed as it is, not escaped by repr first
        article_digest = Fingerprints().of([[getattr(article, field.name) for field in fields(article)]
                                            for article in timeline.articles])
    return SiteShape(frame, order, placements, articles, article_digest)


def inputs_digest(fingerprints: Fingerprints, context: bytes, plan: PagePlan) -> bytes:
    """Everything a page's bytes are made from; equal digests mean equal bytes."""
    return fingerprints.of((context, plan.path, plan.template, plan.title, plan.description, plan.data))


def _write_data(builders: dict[str, Callable[[], Iterable[bytes]]], staging: Staging, previous: dict[str, Entry],
                edits: Edits | None) -> tuple[dict[str, Entry], dict[str, StreamRecord]]:
    """Feeds, exports and assets, written one at a time as their chunks come (an event stream after an edit that
    moved nothing: spliced from its last file); a file whose bytes turn out the same as last time is then
    replaced by a link to the live one (unchanged files keep their inode)."""
    manifest, streams = {}, {}
    for path, make in builders.items():
        old = previous.get(path)
        if edits is not None and path in edits.frame_files and old is not None and staging.keep(path, old[2]):
            manifest[path] = old
            continue
        if isinstance(make, EventStream):
            record = edits.streams.get(path) if edits is not None else None
            if record is not None and record[0] == make.key and len(record[1]) == len(make.events) \
                    and old is not None and staging.live(path, old[2]):
                lengths, digests = list(record[1]), bytearray(record[2])
                chunks = _spliced(make, os.path.join(staging.output, path), lengths, digests, edits.events)
            else:
                lengths, digests = [], bytearray()
                chunks = make.chunks(lengths, digests)
            signature = staging.write(path, chunks)
            digest = make.digest(digests)
            streams[path] = (make.key, lengths, bytes(digests))
        else:
            hasher = hashlib.blake2b(digest_size=16)
            signature = staging.write(path, _hashing(make(), hasher))
            digest = hasher.digest()
        if old is not None and old[1] == digest and staging.keep(path, old[2], replacing=True):
            manifest[path] = old
        else:
            manifest[path] = (b"", digest, signature)
    return manifest, streams


def _spliced(stream: EventStream, live: str, lengths: list[int], digests: bytearray,
             edited: frozenset[int]) -> Iterator[bytes]:
    descriptor = os.open(live, os.O_RDONLY)
    try:
        yield from stream.spliced(descriptor, lengths, digests, edited)
    finally:
        os.close(descriptor)


def _hashing(chunks: Iterable[bytes], hasher) -> Iterator[bytes]:
    for chunk in chunks:
        hasher.update(chunk)
        yield chunk

