"""When a log-linear model cannot estimate the population, say so instead of printing a number.

A Poisson log-linear model fitted to the observed cells of a capture-history
table estimates the unobserved cell as exp(intercept). With sparse tables
(lists that barely overlap, many empty cells) the likelihood can keep
increasing forever along some direction d of the parameters; the software
then stops at an arbitrary huge or tiny number. Following Fienberg & Rinaldo
(existence of the MLE in log-linear models) and Chan, Silverman & Vincent
(2019, the checks behind R's SparseMSE), such directions are exactly the
solutions of

    X_pos d = 0   (cells with people: fitted values cannot move)
    X_zero d <= 0 (empty cells: fitted values can only shrink)

and they can be found by linear programming. What matters for the
population is the intercept component d_0 of those directions:

- none exist (or d_0 = 0 in all of them): the estimate of the unobserved
  cell is finite and unique. If some empty cells are pushed to zero, the
  estimate is the "extended" MLE, fitted on the remaining cells (the facial
  set) with the parameters those cells can identify;
- d_0 can only grow (or only shrink): no maximum-likelihood estimate: the
  fit runs off to an infinite (or zero) number of undocumented people;
- d_0 can move both ways: the population is not identifiable from this
  table: any number fits equally well.

A model whose design matrix is rank deficient on the observed cells (more
parameters than observable patterns can separate) is not identifiable
whatever the counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from tollbook.estimation.tables import CaptureTable

TOLERANCE = 1e-7

OK = "ok"
BOUNDARY = "boundary"
NO_MLE = "no_mle"
NOT_IDENTIFIABLE = "not_identifiable"


@dataclass(frozen=True)
class ModelCheck:
    """Whether a model gives a population estimate on a table, and on which cells."""

    status: str
    message: str
    kept_cells: np.ndarray  # boolean mask of observed cells to fit on
    kept_columns: np.ndarray  # indices of design columns that remain identifiable

    @property
    def estimable(self) -> bool:
        return self.status in (OK, BOUNDARY)


def check_model(design: np.ndarray, counts: np.ndarray) -> ModelCheck:
    """Classify a log-linear model (design over the observed cells, column 0 the intercept)."""
    n_cells, n_params = design.shape
    all_cells = np.ones(n_cells, dtype=bool)
    all_columns = np.arange(n_params)
    if np.linalg.matrix_rank(design) < n_params:
        return ModelCheck(
            NOT_IDENTIFIABLE,
            f"not identifiable: {n_params} parameters but the {n_cells} observable "
            "patterns can only separate fewer",
            all_cells,
            all_columns,
        )
    positive = counts > 0
    if positive.all():
        return ModelCheck(OK, "", all_cells, all_columns)

    # One LP finds every empty cell a recession direction can push to zero;
    # when there is none (the usual case) no direction exists at all and the
    # two intercept LPs are not needed.
    vanishing = _cells_fitted_to_zero(design, positive)
    if not vanishing.any():
        return ModelCheck(OK, "", all_cells, all_columns)

    can_grow = _extreme_intercept(design, positive, maximise=True)
    can_shrink = _extreme_intercept(design, positive, maximise=False)
    if can_grow and can_shrink:
        return ModelCheck(
            NOT_IDENTIFIABLE,
            "not identifiable: with these empty cells any number of undocumented "
            "people fits the data equally well",
            all_cells,
            all_columns,
        )
    if can_grow or can_shrink:
        where = "infinity" if can_grow else "zero"
        return ModelCheck(
            NO_MLE,
            f"no maximum-likelihood estimate: the fit drives the number of undocumented "
            f"people to {where} (lists too sparse for this model)",
            all_cells,
            all_columns,
        )

    kept = ~vanishing
    columns = independent_columns(design[kept])
    return ModelCheck(
        BOUNDARY,
        f"{int(vanishing.sum())} empty cell(s) fitted as exactly zero; "
        f"{n_params - len(columns)} interaction term(s) dropped (extended MLE)",
        kept,
        columns,
    )


def independent_columns(design: np.ndarray) -> np.ndarray:
    """Greedy left-to-right choice of linearly independent columns (intercept first)."""
    chosen: list[int] = []
    for j in range(design.shape[1]):
        trial = design[:, [*chosen, j]]
        if np.linalg.matrix_rank(trial) == len(chosen) + 1:
            chosen.append(j)
    return np.array(chosen, dtype=int)


def _extreme_intercept(design: np.ndarray, positive: np.ndarray, maximise: bool) -> bool:
    """Is there a recession direction with a strictly positive (or negative) intercept?"""
    n_params = design.shape[1]
    objective = np.zeros(n_params)
    objective[0] = -1.0 if maximise else 1.0
    result = linprog(
        objective,
        A_ub=design[~positive],
        b_ub=np.zeros(int((~positive).sum())),
        A_eq=design[positive],
        b_eq=np.zeros(int(positive.sum())),
        bounds=[(-1.0, 1.0)] * n_params,
        method="highs",
    )
    if result.status != 0:
        return False
    return abs(result.fun) > TOLERANCE


def _cells_fitted_to_zero(design: np.ndarray, positive: np.ndarray) -> np.ndarray:
    """Empty cells some recession direction strictly decreases (outside the facial set).

    One LP finds them all: the recession directions form a convex cone, so a
    direction maximising the number of strictly decreased cells (each slack
    capped at 1) reaches every cell any direction can reach.
    """
    zero_rows = design[~positive]
    n_zero, n_params = zero_rows.shape
    # variables: d (n_params), s (n_zero); maximise sum(s) with s <= -X_zero d
    objective = np.concatenate([np.zeros(n_params), -np.ones(n_zero)])
    a_ub = np.hstack([zero_rows, np.eye(n_zero)])
    a_eq = np.hstack([design[positive], np.zeros((int(positive.sum()), n_zero))])
    result = linprog(
        objective,
        A_ub=a_ub,
        b_ub=np.zeros(n_zero),
        A_eq=a_eq,
        b_eq=np.zeros(a_eq.shape[0]),
        bounds=[(-1.0, 1.0)] * n_params + [(0.0, 1.0)] * n_zero,
        method="highs",
    )
    vanishing = np.zeros(len(positive), dtype=bool)
    if result.status == 0:
        vanishing[np.flatnonzero(~positive)] = result.x[n_params:] > TOLERANCE
    return vanishing


def table_warnings(table: CaptureTable) -> list[str]:
    """Plain-words reasons to distrust any estimate from this table."""
    warnings: list[str] = []
    patterns, counts = table.patterns, table.counts
    if table.documented == 0:
        return ["the table is empty: nobody is documented on any list"]
    for j, name in enumerate(table.lists):
        on_list = patterns[:, j] == 1
        size = int(counts[on_list].sum())
        if size == 0:
            warnings.append(f"list {name!r} documents nobody")
            continue
        overlap = int(counts[on_list & (patterns.sum(axis=1) > 1)].sum())
        if overlap == 0:
            warnings.append(
                f"list {name!r} shares nobody with the other lists: it says nothing "
                "about how much the others miss"
            )
    empty = int((counts == 0).sum())
    if empty > len(counts) / 2:
        warnings.append(
            f"{empty} of {len(counts)} list combinations are empty: the table is sparse, "
            "and models with interactions may not be estimable"
        )
    if table.documented < 50:
        warnings.append(f"only {table.documented} people documented: intervals will be wide")
    return warnings
