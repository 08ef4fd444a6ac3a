"""Jinja2 rendering of page plans, with autoescape on and undefined names as errors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2

from generator.config import Config
from generator.errors import ContentError, Problem
from generator.pages.html import PagePlan
from generator.pages.links import root_prefix

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def template_dirs(config: Config) -> list[Path]:
    """The project's templates first, then the built-in ones they may extend or leave out."""
    dirs = [config.templates_dir] if config.templates_dir.is_dir() else []
    if BUILTIN_TEMPLATES.is_dir() and BUILTIN_TEMPLATES.resolve() not in [d.resolve() for d in dirs]:
        dirs.append(BUILTIN_TEMPLATES)
    return dirs


def make_environment(config: Config) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(config)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def static_assets(config: Config) -> dict[str, tuple[str, bytes]]:
    """`static/NAME` files (project first), renamed with a content hash so browsers may cache them forever."""
    assets: dict[str, tuple[str, bytes]] = {}
    for folder in reversed([d / "static" for d in template_dirs(config)]):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                name = path.relative_to(folder).as_posix()
                data = path.read_bytes()
                digest = hashlib.sha256(data).hexdigest()[:10]
                stem, dot, suffix = name.rpartition(".")
                assets[name] = (f"static/{stem}.{digest}.{suffix}" if dot else f"static/{name}.{digest}", data)
    return assets


def render_pages(plans: list[PagePlan], config: Config, assets: dict[str, tuple[str, bytes]],
                 site_context: dict) -> dict[str, bytes]:
    """Render each plan to bytes; a template mistake becomes a located Problem."""
    environment = make_environment(config)
    asset_paths = {name: hashed for name, (hashed, _) in assets.items()}
    outputs: dict[str, bytes] = {}
    for plan in plans:
        root = root_prefix(plan.path)
        if plan.path == "404.html":
            # GitHub Pages serves 404.html at any depth, so its links must be absolute.
            root = config.base_path
        canonical = config.base_url + (plan.path[: -len("index.html")] if plan.path.endswith("index.html") else plan.path)
        try:
            template = environment.get_template(plan.template)
            html = template.render(site=site_context, page=plan, root=root, assets=asset_paths,
                                   canonical=canonical, **plan.data)
        except jinja2.TemplateSyntaxError as error:
            raise ContentError([Problem(error.filename or plan.template, error.lineno or 1, 1, "(template)",
                                        error.message or "syntax error", "check the tag on this line")]) from None
        except jinja2.TemplateError as error:
            raise ContentError([Problem(_template_path(error, plan.template), _template_line(error), 1, "(template)",
                                        f"{error} (while rendering {plan.path})",
                                        "templates may only use the variables documented in the README")]) from None
        outputs[plan.path] = html.encode()
    return outputs


def _template_line(error: Exception) -> int:
    traceback = error.__traceback__
    line = 1
    while traceback:
        if traceback.tb_frame.f_code.co_filename.endswith(".html"):
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def _template_path(error: Exception, fallback: str) -> str:
    traceback = error.__traceback__
    path = fallback
    while traceback:
        if traceback.tb_frame.f_code.co_filename.endswith(".html"):
            path = traceback.tb_frame.f_code.co_filename
        traceback = traceback.tb_next
    return path
