"""Keeping an event's incidents in the store, and the one call that builds them.

`save_incidents` replaces an event's incidents in one transaction: the old
tree goes (its actors with it, and claims lose their `incident_id`), the new
tree is written parents first so each child can point at its parent's id,
then every claim is pointed at its incident.  Grouping is deterministic, so
running it again after new reports arrive rebuilds the same incidents plus
the new ones.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, insert, select, update

from tollbook.errors import StoreError
from tollbook.incidents.analysis import Analysis, analyse
from tollbook.models import utcnow
from tollbook.reconcile import reconcile_event
from tollbook.store import Store
from tollbook.store.schema import claims, incident_actors, incidents


def save_incidents(store: Store, analysis: Analysis) -> int:
    """Replace the event's incidents with the analysed ones; returns how many were stored."""
    event_id = analysis.event.id
    if event_id is None:
        raise StoreError(f"{analysis.event.slug}: the event is not stored")
    now = utcnow()
    with store.transaction() as conn:
        old = select(incidents.c.id).where(incidents.c.event_id == event_id)
        conn.execute(update(claims).where(claims.c.incident_id.in_(old)).values(incident_id=None))
        conn.execute(delete(incident_actors).where(incident_actors.c.incident_id.in_(old)))
        conn.execute(delete(incidents).where(incidents.c.event_id == event_id))
        ids: dict[str, int] = {}
        for row in sorted(analysis.rows, key=lambda r: _depth(r.incident.key, analysis)):
            inc, coding = row.incident, row.coding
            inserted = conn.execute(
                insert(incidents).values(
                    event_id=event_id,
                    parent_id=ids.get(inc.parent_key or ""),
                    key=inc.key,
                    level=inc.level,
                    name=inc.name,
                    place=inc.place,
                    location=json.dumps(inc.location) if inc.location else None,
                    start_date=inc.start.isoformat(),
                    end_date=inc.end.isoformat(),
                    resolved=int(inc.resolved),
                    disorder_type=coding.disorder_type,
                    event_type=coding.event_type,
                    sub_event_type=coding.sub_event_type,
                    interaction=str(coding.interaction or ""),
                    civilian_targeting=coding.civilian_targeting,
                    created_at=now,
                )
            ).inserted_primary_key
            new_id = int(inserted[0]) if inserted else 0
            ids[inc.key] = new_id
            inc.id = int(new_id)
            claim_ids = [c.id for c in inc.claims if c.id is not None]
            if claim_ids:
                conn.execute(
                    update(claims).where(claims.c.id.in_(claim_ids)).values(incident_id=new_id)
                )
            if row.actors:
                conn.execute(
                    insert(incident_actors),
                    [
                        {
                            "incident_id": new_id,
                            "role": a.role,
                            "name": a.name,
                            "side": a.side,
                            "inter_code": a.inter_code,
                            "title": a.title,
                            "doc_id": a.doc_id or None,
                            "quote": a.quote,
                        }
                        for a in row.actors
                    ],
                )
    return len(ids)


def _depth(key: str, analysis: Analysis) -> int:
    parents = {i.key: i.parent_key for i in analysis.incidents()}
    depth, current = 0, parents.get(key)
    while current:
        depth, current = depth + 1, parents.get(current)
    return depth


def load_incidents(store: Store, event_id: int) -> list[dict[str, Any]]:
    """The stored incidents of an event with their claim counts, parents first."""
    with store.engine.connect() as conn:
        rows = [r._asdict() for r in conn.execute(
            select(incidents).where(incidents.c.event_id == event_id).order_by(incidents.c.id)
        )]  # fmt: skip
        for row in rows:
            row["claim_ids"] = list(
                conn.scalars(select(claims.c.id).where(claims.c.incident_id == row["id"]))
            )
            row["location"] = json.loads(row["location"]) if row["location"] else None
    return rows


def build_incidents(
    store: Store, event_ref: str | int, save: bool = True, with_actors: bool = True
) -> Analysis:
    """Group, reconcile and code the incidents of an event, and store them."""
    event = store.get_event(event_ref)
    rec = reconcile_event(store, event)
    analysis = analyse(rec, claims=store.claims(event_id=event.id), with_actors=with_actors)
    if save:
        save_incidents(store, analysis)
    return analysis
