"""Every internal link and #fragment resolves, and nothing leaves the base path, under a subpath and at a domain root."""

from __future__ import annotations

import csv
import functools
import http.server
import io
import shutil
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from conftest import SUBPATH, _QuietHandler
from linkcheck import build_site, check_site, edge_project

SUBPATH_URL = "https://example.github.io/repo/"
ROOT_URL = "https://example.org/"


def _served_404(base_url: str) -> dict[str, list[str]]:
    """GitHub Pages answers any missing URL with 404.html, so its links must work from every depth."""
    return {"404.html": [base_url + "missing", base_url + "no/such/page/", base_url + "events/gone/deeper/x.html"]}


def test_crawler_catches_broken_links(site_dir, tmp_path):
    """The checker itself: a spoiled copy of the site must fail in each way it can."""
    spoiled = tmp_path / "repo"
    shutil.copytree(site_dir, spoiled)
    index = spoiled / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace("</main>", """
        <a href="events/no-such-event/">missing page</a>
        <a href="tags/#no-such-anchor">missing anchor</a>
        <a href="#nowhere">missing anchor on this page</a>
        <a href="/elsewhere/">outside the base path</a>
        <a href="../">above the base path</a>
        <a href="https://example.github.io/other/">same host, other site</a>
        <img src="static/missing.png" alt="">
        <a href="https://example.org/external">external, not checked</a>
        </main>""", 1).replace("</head>", """
        <meta property="og:image" content="https://example.github.io/repo/no-such-image.png">
        <script type="application/ld+json">{"@type": "Event", "url": "https://example.github.io/repo/events/gone/"}</script>
        </head>""", 1), encoding="utf-8")
    problems = {(link, problem.split(" ")[0]) for _, link, problem in check_site(spoiled, SUBPATH_URL)}
    assert problems == {
        ("events/no-such-event/", "missing"), ("tags/#no-such-anchor", "no"), ("#nowhere", "no"),
        ("/elsewhere/", "leaves"), ("../", "leaves"), ("https://example.github.io/other/", "leaves"),
        ("static/missing.png", "missing"), ("https://example.github.io/repo/no-such-image.png", "missing"),
        ("https://example.github.io/repo/events/gone/", "missing"),
    }


def test_no_broken_links_under_a_subpath(site_dir):
    assert len(list(site_dir.rglob("*.html"))) >= 10
    assert check_site(site_dir, SUBPATH_URL, _served_404(SUBPATH_URL)) == []


def test_no_broken_links_at_a_domain_root(tmp_path):
    site = build_site(None, tmp_path / "www", ROOT_URL)
    assert check_site(site, ROOT_URL, _served_404(ROOT_URL)) == []


def test_no_broken_links_with_drafts_and_edge_cases(tmp_path):
    site = build_site(edge_project(tmp_path / "project"), tmp_path / "repo", SUBPATH_URL, "--drafts")
    assert (site / "events" / "2019-draft-hearing" / "index.html").is_file()
    assert check_site(site, SUBPATH_URL, _served_404(SUBPATH_URL)) == []


class _UnthrottledHandler(_QuietHandler):
    """The conftest handler, plus the response header with which linkchecker lifts its per-host
    politeness delay (0.1-0.6 s per request, minutes for a few hundred URLs)."""

    def end_headers(self):
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


@pytest.fixture(scope="module")
def unthrottled_site_url(site_dir, site_url):
    """The same files as `site_url`, served the same way under /repo/, by a server linkchecker need not spare."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_UnthrottledHandler, directory=str(site_dir.parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    assert urllib.request.urlopen(url).read() == urllib.request.urlopen(site_url).read()
    yield url
    server.shutdown()


def test_linkchecker_over_http(unthrottled_site_url, tmp_path):
    """linkchecker crawls the served site from the index and the 404 page, with anchor checking on."""
    site_url = unthrottled_site_url
    config = tmp_path / "linkcheckerrc"
    config.write_text("[checking]\nmaxrequestspersecond=1000\n[filtering]\ncheckextern=0\n[AnchorCheck]\n",
                      encoding="utf-8")
    linkchecker = Path(sys.executable).with_name("linkchecker")
    result = subprocess.run([str(linkchecker), "--no-status", "--verbose", "-f", str(config), "-o", "csv",
                             site_url, site_url + "404.html"], capture_output=True, text=True, timeout=300)
    lines = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))
    assert rows, result.stdout + result.stderr
    checked = {row["url"].partition("#")[0] for row in rows if row["url"].startswith(site_url)}
    assert len(checked) >= 10, f"only {len(checked)} internal URLs were checked"
    errors = [(row["parentname"], row["urlname"], row["result"]) for row in rows if row["valid"] != "True"]
    warnings = [(row["parentname"], row["urlname"], row["warningstring"]) for row in rows if row["warningstring"]]
    assert errors == []
    assert [w for w in warnings if "anchor" in w[2].lower()] == []
    assert warnings == []
    assert result.returncode == 0, result.stderr
