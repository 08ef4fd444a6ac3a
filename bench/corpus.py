"""A deterministic synthetic timeline project of N events (events, sources, quotes, articles) for benchmarks."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

SEED = 20200903
_ONSETS = ("b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r", "s", "st",
           "t", "tr", "v", "w", "z")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ou")
_CODAS = ("", "", "n", "r", "s", "l", "nd", "rt", "st", "m", "x")
_COMMON = ("the", "of", "and", "to", "in", "a", "that", "for", "on", "with", "as", "by", "at", "from", "said",
           "was", "were", "its", "after", "before", "would", "could", "which", "their", "new", "officials", "report",
           "committee", "government", "election", "security", "agency", "state", "federal", "public", "week")
_PUBLISHERS = ("The Daily Ledger", "Metro Courier", "Wire Service", "The Observer", "Capital Report", "Gazette")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(rng.randint(1, 3)))


@dataclass(frozen=True)
class Corpus:
    """Where a generated project lives and what it holds."""

    root: Path
    events: int
    articles: int


class _Writer:
    def __init__(self, n: int):
        self.rng = random.Random(SEED)
        rng = self.rng
        self.vocabulary = sorted({_word(rng) for _ in range(2500)}) + list(_COMMON) * 20
        self.tags = sorted({_word(rng) + "-" + _word(rng) for _ in range(max(12, n // 40))})
        self.actors = sorted({f"{_word(rng).title()} {_word(rng).title()}" for _ in range(max(20, n // 15))})
        # Mildly skewed popularity, like real tags: a few common ones, a long tail.
        self.tag_weights = [1 / (rank + 1) ** 0.5 for rank in range(len(self.tags))]
        self.actor_weights = [1 / (rank + 1) ** 0.5 for rank in range(len(self.actors))]

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, k=count)

    def sentence(self, count: int) -> str:
        words = self.words(count)
        return " ".join(words).capitalize() + "."

    def markdown(self, total: int) -> str:
        """Paragraphs with emphasis, links, code and the odd list: 80-200 words of ordinary summary Markdown."""
        rng = self.rng
        paragraphs, left = [], total
        while left > 0:
            size = min(left, rng.randint(30, 90))
            left -= size
            if size < 10:
                break
            words = self.words(size)
            for _ in range(rng.randint(0, 3)):
                i = rng.randrange(len(words))
                words[i] = rng.choice(("*{}*", "**{}**", "`{}`", "_{}_")).format(words[i])
            if rng.random() < 0.5:
                i = rng.randrange(len(words) - 1)
                words[i] = f"[{words[i]} {words[i + 1]}](https://example.org/{words[i]}/{rng.randint(1, 9999)})"
                del words[i + 1]
            text = " ".join(words)
            lines, line = [], []
            for word in text.split(" "):  # wrap like an editor would
                line.append(word)
                if sum(len(w) + 1 for w in line) > 90:
                    lines.append(" ".join(line))
                    line = []
            lines.append(" ".join(line))
            paragraph = "\n".join(lines).capitalize() + "."
            if rng.random() < 0.1:
                paragraph += "\n\n" + "\n".join(f"- {self.sentence(rng.randint(3, 8))}" for _ in range(rng.randint(2, 4)))
            paragraphs.append(paragraph)
        return "\n\n".join(paragraphs)


def _date(rng: random.Random, index: int, n: int) -> tuple[str, str]:
    """(our partial date, an ISO day for systems that need one)."""
    year = 1950 + (index * 75) // max(n, 1)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    kind = rng.random()
    if kind < 0.70:
        ours = f"{year}-{month:02d}-{day:02d}"
    elif kind < 0.85:
        ours, day = f"{year}-{month:02d}", 1
    elif kind < 0.95:
        ours, month, day = f"{year}", 1, 1
    else:
        week = rng.randint(2, 50)
        ours = f"{year}-W{week:02d}"
        month, day = min(12, 1 + (week * 7) // 31), 1
    if rng.random() < 0.05:
        ours += "~"
    return ours, f"{year}-{month:02d}-{day:02d}"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(n: int, root: Path, hugo: Path | None = None) -> Corpus:
    """Write an N-event project under `root` (and the same events as a Hugo site under `hugo`)."""
    writer = _Writer(n)
    rng = writer.rng
    events_dir, articles_dir = root / "content" / "events", root / "content" / "articles"
    events_dir.mkdir(parents=True, exist_ok=True)
    articles_dir.mkdir(parents=True, exist_ok=True)
    (root / "config.yaml").write_text(
        "title: Synthetic timeline\ndescription: A generated timeline for benchmarks.\n"
        "base_url: https://example.github.io/bench/\nbuild_date: 2024-06-01\n", encoding="utf-8")
    article_count = max(5, n // 10)
    article_sentences: list[list[str]] = []
    for a in range(article_count):
        paragraphs = [[writer.sentence(rng.randint(8, 22)) for _ in range(rng.randint(3, 6))]
                      for _ in range(rng.randint(6, 12))]
        article_sentences.append([s for p in paragraphs for s in p])
        body = "\n\n".join(" ".join(p) for p in paragraphs)
        year = 1950 + (a * 75) // article_count
        (articles_dir / f"article-{a:06d}.md").write_text(
            f"---\ntitle: {writer.sentence(6)[:-1]}\nurl: https://news.example.com/{year}/{a}\n"
            f"publisher: {rng.choice(_PUBLISHERS)}\npublished: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
            f"author: {rng.choice(writer.actors)}\n---\n{body}\n", encoding="utf-8")
    if hugo:
        (hugo / "content" / "events").mkdir(parents=True, exist_ok=True)
    for i in range(n):
        ours, iso_day = _date(rng, i, n)
        title = writer.sentence(rng.randint(5, 12))[:-1]
        event_id = f"{ours.rstrip('~').lower()}-{'-'.join(title.lower().split()[:5])}-{i}"
        summary = writer.markdown(rng.randint(80, 200))
        tags = sorted(set(rng.choices(writer.tags, writer.tag_weights, k=rng.randint(1, 4))))
        actors = sorted(set(rng.choices(writer.actors, writer.actor_weights, k=rng.randint(0, 3))))
        lines = [f"date: {_quoted(ours)}", f"title: {_quoted(title)}", "summary: |"]
        lines += ["  " + line if line else "" for line in summary.split("\n")]
        lines.append(f"tags: [{', '.join(tags)}]")
        if actors:
            lines.append(f"actors: [{', '.join(actors)}]")
        lines.append("sources:")
        sources = []
        if rng.random() < 0.8:
            a = rng.randrange(article_count)
            quote = rng.choice(article_sentences[a])
            lines += [f"  - article: article-{a:06d}", f"    quote: {_quoted(quote)}"]
            sources.append(f"article-{a:06d}")
        for _ in range(rng.randint(0 if sources else 1, 2)):
            url = f"https://www.example.net/{rng.randint(1, 10**6)}/{'-'.join(writer.words(4))}"
            lines += [f"  - url: {url}", f"    title: {_quoted(writer.sentence(7)[:-1])}",
                      f"    publisher: {rng.choice(_PUBLISHERS)}", f"    published: {iso_day}"]
            sources.append(url)
        (events_dir / f"{event_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        if hugo:
            front = [f"title: {_quoted(title)}", f"date: {iso_day}", f"tags: [{', '.join(tags)}]",
                     f"actors: [{', '.join(_quoted(a) for a in actors)}]",
                     f"sources: [{', '.join(_quoted(s) for s in sources)}]", f"display: {_quoted(ours)}"]
            (hugo / "content" / "events" / f"{event_id}.md").write_text(
                "---\n" + "\n".join(front) + "\n---\n" + summary + "\n", encoding="utf-8")
    return Corpus(root, n, article_count)
