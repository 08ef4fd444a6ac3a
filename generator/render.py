"""Jinja2 rendering of page plans, with autoescape on and undefined names as errors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.config import Config
from generator.errors import ContentError, Problem
from generator.pages.html import PagePlan
from generator.pages.links import root_prefix
from generator.spill import SHORT_TEXT, Spilled, TextSpill

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def template_dirs(config: Config) -> list[Path]:
    """The project's templates first, then the built-in ones they may extend or leave out."""
    dirs = [config.templates_dir] if config.templates_dir.is_dir() else []
    if BUILTIN_TEMPLATES.is_dir() and BUILTIN_TEMPLATES.resolve() not in [d.resolve() for d in dirs]:
        dirs.append(BUILTIN_TEMPLATES)
    return dirs


# Outputs shorter than SHORT_TEXT stay in memory whatever the text budget, so a memoized macro remembers at most this
# many of them: the date line of every related event on 100,000 event pages came to ~40 MB (~450 bytes an entry) in
# each worker that renders them, for calls that render in a few microseconds. A 10,000-event site's never reach it.
SHORT_OUTPUTS_KEPT = 20_000


class _MemoMacro:
    """An imported macro that returns its earlier output for equal arguments.

    An event's list item is rendered the same way on its year page and on every tag and actor
    page it appears on; a macro imported from another template sees only its arguments (no
    context), so for immutable arguments the output is a pure function of them. A call made while
    another memoized macro renders is not remembered: the outer output is, and the inner one would
    only take memory (the date line and source notes inside every list item: −17 MB in the largest process
    at 100,000 events, with the flat keys of _memo_key).
    """

    __slots__ = ("macro", "results", "spill", "environment", "short_outputs")
    # What Jinja2's Context.call looks up on every call (a macro takes no context): found here, not through
    # __getattr__ and the AttributeError of the macro's own lookup.
    jinja_pass_arg = None

    def __init__(self, macro, environment: jinja2.Environment):
        self.macro = macro
        self.results: dict[tuple, tuple[tuple, object]] = {}  # argument keys -> (arguments, output or where it is)
        # Long outputs are kept on disk there: a list item per event adds up to most of a big site's memory.
        self.spill = getattr(environment, "text_spill", None)
        self.environment = environment
        self.short_outputs = 0  # outputs remembered that stay in memory whatever the text budget (SHORT_TEXT)

    def __call__(self, *args, **kwargs):
        # A `caller` block or keywords (rare), or a call inside an output being remembered: rendered as it comes.
        if kwargs or getattr(self.environment, "memo_depth", 0):
            return self.macro(*args, **kwargs)
        try:
            key = _memo_key(args)
            found = self.results.get(key)
        except Exception:  # unhashable or undefined arguments: let the macro render (or raise) as usual
            return self.macro(*args)
        if found is None:
            self.environment.memo_depth = 1
            try:
                output = self.macro(*args)
            finally:
                self.environment.memo_depth = 0
            if len(output) < SHORT_TEXT:
                if self.short_outputs >= SHORT_OUTPUTS_KEPT:
                    return output
                self.short_outputs += 1
            # The arguments are kept with the result: a view keyed by identity must outlive its entry.
            self.results[key] = (args, output if self.spill is None else self.spill.keep(output))
            return output
        output = found[1]
        return Markup(output.text()) if type(output) is Spilled else output

    # Context.call looks for this on the bound __call__ too: found on the function, not after an AttributeError
    # (~0.5 us of each call's ~1.4).
    __call__.jinja_pass_arg = None

    def __getattr__(self, name):
        return getattr(self.macro, name)


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def _memo_key(args: tuple) -> tuple:
    """(type, value, type, value, ...): for plain values, the type keeping Markup("x") and "x" apart; for frozen
    dataclasses (views, which a build makes once per event and which are costly to hash), their identity. One flat
    tuple: a pair per argument cost ~60 bytes more per memo entry."""
    key = []
    for value in args:
        kind = type(value)
        if kind in _PLAIN_TYPES:
            key += (kind, value)
        elif getattr(getattr(kind, "__dataclass_params__", None), "frozen", False):
            key += (kind, id(value))
        else:
            raise TypeError(kind.__name__)
    return tuple(key)


def _replaced(value: str) -> str:
    """markupsafe.escape's text, as a plain str, by replacements."""
    return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;")
            .replace('"', "&#34;"))


try:  # MarkupSafe 3's own escape of a str, in C and one pass (~0.05 us a call against ~0.2), before it makes a Markup
    from markupsafe import _escape_inner
except ImportError:  # MarkupSafe 2
    _escape_inner = None
_escape_text = _escape_inner or _replaced


def _escape_output(value):
    """What a template writes out for `{{ value }}`, escaped as markupsafe.escape does, but text comes back as plain
    text rather than a Markup object: output is joined into the page at once, and making 1.6 million Markup
    objects (about 130 per page) was a seventh of rendering a 10,000-event site. Markup passes as it is; anything
    else takes markupsafe's own way."""
    kind = type(value)
    if kind is str:
        return _escape_text(value)
    if kind is Markup:
        return value
    return escape(value)


class _Template(jinja2.Template):
    """Templates whose imported macros are memoized (see _MemoMacro), and whose output is escaped by
    _escape_output."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        template = super()._from_namespace(environment, namespace, globals)
        # The compiled code escapes each output with its module's `escape`, looked up each time it runs.
        namespace["escape"] = _escape_output
        return template

    def _get_default_module(self, ctx=None):
        module = super()._get_default_module(ctx)
        if module is self._module and not getattr(module, "_memoized", False):
            for name, value in list(vars(module).items()):
                if isinstance(value, jinja2.runtime.Macro):
                    setattr(module, name, _MemoMacro(value, self.environment))
            module._memoized = True
        return module


class _Environment(jinja2.Environment):
    """An environment whose templates' memoized macros keep long outputs in `text_spill` (when set)."""

    text_spill: TextSpill | None = None
    memo_depth = 0  # 1 while a memoized macro's output is being rendered (see _MemoMacro)


def make_environment(config: Config, bytecode_folder: Path | None = None,
                     text_spill: TextSpill | None = None) -> jinja2.Environment:
    """The Jinja2 environment; with `bytecode_folder`, compiled templates are kept there between builds; with
    `text_spill`, memoized macro outputs are kept there rather than in memory."""
    if bytecode_folder is not None:
        bytecode_folder.mkdir(parents=True, exist_ok=True)
    environment = _Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(config)]),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode_folder)) if bytecode_folder else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment serves one version of the templates (the preview makes a new one when they change):
        # checking every template file's time on each page would cost 3 stats a page.
        auto_reload=False,
    )
    environment.template_class = _Template
    environment.text_spill = text_spill
    return environment


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


class PageRenderer:
    """Renders page plans with one Jinja2 environment, so templates compile once and macros memoize."""

    def __init__(self, config: Config, assets: dict[str, tuple[str, bytes]], site_context: dict,
                 bytecode_folder: Path | None = None, text_spill: TextSpill | None = None):
        self.config = config
        self.environment = make_environment(config, bytecode_folder, text_spill)
        self.asset_paths = {name: hashed for name, (hashed, _) in assets.items()}
        self.site_context = site_context

    def forget_macro_outputs(self) -> None:
        """Drop every output the memoized macros keep (see _MemoMacro), with the arguments they keep alive."""
        for template in list(self.environment.cache.values()) if self.environment.cache is not None else []:
            module = getattr(template, "_module", None)
            for value in vars(module).values() if module is not None else ():
                if type(value) is _MemoMacro:
                    value.results.clear()
                    value.short_outputs = 0

    def render(self, plan: PagePlan) -> bytes:
        """One page's bytes; a template mistake becomes a located Problem."""
        config = self.config
        root = root_prefix(plan.path)
        if plan.path == "404.html":
            # GitHub Pages serves 404.html at any depth, so its links must be absolute.
            root = config.base_path
        canonical = config.base_url + (plan.path[: -len("index.html")] if plan.path.endswith("index.html") else plan.path)
        try:
            template = self.environment.get_template(plan.template)
            html = template.render(site=self.site_context, page=plan, root=root, assets=self.asset_paths,
                                   canonical=canonical, **plan.data)
        except jinja2.TemplateSyntaxError as error:
            raise ContentError([Problem(error.filename or plan.template, error.lineno or 1, 1, "(template)",
                                        error.message or "syntax error", "check the tag on this line")]) from None
        except jinja2.TemplateError as error:
            raise ContentError([Problem(*_template_frame(error, plan.template), 1, "(template)",
                                        f"{error} (while rendering {plan.path})",
                                        "templates may only use the variables documented in the README")]) from None
        return html.encode()


def render_pages(plans: list[PagePlan], config: Config, assets: dict[str, tuple[str, bytes]],
                 site_context: dict) -> dict[str, bytes]:
    """Render each plan to bytes; a template mistake becomes a located Problem."""
    renderer = PageRenderer(config, assets, site_context)
    return {plan.path: renderer.render(plan) for plan in plans}


def _template_frame(error: Exception, fallback: str) -> tuple[str, int]:
    """(template file, line) of the innermost template frame in the error's traceback."""
    path, line = fallback, 1
    traceback = error.__traceback__
    while traceback:
        if traceback.tb_frame.f_code.co_filename.endswith(".html"):
            path, line = traceback.tb_frame.f_code.co_filename, traceback.tb_lineno
        traceback = traceback.tb_next
    return path, line
