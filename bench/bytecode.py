"""Byte-compile the code a benchmark times, as pip does for an installed package.

Python writes `__pycache__` on a first run by itself, but not where PYTHONDONTWRITEBYTECODE is set (as on
this project's machines): there every run of an editable install compiles the generator from source again,
~40 ms of each command. compileall writes the files regardless; Python then reads them like any cache.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def compile_generator(code: Path) -> None:
    """Write the bytecode of `code`/generator (a checkout of this repository)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "generator")], check=True)
