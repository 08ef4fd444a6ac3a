"""Timeline page speed with many events: build a generated project and time it in headless Chromium.

    .venv/bin/python bench/reader_bench.py [--events 10000] [--years 30] [--keep DIR]

Prints the build time, page and index sizes, first paint, and how long filters and search take
(the script's own `timeline-filter` measure, and input-to-next-frame wall time).
"""

from __future__ import annotations

import argparse
import os
import functools
import http.server
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ["TIMELINE_SERVER"] = "off"  # each build in its own process, none leaving a build server behind
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WORDS = ("sanctions election treasury senate committee report agency hearing letter court ruling vote campaign "
         "budget minister summit treaty border protest strike inquiry leak briefing order statement council "
         "investigation indictment meeting visit tariff export import energy pipeline ceasefire talks").split()
TAGS = [f"topic-{i}" for i in range(40)]
ACTORS = [f"Person {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(300)]


def generate(project: Path, count: int, years: int, seed: int = 7) -> None:
    """A project of `count` events spread over `years` years, with tags, actors and quoted sources."""
    rng = random.Random(seed)
    events = project / "content" / "events"
    events.mkdir(parents=True)
    (project / "content" / "articles").mkdir()
    (project / "config.yaml").write_text("title: Bench timeline\ndescription: Generated events.\n"
                                         "base_url: https://example.github.io/bench/\nlanguage: en\n")
    first = 2025 - years + 1
    for n in range(count):
        year = first + int(rng.random() ** 0.7 * years)  # busier in recent years
        kind = rng.random()
        if kind < 0.5:
            date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif kind < 0.8:
            date = f"{year}-{rng.randint(1, 12):02d}"
        else:
            date = str(year)
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 10))).capitalize() + f" {n}"
        summary = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 45))).capitalize() + "."
        quote = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30))).capitalize() + f" marker{n}."
        tags = sorted(set(rng.sample(TAGS, rng.randint(1, 4))))
        actors = sorted(set(rng.sample(ACTORS, rng.randint(1, 3))))
        (events / f"e{n:05d}.yaml").write_text(
            f"date: {date}\ntitle: {json.dumps(title)}\nsummary: {json.dumps(summary)}\n"
            f"tags: [{', '.join(tags)}]\nactors: [{', '.join(actors)}]\n"
            f"sources:\n  - url: https://news.example/{n}\n    title: {json.dumps('Report ' + str(n))}\n"
            f"    publisher: Example News\n    quote: {json.dumps(quote)}\n")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


OBSERVE = """() => {
  window.__interactions = [];
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (e.interactionId) window.__interactions.push(e); })
    .observe({type: "event", durationThreshold: 16, buffered: true});
}"""

SETTLE = """async () => {
  // Let the scheduled filter run and its frame paint, then let the Event Timing observer report.
  for (let i = 0; i < 3; i++) await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  await new Promise(r => setTimeout(r, 100));
  const filters = performance.getEntriesByName("timeline-filter");
  const inputs = window.__interactions.splice(0);
  const shown = document.body.classList.contains("filtered") ? document.querySelectorAll("#results li.event").length
                                                              : document.querySelectorAll("#chronology li.event").length;
  return {filter_ms: filters.length ? filters.at(-1).duration : null,
          input_to_paint_ms: inputs.length ? Math.max(...inputs.map(e => e.duration)) : "<16",
          shown, status: document.getElementById("status").textContent.slice(0, 60)};
}"""


def main_thread_cpu_ms(trace: bytes) -> float:
    """CPU time of the page's main thread in a trace: script, style, layout and paint, whatever else runs.

    Thread time (`tdur`) rather than wall time, so a busy machine does not inflate it.
    """
    events = json.loads(trace)
    events = events["traceEvents"] if isinstance(events, dict) else events
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("ph") == "M" and e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"}
    return sum(e.get("tdur", 0) for e in events
               if e.get("ph") == "X" and e.get("name", "").endswith("RunTask") and (e["pid"], e["tid"]) in main) / 1000


def measure(url: str, rounds: int = 3) -> dict:
    """Real clicks and key presses; Chromium's Event Timing gives each one's input-to-next-paint time."""
    from playwright.sync_api import sync_playwright
    results: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.goto(url, wait_until="load")
        results["paint"] = page.evaluate("""() => {
          const nav = performance.getEntriesByType("navigation")[0];
          const fcp = performance.getEntriesByName("first-contentful-paint")[0];
          return {first_contentful_paint_ms: fcp && Math.round(fcp.startTime),
                  dom_content_loaded_ms: Math.round(nav.domContentLoadedEventEnd),
                  load_ms: Math.round(nav.loadEventEnd), dom_elements: document.getElementsByTagName("*").length};
        }""")
        page.evaluate(OBSERVE)
        started = time.perf_counter()
        page.focus("#q")
        page.wait_for_function("() => !document.getElementById('status').textContent.startsWith('Loading')")
        results["index_ready_after_focus_ms"] = round((time.perf_counter() - started) * 1000)
        page.click("#facet-tag summary")
        page.click("#facet-actor summary")
        page.evaluate(SETTLE)

        def check(selector: str):
            return lambda: page.check(selector)

        def typed(text: str):
            def run():
                page.fill("#q", "")
                page.locator("#q").press_sequentially(text)
            return run

        steps = [
            ("one tag", check('input[name="tag"][value="topic-3"]')),
            ("two tags, any of (OR)", check('input[name="tag"][value="topic-7"]')),
            ("two tags, all of (AND)", check('input[name="tagmode"][value="all"]')),
            ("+ one actor", lambda: page.locator('input[name="actor"]').first.check()),
            ("clear (back to the full chronology)", lambda: page.click("[data-clear]")),
            ("type a common word, key by key", typed("treasury")),
            ("type two words", typed("treasury summit")),
            ("+ from year", lambda: page.select_option("#from", "2022")),
            ("type a word only in one quote", typed("marker9999")),
            ("clear", lambda: page.click("[data-clear]")),
        ]
        runs: dict[str, list[dict]] = {name: [] for name, _ in steps}
        for _ in range(rounds):  # the last step clears, so every round starts alike
            for name, action in steps:
                browser.start_tracing(page=page, categories=["toplevel", "devtools.timeline"])
                action()
                run = page.evaluate(SETTLE)
                run["cpu_ms"] = main_thread_cpu_ms(browser.stop_tracing())
                runs[name].append(run)

        def median(values):
            numbers = sorted(16 if v == "<16" else v for v in values if v is not None)
            return round(statistics.median(numbers), 1) if numbers else None

        results["steps"] = [{"step": name, "filter_ms": median([r["filter_ms"] for r in runs[name]]),
                             "main_thread_cpu_ms": median([r["cpu_ms"] for r in runs[name]]),
                             "input_to_paint_ms": median([r["input_to_paint_ms"] for r in runs[name]]),
                             "worst_input_to_paint_ms": max(16 if r["input_to_paint_ms"] == "<16" else r["input_to_paint_ms"]
                                                            for r in runs[name]),
                             "shown": runs[name][-1]["shown"], "status": runs[name][-1]["status"]} for name, _ in steps]
        page.mouse.click(5, 5)
        started = time.perf_counter()
        for _ in range(20):
            page.keyboard.press("j")
        page.evaluate("() => new Promise(r => requestAnimationFrame(r))")
        results["j_press_avg_ms"] = round((time.perf_counter() - started) * 1000 / 20, 1)
        results["j_input_to_paint_ms"] = page.evaluate(SETTLE)["input_to_paint_ms"]
        results["console_errors"] = errors
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="generate and build into this folder and keep it")
    parser.add_argument("--rounds", type=int, default=3, help="repeat the filter steps; medians are reported")
    parser.add_argument("--no-build", action="store_true", help="reuse the site already built in --keep")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    project, served = work / "project", work / "served"
    started = time.perf_counter()
    if not (args.no_build and args.keep):
        if project.exists():
            shutil.rmtree(project)
        generate(project, args.events, args.years)
        started = time.perf_counter()
        build = subprocess.run([sys.executable, "-m", "generator", "build", "-C", str(project), "--output",
                                str(served / "bench")], cwd=ROOT, capture_output=True, text=True)
        if build.returncode:
            sys.exit(build.stderr)
    site = served / "bench"
    report = {"events": args.events, "build_s": round(time.perf_counter() - started, 1) if not args.no_build else None,
              "index_html_kb": (site / "index.html").stat().st_size // 1024,
              "search_json_kb": (site / "search.json").stat().st_size // 1024,
              "css_bytes": sum(f.stat().st_size for f in (site / "static").glob("*.css")),
              "js_bytes": sum(f.stat().st_size for f in (site / "static").glob("*.js"))}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(served)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        report.update(measure(f"http://127.0.0.1:{server.server_address[1]}/bench/", args.rounds))
    finally:
        server.shutdown()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
