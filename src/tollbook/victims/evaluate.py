"""Score a linkage against the truth: pairwise precision, recall and F1.

A linkage is judged on record pairs: a pair the linkage puts in one person is
correct when the truth does too.  Pairs are counted from clusters (every pair of
records in the same person), which is what the capture histories are built from, so
a wrong link that chains two people together costs what it costs the estimate.
`scope` restricts the counted pairs, e.g. to pairs across two lists or to records
whose truth is known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations

import pandas as pd


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    true_pairs: int
    found_pairs: int
    correct_pairs: int

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.4f}  recall {self.recall:.4f}  F1 {self.f1:.4f}  "
            f"({self.correct_pairs} of {self.found_pairs} found pairs right, "
            f"{self.true_pairs} true pairs)"
        )


def pairs_of(groups: Iterable[Iterable[int]]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for members in groups:
        out.update(combinations(sorted(members), 2))
    return out


def cluster_pairs(labels: pd.Series) -> set[tuple[int, int]]:
    """Pairs of index values sharing a label (labels: index = record id)."""
    frame = pd.DataFrame({"record": labels.index.to_numpy(), "label": labels.to_numpy()})
    frame = frame[frame["label"].notna() & frame["label"].duplicated(keep=False)]
    joined = frame.merge(frame, on="label")  # clusters are small: the self-join stays small
    joined = joined[joined["record_x"] < joined["record_y"]]
    return set(zip(joined["record_x"].tolist(), joined["record_y"].tolist(), strict=True))


def score_pairs(
    found: set[tuple[int, int]],
    truth: set[tuple[int, int]],
    scope: Callable[[int, int], bool] | None = None,
) -> Score:
    if scope is not None:
        found = {p for p in found if scope(*p)}
        truth = {p for p in truth if scope(*p)}
    correct = len(found & truth)
    precision = correct / len(found) if found else 1.0
    recall = correct / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, len(truth), len(found), correct)


def score_people(people: pd.DataFrame, truth: pd.Series) -> Score:
    """`people`: unique_id, person_id; `truth`: true person by unique_id."""
    found = cluster_pairs(people.set_index("unique_id")["person_id"])
    return score_pairs(found, cluster_pairs(truth))
