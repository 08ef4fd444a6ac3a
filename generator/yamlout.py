"""Deterministic YAML text for event and front-matter mappings, read back unchanged by a text-only loader."""

from __future__ import annotations

import re

INDENT = "  "
FLOW_WIDTH = 100  # a flow list longer than this is written one item a line

# Plain scalars that YAML 1.1 tools (not our text-only loader) would turn into
# booleans or null; quoting them keeps the files unsurprising in any editor.
_KEYWORDS = frozenset("y n yes no on off true false null ~".split())
# Characters YAML treats as line breaks or cannot carry unescaped.
_BREAKS = "\r\x85\u2028\u2029"
# One character outside YAML's printable set, or one of the breaks above, or a BOM (tab and newline are fine).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_NOT_PLAIN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")  # nor tab, newline
_PLAIN_FIRST = re.compile(r"[-?:,\[\]{}#&*!|>'\"%@`]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0",
            "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\ufeff"}


def dump(mapping: dict) -> str:
    """YAML for a mapping: keys in the given order, strings exactly recoverable, stable output."""
    return "".join(_mapping_lines(mapping, 0))


def _printable(char: str) -> bool:
    """YAML's c-printable set, minus the characters it reads as line breaks."""
    code = ord(char)
    if char in _BREAKS or char == "\ufeff":
        return False
    return (code in (0x9, 0xA) or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD or code >= 0x10000)


def _plain_ok(text: str, flow: bool) -> bool:
    """True when `text` reads back identically as an unquoted scalar."""
    if not text or text != text.strip(" ") or text.lower() in _KEYWORDS:
        return False
    if _NOT_PLAIN.search(text):
        return False
    # `-x` is a plain scalar anywhere, `?x` and `:x` only outside flow lists (PyYAML's rule).
    indicator_ok = len(text) > 1 and text[1] != " " and (text[0] == "-" or (text[0] in "?:" and not flow))
    if _PLAIN_FIRST.match(text) and not indicator_ok:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    # Inside [a, b] these characters end or nest the scalar (for PyYAML, libyaml or both).
    return not (flow and any(c in text for c in ",[]{}?:#"))


def _double_quoted(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif not _printable(char):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _block_ok(text: str) -> bool:
    """A literal block (`|`) can carry the text: it has a line break and is all printable."""
    if "\n" not in text or not text.strip("\n") or _UNPRINTABLE.search(text):
        return False
    # libyaml rejects a tab where it still expects indentation.
    return not any(line.startswith("\t") for line in text.split("\n"))


def _block(text: str, indent: int) -> list[str]:
    """`|` style: the lines as written, with a chomping indicator that keeps the trailing newlines exact."""
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    # A first line starting with a space would be read as more indentation.
    indicator = str(len(INDENT)) if body.startswith(" ") or body.startswith("\n") else ""
    pad = INDENT * (indent + 1)
    lines = [f"|{indicator}{chomp}\n"]
    lines += [(pad + line if line else "") + "\n" for line in body.split("\n")]
    lines += ["\n"] * (trailing - 1)
    return lines


def scalar(value: object, flow: bool = False) -> str:
    """One scalar as YAML text: plain when that reads back identically, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if not isinstance(value, str):
        raise TypeError(f"cannot write {type(value).__name__} as YAML scalar")
    return value if _plain_ok(value, flow) else _double_quoted(value)


def _is_scalar(value: object) -> bool:
    return isinstance(value, (str, int, float, bool))


def _value_lines(value: object, indent: int) -> list[str]:
    """The text after `key:` for a value: inline for scalars and flow lists, else nested lines."""
    if isinstance(value, dict):
        return [" {}\n"] if not value else ["\n", *_mapping_lines(value, indent + 1)]
    if isinstance(value, (list, tuple)):
        if not value:
            return [" []\n"]
        if all(_is_scalar(item) for item in value):
            flow = "[" + ", ".join(scalar(item, flow=True) for item in value) + "]"
            if len(flow) + len(INDENT) * indent <= FLOW_WIDTH:
                return [f" {flow}\n"]
        return ["\n", *_sequence_lines(value, indent + 1)]
    if isinstance(value, str) and _block_ok(value):
        head, *rest = _block(value, indent)
        return [" " + head, *rest]
    return [f" {scalar(value)}\n"]


def _mapping_lines(mapping: dict, indent: int) -> list[str]:
    lines = []
    for key, value in mapping.items():
        lines.append(f"{INDENT * indent}{scalar(str(key))}:")
        lines.extend(_value_lines(value, indent))
    return lines


def _sequence_lines(items: list | tuple, indent: int) -> list[str]:
    """Block sequence items at `indent`: `- scalar`, or `- key: value` continuing a mapping."""
    lines = []
    pad = INDENT * indent
    for item in items:
        if isinstance(item, dict) and item:
            nested = _mapping_lines(item, indent + 1)
            # The first key shares the dash's line: "  - article: x".
            lines.append(pad + "- " + nested[0][len(INDENT) * (indent + 1):])
            lines.extend(nested[1:])
        elif isinstance(item, (list, tuple, dict)):
            raise TypeError("nested lists and empty mappings inside lists are not written")
        elif isinstance(item, str) and _block_ok(item):
            head, *rest = _block(item, indent)
            lines.append(pad + "- " + head)
            lines.extend(rest)
        else:
            lines.append(f"{pad}- {scalar(item)}\n")
    return lines
