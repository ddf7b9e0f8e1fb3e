"""What the event page shows, built from the event's reconciliation.

Reconciling an event reads all its claims, which on a large ledger is the
slowest thing a page does.  So each app keeps the latest reconciliation of
each event together with a fingerprint of the event's claims (their count,
highest id and the sum of their versions, one indexed aggregate query): any
new claim, removed claim or review changes the fingerprint, and the next
request reconciles again.  A reviewer's correction therefore shows on the
event page and in the exports at once, and an unchanged event costs one query.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from tollbook.exports import infobox
from tollbook.models import Event
from tollbook.reconcile import Contradiction, Reconciliation, Tally, reconcile
from tollbook.reconcile.tally import EVENT_WIDE
from tollbook.store import Store
from tollbook.web import queries
from tollbook.web.charts import Chart, toll_chart

MAX_CHARTS = 6
MAX_MAP_POINTS = 2000


class ReconciliationCache:
    """The latest reconciliation of each event, valid while the event's claims are unchanged."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._entries: OrderedDict[int, tuple[tuple[int, ...], Reconciliation]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store: Store, event: Event) -> Reconciliation:
        assert event.id is not None
        fingerprint = queries.event_fingerprint(store, event)
        with self._lock:
            entry = self._entries.get(event.id)
            if entry and entry[0] == fingerprint and entry[1].event == event:
                self._entries.move_to_end(event.id)
                return entry[1]
        claims = store.claims(event_id=event.id)
        documents = queries.documents_by_id(store, {c.doc_id for c in claims})
        rec = reconcile(event, claims, documents)
        with self._lock:
            self._entries[event.id] = (fingerprint, rec)
            self._entries.move_to_end(event.id)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return rec


@dataclass
class MapPoint:
    lat: float
    lon: float
    place: str
    claims: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class EventView:
    event: Event
    rec: Reconciliation
    tallies: list[Tally]
    charts: list[Chart]
    points: list[MapPoint]
    unlocated: int
    contradictions: list[Contradiction]
    infobox: str

    def map_json(self) -> list[dict[str, Any]]:
        return [
            {"lat": p.lat, "lon": p.lon, "place": p.place, "claims": p.claims[:20]}
            for p in self.points
        ]


def coordinates(location: dict[str, Any] | None) -> tuple[float, float] | None:
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


def located(rec: Reconciliation) -> tuple[list[MapPoint], int]:
    """Claims with coordinates, one point per place; and how many claims have none."""
    points: dict[tuple[float, float], MapPoint] = {}
    unlocated = 0
    for tally in rec.tallies:
        for figure in tally.figures:
            claim = figure.claim
            where = coordinates(claim.location)
            if where is None:
                unlocated += 1
                continue
            name = str((claim.location or {}).get("name") or claim.place or "")
            point = points.setdefault(where, MapPoint(where[0], where[1], name))
            point.claims.append(
                {
                    "id": claim.id,
                    "figure": f"{figure.label()} {claim.group} {claim.outcome}",
                    "source": figure.source,
                    "reported": figure.reported,
                    "status": claim.status,
                }
            )
    ordered = sorted(points.values(), key=lambda p: (-len(p.claims), p.place))
    return ordered[:MAX_MAP_POINTS], unlocated


def event_view(cache: ReconciliationCache, store: Store, event: Event) -> EventView:
    rec = cache.get(store, event)
    tallies = sorted(
        rec.tallies, key=lambda t: (t.scope != EVENT_WIDE, t.scope, t.outcome, t.group)
    )
    busiest = sorted(
        (t for t in rec.tallies if t.scope == EVENT_WIDE),
        key=lambda t: (-len(t.figures), t.outcome, t.group),
    )
    charts = [c for c in (toll_chart(t) for t in busiest[:MAX_CHARTS]) if c is not None]
    points, unlocated = located(rec)
    return EventView(
        event, rec, tallies, charts, points, unlocated, rec.contradictions, infobox(rec)
    )
