"""`timeline build`: write the whole site into the output folder, atomically."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from generator.commands.common import add_project_argument, counted


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_project_argument(parser)
    parser.add_argument("--drafts", action="store_true", help="include events with `status: draft`")
    parser.add_argument("--base-url", metavar="URL", help="override `base_url` (e.g. the GitHub Pages address)")
    parser.add_argument("-o", "--output", type=Path, metavar="DIR", help="override `output_dir`")
    parser.add_argument("-j", "--jobs", type=int, metavar="N",
                        help="worker processes for big sites (default: one per core; 1: none)")
    parser.add_argument("--timings", action="store_true", help="print the time of each build phase to stderr")
    parser.add_argument("--no-cache", action="store_true",
                        help="ignore and leave alone .timeline-cache/ (a clean build of every page)")
    parser.add_argument("--watch", action="store_true",
                        help="keep running, and build again whenever config.yaml, content/ or templates/ change")
    parser.add_argument("--no-server", action="store_true",
                        help="build in this process, not through the project's build server")
    parser.add_argument("--stop-server", action="store_true",
                        help="stop the build server kept for this project and these options, and exit")
    parser.add_argument("--build-server", type=Path, metavar="SOCKET", help=argparse.SUPPRESS)  # run as the server


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    output = args.output.resolve() if args.output else None
    if args.build_server or args.stop_server:
        return _server_command(args, output)
    if not (args.watch or args.no_server or args.no_cache):
        from generator import buildclient

        if buildclient.server_wanted(os.environ):
            answer = buildclient.build_through_server(_server_options(args, output))
            if answer is not None:
                return _print_server_build(answer, time.perf_counter() - started, args.timings)
        # else (no server wanted, or none could build): built here, as by --no-server

    from generator.build import build
    from generator.commands.common import report
    from generator.config import load_config
    from generator.errors import ContentError

    overrides = {"base_url": args.base_url} if args.base_url else {}
    if args.watch:
        return _watch(args, lambda: load_config(args.project, overrides), output)
    try:
        config = load_config(args.project, overrides)
        result = build(config, include_drafts=args.drafts, output=output, jobs=args.jobs, use_cache=not args.no_cache)
    except ContentError as error:
        print("build failed; the previous site was left as it was", file=sys.stderr)
        return report(error)
    _print_result(result, time.perf_counter() - started, args.timings)
    return 0


def _print_result(result, seconds: float, timings: bool) -> None:
    print(f"built {counted(result.events, 'event')}, {counted(result.pages, 'page')}, {counted(result.files, 'file')} "
          f"into {result.output} in {seconds:.2f} s ({counted(result.rendered, 'page')} rendered, the rest unchanged)",
          flush=True)
    if timings:
        for phase, seconds in result.phases:
            print(f"  {phase:<20} {seconds * 1000:>8.0f} ms", file=sys.stderr, flush=True)


def _server_options(args: argparse.Namespace, output: Path | None):
    from generator.buildclient import ServerOptions

    return ServerOptions(args.project.resolve(), args.drafts, args.base_url, output, args.jobs)


def _server_command(args: argparse.Namespace, output: Path | None) -> int:
    """`--stop-server`, or `--build-server SOCKET`: run as the build server (started by a build, not by hand)."""
    from generator import buildclient

    if args.build_server:
        from generator.buildserver import serve_builds

        return serve_builds(args.build_server, _server_options(args, output), buildclient.idle_seconds(os.environ))
    stopped = buildclient.stop_server(_server_options(args, output))
    print("build server stopped" if stopped else "no build server was running for this project and options")
    return 0


def _print_server_build(answer, seconds: float, timings: bool) -> int:
    """Print what the build server did as a build in this process would, and return the exit code."""
    from generator.buildclient import idle_seconds

    if answer.started:
        idle = idle_seconds(os.environ)
        after = f"{idle / 60:g} minutes" if idle >= 60 else f"{idle:g} s"
        print(f"started a build server for this project: it keeps this build in memory for the next one, and stops "
              f"after {after} without a build (--no-server: build in this process)", file=sys.stderr, flush=True)
    if answer.problems is not None:
        from generator.commands.common import report
        from generator.errors import ContentError, Problem

        print("build failed; the previous site was left as it was", file=sys.stderr)
        return report(ContentError([Problem(*fields) for fields in answer.problems]))
    fields = answer.result
    result = argparse.Namespace(**{**fields, "phases": [tuple(phase) for phase in fields["phases"]]})
    _print_result(result, seconds, timings)
    return 0


def _watch(args: argparse.Namespace, load_config, output: Path | None) -> int:
    """Build, then build again on every change until interrupted; a failed build leaves the site as it was."""
    import signal
    import threading

    from generator.commands.common import report
    from generator.errors import ContentError
    from generator.watch import KeptBuild, watch_and_build

    try:
        config = load_config()
    except ContentError as error:
        return report(error)
    kept = KeptBuild(load_config, args.drafts, output, args.jobs, use_cache=not args.no_cache)

    def on_build(result, error) -> None:
        if error is not None:
            print("build failed; the site was left as it was", file=sys.stderr)
            report(error)
            print("fix the problems and save: the build runs again", file=sys.stderr, flush=True)
        else:
            _print_result(result, sum(seconds for _, seconds in result.phases), args.timings)

    def on_ready(seconds: float) -> None:
        if args.timings:
            print(f"ready for the next change in {seconds * 1000:.0f} ms (cache saved, next staging folder made ready)",
                  file=sys.stderr, flush=True)

    watched = [config.project_dir / "config.yaml", config.content_dir, config.templates_dir]
    print(f"watching {', '.join(str(path) for path in watched if path.exists())} (Ctrl+C to stop)", flush=True)
    # A TERM signal stops it as Ctrl+C does: the cache saved, the next build's staging folder put back as the spare.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        watch_and_build(kept, watched, threading.Event(), on_build, output=(output or config.output_dir).resolve(),
                        on_ready=on_ready)
    except KeyboardInterrupt:
        pass
    return 0
