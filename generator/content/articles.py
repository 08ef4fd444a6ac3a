"""One stored article (`content/articles/<id>.md`: front matter + text) → an Article."""

from __future__ import annotations

from generator.content import fields
from generator.content.yamltext import parse
from generator.errors import ContentError, Problem
from generator.model import SAFE_ID, Article
from generator.schema import ARTICLE_FIELDS

FENCE = "---"


def split_front_matter(text: str) -> tuple[str, str] | None:
    """(front matter, body) of `---\\n...\\n---\\n body`, or None without front matter."""
    if not text.startswith(FENCE + "\n"):
        return None
    end = text.find("\n" + FENCE + "\n", len(FENCE))
    if end == -1:
        if text.rstrip("\n").endswith("\n" + FENCE):
            return text[len(FENCE) + 1:text.rstrip("\n").rfind("\n" + FENCE)], ""
        return None
    return text[len(FENCE) + 1:end + 1], text[end + len(FENCE) + 2:]


def read_article(text: str, path: str, article_id: str,
                 content_digest: bytes = b"") -> tuple[Article | None, list[Problem]]:
    """Validate an article file's front matter (the article takes `content_digest`, the digest of its file); the
    body is kept as written."""
    parts = split_front_matter(text)
    if parts is None:
        return None, [Problem(path, 1, 1, "(front matter)", "missing front matter",
                              "start the file with `---`, then `title: ...`, then `---` and the text")]
    front, body = parts
    if not SAFE_ID.fullmatch(article_id):
        return None, [Problem(path, 1, 1, "(file name)", f"`{article_id}` is not a safe identifier",
                              "rename the file with lowercase letters, digits and hyphens")]
    try:
        doc = parse("\n" + front, path)  # the leading newline stands for the opening `---` line
    except ContentError as error:
        return None, error.problems
    data = doc.data if isinstance(doc.data, dict) else {}
    problems = fields.unknown_fields(doc, (), data, ARTICLE_FIELDS, "article front matter")
    problems += fields.missing_fields(doc, (), data, ARTICLE_FIELDS)
    values: dict[str, object] = {}
    for name, checker, args in (("title", fields.text, (True,)), ("url", fields.url, ()),
                                ("publisher", fields.text, (True,)), ("published", fields.date, ()),
                                ("author", fields.text, (True,))):
        if name in data:
            value, problem = checker(doc, (name,), data[name], name, *args)
            if problem:
                problems.append(problem)
            else:
                values[name] = value
    if problems:
        return None, problems
    return Article(id=article_id, path=path, body=body, content_digest=content_digest, **values), []
