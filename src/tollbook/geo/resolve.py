"""Resolve a place mention to a gazetteer entry, or to nothing.

Candidates are every entry filed under the mention's variant key (see
`names`).  Each is scored on:

* spelling: 1 when a folded spelling of the entry equals the mention's, else
  the similarity of the two spellings (a romanisation variant scores ~0.8);
* the document's country (`country_hint`): a strong bonus inside it, a
  penalty outside it;
* nearby mentions (`near`): a bonus that falls with distance to the closest
  (2 at the same point, 1 at ~40 km);
* a containing place named with the mention ("Jableh, Latakia");
* population, a weak prior (log scale) that breaks ties towards the town a
  reporter would name;
* the scope the words ask for (a province, a town).

Never a silent guess.  A candidate is accepted only when its spelling is close
enough (`MIN_SIMILARITY`); outside the document's country only a town across
the border or a city of a million by its own name; and not when a rival as
well spelled is about as likely (in another country when nothing tells the
country, or far away in the same country, as with the many villages of one
name, when no nearby mention and no difference of size tells them apart).
Then None is returned, and callers keep the text and flag it.

Fallbacks when the name itself finds nothing: the containing place at its own
precision ("Shaas near Tartus" → near Tartus), the group of regions a name
shares ("Darfur" → the Darfur states, as a part of Sudan), the country a
demonym names ("the Syrian coast"), the first of several places ("Koundjili
and Lemouna").  Results are cached: a corpus names the same places again and
again.
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz

from tollbook.geo.gazetteer import (
    GROUP_MARK,
    Entry,
    Gazetteer,
    default_gazetteer,
    region_core,
)
from tollbook.geo.location import Location, UnknownCountry
from tollbook.geo.mentions import Mention, parse_mention
from tollbook.geo.names import comparable, fold, variant_key
from tollbook.geo.precision import MatchKind, acled_geo_precision, ucdp_where_prec

# Below this a shared key is a coincidence, not a variant: romanisations of one
# name differ by a vowel or a letter (Misyaf/Masyaf 0.83), while a different
# name that happens to share the key differs by more (Laukkaing/Lakang 0.80).
MIN_SIMILARITY = 0.82
_COUNTRY_BONUS = 2.5
_OUTSIDE_PENALTY = 2.0
_AMBIGUITY_MARGIN = 0.75
_SAME_PLACE_KM = 30  # two entries closer than this are one place for our purposes


def geocode(
    mention: str,
    country_hint: str | None = None,
    near: list[Location] | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> Location | None:
    """The place `mention` points to, or None when it cannot be told apart.

    `country_hint` is an ISO code or a country name (the document's country);
    `near` are places already resolved in the same document.
    """
    gz = gazetteer or default_gazetteer()
    hint = country_code(country_hint, gz) if country_hint else None
    if country_hint and hint is None:
        raise UnknownCountry(country_hint)
    return _geocode(mention, hint, tuple(near or ()), gz)


@lru_cache(maxsize=100_000)
def _geocode(
    mention: str, hint: str | None, near: tuple[Location, ...], gz: Gazetteer
) -> Location | None:
    # Cached: a corpus names the same places again and again.
    parsed = parse_mention(mention)
    if not parsed.name:
        return None
    within = _resolve_within(parsed.within, hint, gz) if parsed.within else None
    if within is not None:
        hint = within.country_iso
    found = _resolve(parsed, hint, near, within, gz)
    if found is None:
        part = parsed.without_part()
        if part is not None:
            found = _resolve(part, hint, near, within, gz)
    if found is None and within is not None and parsed.within_is_fallback:
        # The holding place, at the precision it has: "Shaas near Tartus" → near Tartus.
        kind = MatchKind.NEAR_PLACE if within.kind == MatchKind.PLACE.value else None
        found = (
            replace(within, mention=mention) if kind is None else _relabel(within, mention, kind)
        )
    if found is None:
        found = _region_group(parsed, hint, gz)
    if found is None:
        found = _country_part(mention, gz)
    if found is None and " and " in parsed.name:
        # "Koundjili and Lemouna": the first of several places.
        return _geocode(mention[: mention.find(" and ")], hint, near, gz)
    return found


def _region_group(mention: Mention, hint: str | None, gz: Gazetteer) -> Location | None:
    """'Darfur', 'the Kivus' region: the first-level regions named '<direction> X', together.

    Located at the mean of their points, with the precision of a part of a
    country; never a single one of them (that would be a guess).
    """
    wanted = GROUP_MARK + comparable(mention.name)
    members = [
        entry
        for entry in gz.lookup(variant_key(region_core(mention.name)))
        if entry.kind == "admin1" and entry.matched == wanted
    ]
    countries = {entry.country_iso for entry in members}
    if len(members) < 2 or len(countries) != 1 or (hint is not None and hint not in countries):
        return None
    first = members[0]
    group = Entry(
        id=0,
        kind="region",
        name=mention.name,
        lat=sum(e.lat for e in members) / len(members),
        lon=sum(e.lon for e in members) / len(members),
        country_iso=first.country_iso,
        admin1_code=None,
        admin1=None,
        admin2=None,
        population=sum(e.population for e in members),
        geonames_id=None,
        matched=wanted,
    )
    return _to_location(group, mention.text, MatchKind.PART_OF_COUNTRY)


def _country_part(mention: str, gz: Gazetteer) -> Location | None:
    """'the Syrian coast', 'Ecuadoran prisons': a part of the country a demonym names."""
    from tollbook.geo.countries import demonym_country

    words = mention.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if len(words) < 2 or not all(word.islower() for word in words[1:]):
        return None
    code = demonym_country(words[0], gz)
    entry = gz.countries().get(code) if code else None
    return _to_location(entry, mention, MatchKind.PART_OF_COUNTRY) if entry else None


def _relabel(location: Location, mention: str, kind: MatchKind) -> Location:
    return replace(
        location,
        mention=mention,
        kind=kind.value,
        geo_precision=acled_geo_precision(kind),
        where_prec=ucdp_where_prec(kind),
    )


def country_code(value: str, gazetteer: Gazetteer | None = None) -> str | None:
    """ISO alpha-2 code for an ISO code (alpha-2 or -3) or a country name; None if unknown."""
    index = _country_index(gazetteer or default_gazetteer())
    return (
        index.get(value.strip().upper())
        or index.get("=" + fold(value))  # the spelling itself
        or index.get(variant_key(value))  # a variant, when it fits one country only
    )


@lru_cache(maxsize=4)
def _country_index(gz: Gazetteer) -> dict[str, str]:
    import pycountry

    index: dict[str, str] = {}
    by_key: dict[str, set[str]] = {}
    for spelling, cc in gz.country_names():
        index["=" + fold(spelling)] = cc
        by_key.setdefault(variant_key(spelling), set()).add(cc)
    # Ghana and Guinea share a key: such keys name no country.
    index.update({key: codes.pop() for key, codes in by_key.items() if len(codes) == 1})
    for country in pycountry.countries:
        index[country.alpha_2] = country.alpha_2
        index[country.alpha_3] = country.alpha_2
    for code in gz.countries():  # GeoNames codes ISO lacks (XK, Kosovo)
        index.setdefault(code, code)
    return index


def _resolve_within(text: str, hint: str | None, gz: Gazetteer) -> Location | None:
    code = country_code(text, gz)
    if code is not None:
        entry = gz.countries().get(code)
        return _to_location(entry, text, MatchKind.COUNTRY) if entry else None
    return _resolve(parse_mention(text), hint, (), None, gz)


def _resolve(
    mention: Mention,
    hint: str | None,
    near: tuple[Location, ...],
    within: Location | None,
    gz: Gazetteer,
) -> Location | None:
    names = [mention.full, mention.name] if mention.full else [mention.name]
    for index, name in enumerate(names):
        scope = "any" if index == 0 and mention.full else mention.scope
        best = _best(name, scope, hint, near, within, gz)
        if best is not None:
            entry, _score = best
            if index == 0 and mention.full:
                return _to_location(entry, mention.text, _kind(entry, mention, "any"))
            return _to_location(entry, mention.text, _kind(entry, mention, scope))
    return None


def _kind(entry: Entry, mention: Mention, scope: str) -> MatchKind:
    if entry.kind == "country":
        return MatchKind.PART_OF_COUNTRY if mention.part else MatchKind.COUNTRY
    if entry.kind == "admin1":
        return MatchKind.PART_OF_ADMIN1 if mention.part else MatchKind.ADMIN1
    if scope == "district":
        return MatchKind.DISTRICT
    if scope == "admin1":  # the words named a region, found only as its namesake town
        return MatchKind.NEAR_PLACE
    return MatchKind.NEAR_PLACE if (mention.near or mention.part) else MatchKind.PLACE


def _best(
    name: str,
    scope: str,
    hint: str | None,
    near: tuple[Location, ...],
    within: Location | None,
    gz: Gazetteer,
) -> tuple[Entry, float] | None:
    wanted = comparable(name)
    key = variant_key(region_core(name)) if scope == "admin1" else variant_key(name)
    if not key:
        return None
    similarity: dict[int, float] = {}
    entries: dict[int, Entry] = {}
    spellings: dict[int, int] = {}
    for entry in gz.lookup(key):
        if entry.matched.startswith(GROUP_MARK):
            continue  # only as a group of regions (see _region_group)
        sim = 1.0 if entry.matched == wanted else _similarity(entry.matched, wanted)
        spellings[entry.id] = spellings.get(entry.id, 0) + 1
        if sim > similarity.get(entry.id, -1.0):
            similarity[entry.id] = sim
            entries[entry.id] = entry
    scored: list[tuple[float, Entry, float]] = []
    for place_id, entry in entries.items():
        sim = similarity[place_id]
        if sim < MIN_SIMILARITY:
            continue
        if not _scope_allows(entry, scope):
            continue
        score = 3.0 * sim + (1.0 if sim == 1.0 else 0.0)  # the very spelling is worth more
        score += _context_score(entry, hint, near, within) + _kind_score(entry, scope)
        score += 0.3 * math.log10(max(entry.population, 100))
        # A place known by several spellings of this name is more surely it (and
        # outweighs a stray alternate name filed under another town).
        score += 0.1 * min(spellings[place_id], 5)
        scored.append((score, entry, sim))
    if not scored:
        return None
    scored.sort(key=lambda item: item[0], reverse=True)
    top_score, top, top_sim = scored[0]
    if not _trustworthy(top, top_sim, scored, hint, near, within, gz):
        return None
    return top, top_score


def _similarity(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100.0  # 2·matches / total length, as difflib's ratio


def _scope_allows(entry: Entry, scope: str) -> bool:
    if scope == "admin1":
        return True  # "the region of northern Colombia" names a country
    if scope in ("place", "district"):
        return entry.kind == "place"
    return True


def _kind_score(entry: Entry, scope: str) -> float:
    if scope == "admin1":
        return {"admin1": 2.0, "country": 2.5}.get(entry.kind, 0.0)
    if entry.kind == "country":
        return 3.0  # a country's own name is rarely meant as a town
    if entry.kind == "admin1":
        return -1.5  # a bare name is the town (ACLED's convention), its region only failing that
    return 0.0


def _context_score(
    entry: Entry, hint: str | None, near: tuple[Location, ...], within: Location | None
) -> float:
    score = 0.0
    if hint is not None:
        score += _COUNTRY_BONUS if entry.country_iso == hint else -_OUTSIDE_PENALTY
    if within is not None and within.kind in ("admin1", "part_of_admin1"):
        if entry.country_iso == within.country_iso and entry.admin1 == within.admin1:
            score += 2.0
    elif within is not None and within.kind == "place":
        score += _distance_bonus(entry, (within,))
    if near:
        score += _distance_bonus(entry, near)
    return score


def _distance_bonus(entry: Entry, near: tuple[Location, ...]) -> float:
    # Smooth, so that of two namesakes the closer one wins by a clear margin.
    closest = min(haversine_km(entry.lat, entry.lon, loc.lat, loc.lon) for loc in near)
    return 2.0 * math.exp(-closest / 60.0)


def _trustworthy(
    top: Entry,
    top_sim: float,
    scored: list[tuple[float, Entry, float]],
    hint: str | None,
    near: tuple[Location, ...],
    within: Location | None,
    gz: Gazetteer,
) -> bool:
    """Whether the best candidate may be returned rather than a guess."""
    if top.kind == "country":
        return True
    if hint is not None and top.country_iso != hint:
        # Outside the document's country only a town known by its own name (not by
        # one of the many alternate spellings GeoNames keeps): a town across a
        # border, a city of a million anywhere (a report from Mozambique's Palma,
        # missing from the gazetteer, must not land in Palma de Mallorca).
        own_name = top.matched == comparable(top.name)
        if not (top_sim == 1.0 and own_name and top.kind == "place"):
            return False
        neighbours = _neighbours(hint, gz)
        return top.population >= (10_000 if top.country_iso in neighbours else 1_000_000)
    # Refuse when a rival as well spelled is about as likely: in another country
    # when nothing tells the country, or far away in the same country (the many
    # villages of one name) when nearby mentions do not tell them apart.
    rivals = [
        score
        for score, entry, sim in scored[1:]
        if (top_sim < 1.0 or sim == 1.0)
        and (
            entry.country_iso != top.country_iso
            if hint is None and not near
            else entry.country_iso == top.country_iso
            and entry.kind == top.kind
            and 10 * entry.population >= top.population  # a city outweighs its village namesakes
            and haversine_km(entry.lat, entry.lon, top.lat, top.lon) > _SAME_PLACE_KM
        )
    ]
    return not rivals or scored[0][0] - rivals[0] >= _AMBIGUITY_MARGIN


def _neighbours(cc: str, gz: Gazetteer) -> set[str]:
    country = gz.countries().get(cc)
    return set(country.neighbours.split(",")) if country and country.neighbours else set()


def _to_location(entry: Entry, mention: str, kind: MatchKind) -> Location:
    return Location(
        name=entry.name,
        lat=entry.lat,
        lon=entry.lon,
        country_iso=entry.country_iso,
        admin1=entry.admin1,
        admin2=entry.admin2,
        geonames_id=entry.geonames_id,
        kind=kind.value,
        geo_precision=acled_geo_precision(kind),
        where_prec=ucdp_where_prec(kind),
        mention=mention,
        population=entry.population,
    )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


__all__ = ["country_code", "fold", "geocode", "haversine_km"]
