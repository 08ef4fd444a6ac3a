"""search.json, the index behind client-side filtering and search, against its schema and the site."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

SCHEMA = Path(__file__).resolve().parent / "schemas" / "search-index.json"


def test_search_index_matches_schema_and_events(site_dir):
    index = json.loads((site_dir / "search.json").read_text())
    jsonschema.validate(index, json.loads(SCHEMA.read_text()))
    events = json.loads((site_dir / "events.json").read_text())["events"]
    assert [row[0] for row in index["events"]] == [e["id"] for e in events]
    for row, event in zip(index["events"], events):
        tags = [index["tags"][i][1] for i in row[6]]
        actors = [index["actors"][i][1] for i in row[7]]
        assert (sorted(tags), sorted(actors)) == (sorted(event["tags"]), sorted(event["actors"]))
        assert all(s["quote"] in row[5] for s in event["sources"] if s["quote"])
