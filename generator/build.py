"""Build the site: gather and check everything first, then render, then write in one atomic step."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.config import Config
from generator.content.load import load_content
from generator.pages import exports, feeds, publishing, search
from generator.pages.html import plan_html_pages
from generator.render import render_pages, static_assets
from generator.timeline import organize
from generator.write import publish


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build wrote."""

    output: Path
    events: int
    pages: int
    files: int


def site_context(config: Config) -> dict:
    """Site-wide values every template sees."""
    return {"title": config.title, "description": config.description, "base_url": config.base_url,
            "base_path": config.base_path, "language": config.language, "direction": config.direction}


def render_site(config: Config, include_drafts: bool = False) -> dict[str, bytes]:
    """Every output file of the site, as relative path -> bytes; raises ContentError on any problem."""
    # 1. Gather: read and validate all content (every problem is reported at once).
    content = load_content(config, include_drafts=include_drafts)
    timeline = organize(content, config.related_size)
    # 2. Plan and render pages, feeds and exports from the organized timeline.
    assets = static_assets(config)
    plans = plan_html_pages(timeline, config)
    files = render_pages(plans, config, assets, site_context(config))
    files["feed.xml"] = feeds.atom_feed(timeline, config)
    files["feed.json"] = feeds.json_feed(timeline, config)
    files["timeline.json"] = exports.timeline_js(timeline, config)
    files["events.json"] = exports.events_json(timeline, config)
    files["events.csv"] = exports.events_csv(timeline, config)
    files["events.ics"] = exports.events_ics(timeline, config)
    files[search.SEARCH_PATH] = search.search_index(timeline, config)
    files["sitemap.xml"] = publishing.sitemap([p.path for p in plans], config)
    files["robots.txt"] = publishing.robots(config)
    files[".nojekyll"] = publishing.NOJEKYLL
    for hashed_path, data in assets.values():
        files[hashed_path] = data
    return files


def build(config: Config, include_drafts: bool = False, output: Path | None = None) -> BuildResult:
    """Render the whole site, then swap it into the output folder atomically."""
    files = render_site(config, include_drafts)
    # 3. Write: only now, with everything rendered, touch the output folder.
    target = output or config.output_dir
    publish(files, target)
    pages = sum(1 for path in files if path.endswith(".html"))
    events = sum(1 for path in files if path.startswith("events/") and path.endswith("/index.html"))
    return BuildResult(target, events, pages, len(files))
