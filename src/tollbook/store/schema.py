"""The current tables, as SQLAlchemy Core objects, for queries.

The DDL that creates them lives in numbered migrations (`migrations/`), frozen as
written; this module describes the schema those migrations arrive at.  Column
names avoid SQL keywords (`victim_group`, `when_text`, `start_offset`) so the
database reads cleanly in Datasette or any SQL client.  `docs/schema.md`
documents every table.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("applied_at", Text, nullable=False),
)

organisations = Table(
    "organisations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
)

documents = Table(
    "documents",
    metadata,
    Column("doc_id", Text, primary_key=True),
    Column("hash", Text, nullable=False, unique=True),
    Column("url", Text),
    Column("title", Text),
    Column("publisher", Text),
    Column("publisher_id", Integer, ForeignKey("organisations.id")),
    Column("published", Text),
    Column("retrieved", Text, nullable=False),
    Column("format", Text, nullable=False),
    Column("origin", Text),
    Column("text", Text, nullable=False),
)

citations = Table(
    "citations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", Text, ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False),
    Column("ref_name", Text),
    Column("url", Text),
    Column("title", Text),
    Column("publisher", Text),
    Column("date", Text),
    Column("offsets", Text, nullable=False, server_default="[]"),  # JSON list, 0005
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("start_date", Text),
    Column("end_date", Text),
    Column("place_keywords", Text, nullable=False),  # JSON list
    Column("part_of", Text),
    Column("created_at", Text, nullable=False),
)

event_documents = Table(
    "event_documents",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", Text, ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("event_id", "doc_id"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("doc_id", Text, ForeignKey("documents.doc_id", ondelete="CASCADE"), nullable=False),
    Column("quote", Text, nullable=False),
    Column("start_offset", Integer, nullable=False),
    Column("end_offset", Integer, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("count_low", Integer, nullable=False),
    Column("count_high", Integer),
    Column("qualifier", Text, nullable=False),
    Column("victim_group", Text, nullable=False),
    Column("attributed_to", Text),
    Column("attributed_id", Integer, ForeignKey("organisations.id")),
    Column("place", Text),
    Column("when_text", Text),
    Column("location", Text),  # JSON object or NULL
    Column("period", Text),  # JSON object or NULL
    Column("event_id", Integer, ForeignKey("events.id", ondelete="SET NULL")),
    Column("status", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("extractor", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    UniqueConstraint(
        "doc_id",
        "start_offset",
        "end_offset",
        "outcome",
        "victim_group",
        "count_low",
        name="uq_claims_figure",
    ),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("reviewer", Text, nullable=False),
    Column("decision", Text, nullable=False),  # accept | reject | correct
    Column("before", Text, nullable=False),  # JSON of the claim's fields before
    Column("after", Text, nullable=False),  # JSON after
    Column("note", Text),
    Column("created_at", Text, nullable=False),
)
