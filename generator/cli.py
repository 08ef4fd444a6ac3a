"""The `timeline` command line: parse arguments and dispatch to one command module."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from generator import __version__

# name -> (module, one-line help). Modules are imported only for the command
# that runs, so `timeline --help` and `timeline build` stay fast.
COMMANDS = {
    "build": ("generator.commands.build", "build the site into the output folder"),
    "check": ("generator.commands.check", "validate config and content, report every problem"),
    "serve": ("generator.commands.serve", "preview the site with live reload (drafts included)"),
    "new": ("generator.commands.new", "write a new event file"),
    "init": ("generator.commands.init", "create a new timeline project"),
    "extract": ("generator.commands.extract", "draft events from news articles"),
    "timex": ("generator.commands.timex", "tag temporal expressions in a text"),
}

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def make_parser(selected: str | None) -> argparse.ArgumentParser:
    """The parser; only the selected command's module is imported for its options."""
    parser = argparse.ArgumentParser(
        prog="timeline", description="Publish source-backed timelines as a static website."
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == selected:
            importlib.import_module(module_name).add_arguments(command_parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code."""
    argv = sys.argv[1:] if argv is None else argv
    selected = next((a for a in argv if not a.startswith("-")), None)
    parser = make_parser(selected if selected in COMMANDS else None)
    args = parser.parse_args(argv)
    module = importlib.import_module(COMMANDS[args.command][0])
    try:
        return module.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except RuntimeError as error:
        from generator.errors import WorkerLost  # here: `timeline --help` imports no more than it needs

        if not isinstance(error, WorkerLost):
            raise
        print(f"timeline: error: {error}; nothing was written over\n"
              "  hint: run again, with `--jobs 1` to need less memory", file=sys.stderr)
        return 1


def run() -> None:
    """The `timeline` program: main, then exit without tearing the interpreter down (freeing a big build's objects
    one by one, ~0.1 s at 10,000 events, would only delay the prompt). Output into a closed pipe (`timeline check
    | head -0`) ends the program quietly with exit code 1, as Python's documentation advises."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        code = 1
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)
