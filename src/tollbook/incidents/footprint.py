"""Where and when a claim happened, reduced to what incident grouping compares.

A claim's `location` and `period` (filled by `tollbook.enrich` from the
gazetteer and the date resolver) are the best evidence; when they are missing
the claim's place text and its document's publication date stand in, so a
claim is never dropped for want of coordinates:

* **level**: `local` (a town, village, camp or neighbourhood), `regional`
  (a province or governorate) or `event` (a country, several places at once,
  or nowhere named).  Local incidents nest in regional ones, regional ones in
  the event;
* **block**: the key claims must share to be compared at all: the GeoNames id
  of a resolved place, the region for regional claims, else the romanisation
  key of the place text (so "Banias" and "Baniyas" still meet when the
  gazetteer did not know the place: such places are flagged `unresolved`);
* **span**: first and last day.  A claim with no resolved period is dated by
  its report: from a few days before publication to the day of it, since
  news reports what happened "on Thursday" later, and a toll reported for a
  town without a date ("about 200 were killed in Baniyas") covers the days
  before it.  A period resolved against
  a retrieval date (the report had none) is not trusted as a date.

Two kinds of claim are lifted to the event level whatever place they carry,
because reports attach a place to them that is not where the deaths were:

* **running totals**: a quote placed in a town with the words of a toll ("death toll", "so
  far", "in total", "across", "swept", "the coastal region",
  "provinces") speaks of the whole event, unless it pins itself down to a
  place ("in Baniyas alone", "in the city of Baniyas");
* **places abroad**: the event's country is the one most of its claims are
  placed in; a claim placed in another country names where the speaker was
  (a UN office in Geneva, a monitor in Britain), not the incident.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tollbook.geo.names import variant_key
from tollbook.models import Claim, Document

LOCAL, REGIONAL, EVENT = "local", "regional", "event"

# Words of a location's precision that mean a town or a smaller place.
REPORT_LAG_DAYS = 4
MAIN_COUNTRY_SHARE = 0.6
_LOCAL_PRECISIONS = {
    "point", "place", "town", "village", "city", "neighbourhood", "neighborhood",
    "camp", "site", "locality", "exact", "near",
}  # fmt: skip
_REGIONAL_PRECISIONS = {"admin1", "admin2", "region", "province", "governorate", "district"}
_COUNTRY_PRECISIONS = {"country", "admin0", "nation"}
_TOLL_WORDS = re.compile(
    r"\b(?:death toll|toll|tally|so far|in total|in all|overall|altogether|across|"
    r"swept|nationwide|coastal (?:region|areas|provinces)|the coast\b|provinces|governorates|"
    r"regions|rises to|risen to|raises? .{0,30} to)\b",
    re.I,
)
_PINNED = re.compile(
    r"\balone\b|\b(?:city|town|village|district|neighbou?rhood|camp) of\b|"
    r"\b(?:strike|attack|blast|explosion|bombing|shelling|raid|massacre|ambush) (?:on|in|at)\b",
    re.I,
)
_SEVERAL_PLACES = re.compile(r"\s(?:and|&)\s|,|\bacross\b|\bprovinces\b|\bgovernorates\b", re.I)


@dataclass(frozen=True)
class Footprint:
    level: str
    block: str
    start: date
    end: date
    country: str | None
    admin1: str | None
    resolved: bool  # the place came from the gazetteer, not only from the text
    dated: bool  # the span came from the date resolver, not from the publication date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def parse_day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


_KINDS = {
    "place": "local", "near_place": "local", "district": "local",
    "admin1": "regional", "part_of_admin1": "regional",
    "country": "event", "part_of_country": "event",
}  # fmt: skip


def location_level(location: dict[str, Any]) -> str:
    """local, regional or event, from the kind of match or a precision (code or word)."""
    if location.get("kind") in _KINDS:
        return _KINDS[location["kind"]]
    precision = location.get("precision")
    if isinstance(precision, int) or (isinstance(precision, str) and precision.isdigit()):
        # ACLED geo_precision: 1 the place itself, 2 near it, 3 a larger region.
        return LOCAL if int(precision) in (1, 2) else REGIONAL
    word = str(precision or "").lower()
    if word in _COUNTRY_PRECISIONS:
        return EVENT
    if word in _REGIONAL_PRECISIONS:
        return REGIONAL
    if word in _LOCAL_PRECISIONS:
        return LOCAL
    name, admin1 = location.get("name"), location.get("admin1")
    return REGIONAL if name and admin1 and name == admin1 else LOCAL


def main_country(claims: Iterable[Claim]) -> str | None:
    """The country that most (over 60%) of the claims are placed in, if there is one.

    An event spread over several countries has none, and keeps every place.
    """
    found = Counter(
        (c.location or {}).get("country_iso")
        for c in claims
        if (c.location or {}).get("country_iso")
    )
    if not found:
        return None
    country, count = found.most_common(1)[0]
    return country if count >= MAIN_COUNTRY_SHARE * sum(found.values()) else None


def reported_day(doc: Document | None) -> date | None:
    if doc is None:
        return None
    return parse_day(doc.published) or parse_day(doc.retrieved)


def is_running_total(claim: Claim) -> bool:
    return bool(_TOLL_WORDS.search(claim.quote)) and not _PINNED.search(claim.quote)


def footprint(claim: Claim, doc: Document | None, country: str | None = None) -> Footprint:
    """The level, comparison block and span of one claim.

    `country` is the event's country (ISO code) when known: places outside it
    are not taken as the incident's place.
    """
    loc = claim.location or None
    if loc and country and loc.get("country_iso") and loc.get("country_iso") != country:
        loc = None
    claim_place = claim.place
    if is_running_total(claim) and not (loc and location_level(loc) != LOCAL):
        loc, claim_place = None, None  # a province's running total stays the province's
    where = (loc or {}).get("country_iso")
    admin1 = (loc or {}).get("admin1")
    if loc and (loc.get("lat") is not None or loc.get("geonames_id")):
        level = location_level(loc)
        if level == LOCAL:
            block = f"gn:{loc.get('geonames_id') or (loc.get('lat'), loc.get('lon'))}"
        elif level == REGIONAL:
            block = f"adm:{where}:{admin1 or loc.get('name')}"
        else:
            block = f"country:{where}"
        resolved = True
    elif claim_place and not _SEVERAL_PLACES.search(claim_place) and claim.location is None:
        level, block, resolved = LOCAL, f"txt:{variant_key(claim_place)}", False
    else:
        level, block, resolved = EVENT, "event", False
    if level == EVENT:
        block = "event"

    period = claim.period or {}
    if "no_publication_date" in (period.get("flags") or ()):
        period = {}
    start, end = parse_day(period.get("start")), parse_day(period.get("end"))
    dated = start is not None
    if start is None:
        day = reported_day(doc) or date(1970, 1, 1)
        start, end = day - timedelta(days=REPORT_LAG_DAYS), day
    if end is None or end < start:
        end = start
    return Footprint(level, block, start, end, where, admin1, resolved, dated)


def overlaps(a: Footprint, b: Footprint, slack_days: int = 1) -> bool:
    """Whether two spans meet once each is widened by `slack_days`."""
    slack = timedelta(days=slack_days)
    return a.start - slack <= b.end and b.start - slack <= a.end
