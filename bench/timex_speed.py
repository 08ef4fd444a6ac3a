"""Speed of the temporal tagger, against dateparser's search_dates on the same texts.

    python bench/timex_speed.py FOLDER [FOLDER...] [--repeat N]

Tags every document of the TimeML folders (N times, best run kept), prints words per
second, then times dateparser.search.search_dates(text, languages=['en'],
settings={'RELATIVE_BASE': publication}) over the same texts once, and the ratio.
Both run in this one process, on one core.  CPU time (process time) is reported
beside wall-clock time: it is what one core spends, and it does not count the time
other programs on a busy machine take from this one.
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


def timed(run) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of .tml files")
    parser.add_argument("--repeat", type=int, default=5, help="tagger runs (best kept)")
    args = parser.parse_args(argv)
    documents = [doc for folder in args.folders for doc in read_folder(folder)]
    words = sum(len(doc.text.split()) for doc in documents)
    found = sum(len(tag(doc.text, doc.dct)) for doc in documents)  # warm up: compile

    runs = [timed(lambda: [tag(doc.text, doc.dct) for doc in documents])
            for _ in range(max(1, args.repeat))]
    tag_wall, tag_cpu = min(run[0] for run in runs), min(run[1] for run in runs)
    print(f"documents: {len(documents)}, words: {words}, expressions found: {found}")
    print(f"timex tagger:  wall {tag_wall:7.3f} s {words / tag_wall:10,.0f} words/s   "
          f"cpu {tag_cpu:7.3f} s {words / tag_cpu:10,.0f} words/s")

    from dateparser.search import search_dates

    def search_all() -> None:
        for doc in documents:
            base = datetime.datetime.combine(doc.dct or datetime.date(2000, 1, 1),
                                             datetime.time())
            search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base})

    search_wall, search_cpu = timed(search_all)
    print(f"search_dates:  wall {search_wall:7.3f} s {words / search_wall:10,.0f} words/s   "
          f"cpu {search_cpu:7.3f} s {words / search_cpu:10,.0f} words/s")
    print(f"ratio: the tagger is {search_wall / tag_wall:.1f}x faster than search_dates "
          f"(wall), {search_cpu / tag_cpu:.1f}x (cpu)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
