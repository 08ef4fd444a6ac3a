"""config.yaml: the options table drives validation, defaults and the generated reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import OPTIONS, default_config_text, load_config
from generator.content.yamltext import parse
from generator.errors import ContentError


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "config.yaml").write_text(text)
    return tmp_path


def test_defaults_without_a_config_file(tmp_path):
    config = load_config(tmp_path)
    assert config.title == "Timeline"
    assert config.output_dir == tmp_path / "site"
    assert config.base_path == "/"


def test_subpath_and_trailing_slash(tmp_path):
    config = load_config(write(tmp_path, "base_url: https://user.github.io/repo\n"))
    assert config.base_url == "https://user.github.io/repo/"
    assert config.base_path == "/repo/"


def test_rtl_language_sets_direction(tmp_path):
    assert load_config(write(tmp_path, "language: ar\n")).direction == "rtl"
    assert load_config(write(tmp_path, "language: en-GB\n")).direction == "ltr"


@pytest.mark.parametrize("text, message", [
    ("titel: X\n", "config.yaml:1:1: titel: unknown option\n  hint: did you mean `title`?"),
    ("feed_size: lots\n", "config.yaml:1:12: feed_size: `lots` is not a whole number"),
    ("base_url: ftp://x.org/\n", "config.yaml:1:11: base_url: `ftp://x.org/` is not an http(s) address"),
    ("timezone: EST\n", "config.yaml:1:11: timezone: `EST` is not a UTC offset like +00:00"),
    ("output_dir: content\n", "config.yaml:1:1: output_dir: must be a folder of its own"),
])
def test_invalid_options(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError) as error:
        load_config(write(tmp_path, text))
    assert str(error.value).startswith(message)


def test_generated_config_lists_every_option_and_loads(tmp_path):
    text = default_config_text()
    assert list(parse(text, "c").data) == [o.name for o in OPTIONS]
    load_config(write(tmp_path, text))


def test_readme_config_reference_matches_the_table():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    for option in OPTIONS:
        assert f"| `{option.name}` |" in readme, option.name


def test_readme_reference_tables_are_current():
    from generator.reference import refresh

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert refresh(readme) == readme, "run `python -m generator.reference README.md`"
