"""The golden sample site builds to exactly the committed tree (regenerate: `python tests/golden.py`)."""

from __future__ import annotations

from golden import EXPECTED, build_golden, tree


def test_golden_site_matches_expected_tree(tmp_path):
    result = build_golden(tmp_path / "site")
    assert result.returncode == 0, result.stderr
    built, expected = tree(tmp_path / "site"), tree(EXPECTED)
    assert sorted(built) == sorted(expected)
    changed = [path for path in expected if built[path] != expected[path]]
    assert changed == [], "output differs; if deliberate, run `python tests/golden.py` and review the diff"


def test_two_builds_are_byte_identical(tmp_path):
    assert build_golden(tmp_path / "a").returncode == 0
    assert build_golden(tmp_path / "b").returncode == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
