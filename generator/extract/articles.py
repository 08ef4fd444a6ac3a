"""Reading articles to extract from (plain text, Markdown with front matter, saved HTML) and storing them."""

from __future__ import annotations

import datetime
import glob
import hashlib
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from generator.content.articles import split_front_matter
from generator.content.yamltext import parse
from generator.errors import ContentError, Problem
from generator.model import slugify
from generator.yamlout import dump

MAX_BYTES = 50 * 1024 * 1024
SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")
FRONT_FIELDS = ("title", "url", "publisher", "published", "author")
TEXT_HINT = "pass the article as UTF-8 text (.txt), Markdown with front matter (.md) or a saved web page (.html)"


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An input file's text and whatever metadata it carried (empty strings when unknown)."""

    path: str
    text: str
    title: str = ""
    url: str = ""
    publisher: str = ""
    published: str = ""
    author: str = ""


def expand_inputs(arguments: list[str]) -> tuple[list[Path], list[str]]:
    """Files named, found under named folders, or matched by globs; and the arguments that matched nothing."""
    files: list[Path] = []
    missing: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.exists():
            files.append(path)
        elif any(c in argument for c in "*?["):
            matched = sorted(Path(p) for p in glob.glob(argument, recursive=True) if Path(p).is_file())
            files += matched
            if not matched:
                missing.append(argument)
        else:
            missing.append(argument)
    return list(dict.fromkeys(files)), missing


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def read_text(path: Path, shown: str) -> str:
    """The file's text, or a Problem for files that are unreadable, too large, empty, binary or not UTF-8."""
    try:
        size = path.stat().st_size
        data = b"" if size > MAX_BYTES else path.read_bytes()
    except OSError as error:
        raise ContentError([Problem(shown, 1, 1, "(file)", f"cannot read: {error.strerror}",
                                    "check that the file exists and is readable")]) from None
    if size > MAX_BYTES:
        raise ContentError([Problem(shown, 1, 1, "(file)", f"file is {size / 1024 / 1024:.1f} MB, over the 50 MB limit",
                                    "extract one article per file; split exports into single articles first")])
    if not data.strip():
        raise ContentError([Problem(shown, 1, 1, "(file)", "file is empty", "pass a file that holds the article text")])
    if b"\0" in data:
        line, col = _position(data, data.index(b"\0"))
        raise ContentError([Problem(shown, line, col, "(file)", "not a text file (it contains NUL bytes)", TEXT_HINT)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, col = _position(data, error.start)
        raise ContentError([Problem(shown, line, col, "(file)",
                                    f"not UTF-8 text (byte 0x{data[error.start]:02x} cannot be decoded)",
                                    TEXT_HINT)]) from None


def read_article(path: Path, shown: str) -> RawArticle:
    """An input file as text plus metadata, by its suffix; raises ContentError for unusable files."""
    text = read_text(path, shown)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm") or (suffix not in (".md", ".markdown") and _looks_like_html(text)):
        return _from_html(text, shown)
    if text.startswith("---\n") or text.startswith("---\r\n"):
        return _from_front_matter(text.replace("\r\n", "\n"), shown)
    if suffix in (".md", ".markdown"):
        return RawArticle(shown, markdown_to_text(text))
    return RawArticle(shown, text)


def _looks_like_html(text: str) -> bool:
    return bool(re.match(r"\s*(?:<!doctype html|<html\b)", text, re.IGNORECASE))


def _from_front_matter(text: str, shown: str) -> RawArticle:
    parts = split_front_matter(text)
    if parts is None:
        raise ContentError([Problem(shown, 1, 1, "(front matter)", "front matter is not closed",
                                    "end the front matter with a line `---` before the text")])
    front, body = parts
    document = parse("\n" + front, shown)  # the leading newline stands for the opening `---` line
    data = document.data if isinstance(document.data, dict) else {}
    values = {}
    for name in FRONT_FIELDS:
        value = data.get(name, "")
        if not isinstance(value, str):
            line, col = document.at((name,))
            raise ContentError([Problem(shown, line, col, name, "expected a single line of text",
                                        f"write `{name}: ...` on one line")])
        values[name] = value.strip()
    if values["published"] and not re.fullmatch(r"\d{4}-\d\d-\d\d", values["published"]):
        line, col = document.at(("published",))
        raise ContentError([Problem(shown, line, col, "published", f"`{values['published']}` is not a YYYY-MM-DD date",
                                    "write the publication day, e.g. `published: 2020-09-03`")])
    return RawArticle(shown, markdown_to_text(body), **values)


def markdown_to_text(text: str) -> str:
    """Markdown reduced to its words: heading marks, emphasis and link targets removed."""
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)


class _PageReader(HTMLParser):
    """Paragraph text and metadata of a saved news page; skips scripts, navigation and figures."""

    SKIP = frozenset("script style noscript template svg nav header footer aside form button figure select iframe"
                     .split())
    BLOCKS = frozenset("p div h1 h2 h3 h4 h5 h6 li blockquote section article br tr dd dt pre main".split())

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.in_article = 0
        self.in_title = False
        self.chunks: list[str] = []
        self.article_chunks: list[str] = []
        self.meta: dict[str, str] = {}
        self.page_title = ""

    def handle_starttag(self, tag, attrs):
        attributes = {k.lower(): (v or "") for k, v in attrs}
        if tag in self.SKIP:
            self.skipping += 1
        elif tag == "article":
            self.in_article += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or "").lower()
            if key and attributes.get("content"):
                self.meta.setdefault(key, attributes["content"].strip())
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower():
            self.meta.setdefault("canonical", attributes.get("href", ""))
        elif tag == "time" and attributes.get("datetime"):
            self.meta.setdefault("time", attributes["datetime"])
        if tag in self.BLOCKS:
            self._add("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag == "article" and self.in_article:
            self.in_article -= 1
        elif tag == "title":
            self.in_title = False
        if tag in self.BLOCKS:
            self._add("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.page_title += data
        elif not self.skipping:
            self._add(re.sub(r"\s+", " ", data))

    def _add(self, text: str):
        self.chunks.append(text)
        if self.in_article:
            self.article_chunks.append(text)


def _from_html(text: str, shown: str) -> RawArticle:
    reader = _PageReader()
    reader.feed(text)
    reader.close()
    chunks = reader.article_chunks if "".join(reader.article_chunks).strip() else reader.chunks
    body = re.sub(r"[ \t]*\n\s*\n\s*", "\n\n", "".join(chunks)).strip()
    if not body:
        raise ContentError([Problem(shown, 1, 1, "(html)", "no article text found in the page",
                                    "save the page after it has loaded, or paste the article text into a .txt file")])
    meta = reader.meta
    published = publication_day(meta.get("article:published_time") or meta.get("date") or meta.get("pubdate")
                                or meta.get("time") or "")
    return RawArticle(
        shown, body,
        title=html.unescape(meta.get("og:title") or reader.page_title).strip(),
        url=meta.get("og:url") or meta.get("canonical", ""),
        publisher=meta.get("og:site_name", ""),
        published=published,
        author=meta.get("author", ""),
    )


def publication_day(value: str) -> str:
    """YYYY-MM-DD of a page's date stamp, in whatever format the site wrote it ('' when unsure)."""
    value = value.strip()
    if re.match(r"\d{4}-\d\d-\d\d", value):
        return value[:10]
    if not value:
        return ""
    import dateparser  # only for stamps like "Thu, 03 Sep 2020 14:22:00 GMT"; costly to import

    # Absolute dates only, with day, month and year all present: nothing is filled in from today.
    parsed = dateparser.parse(value, languages=["en"], settings={
        "PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date().isoformat() if parsed else ""


def _short_slug(text: str, limit: int = 45) -> str:
    slug = ""
    for word in slugify(text).split("-"):
        if slug and len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}-{word}" if slug else word[:limit]
    return slug


def article_id(title: str, publisher: str, published: datetime.date | None, fallback: str) -> str:
    """`the-hill-2020-09-03-top-democrats-press-trump-to-sanction-russian`: publisher, day, title."""
    parts = [_short_slug(publisher, 30) if publisher else "", published.isoformat() if published else "",
             _short_slug(title or fallback)]
    return "-".join(p for p in parts if p) or "article"


def body_digest(body: str) -> str:
    """A fingerprint of an article's text that ignores spacing, for finding it again."""
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()


def article_file(front: dict[str, str], body: str) -> str:
    """The text of `content/articles/<id>.md`: front matter, then the cleaned text."""
    fields = {name: front[name] for name in FRONT_FIELDS if front.get(name)}
    return "---\n" + dump(fields) + "---\n" + body


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article already in `content/articles/`: how to recognise it and where its text is."""

    id: str
    path: str
    url: str
    digest: str


def stored_articles(folder: Path) -> tuple[StoredArticle, ...]:
    """What `content/articles/` holds; files that cannot be read are left to `timeline check`."""
    found = []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        parts = split_front_matter(path.read_text("utf-8", errors="replace"))
        if parts is None:
            continue
        try:
            data = parse("\n" + parts[0], str(path)).data
        except ContentError:
            continue
        url = data.get("url", "") if isinstance(data, dict) and isinstance(data.get("url", ""), str) else ""
        found.append(StoredArticle(path.stem, str(path), url, body_digest(parts[1])))
    return tuple(found)


def stored_body(path: str) -> str:
    """The text after the front matter of a stored article (what offsets and quotes refer to)."""
    parts = split_front_matter(Path(path).read_text("utf-8"))
    return parts[1] if parts else ""
