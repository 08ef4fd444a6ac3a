"""Each broken sample site under tests/sites/invalid/ fails `timeline check` with exactly its expected message."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_timeline

CASES = sorted(p for p in (Path(__file__).parent / "sites" / "invalid").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_reports_the_exact_problem(case: Path):
    result = run_timeline("check", cwd=case)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr == (case / "expected.txt").read_text()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_failed_build_leaves_previous_site_intact(case: Path, tmp_path: Path):
    output = tmp_path / "site"
    output.mkdir()
    (output / "index.html").write_text("previous site")
    result = run_timeline("build", "--output", str(output), cwd=case)
    assert result.returncode == 1
    assert "the previous site was left as it was" in result.stderr
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text() == "previous site"


def test_every_case_has_an_expected_message():
    assert len(CASES) >= 15
    for case in CASES:
        expected = (case / "expected.txt").read_text()
        # path:line:col: field: message, then a hint
        assert expected.splitlines()[0].count(":") >= 4, case.name
        assert "  hint: " in expected, case.name
