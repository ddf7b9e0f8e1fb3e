"""People from scored pairs: clusters of the accepted links.

A link is accepted when the model's match probability reaches the threshold (a higher
one for two records of the same list), unless a
reviewer rejected that pair; a pair a reviewer confirmed is accepted whatever its score.
Links then become people, either as connected components (scipy's, linear in the
number of links) or, when constraints apply, by merging the strongest links first and
skipping the merges a constraint forbids; every record not linked to anything is a
person on its own.  A person's id is the smallest record id in it, so re-linking the
same records gives the same ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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
    sources: Mapping[int, str] | None = None,
) -> pd.DataFrame:
    """One row per record: unique_id and person_id (the smallest record id of its person).

    With `sources` (record id -> list), links are merged strongest first and a merge
    that would put two records of one list in one person needs `within_threshold`
    (lists are mostly free of duplicates: chains A-B-C through another list's record
    are the usual way two namesakes end up as one person).
    """
    decisions = list(decisions)
    ids = np.asarray(sorted(set(int(i) for i in record_ids)), dtype=np.int64)
    links = accepted_links(pairs, threshold, decisions, within_threshold)
    apart = [(a, b) for a, b, same in decisions if not same]
    if apart or sources is not None:
        return _greedy_people(ids, pairs, links, apart, sources, within_threshold or 1.0)
    index = pd.Index(ids)
    left = index.get_indexer(links["unique_id_l"])
    right = index.get_indexer(links["unique_id_r"])
    known = (left >= 0) & (right >= 0)
    n = len(ids)
    graph = coo_matrix((np.ones(known.sum()), (left[known], right[known])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    smallest = pd.Series(ids).groupby(labels).transform("min").to_numpy()
    return pd.DataFrame({"unique_id": ids, "person_id": smallest})


def _greedy_people(
    ids: np.ndarray,
    pairs: pd.DataFrame,
    links: pd.DataFrame,
    apart: list[tuple[int, int]],
    sources: Mapping[int, str] | None,
    within_threshold: float,
) -> pd.DataFrame:
    """Clusters built strongest link first, skipping merges a constraint forbids.

    Constraints: records a reviewer said differ never meet (a rejected pair may
    otherwise be joined through a third record, A-C-B: the weaker link on the path
    gives way); with `sources`, two records of one list meet only through a link of
    at least `within_threshold`.  Confirmed pairs count as certain.
    """
    score = {
        (min(a, b), max(a, b)): p
        for a, b, p in zip(
            pairs["unique_id_l"], pairs["unique_id_r"], pairs["match_probability"], strict=True
        )
    }
    ordered = sorted(
        (
            (score.get((min(a, b), max(a, b)), 1.0), min(a, b), max(a, b))
            for a, b in zip(links["unique_id_l"], links["unique_id_r"], strict=True)
        ),
        reverse=True,
    )
    parent = {int(i): int(i) for i in ids}
    forbidden: dict[int, set[int]] = {}
    for a, b in apart:
        if a in parent and b in parent:
            forbidden.setdefault(a, set()).add(b)
            forbidden.setdefault(b, set()).add(a)
    lists: dict[int, set[str]] = (
        {int(i): {sources[int(i)]} for i in ids} if sources is not None else {}
    )

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for probability, a, b in ordered:
        if a not in parent or b not in parent:
            continue
        ra, rb = root(a), root(b)
        if ra == rb or rb in forbidden.get(ra, ()):
            continue
        if lists and probability < within_threshold and lists[ra] & lists[rb]:
            continue
        keep, gone = min(ra, rb), max(ra, rb)
        parent[gone] = keep
        if lists:
            lists[keep] |= lists.pop(gone)
        merged = forbidden.pop(gone, set()) | forbidden.get(keep, set())
        if merged:
            forbidden[keep] = merged
        for other in merged:
            partners = forbidden.setdefault(other, set())
            partners.discard(gone)
            partners.add(keep)
    roots = np.array([root(int(i)) for i in ids])
    smallest = pd.Series(ids).groupby(roots).transform("min").to_numpy()
    return pd.DataFrame({"unique_id": ids, "person_id": smallest})
