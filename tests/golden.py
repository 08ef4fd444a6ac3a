"""Build the golden sample site; `python tests/golden.py` rewrites the expected tree after a deliberate change."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent / "sites" / "golden"
EXPECTED = SAMPLE / "expected"


def build_golden(output: Path) -> subprocess.CompletedProcess:
    """Build the sample project into `output` with the real CLI."""
    return subprocess.run([sys.executable, "-m", "generator", "build", "-C", str(SAMPLE), "--output", str(output)],
                          capture_output=True, text=True, timeout=120)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


if __name__ == "__main__":
    result = build_golden(EXPECTED.with_name("expected.new"))
    if result.returncode:
        sys.exit(result.stderr)
    shutil.rmtree(EXPECTED, ignore_errors=True)
    EXPECTED.with_name("expected.new").rename(EXPECTED)
    print(f"wrote {len(tree(EXPECTED))} files to {EXPECTED}")
