"""axe-core finds no accessibility violations on any page type, in light and in dark mode."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path

import pytest

from conftest import ROOT
from linkcheck import build_site, edge_project

pytestmark = pytest.mark.browser

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE_JS.read_text(encoding="utf-8") if AXE_JS.is_file() else "throw new Error('run npm ci: no axe-core')"
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
        # The index in the states its script renders from the address: filtered by a tag, and searched.
        "index-filtered": f"?tag={_richest(site, 'tags').split('/')[1]}",
        "index-search": f"?q={_search_word(site)}",
    }


def _search_word(site: Path) -> str:
    """A word of the first event's title, long enough to be a meaningful search."""
    title = json.loads((site / "events.json").read_text(encoding="utf-8"))["events"][0]["title"]
    return max(re.findall(r"[A-Za-z]+", title), key=len).lower()


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


class Tab:
    """One reused page per colour scheme (a new page per check would double the run time)."""

    def __init__(self, browser, scheme: str, phone: bool = False):
        self.scheme = scheme
        device = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
                  "device_scale_factor": 2} if phone else {"viewport": {"width": 1280, "height": 800}}
        self.context = browser.new_context(color_scheme=scheme, **device)
        self.page = self.context.new_page()
        self.page.emulate_media(color_scheme=scheme)
        self.errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, url: str) -> None:
        self.errors.clear()
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
        if "?" in url:  # a state the page's script renders: wait until it has been rendered and announced
            self.page.wait_for_load_state("networkidle")
            self.page.wait_for_function("""() => {
                const live = [...document.querySelectorAll('[role=status]')];
                return live.length === 0 || live.some(e => e.textContent.trim()); }""", timeout=5000)

    def axe(self, url: str) -> tuple[list, list[str]]:
        """(violations, console errors) of one page."""
        self.open(url)
        return self.run_axe(), list(self.errors)

    def run_axe(self) -> list:
        assert self.page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches") == (self.scheme == "dark")
        self.page.evaluate(AXE_SOURCE)
        result = self.page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        return [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:5])
                for v in result["violations"]]


@pytest.fixture(scope="module")
def tabs(browser):
    made = {scheme: Tab(browser, scheme) for scheme in SCHEMES}
    yield made
    for tab in made.values():
        tab.context.close()


@pytest.fixture(scope="module")
def phone_tabs(browser):
    made = {scheme: Tab(browser, scheme, phone=True) for scheme in SCHEMES}
    yield made
    for tab in made.values():
        tab.context.close()


@pytest.fixture(scope="module")
def seed_pages(site_dir):
    return page_types(site_dir)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", ["index", "event", "year", "tag-list", "tag", "actor-list", "actor",
                                  "source-list", "source", "404", "index-filtered", "index-search"])
def test_no_axe_violations(tabs, site_url, seed_pages, kind, scheme):
    violations, errors = tabs[scheme].axe(site_url + seed_pages[kind])
    assert violations == [], f"{kind} ({scheme}): {seed_pages[kind]}"
    assert errors == [], f"console errors on {seed_pages[kind]}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", ["index", "event", "source", "index-filtered"])
def test_no_axe_violations_on_a_phone(phone_tabs, site_url, seed_pages, kind, scheme):
    """A 360 px touch screen: other layout, other contrast pairs, touch target sizes."""
    violations, errors = phone_tabs[scheme].axe(site_url + seed_pages[kind])
    assert violations == [], f"{kind} ({scheme}, phone): {seed_pages[kind]}"
    assert errors == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", ["", "events/2019-draft-hearing/", "events/2019-07-01-three-day-summit/",
                                  "years/44-bce/", "sources/the-hill-2020-09-03-democrats-press-sanctions/"])
def test_no_axe_violations_with_drafts_and_edge_cases(tabs, edge_url, path, scheme):
    violations, errors = tabs[scheme].axe(edge_url + path)
    assert violations == [], f"{path or 'index'} ({scheme})"
    assert errors == []


def test_dark_mode_is_really_dark(tabs, site_url):
    """The dark runs above check the dark palette, not the light one twice."""
    luminance = {}
    for scheme, tab in tabs.items():
        tab.open(site_url)
        luminance[scheme] = tab.page.evaluate("""() => {
            for (const element of [document.querySelector('main'), document.body, document.documentElement]) {
                const c = getComputedStyle(element).backgroundColor.match(/[\\d.]+/g).map(Number);
                if (c.length < 4 || c[3] > 0) return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255;
            }
            return 1; }""")  # no background anywhere: the white canvas
    assert luminance["light"] > 0.5 > luminance["dark"], luminance


def test_axe_really_checks(tabs, site_url):
    """A page spoiled on purpose fails: the empty results above are not a broken setup."""
    tab = tabs["dark"]
    tab.open(site_url)
    tab.page.evaluate("""() => document.querySelector('main').insertAdjacentHTML('beforeend',
        '<img src="data:,"><p style="color:#444">low contrast on the dark background</p><a href="#x"></a>')""")
    found = {v[0] for v in tab.run_axe()}
    assert {"image-alt", "color-contrast", "link-name"} <= found, found
