"""Markdown reference tables for the README, generated from the field and option tables.

Run `python -m generator.reference README.md` to refresh the marked blocks; a test checks they are current.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from generator.config import OPTIONS
from generator.schema import ARTICLE_FIELDS, EVENT_FIELDS, EXTRACTED_FIELDS, SOURCE_FIELDS, Field


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def fields_table(fields: tuple[Field, ...]) -> str:
    rows = ["| field | required | what it holds | example |", "|---|---|---|---|"]
    for field in fields:
        example = f"`{_cell(field.example)}`" if field.example else ""
        rows.append(f"| `{field.name}` | {'yes' if field.required else 'no'} | {_cell(field.help)} | {example} |")
    return "\n".join(rows)


def config_table() -> str:
    rows = ["| option | type | default | what it does |", "|---|---|---|---|"]
    for option in OPTIONS:
        default = f"`{option.default}`" if str(option.default) else "(empty)"
        rows.append(f"| `{option.name}` | {option.kind} | {default} | {_cell(option.help)} |")
    return "\n".join(rows)


TABLES = {
    "Event fields": lambda: fields_table(EVENT_FIELDS),
    "Source fields": lambda: fields_table(SOURCE_FIELDS),
    "Extraction fields": lambda: fields_table(EXTRACTED_FIELDS),
    "Article front matter": lambda: fields_table(ARTICLE_FIELDS),
    "Config options": config_table,
}

def refresh(text: str) -> str:
    """Replace each `<!-- table: NAME -->` ... `<!-- /table -->` block with the current table."""
    def replace(match: re.Match) -> str:
        return f"<!-- table: {match[1]} -->\n{TABLES[match[1]]()}\n<!-- /table -->"
    return re.sub(r"<!-- table: (.+?) -->.*?<!-- /table -->", replace, text, flags=re.S)


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(refresh(path.read_text()))
    print(f"refreshed {path}")
