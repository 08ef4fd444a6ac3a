"""Preview server: the site rendered in memory, rebuilt on every change, pages reloaded by long-polling."""

from __future__ import annotations

import html
import http.server
import mimetypes
import posixpath
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.errors import ContentError

RELOAD_PATH = "/__livereload"
RELOAD_SCRIPT = """<script>
(function () {
  var version = %d;
  function poll() {
    fetch("%s?since=" + version, {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (data) { if (data.version !== version) { location.reload(); } else { poll(); } })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
}());
</script>"""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One build as served: its files (a mapping that may make them on first access), or the problems that stopped it."""

    version: int
    files: Mapping[str, bytes]
    problems: tuple[str, ...] = ()
    seconds: float = 0.0


class Preview:
    """Holds the current snapshot and wakes waiting browsers when a new one arrives."""

    def __init__(self, render):
        self._render = render  # (changed paths or None) -> Mapping[str, bytes], raising ContentError
        self._changed = threading.Condition()
        self.snapshot = Snapshot(0, {})

    def rebuild(self, changed: list[Path] | None = None) -> Snapshot:
        started = time.perf_counter()
        version = self.snapshot.version + 1
        try:
            files = self._render(changed)
            if files is self.snapshot.files and not self.snapshot.problems:
                return self.snapshot  # nothing the site is made from changed: open pages need not reload
            snapshot = Snapshot(version, files, seconds=time.perf_counter() - started)
        except ContentError as error:
            snapshot = Snapshot(version, self.snapshot.files, tuple(str(p) for p in error.problems))
        with self._changed:
            self.snapshot = snapshot
            self._changed.notify_all()
        return snapshot

    def wait_for_change(self, since: int, timeout: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.snapshot.version != since, timeout=timeout)
            return self.snapshot.version


def error_page(problems: tuple[str, ...]) -> bytes:
    items = "\n".join(f"<li><pre>{html.escape(p)}</pre></li>" for p in problems)
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build problems</title>"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body>"
            f"<main><h1>The site has {len(problems)} problem{'s' if len(problems) != 1 else ''}</h1>"
            f"<p>Fix them and save: this page reloads by itself.</p><ol>{items}</ol></main></body></html>").encode()


def make_handler(preview: Preview):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep the terminal for build messages
            pass

        def do_GET(self):
            try:
                return self._get()
            except ContentError as error:  # a template mistake, found when a page is first rendered
                problems = tuple(str(p) for p in error.problems)
                print("\n".join(problems), file=sys.stderr, flush=True)
                snapshot = preview.snapshot
                return self._send(500, self._inject(error_page(problems), snapshot.version), "text/html")

        def _get(self):
            url = urlsplit(self.path)
            if url.path == RELOAD_PATH:
                since = int(dict(p.split("=", 1) for p in url.query.split("&") if "=" in p).get("since", -1))
                version = preview.wait_for_change(since, timeout=25)
                return self._send(200, f'{{"version": {version}}}'.encode(), "application/json")
            snapshot = preview.snapshot
            path = posixpath.normpath(unquote(url.path)).lstrip("/")
            path = "" if path == "." else path
            candidates = [path, posixpath.join(path, "index.html")] if path else ["index.html"]
            found = next((c for c in candidates if c in snapshot.files), None)
            if found and not found.endswith(".html") and path + "/index.html" in snapshot.files:
                found = None
            if found is None and path and (path + "/index.html") in snapshot.files and not url.path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url.path + "/")
                self.end_headers()
                return None
            if snapshot.problems and (found is None or found.endswith(".html")):
                return self._send(500, self._inject(error_page(snapshot.problems), snapshot.version), "text/html")
            if found is None:
                body = snapshot.files.get("404.html", b"<h1>Not found</h1>")
                return self._send(404, self._inject(body, snapshot.version), "text/html")
            body = snapshot.files[found]
            kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
            if found.endswith(".html"):
                body = self._inject(body, snapshot.version)
            return self._send(200, body, kind)

        def do_HEAD(self):
            self.head_only = True
            self.do_GET()

        def _inject(self, body: bytes, version: int) -> bytes:
            script = (RELOAD_SCRIPT % (version, RELOAD_PATH)).encode()
            index = body.rfind(b"</body>")
            return body[:index] + script + body[index:] if index != -1 else body + script

        def _send(self, status: int, body: bytes, kind: str):
            self.send_response(status)
            charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "xml")) else ""
            self.send_header("Content-Type", kind + charset)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if not getattr(self, "head_only", False):
                self.wfile.write(body)

    return Handler


def watch_and_rebuild(preview: Preview, paths: list[Path], stop: threading.Event, on_build,
                      ready: threading.Event) -> None:
    """Rebuild whenever a watched file changes, until `stop` is set; `ready` is set once watching."""
    from watchfiles import watch

    existing = [str(p) for p in paths if p.exists()]
    # yield_on_timeout gives an empty batch after the first quiet interval: proof that the watches are in place.
    for changes in watch(*existing, stop_event=stop, debounce=50, step=20, rust_timeout=100, yield_on_timeout=True):
        ready.set()
        if changes:
            before = preview.snapshot.version
            snapshot = preview.rebuild([Path(path) for _, path in changes])
            if snapshot.version != before:
                on_build(snapshot)
