"""Strict YAML: text-only scalars, positions, and the features that are refused."""

from __future__ import annotations

import pytest

from generator.content.yamltext import parse
from generator.errors import ContentError


def test_scalars_stay_text():
    doc = parse("date: 2018-09-12\nyear: 2016\nflag: NO\ntime: 10:00\nnull: ~\n", "e.yaml")
    assert doc.data == {"date": "2018-09-12", "year": "2016", "flag": "NO", "time": "10:00", "null": "~"}


def test_positions_of_values_and_keys():
    doc = parse("title: A\nsources:\n  - url: https://x.org\n    quote: Q\n", "e.yaml")
    assert doc.at(("sources", 0, "quote")) == (4, 12)
    assert doc.key_at(("sources", 0, "quote")) == (4, 5)
    assert doc.at(("title",)) == (1, 8)


@pytest.mark.parametrize("text, message", [
    ("a: 1\na: 2\n", "e.yaml:2:1: a: duplicate key (first given on line 1)"),
    ("a: &x 1\nb: *x\n", "e.yaml:1:4: a: YAML anchors (&name) are not allowed"),
    ("a: !!int 3\n", "e.yaml:1:4: a: YAML tags (!!int) are not allowed"),
    ("a: !custom 3\n", "e.yaml:1:4: a: YAML tags (!custom) are not allowed"),
    ("a: 1\n---\nb: 2\n", "e.yaml:2:1: (yaml): more than one YAML document"),
    ("a: 'open\n", "e.yaml:1:4: (yaml): invalid YAML, while scanning a quoted scalar: found unexpected end of stream"),
])
def test_refused_yaml(text, message):
    with pytest.raises(ContentError) as error:
        parse(text, "e.yaml")
    assert str(error.value.problems[0]).splitlines()[0] == message


def test_empty_document_is_empty_mapping():
    assert parse("", "e.yaml").data == {}


@pytest.mark.parametrize("data", [b"a: 1\nb: 2\n", b"a: 1\r\nb: 2\r\n", b"a: 1\rb: 2\r", b"mixed\r\n\r\r\n\n", b"\r",
                                  b"\xef\xbb\xbfbom: x\n", "\u00e9t\u00e9 \u2028 \U0001f600\n".encode(), b"",
                                  b"x" * 70000 + b"\r\n" * 40000, b"bad \xff byte", b"cut \xe2\x82"])
def test_content_files_read_as_path_read_text_reads_them(tmp_path, data):
    from generator.content.textfile import read_text

    path = tmp_path / "file.yaml"
    path.write_bytes(data)
    try:
        expected = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        with pytest.raises(UnicodeDecodeError):
            read_text(path)
    else:
        assert read_text(path) == expected
    with pytest.raises(IsADirectoryError):
        read_text(tmp_path)
    with pytest.raises(FileNotFoundError):
        read_text(tmp_path / "missing.yaml")
