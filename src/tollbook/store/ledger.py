"""The `Store`: every read and write of the ledger goes through here.

One class over SQLAlchemy Core serves both backends; `sqlite.py` and
`postgres.py` only make the engine.  Each public write is one transaction, so
a failure leaves the database as it was before the call.
"""

from __future__ import annotations

import json
from collections import namedtuple
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.exc import IntegrityError

from tollbook.errors import Conflict, NotFound, StoreError
from tollbook.models import Citation, Claim, Document, Event, utcnow
from tollbook.store import migrations
from tollbook.store.schema import (
    citations,
    claims,
    documents,
    event_documents,
    events,
    organisations,
    reviews,
)

REVIEWABLE_FIELDS = ("outcome", "count_low", "count_high", "qualifier", "group", "attributed_to")


class Store:
    """A casualty ledger in a database (SQLite file by default)."""

    def __init__(self, engine: Engine, target: str) -> None:
        self.engine = engine
        self.target = target

    @classmethod
    def open(cls, target: str, migrate: bool = True) -> Store:
        """Open a SQLite path or a database URL, bringing the schema up to date."""
        if "://" in target:
            if not target.startswith(("postgresql", "postgres")):
                raise StoreError(
                    f"{target}: unsupported database URL (use a path or postgresql://)"
                )
            from tollbook.store import postgres

            engine = postgres.connect(target)
        else:
            from tollbook.store import sqlite

            engine = sqlite.connect(target)
        store = cls(engine, target)
        if migrate:
            migrations.migrate(engine)
        return store

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    # -- organisations -----------------------------------------------------

    def _organisation_id(self, conn: Connection, name: str | None) -> int | None:
        if not name:
            return None
        found = conn.scalar(select(organisations.c.id).where(organisations.c.name == name))
        if found is not None:
            return int(found)
        inserted = conn.execute(insert(organisations).values(name=name)).inserted_primary_key
        return int(inserted[0])  # type: ignore[index]

    # -- documents -----------------------------------------------------------

    def add_document(self, doc: Document) -> bool:
        """Store a document; False when the same content is already stored."""
        with self.transaction() as conn:
            if conn.scalar(select(documents.c.doc_id).where(documents.c.hash == doc.hash)):
                return False
            if conn.scalar(select(documents.c.doc_id).where(documents.c.doc_id == doc.doc_id)):
                raise StoreError(
                    f"document id {doc.doc_id!r} is already stored with different content"
                )
            conn.execute(
                insert(documents).values(
                    doc_id=doc.doc_id,
                    hash=doc.hash,
                    url=doc.url,
                    title=doc.title,
                    publisher=doc.publisher,
                    publisher_id=self._organisation_id(conn, doc.publisher),
                    published=doc.published,
                    retrieved=doc.retrieved,
                    format=doc.format,
                    origin=doc.origin,
                    text=doc.text,
                )
            )
            if doc.citations:
                conn.execute(
                    insert(citations),
                    [
                        {
                            **vars(citation),
                            "doc_id": doc.doc_id,
                            "offsets": json.dumps(citation.offsets),
                        }
                        for citation in doc.citations
                    ],
                )
        return True

    def get_document(self, doc_id: str) -> Document:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).first()
            if row is None:
                raise NotFound(f"no document {doc_id!r}")
            return self._document(conn, row)

    def get_documents(self, doc_ids: Iterable[str]) -> dict[str, Document]:
        """Many documents at once (two queries, not two per document)."""
        wanted = sorted(set(doc_ids))
        found: dict[str, Document] = {}
        with self.engine.connect() as conn:
            for chunk in (wanted[i : i + 500] for i in range(0, len(wanted), 500)):
                cited: dict[str, list[Citation]] = {}
                for c in conn.execute(
                    select(citations).where(citations.c.doc_id.in_(chunk)).order_by(citations.c.id)
                ):
                    cited.setdefault(c.doc_id, []).append(self._citation(c))
                for row in conn.execute(select(documents).where(documents.c.doc_id.in_(chunk))):
                    found[row.doc_id] = self._document_from(row, cited.get(row.doc_id, []))
        missing = set(wanted) - set(found)
        if missing:
            raise NotFound(f"no document {sorted(missing)[0]!r}")
        return found

    @staticmethod
    def _citation(row: Any) -> Citation:
        return Citation(
            row.url, row.title, row.publisher, row.date, row.ref_name, json.loads(row.offsets)
        )

    @staticmethod
    def _document_from(row: Any, cited: list[Citation]) -> Document:
        return Document(
            text=row.text,
            doc_id=row.doc_id,
            url=row.url,
            title=row.title,
            publisher=row.publisher,
            published=row.published,
            retrieved=row.retrieved,
            format=row.format,
            origin=row.origin,
            hash=row.hash,
            citations=cited,
        )

    def _document(self, conn: Connection, row: Any) -> Document:
        cited = conn.execute(
            select(citations).where(citations.c.doc_id == row.doc_id).order_by(citations.c.id)
        )
        return self._document_from(row, [self._citation(c) for c in cited])

    def iter_documents(
        self, event_id: int | None = None, without_claims: bool = False
    ) -> Iterator[Document]:
        """Stored documents (of one event; or only those no claim was saved for yet)."""
        query = select(documents).order_by(documents.c.published, documents.c.doc_id)
        if without_claims:
            query = query.where(~exists().where(claims.c.doc_id == documents.c.doc_id))
        if event_id is not None:
            query = query.where(
                documents.c.doc_id.in_(
                    select(event_documents.c.doc_id).where(event_documents.c.event_id == event_id)
                )
            )
        with self.engine.connect() as conn:
            ids = list(conn.scalars(query.with_only_columns(documents.c.doc_id)))
        # In chunks through the bulk reader: two queries per 500 documents, not
        # two per document, and only one chunk of texts in memory at a time.
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found = self.get_documents(chunk)
            for doc_id in chunk:
                yield found[doc_id]

    def count(self, table: str) -> int:
        from tollbook.store import schema

        with self.engine.connect() as conn:
            counted = conn.scalar(select(func.count()).select_from(schema.metadata.tables[table]))
        return int(counted or 0)

    # -- claims --------------------------------------------------------------

    def save_claims(self, doc_id: str, found: Iterable[Claim], extractor: str = "rules") -> int:
        """Replace a document's unreviewed machine claims; reviewed claims are kept.

        Returns the number of claims inserted.  A figure a reviewer already
        decided on is not inserted again.
        """
        now = utcnow()
        with self.transaction() as conn:
            if not conn.scalar(select(documents.c.doc_id).where(documents.c.doc_id == doc_id)):
                raise NotFound(f"no document {doc_id!r}")
            conn.execute(
                delete(claims).where(claims.c.doc_id == doc_id, claims.c.status == "unreviewed")
            )
            reviewed = {
                (r.start_offset, r.end_offset, r.outcome, r.victim_group, r.count_low)
                for r in conn.execute(select(claims).where(claims.c.doc_id == doc_id))
            }
            rows = []
            seen = set(reviewed)
            for claim in found:
                key = (claim.start, claim.end, claim.outcome, claim.group, claim.count_low)
                if key in seen:
                    continue
                seen.add(key)
                rows.append(
                    {
                        **self._claim_values(conn, claim),
                        "doc_id": doc_id,
                        "event_id": claim.event_id,
                        "status": "unreviewed",
                        "version": 1,
                        "extractor": extractor,
                        "created_at": now,
                    }
                )
            if rows:
                conn.execute(insert(claims), rows)
        return len(rows)

    def _claim_values(self, conn: Connection, claim: Claim) -> dict[str, Any]:
        return {
            "quote": claim.quote,
            "start_offset": claim.start,
            "end_offset": claim.end,
            "outcome": claim.outcome,
            "count_low": claim.count_low,
            "count_high": claim.count_high,
            "qualifier": claim.qualifier,
            "victim_group": claim.group,
            "attributed_to": claim.attributed_to,
            "attributed_id": self._organisation_id(conn, claim.attributed_to),
            "place": claim.place,
            "when_text": claim.when,
            "location": json.dumps(claim.location) if claim.location else None,
            "period": json.dumps(claim.period) if claim.period else None,
        }

    @staticmethod
    def claim_from_row(row: Any) -> Claim:
        return Claim(
            id=row.id,
            doc_id=row.doc_id,
            quote=row.quote,
            start=row.start_offset,
            end=row.end_offset,
            outcome=row.outcome,
            count_low=row.count_low,
            count_high=row.count_high,
            qualifier=row.qualifier,
            group=row.victim_group,
            attributed_to=row.attributed_to,
            place=row.place,
            when=row.when_text,
            location=json.loads(row.location) if row.location else None,
            period=json.loads(row.period) if row.period else None,
            event_id=row.event_id,
            status=row.status,
        )

    @staticmethod
    def event_claims_filter(event_id: int) -> Any:
        """Claims of an event: assigned to it, or unassigned in one of its documents."""
        in_event_docs = claims.c.doc_id.in_(
            select(event_documents.c.doc_id).where(event_documents.c.event_id == event_id)
        )
        return or_(claims.c.event_id == event_id, and_(claims.c.event_id.is_(None), in_event_docs))

    def claims(
        self,
        event_id: int | None = None,
        doc_id: str | None = None,
        status: str | None = None,
        ids: Iterable[int] | None = None,
        after_id: int | None = None,
    ) -> list[Claim]:
        """Claims, optionally of one event, one document, one review status, with given
        ids, or added after a given id.

        An event's claims come from two index-driven queries joined by UNION
        ALL (claims put in the event, and unassigned claims of its documents)
        rather than one OR, which SQLite would answer by scanning.
        """
        source: Any = claims
        if event_id is not None:
            assigned = select(claims).where(claims.c.event_id == event_id)
            via_documents = (
                select(claims)
                .select_from(
                    event_documents.join(claims, claims.c.doc_id == event_documents.c.doc_id)
                )
                .where(
                    event_documents.c.event_id == event_id,
                    func.coalesce(claims.c.event_id, 0) == 0,
                )
            )
            source = union_all(assigned, via_documents).subquery()
        query = select(source).order_by(source.c.doc_id, source.c.start_offset, source.c.id)
        if doc_id is not None:
            query = query.where(source.c.doc_id == doc_id)
        if status is not None:
            query = query.where(source.c.status == status)
        if ids is not None:
            query = query.where(source.c.id.in_(list(ids)))
        if after_id is not None:
            query = query.where(source.c.id > after_id)
        with self.engine.connect() as conn:
            result = conn.execute(query)
            # SQLAlchemy's Row objects cost about as much as the query on a large
            # event; the claim columns need no conversion, so the driver's tuples
            # are read as they are, through a plain named tuple.
            plain = namedtuple("ClaimRow", list(result.keys()), rename=True)  # type: ignore[misc]
            rows = result.cursor.fetchall() if result.cursor is not None else []
        return [self.claim_from_row(plain._make(row)) for row in rows]

    def get_claim(self, claim_id: int) -> Claim:
        with self.engine.connect() as conn:
            row = conn.execute(select(claims).where(claims.c.id == claim_id)).first()
        if row is None:
            raise NotFound(f"no claim {claim_id}")
        return self.claim_from_row(row)

    def claim_version(self, claim_id: int) -> int:
        with self.engine.connect() as conn:
            version = conn.scalar(select(claims.c.version).where(claims.c.id == claim_id))
        if version is None:
            raise NotFound(f"no claim {claim_id}")
        return int(version)

    # -- review --------------------------------------------------------------

    def review(
        self,
        claim_id: int,
        reviewer: str,
        decision: str,
        changes: dict[str, Any] | None = None,
        note: str | None = None,
        expected_version: int | None = None,
    ) -> Claim:
        """Accept, reject or correct a claim, keeping the before/after in `reviews`.

        With `expected_version`, a claim changed by someone else since it was
        read raises `Conflict`; the decision is still kept in the audit trail
        (as `conflict`) so nothing a reviewer did is lost.
        """
        if decision not in ("accept", "reject", "correct"):
            raise StoreError(f"unknown decision {decision!r} (accept, reject or correct)")
        changes = dict(changes or {})
        unknown = set(changes) - set(REVIEWABLE_FIELDS)
        if unknown:
            raise StoreError(f"cannot correct {', '.join(sorted(unknown))}")
        if decision == "correct" and not changes:
            raise StoreError("a correction needs at least one changed field")
        with self.transaction() as conn:
            row = conn.execute(select(claims).where(claims.c.id == claim_id)).first()
            if row is None:
                raise NotFound(f"no claim {claim_id}")
            before = self.claim_from_row(row)
            before_fields = {f: getattr(before, f) for f in REVIEWABLE_FIELDS}
            before_fields["status"] = before.status
            stale = expected_version is not None and expected_version != row.version
            after_fields = {**before_fields, **changes}
            after_fields["status"] = {
                "accept": "accepted",
                "reject": "rejected",
                "correct": "corrected",
            }[decision]
            conn.execute(
                insert(reviews).values(
                    claim_id=claim_id,
                    reviewer=reviewer,
                    decision="conflict" if stale else decision,
                    before=json.dumps(before_fields),
                    after=json.dumps(after_fields),
                    note=note,
                    created_at=utcnow(),
                )
            )
            if not stale:
                values: dict[str, Any] = {
                    ("victim_group" if f == "group" else f): v for f, v in changes.items()
                }
                if "attributed_to" in changes:
                    values["attributed_id"] = self._organisation_id(conn, changes["attributed_to"])
                conn.execute(
                    update(claims)
                    .where(claims.c.id == claim_id)
                    .values(status=after_fields["status"], version=row.version + 1, **values)
                )
        if stale:
            raise Conflict(
                f"claim {claim_id} was changed by someone else (version {row.version}, "
                f"you saw {expected_version}); your decision is kept in the audit trail"
            )
        return self.get_claim(claim_id)

    def reviews(self, claim_id: int | None = None) -> list[dict[str, Any]]:
        query = select(reviews).order_by(reviews.c.id)
        if claim_id is not None:
            query = query.where(reviews.c.claim_id == claim_id)
        with self.engine.connect() as conn:
            return [
                {**row._asdict(), "before": json.loads(row.before), "after": json.loads(row.after)}
                for row in conn.execute(query)
            ]

    # -- events --------------------------------------------------------------

    def create_event(self, event: Event) -> Event:
        try:
            with self.transaction() as conn:
                event_id = conn.execute(
                    insert(events).values(
                        slug=event.slug,
                        name=event.name,
                        start_date=event.start_date,
                        end_date=event.end_date,
                        place_keywords=json.dumps(event.place_keywords),
                        part_of=event.part_of,
                        created_at=utcnow(),
                    )
                ).inserted_primary_key[0]  # type: ignore[index]
        except IntegrityError as exc:
            raise StoreError(f"an event with the slug {event.slug!r} already exists") from exc
        return self.get_event(int(event_id))

    @staticmethod
    def _event(row: Any) -> Event:
        return Event(
            id=row.id,
            name=row.name,
            slug=row.slug,
            start_date=row.start_date,
            end_date=row.end_date,
            place_keywords=json.loads(row.place_keywords),
            part_of=row.part_of,
        )

    def get_event(self, slug_or_id: str | int) -> Event:
        key = str(slug_or_id)
        condition = events.c.id == int(key) if key.isdigit() else events.c.slug == key
        with self.engine.connect() as conn:
            row = conn.execute(select(events).where(condition)).first()
        if row is None:
            raise NotFound(f"no event {slug_or_id!r} (see `tollbook event list`)")
        return self._event(row)

    def events(self) -> list[Event]:
        with self.engine.connect() as conn:
            return [self._event(r) for r in conn.execute(select(events).order_by(events.c.id))]

    def assign_documents(self, event_id: int, doc_ids: Iterable[str]) -> int:
        """Put documents in an event; returns how many were newly assigned."""
        added = 0
        with self.transaction() as conn:
            for doc_id in doc_ids:
                if not conn.scalar(select(documents.c.doc_id).where(documents.c.doc_id == doc_id)):
                    raise NotFound(f"no document {doc_id!r}")
                already = conn.scalar(
                    select(
                        exists().where(
                            event_documents.c.event_id == event_id,
                            event_documents.c.doc_id == doc_id,
                        )
                    )
                )
                if not already:
                    conn.execute(insert(event_documents).values(event_id=event_id, doc_id=doc_id))
                    added += 1
        return added

    def assign_claims(self, event_id: int, claim_ids: Iterable[int]) -> int:
        with self.transaction() as conn:
            result = conn.execute(
                update(claims).where(claims.c.id.in_(list(claim_ids))).values(event_id=event_id)
            )
        return int(result.rowcount)

    def matching_documents(self, event: Event) -> list[str]:
        """Documents that name one of the event's places and were not published before it."""
        if not event.place_keywords:
            return []
        mentions = or_(
            *(func.lower(documents.c.text).contains(k.lower()) for k in event.place_keywords)
        )
        query = select(documents.c.doc_id).where(mentions)
        if event.start_date:
            query = query.where(
                or_(documents.c.published.is_(None), documents.c.published >= event.start_date)
            )
        with self.engine.connect() as conn:
            return list(conn.scalars(query.order_by(documents.c.doc_id)))
