"""`timeline serve` in a real browser: an edit shows in the open page by itself, within about a second."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT, copy_project


@pytest.fixture()
def preview(tmp_path):
    project = copy_project(tmp_path)
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", "0", "-C", str(project)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    line = server.stdout.readline()
    assert line.startswith("serving "), line
    yield project, line.split()[1]
    server.terminate()
    server.wait(timeout=10)


@pytest.mark.browser
def test_event_template_and_config_edits_reload_the_open_page(page: Page, preview):
    project, url = preview
    page.goto(url + "events/2016-russian-interference-effort/")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Russian agents launch")

    event = project / "content" / "events" / "2016-russian-interference-effort.yaml"
    started = time.monotonic()
    event.write_text(event.read_text().replace("title: Russian agents launch", "title: Russian operatives launch"))
    expect(heading).to_contain_text("Russian operatives launch", timeout=5000)
    assert time.monotonic() - started < 3  # typically a few hundred milliseconds

    base = project / "templates" / "base.html"
    base.write_text(base.read_text().replace("Skip to content", "Skip to the content"))
    expect(page.get_by_role("link", name="Skip to the content")).to_have_count(1, timeout=5000)

    config = project / "config.yaml"
    config.write_text(config.read_text().replace("title: Russian election", "title: Edited Russian election"))
    expect(page.get_by_role("banner")).to_contain_text("Edited Russian election", timeout=5000)


@pytest.mark.browser
def test_broken_edit_shows_the_problem_in_the_page(page: Page, preview):
    project, url = preview
    page.goto(url)
    event = project / "content" / "events" / "2016-russian-interference-effort.yaml"
    event.write_text(event.read_text().replace("date: 2016", "date: 2016-02-30"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("problem", timeout=5000)
    expect(page.locator("main")).to_contain_text("Feb. 2016 has no day 30")
    event.write_text(event.read_text().replace("date: 2016-02-30", "date: 2016"))
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("problem", timeout=5000)
