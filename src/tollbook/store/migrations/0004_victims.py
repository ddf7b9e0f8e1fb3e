"""Named victims: lists, their records, linkage runs, people, scored pairs, reviews.

A record keeps its list and row of origin and the row as read (`raw`).  People are
the latest linkage run's clusters (`victim_people`: record -> person); the pairs the
model scored at or above the review floor are kept (`victim_pairs`) so doubtful ones
can be exported for review; reviewers' verdicts (`victim_pair_reviews`) outlive
re-linking and override the model.  Frozen as written.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
)


def upgrade(conn: Connection) -> None:
    md = MetaData()
    Table(
        "victim_lists",
        md,
        Column("id", Integer, primary_key=True),
        Column("name", Text, nullable=False, unique=True),
        Column("source", Text, nullable=False),
        Column("content_hash", Text, nullable=False),
        Column("mapping", Text, nullable=False),  # JSON: field -> column
        Column("imported_at", Text, nullable=False),
        Column("record_count", Integer, nullable=False),
        Column("rejected_count", Integer, nullable=False),
    )

    Table(
        "victim_records",
        md,
        Column("id", Integer, primary_key=True),
        Column(
            "list_id", Integer, ForeignKey("victim_lists.id", ondelete="CASCADE"), nullable=False
        ),
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

    Table(
        "victim_linkage_runs",
        md,
        Column("id", Integer, primary_key=True),
        Column("created_at", Text, nullable=False),
        Column("threshold", Float, nullable=False),
        Column("record_count", Integer, nullable=False),
        Column("people_count", Integer, nullable=False),
        Column("comparisons", Text, nullable=False),  # JSON list
    )

    Table(
        "victim_people",
        md,
        Column(
            "record_id",
            Integer,
            ForeignKey("victim_records.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("person_id", Integer, nullable=False, index=True),
    )

    Table(
        "victim_pairs",
        md,
        Column(
            "record_id_l",
            Integer,
            ForeignKey("victim_records.id", ondelete="CASCADE"),
            nullable=False,
        ),
        Column(
            "record_id_r",
            Integer,
            ForeignKey("victim_records.id", ondelete="CASCADE"),
            nullable=False,
        ),
        Column("match_probability", Float, nullable=False),
        Column("match_weight", Float, nullable=False),
        PrimaryKeyConstraint("record_id_l", "record_id_r"),
    )

    Table(
        "victim_pair_reviews",
        md,
        Column(
            "record_id_l",
            Integer,
            ForeignKey("victim_records.id", ondelete="CASCADE"),
            nullable=False,
        ),
        Column(
            "record_id_r",
            Integer,
            ForeignKey("victim_records.id", ondelete="CASCADE"),
            nullable=False,
        ),
        Column("same_person", Integer, nullable=False),  # 1 same, 0 different
        Column("reviewer", Text),
        Column("note", Text),
        Column("decided_at", Text, nullable=False),
        PrimaryKeyConstraint("record_id_l", "record_id_r"),
    )

    md.create_all(conn)
