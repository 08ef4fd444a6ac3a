"""The layout is the architecture: imports point one way, and every module says what it is for."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Lower layers never import higher ones: content → model → pages → files, with the CLI on top.
LAYERS = [
    ("generator.errors", "generator.dates", "generator.schema", "generator.model", "generator.markup",
     "generator.yamlout", "generator.spill"),
    ("generator.config", "generator.content", "generator.extract"),
    ("generator.timeline", "generator.pages", "generator.render", "generator.reference"),
    ("generator.write", "generator.cache", "generator.parallel", "generator.cachedload", "generator.sitefiles",
     "generator.build", "generator.preview",
     "generator.serve", "generator.watch", "generator.buildclient", "generator.buildserver",
     "generator.sourcewatch"),
    ("generator.cli", "generator.commands", "generator.__main__"),
]


def layer_of(module: str) -> int:
    for index, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return index
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {n for n in names if n.startswith("generator")}


def test_imports_point_one_way():
    wrong = []
    for name, path in modules():
        if name == "generator":
            continue
        for target in imported(path):
            if target != "generator" and layer_of(target) > layer_of(name):
                wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_extraction_and_site_building_do_not_import_each_other():
    for name, path in modules():
        targets = imported(path)
        if name.startswith("generator.extract"):
            assert not {t for t in targets if t.startswith(("generator.pages", "generator.build", "generator.render"))}
        if name.startswith(("generator.content", "generator.pages", "generator.build", "generator.render",
                            "generator.cachedload", "generator.sitefiles", "generator.timeline", "generator.write")):
            assert not {t for t in targets if t.startswith("generator.extract")}, name


def test_every_module_opens_with_a_docstring():
    missing = [name for name, path in modules() if not ast.get_docstring(ast.parse(path.read_text()))]
    assert missing == []
