"""`timeline serve`: preview the site, drafts included, reloading the browser on every change."""

from __future__ import annotations

import argparse
import sys
import threading

from generator.commands.common import add_project_argument, counted, report
from generator.errors import ContentError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000; 0 picks a free one)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--no-drafts", action="store_true", help="leave out `status: draft` events")


def run(args: argparse.Namespace) -> int:
    import http.server

    from generator.config import load_config
    from generator.preview import SiteMemory
    from generator.serve import Preview, make_handler, watch_and_rebuild

    try:
        config = load_config(args.project)
    except ContentError as error:
        return report(error)
    try:
        server = http.server.ThreadingHTTPServer((args.host, args.port), None)
    except OSError as error:
        print(f"timeline serve: cannot listen on {args.host}:{args.port}: {error.strerror}\n"
              f"  hint: pick another port with --port", file=sys.stderr)
        return 2
    address = f"http://{args.host}:{server.server_address[1]}/"

    memory = SiteMemory()  # unchanged files are not parsed again, unchanged pages not rendered again

    def render(changed):
        # Re-read config.yaml on every build, so its edits show too; links follow the preview address.
        current = load_config(args.project, {"base_url": address})
        return memory.site(current, include_drafts=not args.no_drafts, changed=changed)

    def on_build(snapshot):
        if snapshot.problems:
            print("\n".join(snapshot.problems), file=sys.stderr)
            print(f"build {snapshot.version}: {counted(len(snapshot.problems), 'problem')}; showing them in the browser",
                  file=sys.stderr, flush=True)
        else:
            reread = getattr(snapshot.files, "reread", None)
            what = f"{counted(len(reread), 'event')} re-read" if reread is not None else counted(len(snapshot.files), "file")
            print(f"build {snapshot.version}: {what} in {snapshot.seconds * 1000:.0f} ms (pages render when viewed)",
                  file=sys.stderr, flush=True)

    preview = Preview(render)
    on_build(preview.rebuild())
    server.RequestHandlerClass = make_handler(preview)
    server.daemon_threads = True
    stop = threading.Event()
    watched = [config.project_dir / "config.yaml", config.content_dir, config.templates_dir]
    ready = threading.Event()
    watcher = threading.Thread(target=watch_and_rebuild, args=(preview, watched, stop, on_build, ready), daemon=True)
    watcher.start()
    ready.wait(timeout=5)
    print(f"serving {address} (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0
