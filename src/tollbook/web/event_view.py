"""What the event page shows, built from the event's reconciliation, and kept.

Reconciling an event reads all its claims, which on a large ledger is the
slowest thing a page does (about a second for 10,000 claims).  So the app
keeps each event's view (reconciliation, charts, map points, infobox) with a
fingerprint of the ledger: counts and highest ids of claims, documents,
event assignments and review decisions, one cheap query.  A new claim or a
review changes the fingerprint and the next request rebuilds the view, so a
reviewer's correction shows on the event page and in the exports at once.
Changes made to claims in place by other tools are caught by a time limit
(`MAX_AGE`).

After a review the app rebuilds, in a background thread, the views that
readers have open (refresh-ahead), so the reviewer who goes back to the event
page usually finds it ready instead of waiting for the reconciliation.  A
request never gets a view older than the ledger: it waits for the rebuild.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from tollbook.exports import infobox, to_dict
from tollbook.models import Event
from tollbook.reconcile import Contradiction, Reconciliation, Tally, reconcile
from tollbook.reconcile.tally import EVENT_WIDE
from tollbook.store import Store
from tollbook.web import queries
from tollbook.web.charts import Chart, toll_chart

MAX_CHARTS = 6
MAX_MAP_POINTS = 2000
MAX_AGE = 60.0  # seconds a view is trusted without a change to the fingerprint


class ViewCache:
    """The latest view of each event, valid while the ledger's fingerprint is unchanged."""

    def __init__(self, size: int = 8, max_age: float = MAX_AGE) -> None:
        self.size = size
        self.max_age = max_age
        self._entries: OrderedDict[int, tuple[tuple[int, ...], float, EventView]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[int, threading.Lock] = {}
        self._wanted = threading.Event()
        self._worker: threading.Thread | None = None
        self._store: Store | None = None

    def get(self, store: Store, event: Event) -> EventView:
        assert event.id is not None
        fresh = self._fresh(store, event)
        if fresh is not None:
            return fresh
        with self._lock:
            building = self._building.setdefault(event.id, threading.Lock())
        with building:  # one rebuild per event at a time; later requests wait for it
            fresh = self._fresh(store, event)
            if fresh is not None:
                return fresh
            fingerprint = queries.ledger_fingerprint(store)
            view = build_view(store, event)
            with self._lock:
                self._entries[event.id] = (fingerprint, time.monotonic(), view)
                self._entries.move_to_end(event.id)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
            return view

    def _fresh(self, store: Store, event: Event) -> EventView | None:
        assert event.id is not None
        with self._lock:
            entry = self._entries.get(event.id)
        if entry is None or entry[2].event != event:
            return None
        fingerprint, built, view = entry
        if time.monotonic() - built > self.max_age:
            return None
        if queries.ledger_fingerprint(store) != fingerprint:
            return None
        return view

    def refresh_soon(self, store: Store) -> None:
        """Rebuild the kept views in the background (after a change a reader will want to see)."""
        self._store = store
        self._wanted.set()
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._refresh_loop, daemon=True)
            self._worker.start()

    def _refresh_loop(self) -> None:
        # Several reviews in a row coalesce into one rebuild per kept event.
        while self._wanted.wait(timeout=5):
            self._wanted.clear()
            store = self._store
            with self._lock:
                kept = [entry[2].event for entry in self._entries.values()]
            for event in kept:
                if store is None or self._wanted.is_set():
                    break
                try:
                    self.get(store, event)
                except Exception:  # noqa: BLE001 - a failed warm-up must not stop the worker
                    pass  # the next request rebuilds the view and reports the error


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
    tallies: list[Tally]  # event-wide
    local_tallies: list[Tally]  # for one place each, the most reported first
    charts: list[Chart]
    points: list[MapPoint]
    unlocated: int
    contradictions: list[Contradiction]
    infobox: str

    _api_body: bytes | None = None
    _incidents: list[dict[str, Any]] | None = None
    _incidents_lock: threading.Lock = field(default_factory=threading.Lock)

    def map_json(self) -> list[dict[str, Any]]:
        return [
            {"lat": p.lat, "lon": p.lon, "place": p.place, "claims": p.claims[:20]}
            for p in self.points
        ]

    def incidents(self) -> list[dict[str, Any]]:
        """Located incidents of the event (tollbook.incidents), computed once per view.

        Grouping claims into incidents takes seconds on a large event, so the
        page does not wait for it: the map asks for this list separately.
        """
        with self._incidents_lock:
            if self._incidents is None:
                self._incidents = located_incidents(self.rec)
            return self._incidents

    def api_body(self) -> bytes:
        """The event as the API returns it, serialised once per view (it can be megabytes)."""
        if self._api_body is None:
            data = {
                **to_dict(self.rec),
                "map": self.map_json(),
                "unlocated_claims": self.unlocated,
                "infobox": self.infobox,
            }
            self._api_body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        return self._api_body


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


def located_incidents(rec: Reconciliation) -> list[dict[str, Any]]:
    from tollbook.incidents.analysis import analyse

    found = []
    for row in analyse(rec, with_actors=False).rows:
        incident = row.incident
        where = coordinates(incident.location)
        if where is None or incident.level == "event":
            continue
        found.append(
            {
                "name": incident.name,
                "level": incident.level,
                "lat": where[0],
                "lon": where[1],
                "start": incident.start.isoformat(),
                "end": incident.end.isoformat(),
                "low": row.low,
                "best": row.best,
                "high": row.high,
                "claims": [c.id for c in incident.claims][:50],
            }
        )
    return found


def build_view(store: Store, event: Event) -> EventView:
    claims = store.claims(event_id=event.id)
    documents = store.get_documents(c.doc_id for c in claims)
    rec = reconcile(event, claims, documents)
    tallies = sorted(
        (t for t in rec.tallies if t.scope == EVENT_WIDE), key=lambda t: (t.outcome, t.group)
    )
    local_tallies = sorted(
        (t for t in rec.tallies if t.scope != EVENT_WIDE),
        key=lambda t: (-len(t.figures), t.scope, t.outcome, t.group),
    )
    busiest = sorted(
        (t for t in rec.tallies if t.scope == EVENT_WIDE),
        key=lambda t: (-len(t.figures), t.outcome, t.group),
    )
    charts = [c for c in (toll_chart(t) for t in busiest[:MAX_CHARTS]) if c is not None]
    points, unlocated = located(rec)
    return EventView(
        event,
        rec,
        tallies,
        local_tallies,
        charts,
        points,
        unlocated,
        rec.contradictions,
        infobox(rec),
    )
