"""Cleaning checks over a JSONL file of scraped articles: junk that survives, names that are lost.

Usage: python bench/clean_eval.py ARTICLES.jsonl [--show]

Each line needs `content_original` (the scraped text) and may carry `ID`,
`source` and `title`. Prints one row per article and the totals; exits 1 when
any junk survives or any name is lost.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.extract.clean import clean  # noqa: E402
from generator.extract.junkcheck import check  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--show", action="store_true", help="print every surviving junk hit and lost name")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.articles.read_text("utf-8").splitlines() if line.strip()]
    totals, removed = Counter(), Counter()
    print(f"{'id':<18} {'source':<26} {'cards':>5} {'junk':>4} {'names':>5} {'lost':>4} {'title':>5}")
    for row in rows:
        raw, title = row["content_original"], row.get("title", "")
        result = clean(raw, title)
        dropped = tuple(r.text for r in result.removed if r.rule not in ("hover-card", "tweet-link", "tweet-signature"))
        outcome = check(raw, result.text, result.title, dropped)
        kinds = Counter(r.rule for r in result.removed)
        removed.update(kinds)
        totals.update(articles=1, cards=kinds["hover-card"], junk=outcome.junk_count, names=len(outcome.names),
                      lost=len(outcome.lost), title=int(outcome.title_repeated))
        print(f"{row.get('ID', '?'):<18} {row.get('source', '?')[:26]:<26} {kinds['hover-card']:>5} "
              f"{outcome.junk_count:>4} {len(outcome.names):>5} {len(outcome.lost):>4} "
              f"{'kept' if outcome.title_repeated else '-':>5}")
        if args.show:
            for label, hits in outcome.junk.items():
                for hit in hits:
                    print(f"    junk {label}: {hit!r}")
            for name in outcome.lost:
                print(f"    lost name: {name}")
    print()
    print(f"articles {totals['articles']}, hover cards removed {totals['cards']}, "
          f"junk markers left {totals['junk']}, names checked {totals['names']}, names lost {totals['lost']}, "
          f"titles left repeated {totals['title']}")
    print("removed by rule: " + ", ".join(f"{rule} {n}" for rule, n in sorted(removed.items())))
    return 1 if totals["junk"] or totals["lost"] or totals["title"] else 0


if __name__ == "__main__":
    sys.exit(main())
