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
    Index,
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

# -- web app: reviewer accounts and signing key (migration 0003) -------------

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),  # argon2id, never the password
    Column("created_at", Text, nullable=False),
    Column("disabled", Integer, nullable=False, server_default="0"),
)

app_secrets = Table(
    "app_secrets",
    metadata,
    Column("name", Text, primary_key=True),
    Column("value", Text, nullable=False),
    Column("created_at", Text, nullable=False),
)

Index("ix_claims_status_id", claims.c.status, claims.c.id)
Index("ix_claims_event_id", claims.c.event_id)
Index("ix_reviews_claim_id", reviews.c.claim_id, reviews.c.id)
Index("ix_event_documents_doc_id", event_documents.c.doc_id)

# -- end of the web app's block ----------------------------------------------

# -- incidents and actors (migration 0002_incidents; owner: incidents work) -------------

incidents = Table(
    "incidents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("parent_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE")),
    Column("key", Text, nullable=False),
    Column("level", Text, nullable=False),  # local | regional | event
    Column("name", Text, nullable=False),
    Column("place", Text),
    Column("location", Text),  # JSON object or NULL
    Column("start_date", Text, nullable=False),
    Column("end_date", Text, nullable=False),
    Column("resolved", Integer, nullable=False),
    Column("disorder_type", Text),
    Column("event_type", Text),
    Column("sub_event_type", Text),
    Column("interaction", Text),
    Column("civilian_targeting", Text),
    Column("created_at", Text, nullable=False),
    UniqueConstraint("event_id", "key", name="uq_incidents_key"),
)

incident_actors = Table(
    "incident_actors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    Column("role", Text, nullable=False),  # perpetrator | target | commander
    Column("name", Text, nullable=False),
    Column("side", Integer),
    Column("inter_code", Integer),
    Column("title", Text),
    Column("doc_id", Text, ForeignKey("documents.doc_id", ondelete="CASCADE")),
    Column("quote", Text),
)

claims.append_column(
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="SET NULL"))
)
# -- end of incidents and actors ----------------------------------------------------------

# -- named victims (migration 0004) -----------------------------------------------------
from sqlalchemy import Float  # noqa: E402  (kept inside the block this migration owns)

victim_lists = Table(
    "victim_lists",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("content_hash", Text, nullable=False),
    Column("mapping", Text, nullable=False),  # JSON: field -> column
    Column("imported_at", Text, nullable=False),
    Column("record_count", Integer, nullable=False),
    Column("rejected_count", Integer, nullable=False),
)

victim_records = Table(
    "victim_records",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("list_id", Integer, ForeignKey("victim_lists.id", ondelete="CASCADE"), nullable=False),
    Column("row_number", Integer, nullable=False),
    Column("record_ref", Text),
    Column("full_name", Text),
    Column("alt_name", Text),
    Column("given_name", Text),
    Column("father_name", Text),
    Column("grandfather_name", Text),
    Column("family_name", Text),
    Column("mother_name", Text),
    Column("sex", Text),
    Column("age", Integer),
    Column("birth_date", Text),
    Column("birth_year", Integer),
    Column("death_date", Text),
    Column("death_place", Text),
    Column("residence", Text),
    Column("region", Text),
    Column("national_id", Text),
    Column("cause", Text),
    Column("perpetrator", Text),
    Column("raw", Text, nullable=False),  # JSON: the row as read
    UniqueConstraint("list_id", "row_number", name="uq_victim_records_row"),
)

victim_linkage_runs = Table(
    "victim_linkage_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", Text, nullable=False),
    Column("threshold", Float, nullable=False),
    Column("record_count", Integer, nullable=False),
    Column("people_count", Integer, nullable=False),
    Column("comparisons", Text, nullable=False),  # JSON list
)

victim_people = Table(
    "victim_people",
    metadata,
    Column(
        "record_id", Integer, ForeignKey("victim_records.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("person_id", Integer, nullable=False, index=True),
)

victim_pairs = Table(
    "victim_pairs",
    metadata,
    Column(
        "record_id_l", Integer, ForeignKey("victim_records.id", ondelete="CASCADE"), nullable=False
    ),
    Column(
        "record_id_r", Integer, ForeignKey("victim_records.id", ondelete="CASCADE"), nullable=False
    ),
    Column("match_probability", Float, nullable=False),
    Column("match_weight", Float, nullable=False),
    PrimaryKeyConstraint("record_id_l", "record_id_r"),
)

victim_pair_reviews = Table(
    "victim_pair_reviews",
    metadata,
    Column(
        "record_id_l", Integer, ForeignKey("victim_records.id", ondelete="CASCADE"), nullable=False
    ),
    Column(
        "record_id_r", Integer, ForeignKey("victim_records.id", ondelete="CASCADE"), nullable=False
    ),
    Column("same_person", Integer, nullable=False),  # 1 same, 0 different
    Column("reviewer", Text),
    Column("note", Text),
    Column("decided_at", Text, nullable=False),
    PrimaryKeyConstraint("record_id_l", "record_id_r"),
)
# -- end of named victims -----------------------------------------------------------------
