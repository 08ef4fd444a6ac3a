"""Strict YAML: every scalar stays text, positions are kept, surprises are errors.

PyYAML's safe loader turns `2018-09-12` into a date, `2016` into an int and
`NO` into False; editors mean text. We build values from the parser's event
stream instead, so no implicit typing ever happens, and we reject the YAML
features that hide data (aliases, anchors, explicit tags, duplicate keys).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.content.textfile import read_text
from generator.errors import ContentError, Problem

_Parser = getattr(yaml, "CParser", None) or yaml.parser.Parser
_Loader = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader

Key = tuple  # a path into the document: ("sources", 0, "quote")


@dataclass(slots=True)
class Document:
    """Plain data (dicts, lists, str) plus the 1-based line/column of every value and key."""

    path: str
    data: object
    value_marks: dict[Key, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Key, tuple[int, int]] = field(default_factory=dict)
    source: str | None = None  # set by the fast path: marks come from a strict re-parse, only if ever asked for

    def _read_marks(self) -> None:
        # Keeping positions for every value of 10,000 files costs more than parsing them; problems are rare.
        if self.source is not None:
            strict = _strict_parse(self.source, self.path)
            self.value_marks, self.key_marks, self.source = strict.value_marks, strict.key_marks, None

    def at(self, key: Key) -> tuple[int, int]:
        """Where the value at `key` starts (falling back to its parent)."""
        self._read_marks()
        while key not in self.value_marks and key:
            key = key[:-1]
        return self.value_marks.get(key, (1, 1))

    def key_at(self, key: Key) -> tuple[int, int]:
        """Where the mapping key of `key` starts."""
        self._read_marks()
        return self.key_marks.get(key) or self.at(key)

    def problem(self, key: Key, field_name: str, message: str, hint: str = "", on_key: bool = False) -> Problem:
        """A Problem located at the value (or key) under `key`."""
        line, col = self.key_at(key) if on_key else self.at(key)
        return Problem(self.path, line, col, field_name, message, hint)


def _mark(event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Builder:
    """Turns a parser event stream into plain values, recording marks."""

    def __init__(self, path: str, events):
        self.path = path
        self.events = iter(events)
        self.doc = Document(path, None)

    def fail(self, event, field_name: str, message: str, hint: str) -> ContentError:
        line, col = _mark(event)
        return ContentError([Problem(self.path, line, col, field_name, message, hint)])

    def node(self, event, key: Key, where: str):
        if isinstance(event, yaml.AliasEvent):
            raise self.fail(event, where, "YAML aliases (*name) are not allowed",
                            "write the value out in full")
        if getattr(event, "anchor", None):
            raise self.fail(event, where, "YAML anchors (&name) are not allowed",
                            "write the value out in full")
        tag = getattr(event, "tag", None)
        if tag and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            raise self.fail(event, where, f"YAML tags ({tag.replace('tag:yaml.org,2002:', '!!')}) are not allowed",
                            "remove the tag; every value is read as text")
        self.doc.value_marks[key] = _mark(event)
        if isinstance(event, yaml.ScalarEvent):
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            for event in self.events:
                if isinstance(event, yaml.SequenceEndEvent):
                    return items
                items.append(self.node(event, key + (len(items),), where))
        if isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, object] = {}
            for event in self.events:
                if isinstance(event, yaml.MappingEndEvent):
                    return mapping
                if not isinstance(event, yaml.ScalarEvent) or event.tag or event.anchor:
                    raise self.fail(event, where or "(key)", "mapping keys must be plain words",
                                    "write `name: value`")
                name = event.value
                if name in mapping:
                    line, _ = self.doc.key_marks[key + (name,)]
                    raise self.fail(event, name, f"duplicate key (first given on line {line})",
                                    "keep one of the two")
                self.doc.key_marks[key + (name,)] = _mark(event)
                mapping[name] = self.node(next(self.events), key + (name,), name)
        raise self.fail(event, where or "(document)", "unexpected YAML structure", "")


# Characters without which a file can hold no anchor, alias target or explicit tag: with none of
# them, libyaml's own composer (C, ~5x faster than walking events in Python) gives the same values.
_FAST_UNSAFE = ("&", "!")

try:
    from yaml._yaml import CParser as _CParser

    class _Composer(_CParser):
        """libyaml's composer without tag resolution: every scalar stays text, as in the strict path."""

        def descend_resolver(self, parent, index):
            pass

        def ascend_resolver(self):
            pass

        def resolve(self, kind, value, implicit):
            return None
except ImportError:  # PyYAML without libyaml: the strict path alone
    _Composer = None


def _fast_parse(text: str, path: str) -> Document | None:
    """The Document of a plain, well-formed file via libyaml's composer; None means take the strict path."""
    if _Composer is None or any(c in text for c in _FAST_UNSAFE):
        return None
    try:
        node = _Composer(text).get_single_node()
    except yaml.YAMLError:
        return None  # the strict path words the error
    if node is None:
        return Document(path, {})
    try:
        data = _plain(node)
    except ValueError:
        return None
    return Document(path, data, source=text)


def _plain(node):
    """Plain values of a composed node; ValueError for anything the strict path would refuse."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, object] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.value in mapping:
                raise ValueError("key")
            mapping[key.value] = _plain(value)
        return mapping
    raise ValueError("node")


def parse(text: str, path: str) -> Document:
    """Parse one YAML document strictly; raises ContentError with the position."""
    fast = _fast_parse(text, path)
    return fast if fast is not None else _strict_parse(text, path)


def _strict_parse(text: str, path: str) -> Document:
    try:
        events = list(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        # For an unclosed quote or bracket the start of the construct is the useful spot;
        # for a misplaced key it is where the parser gave up.
        scanning = (error.context or "").startswith("while scanning")
        mark = (error.context_mark if scanning else error.problem_mark) or error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = f"{error.context}: {error.problem}" if error.context else error.problem
        raise ContentError([Problem(path, line, col, "(yaml)", f"invalid YAML, {what}",
                                    "check indentation, colons and quotes on this line")]) from None
    except yaml.YAMLError as error:
        raise ContentError([Problem(path, 1, 1, "(yaml)", f"invalid YAML: {error}",
                                    "the file must be UTF-8 text")]) from None
    documents = [i for i, e in enumerate(events) if isinstance(e, yaml.DocumentStartEvent)]
    if len(documents) > 1:
        line, col = _mark(events[documents[1]])
        raise ContentError([Problem(path, line, col, "(yaml)", "more than one YAML document",
                                    "keep one event per file; remove the extra `---`")])
    builder = _Builder(path, events[documents[0] + 1:-2] if documents else [])
    first = next(builder.events, None)
    builder.doc.data = {} if first is None else builder.node(first, (), "")
    return builder.doc


def load_file(path: Path, display: str | None = None) -> Document:
    """Read and parse a YAML file; unreadable or non-UTF-8 files become Problems."""
    name = display or str(path)
    return parse(read_file(path, name), name)


def read_file(path: Path, name: str) -> str:
    """A YAML file's text; unreadable or non-UTF-8 files become Problems (at `name`)."""
    try:
        return read_text(path)
    except UnicodeDecodeError as error:
        raise ContentError([Problem(name, 1, 1, "(file)", f"not UTF-8 text ({error.reason})",
                                    "save the file as UTF-8")]) from None
    except OSError as error:
        raise ContentError([Problem(name, 1, 1, "(file)", f"cannot read: {error.strerror}",
                                    "check the file's permissions")]) from None


def load_plain(path: Path) -> dict:
    """Plain text-only data of a YAML mapping file (for tools that need no positions)."""
    document = load_file(path)
    if not isinstance(document.data, dict):
        raise ContentError([document.problem((), "(document)", "expected a mapping of fields",
                                             "start with `id: ...`")])
    return document.data
