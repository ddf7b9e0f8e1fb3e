"""The reads behind the pages, shaped for them and bounded in size.

The `Store` answers whole-ledger questions (all claims of an event); a page
needs one screenful: fifty queue items with a few lines of context each, a
page of documents, the twenty newest decisions.  These queries ask the
database for exactly that (LIMIT, keyset paging on ids, `substr` for the
context around a quote, so a long document is never loaded for a
two-line snippet), which keeps the pages fast on a ledger of 100,000 claims.
Every query runs on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select

from tollbook.models import Claim, Event
from tollbook.store import Store
from tollbook.store.schema import claims, documents, event_documents, events, reviews

CONTEXT_CHARS = 160
COUNT_CAP = 10_000
MAX_REVISED = 5_000  # more reviewed claims than this since a view: rebuild it instead


@dataclass
class ClaimView:
    """A claim as a page shows it: with its version, its document and the words around it."""

    claim: Claim
    version: int
    doc_title: str | None
    publisher: str | None
    published: str | None
    before: str = ""  # the text just before the quote
    quoted: str = ""  # the quote as it stands in the document at the claim's offsets
    after: str = ""

    @property
    def quote_parts(self) -> tuple[str, str, str]:
        """The quote cut around the claim's figure written in digits, so a page can stress it.

        A sentence often holds several figures; stressing the one this claim
        read tells the reviewer which it is.  ("", "", quote) when the figure
        is written in words or not found (itself a hint the reading is wrong).
        """
        text = self.quoted or self.claim.quote
        n = self.claim.count_low
        for written in (f"{n:,}", str(n)):
            found = re.search(rf"(?<![\d.,]){re.escape(written)}(?![\d]|[.,]\d)", text)
            if found:
                return text[: found.start()], found.group(0), text[found.end() :]
        return "", "", text


def _with_context(query: Select[Any]) -> Select[Any]:
    """Add the window of document text around each claim's quote to a claims query."""
    # CASE, not max(a, b): PostgreSQL's max is only an aggregate.
    shifted = claims.c.start_offset - CONTEXT_CHARS
    lo = case((shifted > 0, shifted), else_=0)
    window = func.substr(documents.c.text, lo + 1, claims.c.end_offset + CONTEXT_CHARS - lo)
    return query.add_columns(lo.label("ctx_start"), window.label("ctx"))


def _claims_select() -> Select[Any]:
    return select(
        claims,
        documents.c.title.label("doc_title"),
        documents.c.publisher.label("doc_publisher"),
        documents.c.published.label("doc_published"),
    ).join(documents, documents.c.doc_id == claims.c.doc_id)


def _view(row: Any) -> ClaimView:
    claim = Store.claim_from_row(row)
    view = ClaimView(claim, row.version, row.doc_title, row.doc_publisher, row.doc_published)
    ctx = getattr(row, "ctx", None)
    if ctx is not None:
        start = max(0, min(claim.start - row.ctx_start, len(ctx)))
        end = max(start, min(claim.end - row.ctx_start, len(ctx)))
        view.before, view.quoted, view.after = ctx[:start], ctx[start:end], ctx[end:]
        # Begin and end the context on word boundaries, so it does not open mid-word.
        if row.ctx_start > 0 and " " in view.before:
            view.before = "…" + view.before[view.before.index(" ") + 1 :]
        if len(ctx) - end >= CONTEXT_CHARS and " " in view.after:
            view.after = view.after[: view.after.rindex(" ")] + "…"
    return view


def event_claims(event: Event) -> Any:
    assert event.id is not None
    return Store.event_claims_filter(event.id)


# -- events ---------------------------------------------------------------------


@dataclass
class EventSummary:
    event: Event
    documents: int
    claims: int
    unreviewed: int


def event_summaries(store: Store) -> list[EventSummary]:
    found = []
    with store.engine.connect() as conn:
        for event in store.events():
            docs = conn.scalar(select(func.count()).where(event_documents.c.event_id == event.id))
            row = conn.execute(
                select(
                    func.count(),
                    func.coalesce(func.sum(case((claims.c.status == "unreviewed", 1), else_=0)), 0),
                ).where(event_claims(event))
            ).one()
            found.append(EventSummary(event, int(docs or 0), int(row[0]), int(row[1])))
    return found


def ledger_fingerprint(store: Store) -> tuple[int, ...]:
    """Changes whenever claims or documents are added or removed, or a claim is reviewed.

    Cheap on any size of ledger (a count over the smallest index and a few
    maxima), so every event page can check it; in-place edits made outside
    the app (say, a geocoder filling in locations) are caught by the cache's
    time limit instead.
    """
    with store.engine.connect() as conn:
        row = conn.execute(
            select(
                select(func.count()).select_from(claims).scalar_subquery(),
                select(func.coalesce(func.max(claims.c.id), 0)).scalar_subquery(),
                select(func.coalesce(func.max(reviews.c.id), 0)).scalar_subquery(),
                select(func.count()).select_from(event_documents).scalar_subquery(),
                select(func.count()).select_from(documents).scalar_subquery(),
            )
        ).one()
    return tuple(int(v) for v in row)


def linked_documents(store: Store, event: Event) -> frozenset[str]:
    """The ids of the documents put in an event."""
    with store.engine.connect() as conn:
        return frozenset(
            conn.scalars(
                select(event_documents.c.doc_id).where(event_documents.c.event_id == event.id)
            )
        )


def changed_claims(
    store: Store,
    event: Event,
    then: tuple[int, ...],
    now: tuple[int, ...],
    linked: frozenset[str],
) -> tuple[list[Claim], frozenset[str]] | None:
    """The event's claims reviewed or added between two ledger fingerprints, as they are
    now, and the event's documents now (`linked` being those at the first fingerprint).

    Claims are added by new claim rows and by documents newly put in the
    event.  None when the ledger changed in another way (claims removed,
    documents taken out of the event), which only a full rebuild can follow.
    """
    count_then, last_claim, last_review, links_then, _ = then
    count_now, _, _, links_now, _ = now
    linked_now = linked if links_now == links_then else linked_documents(store, event)
    if not linked <= linked_now:
        return None
    with store.engine.connect() as conn:
        added = conn.scalar(
            select(func.count()).select_from(claims).where(claims.c.id > last_claim)
        )
        reviewed = list(
            conn.scalars(select(reviews.c.claim_id).where(reviews.c.id > last_review).distinct())
        )
    if count_now - count_then != added:  # some claims were deleted
        return None
    if len(reviewed) + len(linked_now - linked) > MAX_REVISED:
        return None
    found = store.claims(event_id=event.id, after_id=last_claim) if added else []
    if reviewed:
        found += store.claims(event_id=event.id, ids=reviewed)
    for doc_id in sorted(linked_now - linked):
        found += store.claims(event_id=event.id, doc_id=doc_id)
    return found, linked_now


def busiest_events(store: Store, max_claims: int) -> list[Event]:
    """The events with the most claims, the busiest first, until they hold `max_claims`."""
    chosen: list[Event] = []
    held = 0
    for summary in sorted(event_summaries(store), key=lambda s: -s.claims):
        if chosen and held + summary.claims > max_claims:
            break
        chosen.append(summary.event)
        held += summary.claims
    return chosen


def event_names(store: Store) -> list[tuple[str, str]]:
    with store.engine.connect() as conn:
        return [(r.slug, r.name) for r in conn.execute(select(events.c.slug, events.c.name))]


# -- review queue and claims ----------------------------------------------------


def review_queue(
    store: Store,
    *,
    event: Event | None = None,
    status: str = "unreviewed",
    after_id: int = 0,
    limit: int = 50,
) -> tuple[list[ClaimView], int]:
    """A page of claims with the given status in id order, and how many there are
    (up to COUNT_CAP + 1: more than COUNT_CAP reads as "COUNT_CAP+")."""
    conditions = [claims.c.status == status]
    if event is not None:
        conditions.append(event_claims(event))
    query = (
        _with_context(_claims_select())
        .where(*conditions, claims.c.id > after_id)
        .order_by(claims.c.id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        items = [_view(row) for row in conn.execute(query)]
        # Counting stops at COUNT_CAP: "10,000+" says enough, and a full count of a
        # 100,000-claim event would cost more than the page itself.
        capped = select(claims.c.id).where(*conditions).limit(COUNT_CAP + 1).subquery()
        total = conn.scalar(select(func.count()).select_from(capped))
    return items, int(total or 0)


def claim_view(store: Store, claim_id: int) -> ClaimView | None:
    query = _with_context(_claims_select()).where(claims.c.id == claim_id)
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    return _view(row) if row is not None else None


def document_claims(store: Store, doc_id: str) -> list[ClaimView]:
    query = _claims_select().where(claims.c.doc_id == doc_id).order_by(claims.c.start_offset)
    with store.engine.connect() as conn:
        return [_view(row) for row in conn.execute(query)]


def claims_by_id(store: Store, claim_ids: list[int]) -> list[ClaimView]:
    query = _with_context(_claims_select()).where(claims.c.id.in_(claim_ids)).order_by(claims.c.id)
    with store.engine.connect() as conn:
        return [_view(row) for row in conn.execute(query)]


# -- documents ------------------------------------------------------------------


@dataclass
class DocumentSummary:
    doc_id: str
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    claims: int
    snippet: str = ""


def documents_page(
    store: Store, offset: int = 0, limit: int = 50
) -> tuple[list[DocumentSummary], int]:
    counts = select(claims.c.doc_id, func.count().label("n")).group_by(claims.c.doc_id).subquery()
    query = (
        select(
            documents.c.doc_id,
            documents.c.title,
            documents.c.publisher,
            documents.c.published,
            documents.c.url,
            func.coalesce(counts.c.n, 0).label("n"),
        )
        .outerjoin(counts, counts.c.doc_id == documents.c.doc_id)
        .order_by(documents.c.published.desc(), documents.c.doc_id)
        .offset(offset)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        total = conn.scalar(select(func.count()).select_from(documents))
    return [
        DocumentSummary(r.doc_id, r.title, r.publisher, r.published, r.url, r.n) for r in rows
    ], int(total or 0)


def document_events(store: Store, doc_id: str) -> list[tuple[str, str]]:
    query = (
        select(events.c.slug, events.c.name)
        .join(event_documents, event_documents.c.event_id == events.c.id)
        .where(event_documents.c.doc_id == doc_id)
        .order_by(events.c.name)
    )
    with store.engine.connect() as conn:
        return [(r.slug, r.name) for r in conn.execute(query)]


def document_id_by_hash(store: Store, content_hash: str) -> str | None:
    with store.engine.connect() as conn:
        found = conn.scalar(select(documents.c.doc_id).where(documents.c.hash == content_hash))
    return str(found) if found else None


# -- search ---------------------------------------------------------------------


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def snippet(text: str, word: str, width: int = 240) -> str:
    """About `width` characters of `text` around the first place `word` occurs."""
    at = max(text.lower().find(word.lower()), 0)
    start = max(at - width // 3, 0)
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def search(
    store: Store, text: str, limit: int = 50
) -> tuple[list[DocumentSummary], list[ClaimView]]:
    """Documents whose title, publisher or text, and claims whose quote, group or source
    contain every word of `text` (case-insensitive)."""
    words = text.split()[:8]
    if not words:
        return [], []
    doc_fields = (documents.c.title, documents.c.publisher, documents.c.text)
    doc_match = and_(
        *(or_(*(func.lower(f).like(_like(w), escape="\\") for f in doc_fields)) for w in words)
    )
    doc_query = (
        select(
            documents.c.doc_id,
            documents.c.title,
            documents.c.publisher,
            documents.c.published,
            documents.c.url,
            documents.c.text,
        )
        .where(doc_match)
        .order_by(documents.c.published.desc(), documents.c.doc_id)
        .limit(limit)
    )
    claim_fields = (claims.c.quote, claims.c.victim_group, claims.c.attributed_to, claims.c.place)
    claim_match = and_(
        *(
            or_(
                *(
                    func.lower(func.coalesce(f, "")).like(_like(w), escape="\\")
                    for f in claim_fields
                )
            )
            for w in words
        )
    )
    claim_query = _claims_select().where(claim_match).order_by(claims.c.id).limit(limit)
    with store.engine.connect() as conn:
        docs = [
            DocumentSummary(
                r.doc_id, r.title, r.publisher, r.published, r.url, 0, snippet(r.text, words[0])
            )
            for r in conn.execute(doc_query)
        ]
        found = [_view(row) for row in conn.execute(claim_query)]
    return docs, found


# -- audit trail ----------------------------------------------------------------


@dataclass
class Decision:
    id: int
    claim_id: int
    reviewer: str
    decision: str  # accept | reject | correct | conflict
    created_at: str
    note: str | None
    before: dict[str, Any]
    after: dict[str, Any]
    quote: str | None = None
    doc_id: str | None = None

    @property
    def changed(self) -> list[tuple[str, Any, Any]]:
        """The fields this decision changed (or, for a conflict, would have changed)."""
        return [
            (key, self.before.get(key), self.after.get(key))
            for key in self.after
            if self.before.get(key) != self.after.get(key)
        ]


def decisions(
    store: Store, *, claim_id: int | None = None, before_id: int | None = None, limit: int = 50
) -> list[Decision]:
    """Review decisions, newest first; keyset-paged with `before_id`."""
    query = (
        select(reviews, claims.c.quote, claims.c.doc_id)
        .join(claims, claims.c.id == reviews.c.claim_id)
        .order_by(reviews.c.id.desc())
        .limit(limit)
    )
    if claim_id is not None:
        query = query.where(reviews.c.claim_id == claim_id)
    if before_id is not None:
        query = query.where(reviews.c.id < before_id)
    with store.engine.connect() as conn:
        return [
            Decision(
                r.id,
                r.claim_id,
                r.reviewer,
                r.decision,
                r.created_at,
                r.note,
                json.loads(r.before),
                json.loads(r.after),
                r.quote,
                r.doc_id,
            )
            for r in conn.execute(query)
        ]
