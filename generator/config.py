"""config.yaml: options declared once (name, type, default, help), validated with positions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.content.yamltext import load_file
from generator.errors import ContentError, Problem, did_you_mean

CONFIG_FILE = "config.yaml"
RTL_LANGUAGES = frozenset({"ar", "arc", "dv", "fa", "ha", "he", "khw", "ks", "ku", "ps", "sd", "ur", "yi"})


@dataclass(frozen=True, slots=True)
class Option:
    """One config option: its name, type, default and the help shown in docs and `init`."""

    name: str
    kind: str  # text | url | language | int | bool | path | timezone | list
    default: object
    help: str


OPTIONS = (
    Option("title", "text", "Timeline", "Site title, shown in every page header and in feeds."),
    Option("description", "text", "A source-backed timeline.", "One-sentence description for search engines and feeds."),
    Option("base_url", "url", "http://localhost:8000/",
           "Public address of the site, ending in `/`; a GitHub Pages project site is `https://USER.github.io/REPO/`."),
    Option("language", "language", "en", "Language of the content (BCP 47, e.g. `en`, `fr`, `ar`); RTL languages set the text direction."),
    Option("author", "text", "", "Name shown as the feed author (defaults to the site title)."),
    Option("timezone", "timezone", "+00:00", "UTC offset used for dates in feeds and calendars, e.g. `+00:00` or `-05:00`."),
    Option("feed_size", "int", 50, "How many of the newest events the Atom and JSON feeds list."),
    Option("related_size", "int", 5, "How many related events an event page lists."),
    Option("build_date", "text", "",
           "Fixed `YYYY-MM-DD` for the feeds' updated time; empty means the newest source or event date (reproducible)."),
    Option("content_dir", "path", "content", "Folder with `events/` and `articles/`."),
    Option("templates_dir", "path", "templates", "Folder with the Jinja2 templates and `static/` assets."),
    Option("output_dir", "path", "site", "Folder the site is built into (replaced atomically)."),
)
OPTION_NAMES = tuple(o.name for o in OPTIONS)


@dataclass(frozen=True, slots=True)
class Config:
    """Validated settings; paths are absolute."""

    project_dir: Path
    title: str
    description: str
    base_url: str
    language: str
    author: str
    timezone: str
    feed_size: int
    related_size: int
    build_date: str
    content_dir: Path
    templates_dir: Path
    output_dir: Path

    @property
    def events_dir(self) -> Path:
        return self.content_dir / "events"

    @property
    def articles_dir(self) -> Path:
        return self.content_dir / "articles"

    @property
    def direction(self) -> str:
        return "rtl" if self.language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, e.g. `/repo/` (always ends with `/`)."""
        return "/" + self.base_url.split("://", 1)[-1].partition("/")[2]


def _convert(option: Option, raw: object) -> tuple[object, str]:
    """The typed value, or (None, error message) when `raw` does not fit."""
    if not isinstance(raw, str):
        return None, "expected a single value, not a list or mapping"
    if option.kind == "int":
        return (int(raw), "") if raw.isdigit() else (None, f"`{raw}` is not a whole number")
    if option.kind == "url":
        if not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", raw):
            return None, f"`{raw}` is not an http(s) address"
        return (raw if raw.endswith("/") else raw + "/"), ""
    if option.kind == "language":
        ok = re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", raw)
        return (raw, "") if ok else (None, f"`{raw}` is not a BCP 47 language tag")
    if option.kind == "timezone":
        ok = re.fullmatch(r"[+-](0\d|1[0-4]):[0-5]\d", raw)
        return (raw, "") if ok else (None, f"`{raw}` is not a UTC offset like +00:00")
    if option.kind == "path":
        return (raw, "") if raw.strip() else (None, "empty path")
    return raw, ""


def load_config(project_dir: Path | str = ".", overrides: dict[str, str] | None = None) -> Config:
    """Read config.yaml in `project_dir` (a missing file means all defaults)."""
    project = Path(project_dir).resolve()
    path = project / CONFIG_FILE
    shown = str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)
    raw: dict = {}
    problems: list[Problem] = []
    document = None
    if path.exists():
        document = load_file(path, shown)
        if not isinstance(document.data, dict):
            raise ContentError([document.problem((), "(config)", "expected `option: value` lines",
                                                 "see the config reference in the README")])
        raw = dict(document.data)
    raw.update(overrides or {})
    values: dict[str, object] = {}
    for name in raw:
        if name not in OPTION_NAMES:
            problems.append(document.problem((name,), name, "unknown option", did_you_mean(name, OPTION_NAMES), on_key=True))
    for option in OPTIONS:
        if option.name not in raw:
            values[option.name] = option.default
            continue
        value, error = _convert(option, raw[option.name])
        if error:
            where = document.at((option.name,)) if document and option.name in document.data else (1, 1)
            problems.append(Problem(shown, *where, option.name, error, option.help))
        values[option.name] = value
    if problems:
        raise ContentError(problems)
    for name in ("content_dir", "templates_dir", "output_dir"):
        values[name] = (project / values[name]).resolve()
    if values["output_dir"] in (project, values["content_dir"], values["templates_dir"]):
        raise ContentError([Problem(shown, 1, 1, "output_dir", "must be a folder of its own",
                                    "the output folder is replaced on every build")])
    return Config(project_dir=project, **values)


def default_config_text() -> str:
    """A commented config.yaml listing every option with its default (for `timeline init`)."""
    lines = ["# timeline configuration; every option is listed with its default."]
    for option in OPTIONS:
        lines.append(f"\n# {option.help}")
        lines.append(f"{option.name}: {_yaml_scalar(option.default)}")
    return "\n".join(lines) + "\n"


def _yaml_scalar(value: object) -> str:
    text = str(value)
    return f'"{text}"' if text == "" or re.search(r"[:#\[\]{}&*!|>'\"%@`]|^[-?+\s]", text) else text
