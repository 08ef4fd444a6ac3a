"""The event and article fields, declared once: they drive validation, `timeline new` and the docs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a content file."""

    name: str
    kind: str  # id | date | text | line | markdown | tags | names | sources | status | extracted | url
    required: bool
    help: str
    example: str = ""


EVENT_FIELDS = (
    Field("id", "id", False, "Permanent identifier and URL segment (`a-z`, `0-9`, `-`); defaults to the file name.",
          "2018-sanctions-internet-research-agency"),
    Field("date", "date", True, "When it happened, only as precise as the evidence: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or "
          "ISO week `YYYY-Www`; `-0043` is 44 BCE; suffix `~` approximate, `?` uncertain.", "2018-12-19"),
    Field("end", "date", False, "Last day of a range, same forms as `date`; not before `date`.", "2019-01"),
    Field("title", "line", True, "Headline, one line.", "Treasury sanctions the Internet Research Agency"),
    Field("summary", "markdown", False, "What happened, in Markdown (raw HTML is removed; links must be http(s) or mailto).",
          "The Treasury Department ..."),
    Field("tags", "tags", False, "Topics, lowercase words joined by `-`.", "[sanctions, election-interference]"),
    Field("actors", "names", False, "People and organisations involved, by name.", "[Treasury Department]"),
    Field("sources", "sources", False, "Where it is reported: a list of sources (fields below), each ideally with the exact quote.", ""),
    Field("status", "status", False, "`published` (default) or `draft` (shown by `serve`, left out of `build` unless `--drafts`).",
          "published"),
    Field("extracted", "extracted", False, "Written by `timeline extract` for review: expression, how it was resolved, "
          "offsets, confidence, possible duplicate.", ""),
)

SOURCE_FIELDS = (
    Field("article", "id", False, "Id of a stored article in `content/articles/`; the quote must appear in it.",
          "the-hill-2020-09-03-democrats-press-sanctions"),
    Field("url", "url", False, "Address of the original (http or https); required unless `article` gives one.",
          "https://thehill.com/..."),
    Field("title", "line", False, "Title of the source.", ""),
    Field("publisher", "line", False, "Who published it.", "The Hill"),
    Field("published", "date", False, "Publication date.", "2020-09-03"),
    Field("quote", "text", False, "The exact supporting words from the source.", ""),
)

EXTRACTED_FIELDS = (
    Field("expression", "text", False, "The temporal expression the date came from.", "two years earlier"),
    Field("resolved", "text", False, "How the expression was resolved.", ""),
    Field("offsets", "offsets", False, "Start and end of the quote in the stored article text.", "[6512, 6790]"),
    Field("confidence", "number", False, "0 to 1: how sure the extractor was.", "0.7"),
    Field("duplicate_of", "id", False, "An existing event this one may repeat.", ""),
)

ARTICLE_FIELDS = (
    Field("title", "line", True, "Headline of the article.", ""),
    Field("url", "url", False, "Address of the original (http or https).", ""),
    Field("publisher", "line", False, "Who published it.", "The Hill"),
    Field("published", "date", False, "Publication date, `YYYY-MM-DD`.", "2020-09-03"),
    Field("author", "line", False, "Byline.", ""),
)

STATUSES = ("published", "draft")


def names(fields: tuple[Field, ...]) -> tuple[str, ...]:
    """Field names of a table, in order."""
    return tuple(f.name for f in fields)
