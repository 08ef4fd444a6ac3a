"""Entry point for `python -m generator`."""

from generator.cli import run

run()
