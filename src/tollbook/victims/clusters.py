"""People from scored pairs: connected components over the accepted links.

A link is accepted when the model's match probability reaches the threshold (a higher
one for two records of the same list), unless a
reviewer rejected that pair; a pair a reviewer confirmed is accepted whatever its score.
Connected components (scipy's, linear in the number of links) then turn links into
people; every record not linked to anything is a person on its own.  A person's id is
the smallest record id in it, so re-linking the same records gives the same ids.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


def accepted_links(
    pairs: pd.DataFrame,
    threshold: float,
    decisions: Iterable[tuple[int, int, bool]] = (),
    within_threshold: float | None = None,
) -> pd.DataFrame:
    """The (unique_id_l, unique_id_r) pairs treated as the same person.

    With `within_threshold` and a `same_list` column, pairs of records on one list
    must reach that (higher) probability instead.
    """
    verdicts = {(min(a, b), max(a, b)): same for a, b, same in decisions}
    needed = pd.Series(threshold, index=pairs.index)
    if within_threshold is not None and "same_list" in pairs:
        needed = needed.where(~pairs["same_list"].astype(bool), max(threshold, within_threshold))
    links = pairs.loc[pairs["match_probability"] >= needed, ["unique_id_l", "unique_id_r"]]
    if verdicts:
        lo = np.minimum(links["unique_id_l"], links["unique_id_r"])
        hi = np.maximum(links["unique_id_l"], links["unique_id_r"])
        rejected = {key for key, same in verdicts.items() if not same}
        keep = [(a, b) not in rejected for a, b in zip(lo, hi, strict=False)]
        links = links[keep]
        confirmed = pd.DataFrame(
            [key for key, same in verdicts.items() if same], columns=["unique_id_l", "unique_id_r"]
        )
        links = pd.concat([links, confirmed], ignore_index=True)
    return links.astype("int64")


def connected_people(
    record_ids: Iterable[int],
    pairs: pd.DataFrame,
    threshold: float,
    decisions: Iterable[tuple[int, int, bool]] = (),
    within_threshold: float | None = None,
) -> pd.DataFrame:
    """One row per record: unique_id and person_id (the smallest record id of its person)."""
    ids = np.asarray(sorted(set(int(i) for i in record_ids)), dtype=np.int64)
    links = accepted_links(pairs, threshold, decisions, within_threshold)
    index = pd.Index(ids)
    left = index.get_indexer(links["unique_id_l"])
    right = index.get_indexer(links["unique_id_r"])
    known = (left >= 0) & (right >= 0)
    n = len(ids)
    graph = coo_matrix((np.ones(known.sum()), (left[known], right[known])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    smallest = pd.Series(ids).groupby(labels).transform("min").to_numpy()
    return pd.DataFrame({"unique_id": ids, "person_id": smallest})
