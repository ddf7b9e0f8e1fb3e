"""The review app's kept event views follow the ledger as a fresh build would.

After a decision, a new document or a removal, the event page must show what
reconciling the whole event again would show, whether the app revised its
kept view or rebuilt it.  Real SQLite copies of the demo ledger, real reviews.
"""

from __future__ import annotations

import time

from sqlalchemy import delete

from tollbook import Document, Event
from tollbook.exports import to_dict
from tollbook.pipeline import extract_into_store
from tollbook.store import Store
from tollbook.store.schema import claims as claims_table
from tollbook.web.event_view import EventView, ViewCache, build_view


def same_page(kept: EventView, fresh: EventView) -> None:
    assert to_dict(kept.rec) == to_dict(fresh.rec)
    assert kept.infobox == fresh.infobox
    assert [(p.place, p.claims) for p in kept.points] == [(p.place, p.claims) for p in fresh.points]
    assert kept.unlocated == fresh.unlocated
    assert kept.charts == fresh.charts
    assert [c.message for c in kept.contradictions] == [c.message for c in fresh.contradictions]


def best_civilian_claim(view: EventView) -> int:
    tally = next(t for t in view.tallies if (t.outcome, t.group) == ("killed", "civilians"))
    claim_id = tally.best.figures[0].claim.id
    assert claim_id is not None
    return claim_id


def test_a_correction_changes_the_kept_view_as_a_rebuild_would(demo_copy: Store) -> None:
    store = demo_copy
    event = store.events()[0]
    cache = ViewCache()
    first = cache.get(store, event)
    claim_id = best_civilian_claim(first)
    store.review(claim_id, "tester", "correct", {"count_low": 4321, "count_high": None})
    revised = cache.get(store, event)
    assert revised is not first
    assert "4,321" in revised.infobox or 4321 in [
        f.claim.count_low for t in revised.tallies for f in t.figures
    ]
    same_page(revised, build_view(store, event))

    store.review(claim_id, "tester", "reject")
    after_reject = cache.get(store, event)
    assert claim_id not in [f.claim.id for t in after_reject.rec.tallies for f in t.figures]
    same_page(after_reject, build_view(store, event))

    # A located claim moves its map point's line; rejected, it leaves the map.
    pinned = after_reject.points[0].claims[0]["id"]
    store.review(pinned, "tester", "correct", {"count_low": 999, "count_high": None})
    corrected = cache.get(store, event)
    assert any(
        "999" in c["figure"] for p in corrected.points for c in p.claims if c["id"] == pinned
    )
    same_page(corrected, build_view(store, event))
    store.review(pinned, "tester", "reject")
    gone = cache.get(store, event)
    assert pinned not in {c["id"] for p in gone.points for c in p.claims}
    same_page(gone, build_view(store, event))


def test_an_unchanged_ledger_gives_the_same_view(demo_copy: Store) -> None:
    cache = ViewCache()
    event = demo_copy.events()[0]
    assert cache.get(demo_copy, event) is cache.get(demo_copy, event)


def test_a_new_document_and_removed_claims_reach_the_kept_view(demo_copy: Store) -> None:
    store = demo_copy
    event = store.events()[0]
    cache = ViewCache()
    cache.get(store, event)
    doc = Document(
        text="Syrian Arab News Agency said 77 members of the security forces were killed "
        "in Jableh on 9 March 2025.",
        title="Security forces toll",
        publisher="SANA",
        published="2025-03-10",
        url="https://example.org/sana-77",
    )
    store.add_document(doc)
    store.assign_documents(event.id or 0, [doc.doc_id or ""])
    extract_into_store(store, [doc])
    with_new = cache.get(store, event)
    assert doc.doc_id in {f.claim.doc_id for t in with_new.rec.tallies for f in t.figures}
    same_page(with_new, build_view(store, event))

    # A document read before it was put in the event (`tollbook event assign`).
    earlier = Document(
        text="The Syrian Observatory for Human Rights said 18 civilians were killed in "
        "Baniyas on 8 March 2025.",
        title="Baniyas toll",
        publisher="Enab Baladi",
        published="2025-03-09",
        url="https://example.org/enab-18",
    )
    store.add_document(earlier)
    extract_into_store(store, [earlier])
    assert earlier.doc_id not in cache.get(store, event).rec.documents
    store.assign_documents(event.id or 0, [earlier.doc_id or ""])
    joined = cache.get(store, event)
    assert earlier.doc_id in {f.claim.doc_id for t in joined.rec.tallies for f in t.figures}
    same_page(joined, build_view(store, event))

    with store.transaction() as conn:
        conn.execute(delete(claims_table).where(claims_table.c.doc_id == doc.doc_id))
    without = cache.get(store, event)
    assert doc.doc_id not in {f.claim.doc_id for t in without.rec.tallies for f in t.figures}
    same_page(without, build_view(store, event))


def test_an_old_view_is_rebuilt_in_the_background_for_changes_made_in_place(
    demo_copy: Store,
) -> None:
    """A claim moved to another event by another process shows once the view's age is up."""
    store = demo_copy
    event = store.events()[0]
    other = store.create_event(Event("Tartus clashes", "tartus", "2025-03-06", "2025-03-09", []))
    cache = ViewCache(max_age=0.0)
    first = cache.get(store, event)
    claim_id = best_civilian_claim(first)
    store.assign_claims(other.id or 0, [claim_id])  # as `tollbook event assign` does
    assert cache.get(store, event) is first  # served at once, rebuilt behind
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        view = cache.get(store, event)
        if view is not first:
            break
        time.sleep(0.05)
    assert claim_id not in [f.claim.id for t in view.rec.tallies for f in t.figures]
    same_page(view, build_view(store, event))
