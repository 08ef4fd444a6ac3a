"""Files that publishing needs: sitemap.xml, robots.txt, .nojekyll."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.config import Config
from generator.pages.xmlescape import escape


SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org); more pages get a sitemap index


def sitemaps(page_paths: list[str], config: Config) -> dict[str, Callable[[], Iterator[str]]]:
    """sitemap.xml (sitemaps.org 0.9) listing every HTML page except 404.html; past SITEMAP_LIMIT pages it is
    an index of sitemap-1.xml, sitemap-2.xml, ... each within the limit."""
    count = len(page_paths) - ("404.html" in page_paths)

    def urls(start: int = 0, stop: int | None = None) -> list[str]:
        # Made when a sitemap is (a build that keeps them as they were never sorts the paths), and not kept after: a
        # list of every URL kept for the other sitemap files of a 100,000-event site held 12.6 MB in a render worker to
        # its end, and each sitemap file is a part of its own, which any worker may take.
        ordered = sorted(path for path in page_paths if path != "404.html")[start:stop]
        return [path[: -len("index.html")] if path.endswith("index.html") else path for path in ordered]

    if count <= SITEMAP_LIMIT:
        return {"sitemap.xml": lambda: _urlset(urls(), config)}
    names = [f"sitemap-{number}.xml" for number in range(1, -(-count // SITEMAP_LIMIT) + 1)]
    files = {"sitemap.xml": lambda: _sitemap_index(names, config)}
    for index, name in enumerate(names):
        start = index * SITEMAP_LIMIT
        files[name] = lambda start=start: _urlset(urls(start, start + SITEMAP_LIMIT), config)
    return files


def _urlset(urls: list[str], config: Config) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    for url in urls:
        yield f"  <url><loc>{escape(config.base_url + url)}</loc></url>\n"
    yield "</urlset>\n"


def _sitemap_index(names: list[str], config: Config) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    for name in names:
        yield f"  <sitemap><loc>{escape(config.base_url + name)}</loc></sitemap>\n"
    yield "</sitemapindex>\n"


def robots(config: Config) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.base_url}sitemap.xml\n".encode()


NOJEKYLL = b""  # tells GitHub Pages to publish the files as they are
