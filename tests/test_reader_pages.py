"""The reader's pages as built: search index, period grouping, precision, event and source pages, RTL."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import html as lhtml
from playwright.sync_api import expect

from conftest import copy_project, run_timeline
from generator.pages import html as html_pages
from generator.pages.views import next_period, period_label, period_size, period_start


def _doc(site: Path, path: str):
    return lhtml.parse(str(site / path)).getroot()


def _event(project: Path, name: str, text: str) -> None:
    (project / "content" / "events" / f"{name}.yaml").write_text(text)


def _build(project: Path, out: Path, *extra: str) -> Path:
    result = run_timeline("build", "-C", str(project), "--output", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return out


def test_search_index_covers_every_event(site_dir):
    data = json.loads((site_dir / "search.json").read_text())
    published = json.loads((site_dir / "events.json").read_text())["events"]
    fields = data["fields"]
    rows = [dict(zip(fields, row)) for row in data["events"]]
    assert [r["id"] for r in rows] == [e["id"] for e in published]
    for row, event in zip(rows, published):
        assert row["title"] == event["title"]
        assert row["quotes"].split("\n") == [s["quote"] for s in event["sources"] if s["quote"]]
        assert [data["tags"][i][1] for i in row["tags"]] == sorted(event["tags"], key=str.lower)
        assert sorted(data["actors"][i][1] for i in row["actors"]) == sorted(event["actors"])
        assert row["date_display"] == event["date_display"] and row["precision"] == event["precision"]
        assert row["period"] == f"y{row['year']}"
    assert "<p>" in rows[0]["summary_html"]


def test_index_lists_every_event_with_time_elements(site_dir):
    doc = _doc(site_dir, "index.html")
    events = doc.xpath("//*[@id='chronology']//li[contains(concat(' ', normalize-space(@class), ' '), ' event ')]")
    assert len(events) == 8
    assert all(e.xpath(".//time[@datetime]") for e in events)
    assert [h.get("id") for h in doc.xpath("//h2[contains(concat(' ', normalize-space(@class), ' '), ' period-title ')]")] == ["y2016", "y2018", "y2020"]
    assert len(doc.xpath("//h1")) == 1
    # The overview strip keeps empty years as gaps, so distances in time stay honest.
    slots = doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' bars ')]/li")
    assert [bool(s.xpath("a")) for s in slots] == [True, False, True, False, True]
    assert doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' overview ')]//a")[1].text_content() == "2018: 3 events"


def test_headings_are_in_order_on_every_page_type(site_dir):
    for path in ["index.html", "events/2018-11-midterm-interference-sanctions/index.html", "years/2018/index.html",
                 "tags/sanctions/index.html", "sources/the-hill-2020-09-03-democrats-press-sanctions/index.html"]:
        levels = [int(h.tag[1]) for h in _doc(site_dir, path).iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1 and levels.count(1) == 1, path
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (path, levels)


def test_event_page_has_sources_quotes_and_metadata(site_dir):
    doc = _doc(site_dir, "events/2018-11-midterm-interference-sanctions/index.html")
    assert doc.xpath("//link[@rel='canonical']")[0].get("href").endswith("/events/2018-11-midterm-interference-sanctions/")
    assert doc.xpath("//meta[@property='og:type']")[0].get("content") == "article"
    data = json.loads(doc.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["@type"] == "Event" and data["startDate"] == "2018-11"
    assert "known to the month" in doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' event-date ')]")[0].text_content()
    links = {a.text_content().strip(): a.get("href") for a in doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' quote-links ')]//a")}
    assert re.search(r"sources/the-hill-2020-09-03-democrats-press-sanctions/#q-2018-11-midterm", links["Quote in context on our copy of the article"])
    assert "#:~:text=" in links["Quote on the original page"]
    assert doc.xpath("//a[@rel='prev']") and doc.xpath("//a[@rel='next']")
    assert doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' in-context ')]//a")[0].get("href") == "../../#2018-11-midterm-interference-sanctions"


def test_source_page_marks_every_quote_and_links_it_to_its_event(site_dir):
    doc = _doc(site_dir, "sources/the-hill-2020-09-03-democrats-press-sanctions/index.html")
    published = json.loads((site_dir / "events.json").read_text())["events"]
    quoting = [e["id"] for e in published if any(s["article"] for s in e["sources"])]
    marks = {m.get("id") for m in doc.xpath("//mark[@id]")} | {s.get("id") for s in doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' article-text ')]//span[@id]")}
    for event_id in quoting:
        assert f"q-{event_id}" in marks, event_id
        assert doc.xpath(f"//*[contains(concat(' ', normalize-space(@class), ' '), ' article-text ')]//a[contains(concat(' ', normalize-space(@class), ' '), ' quote-ref ')][@href='../../events/{event_id}/']"), event_id
    assert len(doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' cited-by ')]//li")) == len(quoting)


def test_periods_group_by_decade_and_century():
    assert period_size([2016, 2020]) == 1 and period_size([1950, 2020]) == 10 and period_size([1200, 2020]) == 100
    assert period_label(period_start(2018, 10), 10) == "2010s"
    assert period_label(period_start(1999, 100), 100) == "1900–1999"
    assert period_label(period_start(-43, 1), 1) == "44 BCE"
    assert period_label(period_start(-43, 100), 100) == "100–1 BCE"
    assert next_period(period_start(-43, 100), 100) == period_start(50, 100)
    assert period_label(period_start(50, 100), 100) == "1–99"


def test_long_timeline_is_grouped_by_decade(tmp_path):
    project = copy_project(tmp_path)
    _event(project, "1948-early", "date: 1948\ntitle: An early event\n")
    _event(project, "1951-03-later", "date: 1951-03\ntitle: A later event\n")
    site = _build(project, tmp_path / "out")
    doc = _doc(site, "index.html")
    assert [h.text_content() for h in doc.xpath("//h2[contains(concat(' ', normalize-space(@class), ' '), ' period-title ')]")] == ["1940s", "1950s", "2010s", "2020s"]
    assert [h.get("id") for h in doc.xpath("//h3[contains(concat(' ', normalize-space(@class), ' '), ' year-title ')]")][:2] == ["y1948", "y1951"]
    assert doc.xpath("//h4[contains(concat(' ', normalize-space(@class), ' '), ' event-title ')]")
    assert len(doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' bars ')]/li")) == 9  # 1940s … 2020s, gaps included
    data = json.loads((site / "search.json").read_text())
    assert {row[-1] for row in data["events"]} == {"p1940", "p1950", "p2010", "p2020"}
    # The year page's way back leads to the year inside its decade.
    assert _doc(site, "years/1951/index.html").xpath("//a[@href='../../#y1951']")


def test_big_timelines_show_recent_periods_in_full(tmp_path, monkeypatch):
    from generator.build import render_site
    from generator.config import load_config

    project = copy_project(tmp_path)
    monkeypatch.setattr(html_pages, "INDEX_EVENT_BUDGET", 5)
    files = render_site(load_config(project))
    doc = lhtml.fromstring(files["index.html"])
    # 2020 (4 events) fits, 2018 (3 more) would not: it and 2016 link to their year pages.
    assert len(doc.xpath("//*[@id='chronology']//li[contains(concat(' ', normalize-space(@class), ' '), ' event ')]")) == 4
    assert [s.get("class") for s in doc.xpath("//*[@id='chronology']/section")] == [
        "period period-elsewhere", "period period-elsewhere", "period"]
    assert doc.xpath("//*[@id='chronology']//a[@href='./years/2018/']")
    # An event page's way back leads to the year page when the timeline page leaves the event out.
    older = lhtml.fromstring(files["events/2018-11-midterm-interference-sanctions/index.html"])
    assert older.xpath("//p[@class='in-context']/a/@href") == ["../../years/2018/#2018-11-midterm-interference-sanctions"]
    newer = lhtml.fromstring(files["events/2020-11-us-elections/index.html"])
    assert newer.xpath("//p[@class='in-context']/a/@href") == ["../../#2020-11-us-elections"]
    assert "shows the 4 most recent events" in doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' elsewhere-note ')]")[0].text_content()
    assert doc.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' overview ')]//a")[0].get("href") == "#y2016"  # anchors stay valid


@pytest.mark.browser
def test_rtl_language_sets_direction(tmp_path, browser):
    project = copy_project(tmp_path)
    config = project / "config.yaml"
    config.write_text(re.sub(r"(?m)^language: .*$", "language: ar", config.read_text()))
    site = _build(project, tmp_path / "out")
    page = browser.new_page(viewport={"width": 320, "height": 640})
    for path in ["index.html", "events/2018-11-midterm-interference-sanctions/index.html"]:
        page.goto((site / path).as_uri())
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("html")).to_have_attribute("lang", "ar")
        assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    # The event rail and its dots sit on the right.
    page.goto((site / "index.html").as_uri())
    item = page.locator("li.event").first
    padding = item.evaluate("e => [getComputedStyle(e).paddingRight, getComputedStyle(e).paddingLeft]")
    assert float(padding[0][:-2]) > float(padding[1][:-2]), padding
    page.goto((site / "events/2018-11-midterm-interference-sanctions/index.html").as_uri())
    assert "scaleX(-1)" in page.locator(".pager .arrow").first.evaluate("e => getComputedStyle(e).transform") or \
        page.locator(".pager .arrow").first.evaluate("e => getComputedStyle(e).transform").startswith("matrix(-1")
    page.close()
    shutil.rmtree(tmp_path / "out")


@pytest.mark.browser
def test_big_timeline_search_and_links_reach_events_left_off_the_page(tmp_path, monkeypatch, page):
    import functools
    import http.server
    import threading

    from generator.build import render_site
    from generator.config import load_config

    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    monkeypatch.setattr(html_pages, "INDEX_EVENT_BUDGET", 5)
    site = tmp_path / "served" / "repo"
    for path, data in render_site(load_config(project)).items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site.parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/repo/"
        older = "2018-11-midterm-interference-sanctions"
        page.goto(base)
        expect(page.locator("#chronology li.event")).to_have_count(4)
        # Search covers the events the page leaves out.
        page.get_by_label("Search titles, summaries and quotes").fill("previously")
        expect(page.locator("#results li.event")).to_have_count(1)
        expect(page.locator("#results li.event")).to_have_attribute("data-id", older)
        expect(page).to_have_url(base + "?q=previously")
        # A link to such an event on the timeline page forwards to its year page.
        page.goto(base + "#" + older)
        expect(page).to_have_url(base + "years/2018/#" + older)
        expect(page.locator(f"li[id='{older}']")).to_be_in_viewport()
    finally:
        server.shutdown()


def test_views_of_events_on_the_same_dates_share_their_date_texts():
    from generator.dates import PartialDate
    from generator.model import Event
    from generator.pages.views import event_view

    def view(event_id, date, end=None):
        return event_view(Event(event_id, PartialDate.parse(date), "T", f"{event_id}.yaml",
                                end=PartialDate.parse(end) if end else None))

    first, second = view("a", "2020-09~", "2021"), view("b", "2020-09~", "2021")
    assert (first.date_display, first.datetime, first.end_display, first.date_note) == (
        "c. Sept. 2020 – 2021", "2020-09", "2021", "Known to the month, approximate; ends 2021 (known to the year)")
    assert first.date_display is second.date_display and first.date_note is second.date_note
    other = view("c", "2020-09?")
    assert (other.date_display, other.date_note, other.end_datetime, other.uncertain) == (
        "Sept. 2020?", "Known to the month, uncertain", None, True)
