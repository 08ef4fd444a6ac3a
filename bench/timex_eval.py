"""Score the temporal tagger on TimeML folders with the TempEval-3 measures.

    python bench/timex_eval.py FOLDER [FOLDER...] [--errors N]

Prints strict and relaxed precision/recall/F1, type and value accuracy and value F1
for each folder and overall, then the most frequent errors per TIMEX3 type.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.extract.timex import tag  # noqa: E402
from generator.extract.timex.score import Scores, score_documents, top_errors  # noqa: E402
from generator.extract.timex.timeml import read_folder  # noqa: E402

COLUMNS = ("docs", "gold", "sys", "strict P", "strict R", "strict F1", "relax P", "relax R",
           "relax F1", "type acc", "value acc", "value F1")


def row(name: str, documents: int, scores: Scores) -> str:
    numbers = (scores.strict_precision, scores.strict_recall, scores.strict_f1,
               scores.relaxed_precision, scores.relaxed_recall, scores.relaxed_f1,
               scores.type_accuracy, scores.value_accuracy, scores.value_f1)
    return (f"| {name} | {documents} | {scores.gold} | {scores.system} | "
            + " | ".join(f"{n:.3f}" for n in numbers) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of .tml files")
    parser.add_argument("--errors", type=int, default=8, metavar="N",
                        help="show the N most frequent errors of each kind and type "
                             "(0: none; default 8)")
    args = parser.parse_args(argv)
    print("| corpus | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    overall = Scores()
    total_documents = 0
    for folder in args.folders:
        documents = read_folder(folder)
        if not documents:
            print(f"{folder}: no .tml files", file=sys.stderr)
            return 2
        scores = score_documents(documents, tag)
        overall.add(scores)
        total_documents += len(documents)
        print(row(folder.name, len(documents), scores))
    if len(args.folders) > 1:
        print(row("overall", total_documents, overall))
    if args.errors > 0:
        for (kind, timex_type), cases in top_errors(overall, args.errors).items():
            count = sum(1 for error in overall.errors if error[:2] == (kind, timex_type))
            print(f"\n{kind} {timex_type} ({count}):")
            for described, times in cases:
                print(f"  {times:3d}  {described}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
