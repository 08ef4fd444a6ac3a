"""The reader's timeline in headless Chromium: filters, search, deep links, keyboard, no-JS, print, small screens."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SANCTIONS = 4  # seed events tagged sanctions
CONGRESS = 2
BOTH = "2020-09-03-senate-democrats-letter-to-mnuchin"
ALL_EVENTS = 8


def _errors(page: Page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda message: message.type == "error" and found.append(message.text))
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def _ready(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#filters")).to_be_visible()


def _results(page: Page):
    return page.locator("#results li.event")


def _open(page: Page, kind: str) -> None:
    facet = page.locator(f"#facet-{kind}")
    if facet.get_attribute("open") is None:
        facet.locator("summary").click()


def test_two_tags_any_of_then_all_of(page: Page, site_url):
    _ready(page, site_url)
    _open(page, "tag")
    page.get_by_role("checkbox", name=re.compile(r"^sanctions")).check()
    expect(_results(page)).to_have_count(SANCTIONS)
    page.get_by_role("checkbox", name=re.compile(r"^congress")).check()
    # "any of" is the default: events with either tag.
    expect(page.get_by_role("radio", name="any checked tag (OR)")).to_be_checked()
    expect(_results(page)).to_have_count(5)
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^5 of 8 events match: tagged congress or sanctions\.$"))
    assert "tag=congress" in page.url and "tag=sanctions" in page.url and "tagmode" not in page.url
    page.get_by_role("radio", name="all checked tags (AND)").check()
    expect(_results(page)).to_have_count(1)
    expect(_results(page).first).to_have_attribute("data-id", BOTH)
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^1 of 8 events matches: tagged congress and sanctions\.$"))
    expect(page).to_have_url(re.compile(r"tagmode=all"))
    # The chronology is set aside while results show; clearing brings it back and empties the URL query.
    expect(page.locator("#chronology li.event").first).not_to_be_visible()
    page.locator("#filters [data-clear]").click()
    expect(page.locator("#chronology li.event")).to_have_count(ALL_EVENTS)
    expect(page.locator("#chronology li.event").first).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Showing all 8 events.")
    expect(page).to_have_url(site_url)


def test_filters_come_from_the_url(page: Page, site_url):
    _ready(page, site_url + "?tag=sanctions&tag=congress&tagmode=all")
    expect(_results(page)).to_have_count(1)
    expect(page.locator('input[name="tag"][value="sanctions"]')).to_be_checked()
    expect(page.locator('input[name="tag"][value="congress"]')).to_be_checked()
    expect(page.locator('input[name="tagmode"][value="all"]')).to_be_checked()
    expect(page.locator("#facet-tag")).to_have_attribute("open", "")


def test_actor_and_year_range_combine_with_and(page: Page, site_url):
    _ready(page, site_url + "?actor=treasury-department")
    expect(_results(page)).to_have_count(3)
    page.select_option("#from", "2020")
    expect(_results(page)).to_have_count(1)
    expect(page).to_have_url(re.compile(r"actor=treasury-department&from=2020"))
    page.select_option("#to", "2018")  # reversed range reads as 2018 to 2020
    expect(_results(page)).to_have_count(3)


def test_search_finds_a_word_that_is_only_in_a_quote(page: Page, site_url):
    _ready(page, site_url)
    assert "previously" not in page.locator("#chronology").inner_text().lower()
    page.get_by_label("Search titles, summaries and quotes").fill("Previously")
    expect(_results(page)).to_have_count(1)
    expect(_results(page).first).to_have_attribute("data-id", "2018-11-midterm-interference-sanctions")
    note = _results(page).first.locator(".match-note")
    expect(note).to_contain_text("Found in a source quote")
    expect(note.locator("mark")).to_have_text("previously")
    expect(page).to_have_url(re.compile(r"\?q=Previously$"))
    page.get_by_label("Search titles, summaries and quotes").fill("previously nonexistentword")
    expect(page.locator("#no-results")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^0 of 8 events match: containing “previously nonexistentword”\.$"))


def test_deep_link_lands_on_the_event(page: Page, site_url):
    target = "2020-11-us-elections"
    page.goto(site_url + "#" + target)
    article = page.locator(f"li[id='{target}'] > article")
    expect(article).to_be_focused()
    expect(article).to_be_in_viewport()


def test_deep_link_with_filters_from_the_url(page: Page, site_url):
    target = "2018-treasury-sanctions-internet-research-agency"
    page.goto(site_url + "?tag=sanctions#" + target)
    expect(_results(page)).to_have_count(SANCTIONS)
    article = page.locator(f"#results li[data-id='{target}'] > article")
    expect(article).to_be_focused()
    expect(article).to_be_in_viewport()
    # An event the filters leave out is not silently shown.
    page.goto(site_url + "?tag=congress#" + target)
    expect(_results(page)).to_have_count(CONGRESS)
    expect(page.get_by_role("status")).to_contain_text("does not match the filters")


def test_j_and_k_move_between_events_and_tab_still_works(page: Page, site_url):
    _ready(page, site_url)
    items = page.locator("#chronology li.event")
    first, second = items.nth(0).get_attribute("id"), items.nth(1).get_attribute("id")
    page.keyboard.press("j")
    expect(page.locator(f"li[id='{first}'] > article")).to_be_focused()
    page.keyboard.press("j")
    expect(page.locator(f"li[id='{second}'] > article")).to_be_focused()
    page.keyboard.press("ArrowDown")  # arrows work too while an event has focus
    expect(items.nth(2).locator("> article")).to_be_focused()
    page.keyboard.press("k")
    page.keyboard.press("ArrowUp")
    expect(page.locator(f"li[id='{first}'] > article")).to_be_focused()
    # Focus is not trapped: Tab goes on to the event's own title link.
    page.keyboard.press("Tab")
    expect(page.locator(f"li[id='{first}'] .event-title a")).to_be_focused()
    # Keys typed into the search box stay there.
    page.keyboard.press("/")
    search = page.get_by_label("Search titles, summaries and quotes")
    expect(search).to_be_focused()
    page.keyboard.type("jk")
    expect(search).to_have_value("jk")
    expect(search).to_be_focused()


def test_j_moves_through_filtered_results(page: Page, site_url):
    _ready(page, site_url + "?tag=congress")
    page.locator("h1").click()
    page.keyboard.press("j")
    expect(_results(page).nth(0).locator("> article")).to_be_focused()
    page.keyboard.press("j")
    expect(_results(page).nth(1).locator("> article")).to_be_focused()


def test_overview_bars_are_named_links(page: Page, site_url):
    _ready(page, site_url)
    bar = page.get_by_role("link", name="2018: 3 events")
    expect(bar).to_have_attribute("href", "#y2018")
    bar.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#y2018$"))
    expect(page.get_by_role("navigation", name="Jump to a year").get_by_role("link", name=re.compile(r"^2020\s*: 4 events$"))).to_be_visible()
    # While filtering, bars and jump links tell how many events of each year match.
    _ready(page, site_url + "?tag=congress")
    expect(page.locator(".overview").get_by_role("link", name="2020: 2 of 4 events match")).to_be_visible()
    jump = page.locator(".jump a[href='#y2020']")
    expect(jump).to_have_accessible_name(re.compile(r"^2020\s*: 2 of 4 events match$"))
    assert jump.locator(".count").evaluate("e => e.innerText.replace(/\\s+/g, '')").startswith("2/")
    page.locator("#filters [data-clear]").click()
    expect(page.locator(".overview").get_by_role("link", name="2020: 4 events")).to_be_visible()


def test_jump_bar_stays_in_view(page: Page, site_url):
    page.set_viewport_size({"width": 800, "height": 400})
    _ready(page, site_url)
    page.get_by_role("navigation", name="Jump to a year").get_by_role("link", name=re.compile("^2020")).click()
    # Smooth scrolling takes a moment: wait until the page has come to rest, then measure.
    page.wait_for_function("""() => new Promise(done => {
        let last = -1;
        const check = () => { if (window.scrollY > 0 && window.scrollY === last) done(true);
                              else { last = window.scrollY; setTimeout(check, 100); } };
        check();
    })""")
    box = page.locator(".jump").bounding_box()
    assert box and abs(box["y"]) < 1, box
    heading = page.locator("#y2020").bounding_box()
    assert heading and heading["y"] >= box["height"] - 1, (heading, box)  # not hidden under the bar


def test_dates_show_their_precision(page: Page, site_url):
    page.goto(site_url)
    year_event = page.locator("li[id='2018-treasury-sanctions-internet-research-agency']")
    expect(year_event.locator("time")).to_have_attribute("datetime", "2018")
    expect(year_event.locator("time")).to_have_attribute("title", "Known to the year")
    expect(year_event.locator(".precision")).to_have_text("(year precision)")
    day_event = page.locator(f"li[id='{BOTH}']")
    expect(day_event.locator("time")).to_have_attribute("datetime", "2020-09-03")
    expect(day_event.locator(".precision")).to_have_count(0)


def test_without_javascript_everything_is_readable(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    expect(page.locator("li.event")).to_have_count(ALL_EVENTS)
    for index in range(ALL_EVENTS):
        expect(page.locator("li.event").nth(index)).to_be_visible()
    expect(page.locator("#filters")).to_be_hidden()
    page.locator(".stats").get_by_role("link", name="tag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tags")
    page.get_by_role("link", name="sanctions", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("#sanctions")
    expect(page.locator("li.event")).to_have_count(SANCTIONS)
    expect(page.locator(".js-only")).to_be_hidden()
    page.goto(site_url + "#2020-11-us-elections")
    expect(page.locator("li[id='2020-11-us-elections']")).to_be_in_viewport()
    context.close()


def test_print_shows_a_clean_chronology_with_source_notes(page: Page, site_url):
    page.goto(site_url)
    page.emulate_media(media="print")
    for hidden in (".site-header nav", ".overview", ".jump", "#filters", ".site-footer", ".terms >> nth=0"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("#chronology li.event")).to_have_count(ALL_EVENTS)
    notes = page.locator(".source-notes li")
    expect(notes.first).to_be_visible()
    expect(notes.first.locator(".note-detail")).to_be_visible()
    before = page.evaluate("() => getComputedStyle(document.querySelector('.source-notes li'), '::before').content")
    assert before.startswith('"[" counter(note)') or "[1]" in before or "counter" in before, before
    after = page.evaluate("() => getComputedStyle(document.querySelector('.source-notes .note-detail'), '::after').content")
    assert "attr(data-url)" in after or "https://" in after, after
    page.goto(site_url + "events/2018-11-midterm-interference-sanctions/")
    page.emulate_media(media="print")
    expect(page.locator(".pager")).to_be_hidden()
    expect(page.locator(".sources blockquote")).to_be_visible()
    after = page.evaluate("() => getComputedStyle(document.querySelector('a.source-link'), '::after').content")
    assert "attr(href)" in after or "https://" in after, after


PAGES = ["", "events/2020-w36-ratcliffe-halts-in-person-election-briefings/", "years/2020/", "tags/", "tags/sanctions/",
         "actors/", "actors/treasury-department/", "sources/", "sources/the-hill-2020-09-03-democrats-press-sanctions/",
         "404.html", "?tag=sanctions&q=treasury"]


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_at_320px(page: Page, site_url, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"{path or 'index'} is {width}px wide"


@pytest.mark.parametrize("path", PAGES)
def test_no_console_errors(page: Page, site_url, path):
    errors = _errors(page)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("j")
    page.keyboard.press("k")
    assert errors == [], errors


def test_event_page_links_to_the_quote_and_the_original(page: Page, site_url):
    page.goto(site_url + "events/2018-11-midterm-interference-sanctions/")
    in_context = page.get_by_role("link", name=re.compile("^Quote in context"))
    expect(in_context).to_have_attribute("href", re.compile(r"sources/the-hill-2020-09-03-democrats-press-sanctions/#q-"))
    expect(page.get_by_role("link", name="Quote on the original page")).to_have_attribute("href", re.compile(r"#:~:text="))
    in_context.click()
    mark = page.locator("mark:target")
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    page.go_back()
    page.get_by_role("link", name="See this event in the timeline").click()
    expect(page.locator("li[id='2018-11-midterm-interference-sanctions'] > article")).to_be_focused()
