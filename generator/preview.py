"""The site as `timeline serve` holds it: pages rendered when first asked for, kept between edits."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from generator.build import collector_paused
from generator.cache import BuildCache, Fingerprints
from generator.cachedload import cached_reader
from generator.config import Config
from generator.content.load import Content, load_content, reload_events
from generator.pages.html import SitePlanner
from generator.render import PageRenderer, static_assets
from generator.sitefiles import context_digest, data_builders, inputs_digest, site_context
from generator.timeline import Timeline, organize, with_replaced_events


@dataclass(frozen=True, slots=True)
class _State:
    """What the last update saw: enough to apply the next edit to it instead of starting over."""

    settings: tuple[str, bool]  # repr(config), include_drafts
    content: Content
    timeline: Timeline
    planner: SitePlanner
    assets: dict[str, tuple[str, bytes]]
    context: bytes


class SiteMemory:
    """Parsed files, the timeline, the renderer (compiled templates, macro memo) and rendered pages, between edits.

    An edit of event files that moves no event (a title, a summary, a source: see Event.placement)
    re-reads those files and relinks the timeline; anything else (new or deleted files, articles,
    templates, config, an event's date order, tags or actors) loads and organizes everything again.
    Either way pages are rendered when first asked for, and reused while their inputs are unchanged.
    """

    def __init__(self):
        self.cache = BuildCache(Path(), "")
        # Jobs left to the reader: worker processes only while this is the process's one thread (the first
        # load of `timeline serve`, before its server and watcher start); forking beside them is unsafe.
        self._read = cached_reader(self.cache, None)
        self._state: _State | None = None
        self._files: SiteFiles | None = None  # what the last call returned
        self._renderer: PageRenderer | None = None
        self._pages: dict[str, tuple[bytes, bytes]] = {}  # output path -> (digest of inputs, bytes)
        self._lock = threading.RLock()  # one renderer and page memo, shared by request threads
        self.rendered = 0  # pages rendered so far (not reused), for tests and messages

    def site(self, config: Config, include_drafts: bool, changed: list[Path] | None = None) -> SiteFiles:
        """The current site; `changed`: the files changed since the last call, when known (None: maybe anything).

        Returns the very object of the last call when no file the site is made from changed.
        Raises ContentError when the content has problems (and then forgets the last state).
        """
        with self._lock:
            settings = (repr(config), include_drafts)
            state, self._state = self._state, None
            quick = None
            if state is not None and changed and state.settings == settings:
                quick = reload_events(config, state.content, changed, self._read)
            if quick is not None and not quick[1] and self._files is not None:
                self._state = state  # nothing the site is made from changed (an editor's swap file)
                return self._files
            if quick is not None:
                content, replacements = quick
                timeline = with_replaced_events(state.timeline, replacements)
                planner = state.planner.relinked(timeline, replacements)
                assets, context = state.assets, state.context
            else:
                if not self.cache.parsed:  # the first load: files unchanged since the last build come from its cache
                    self.cache.parsed.update(BuildCache.open(config.project_dir).parsed)
                with collector_paused():
                    content = load_content(config, include_drafts, self._read)
                    timeline = organize(content, config.related_size)
                planner = SitePlanner(timeline, config)
                assets = static_assets(config)
                context = context_digest(Fingerprints(), config, assets)
                if state is None or context != state.context or self._renderer is None:
                    # Templates, config or assets changed: nothing rendered before can be reused.
                    self._renderer, self._pages = PageRenderer(config, assets, site_context(config)), {}
            self._state = _State(settings, content, timeline, planner, assets, context)
            builders = data_builders(timeline, planner.paths(), assets, config)
            self._files = SiteFiles(self, planner, builders, context, tuple(replacements) if quick else None)
            return self._files

    def page(self, planner: SitePlanner, path: str, context: bytes) -> bytes:
        """One page's bytes: reused if its inputs are those of the last render of that path, else rendered."""
        with self._lock:
            plan = planner.plan(path)
            inputs = inputs_digest(Fingerprints(), context, plan)
            old = self._pages.get(path)
            if old is not None and old[0] == inputs:
                return old[1]
            data = self._renderer.render(plan)
            self._pages[path] = (inputs, data)
            self.rendered += 1
            return data


class SiteFiles(Mapping):
    """Output path -> bytes for one version of the site; each file is made on first access and kept.

    Reading a page may raise ContentError (a template mistake), located in the template.
    """

    def __init__(self, memory: SiteMemory, planner: SitePlanner, builders: dict[str, Callable[[], Iterable[bytes]]],
                 context: bytes, reread: tuple[str, ...] | None):
        self._memory, self._planner, self._builders, self._context = memory, planner, builders, context
        self._paths = dict.fromkeys(planner.paths()) | dict.fromkeys(builders)
        self._made: dict[str, bytes] = {}
        self.reread = reread  # ids of the events re-read on the quick path; None after a full load

    def __getitem__(self, path: str) -> bytes:
        data = self._made.get(path)
        if data is None:
            if path not in self._paths:
                raise KeyError(path)
            builder = self._builders.get(path)
            data = b"".join(builder()) if builder else self._memory.page(self._planner, path, self._context)
            self._made[path] = data
        return data

    def __contains__(self, path: object) -> bool:
        return path in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)
