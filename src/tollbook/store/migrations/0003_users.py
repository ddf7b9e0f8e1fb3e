"""Reviewer accounts and the web app's signing key, plus indexes for its pages.

Frozen as written.  `users` holds reviewers created from the CLI (argon2
hashes, never passwords); `app_secrets` keeps the key that signs session
cookies, so sessions survive a restart of the server.  The indexes serve the
review queue (unreviewed claims in id order), the event page (claims by
event), the audit trail of a claim, and the events a document belongs to.
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, Index, Integer, MetaData, Table, Text


def upgrade(conn: Connection) -> None:
    md = MetaData()
    Table(
        "users",
        md,
        Column("id", Integer, primary_key=True),
        Column("name", Text, nullable=False, unique=True),
        Column("password_hash", Text, nullable=False),
        Column("created_at", Text, nullable=False),
        Column("disabled", Integer, nullable=False, server_default="0"),
    )
    Table(
        "app_secrets",
        md,
        Column("name", Text, primary_key=True),
        Column("value", Text, nullable=False),
        Column("created_at", Text, nullable=False),
    )
    md.create_all(conn)

    # Existing tables, described only as far as the indexes need.
    old = MetaData()
    claims = Table(
        "claims",
        old,
        Column("id", Integer),
        Column("status", Text),
        Column("event_id", Integer),
        Column("doc_id", Text),
    )
    reviews = Table("reviews", old, Column("claim_id", Integer), Column("id", Integer))
    event_documents = Table("event_documents", old, Column("doc_id", Text))
    Index("ix_claims_status_id", claims.c.status, claims.c.id).create(conn)
    Index("ix_claims_event_id", claims.c.event_id).create(conn)
    Index("ix_reviews_claim_id", reviews.c.claim_id, reviews.c.id).create(conn)
    Index("ix_event_documents_doc_id", event_documents.c.doc_id).create(conn)
