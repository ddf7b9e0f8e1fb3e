"""The PostgreSQL backend: the same ledger on a real server."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from tollbook import Claim, Conflict, Document, Event
from tollbook.reconcile import reconcile_event
from tollbook.store import Store, migrations
from tollbook.store.schema import metadata

pytestmark = pytest.mark.postgres


def test_postgres_ledger_round_trip(postgres_url: str) -> None:
    store = Store.open(postgres_url)
    try:
        assert set(metadata.tables) <= set(inspect(store.engine).get_table_names())
        doc = Document(
            text="In Tartus 12 civilians were killed, the monitor said.",
            publisher="Monitor",
            published="2025-03-09",
            url="https://x.example/1",
        )
        assert store.add_document(doc) and not store.add_document(doc)
        store.save_claims(
            doc.doc_id or "",
            [
                Claim(
                    doc.doc_id or "",
                    doc.text,
                    0,
                    len(doc.text),
                    "killed",
                    12,
                    group="civilians",
                    attributed_to="the monitor",
                    location={"name": "Tartus", "lat": 34.9},
                )
            ],
        )
        event = store.create_event(Event("Tartus", "tartus", "2025-03-06", None, ["Tartus"]))
        assert store.assign_documents(event.id or 0, store.matching_documents(event)) == 1
        claim = store.claims(event_id=event.id)[0]
        assert claim.location == {"name": "Tartus", "lat": 34.9}
        store.review(claim.id or 0, "ana", "correct", {"count_low": 13}, expected_version=1)
        with pytest.raises(Conflict):
            store.review(claim.id or 0, "ben", "accept", expected_version=1)
        tally = reconcile_event(store, event).tally("killed", "civilians")
        assert tally is not None and tally.best.value == 13
        assert len(store.reviews(claim.id)) == 2
    finally:
        store.close()


def test_postgres_migrates_once(postgres_url: str) -> None:
    Store.open(postgres_url).close()
    store = Store.open(postgres_url)
    assert migrations.migrate(store.engine) == []
    assert migrations.applied(store.engine) == {m.version for m in migrations.available()}
    store.close()
