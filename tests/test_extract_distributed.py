"""Extraction at archive scale: the pure extract_candidates() on a Dask cluster gives the single-process results."""

from __future__ import annotations

import datetime
import json
import pickle
from pathlib import Path

import pytest

from generator.extract.candidates import ArticleMeta, extract_candidates
from generator.extract.clean import clean

distributed = pytest.importorskip("distributed")

DATA = Path(__file__).resolve().parent / "data" / "extract"
SHARED_ARTICLES = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "articles" / "dev.jsonl"


def articles() -> list[tuple[str, ArticleMeta]]:
    """Cleaned texts with their metadata: the repository's samples, and the shared scraped articles if present."""
    inputs = []
    for path in sorted(DATA.glob("*.txt")):
        if not path.name.endswith(".expected.txt"):
            inputs.append((clean(path.read_text(encoding="utf-8")).text,
                           ArticleMeta(article_id=path.stem, published=datetime.date(2020, 9, 3))))
    if SHARED_ARTICLES.is_file():
        for line in SHARED_ARTICLES.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            published = datetime.date.fromisoformat(row["date"]) if row.get("date") else None
            cleaned = clean(row["content_original"], row.get("title", ""))
            inputs.append((cleaned.text, ArticleMeta(article_id=row["ID"].lower(), title=cleaned.title,
                                                     url=row.get("url", ""), publisher=row.get("source", ""),
                                                     published=published)))
    return inputs


@pytest.fixture(scope="module")
def inputs():
    found = articles()
    assert len(found) >= 3
    return found


def test_distributed_run_matches_single_process(inputs):
    expected = [extract_candidates(text, meta) for text, meta in inputs]
    assert any(expected), "the inputs do hold dated events"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        futures = client.map(extract_candidates, [t for t, _ in inputs], [m for _, m in inputs], pure=False)
        results = client.gather(futures)
    assert results == expected


def test_inputs_and_results_survive_pickling(inputs):
    # What a cluster with worker processes (processes=True) ships between machines.
    text, meta = inputs[0]
    assert pickle.loads(pickle.dumps(meta)) == meta
    candidates = extract_candidates(text, meta)
    assert pickle.loads(pickle.dumps(candidates)) == candidates
