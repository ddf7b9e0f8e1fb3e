"""The resolved place of a mention: a gazetteer entry plus how it was matched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tollbook.errors import TollbookError


class UnknownCountry(TollbookError):
    """A country hint that is neither an ISO code nor a country name."""

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(f"{value!r}: not a country name or ISO 3166 code")


@dataclass(frozen=True)
class Location:
    """Where a mention points, with the precision of the match.

    `kind` is the kind of match (see `tollbook.geo.precision.MatchKind`);
    `geo_precision` and `where_prec` are the ACLED and UCDP codes it implies.
    `geonames_id` is None for first-level regions (the packaged data has their
    codes, not their GeoNames ids).
    """

    name: str
    lat: float
    lon: float
    country_iso: str
    admin1: str | None
    admin2: str | None
    geonames_id: int | None
    kind: str
    geo_precision: int
    where_prec: int
    mention: str
    population: int = 0

    def to_contract(self) -> dict[str, Any]:
        """The `location` object of the claims JSONL contract."""
        return {
            "name": self.name,
            "lat": round(self.lat, 5),
            "lon": round(self.lon, 5),
            "admin1": self.admin1,
            "admin2": self.admin2,
            "country_iso": self.country_iso,
            "geonames_id": self.geonames_id,
            "precision": self.geo_precision,
            "where_prec": self.where_prec,
            "kind": self.kind,
        }
