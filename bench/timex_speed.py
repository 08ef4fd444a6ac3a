"""Speed of the temporal tagger, against dateparser's search_dates on the same texts.

    python bench/timex_speed.py FOLDER [FOLDER...] [--repeat N]

Tags every document of the TimeML folders (N times, best run kept), prints words per
second, then times dateparser.search.search_dates(text, languages=['en'],
settings={'RELATIVE_BASE': publication}) over the same texts once, and the ratio.
Both are measured in the same run on one core.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.extract.timex import tag  # noqa: E402
from generator.extract.timex.timeml import read_folder  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of .tml files")
    parser.add_argument("--repeat", type=int, default=5, help="tagger runs (best kept)")
    args = parser.parse_args(argv)
    documents = [doc for folder in args.folders for doc in read_folder(folder)]
    words = sum(len(doc.text.split()) for doc in documents)
    tag("warm up: compiled once, on Friday", datetime.date(2000, 1, 7))

    best = float("inf")
    found = 0
    for _ in range(max(1, args.repeat)):
        started = time.perf_counter()
        found = sum(len(tag(doc.text, doc.dct)) for doc in documents)
        best = min(best, time.perf_counter() - started)
    print(f"documents: {len(documents)}, words: {words}, expressions found: {found}")
    print(f"timex tagger:  {best:8.3f} s  {words / best:12,.0f} words/s")

    from dateparser.search import search_dates

    started = time.perf_counter()
    for doc in documents:
        base = datetime.datetime.combine(doc.dct or datetime.date(2000, 1, 1), datetime.time())
        search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base})
    elapsed = time.perf_counter() - started
    print(f"search_dates:  {elapsed:8.3f} s  {words / elapsed:12,.0f} words/s")
    print(f"ratio: the tagger is {elapsed / best:.1f}x faster than search_dates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
