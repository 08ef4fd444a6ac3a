"""Speed-up of `timeline extract --jobs 2` over `--jobs 1` on a folder of articles (target: >= 1.8x on 2 cores).

    .venv/bin/python bench/extract_jobs.py DIR [--runs 3] [--copies 1]
    .venv/bin/python bench/extract_jobs.py ../shared/eval/articles/dev.jsonl --copies 4

DIR holds article files (.txt, .md with front matter, .html); a .jsonl of scraped articles
(`content_original`, `title`, `url`, `source`, `date`) is written out as .md files first.
`--copies` repeats the set (under other names) for a longer run. Extraction runs with
`--dry-run` in a throwaway project, so nothing is written; the median wall time of each is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def article_files(source: Path, folder: Path, copies: int) -> list[Path]:
    """The articles as files in `folder`, `copies` times over."""
    if source.suffix == ".jsonl":
        texts = []
        for line in source.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            front = {"title": row.get("title", ""), "url": row.get("url", ""), "publisher": row.get("source", ""),
                     "published": row.get("date", "")}
            head = "".join(f"{key}: {json.dumps(value)}\n" for key, value in front.items() if value)
            texts.append((row["ID"].lower(), ".md", f"---\n{head}---\n{row['content_original']}\n"))
    else:
        texts = [(p.stem, p.suffix, p.read_text(encoding="utf-8")) for p in sorted(source.iterdir())
                 if p.is_file() and p.suffix in (".txt", ".md", ".html")]
    paths = []
    for copy in range(copies):
        for stem, suffix, text in texts:
            path = folder / f"{stem}-{copy}{suffix}"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    return paths


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):  # 1: some files had no dated events, which is a result too
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder of articles, or a .jsonl of scraped articles")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copies", type=int, default=1, help="repeat the articles this many times")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="timeline-extract-bench-"))
    try:
        (work / "articles").mkdir()
        files = article_files(args.source, work / "articles", args.copies)
        project = work / "project"
        subprocess.run([sys.executable, "-m", "generator", "init", str(project)], cwd=ROOT, check=True,
                       capture_output=True)
        times = {}
        for jobs in (1, 2):
            command = [sys.executable, "-m", "generator", "extract", *map(str, files), "--dry-run",
                       "--jobs", str(jobs), "-C", str(project)]
            times[jobs] = [timed(command) for _ in range(args.runs)]
        one, two = statistics.median(times[1]), statistics.median(times[2])
        print(f"{len(files)} articles, {args.runs} runs each, {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"--jobs 1: {one:.2f} s (median; min {min(times[1]):.2f} s)")
        print(f"--jobs 2: {two:.2f} s (median; min {min(times[2]):.2f} s)")
        print(f"speed-up: {one / two:.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
