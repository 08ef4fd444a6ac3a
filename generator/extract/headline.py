"""A headline from a news sentence: its main clause, subject plus verb phrase, in headline style.

No parser: the clause is found with word lists (data/words.yaml) and known
verb forms (data/verbs.yaml). Where the rules are unsure they keep the
article's own words, so a title may read plainer but never says something
the sentence does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.words import third_person, verbs, words

LIMIT = 110  # characters; longer titles are cut at a clause marker or word
AUXILIARIES = frozenset("has have had was were is are will would could can may might must should did does do".split())
ADVERBS = frozenset("also not previously already never still now just recently again formally officially "
                    "quickly later first reportedly".split())
INTRO_WORDS = frozenset("according in on at after before during since following last earlier later meanwhile "
                        "however but and yet still also as when while with despite under amid for asked".split())
# Openers that link to the previous sentence and mean nothing in a headline.
LINKING = frozenset("but and yet so still also meanwhile however now then just only moreover instead".split())
PRONOUNS = frozenset("he she it they we i you his her its their our my this that these those".split())
_PAREN = re.compile(r"\s*\([^()]*\)")
# ", a Russian-backed troll farm," after a name: an appositive, not part of the clause;
# ", along with X," adds to the subject without changing its verb.
_APPOSITIVE = re.compile(
    r"(?P<before>[\w.)’']+), (?:a|an|the|who|which|whose|its|his|her|their|former|now|then)\b[^,;]{0,90}(?:,|$)")
_ALONG_WITH = re.compile(r", (?:along with|as well as|together with|joined by|alongside) [^,;]{1,120},")
_WORD = re.compile(r"[\w$%][\w'’.\-/$%]*")


@dataclass(frozen=True, slots=True)
class Title:
    """A headline and whether a subject and verb were found (plain fallback otherwise)."""

    text: str
    has_verb: bool
    vague: bool = False  # the subject is a pronoun ("He", "It", "His administration")


def _strip(word: str) -> str:
    return word.strip(".,;:!?\"“”‘’'()[]—")


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def tidy(text: str) -> str:
    """Spaces and punctuation straightened after words were cut out."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    return text.strip(" ,;:—-")


def simplify(sentence: str) -> str:
    """The sentence without parentheses, appositives, quotation marks and final stop."""
    text = _PAREN.sub("", sentence)
    text = _ALONG_WITH.sub(",", text)
    # Only after a name: "In their letter, the senators ...," is not an appositive.
    position = 0
    while match := _APPOSITIVE.search(text, position):
        if match.group("before")[:1].isupper():
            text = text[:match.end("before")] + text[match.end():]
        position = match.end("before") + 1
    text = re.sub(r"[“”\"]", "", text)
    return tidy(text.rstrip(".!?"))


def _verb_at(tokens: list[str], i: int) -> int:
    """How many tokens a verb group starting at `i` spans (0 when there is none)."""
    word = _strip(tokens[i])
    lexicon = verbs()
    if word in AUXILIARIES:
        j = i + 1
        while j < len(tokens) and _strip(tokens[j]) in ADVERBS:
            j += 1
        return j - i + 1 if j < len(tokens) and _strip(tokens[j]) in lexicon.base_of else 1
    previous = _strip(tokens[i - 1]).lower() if i else ""
    following = _strip(tokens[i + 1]) if i + 1 < len(tokens) else ""
    # After a determiner or preposition a verb form is a noun or adjective ("the leaked memo").
    if word != word.lower() or "-" in word or previous in words().function_words - PRONOUNS - {"who", "which"}:
        return 0
    if word in lexicon.past or word in lexicon.participle:
        # "the report compiled by ..." is a noun with a participle, not a clause.
        return 0 if following == "by" and previous not in AUXILIARIES else 1
    if word in lexicon.present and word not in lexicon.ing and word.endswith("s") and previous:
        return 1
    if re.fullmatch(r"[a-z]{3,}ed", word) and following != "by":
        return 1
    return 0


def find_verb(tokens: list[str], start: int = 1) -> tuple[int, int] | None:
    """(index, length) of the first verb group at or after `start`."""
    for i in range(max(start, 1), len(tokens)):
        length = _verb_at(tokens, i)
        if length:
            return i, length
    return None


def _plural(subject: list[str]) -> bool:
    """Whether a subject takes a plural verb: "Senate Democrats", "Iran and China", not "Sanders"."""
    plain = [_strip(t) for t in subject]
    if "and" in plain:
        return True
    head = plain[-1] if plain else ""
    if not head.endswith("s") or head.endswith(("ss", "us", "is", "'s", "’s")):
        return False
    # Capitalized groups of people are plural ("Democrats", "Russians"); surnames are not ("Sanders").
    return head.islower() or bool(re.search(r"(?:ans|ats|ists|ites)$", head))


def _headline_verb(group: list[str], plural: bool) -> list[str]:
    """The verb group in headline present: "called" → "call(s)", "were sanctioned" → "sanctioned"."""
    lexicon = verbs()
    words_ = [_strip(t) for t in group]
    main = words_[-1]
    base = lexicon.base_of.get(main)
    if "been" in words_[1:]:
        return words_  # "have been separated": no headline form says the same
    if words_[0] in ("was", "were") and len(words_) > 1 and main in lexicon.participle:
        return [main]  # passive: "X sanctioned by Treasury"
    if words_[0] in ("has", "have", "had") and len(words_) > 1 and base:
        return [base if plural else third_person(base)]
    if words_[0] in ("was", "were") and main.endswith("ing") and base:
        return [base if plural else third_person(base)]
    if len(words_) == 1 and base and main in lexicon.past:
        return [base if plural else third_person(base)]
    return words_


def _drop_articles(tokens: list[str]) -> list[str]:
    """Headline style drops articles, except where an idiom needs them ("the same", "of the")."""
    kept = []
    for i, token in enumerate(tokens):
        nxt = _strip(tokens[i + 1]).lower() if i + 1 < len(tokens) else ""
        prev = _strip(tokens[i - 1]).lower() if i else ""
        if token.lower() in ("a", "an", "the") and nxt not in ("same", "first", "last") and prev != "of":
            continue
        kept.append(token)
    return kept


def _subject(tokens: list[str]) -> list[str]:
    """The subject without a leading quantifier: "A group of leading Senate Democrats" → "leading Senate Democrats"."""
    plain = [_strip(t).lower() for t in tokens]
    for i in range(min(len(plain), 4)):
        if plain[i] == "of" and i >= 1 and plain[i - 1] in words().quantifiers and i + 1 < len(tokens):
            rest = tokens[i + 1:]
            return rest[1:] if rest and rest[0].lower() == "the" and len(rest) > 1 else rest
    return tokens


def _markers() -> tuple[str, ...]:
    """Clause markers, also as they read once articles are dropped ("in event of")."""
    listed = words().cut_before
    return listed + tuple(m.replace(" the ", " ") for m in listed if " the " in m)


def cut(text: str, limit: int = LIMIT, keep: int = 0) -> str:
    """`text` shortened to `limit` at the last clause marker, else at a word; never within `keep` chars."""
    if len(text) <= limit:
        return text
    markers = [m.start() for marker in _markers()
               for m in re.finditer(rf"(?<=\s){re.escape(marker)}(?=\s)", text) if keep < m.start() <= limit]
    markers += [m.start() for m in re.finditer(r"[,;:—]", text) if keep < m.start() <= limit]
    # A marker cut that keeps less than half the room reads as a fragment; a word cut is better then.
    if markers and max(markers) >= limit // 2:
        return tidy(text[:max(markers)])
    tokens = text[:limit].rsplit(" ", 1)[0].split()
    rest = text.split()[len(tokens):]
    # Never stop inside a name: finish "John Ratcliffe" rather than end on "John".
    while rest and tokens and tokens[-1][:1].isupper() and rest[0][:1].isupper() and len(rest[0]) > 1:
        tokens.append(rest.pop(0))
    while len(tokens) > 2 and _strip(tokens[-1]).lower() in words().function_words:
        tokens.pop()
    return tidy(" ".join(tokens))


def clause_title(sentence: str) -> Title:
    """Subject and verb phrase of the main clause, headline style, cut at a sensible length."""
    tokens = simplify(sentence).split()
    while len(tokens) > 2 and _strip(tokens[0]).lower() in LINKING:
        tokens = tokens[1:]
    if not tokens:
        return Title("", False)
    found = find_verb(tokens)
    # An introductory phrase ("According to X, Y did", "After he won, he did") ends at the last
    # comma up to the first verb; the main clause starts after it, if a verb follows.
    if found and _strip(tokens[0]).lower() in INTRO_WORDS:
        commas = [i for i in range(sum(found)) if tokens[i].endswith(",")]
        if commas and find_verb(tokens[commas[-1] + 1:]):
            tokens = tokens[commas[-1] + 1:]
            found = find_verb(tokens)
    if not found or not _subject(tokens[:found[0]]):
        return Title(_capitalize(cut(" ".join(_drop_articles(tokens)))), False)
    index, length = found
    subject = _subject(tokens[:index])
    subject = [t.rstrip(",") for t in subject]
    group = tokens[index:index + length]
    # After "he’d", "we've" or "won't" the tense is not a simple past; keep the article's words.
    contracted = re.search(r"[’'](?:d|ve|ll)$|n[’']t$", tokens[index - 1])
    verb = [_strip(t) for t in group] if contracted else _headline_verb(group, _plural(subject))
    head = " ".join(_drop_articles(subject + verb))
    text = tidy(" ".join([head, *_drop_articles(tokens[index + length:])]))
    return Title(_capitalize(cut(text, keep=len(head) + 12)), True, _strip(subject[0]).lower() in PRONOUNS)


def noun_phrase_title(sentence: str, start: int, end: int) -> Title:
    """A title from a noun phrase that names the happening ("a 2018 executive order that allows ...")."""
    phrase = sentence[start:end]
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE)
    after = sentence[end:]
    relative = re.match(r",?\s+(?:that|which)\s+(.*)", after)
    if relative:
        tokens = simplify(relative.group(1)).split()
        # The phrase stands in as the relative clause's subject.
        length = _verb_at(["Order", *tokens], 1) if tokens else 0
        if length:
            verb = _headline_verb(tokens[:length], plural=False)
            text = tidy(" ".join([phrase, *verb, *_drop_articles(tokens[length:])]))
            return Title(_capitalize(cut(text, keep=len(phrase) + 12)), True)
    return Title(_capitalize(tidy(phrase.rstrip(".,;:"))), False)
