"""Shared fixtures: the seed site built under a GitHub Pages subpath, served over HTTP, and Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Builds in tests run in their own process; the build server is tested on its own (test_build_server.py).
os.environ["TIMELINE_SERVER"] = "off"
SUBPATH = "/repo/"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def run_timeline(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real CLI in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd or ROOT, capture_output=True,
                          text=True, timeout=timeout)


def copy_project(target: Path) -> Path:
    """A copy of the bundled project (config, content, templates) to build or break in a test."""
    for name in ("config.yaml",):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copytree(ROOT / "templates", target / "templates")
    return target


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright: Debian's Chromium, never a downloaded browser."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The bundled timeline built for https://example.github.io/repo/ into <tmp>/repo/."""
    root = tmp_path_factory.mktemp("pages")
    out = root / SUBPATH.strip("/")
    result = run_timeline("build", "--base-url", "https://example.github.io" + SUBPATH, "--output", str(out))
    assert result.returncode == 0, result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    """http://127.0.0.1:PORT/repo/ — served the way GitHub Pages serves a project site."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    server.shutdown()
