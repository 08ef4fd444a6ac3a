"""Every generated HTML page (and its CSS) is valid for the Nu HTML Checker (vnu), in one JVM run."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from lxml import html as lhtml

from conftest import ROOT
from linkcheck import build_site, edge_project, init_project

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# A page with known errors, checked in the same run: proves vnu really looked at the files.
CANARY = ('<!DOCTYPE html><html lang="en"><head><title>canary</title></head>'
          '<body><p><img src="a.png"></p></div></body></html>')


@pytest.fixture(scope="module")
def sites(site_dir: Path, tmp_path_factory) -> dict[str, Path]:
    """The seed site, a drafts build with edge-case content, a fresh `timeline init` project and a canary."""
    root = tmp_path_factory.mktemp("vnu")
    drafts = build_site(edge_project(root / "edge"), root / "drafts" / "repo",
                        "https://example.github.io/repo/", "--drafts")
    project = init_project(root / "new-site")
    fresh = build_site(project, root / "init" / "new-site", "https://example.github.io/new-site/")
    canary = root / "canary"
    canary.mkdir()
    (canary / "index.html").write_text(CANARY, encoding="utf-8")
    return {"seed": site_dir, "drafts": drafts, "init": fresh, "canary": canary}


@pytest.fixture(scope="module")
def vnu_messages(sites: dict[str, Path]) -> dict[str, list[str]]:
    """vnu errors per site, from a single run over all of them."""
    assert VNU.is_file(), "run `npm ci` to install vnu-jar"
    # C1-only JIT halves the CPU time of this short run; it needs a larger thread stack than the default.
    result = subprocess.run(["java", "-Xss8m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), "--errors-only", "--also-check-css", "--format", "json",
                             "--skip-non-html", *map(str, sites.values())],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stderr)
    found: dict[str, list[str]] = {name: [] for name in sites}
    for message in report["messages"]:
        url = message.get("url", "")
        name = next((n for n, path in sites.items() if url.startswith(path.resolve().as_uri().replace("file:///", "file:/"))), None)
        line = f"{url}:{message.get('lastLine')}:{message.get('firstColumn')}: {message['type']}: {message['message']}"
        assert name is not None, f"vnu message outside the checked sites: {line}"
        found[name].append(line)
    return found


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_vnu_really_checks(vnu_messages):
    joined = "\n".join(vnu_messages["canary"])
    assert "alt" in joined and "Stray end tag" in joined, joined


def test_seed_site_is_valid_html(vnu_messages, sites):
    assert len(_html_files(sites["seed"])) >= 10
    assert list((sites["seed"] / "static").glob("*.css")), "no stylesheet was checked"
    assert vnu_messages["seed"] == []


def test_drafts_site_is_valid_html(vnu_messages, sites):
    drafts = sites["drafts"]
    assert (drafts / "events" / "2019-draft-hearing" / "index.html").is_file(), "the draft was not built"
    assert (drafts / "years" / "44-bce" / "index.html").is_file(), "the BCE year page was not built"
    assert vnu_messages["drafts"] == []


def test_init_project_site_is_valid_html(vnu_messages, sites):
    assert len(_html_files(sites["init"])) >= 5
    assert vnu_messages["init"] == []


# --- what validators do not look at: head metadata and structured data --------------------------

ISO_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-W(0[1-9]|[1-4]\d|5[0-3]))?")


def _page_url(site: Path, file: Path, base_url: str) -> str:
    rel = file.relative_to(site).as_posix()
    return base_url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


@pytest.mark.parametrize("name", ["seed", "drafts"])
def test_head_metadata(sites, name):
    """Canonical and og:url name the page itself; titles are unique; every page has a description."""
    site, base_url = sites[name], "https://example.github.io/repo/"
    titles: dict[str, str] = {}
    for file in _html_files(site):
        doc = lhtml.parse(str(file)).getroot()
        url = _page_url(site, file, base_url)
        canonical = doc.xpath("//head/link[@rel='canonical']/@href")
        og_url = doc.xpath("//head/meta[@property='og:url']/@content")
        title = doc.findtext(".//head/title") or ""
        description = doc.xpath("//head/meta[@name='description']/@content")
        assert doc.get("lang"), f"{url}: no lang"
        assert title.strip() and description and description[0].strip(), url
        if file.name == "404.html" and file.parent == site:
            continue  # served at every missing address: it is nobody's canonical page
        assert canonical == [url] and og_url == [url], url
        assert title not in titles, f"{url} and {titles.get(title)} share the title {title!r}"
        titles[title] = url


@pytest.mark.parametrize("name", ["seed", "drafts"])
def test_structured_data(sites, name):
    """Every JSON-LD block parses; schema.org Events carry a name, their own URL and ISO 8601 dates."""
    site, base_url = sites[name], "https://example.github.io/repo/"
    events = 0
    for file in _html_files(site):
        doc = lhtml.parse(str(file)).getroot()
        for script in doc.xpath("//script[@type='application/ld+json']"):
            data = json.loads(script.text)
            assert data.get("@context") in ("https://schema.org", "https://schema.org/"), file
            assert data.get("@type"), file
            if data["@type"] != "Event":
                continue
            events += 1
            assert data["name"].strip() and data["url"] == _page_url(site, file, base_url)
            # The same plain words as the page's descriptions: no Markdown, no HTML.
            said = doc.xpath("//head/meta[@name='description']/@content")
            assert [data["description"]] == said == doc.xpath("//head/meta[@property='og:description']/@content")
            assert len(said[0]) <= 200 and not re.search(r"\]\(|\*\*|`|<\w", said[0]), (file, said)
            for key in ("startDate", "endDate"):
                if key in data:
                    assert ISO_DATE.fullmatch(data[key]), (file, key, data[key])
    assert events == len(list((site / "events").glob("*/index.html"))), "one Event per event page"
