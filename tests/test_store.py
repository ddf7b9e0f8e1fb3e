"""The store: a real SQLite file, transactional writes, idempotent ingest, reviews."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from tollbook import Claim, Conflict, Document, Event, NotFound, StoreError
from tollbook.store import Store


def report(text_: str = "Monitors said 40 civilians were killed in Hama.", **kw) -> Document:
    kw = {"publisher": "Monitor", "published": "2025-03-08", **kw}
    return Document(text=text_, **kw)


def claim_of(doc: Document, count: int = 40, **kw) -> Claim:
    return Claim(doc.doc_id or "", doc.text, 0, len(doc.text), "killed", count, **kw)


def test_sqlite_file_uses_wal_and_enforces_foreign_keys(store: Store, db_path: Path) -> None:
    with store.transaction() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert db_path.exists()


def test_same_content_is_stored_once(store: Store) -> None:
    doc = report()
    assert store.add_document(doc) is True
    assert store.add_document(report()) is False
    assert store.count("documents") == 1


def test_clashing_document_id_is_refused_and_changes_nothing(store: Store) -> None:
    store.add_document(report(doc_id="r1"))
    with pytest.raises(StoreError, match="r1"):
        store.add_document(report("Different words, 3 killed.", doc_id="r1"))
    assert store.get_document("r1").text.startswith("Monitors said 40")
    assert store.count("documents") == 1


def test_document_keeps_its_provenance(store: Store) -> None:
    from tollbook import Citation

    doc = report(
        url="https://example.org/a",
        title="Forty killed",
        citations=[Citation(url="https://example.org/src", title="Source")],
    )
    store.add_document(doc)
    back = store.get_document(doc.doc_id or "")
    assert (back.url, back.title, back.publisher, back.published) == (
        "https://example.org/a",
        "Forty killed",
        "Monitor",
        "2025-03-08",
    )
    assert back.hash == doc.hash and back.retrieved == doc.retrieved
    assert back.citations[0].url == "https://example.org/src"


def test_save_claims_replaces_unreviewed_and_keeps_reviewed(store: Store) -> None:
    doc = report()
    store.add_document(doc)
    store.save_claims(doc.doc_id or "", [claim_of(doc)])
    first = store.claims(doc_id=doc.doc_id)[0]
    store.review(first.id or 0, "ana", "accept")
    inserted = store.save_claims(doc.doc_id or "", [claim_of(doc), claim_of(doc, 41)])
    assert inserted == 1
    counts = sorted((c.count_low, c.status) for c in store.claims(doc_id=doc.doc_id))
    assert counts == [(40, "accepted"), (41, "unreviewed")]


def test_claims_for_a_missing_document_are_refused(store: Store) -> None:
    with pytest.raises(NotFound):
        store.save_claims("nope", [])


def test_correction_changes_the_claim_and_is_audited(store: Store) -> None:
    doc = report()
    store.add_document(doc)
    store.save_claims(doc.doc_id or "", [claim_of(doc)])
    cid = store.claims()[0].id or 0
    corrected = store.review(
        cid,
        "ana",
        "correct",
        {"count_low": 45, "group": "civilians"},
        note="typo in the source",
        expected_version=1,
    )
    assert (corrected.count_low, corrected.group, corrected.status) == (
        45,
        "civilians",
        "corrected",
    )
    (trail,) = store.reviews(cid)
    assert trail["before"]["count_low"] == 40 and trail["after"]["count_low"] == 45
    assert trail["reviewer"] == "ana" and trail["note"] == "typo in the source"


def test_stale_review_is_a_conflict_but_stays_in_the_trail(store: Store) -> None:
    doc = report()
    store.add_document(doc)
    store.save_claims(doc.doc_id or "", [claim_of(doc)])
    cid = store.claims()[0].id or 0
    store.review(cid, "ana", "correct", {"count_low": 45}, expected_version=1)
    with pytest.raises(Conflict, match="changed by someone else"):
        store.review(cid, "ben", "reject", expected_version=1)
    assert store.get_claim(cid).status == "corrected"
    assert [r["decision"] for r in store.reviews(cid)] == ["correct", "conflict"]


def test_unknown_decisions_and_fields_are_refused(store: Store) -> None:
    doc = report()
    store.add_document(doc)
    store.save_claims(doc.doc_id or "", [claim_of(doc)])
    cid = store.claims()[0].id or 0
    with pytest.raises(StoreError):
        store.review(cid, "ana", "approve")
    with pytest.raises(StoreError):
        store.review(cid, "ana", "correct", {"quote": "other words"})
    assert store.reviews(cid) == []


def test_events_gather_documents_by_place_and_date(store: Store) -> None:
    early = report("Before it began, 3 killed in Hama.", published="2025-01-01")
    inside = report("Clashes in Hama: 40 killed.")
    elsewhere = report("Floods in Aleppo left 2 dead.")
    for d in (early, inside, elsewhere):
        store.add_document(d)
    event = store.create_event(Event("Hama clashes", "hama", "2025-03-01", None, ["Hama"]))
    assert store.matching_documents(event) == [inside.doc_id]
    assert store.assign_documents(event.id or 0, [inside.doc_id or ""]) == 1
    assert store.assign_documents(event.id or 0, [inside.doc_id or ""]) == 0
    store.save_claims(inside.doc_id or "", [claim_of(inside)])
    store.save_claims(elsewhere.doc_id or "", [claim_of(elsewhere, 2)])
    assert [c.count_low for c in store.claims(event_id=event.id)] == [40]
    with pytest.raises(StoreError, match="already exists"):
        store.create_event(Event("Again", "hama"))
    with pytest.raises(NotFound, match="event list"):
        store.get_event("nowhere")


def test_database_is_plain_sqlite_readable_by_any_client(store: Store, db_path: Path) -> None:
    store.add_document(report())
    with sqlite3.connect(db_path) as conn:
        names = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        assert {"documents", "claims", "events", "reviews", "organisations"} <= names
        assert conn.execute("select publisher from documents").fetchone() == ("Monitor",)


def test_many_documents_are_read_at_once_with_their_citations(store: Store) -> None:
    from tollbook import Citation

    docs = [report(f"Report {i}: {i} killed.", citations=[Citation(url=f"https://c/{i}")])
            for i in range(3)]  # fmt: skip
    for doc in docs:
        store.add_document(doc)
    found = store.get_documents([d.doc_id or "" for d in docs])
    assert {d.doc_id: d.citations[0].url for d in found.values()} == {
        d.doc_id: d.citations[0].url for d in docs
    }
    with pytest.raises(NotFound):
        store.get_documents(["missing"])


def test_documents_without_claims_are_the_ones_left_to_extract(store: Store) -> None:
    done, pending = report(), report("Another report: 3 wounded in Hama.")
    for doc in (done, pending):
        store.add_document(doc)
    store.save_claims(done.doc_id or "", [claim_of(done)])
    assert [d.doc_id for d in store.iter_documents(without_claims=True)] == [pending.doc_id]
    assert len(list(store.iter_documents())) == 2
