"""What a document says about where it is: its country and the places it names.

A claim's place ("Jableh") is resolved in the context of its document: the
country the document is about, found by counting country names and demonyms
("Syrian", "Sudanese", "Congolese") in its title and text, and the places it
names after a preposition ("in Baniyas", "near Latakia"), resolved in that
country and used to prefer the candidate closest to them.  Demonyms are
derived from country names by English suffix rules, not listed.

`locate_claim` gives the `location` object of the claims contract, or None
when the place is missing or cannot be resolved without guessing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tollbook.geo.gazetteer import Gazetteer, default_gazetteer
from tollbook.geo.location import Location
from tollbook.geo.names import fold
from tollbook.geo.resolve import geocode
from tollbook.models import Claim, Document

# English demonym endings: (ending the name must have, letters cut, suffix added).
_DEMONYM_RULES: tuple[tuple[str, int, str], ...] = (
    ("", 0, "n"),  # Syria → Syrian
    ("", 0, "i"),  # Yemen → Yemeni, Israel → Israeli
    ("", 0, "ese"),  # Sudan → Sudanese
    ("", 0, "ian"),  # Iran → Iranian
    ("", 0, "an"),  # Mali → Malian, Haiti → Haitian
    ("", 0, "lese"),  # Congo → Congolese
    ("e", 1, "ian"),  # Ukraine → Ukrainian
    ("o", 1, "an"),  # Mexico → Mexican
    ("a", 1, "ese"),  # Burma → Burmese
    ("ia", 1, ""),  # Somalia → Somali
    ("on", 2, "ese"),  # Lebanon → Lebanese
    ("istan", 5, ""),  # Afghanistan → Afghan
)
_PLACE_AFTER_PREPOSITION = re.compile(
    r"\b(?i:in|near|at|outside|around|from|of|into)\s+((?:the\s+)?(?:[A-Z][\w'’-]+)"
    r"(?:\s+(?:al|el|as|ad|ash|ar|az|de|du|des|la|le|[A-Z][\w'’-]+)){0,3})"
)
_GENERIC_NAME_WORDS = frozenset(
    "republic states kingdom islands island emirates territory territories federation "
    "union state of the and".split()
)
_NOT_PLACES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday the a an".split()
)


@dataclass(frozen=True)
class DocumentContext:
    country: str | None
    places: tuple[Location, ...]


def document_country(text: str, gazetteer: Gazetteer | None = None) -> str | None:
    """The ISO code of the country a text names most (by name or demonym), if any."""
    index = _country_words(gazetteer or default_gazetteer())
    counts: Counter[str] = Counter()
    words = fold(text).split()
    position = 0
    while position < len(words):  # longest names first: "south sudan" before "sudan"
        for size in (4, 3, 2, 1):
            code = index.get(" ".join(words[position : position + size]))
            if code:
                counts[code] += 1
                position += size
                break
        else:
            position += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


@lru_cache(maxsize=4)
def _country_words(gz: Gazetteer) -> dict[str, str]:
    """Country names and derived demonyms; a word two countries share goes to the larger."""
    population = {cc: entry.population for cc, entry in gz.countries().items()}
    best: dict[str, tuple[int, str]] = {}

    def offer(word: str, cc: str) -> None:
        if len(word) >= 4 and word not in _NOT_PLACES:
            if word not in best or best[word][0] < population.get(cc, 0):
                best[word] = (population.get(cc, 0), cc)

    names = [(fold(spelling), cc) for spelling, cc in gz.country_names()]
    for name, cc in names:
        offer(name, cc)
    for ending, cut, suffix in _DEMONYM_RULES:
        for name, cc in names:
            name = name.split()[-1]  # Democratic Republic of the Congo → Congolese
            if name in _GENERIC_NAME_WORDS or not name.endswith(ending):
                continue
            demonym = (name[: len(name) - cut] if cut else name) + suffix
            if demonym != name:
                offer(demonym, cc)
    return {word: cc for word, (_, cc) in best.items()}


def document_context(doc: Document, gazetteer: Gazetteer | None = None) -> DocumentContext:
    """The country and the resolved places of a document (memoised by content)."""
    gz = gazetteer or default_gazetteer()
    return _context(doc.hash, doc.title or "", doc.text, gz)


@lru_cache(maxsize=256)
def _context(_hash: str, title: str, text: str, gz: Gazetteer) -> DocumentContext:
    country = document_country(f"{title}\n{text}", gz)
    places: list[Location] = []
    seen: set[str] = set()
    for match in _PLACE_AFTER_PREPOSITION.finditer(text):
        mention = match.group(1)
        if mention.lower() in seen or mention.lower() in _NOT_PLACES:
            continue
        seen.add(mention.lower())
        location = geocode(mention, country, gazetteer=gz)
        if location is not None and location.kind in ("place", "near_place"):
            if country is None or location.country_iso == country:
                places.append(location)
    return DocumentContext(country, tuple(places))


def locate_claim(
    claim: Claim, doc: Document, gazetteer: Gazetteer | None = None
) -> dict[str, Any] | None:
    """The claim's `location` contract object, or None when its place is unknown.

    Falls back to a single place named in the claim's quote when the claim
    carries no place of its own.
    """
    context = document_context(doc, gazetteer)
    mentions = [claim.place] if claim.place else _places_in(claim.quote)
    for mention in mentions:
        near = [loc for loc in context.places if loc.mention != mention]
        location = geocode(mention, context.country, near, gazetteer=gazetteer)
        if location is not None:
            return location.to_contract()
    return None


def _places_in(quote: str) -> list[str]:
    found = [m.group(1) for m in _PLACE_AFTER_PREPOSITION.finditer(quote)]
    return [mention for mention in found if mention.lower() not in _NOT_PLACES][:1]
