"""Files that publishing needs: sitemap.xml, robots.txt, .nojekyll."""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape

from generator.config import Config


def sitemap(page_paths: list[str], config: Config) -> Iterator[str]:
    """sitemaps.org 0.9: every HTML page except 404.html."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    for path in sorted(page_paths):
        if path == "404.html":
            continue
        url = path[: -len("index.html")] if path.endswith("index.html") else path
        yield f"  <url><loc>{escape(config.base_url + url)}</loc></url>\n"
    yield "</urlset>\n"


def robots(config: Config) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.base_url}sitemap.xml\n".encode()


NOJEKYLL = b""  # tells GitHub Pages to publish the files as they are
