"""Politician hover cards glued into scraped text: keep the name, drop the card.

A scraped hover card reads `<name as written><full name><headlines...> MORE`:

    Charles SchumerChuck SchumerHouse Democrats introduce bill ... MORE (D-N.Y.)
    President Trump Donald John TrumpGOP senators balk at ... MORE’s impeachment
    Speaker Paul Ryan Paul Davis Ryan Retirees should say 'no thanks' ... MORE (R-Wis.)

The name as written ends with a surname; the full name (given names, a
nickname in parentheses, particles) ends with the same surname; then the
card's headlines run up to the word `MORE`. We find that shape, never a list
of names, and cut from the end of the written name to the end of `MORE`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Lowercase name particles that may sit inside a full name ("Bill de Blasio").
_PARTICLES = r"(?:de|del|della|di|da|van|von|der|den|la|le|du|bin|al|el)"
# One word of a full name: "Terner", "O'Rourke", "Ocasio-Cortez", "Jr.", "J.", "(Chuck)".
_NAME_WORD = rf"(?:[A-Z][\w'’.\-]*|\([A-Z][^()\n]{{0,30}}\)|{_PARTICLES})"
_SURNAME = r"[A-Z][\w'’\-]*[a-z]"
_FULL_NAME = rf"(?P<sur>{_SURNAME})(?P<gap> ?)(?P<full>(?:{_NAME_WORD} ){{0,6}}?)(?P=sur)"
# Usually the full name is glued to the first headline ("SchumerHouse Democrats"):
# the surname then runs straight into a capital, digit, quote or `$`, never into
# lowercase letters, which would make it a longer word ("Mitch" in "Mitchell").
GLUED = re.compile(_FULL_NAME + r"(?=[A-Z0-9\"'“‘$(])")
# Sometimes a space separates them ("Paul Davis Ryan Retirees ...").
SPACED = re.compile(_FULL_NAME + r"(?= \S)")
# The card's last word; it can be glued to a full name when the card has no headlines.
MORE = re.compile(r" *(?<![A-Z])MORE\b")


@dataclass(frozen=True, slots=True)
class Card:
    """One removed hover card: the span cut out and the surname it followed."""

    start: int
    end: int
    surname: str


def _card_start(region: str) -> tuple[int, str] | None:
    """Offset in `region` where the card begins (just after the written name), and the surname."""
    match = GLUED.search(region)
    if match is None:
        match = _widest_spaced(region)
    if match is None:
        return None
    return match.start("gap"), match.group("sur")


def _widest_spaced(region: str):
    """The spaced-variant match whose repeated word is the surname, not a repeated first name.

    In `Paul Ryan Paul Davis Ryan Retirees`, both `Paul ... Paul` and
    `Ryan ... Ryan` repeat; the one that starts inside the first and ends
    later is the surname, so we keep extending while such a match exists.
    """
    starts = [m.start() for m in re.finditer(r"\b[A-Z]", region)]
    matches = [m for m in (SPACED.match(region, s) for s in starts) if m]
    if not matches:
        return None
    best = matches[0]
    for candidate in matches[1:]:
        if best.start() < candidate.start() < best.end() and candidate.end() > best.end():
            best = candidate
    return best


def find_cards(text: str) -> list[Card]:
    """Every hover card in `text`, in order; a `MORE` with no name before it is left alone."""
    cards = []
    boundary = 0
    for more in MORE.finditer(text):
        # A card never spans paragraphs, and never starts inside the previous card.
        paragraph_start = text.rfind("\n", 0, more.start()) + 1
        region_start = max(boundary, paragraph_start)
        # The region includes `MORE` itself so a name glued to it still looks glued.
        found = _card_start(text[region_start:more.end()])
        if found is not None:
            offset, surname = found
            cards.append(Card(region_start + offset, more.end(), surname))
        boundary = more.end()
    return cards


def strip_cards(text: str) -> tuple[str, list[Card]]:
    """`text` without its hover cards, and the cards removed."""
    cards = find_cards(text)
    pieces, last = [], 0
    for card in cards:
        pieces.append(text[last:card.start])
        last = card.end
    pieces.append(text[last:])
    return "".join(pieces), cards
