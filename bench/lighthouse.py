"""Lighthouse scores and screenshots of the built site, served under /repo/ like a GitHub Pages project site.

Usage: python bench/lighthouse.py [--site DIR] [--runs N] [--no-screenshots] [--no-docs]

Builds the bundled timeline (or serves an already built DIR), runs Lighthouse 12 from node_modules
on the index, the largest event page and the largest source page, with the desktop preset and the
default mobile emulation, and prints the four category scores, each the median of N runs (default 3;
performance varies from run to run with the machine's load). Unless told otherwise it writes the
table to docs/lighthouse.md and full-page screenshots of every page type, light and dark, to
docs/screenshots/. Takes a few minutes; it is not part of the test suite.
Exits 1 when a score misses its target (100 accessibility, best practices and SEO; 95 performance).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ["TIMELINE_SERVER"] = "off"  # each build in its own process, none leaving a build server behind
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SUBPATH = "/repo/"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
FORM_FACTORS = ("desktop", "mobile")


def build(out: Path) -> Path:
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--base-url",
                             "https://example.github.io" + SUBPATH, "--output", str(out)],
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(result.stdout + result.stderr)
    return out


def _largest(site: Path, folder: str) -> str:
    pages = list((site / folder).glob("*/index.html"))
    if not pages:
        return ""
    best = max(pages, key=lambda p: (p.stat().st_size, p.as_posix()))
    return best.parent.relative_to(site).as_posix() + "/"


def page_types(site: Path) -> dict[str, str]:
    """One path (relative to the base) per page type; the largest page where there are several."""
    years = sorted(p.parent.name for p in (site / "years").glob("*/index.html"))
    found = {"index": "", "event": _largest(site, "events"), "year": f"years/{years[-1]}/" if years else "",
             "tags": "tags/", "tag": _largest(site, "tags"), "actors": "actors/", "actor": _largest(site, "actors"),
             "sources": "sources/", "source": _largest(site, "sources"), "404": "404.html"}
    return {kind: path for kind, path in found.items() if kind == "index" or path}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site.parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"


def lighthouse(url: str, form_factor: str, out: Path) -> dict:
    """Category scores (0-100) and the audits that lost points."""
    args = [str(LIGHTHOUSE), url, "--quiet", f"--only-categories={','.join(CATEGORIES)}", "--output=json",
            f"--output-path={out}", f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}"]
    if form_factor == "desktop":
        args.append("--preset=desktop")
    subprocess.run(args, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"{url}: {report['runtimeError']}")
    scores = {c: round(100 * report["categories"][c]["score"]) if report["categories"][c]["score"] is not None else None
              for c in CATEGORIES}
    lost = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{category}: {audit['id']} ({audit['title']}, score {audit['score']:.2f})")
    metrics = {k: report["audits"][k].get("displayValue", "") for k in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")}
    return {"scores": scores, "lost": lost, "metrics": metrics}


def median(runs: list[dict]) -> dict:
    """Each category's median score; the metrics and lost audits of the run with the median performance."""
    def middle(values):
        values = sorted(v for v in values if v is not None)
        return values[len(values) // 2] if values else None

    scores = {c: middle([r["scores"][c] for r in runs]) for c in CATEGORIES}
    ranked = sorted(runs, key=lambda r: r["scores"]["performance"] or 0)
    typical = ranked[len(ranked) // 2]
    return {"scores": scores, "lost": typical["lost"], "metrics": typical["metrics"],
            "performance_runs": [r["scores"]["performance"] for r in runs]}


def screenshots(base_url: str, pages: dict[str, str], folder: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
            page = context.new_page()
            for kind, path in pages.items():
                page.goto(base_url + path, wait_until="load")
                target = folder / f"{kind}-{scheme}.png"
                page.screenshot(path=target, full_page=True)
                written.append(target)
            context.close()
        browser.close()
    return written


def table(results: dict[tuple[str, str], dict], pages: dict[str, str]) -> str:
    lines = ["| page | form factor | performance | accessibility | best practices | SEO | performance per run |",
             "|---|---|---:|---:|---:|---:|---|"]
    for (kind, form_factor), result in results.items():
        scores = result["scores"]
        lines.append(f"| {kind} (`{SUBPATH}{pages[kind]}`) | {form_factor} | "
                     + " | ".join("—" if scores[c] is None else str(scores[c]) for c in CATEGORIES)
                     + f" | {', '.join(str(p) for p in result['performance_runs'])} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build the bundled timeline)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and form factor (median)")
    parser.add_argument("--no-screenshots", action="store_true")
    parser.add_argument("--no-docs", action="store_true", help="only print the table")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit("run `npm ci` first: node_modules/.bin/lighthouse is missing")

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site.resolve() if args.site else build(Path(tmp) / SUBPATH.strip("/"))
        if site.name != SUBPATH.strip("/"):
            sys.exit(f"--site must be a folder named {SUBPATH.strip('/')} (it is served as {SUBPATH})")
        pages = page_types(site)
        server, base_url = serve(site)
        try:
            results = {}
            for kind in ("index", "event", "source"):
                for form_factor in FORM_FACTORS:
                    print(f"lighthouse {form_factor} {SUBPATH}{pages[kind]} ...", file=sys.stderr, flush=True)
                    runs = [lighthouse(base_url + pages[kind], form_factor, Path(tmp) / f"{kind}-{form_factor}.json")
                            for _ in range(max(1, args.runs))]
                    results[kind, form_factor] = median(runs)
            shots = [] if args.no_screenshots else screenshots(base_url, pages, ROOT / "docs" / "screenshots")
        finally:
            server.shutdown()

    load = f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after ({os.cpu_count()} CPUs)"
    text = table(results, pages)
    print(text)
    print(f"load average: {load}")
    misses = [f"{kind} {form_factor}: {c} {r['scores'][c]} < {TARGETS[c]}"
              for (kind, form_factor), r in results.items() for c in CATEGORIES
              if r["scores"][c] is None or r["scores"][c] < TARGETS[c]]
    lost = [f"{kind} {form_factor}: {line}" for (kind, form_factor), r in results.items() for line in r["lost"]]
    for line in lost:
        print("  lost points:", line)
    if not args.no_docs:
        metrics = ["| page | form factor | FCP | LCP | TBT | CLS |", "|---|---|---:|---:|---:|---:|"]
        for (kind, form_factor), r in results.items():
            m = r["metrics"]
            metrics.append(f"| {kind} | {form_factor} | {m['first-contentful-paint']} | {m['largest-contentful-paint']}"
                           f" | {m['total-blocking-time']} | {m['cumulative-layout-shift']} |")
        shots_md = "\n".join(f"- [{p.stem}](screenshots/{p.name})" for p in shots)
        doc = f"""# Lighthouse scores

The bundled timeline built for `https://example.github.io{SUBPATH}` and served locally under `{SUBPATH}`,
measured with Lighthouse {_version()} in headless Chromium (`--preset=desktop`, and the default mobile
emulation with simulated throttling). Each score is the median of {args.runs} runs; the lab metrics and
lost audits are those of the run with the median performance score. Regenerate with
`python bench/lighthouse.py`.

Mobile performance depends on how busy the machine is: simulated throttling multiplies the main-thread
time it observes, so a loaded CPU lowers the score of the same page. One-minute load average
during this run: {load}.

Targets: 100 for accessibility, best practices and SEO; at least 95 for performance.

{text}

Lab metrics (FCP first contentful paint, LCP largest contentful paint, TBT total blocking time,
CLS cumulative layout shift):

{chr(10).join(metrics)}

Audits that lost points:{" none." if not lost else ""}
{chr(10).join("- " + line for line in lost)}

Screenshots (full page, 1280 px wide, light and dark colour scheme):

{shots_md or "(not taken)"}
"""
        (ROOT / "docs" / "lighthouse.md").write_text(doc.replace("\n\n\n", "\n\n"), encoding="utf-8")
    for miss in misses:
        print("below target:", miss, file=sys.stderr)
    return 1 if misses else 0


def _version() -> str:
    result = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True)
    return result.stdout.strip() or "?"


if __name__ == "__main__":
    sys.exit(main())
