"""`timeline init DIR`: create a new timeline project, buildable at once and ready for GitHub Pages."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent / "project_template"

EXAMPLE_EVENT = {
    "date": "1969-07-20",
    "title": "Apollo 11 lands on the Moon",
    "summary": "Neil Armstrong and Buzz Aldrin land the lunar module *Eagle* in the Sea of Tranquility.\n",
    "tags": ["space"],
    "actors": ["NASA", "Neil Armstrong", "Buzz Aldrin"],
    "sources": [{"url": "https://www.nasa.gov/mission/apollo-11/", "title": "Apollo 11", "publisher": "NASA"}],
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", type=Path, help="folder for the new project (created if missing)")
    parser.add_argument("--title", default="Timeline", help="site title")
    parser.add_argument("--base-url", default="http://localhost:8000/", help="public address of the site")
    parser.add_argument("--generator", default=None,
                        help="pip requirement the Pages workflow installs timeline from "
                             "(default: this timeline's source folder)")


def run(args: argparse.Namespace) -> int:
    from generator.config import OPTIONS, default_config_text
    from generator.render import BUILTIN_TEMPLATES
    from generator.yamlout import dump

    target = args.directory.resolve()
    if (target / "config.yaml").exists():
        print(f"{target / 'config.yaml'}:1:1: directory: a timeline project already exists here; nothing was written\n"
              f"  hint: choose an empty or new folder", file=sys.stderr)
        return 1
    config = default_config_text()
    defaults = {o.name: str(o.default) for o in OPTIONS}
    config = config.replace(f"title: {defaults['title']}\n", "title: " + dump({"t": args.title})[3:], 1)
    config = config.replace(f"base_url: {defaults['base_url']}\n", "base_url: " + dump({"u": args.base_url})[3:], 1)
    (target / "content" / "events").mkdir(parents=True, exist_ok=True)
    (target / "content" / "articles").mkdir(parents=True, exist_ok=True)
    (target / "config.yaml").write_text(config, encoding="utf-8")
    event_path = target / "content" / "events" / "1969-07-20-apollo-11-lands-on-the-moon.yaml"
    if not event_path.exists():
        event_path.write_text(dump(EXAMPLE_EVENT), encoding="utf-8")
    if not (target / "templates").exists():
        shutil.copytree(BUILTIN_TEMPLATES, target / "templates")
    workflow = target / ".github" / "workflows" / "pages.yml"
    workflow.parent.mkdir(parents=True, exist_ok=True)
    if not workflow.exists():
        shutil.copyfile(TEMPLATE / "pages.yml", workflow)
    requirement = args.generator or f"timeline @ {BUILTIN_TEMPLATES.parent.as_uri()}"
    if not (target / "requirements.txt").exists():
        (target / "requirements.txt").write_text(
            "# What the Pages workflow installs to build the site; point it at where timeline lives,\n"
            "# e.g. `timeline @ git+https://github.com/OWNER/timeline`.\n" + requirement + "\n", encoding="utf-8")
    if not (target / ".gitignore").exists():
        # The output, the build's folders beside it (staging, the spare tree) and the cache.
        (target / ".gitignore").write_text("site/\n.site.*/\n.timeline-cache/\n", encoding="utf-8")
    print(f"created {target}\nnext: cd {target} && timeline serve")
    return 0
