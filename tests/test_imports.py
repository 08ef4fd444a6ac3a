"""What each command imports: `--help` loads no command, `build` never loads the extractor or dateparser."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

PROBE = """
import json, sys
from generator.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def loaded_after(*args: str) -> set[str]:
    """Modules in sys.modules after running the CLI with `args` in a fresh interpreter."""
    result = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0, result.stderr
    return set(report["modules"])


def heavy(modules: set[str], *prefixes: str) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in prefixes or m.startswith(prefixes))


def test_build_never_imports_the_extractor_or_dateparser(tmp_path):
    modules = loaded_after("build", "-C", str(ROOT), "--output", str(tmp_path / "site"))
    assert "generator.build" in modules
    assert heavy(modules, "dateparser", "generator.extract", "generator.commands.extract", "regex") == []
    # Nor the network and mail modules (xml.sax.saxutils would pull in urllib.request, http, email and ssl).
    assert heavy(modules, "urllib.request", "http", "email", "ssl") == []


def test_cached_build_needs_no_markdown_library_and_no_worker_pool(tmp_path):
    # Every summary is in the cache after the first build: Python-Markdown is not even imported. A site this
    # small is built in one process: multiprocessing is not imported either.
    assert loaded_after("build", "-C", str(ROOT), "--output", str(tmp_path / "site"))
    modules = loaded_after("build", "-C", str(ROOT), "--output", str(tmp_path / "site"))
    assert heavy(modules, "markdown", "multiprocessing") == []


def test_help_imports_no_command_and_no_library():
    result = subprocess.run([sys.executable, "-c", PROBE.replace("code = main(sys.argv[1:])", """
try:
    main(["--help"])
except SystemExit as exit:
    code = exit.code
"""), "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    modules = set(json.loads(result.stdout.strip().splitlines()[-1])["modules"])
    assert heavy(modules, "generator.commands", "jinja2", "yaml", "markdown", "nh3", "dateparser",
                 "generator.extract", "generator.build") == []
