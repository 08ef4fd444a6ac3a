"""Offline checks of a built site's internal links, and the site variants the site tests build.

`check_site` crawls every HTML file with lxml and reports each link (href, src, srcset, cite, action,
data-*) that points into the site but misses its target file or `#fragment`, or leaves the base path.
Absolute links to the site's own address (canonical, og:url, feed links) count as internal.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import html as lhtml

from conftest import copy_project, run_timeline

SKIPPED_SCHEMES = ("mailto:", "data:", "javascript:", "tel:")
LINK_ATTRIBUTES = {"href", "src", "cite", "action", "poster", "formaction"}


def _page_url(site: Path, file: Path, base_url: str) -> str:
    rel = file.relative_to(site).as_posix()
    return base_url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def _ids(doc) -> set[str]:
    found = {e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")}
    return found | {e.get("name") for e in doc.iter("a") if e.get("name")}


META_URLS = {"og:url", "og:image", "og:image:url", "og:image:secure_url", "twitter:image", "og:audio", "og:video"}


def _json_urls(data):
    """Every `url`, `@id`, `image` or `sameAs` string in JSON-LD data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("url", "@id", "image", "sameAs", "mainEntityOfPage") and isinstance(value, str):
                yield value
            else:
                yield from _json_urls(value)
    elif isinstance(data, list):
        for item in data:
            yield from _json_urls(item)


def _links(doc):
    """(element, attribute, link) for every URL-valued attribute, srcset candidates included,
    Open Graph URLs, and URLs inside JSON-LD."""
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "meta" and (element.get("property") or element.get("name")) in META_URLS:
            yield element, "content", element.get("content", "").strip()
        if element.tag == "script" and element.get("type") == "application/ld+json":
            for url in _json_urls(json.loads(element.text or "null")):
                yield element, "ld+json", url.strip()
        for attribute, value in element.attrib.items():
            if attribute in LINK_ATTRIBUTES:
                yield element, attribute, value.strip()
            elif attribute in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        yield element, attribute, candidate.split()[0]


def check_site(site: Path, base_url: str, served_as: dict[str, list[str]] | None = None) -> list[tuple[str, str, str]]:
    """Broken internal links of the site in `site`, built for `base_url` (e.g. https://host/repo/).

    `served_as` maps a file (relative path) to extra URLs it is also served at; GitHub Pages serves
    404.html for every missing URL, so its links must resolve from any depth.
    Returns (page URL, link, problem) triples; an empty list means every link resolves.
    """
    parts = urlsplit(base_url)
    origin, base = f"{parts.scheme}://{parts.netloc}", parts.path
    assert base.startswith("/") and base.endswith("/"), base_url
    pages: dict[str, object] = {}
    ids: dict[Path, set[str]] = {}
    for file in sorted(site.rglob("*.html")):
        doc = lhtml.parse(str(file)).getroot()
        ids[file.resolve()] = _ids(doc)
        rel = file.relative_to(site).as_posix()
        for url in [_page_url(site, file, base_url), *(served_as or {}).get(rel, [])]:
            pages[url] = doc
    broken = []
    for url, doc in pages.items():
        for element, attribute, link in _links(doc):
            if not link:
                broken.append((url, f"<{element.tag} {attribute}=\"\">", "empty link"))
                continue
            if link.lower().startswith(SKIPPED_SCHEMES):
                continue
            target = urlsplit(urljoin(url, link))
            if target.scheme not in ("http", "https") or f"{target.scheme}://{target.netloc}" != origin:
                continue  # external
            if not target.path.startswith(base):
                broken.append((url, link, f"leaves the base path {base}"))
                continue
            if target.fragment and target._replace(fragment="").geturl() == url.partition("#")[0]:
                if unquote(target.fragment) not in _ids(doc):  # same-document reference
                    broken.append((url, link, f"no element with id {unquote(target.fragment)!r}"))
                continue
            path = site / unquote(target.path[len(base):])
            if target.path.endswith("/") or path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                broken.append((url, link, "missing target"))
                continue
            if target.fragment and path.suffix == ".html":
                fragment = unquote(target.fragment)
                if fragment.startswith(":~:"):
                    continue  # a text fragment, not an element id
                if fragment not in ids.get(path.resolve(), set()):
                    broken.append((url, link, f"no element with id {fragment!r}"))
    return broken


# --- site variants -------------------------------------------------------------------------------

# Content that exercises what the seed does not: drafts, BCE years, ranges, weeks, qualifiers,
# markup-significant and non-ASCII characters, long lines, events without sources or terms,
# and several quotes of one article (merged highlights, a second source of the same event).
EDGE_EVENTS = {
    "2019-draft-hearing": """\
date: 2019-05-14
title: "Draft: a hearing <not yet confirmed> & \\"pending\\" review"
summary: |
  A **draft** event with a [link](https://example.org/a?b=1&c=2) and `code`.
tags: [hearings]
actors: [House Intelligence Committee]
status: draft
""",
    "caesar": """\
date: "-0043-03-15"
title: Assassination of Julius Caesar on the Ides of March
summary: "A BCE day: no HTML datetime exists for it, and calendars leave it out."
tags: [antiquity]
actors: [Julius Caesar, Marcus Junius Brutus]
""",
    "bce-century": """\
date: "-0499~"
title: Around 500 BCE
""",
    "2019-spring-range": """\
date: 2019-03~
end: 2019-06
title: Months-long review of election security, spring 2019
summary: |
  A range with an approximate start; semicolons; commas, and a backslash \\ for iCalendar escaping.

  A second paragraph.
tags: [election-security, hearings]
actors: [Łukasz Żółć, Senate Intelligence Committee]
""",
    "2019-07-01-three-day-summit": """\
date: 2019-07-01
end: 2019-07-03
title: "Ünïcödé summit — 選挙セキュリティ会議 — with a deliberately long title to force line folding in calendars"
summary: |
  Multi-byte characters (é, ü, 選挙, 🗳️) straddle the 75-octet iCalendar fold; "quotes", <angle brackets> & ampersands.

  - The [agenda](https://example.org/summit) and **notes**, as plain text in calendars.
  - A second item.
tags: [election-security]
actors: ["Ünïcödé Org", 選挙管理委員会]
sources:
  - url: https://example.org/summit#agenda
    title: Summit agenda
    publisher: Example
    published: 2019-06-30
    quote: A quote on a URL that already has a fragment.
""",
    "2020-w10-uncertain": """\
date: 2020-W10?
title: An uncertain week
""",
    "2020-09-03-second-quote": """\
date: 2020-09-03
title: Schumer joins the letter (a second quote of the same article)
tags: [sanctions]
actors: [Charles Schumer]
sources:
  - article: the-hill-2020-09-03-democrats-press-sanctions
    title: Top Democrats press Trump
    publisher: The Hill
    published: 2020-09-03
    quote: "A group of leading Senate Democrats on Thursday called on the Trump administration"
  - article: the-hill-2020-09-03-democrats-press-sanctions
    title: Top Democrats press Trump
    publisher: The Hill
    published: 2020-09-03
    quote: "along with Senate Minority Leader Charles Schumer (D-N.Y.), sent a letter to Treasury Secretary Steven Mnuchin"
""",
    "2020-09-03-overlapping-quote": """\
date: 2020-09-03
title: Overlapping quote of the letter
sources:
  - article: the-hill-2020-09-03-democrats-press-sanctions
    quote: "called on the Trump administration to impose sanctions on Russians"
""",
}


def edge_project(target: Path) -> Path:
    """A copy of the bundled project plus EDGE_EVENTS (one of them a draft)."""
    target.mkdir(parents=True, exist_ok=True)
    copy_project(target)
    for name, text in EDGE_EVENTS.items():
        (target / "content" / "events" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return target


def build_site(project: Path | None, out: Path, base_url: str, *extra: str) -> Path:
    """`timeline build` in a subprocess; returns the output folder."""
    args = ["build", "--base-url", base_url, "--output", str(out), *extra]
    if project is not None:
        args += ["--project", str(project)]
    result = run_timeline(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def init_project(target: Path, *extra: str) -> Path:
    """`timeline init` in a subprocess."""
    if target.exists():
        shutil.rmtree(target)
    result = run_timeline("init", str(target), *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return target
