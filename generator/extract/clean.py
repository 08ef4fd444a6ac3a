"""Scraper junk out, article text in: hover cards, ads, related links, repeated titles, captions."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from generator.extract.cards import strip_cards
from generator.extract.words import package_data

# Invisible characters that scrapers leave behind and that break exact quotes.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")
_OPENERS = "([\"“‘'—-0123456789"
# Residue an embed leaves once its links and byline are gone: "5/6", "/END", "".
_RESIDUE = re.compile(r"[\W\d_]*(?:END)?[\W\d_]*")


@dataclass(frozen=True, slots=True)
class Rule:
    """A named junk pattern from data/junk.yaml."""

    name: str
    pattern: re.Pattern
    examples: tuple[str, ...]
    keep: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Removal:
    """Something the cleaner dropped, and which rule dropped it (for reports and tests)."""

    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The article text, paragraphs separated by blank lines, plus what was removed."""

    text: str
    title: str
    removed: tuple[Removal, ...]


@lru_cache(maxsize=1)
def rules() -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """(paragraph rules, inline rules), read once from the package data."""
    data = package_data("junk.yaml")

    def build(entries: list[dict], flags: int) -> tuple[Rule, ...]:
        return tuple(Rule(e["name"], re.compile(e["pattern"], flags), tuple(e["examples"]), tuple(e["keep"]))
                     for e in entries)

    return build(data["paragraphs"], 0), build(data["inline"], re.MULTILINE)


def normalize(text: str) -> str:
    """One kind of newline and space, no invisible characters, NFC; line structure kept."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.translate(_INVISIBLE)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks; inside a block, soft-wrapped lines are joined.

    Scraped pages put each paragraph on one line; hand-typed files wrap
    lines. After a line that ends a sentence, a line starting with a capital,
    digit, bracket or quote starts a new paragraph; anything else is a
    wrapped continuation.
    """
    result = []
    for block in re.split(r"\n\s*\n", text):
        current = ""
        for line in (ln.strip() for ln in block.split("\n")):
            if not line:
                continue
            if current and _SENTENCE_END.search(current) and (line[:1].isupper() or line[:1] in _OPENERS):
                result.append(current)
                current = line
            else:
                current = f"{current} {line}" if current else line
        if current:
            result.append(current)
    return result


def _key(text: str) -> str:
    """Comparison form for titles and duplicates: case, quotes and punctuation ignored."""
    return re.sub(r"\W+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def _headline_like(text: str) -> bool:
    return len(text) <= 200 and len(text.split()) <= 30 and not re.search(r"[.!?]$", text)


def drop_title(paras: list[str], title: str) -> tuple[list[str], str, list[Removal]]:
    """Leading copies of the title removed; without a title, a headline-like first paragraph is the title.

    Scrapers often repeat the headline once or twice above the text. A given
    title may carry a label the page does not repeat ("OPINION: ..."), so a
    leading paragraph also counts when the title ends with it.
    """
    removed = []
    if not title and paras and _headline_like(paras[0]):
        title = paras[0]
    key = _key(title)
    while paras and key and (_key(paras[0]) == key or (len(_key(paras[0])) > 20 and key.endswith(_key(paras[0])))):
        removed.append(Removal("repeated-title", paras[0]))
        paras = paras[1:]
    return paras, title, removed


def drop_junk(paras: list[str]) -> tuple[list[str], list[Removal]]:
    """Paragraphs matching a paragraph rule dropped, inline rules cut out of the rest."""
    paragraph_rules, inline_rules = rules()
    kept, removed = [], []
    for para in paras:
        rule = next((r for r in paragraph_rules if r.pattern.fullmatch(para)), None)
        if rule is not None:
            removed.append(Removal(rule.name, para))
            continue
        for inline in inline_rules:
            for match in inline.pattern.finditer(para):
                removed.append(Removal(inline.name, match.group()))
            para = inline.pattern.sub("", para).strip()
        if _RESIDUE.fullmatch(para):
            if para:
                removed.append(Removal("embed-residue", para))
            continue
        kept.append(para)
    return kept, removed


def _related_headline(para: str) -> bool:
    """A Title Case Line Of Four Or More Words with no closing punctuation: a link to another story."""
    words = re.findall(r"[A-Za-z][\w'’-]*", para)
    significant = [w for w in words if len(w) > 3]
    if len(words) < 4 or not significant or re.search(r"[.!?:;,\"”]$", para):
        return False
    return sum(w[0].isupper() for w in significant) / len(significant) >= 0.8 and len(para) <= 150


def drop_related_headlines(paras: list[str]) -> tuple[list[str], list[Removal]]:
    """Headlines of other stories set between paragraphs (run after the article's own title is taken)."""
    kept, removed = [], []
    for para in paras:
        if _related_headline(para):
            removed.append(Removal("related-headline", para))
        else:
            kept.append(para)
    return kept, removed


def drop_repeats(paras: list[str]) -> tuple[list[str], list[Removal]]:
    """Exact repeats of an earlier paragraph removed (captions and banners are often printed twice)."""
    kept, removed, seen = [], [], set()
    for para in paras:
        if _key(para) in seen:
            removed.append(Removal("duplicate", para))
        else:
            seen.add(_key(para))
            kept.append(para)
    return kept, removed


def clean(raw: str, title: str = "") -> Cleaned:
    """The readable article text of a scraped page, and its title (given, or found at the top)."""
    text = normalize(raw)
    stripped, cards = strip_cards(text)
    removed = [Removal("hover-card", text[c.start:c.end].strip()) for c in cards]
    paras, junk = drop_junk(paragraphs(_SPACES.sub(" ", stripped)))
    paras, title, titles = drop_title(paras, title.strip())
    paras, related = drop_related_headlines(paras)
    paras, repeats = drop_repeats(paras)
    body = "\n\n".join(paras)
    return Cleaned(body + "\n" if body else "", title, tuple(removed + junk + titles + related + repeats))
