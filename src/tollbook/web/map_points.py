"""The event map's points: located claims, one point per place, kept per claim.

A 100,000-claim event has tens of thousands of located figures, and writing
their popup lines is most of the cost of an event view; so the points are
kept with the claim each line came from, and a revised reconciliation moves
only the lines of the claims that changed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

from tollbook.reconcile import Figure, Reconciliation

MAX_MAP_POINTS = 2000

Where = tuple[float, float]


@dataclass
class MapPoint:
    lat: float
    lon: float
    place: str
    claims: list[dict[str, Any]] = field(default_factory=list)


def coordinates(location: dict[str, Any] | None) -> Where | None:
    """(lat, lon) when the location has usable coordinates."""
    if not isinstance(location, dict):
        return None
    try:
        lat, lon = float(location["lat"]), float(location["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


@dataclass
class Pins:
    """Every located figure of a reconciliation by place, and how many have no place."""

    places: dict[Where, MapPoint]
    at: dict[int, Where]  # claim id -> its place
    unlocated: int

    @classmethod
    def of(cls, rec: Reconciliation) -> Pins:
        pins = cls({}, {}, 0)
        for tally in rec.tallies:
            for curve in tally.curves:
                for figure in curve.figures:
                    pins._add(figure)
        for point in pins.places.values():
            _settle(point)
        return pins

    def revised(self, before: Reconciliation, after: Reconciliation, claim_ids: set[int]) -> Pins:
        """These pins with the figures of `claim_ids` moved from `before` to `after`."""
        pins = Pins(dict(self.places), dict(self.at), self.unlocated)
        copied: set[Where] = set()

        def own(where: Where) -> MapPoint:
            if where not in copied:
                point = pins.places[where]
                pins.places[where] = replace(point, claims=list(point.claims))
                copied.add(where)
            return pins.places[where]

        was_live = before.placing.keys if before.placing else {}
        for claim_id in claim_ids:
            where = pins.at.pop(claim_id, None)
            if where is not None:
                point = own(where)
                point.claims = [c for c in point.claims if c["id"] != claim_id]
            elif claim_id in was_live:
                pins.unlocated -= 1
        now_live = after.placing.keys if after.placing else {}
        tallies = {(t.outcome, t.group, t.scope): t for t in after.tallies}
        for claim_id in claim_ids:
            key = now_live.get(claim_id)
            if key is None:
                continue
            figure = next(f for f in tallies[key].figures if f.claim.id == claim_id)
            where = coordinates(figure.claim.location)
            if where is not None and where in pins.places:
                own(where)
            pins._add(figure)
            if where is not None:
                copied.add(where)
        for where in copied:
            point = pins.places[where]
            if point.claims:
                _settle(point)
            else:
                del pins.places[where]
        return pins

    def points(self) -> list[MapPoint]:
        """The busiest places first, as many as a map can show."""
        ordered = sorted(self.places.values(), key=lambda p: (-len(p.claims), p.place))
        return ordered[:MAX_MAP_POINTS]

    def _add(self, figure: Figure) -> None:
        claim = figure.claim
        where = coordinates(claim.location)
        if where is None:
            self.unlocated += 1
            return
        point = self.places.setdefault(where, MapPoint(where[0], where[1], ""))
        point.claims.append(
            {
                "id": claim.id,
                "figure": f"{figure.label()} {claim.group} {claim.outcome}",
                "source": figure.source,
                "reported": figure.reported,
                "status": claim.status,
                "name": str((claim.location or {}).get("name") or claim.place or ""),
            }
        )
        if claim.id is not None:
            self.at[claim.id] = where


def _settle(point: MapPoint) -> None:
    """Claims in id order, the place named as its earliest claim names it."""
    point.claims.sort(key=lambda c: c["id"] or 0)
    point.place = point.claims[0]["name"]
