"""Spatial precision codes of the two datasets conflict researchers use.

ACLED `geo_precision` (codebook): 1 = the named town or village itself;
2 = near a named place or in a part of it, coded at that place; 3 = only a
larger region is named (a province), coded at its capital.

UCDP GED `where_prec`: 1 = exact location; 2 = within ~25 km of a known
point ("near X", "the outskirts of X"); 3 = second-order administrative
division; 4 = first-order division (province); 5 = a part of a country larger
than a province, or a linear feature; 6 = the country only; 7 = international
waters or airspace.

The codes follow from *what kind of match* the resolver made, never from the
coordinates, so they are computed in one place.
"""

from __future__ import annotations

from enum import StrEnum


class MatchKind(StrEnum):
    PLACE = "place"  # the town or village itself
    NEAR_PLACE = "near_place"  # "near X", "outskirts of X", "5 km north of X", "X air base"
    DISTRICT = "district"  # "X district": a second-order division named after X
    ADMIN1 = "admin1"  # "Latakia province", "Hama countryside"
    PART_OF_ADMIN1 = "part_of_admin1"  # "northern Hama province"
    COUNTRY = "country"  # "Syria"
    PART_OF_COUNTRY = "part_of_country"  # "northern Syria"


_CODES: dict[MatchKind, tuple[int, int]] = {
    MatchKind.PLACE: (1, 1),
    MatchKind.NEAR_PLACE: (2, 2),
    MatchKind.DISTRICT: (2, 3),
    MatchKind.ADMIN1: (3, 4),
    MatchKind.PART_OF_ADMIN1: (3, 4),
    MatchKind.COUNTRY: (3, 6),
    MatchKind.PART_OF_COUNTRY: (3, 5),
}


def acled_geo_precision(kind: MatchKind) -> int:
    """ACLED geo_precision (1–3) for a kind of match."""
    return _CODES[kind][0]


def ucdp_where_prec(kind: MatchKind) -> int:
    """UCDP GED where_prec (1–7) for a kind of match."""
    return _CODES[kind][1]
