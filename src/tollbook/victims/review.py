"""Doubtful pairs out to a CSV for people to judge; their verdicts back into the store.

The export lists the pairs the model scored between the review floor and the linkage
threshold (and any pair already judged is left out), each with both records side by
side and an empty `same_person` column.  A reviewer writes `yes` or `no` there; the
import reads those verdicts, records them, and the next `link` obeys them: a `yes`
joins the two records whatever the model thinks, a `no` keeps them apart.
"""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import and_, select
from sqlalchemy.dialects import postgresql, sqlite

from tollbook.errors import SourceError
from tollbook.models import utcnow
from tollbook.store import Store
from tollbook.store.schema import victim_pair_reviews, victim_pairs
from tollbook.victims.linkage import DEFAULT_THRESHOLD, REVIEW_LOW
from tollbook.victims.records import records_frame

SHOWN = ("source_dataset", "row_number", "full_name", "alt_name", "sex", "age", "birth_date",
         "death_date", "death_place")  # fmt: skip
YES = {"yes", "y", "1", "true", "same", "match"}
NO = {"no", "n", "0", "false", "different", "non-match"}


def export_doubtful(
    store: Store, path: Path, low: float = REVIEW_LOW, high: float = DEFAULT_THRESHOLD
) -> int:
    """Write the unjudged pairs scored in [low, high) to `path`; returns how many."""
    judged = victim_pair_reviews
    query = (
        select(victim_pairs)
        .outerjoin(
            judged,
            and_(
                judged.c.record_id_l == victim_pairs.c.record_id_l,
                judged.c.record_id_r == victim_pairs.c.record_id_r,
            ),
        )
        .where(
            victim_pairs.c.match_probability >= low,
            victim_pairs.c.match_probability < high,
            judged.c.same_person.is_(None),
        )
        .order_by(victim_pairs.c.match_probability.desc())
    )
    with store.transaction() as conn:
        pairs = conn.execute(query).mappings().all()
    records = records_frame(store).set_index("unique_id")
    columns = ["record_id_l", "record_id_r", "match_probability", "same_person", "note"]
    columns += [f"{name}_{side}" for name in SHOWN for side in ("l", "r")]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for pair in pairs:
            row = {
                "record_id_l": pair["record_id_l"],
                "record_id_r": pair["record_id_r"],
                "match_probability": f"{pair['match_probability']:.3f}",
                "same_person": "",
                "note": "",
            }
            for side in ("l", "r"):
                record = records.loc[pair[f"record_id_{side}"]]
                for name in SHOWN:
                    value = record[name]
                    row[f"{name}_{side}"] = "" if value is None or value != value else value
            writer.writerow(row)
    return len(pairs)


def import_decisions(store: Store, path: Path, reviewer: str | None = None) -> int:
    """Record the verdicts filled in a review CSV; rows left blank are skipped."""
    if not path.is_file():
        raise SourceError(str(path), "no such file")
    verdicts = []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        needed = {"record_id_l", "record_id_r", "same_person"}
        if not needed <= set(reader.fieldnames or ()):
            raise SourceError(str(path), f"not a review file (needs columns {sorted(needed)})")
        for row in reader:
            answer = (row["same_person"] or "").strip().lower()
            if not answer:
                continue
            if answer not in YES | NO:
                raise SourceError(
                    f"{path}:{reader.line_num}", f"same_person must be yes or no, not {answer!r}"
                )
            try:
                a, b = int(row["record_id_l"]), int(row["record_id_r"])
            except ValueError:
                raise SourceError(
                    f"{path}:{reader.line_num}", "record ids are not numbers"
                ) from None
            verdicts.append(
                {
                    "record_id_l": min(a, b),
                    "record_id_r": max(a, b),
                    "same_person": int(answer in YES),
                    "reviewer": reviewer,
                    "note": (row.get("note") or "").strip() or None,
                    "decided_at": utcnow(),
                }
            )
    if not verdicts:
        return 0
    with store.transaction() as conn:
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(victim_pair_reviews)
        statement = statement.on_conflict_do_update(
            index_elements=["record_id_l", "record_id_r"],
            set_={
                k: statement.excluded[k] for k in ("same_person", "reviewer", "note", "decided_at")
            },
        )
        conn.execute(statement, verdicts)
    return len(verdicts)
