"""Word lists, verb forms and the tag vocabulary, read once from `data/`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


def package_data(name: str) -> dict:
    """One of the extractor's data files (trusted, so plain YAML types; libyaml when it is there)."""
    text = resources.files("generator.extract").joinpath(f"data/{name}").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@dataclass(frozen=True, slots=True)
class Words:
    """The lists in data/words.yaml, as sets (cut_before keeps its order, longest first)."""

    function_words: frozenset[str]
    event_nouns: frozenset[str]
    quantifiers: frozenset[str]
    not_actors: frozenset[str]
    person_titles: frozenset[str]
    name_joiners: frozenset[str]
    cut_before: tuple[str, ...]


@lru_cache(maxsize=1)
def words() -> Words:
    data = package_data("words.yaml")
    sets = {key: frozenset(str(w) for w in data[key]) for key in
            ("function_words", "event_nouns", "quantifiers", "not_actors", "person_titles", "name_joiners")}
    cut = tuple(sorted((str(w) for w in data["cut_before"]), key=len, reverse=True))
    return Words(**sets, cut_before=cut)


def _past(base: str, doubles: bool) -> str:
    if doubles:
        return base + base[-1] + "ed"
    if base.endswith("e"):
        return base + "d"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ied"
    return base + "ed"


def _ing(base: str, doubles: bool) -> str:
    if doubles:
        return base + base[-1] + "ing"
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and base != "be":
        return base[:-1] + "ing"
    return base + "ing"


def third_person(base: str) -> str:
    """`urge` → `urges`, `push` → `pushes`, `try` → `tries`, `be` → `is`."""
    if base == "be":
        return "is"
    if base == "have":
        return "has"
    if re.search(r"(?:s|sh|ch|x|z|o)$", base):
        return base + "es"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + "s"


@dataclass(frozen=True, slots=True)
class Verbs:
    """Every known inflected form → its base; and the forms by kind."""

    base_of: dict[str, str]
    past: frozenset[str]
    participle: frozenset[str]
    ing: frozenset[str]
    present: frozenset[str]


@lru_cache(maxsize=1)
def verbs() -> Verbs:
    data = package_data("verbs.yaml")
    doubling = set(data["doubling"])
    base_of, past, participle, ing, present = {}, set(), set(), set(), set()
    regular = sorted(set(data["regular"]) | doubling)
    forms = {b: (_past(b, b in doubling), _past(b, b in doubling)) for b in regular}
    forms.update({b: tuple(v) for b, v in data["irregular"].items()})
    for base, (past_form, participle_form) in forms.items():
        ing_form = _ing(base, base in doubling)
        for form in (base, third_person(base), past_form, participle_form, ing_form):
            base_of.setdefault(form, base)
        past.add(past_form)
        participle.add(participle_form)
        ing.add(ing_form)
        present.update((base, third_person(base)))
    # "were" is the plural past of "be"; "are" its plural present.
    base_of.update(were="be", are="be", am="be")
    past.add("were")
    present.update(("are", "am"))
    return Verbs(base_of, frozenset(past), frozenset(participle), frozenset(ing), frozenset(present))


@dataclass(frozen=True, slots=True)
class TagRule:
    """One tag and the phrases that give it."""

    tag: str
    pattern: re.Pattern


@lru_cache(maxsize=1)
def tag_rules() -> tuple[TagRule, ...]:
    rules = []
    for tag, phrases in package_data("tags.yaml").items():
        parts = [re.escape(p[:-1]) + r"\w*" if p.endswith("*") else re.escape(p) for p in phrases]
        rules.append(TagRule(tag, re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)))
    return tuple(rules)


def tags_for(text: str) -> tuple[str, ...]:
    """The vocabulary's tags whose words occur in `text`, in vocabulary order."""
    return tuple(rule.tag for rule in tag_rules() if rule.pattern.search(text))
