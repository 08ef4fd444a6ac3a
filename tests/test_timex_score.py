"""The TempEval-3 scorer on a hand-written sample, and TimeML reading and writing."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from generator.extract.timex import Timex, tag, to_timeml
from generator.extract.timex.score import score_document, top_errors
from generator.extract.timex.timeml import parse_timeml, read_folder, read_timeml

DATA = Path(__file__).parent / "data" / "timex"


def as_system(document) -> list[Timex]:
    return [Timex(g.start, g.end, g.text, g.type, g.value, "", False)
            for g in document.timexes]


def test_reader_offsets_and_creation_time():
    gold = read_timeml(DATA / "gold.tml")
    assert gold.dct == datetime.date(2020, 9, 3)
    assert [t.text for t in gold.timexes] == [
        "Thursday", "next year", "the past three years", "2016", "next week", "monthly"]
    for timex in gold.timexes:
        assert gold.text[timex.start:timex.end] == timex.text
    assert "minutes & publish" not in gold.text and " & publish minutes" in gold.text


def test_scores_of_sample_are_exact():
    gold = read_timeml(DATA / "gold.tml")
    system = read_timeml(DATA / "system.tml")
    assert gold.text == system.text
    scores = score_document(gold.timexes, as_system(system))
    assert (scores.gold, scores.system, scores.strict, scores.relaxed) == (6, 6, 3, 5)
    assert (scores.type_correct, scores.value_correct) == (4, 3)
    assert scores.strict_precision == scores.strict_recall == scores.strict_f1 == 0.5
    assert scores.relaxed_precision == pytest.approx(5 / 6)
    assert scores.relaxed_recall == pytest.approx(5 / 6)
    assert scores.relaxed_f1 == pytest.approx(5 / 6)
    assert scores.type_accuracy == pytest.approx(0.8)
    assert scores.value_accuracy == pytest.approx(0.6)
    assert scores.value_f1 == pytest.approx(0.5)
    kinds = sorted((kind, kind_type) for kind, kind_type, *_ in scores.errors)
    assert kinds == [("missed", "SET"), ("spurious", "DATE"), ("wrong value", "DATE"),
                     ("wrong value", "DATE")]
    errors = top_errors(scores, 5)
    assert errors[("missed", "SET")] == [("monthly  (P1M)", 1)]
    assert errors[("spurious", "DATE")] == [("vote  (PRESENT_REF)", 1)]


def test_each_span_is_matched_once():
    gold = read_timeml(DATA / "gold.tml")
    whole = Timex(0, len(gold.text), gold.text, "DATE", "2020", "", False)
    scores = score_document(gold.timexes, [whole])
    assert (scores.relaxed, scores.strict) == (1, 0)
    assert scores.relaxed_recall == pytest.approx(1 / 6)


def test_read_folder_sorted():
    names = [document.name for document in read_folder(DATA)]
    assert names == ["gold", "system"]


def test_to_timeml_round_trips():
    text = "Stocks fell <5%> on Thursday & rose last week, AT&T said."
    timexes = tag(text, datetime.date(2020, 9, 3))
    assert [t.text for t in timexes] == ["Thursday", "last week"]
    markup = to_timeml(text, timexes)
    assert "&lt;5%&gt;" in markup and "AT&amp;T" in markup
    assert '<TIMEX3 tid="t1" type="DATE" value="2020-09-03">Thursday</TIMEX3>' in markup
    parsed = parse_timeml(f"<TimeML><TEXT>{markup}</TEXT></TimeML>")
    assert parsed.text == text
    assert [(t.start, t.end, t.value) for t in parsed.timexes] == [
        (t.start, t.end, t.value) for t in timexes]
    assert re.sub(r"<[^>]+>", "", markup).replace("&lt;", "<").replace(
        "&gt;", ">").replace("&amp;", "&") == text


def test_to_timeml_rejects_overlaps():
    a = Timex(0, 5, "01234", "DATE", "2020", "", False)
    b = Timex(3, 8, "34567", "DATE", "2020", "", False)
    with pytest.raises(ValueError):
        to_timeml("0123456789", [a, b])


def test_eval_script_prints_table(capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "timex_eval", Path(__file__).parent.parent / "bench" / "timex_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(DATA), "--errors", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| corpus | docs | gold | sys |")
    assert "| timex | 2 | 12 |" in out


def test_parse_bytes_with_encoding_declaration():
    markup = ('<?xml version="1.0" encoding="ISO-8859-1"?><TimeML><TEXT>Caf\xe9 opened '
              '<TIMEX3 tid="t1" type="DATE" value="1998">in 1998</TIMEX3>.</TEXT></TimeML>')
    document = parse_timeml(markup.encode("latin-1"))
    assert document.text == "Caf\xe9 opened in 1998."
    assert document.dct is None
    assert [(t.start, t.end, t.text) for t in document.timexes] == [(12, 19, "in 1998")]
