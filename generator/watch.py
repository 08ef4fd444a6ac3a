"""`timeline build --watch`: the site rebuilt on disk after every change, each edit applied to the last build kept in
memory."""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from collections import ChainMap
from pathlib import Path
from typing import Callable

from generator.build import BuildResult, LoadedSite, PhaseClock, build_result, collector_paused, load_site, publish
from generator.cache import BuildCache, Fingerprints
from generator.cachedload import cached_reader
from generator.config import Config
from generator.content.load import reload_events
from generator.errors import ContentError
from generator.sitefiles import process_renderer
from generator.timeline import with_replaced_events
from generator.write import Staging


class KeptBuild:
    """The last build's cache, content and plan, kept in memory, and the next build's staging folder, made ready
    while nothing changes.

    An edit of event files that moves no event (see Event.placement) re-reads those files and relinks the last
    build's timeline, as `timeline serve` does, instead of checking every file and organizing everything again;
    then the build goes on as any other (only the pages showing the edited events are rendered, the exports
    spliced), and publishes the same bytes. Anything else, and any build after one that failed, starts from the
    files on disk and the saved cache.
    """

    def __init__(self, load_config: Callable[[], Config], include_drafts: bool = False, output: Path | None = None,
                 jobs: int | None = None, use_cache: bool = True, save_between_builds: bool = True):
        """`save_between_builds`: False leaves the cache to `close`, for a process whose builds no other process
        reads the cache between (a stale cache is only slower: its entries are checked against the files)."""
        self._load_config = load_config  # called before every build: config.yaml may have changed
        self._include_drafts, self._output, self._jobs, self._use_cache = include_drafts, output, jobs, use_cache
        self._save_between_builds = save_between_builds
        self._cache: BuildCache | None = None
        self._last: tuple[tuple, LoadedSite] | None = None  # (settings, what it loaded) of the last good build
        self._staging: Staging | None = None
        self._renderers: tuple[Fingerprints, list] = (Fingerprints(), [])
        self._warm = False  # every view of the last build made and digested
        self._unrendered: list[str] | None = None  # listing pages not yet rendered in this process (None: not listed)
        self._unsaved = False  # the cache in memory is newer than on disk

    def build(self, changed: list[Path] | None = None, config: Config | None = None) -> BuildResult | None:
        """Build and publish the site; `changed`: the files changed since the last build, when known (None: maybe
        anything; []: none, the last build published again as a build with nothing changed does). None when only
        editors' swap or backup files changed. Raises ContentError as `build` does, leaving the published site as
        it was. `config`: the config just loaded by the caller (by default it is loaded here)."""
        clock = PhaseClock()
        config = self._load_config() if config is None else config
        target = (self._output or config.output_dir).resolve()
        settings = (repr(config), self._include_drafts, target)
        last, self._last = self._last, None
        with collector_paused():
            try:
                if self._cache is None:
                    self._cache = (BuildCache.open(config.project_dir) if self._use_cache
                                   else BuildCache(config.project_dir, ""))
                clock.lap("open cache")
                loaded = None
                if last is not None and changed == [] and last[0] == settings:  # published again as it stands
                    loaded = dataclasses.replace(last[1], edited=set())
                elif last is not None and changed and last[0] == settings:
                    loaded = self._reloaded(config, last[1], changed)
                    if loaded is last[1]:
                        self._last = last
                        return None
                    if loaded is not None:
                        clock.lap("re-read edited events")
                if loaded is None:
                    loaded = load_site(config, self._cache, self._include_drafts, target, self._jobs, clock.lap)
                    # Rendered and digested views and compiled templates, for the builds that relink this one.
                    self._renderers, self._warm, self._unrendered = (Fingerprints(), []), False, None
                if self._staging is not None and self._staging.output != target:
                    self.close()  # made ready for an output folder the config no longer names
                staging, self._staging = self._staging or Staging(target), None
                try:
                    manifest, rendered = publish(staging, config, self._cache, target, loaded, self._jobs,
                                                 self._use_cache, clock, self._renderers)
                finally:
                    staging.discard()
            except BaseException:
                # What a failed build read is in the cache, which must hold only what the last good one read (its
                # cross-file checks are skipped for files unchanged since): the next build reopens it from disk.
                self._cache = None
                raise
        self._last, self._unsaved = (settings, loaded), self._use_cache
        return build_result(target, loaded, manifest, rendered, clock)

    def _reloaded(self, config: Config, last: LoadedSite, changed: list[Path]) -> LoadedSite | None:
        """`last` with the changed event files read again (`last` itself when they are all editors' swap or backup
        files), or None when that takes a full load: another kind of file changed, an event moved, a file has a
        problem."""
        events_dir = config.events_dir.resolve()
        if any(path.parent.resolve() != events_dir for path in changed):
            return None
        # Named as the full load names them, so each keeps its one cache entry.
        files = [config.events_dir / path.name for path in changed]
        # Read through the cache, but into it only if this way holds: a full load tells what changed by
        # comparing each file's value with the cached one.
        trial = dataclasses.replace(self._cache, parsed=ChainMap({}, self._cache.parsed), used=set())
        quick = reload_events(config, last.content, files, cached_reader(trial, 1))
        if quick is None:
            return None
        self._cache.parsed.update(trial.parsed.maps[0])
        content, replacements = quick
        if not replacements:  # an editor's swap or backup file
            return last
        timeline = with_replaced_events(last.timeline, replacements)
        return dataclasses.replace(last, content=content, timeline=timeline,
                                   planner=last.planner.relinked(timeline, replacements), edited=set(replacements))

    def prepare(self, interrupted: Callable[[], bool] | None = None) -> None:
        """Save the cache (unless left to `close`), and make the next build's staging folder ready (the spare taken up
        and walked): the work between builds, done while nothing changes. With `interrupted`, every page that lists
        events is also rendered once, for the list items it leaves in the renderer's memo (after a full build
        rendered them in workers, the next edit's tag and year pages would render each of their items again); this
        and the views' digests stop as soon as it says a build is waiting, and go on after a later build."""
        if self._unsaved and self._cache is not None and self._save_between_builds:
            self._cache.save()
            self._unsaved = False
        if self._staging is None and self._last is not None:
            target = self._last[0][2]
            self._staging = Staging(target, wait_for_spare=True)
            self._staging.drop_stale(self._cache.pages.get(str(target), (None, {}))[1])
        if self._last is not None and not self._warm:
            # Every event's view made and digested once, here: after a full load they were made in worker
            # processes, or not at all, and the first edit's list pages would make them all.
            planner, fingerprints = self._last[1].planner, self._renderers[0]
            for position, event in enumerate(self._last[1].timeline.events):
                if interrupted is not None and position % 500 == 0 and interrupted():
                    return  # taken up again after the next build (the views made so far are memoized)
                fingerprints.of(planner.view(event))
            self._warm = True
        if interrupted is not None and self._last is not None and self._unrendered is None:
            self._unrendered = self._last[1].planner.listing_paths()
        while self._unrendered and self._last is not None and not interrupted():
            loaded = self._last[1]
            compiled = self._cache.folder / "templates" if self._use_cache else None
            renderer = process_renderer(self._renderers[1], loaded.planner.config, loaded.assets, compiled)
            renderer.render(loaded.planner.plan(self._unrendered.pop()))

    def close(self) -> None:
        """Save the cache if a build changed it since, and put back the staging folder made ready, as the spare."""
        if self._unsaved and self._cache is not None:
            self._cache.save()
            self._unsaved = False
        if self._staging is not None:
            self._staging.discard()
            self._staging = None


def watch_and_build(kept: KeptBuild, paths: list[Path], stop: threading.Event,
                    on_build: Callable[[BuildResult | None, ContentError | None], None],
                    ready: threading.Event | None = None, output: Path | None = None,
                    on_ready: Callable[[float], None] = lambda seconds: None) -> None:
    """Build once the watches on `paths` are in place, then whenever a file under them changes, until `stop` is
    set (a change made during a build starts the next one). `on_build` gets each build's result, or the
    ContentError that stopped it (the site stays as it was), `on_ready` the seconds of the work done after it
    (KeptBuild.prepare), before the next change is taken up; `ready` is set once watching. Changes to the
    `output` folder and the folders a build keeps beside it are not the editor's: they start no build (an output
    folder inside content/ would otherwise rebuild itself for ever)."""
    from watchfiles import DefaultFilter, watch

    existing = [str(path) for path in paths if path.exists()]
    editors = DefaultFilter()  # leaves out editors' swap and backup files, version control folders
    ours = () if output is None else (f"{output}{os.sep}", f"{output.parent}{os.sep}.{output.name}.")

    def wanted(change, path: str) -> bool:
        return editors(change, path) and path != str(output) and not path.startswith(ours)

    started = False
    try:
        # step: changes 10 ms apart make one batch (an editor's save, a rename), at most 50 ms of them (debounce).
        # yield_on_timeout: an empty batch after the first quiet interval, proof that the watches are in place.
        for changes in watch(*existing, watch_filter=wanted, stop_event=stop, debounce=50, step=10,
                             rust_timeout=100, yield_on_timeout=True):
            if started and not changes:
                continue
            try:
                result = kept.build(sorted({Path(path) for _, path in changes}) if started else None)
            except ContentError as error:
                on_build(None, error)
            else:
                if result is not None:
                    on_build(result, None)
            if not started and ready is not None:
                ready.set()
            started = True
            preparing = time.perf_counter()
            kept.prepare()
            on_ready(time.perf_counter() - preparing)
    finally:
        kept.close()
