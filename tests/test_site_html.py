"""Every generated HTML page (and its CSS) is valid for the Nu HTML Checker (vnu), in one JVM run."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

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
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--also-check-css", "--format", "json",
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
