"""axe-core finds no accessibility violations on any page type, in light and in dark mode."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from conftest import ROOT
from linkcheck import build_site, edge_project

pytestmark = pytest.mark.browser

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = ("light", "dark")


def _richest(site: Path, folder: str) -> str:
    """The largest page under `folder/` (most content, most to check), as a path relative to the site."""
    pages = [p for p in (site / folder).glob("*/index.html")]
    assert pages, f"no pages under {folder}/"
    best = max(pages, key=lambda p: (p.stat().st_size, p.as_posix()))
    return best.parent.relative_to(site).as_posix() + "/"


def page_types(site: Path) -> dict[str, str]:
    """One URL path (relative to the base) per page type."""
    years = sorted(p.parent.name for p in (site / "years").glob("*/index.html"))
    return {
        "index": "",
        "event": _richest(site, "events"),
        "year": f"years/{years[-1]}/",
        "tag-list": "tags/",
        "tag": _richest(site, "tags"),
        "actor-list": "actors/",
        "actor": _richest(site, "actors"),
        "source-list": "sources/",
        "source": _richest(site, "sources"),
        "404": "404.html",
    }


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def edge_url(tmp_path_factory):
    """The drafts build of the edge-case content, served under /repo/ like `site_url`."""
    root = tmp_path_factory.mktemp("a11y-edge")
    site = build_site(edge_project(root / "project"), root / "www" / "repo", "https://example.github.io/repo/",
                      "--drafts")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site.parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/repo/"
    server.shutdown()


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser context per colour scheme, reused by every page of this module."""
    made = {scheme: browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
            for scheme in SCHEMES}
    yield made
    for context in made.values():
        context.close()


def axe_violations(context, url: str, scheme: str) -> tuple[list, list[str]]:
    """(violations, console errors) of one page."""
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.emulate_media(color_scheme=scheme)
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    finally:
        page.close()
    violations = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:5])
                  for v in result["violations"]]
    return violations, errors


@pytest.fixture(scope="module")
def seed_pages(site_dir):
    return page_types(site_dir)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", ["index", "event", "year", "tag-list", "tag", "actor-list", "actor",
                                  "source-list", "source", "404"])
def test_no_axe_violations(contexts, site_url, seed_pages, kind, scheme):
    violations, errors = axe_violations(contexts[scheme], site_url + seed_pages[kind], scheme)
    assert violations == [], f"{kind} ({scheme}): {seed_pages[kind]}"
    assert errors == [], f"console errors on {seed_pages[kind]}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", ["", "events/2019-draft-hearing/", "events/2019-07-01-three-day-summit/",
                                  "years/44-bce/", "sources/the-hill-2020-09-03-democrats-press-sanctions/"])
def test_no_axe_violations_with_drafts_and_edge_cases(contexts, edge_url, path, scheme):
    violations, errors = axe_violations(contexts[scheme], edge_url + path, scheme)
    assert violations == [], f"{path or 'index'} ({scheme})"
    assert errors == []


def test_dark_mode_is_really_dark(contexts, site_url):
    """The dark runs above check the dark palette, not the light one twice."""
    colours = {}
    for scheme, context in contexts.items():
        page = context.new_page()
        page.emulate_media(color_scheme=scheme)
        page.goto(site_url)
        colours[scheme] = page.evaluate("""() => {
            const c = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).map(Number);
            return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255; }""")
        page.close()
    assert colours["light"] > 0.5 > colours["dark"], colours
