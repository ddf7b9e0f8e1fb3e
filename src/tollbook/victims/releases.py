"""Two releases of one list, linked without their ID column and scored against it.

Used by the real-data test and the benchmark: the releases of a named list that
carries national ID numbers (as in ../shared/victims/) are linked on names, sex, age
and birth date only; the IDs then say which cross-release links are right.  Only
pairs where both records carry a real ID (`id_pattern`) are scored; placeholders
("missing-...", words for an infant) are linked but not judged.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from tollbook.victims.evaluate import Score, cluster_pairs, score_pairs
from tollbook.victims.features import features_frame
from tollbook.victims.linkage import LinkageResult, link_records

COLUMNS = {"name": "full_name", "en_name": "alt_name", "sex": "sex", "age": "age",
           "dob": "birth_date"}  # fmt: skip


def read_release(path: Path, name: str, first_id: int) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    records = frame[[c for c in COLUMNS if c in frame]].rename(columns=COLUMNS)
    records = records.replace("", None)
    records.insert(0, "source_dataset", name)
    records.insert(0, "unique_id", range(first_id, first_id + len(frame)))
    return records.assign(truth=frame["id"].to_numpy())


def link_releases(
    old: Path, new: Path, id_pattern: str = r"\d{9}"
) -> tuple[Score, LinkageResult, pd.DataFrame]:
    """Link two releases (IDs withheld from the linkage) and score the cross-release links."""
    first = read_release(old, "old", 0)
    records = pd.concat([first, read_release(new, "new", len(first))], ignore_index=True)
    result = link_records(features_frame(records.drop(columns=["truth"])))
    real = records["truth"].map(lambda v: bool(re.fullmatch(id_pattern, v or "")))
    source = dict(zip(records["unique_id"], records["source_dataset"], strict=True))
    known = set(records.loc[real, "unique_id"])
    truth = cluster_pairs(records.loc[real].set_index("unique_id")["truth"])
    found = cluster_pairs(result.people.set_index("unique_id")["person_id"])
    score = score_pairs(
        found, truth, scope=lambda a, b: source[a] != source[b] and a in known and b in known
    )
    return score, result, records
