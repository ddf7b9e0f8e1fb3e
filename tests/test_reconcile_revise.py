"""Revising a reconciliation claim by claim gives what a full reconcile gives.

The review app revises an event's reconciliation after each decision instead
of reconciling every claim again; a reviewer must never see a figure that a
fresh reconciliation would not give.  The demo ledger (real extraction, real
source names to fold, wikitext references) is reviewed at random: after each
decision the revised reconciliation is compared, in full, with a fresh one.
"""

from __future__ import annotations

import random

import pytest

from tollbook.exports import to_dict
from tollbook.reconcile import reconcile, reconcile_event, revise
from tollbook.store import Store


@pytest.fixture
def demo_store(demo_copy: Store) -> Store:
    return demo_copy


def test_random_reviews_revise_to_the_full_reconciliation(demo_store: Store) -> None:
    store = demo_store
    event = store.events()[0]
    rng = random.Random(5)
    rec = reconcile_event(store, event)
    claim_ids = [c.id for c in store.claims(event_id=event.id)]
    sources = sorted({c.attributed_to for c in store.claims() if c.attributed_to})
    revised_steps = 0
    for step in range(60):
        claim = store.get_claim(rng.choice(claim_ids))
        decision = rng.choice(["accept", "reject", "reject", "correct", "correct", "correct"])
        changes = {}
        if decision == "correct":
            field = rng.choice(["count_low", "outcome", "group", "attributed_to", "qualifier"])
            changes = {
                "count_low": {"count_low": rng.randint(1, 3000), "count_high": None},
                "outcome": {"outcome": rng.choice(["killed", "wounded", "missing"])},
                "group": {"group": rng.choice(["civilians", "children", "security forces"])},
                "attributed_to": {"attributed_to": rng.choice([*sources, f"Local Council {step}"])},
                "qualifier": {"qualifier": rng.choice(["exact", "at_least", "about"])},
            }[field]
        store.review(claim.id, "tester", decision, changes)  # type: ignore[arg-type]
        now = store.claims(event_id=event.id, ids=[claim.id])  # type: ignore[list-item]
        revised = revise(rec, now, {})
        rec = reconcile_event(store, event)
        if revised is not None:
            revised_steps += 1
            assert to_dict(revised) == to_dict(rec), f"step {step}: {decision} {changes}"
            assert [c.message for c in revised.contradictions] == [
                c.message for c in rec.contradictions
            ]
    # A new source name that folds into no other leaves the rest alone, so
    # most decisions are revised in place rather than sent back for a full run.
    assert revised_steps >= 45


def test_a_new_document_s_claims_are_added_by_revision(demo_store: Store) -> None:
    store = demo_store
    event = store.events()[0]
    everything = store.claims(event_id=event.id)
    last = max(c.id for c in everything if c.id is not None)
    newest_doc = max(everything, key=lambda c: c.id or 0).doc_id
    held_back = [c for c in everything if c.doc_id != newest_doc]
    docs = store.get_documents(c.doc_id for c in held_back)
    before = reconcile(event, held_back, docs)
    added = [c for c in everything if c.doc_id == newest_doc]
    assert added and max(c.id or 0 for c in added) == last
    revised = revise(before, added, store.get_documents([newest_doc]))
    if revised is None:  # the document brought a name that refolds others: a full run
        pytest.skip("the newest demo document changes how source names fold")
    assert to_dict(revised) == to_dict(reconcile_event(store, event))


def test_a_reconciliation_built_without_claim_ids_is_not_revised(demo_store: Store) -> None:
    from dataclasses import replace

    event = demo_store.events()[0]
    claims = [replace(c, id=None) for c in demo_store.claims(event_id=event.id)]
    rec = reconcile(event, claims, demo_store.get_documents(c.doc_id for c in claims))
    assert revise(rec, claims[:1], {}) is None
