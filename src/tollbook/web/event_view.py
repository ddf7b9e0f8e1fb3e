"""What the event page shows, built from the event's reconciliation, and kept.

Reconciling an event reads all its claims, which on a large ledger is the
slowest thing a page does (a quarter of a second for 10,000 claims, seconds
for 100,000).  So the app keeps each event's view (reconciliation, charts,
map points, infobox) with a fingerprint of the ledger: counts and highest ids
of claims, documents, event assignments and review decisions, one cheap
query.  When the fingerprint moves because claims were reviewed or added, the
view is revised: only those claims are read and only their tallies are
reconciled again (`reconcile.revise`), so a reviewer's correction shows on the
event page and in the exports at once, in milliseconds.  Anything else
(claims removed, documents moved between events) rebuilds the view in full.

A view is also rebuilt in full, in the background, once it is older than
`MAX_AGE`, to pick up claims changed in place by another process
(`tollbook event assign` moving claims between events), which the
fingerprint cannot see; until then readers get the kept view.  After a
review the app revises the kept views in a background thread
(refresh-ahead), and when the server starts it builds the views of the
busiest events (`warm`), so a reader rarely waits at all.  A request never
gets a view older than the ledger's fingerprint: it waits for the revision.
"""

from __future__ import annotations

import gc
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from tollbook.exports import infobox, to_dict
from tollbook.models import Event
from tollbook.reconcile import Contradiction, Reconciliation, Tally, reconcile_event, revise
from tollbook.reconcile.tally import EVENT_WIDE
from tollbook.store import Store
from tollbook.web import queries
from tollbook.web.charts import Chart, toll_chart
from tollbook.web.map_points import MapPoint, Pins, coordinates

log = logging.getLogger(__name__)

MAX_CHARTS = 6
MAX_KEPT_CLAIMS = 300_000
MAX_AGE = (
    120.0  # seconds before a view is rebuilt in full (in the background), for in-place changes
)


@dataclass
class _Kept:
    fingerprint: tuple[int, ...]
    linked: frozenset[str]  # the event's documents at that fingerprint
    built: float  # time.monotonic() of the last full build
    view: EventView

    @property
    def claims(self) -> int:
        return sum(t.size for t in self.view.rec.tallies)


class ViewCache:
    """The latest view of each event, revised as the ledger's fingerprint moves.

    Views are kept for the most recently read events while they hold no more
    than `max_claims` claims together (a 10,000-claim view takes about 20 MB);
    the one most recently read is always kept.
    """

    def __init__(self, max_claims: int = MAX_KEPT_CLAIMS, max_age: float = MAX_AGE) -> None:
        self.max_claims = max_claims
        self.max_age = max_age
        self._entries: OrderedDict[int, _Kept] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[int, threading.Lock] = {}
        self._wanted = threading.Event()
        self._worker: threading.Thread | None = None
        self._store: Store | None = None
        self._stale: set[int] = set()  # events to rebuild in full in the background

    def get(self, store: Store, event: Event) -> EventView:
        assert event.id is not None
        fingerprint = queries.ledger_fingerprint(store)
        kept = self._kept(event)
        if kept is not None and kept.fingerprint == fingerprint:
            self._expire(store, event, kept)
            return kept.view
        with self._lock:
            building = self._building.setdefault(event.id, threading.Lock())
        with building:  # one rebuild per event at a time; later requests wait for it
            kept = self._kept(event)
            fingerprint = queries.ledger_fingerprint(store)
            if kept is not None and kept.fingerprint == fingerprint:
                return kept.view
            revised = self._revised(store, event, kept, fingerprint) if kept else None
            if kept is not None and revised is not None:
                view, linked = revised
                self._keep(event, _Kept(fingerprint, linked, kept.built, view))
                return view
            return self._rebuild(store, event, fingerprint)

    def _rebuild(self, store: Store, event: Event, fingerprint: tuple[int, ...]) -> EventView:
        # The fingerprint and documents are read before the claims: a change made
        # meanwhile is then seen again, and revising twice with a claim changes nothing.
        linked = queries.linked_documents(store, event)
        view = build_view(store, event)
        self._keep(event, _Kept(fingerprint, linked, time.monotonic(), view))
        # A view is tens of thousands of long-lived objects; left to the cycle
        # collector, every full collection would scan them all and stall each
        # request for most of a second.  Views hold no reference cycles, so a
        # dropped view is still freed when frozen; the cost is that the cyclic
        # garbage of that moment is never collected (0 to 50 objects measured).
        gc.freeze()
        return view

    def _kept(self, event: Event) -> _Kept | None:
        assert event.id is not None
        with self._lock:
            kept = self._entries.get(event.id)
        if kept is None or kept.view.event != event:
            return None
        return kept

    def _keep(self, event: Event, kept: _Kept) -> None:
        assert event.id is not None
        with self._lock:
            self._entries[event.id] = kept
            self._entries.move_to_end(event.id)
            held = sum(entry.claims for entry in self._entries.values())
            while len(self._entries) > 1 and held > self.max_claims:
                _, dropped = self._entries.popitem(last=False)
                held -= dropped.claims

    def _revised(
        self, store: Store, event: Event, kept: _Kept, fingerprint: tuple[int, ...]
    ) -> tuple[EventView, frozenset[str]] | None:
        found = queries.changed_claims(store, event, kept.fingerprint, fingerprint, kept.linked)
        if found is None:
            return None
        changed, linked = found
        if not changed:  # the change was in other events
            return kept.view, linked
        rec = kept.view.rec
        new_docs = store.get_documents({c.doc_id for c in changed} - rec.documents.keys())
        revised = revise(rec, changed, new_docs)
        if revised is None:
            return None
        return view_of(revised, kept.view, {c.id for c in changed if c.id is not None}), linked

    def _expire(self, store: Store, event: Event, kept: _Kept) -> None:
        """Past its age, a view is rebuilt in full in the background (see the module notes)."""
        assert event.id is not None
        if time.monotonic() - kept.built > self.max_age:
            with self._lock:
                self._stale.add(event.id)
            self.refresh_soon(store)

    def refresh_soon(self, store: Store) -> None:
        """Bring the kept views up to date in the background (after a change a reader will want)."""
        self._store = store
        self._wanted.set()
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._refresh_loop, daemon=True)
            self._worker.start()

    def warm(self, store: Store) -> threading.Thread:
        """Build, in the background, the views of the busiest events, as many as are kept."""

        def build() -> None:
            for event in queries.busiest_events(store, self.max_claims):
                try:
                    started = time.perf_counter()
                    view = self.get(store, event)
                    took = time.perf_counter() - started
                    # Only a wait a reader could have noticed is worth a line.
                    log.log(
                        logging.INFO if took >= 1 else logging.DEBUG,
                        "the page of %s is ready (%s claims reconciled in %.1f s)",
                        event.slug,
                        f"{sum(t.size for t in view.rec.tallies):,}",
                        took,
                    )
                except Exception as err:  # noqa: BLE001 - a page view will report it
                    log.warning("could not build the view of %s: %s", event.slug, err)

        thread = threading.Thread(target=build, daemon=True, name="tollbook-warm-views")
        thread.start()
        return thread

    def _refresh_loop(self) -> None:
        # Several reviews in a row coalesce into one revision per kept event.
        while self._wanted.wait(timeout=5):
            self._wanted.clear()
            store = self._store
            with self._lock:
                kept = [entry.view.event for entry in self._entries.values()]
                stale, self._stale = self._stale, set()
            for event in kept:
                if store is None or self._wanted.is_set():
                    break
                try:
                    if event.id in stale:
                        self._rebuild(store, event, queries.ledger_fingerprint(store))
                        with self._lock:  # readers who found it old meanwhile are answered
                            self._stale.discard(event.id)
                    self.get(store, event)
                except Exception:  # noqa: BLE001 - a failed warm-up must not stop the worker
                    pass  # the next request rebuilds the view and reports the error


@dataclass
class EventView:
    event: Event
    rec: Reconciliation
    tallies: list[Tally]  # event-wide
    local_tallies: list[Tally]  # for one place each, the most reported first
    charted: list[tuple[Tally, Chart | None]]  # the busiest event-wide tallies' toll curves
    pins: Pins
    infobox: str

    _api_body: bytes | None = None
    _incidents: list[dict[str, Any]] | None = None
    _incidents_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def contradictions(self) -> list[Contradiction]:
        return self.rec.contradictions

    @property
    def charts(self) -> list[Chart]:
        return [chart for _, chart in self.charted if chart is not None]

    @cached_property
    def points(self) -> list[MapPoint]:
        return self.pins.points()

    @property
    def unlocated(self) -> int:
        return self.pins.unlocated

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
    return view_of(reconcile_event(store, event))


def view_of(
    rec: Reconciliation, previous: EventView | None = None, changed: Iterable[int] = ()
) -> EventView:
    """The view of a reconciliation; given the `previous` view and the ids of the claims
    that `rec` revised, the map moves only those claims."""
    tallies = sorted(
        (t for t in rec.tallies if t.scope == EVENT_WIDE), key=lambda t: (t.outcome, t.group)
    )
    local_tallies = sorted(
        (t for t in rec.tallies if t.scope != EVENT_WIDE),
        key=lambda t: (-t.size, t.scope, t.outcome, t.group),
    )
    busiest = sorted(
        (t for t in rec.tallies if t.scope == EVENT_WIDE),
        key=lambda t: (-t.size, t.outcome, t.group),
    )
    # A tally the revision did not touch is the same object: its chart stands.
    drawn = {id(t): chart for t, chart in previous.charted} if previous else {}
    charted = [(t, drawn[id(t)] if id(t) in drawn else toll_chart(t)) for t in busiest[:MAX_CHARTS]]
    if previous is None:
        pins = Pins.of(rec)
    else:
        pins = previous.pins.revised(previous.rec, rec, set(changed))
    return EventView(rec.event, rec, tallies, local_tallies, charted, pins, infobox(rec))
