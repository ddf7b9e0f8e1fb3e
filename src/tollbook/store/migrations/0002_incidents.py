"""Incidents and their actors; each claim may belong to one incident.

Frozen as written.  `incidents.parent_id` nests incidents (a massacre in one
town within a province's violence within the event); `incident_actors` keeps
who did what to whom, each with the report and quote it came from.  The ACLED
coding of an incident lives in plain columns so that SQL can filter on it.
`claims.incident_id` is added with ALTER TABLE, which SQLite and PostgreSQL
both accept for a nullable column with a foreign key.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    text,
)


def upgrade(conn: Connection) -> None:
    md = MetaData()
    Table("events", md, Column("id", Integer, primary_key=True))
    Table("documents", md, Column("doc_id", Text, primary_key=True))
    Table(
        "incidents",
        md,
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
        Column("resolved", Integer, nullable=False),  # 1 when the place is from the gazetteer
        Column("disorder_type", Text),
        Column("event_type", Text),
        Column("sub_event_type", Text),
        Column("interaction", Text),
        Column("civilian_targeting", Text),
        Column("created_at", Text, nullable=False),
        UniqueConstraint("event_id", "key", name="uq_incidents_key"),
    )
    Table(
        "incident_actors",
        md,
        Column("id", Integer, primary_key=True),
        Column(
            "incident_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False
        ),
        Column("role", Text, nullable=False),  # perpetrator | target | commander
        Column("name", Text, nullable=False),
        Column("side", Integer),  # 1 state forces, 2 armed groups, 3 civilians
        Column("inter_code", Integer),  # ACLED inter1/inter2 code
        Column("title", Text),  # a commander's office, as the report gives it
        Column("doc_id", Text, ForeignKey("documents.doc_id", ondelete="CASCADE")),
        Column("quote", Text),
    )
    Index("ix_incidents_event", md.tables["incidents"].c.event_id)
    Index("ix_incident_actors_incident", md.tables["incident_actors"].c.incident_id)
    md.tables["incidents"].create(conn)
    md.tables["incident_actors"].create(conn)
    conn.execute(
        text(
            "ALTER TABLE claims ADD COLUMN incident_id INTEGER "
            "REFERENCES incidents(id) ON DELETE SET NULL"
        )
    )
    conn.execute(text("CREATE INDEX ix_claims_incident ON claims (incident_id)"))
