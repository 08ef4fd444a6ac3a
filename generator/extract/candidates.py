"""Article text + metadata → candidate events: one per distinct dated happening, as plain picklable values.

`extract_candidates(text, meta)` is a pure function: no files, no clock, no
shared state. It tags temporal expressions, keeps those that date a
happening, builds a headline, summary, actors and tags for each, merges
repeated mentions of the same happening and scores how sure it is.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace

from generator.extract.actors import actors_in, keywords, name_index, stem
from generator.extract.headline import Title, clause_title, noun_phrase_title, tidy
from generator.extract.sentences import Sentence, split_sentences
from generator.extract.timex import Timex, tag
from generator.extract.words import tags_for, verbs, words

DATE_VALUE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?|-W(?P<week>\d\d))?")
# Prepositions that belong to an expression when it dates a clause ("on Thursday", "in 2018").
_PREPOSITIONS = re.compile(r"\b(?:on|in|during|since|by|until|through|from|at|as of|as early as|as late as)\s+$",
                           re.IGNORECASE)
_DETERMINERS = frozenset("a an the its his her their this that last".split())


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What is known about an article besides its text."""

    article_id: str = ""
    title: str = ""
    url: str = ""
    publisher: str = ""
    published: datetime.date | None = None
    author: str = ""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A draft event: everything an event file needs, plus what it was derived from."""

    date: str
    title: str
    summary: str
    tags: tuple[str, ...]
    actors: tuple[str, ...]
    quote: str
    offsets: tuple[int, int]
    expression: str
    resolved: str
    confidence: float
    keywords: tuple[str, ...] = ()
    mentions: int = 1


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A temporal expression that could have dated a happening but has no usable value."""

    expression: str
    offsets: tuple[int, int]
    value: str
    reason: str


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything `extract` found in one article."""

    candidates: tuple[Candidate, ...]
    unresolved: tuple[Unresolved, ...] = field(default=())


def precision(value: str) -> int:
    """1 year, 2 month, 3 week, 4 day."""
    match = DATE_VALUE.fullmatch(value)
    if match is None:
        return 0
    return 4 if match["day"] else 3 if match["week"] else 2 if match["month"] else 1


def first_day(value: str) -> datetime.date:
    """The earliest day a date value covers."""
    match = DATE_VALUE.fullmatch(value)
    year = int(match["year"])
    if match["week"]:
        return datetime.date.fromisocalendar(year, int(match["week"]), 1)
    return datetime.date(year, int(match["month"] or 1), int(match["day"] or 1))


def last_day(value: str) -> datetime.date:
    """The latest day a date value covers."""
    match = DATE_VALUE.fullmatch(value)
    year = int(match["year"])
    if match["week"]:
        return datetime.date.fromisocalendar(year, int(match["week"]), 7)
    if match["day"]:
        return datetime.date(year, int(match["month"]), int(match["day"]))
    if match["month"]:
        month = int(match["month"])
        return datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
    return datetime.date(year, 12, 31)


def compatible(a: str, b: str) -> bool:
    """Whether two date values can name the same happening: one lies within the other."""
    if not (DATE_VALUE.fullmatch(a) and DATE_VALUE.fullmatch(b)):
        return False
    (wide, narrow) = (a, b) if precision(a) <= precision(b) else (b, a)
    if precision(wide) == precision(narrow):
        return wide == narrow
    if DATE_VALUE.fullmatch(wide)["week"] or DATE_VALUE.fullmatch(narrow)["week"]:
        middle = first_day(narrow) + (last_day(narrow) - first_day(narrow)) / 2
        return first_day(wide) <= middle <= last_day(wide)
    return first_day(wide) <= first_day(narrow) <= last_day(wide)


def event_value(timex: Timex) -> str | None:
    """The event date a timex gives (a TIME keeps its day), or None when it gives none."""
    if timex.type not in ("DATE", "TIME"):
        return None
    value = timex.value.split("T", 1)[0]
    return value if DATE_VALUE.fullmatch(value) else None


@dataclass(frozen=True, slots=True)
class _Mention:
    """One dated mention before merging."""

    position: int
    candidate: Candidate
    keys: frozenset[str]
    head: str  # root of the event noun when the date sits in a noun phrase ("elections" → "elect")
    sentence_keys: frozenset[str]


def _role(text: str, timex: Timex) -> tuple[str, int]:
    """How a date sits in its sentence: ("np", end of noun phrase), ("adverbial", 0) or ("descriptor", 0).

    "the 2016 presidential election" and "a 2018 executive order" name a
    happening; "on Thursday called" dates the clause; "2020 Democrats" only
    describes who they are.
    """
    event_nouns = words().event_nouns
    if any(w.lower() in event_nouns for w in re.findall(r"[\w\-]+", timex.text)[1:]):
        return "np", timex.end
    after = text[timex.end:timex.end + 80]
    following = re.match(r"((?: [\w.’'\-]+){1,4})", after)
    if not following or not after.startswith(" "):
        return "adverbial", 0
    position = timex.end
    for word in following.group(1).split():
        plain = word.strip(".,’'").lower()
        if plain in words().function_words or word.endswith(","):
            if plain in event_nouns:
                return "np", position + 1 + len(word.rstrip(","))
            break
        position += 1 + len(word)
        if plain in event_nouns:
            return "np", position
    first = following.group(1).split()[0]
    before = text[max(0, timex.start - 30):timex.start]
    if _PREPOSITIONS.search(before) or first.strip(".,").lower() in verbs().base_of:
        return "adverbial", 0
    if first.strip(".,").lower() in words().function_words:
        return "adverbial", 0
    return "descriptor", 0


def _expression_span(text: str, timex: Timex, sentence: Sentence) -> tuple[int, int]:
    """The timex with the preposition that introduces it ("on Thursday"), inside its sentence."""
    before = text[sentence.start:timex.start]
    preposition = _PREPOSITIONS.search(before)
    start = sentence.start + preposition.start() if preposition else timex.start
    return start, timex.end


def _in_quotation(text: str, sentence: Sentence, position: int) -> bool:
    before = text[sentence.start:position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _title(text: str, sentence: Sentence, timex: Timex, role: str, np_end: int, other_adverbial: bool,
           spans: list[tuple[int, int]]) -> Title:
    """The headline for one dated mention; `spans` are the sentence's adverbial date expressions."""
    local = text[sentence.start:sentence.end]
    if role == "np":
        start = timex.start - sentence.start
        title = noun_phrase_title(local, start, np_end - sentence.start)
        if title.has_verb or other_adverbial:
            return title
        return clause_title(local)
    # The date is shown next to the title; the title need not say "on Thursday" or "last week".
    without = local
    for start, end in sorted(spans, reverse=True):
        start, end = start - sentence.start, end - sentence.start
        trailing_comma = without[end:end + 1] == "," and start == 0
        without = without[:start] + without[end + (1 if trailing_comma else 0):]
    return clause_title(tidy(without))


def _summary(text: str, sentences: list[Sentence], index: int, dated: set[int]) -> str:
    """The sentence, and the next one when it continues the same story without a date of its own."""
    sentence = sentences[index]
    summary = sentence.text
    if index + 1 < len(sentences) and index + 1 not in dated:
        following = sentences[index + 1]
        shared = keywords(sentence.text) & keywords(following.text)
        if len(shared) >= 2 and not following.text.startswith(("“", '"', "‘")):
            summary += " " + following.text
    return summary


def _confidence(timex: Timex, title: Title, role: str, quoted: bool, future: bool) -> float:
    """How sure the extractor is, from 0 to 1: the kind of evidence, then what weakens it."""
    if "mentioned just before" in timex.resolution or "mentioned earlier" in timex.resolution:
        score = 0.6  # anaphoric: counted from another date in the text
    elif timex.anchored:
        score = 0.8  # relative to the publication date
    else:
        score = 0.9  # the text states the date
    score -= 0.05 if role == "np" else 0.0
    score -= 0.0 if title.has_verb else 0.15
    score -= 0.15 if title.vague else 0.0  # "He said ..." needs the editor to say who
    score -= 0.2 if quoted else 0.0
    score -= 0.1 if future else 0.0
    return round(max(score, 0.1), 2)


def _mentions(text: str, meta: ArticleMeta, timexes: list[Timex]) -> tuple[list[_Mention], list[Unresolved]]:
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    index = name_index(text)
    unresolved: list[Unresolved] = []
    placed: list[tuple[int, Timex, str]] = []
    for timex in timexes:
        value = event_value(timex)
        where = next((i for i, s in enumerate(sentences) if s.start <= timex.start < s.end), None)
        if where is None:
            continue
        if value is None:
            if timex.type in ("DATE", "TIME") and "X" in timex.value:
                unresolved.append(Unresolved(timex.text, (timex.start, timex.end), timex.value, timex.resolution))
            continue
        placed.append((where, timex, value))
    dated = {where for where, _, _ in placed}
    mentions = []
    for where, timex, value in placed:
        sentence = sentences[where]
        role, np_end = _role(text, timex)
        if role == "descriptor":
            continue
        adverbial = [t for w, t, _ in placed if w == where and _role(text, t)[0] == "adverbial"]
        span = _expression_span(text, timex, sentence)
        spans = [_expression_span(text, t, sentence) for t in adverbial]
        others = [t for t in adverbial if t is not timex]
        title = _title(text, sentence, timex, role, np_end, bool(others), spans)
        summary = _summary(text, sentences, where, dated)
        future = meta.published is not None and first_day(value) > meta.published
        candidate = Candidate(
            date=value,
            title=title.text,
            summary=summary,
            tags=tags_for(summary),
            actors=actors_in(summary, index, exclude=(meta.publisher,)),
            quote=sentence.text,
            offsets=(sentence.start, sentence.end),
            expression=text[span[0]:span[1]],
            resolved=timex.resolution,
            confidence=_confidence(timex, title, role, _in_quotation(text, sentence, timex.start), future),
        )
        keys = keywords(summary) - keywords(timex.text)
        head = stem(text[timex.start:np_end].split()[-1].strip(".,;:")) if role == "np" else ""
        mentions.append(_Mention(starts[where] + (timex.start - sentence.start), candidate, frozenset(keys), head,
                                 keywords(sentence.text)))
    return mentions, unresolved


def same_happening(a: Candidate, a_keys: frozenset[str], b: Candidate, b_keys: frozenset[str]) -> bool:
    """Same date value and enough shared words or actors to be one happening (used across articles too)."""
    if a.date != b.date:
        return False
    shared_actors = {x.casefold() for x in a.actors} & {x.casefold() for x in b.actors}
    shared = len(a_keys & b_keys)
    return shared >= 3 or (shared >= 2 and bool(shared_actors))


def _same_mention(a: _Mention, b: _Mention) -> bool:
    """Two mentions in one article of one happening.

    An article about one theme shares most of its words between sentences,
    so words alone do not decide: a date inside a noun phrase names that
    phrase's happening ("the 2018 midterm elections", "a 2018 executive
    order"), and only a mention of the same kind of happening can repeat it.
    """
    x, y = a.candidate, b.candidate
    if not compatible(x.date, y.date):
        return False
    if a.head and b.head:
        return a.head == b.head
    if a.head or b.head:
        head, other = (a.head, b) if a.head else (b.head, a)
        return x.date == y.date and head in other.sentence_keys and len(a.keys & b.keys) >= 2
    return same_happening(x, a.keys, y, b.keys)


def _merge(mentions: list[_Mention]) -> list[Candidate]:
    """One candidate per happening: the most precise, then most confident mention speaks for the group."""
    groups: list[list[_Mention]] = []
    for mention in mentions:
        for group in groups:
            if any(_same_mention(mention, m) for m in group):
                group.append(mention)
                break
        else:
            groups.append([mention])
    merged = []
    for group in groups:
        best = max(group, key=lambda m: (precision(m.candidate.date), m.candidate.confidence, -m.position))
        confidence = round(min(0.95, best.candidate.confidence + 0.05 * (len(group) - 1)), 2)
        first = min(m.position for m in group)
        merged.append((first, replace(best.candidate, confidence=confidence, keywords=tuple(sorted(best.keys)),
                                      mentions=len(group))))
    return [candidate for _, candidate in sorted(merged, key=lambda pair: pair[0])]


def extract(text: str, meta: ArticleMeta, timexes: list[Timex] | None = None) -> Extraction:
    """Candidates and unresolved expressions of one article (`timexes` defaults to the tagger's)."""
    found = tag(text, meta.published) if timexes is None else timexes
    mentions, unresolved = _mentions(text, meta, found)
    return Extraction(tuple(_merge(mentions)), tuple(unresolved))


def extract_candidates(text: str, meta: ArticleMeta) -> list[Candidate]:
    """The candidate events of one article's cleaned text: a pure function of its inputs."""
    return list(extract(text, meta).candidates)
