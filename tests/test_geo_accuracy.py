"""Accuracy of geocoding on a hand-made list of place mentions from many conflicts.

tests/data/places_gold.jsonl: one mention a line as news writes it (variants,
"X province", "near X"), the document's country, and the expected entry
(kind, country, a point and a distance tolerance), or null for places the
offline gazetteer does not hold and that must stay unresolved.  The goal is
0.90; the test fails below 0.85 and prints the figures.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from geo_fixtures import session_gazetteer

from tollbook.geo import Gazetteer, Location, geocode, haversine_km


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    return session_gazetteer(tmp_path_factory)


GOLD = Path(__file__).parent / "data" / "places_gold.jsonl"
FLOOR = 0.85


def _correct(expected: dict[str, Any] | None, found: Location | None) -> bool:
    if expected is None:
        return found is None
    if found is None or found.country_iso != expected["country_iso"]:
        return False
    if expected["kind"] == "admin1" and found.kind != "admin1":
        return False
    if expected["kind"] == "near_place" and found.geo_precision < 2:
        return False
    distance = haversine_km(found.lat, found.lon, expected["lat"], expected["lon"])
    return distance <= expected["tol_km"]


def test_place_list_is_broad() -> None:
    rows = [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    assert len(rows) >= 150
    assert len({row["conflict"] for row in rows}) >= 10


def test_geocoding_accuracy(gazetteer: Gazetteer, capsys: Any) -> None:
    rows = [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses = []
    for row in rows:
        found = geocode(row["mention"], row["country_hint"], gazetteer=gazetteer)
        ok = _correct(row["expect"], found)
        total[row["conflict"]] += 1
        right[row["conflict"]] += ok
        if not ok:
            misses.append(f"{row['mention']!r} -> {found.name if found else None}")
    accuracy = sum(right.values()) / len(rows)
    with capsys.disabled():
        print(f"\ngeocoding accuracy {accuracy:.3f} on {len(rows)} mentions")
        print("  " + ", ".join(f"{c} {right[c]}/{total[c]}" for c in sorted(total)))
        print("  misses: " + "; ".join(misses))
    assert accuracy >= FLOOR, f"accuracy {accuracy:.3f} below {FLOOR}"
