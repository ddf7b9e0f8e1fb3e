"""Victims' lists in the store: import, link, people, capture histories.

Each public function is one transaction.  Importing the same file with the same
mapping again changes nothing; importing a changed file under the same list name
replaces that list's records, and the people of the last linkage are dropped with
them (they no longer describe the records: link again).  Reviewers' verdicts on
pairs survive re-linking, and are lost only with the records they name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import delete, func, insert, select

from tollbook.errors import NotFound, TollbookError
from tollbook.models import utcnow
from tollbook.store import Store
from tollbook.store.schema import (
    victim_linkage_runs,
    victim_lists,
    victim_pair_reviews,
    victim_pairs,
    victim_people,
    victim_records,
)
from tollbook.victims.features import features_frame
from tollbook.victims.importer import FIELDS, read_list
from tollbook.victims.linkage import DEFAULT_THRESHOLD, link_records

STRATA = {"region": "region", "sex": "sex", "period": "death_date"}


@dataclass
class ImportReport:
    list_name: str
    imported: int
    rejected: list[tuple[int, str]]
    unchanged: bool


@dataclass
class LinkReport:
    records: int
    people: int
    pairs_scored: int
    doubtful: int
    threshold: float
    charts: list[Path]


def import_list(
    store: Store, path: Path, list_name: str, mapping: dict[str, str] | None = None
) -> ImportReport:
    parsed = read_list(path, mapping)
    with store.transaction() as conn:
        existing = conn.execute(
            select(victim_lists.c.id, victim_lists.c.content_hash).where(
                victim_lists.c.name == list_name
            )
        ).first()
        if existing is not None and existing.content_hash == parsed.content_hash:
            return ImportReport(list_name, 0, parsed.rejected, unchanged=True)
        values = dict(
            source=str(path),
            content_hash=parsed.content_hash,
            mapping=json.dumps(parsed.mapping, ensure_ascii=False),
            imported_at=utcnow(),
            record_count=len(parsed.rows),
            rejected_count=len(parsed.rejected),
        )
        if existing is None:
            list_id = conn.execute(
                insert(victim_lists).values(name=list_name, **values)
            ).inserted_primary_key[0]  # type: ignore[index]
        else:
            list_id = existing.id
            conn.execute(victim_lists.update().where(victim_lists.c.id == list_id).values(**values))
            conn.execute(delete(victim_people))  # the last linkage no longer holds
            conn.execute(delete(victim_pairs))
            conn.execute(delete(victim_records).where(victim_records.c.list_id == list_id))
        if parsed.rows:
            conn.execute(
                insert(victim_records),
                [
                    {
                        "list_id": list_id,
                        "row_number": row.line,
                        "raw": json.dumps(row.raw, ensure_ascii=False),
                        **{name: row.values.get(name) for name in FIELDS},
                    }
                    for row in parsed.rows
                ],
            )
    return ImportReport(list_name, len(parsed.rows), parsed.rejected, unchanged=False)


def records_frame(store: Store) -> pd.DataFrame:
    """Every record with its list name as `source_dataset` and its id as `unique_id`."""
    query = select(
        victim_records.c.id.label("unique_id"),
        victim_lists.c.name.label("source_dataset"),
        victim_records.c.row_number,
        *[victim_records.c[name] for name in FIELDS],
    ).join(victim_lists, victim_lists.c.id == victim_records.c.list_id)
    with store.transaction() as conn:
        return pd.DataFrame(conn.execute(query).mappings().all())


def decisions(store: Store) -> list[tuple[int, int, bool]]:
    with store.transaction() as conn:
        rows = conn.execute(select(victim_pair_reviews)).mappings().all()
    return [(r["record_id_l"], r["record_id_r"], bool(r["same_person"])) for r in rows]


def link(
    store: Store, threshold: float = DEFAULT_THRESHOLD, charts_dir: Path | None = None
) -> LinkReport:
    """Link every list's records into people and store the people and the scored pairs."""
    records = records_frame(store)
    if records.empty:
        raise NotFound("no victims' records: import a list first (tollbook victims import)")
    result = link_records(
        features_frame(records), threshold, decisions(store), charts_dir=charts_dir
    )
    pairs = result.pairs
    with store.transaction() as conn:
        conn.execute(delete(victim_people))
        conn.execute(delete(victim_pairs))
        conn.execute(
            insert(victim_people),
            [
                {"record_id": int(r), "person_id": int(p)}
                for r, p in zip(
                    result.people["unique_id"], result.people["person_id"], strict=False
                )
            ],
        )
        if len(pairs):
            conn.execute(
                insert(victim_pairs),
                [
                    {
                        "record_id_l": int(min(a, b)),
                        "record_id_r": int(max(a, b)),
                        "match_probability": float(p),
                        "match_weight": float(w),
                    }
                    for a, b, p, w in zip(
                        pairs["unique_id_l"],
                        pairs["unique_id_r"],
                        pairs["match_probability"],
                        pairs["match_weight"],
                        strict=False,
                    )
                ],
            )
        people = result.people["person_id"].nunique()
        conn.execute(
            insert(victim_linkage_runs).values(
                created_at=utcnow(),
                threshold=threshold,
                record_count=len(records),
                people_count=int(people),
                comparisons=json.dumps(result.comparisons),
            )
        )
    doubtful = int((pairs["match_probability"] < threshold).sum())
    return LinkReport(len(records), int(people), len(pairs), doubtful, threshold, result.charts)


def people_frame(store: Store) -> pd.DataFrame:
    """Records with their person: person_id, unique_id, source_dataset and the fields."""
    records = records_frame(store)
    with store.transaction() as conn:
        linked = pd.DataFrame(
            conn.execute(select(victim_people.c.record_id, victim_people.c.person_id)).all(),
            columns=["unique_id", "person_id"],
        )
    if records.empty:
        raise NotFound("no victims' records: import a list first (tollbook victims import)")
    if linked.empty:
        raise TollbookError("the lists are not linked yet: run `tollbook victims link` first")
    return records.merge(linked, on="unique_id", how="inner")


def list_names(store: Store) -> list[str]:
    with store.transaction() as conn:
        return list(conn.scalars(select(victim_lists.c.name).order_by(victim_lists.c.id)))


def capture_histories(store: Store, by: str | None = None) -> pd.DataFrame:
    """One row per observed pattern of lists: a 0/1 column per list, `count` of people.

    With `by` (region, period or sex) the table is stratified: a stratum column comes
    first and patterns are counted within each stratum.  A person's stratum is the
    value most of their records give (period: the month of death, YYYY-MM); people
    with none fall in the stratum "unknown".
    """
    if by is not None and by not in STRATA:
        raise TollbookError(f"cannot stratify by {by!r} (choose {', '.join(STRATA)})")
    people = people_frame(store)
    return histories_from_people(people, list_names(store), by)


def histories_from_people(
    people: pd.DataFrame, lists: list[str], by: str | None = None
) -> pd.DataFrame:
    """The capture-history table of records carrying person_id and source_dataset."""
    presence = pd.crosstab(people["person_id"], people["source_dataset"]).clip(upper=1)
    presence = presence.reindex(columns=lists, fill_value=0).astype(int)
    keys = list(lists)
    if by is not None:
        column = STRATA[by]
        values = people[["person_id", column]].dropna()
        if by == "period":
            values = values.assign(**{column: values[column].str[:7]})
        stratum = values.groupby("person_id")[column].agg(lambda s: s.mode().iloc[0])
        presence.insert(0, by, stratum.reindex(presence.index).fillna("unknown"))
        keys = [by, *keys]
    table = presence.groupby(keys).size().reset_index(name="count")
    return table.sort_values(keys, ascending=[True] * len(keys)).reset_index(drop=True)


def stats(store: Store) -> dict[str, int]:
    with store.transaction() as conn:
        return {
            "lists": conn.scalar(select(func.count()).select_from(victim_lists)) or 0,
            "records": conn.scalar(select(func.count()).select_from(victim_records)) or 0,
            "people": conn.scalar(select(func.count(func.distinct(victim_people.c.person_id))))
            or 0,
        }
