"""What a document says about where it is: its country and the places it names.

A claim's place ("Jableh") is resolved in the context of its document: the
country the document is about, found by counting country names and demonyms
("Syrian", "Sudanese", "Congolese"; see `countries`) in its title and text
plus one vote for the country of each place it names after a preposition
("in Baniyas", "near Latakia") that resolves without a hint; and those places,
resolved again in that country, so that the candidate closest to them wins.

`locate_claim` gives the `location` object of the claims contract, or None
when the place is missing or cannot be resolved without guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tollbook.geo.countries import country_counts
from tollbook.geo.gazetteer import Gazetteer, default_gazetteer
from tollbook.geo.location import Location
from tollbook.geo.resolve import geocode
from tollbook.models import Claim, Document

_PLACE_AFTER_PREPOSITION = re.compile(
    r"\b(?i:in|near|at|outside|around|from|of|into)\s+((?:the\s+)?(?:[A-Z][\w'’-]+)"
    r"(?:\s+(?:al|el|as|ad|ash|ar|az|de|du|des|la|le|[A-Z][\w'’-]+)){0,3})"
)
_NOT_PLACES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday the a an".split()
)


@dataclass(frozen=True)
class DocumentContext:
    country: str | None
    places: tuple[Location, ...]


def document_context(doc: Document, gazetteer: Gazetteer | None = None) -> DocumentContext:
    """The country and the resolved places of a document (memoised by content)."""
    gz = gazetteer or default_gazetteer()
    return _context(doc.hash, doc.title or "", doc.text, gz)


@lru_cache(maxsize=256)
def _context(_hash: str, title: str, text: str, gz: Gazetteer) -> DocumentContext:
    counts = country_counts(f"{title}\n{text}", gz)
    mentions = list(
        dict.fromkeys(
            match.group(1)
            for match in _PLACE_AFTER_PREPOSITION.finditer(f"{title}\n{text}")
            if match.group(1).lower() not in _NOT_PLACES
        )
    )
    # Places vote for their country too: a report from "Pahalgam" and "Srinagar"
    # is about India even when it never says so.
    for mention in mentions:
        unhinted = geocode(mention, gazetteer=gz)
        if unhinted is not None and unhinted.kind != "country":
            counts[unhinted.country_iso] += 1
    country = counts.most_common(1)[0][0] if counts else None
    places: list[Location] = []
    for mention in mentions:
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
