"""Cleaning + extraction speed over a JSONL file of articles, serial and in worker processes.

Usage: python bench/extract_speed.py ARTICLES.jsonl [--jobs 1 2 4]

Each line needs `content_original` and may carry `date` (publication day),
`title`, `source` and `url`. Prints articles/second for each job count and
checks that every job count gives identical candidates.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.extract.candidates import ArticleMeta, extract  # noqa: E402
from generator.extract.clean import clean  # noqa: E402


def one(row: dict):
    """Clean and extract one article: the work `timeline extract` does per file, minus file I/O."""
    cleaned = clean(row["content_original"], row.get("title", ""))
    published = datetime.date.fromisoformat(row["date"][:10]) if row.get("date") else None
    meta = ArticleMeta(row.get("ID", ""), cleaned.title, row.get("url", ""), row.get("source", ""), published)
    return extract(cleaned.text, meta)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.articles.read_text("utf-8").splitlines() if line.strip()]
    one(rows[0])  # load word lists and compile patterns before timing
    baseline = None
    for jobs in args.jobs:
        start = time.perf_counter()
        if jobs == 1:
            results = [one(row) for row in rows]
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                results = list(pool.map(one, rows, chunksize=max(1, len(rows) // (jobs * 4))))
        seconds = time.perf_counter() - start
        candidates = sum(len(r.candidates) for r in results)
        unresolved = sum(len(r.unresolved) for r in results)
        same = "" if baseline is None else ("; identical to --jobs 1" if results == baseline else "; DIFFERENT")
        baseline = baseline or results
        print(f"jobs {jobs}: {len(rows)} articles in {seconds:.2f} s ({len(rows) / seconds:.1f}/s), "
              f"{candidates} candidates ({candidates / len(rows):.1f}/article), {unresolved} unresolved{same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
