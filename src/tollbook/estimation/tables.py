"""Capture-history tables: which lists each documented person is on, counted.

A table holds one row per observable pattern of 0/1 list memberships (the
all-zero pattern is the unknown we estimate, so it is never part of the
data) and the number of people with that pattern. Every estimator in this
package takes a `CaptureTable`, so input problems are found once, here, and
named: a column that is not 0/1, a negative or fractional count, a person
counted on no list.

Tables come from a CSV file (the shape of the reference tables: list columns
then `count`), from a DataFrame (what `tollbook.victims.capture_histories`
returns), or from one row per person (no `count` column). Missing patterns
are filled with zeros and duplicate patterns summed, so a table built by
counting people and one typed in from a paper compare equal.

Stratification (`by`): estimates by region, period or sex are separate
tables, one per value of the stratifying columns; every other non-`count`
column is a list.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from tollbook.errors import SourceError

COUNT_COLUMN = "count"
MAX_LISTS = 15


@dataclass(frozen=True)
class CaptureTable:
    """Counts of documented people by the lists they are on.

    `patterns` has one row per observable pattern (all 2**k - 1 of them, in a
    fixed order) and one 0/1 column per list; `counts[i]` people have
    pattern `patterns[i]`.
    """

    lists: tuple[str, ...]
    patterns: np.ndarray
    counts: np.ndarray
    source: str = "table"

    @property
    def documented(self) -> int:
        """People on at least one list."""
        return int(self.counts.sum())

    @property
    def n_lists(self) -> int:
        return len(self.lists)

    def list_sizes(self) -> dict[str, int]:
        return {
            name: int(self.counts[self.patterns[:, j] == 1].sum())
            for j, name in enumerate(self.lists)
        }

    def to_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.patterns, columns=list(self.lists))
        frame[COUNT_COLUMN] = self.counts
        return frame


def all_patterns(n_lists: int) -> np.ndarray:
    """Every observable 0/1 pattern over `n_lists` lists, in descending binary order."""
    grid = np.array(list(itertools.product([1, 0], repeat=n_lists)), dtype=np.int8)
    return grid[:-1]  # the last row is all zeros: the unobserved people


def pattern_codes(patterns: np.ndarray) -> np.ndarray:
    """Read each 0/1 row as a binary number (first list = most significant bit)."""
    weights = 2 ** np.arange(patterns.shape[1] - 1, -1, -1)
    return patterns.astype(np.int64) @ weights


def from_frame(
    frame: pd.DataFrame, lists: Sequence[str] | None = None, source: str = "table"
) -> CaptureTable:
    """Build a table from 0/1 list columns and an optional `count` column.

    Without `count`, every row is one person. `lists` picks and orders the
    list columns; by default every column except `count` is a list.
    """
    if lists is None:
        lists = [c for c in frame.columns if c != COUNT_COLUMN]
    lists = [str(c) for c in lists]
    missing = [c for c in lists if c not in frame.columns]
    if missing:
        raise SourceError(source, f"no column {', '.join(missing)}")
    if len(lists) < 2:
        raise SourceError(source, f"needs at least 2 list columns, found {len(lists)}")
    if len(lists) > MAX_LISTS:
        raise SourceError(source, f"{len(lists)} lists is more than the {MAX_LISTS} supported")
    if len(set(lists)) != len(lists):
        raise SourceError(source, "two list columns have the same name")

    memberships = _as_binary(frame[lists], source)
    if COUNT_COLUMN in frame.columns:
        counts = _as_counts(frame[COUNT_COLUMN], source)
    else:
        counts = np.ones(len(frame), dtype=np.int64)

    nowhere = (memberships.sum(axis=1) == 0) & (counts > 0)
    if nowhere.any():
        row = int(np.flatnonzero(nowhere)[0])
        raise SourceError(
            source,
            f"row {row + 1} counts {counts[row]} people on no list; "
            "the people on no list are what is estimated, leave them out",
        )

    patterns = all_patterns(len(lists))
    totals = np.zeros(2 ** len(lists), dtype=np.int64)
    np.add.at(totals, pattern_codes(memberships), counts)
    ordered = totals[pattern_codes(patterns)]
    return CaptureTable(tuple(lists), patterns, ordered, source)


def read_csv(path: str | Path) -> CaptureTable:
    """Read a capture-history CSV (list columns, then `count`)."""
    return from_frame(read_frame(path), source=str(path))


def stratify(
    frame: pd.DataFrame, by: str | Sequence[str], source: str = "table"
) -> dict[str, CaptureTable]:
    """One table per value of the `by` columns; the other columns are lists.

    Strata keep the full set of lists, so a list that documented nobody in a
    region still appears (with zero overlaps) and the sparse-table checks
    can say so.
    """
    by_columns = [by] if isinstance(by, str) else list(by)
    missing = [c for c in by_columns if c not in frame.columns]
    if missing:
        raise SourceError(source, f"cannot stratify by {', '.join(missing)}: no such column")
    lists = [c for c in frame.columns if c not in by_columns and c != COUNT_COLUMN]
    tables: dict[str, CaptureTable] = {}
    for key, group in frame.groupby(by_columns, dropna=False, sort=True):
        values = key if isinstance(key, tuple) else (key,)
        label = ", ".join("unknown" if pd.isna(v) else str(v) for v in values)
        tables[label] = from_frame(group, lists, source=f"{source} [{label}]")
    return tables


def read_frame(path: str | Path) -> pd.DataFrame:
    """Read a CSV into a DataFrame, naming the file in any error."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(str(path), "no such file")
    try:
        return pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise SourceError(str(path), f"not a readable CSV ({exc})") from exc


def _as_binary(columns: pd.DataFrame, source: str) -> np.ndarray:
    for name in columns.columns:
        values = pd.to_numeric(columns[name], errors="coerce")
        bad = ~values.isin([0, 1])
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise SourceError(
                source,
                f"list column {name!r} row {row + 1} is {_shown(columns[name].iloc[row])}, "
                "not 0 or 1",
            )
    return columns.apply(pd.to_numeric).to_numpy(dtype=np.int8)


def _as_counts(column: pd.Series, source: str) -> np.ndarray:
    values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)
    bad = np.isnan(values) | (values < 0) | (values != np.round(values))
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise SourceError(
            source,
            f"count in row {row + 1} is {_shown(column.iloc[row])}, not a whole number >= 0",
        )
    return values.astype(np.int64)


def _shown(value: object) -> str:
    """A cell as the user typed it (numpy scalars unwrapped)."""
    item = getattr(value, "item", None)
    return repr(item() if callable(item) else value)
