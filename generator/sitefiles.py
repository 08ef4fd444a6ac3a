"""The site's files made into a staging folder, in worker processes for big sites: each page planned, then linked
from the live site when its inputs are unchanged, else rendered and written; each data file written as its chunks
come (an export after an edit spliced from its last file), then linked when its bytes are unchanged."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from generator import parallel
from generator.cache import Fingerprints, folder_fingerprint
from generator.config import Config
from generator.pages import exports, feeds, publishing, search
from generator.pages.chunks import EventStream, utf8_chunks
from generator.pages.html import PagePlan, SitePlanner
from generator.render import PageRenderer, template_dirs
from generator.spill import TextSpill
from generator.timeline import Timeline
from generator.write import Staging


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


def write_site(planner: SitePlanner, builders: dict[str, Callable[[], Iterable[bytes]]], config: Config,
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
        for entries, records, done, ranked in parallel.each(_site_part, shared, parts, count):
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
    parts, so a process that finishes early takes the next part: sixteen per process, each ~0.1 s at 10,000
    events, so the processes end within about that of each other (with four, one process often idled for most of
    a part's 0.5 s at the end)."""
    listing: list[str] = []
    if count > 1:
        listed = set(planner.listing_paths())
        listing = [path for path in to_plan if path in listed]
        to_plan = [path for path in to_plan if path not in listed]
    return ([("listing", listing)] if listing else []) + [("data", [path]) for path in builders] + [
        ("pages", part) for part in parallel.chunks(to_plan, 16 * count) if part]


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
    if kind == "listing" and renderer:
        # Only a worker renders this part (see _site_parts), and no later part of this build renders an event's list
        # item again: the memo of them (40M characters in memory at 100,000 events, and the keys and views it keeps
        # alive) would only be carried to the end.
        renderer[0].forget_macro_outputs()
    return entries, {}, rendered, planner.timeline.related.take_made()


def process_renderer(made: list, config: Config, assets: dict[str, tuple[str, bytes]], compiled: Path | None):
    """This process's renderer for the build, kept in `made`; templates are loaded only when a page first needs
    rendering."""
    if not made:
        made.append(PageRenderer(config, assets, site_context(config), compiled, TextSpill(config.project_dir)))
    return made[0]


def context_digest(fingerprints: Fingerprints, config: Config, assets: dict[str, tuple[str, bytes]]) -> bytes:
    """What every page depends on: the templates' bytes, the config, asset names and site values."""
    return fingerprints.of((folder_fingerprint(template_dirs(config)), repr(config),
                            {name: hashed for name, (hashed, _) in assets.items()}, site_context(config)))


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


def render_unless_rendered(planner: SitePlanner, config: Config, assets: dict[str, tuple[str, bytes]], context: bytes,
                           rendered_before: set[bytes], paths: list[str], jobs: int | None) -> None:
    """Plan `paths`, and render each page whose inputs digest differently from every page in `rendered_before`, only
    to drop it (raises ContentError on a template mistake): what `timeline check` does (big sites in workers)."""
    shared = (planner, config, assets, context, rendered_before)
    count = parallel.job_count(len(paths), jobs)
    try:
        parallel.run(_rendered_and_dropped, shared, parallel.chunks(paths, 4 * count), count)
    finally:
        _worker_state.clear()


def _rendered_and_dropped(shared, paths: list[str]) -> None:
    """Worker: plan pages, and render those not rendered from the same inputs before, only to drop them."""
    planner, config, assets, context, rendered_before = shared
    fingerprints, renderer = _worker_state.setdefault(id(shared), (Fingerprints(), []))
    for path in paths:
        plan = planner.plan(path)
        if inputs_digest(fingerprints, context, plan) not in rendered_before:
            process_renderer(renderer, config, assets, None).render(plan)
