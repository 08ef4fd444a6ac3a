"""Feeds, exports and publishing files of the built site, each checked against a schema or its RFC.

Run over the seed site and over a drafts build with edge-case content (BCE years, ranges, weeks,
non-ASCII and markup-significant characters).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import jsonschema
import pytest
from lxml import etree
from lxml import html as lhtml

from conftest import ROOT, copy_project
from generator.markup import plain_text
from linkcheck import build_site, edge_project

SCHEMAS = Path(__file__).resolve().parent / "schemas"
SITEMAP_XSD = ROOT / "node_modules" / "sitemap" / "schema" / "sitemap.xsd"
BASE_URL = "https://example.github.io/repo/"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module", params=["seed", "drafts"])
def site(request, site_dir, tmp_path_factory) -> Path:
    if request.param == "seed":
        return site_dir
    root = tmp_path_factory.mktemp("feeds-drafts")
    return build_site(edge_project(root / "project"), root / "repo", BASE_URL, "--drafts")


def _json_schema(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _schema_errors(validator: jsonschema.Draft202012Validator, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in validator.iter_errors(data)]


def _page_exists(site: Path, url: str) -> bool:
    """True when an absolute URL of the site is a built file (`…/x/` → `x/index.html`)."""
    if not url.startswith(BASE_URL):
        return False
    path = site / urlsplit(url).path[len(urlsplit(BASE_URL).path):]
    return (path / "index.html").is_file() if url.endswith("/") else path.is_file()


def _events(site: Path) -> list[dict]:
    return json.loads((site / "events.json").read_text(encoding="utf-8"))["events"]


def _event_pages(site: Path) -> set[str]:
    return {p.parent.name for p in (site / "events").glob("*/index.html")}


def _absolute_links_only(fragment_html: str) -> list[str]:
    """Links in feed HTML that a feed reader could not resolve (anything not absolute)."""
    if not fragment_html.strip():
        return []
    bad = []
    for element in lhtml.fragments_fromstring(fragment_html):
        if isinstance(element, str):
            continue
        for _, attribute, link, _ in element.iterlinks():
            if attribute in ("href", "src") and not re.match(r"(https?|mailto):", link):
                bad.append(link)
    return bad


# --- Atom ----------------------------------------------------------------------------------------

def test_atom_feed_matches_schema(site):
    schema = etree.RelaxNG.from_rnc_string((SCHEMAS / "atom-subset.rnc").read_text(encoding="utf-8"))
    document = etree.parse(str(site / "feed.xml"))
    assert schema.validate(document), str(schema.error_log)


def test_atom_feed_parses_and_links_into_the_site(site):
    raw = (site / "feed.xml").read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = etree.fromstring(raw)
    links = [(link.get("rel"), link.get("href")) for link in root.findall(f"{ATOM}link")]
    assert sorted(links) == [("alternate", BASE_URL), ("self", BASE_URL + "feed.xml")]
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == min(50, len(_events(site)))
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids), "entry ids must be unique"
    feed_updated = root.findtext(f"{ATOM}updated")
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert _page_exists(site, href), href
        assert dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) <= dt.datetime.fromisoformat(feed_updated)
        assert _absolute_links_only(entry.findtext(f"{ATOM}content")) == []


# --- JSON Feed, events.json, TimelineJS ----------------------------------------------------------

def test_json_feed_matches_schema(site):
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert _schema_errors(_json_schema("jsonfeed-1.1.json"), feed) == []
    assert feed["home_page_url"] == BASE_URL and feed["feed_url"] == BASE_URL + "feed.json"
    ids = [item["id"] for item in feed["items"]]
    assert len(set(ids)) == len(ids)
    atom_ids = [e.findtext(f"{ATOM}id") for e in etree.parse(str(site / "feed.xml")).getroot().findall(f"{ATOM}entry")]
    assert ids == atom_ids, "the JSON Feed and the Atom feed list the same events in the same order"
    events = {event["url"]: event for event in json.loads((site / "events.json").read_text())["events"]}
    for item in feed["items"]:
        assert _page_exists(site, item["url"]), item["url"]
        assert _absolute_links_only(item["content_html"]) == []
        # A plain-text sentence or two (the JSON Feed spec), not the summary's Markdown.
        event = events[item["url"]]
        assert item["summary"] == " ".join(plain_text(event["summary"]).split()) or event["title"]


def test_events_json_matches_schema(site):
    data = json.loads((site / "events.json").read_text(encoding="utf-8"))
    assert _schema_errors(_json_schema("events.json"), data) == []
    assert data["url"] == BASE_URL
    ids = [event["id"] for event in data["events"]]
    assert len(set(ids)) == len(ids)
    assert set(ids) == _event_pages(site), "one record per event page"
    for event in data["events"]:
        assert event["url"] == f"{BASE_URL}events/{event['id']}/"


def test_timelinejs_matches_schema(site):
    data = json.loads((site / "timeline.json").read_text(encoding="utf-8"))
    assert _schema_errors(_json_schema("timelinejs3.json"), data) == []
    events = {e["id"]: e for e in _events(site)}
    assert [e["unique_id"] for e in data["events"]] == list(events)
    for slide in data["events"]:
        event = events[slide["unique_id"]]
        start = slide["start_date"]
        assert slide["text"]["headline"] == event["title"]
        assert start["display_date"] == event["date_display"].split(" – ")[0]
        if event["precision"] != "week":  # a week starts on its Monday, which may lie in another month
            assert start["year"] == int(re.match(r"-?\d+", event["date"]).group())
            assert ("month" in start) == (event["precision"] in ("month", "day"))
            assert ("day" in start) == (event["precision"] == "day")
        if "end_date" in slide:
            assert event["end"], slide
            key = lambda d: (d["year"], d.get("month", 0), d.get("day", 0))  # noqa: E731
            assert key(slide["end_date"]) >= key(start)
        else:
            assert not event["end"]


# --- CSV -----------------------------------------------------------------------------------------

CSV_HEADER = ["id", "date", "end", "precision", "title", "summary", "tags", "actors", "url", "source_urls"]


def test_csv_has_one_row_per_event(site):
    raw = (site / "events.csv").read_bytes()
    assert raw.endswith(b"\r\n"), "RFC 4180 records end with CRLF"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), strict=True))
    assert rows[0] == CSV_HEADER
    assert all(len(row) == len(CSV_HEADER) for row in rows), "every record has every column"
    records = [dict(zip(CSV_HEADER, row)) for row in rows[1:]]
    events = _events(site)
    assert [r["id"] for r in records] == [e["id"] for e in events]
    assert {r["id"] for r in records} == _event_pages(site)
    for record, event in zip(records, events):
        assert (record["date"], record["title"], record["summary"]) == (event["date"], event["title"], event["summary"])
        assert record["url"] == event["url"] and _page_exists(site, record["url"])
        assert record["tags"].split("; ") == event["tags"] if event["tags"] else record["tags"] == ""


# --- iCalendar -----------------------------------------------------------------------------------

CONTENT_LINE = re.compile(r'(?P<name>[A-Za-z0-9-]+)(?P<params>(;[A-Za-z0-9-]+=("[^"]*"|[^";:,]*)(,("[^"]*"|[^";:,]*))*)*):(?P<value>.*)')
TEXT_VALUE = re.compile(r"(?:[^\\,;\r\n]|\\[\\,;nN])*")


def _unfolded(raw: bytes) -> list[str]:
    """RFC 5545 §3.1: every physical line ends in CRLF, has at most 75 octets and is valid UTF-8 by itself."""
    assert raw.endswith(b"\r\n")
    physical = raw[:-2].split(b"\r\n")
    problems = []
    for number, line in enumerate(physical, 1):
        if len(line) > 75:
            problems.append(f"line {number}: {len(line)} octets")
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number}: bare CR or LF")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number}: folding split a UTF-8 sequence")
    assert problems == []
    logical: list[str] = []
    for line in (p.decode("utf-8") for p in physical):
        if line[:1] in (" ", "\t"):
            assert logical, "a calendar cannot start with a continuation line"
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def _ics_unescape(value: str) -> str:
    return re.sub(r"\\([\\,;nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def _day_after_end(event: dict) -> dt.date:
    """The exclusive DTEND an all-day event should have: the day after the last day its dates cover."""
    text = (event["end"] or event["date"]).rstrip("~?")
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text):
        return dt.date(int(m[1]), int(m[2]), int(m[3])) + dt.timedelta(days=1)
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", text):
        return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1) + dt.timedelta(days=7)
    if m := re.fullmatch(r"(\d{4})-(\d\d)", text):
        year, month = int(m[1]), int(m[2])
        return dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(int(text) + 1, 1, 1)


def test_icalendar(site):
    lines = _unfolded((site / "events.ics").read_bytes())
    parsed = []
    for line in lines:
        match = CONTENT_LINE.fullmatch(line)
        assert match, f"not a content line: {line!r}"
        parsed.append((match["name"].upper(), match["params"], match["value"]))
    assert parsed[0] == ("BEGIN", "", "VCALENDAR") and parsed[-1] == ("END", "", "VCALENDAR")
    calendar = [p for p in parsed if p[0] in ("VERSION", "PRODID")]
    assert sorted(p[0] for p in calendar) == ["PRODID", "VERSION"] and ("VERSION", "", "2.0") in calendar

    vevents, current = [], None
    for name, params, value in parsed[1:-1]:
        if (name, value) == ("BEGIN", "VEVENT"):
            assert current is None, "nested VEVENT"
            current = {}
        elif (name, value) == ("END", "VEVENT"):
            vevents.append(current)
            current = None
        elif current is not None:
            assert name not in current, f"{name} twice in one VEVENT"
            current[name] = (params, value)
        else:
            assert name not in ("BEGIN", "END"), f"unexpected component {value}"
    assert current is None, "unterminated VEVENT"

    host = urlsplit(BASE_URL).hostname
    events = {e["id"]: e for e in _events(site)}
    expected = {i for i, e in events.items() if e["precision"] == "day" and not e["date"].startswith("-")}
    uids = [v["UID"][1] for v in vevents]
    assert len(set(uids)) == len(uids), "UIDs are unique"
    assert {uid.removesuffix("@" + host) for uid in uids} == expected, "exactly the day-precision (CE) events"
    for vevent in vevents:
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"} <= set(vevent), sorted(vevent)
        event = events[vevent["UID"][1].removesuffix("@" + host)]
        assert re.fullmatch(r"\d{8}T\d{6}Z", vevent["DTSTAMP"][1]) and vevent["DTSTAMP"][0] == ""
        assert vevent["DTSTART"][0] == vevent["DTEND"][0] == ";VALUE=DATE"
        start = dt.datetime.strptime(vevent["DTSTART"][1], "%Y%m%d").date()
        end = dt.datetime.strptime(vevent["DTEND"][1], "%Y%m%d").date()
        assert start.isoformat() == event["date"].rstrip("~?")
        assert end == _day_after_end(event) and end > start
        for text_property in ("SUMMARY", "DESCRIPTION"):
            if text_property in vevent:
                assert TEXT_VALUE.fullmatch(vevent[text_property][1]), f"unescaped TEXT in {text_property}"
                assert vevent[text_property][1].strip(), f"empty {text_property}"
        # The summary as plain text: calendar applications show no Markdown.
        description = plain_text(event["summary"])
        assert ("DESCRIPTION" in vevent) == bool(description)
        assert _ics_unescape(vevent.get("DESCRIPTION", ("", ""))[1]) == description
        assert _ics_unescape(vevent["SUMMARY"][1]) == event["title"]
        assert vevent["URL"][1] == event["url"] and _page_exists(site, event["url"])


# --- sitemap, robots.txt, .nojekyll --------------------------------------------------------------

def test_sitemap_matches_xsd_and_lists_every_page(site):
    assert SITEMAP_XSD.is_file(), "run `npm ci` to install the sitemap package"
    schema = etree.XMLSchema(etree.parse(str(SITEMAP_XSD)))
    document = etree.parse(str(site / "sitemap.xml"))
    assert schema.validate(document), str(schema.error_log)
    locs = [loc.text for loc in document.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(set(locs)) == len(locs)
    assert [loc for loc in locs if not _page_exists(site, loc)] == []
    pages = set()
    for file in site.rglob("*.html"):
        rel = file.relative_to(site).as_posix()
        if rel != "404.html":
            pages.add(BASE_URL + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    assert set(locs) == pages, "every page but 404.html is listed"


def test_robots_txt_names_the_sitemap(site):
    text = (site / "robots.txt").read_text(encoding="utf-8")
    records = [line.split(":", 1) for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert all(len(r) == 2 for r in records), text
    fields = [(name.strip().lower(), value.strip()) for name, value in records]
    assert ("sitemap", BASE_URL + "sitemap.xml") in fields
    assert ("user-agent", "*") in fields
    assert ("disallow", "/") not in fields


def test_nojekyll_exists(site):
    assert (site / ".nojekyll").is_file()


def test_past_the_limit_the_sitemap_is_an_index_of_sitemaps(tmp_path, monkeypatch):
    from generator.build import build
    from generator.config import load_config
    from generator.pages import publishing

    project = copy_project(tmp_path)
    monkeypatch.setattr(publishing, "SITEMAP_LIMIT", 7)
    site = build(load_config(project, {"base_url": BASE_URL}), jobs=1, use_cache=False).output
    index = etree.parse(str(site / "sitemap.xml")).getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.text for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(parts) > 1 and parts == [f"{BASE_URL}sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    schema = etree.XMLSchema(etree.parse(str(SITEMAP_XSD)))
    locs = []
    for url in parts:
        document = etree.parse(str(site / url[len(BASE_URL):]))
        assert schema.validate(document), str(schema.error_log)
        part = [loc.text for loc in document.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        assert 0 < len(part) <= 7
        locs += part
    pages = {BASE_URL + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
             for rel in (file.relative_to(site).as_posix() for file in site.rglob("*.html")) if rel != "404.html"}
    assert len(locs) == len(set(locs)) and set(locs) == pages


def test_xml_escaping_gives_the_bytes_of_the_standard_library():
    import random
    from xml.sax import saxutils

    from generator.pages import xmlescape

    alphabet = "ab &<>\"'\n\r\té"
    texts = ["", "'", '"', "\"'", "a&amp;b"]
    generator = random.Random(5)
    texts += ["".join(generator.choice(alphabet) for _ in range(generator.randint(1, 10))) for _ in range(20000)]
    for text in texts:
        assert xmlescape.escape(text) == saxutils.escape(text)
        assert xmlescape.quoteattr(text) == saxutils.quoteattr(text)
