"""One entry point for every method: load the table(s), estimate, optionally plot.

The CLI (and any script) makes a single call, `estimate_population`, with
either a CSV capture-history table or a ledger whose victims' lists are
linked; `by` splits the people into strata estimated separately (MSE
assumptions such as equal catchability are more plausible within a region
or period than across them); the strata are then added up into a total
(`total_over_strata`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tollbook.errors import TollbookError
from tollbook.estimation.dga import estimate_dga
from tollbook.estimation.lcmcr import SamplerSettings, estimate_lcmcr
from tollbook.estimation.loglinear import estimate_loglinear, parse_interactions
from tollbook.estimation.plots import plot_estimates
from tollbook.estimation.results import PopulationEstimate
from tollbook.estimation.tables import CaptureTable, from_frame, read_csv, read_frame, stratify

METHODS = ("loglinear", "dga", "lcmcr")
TOTAL_STRATUM = "total of all strata"
TOTAL_DRAWS = 20_000


@dataclass(frozen=True)
class EstimationOptions:
    """Settings of the three methods; each method reads only its own."""

    criterion: str = "aic"  # loglinear: aic or bic
    search: str = "auto"  # loglinear: all, stepwise or auto
    interactions: str | None = None  # loglinear: fit this one model, e.g. "A*B, A*C"
    delta: float | None = None  # dga: hyper-Dirichlet parameter (default 2**-k)
    prior_a: float | None = None  # dga: negative binomial prior on N
    prior_b: float | None = None
    sampler: SamplerSettings = SamplerSettings()  # lcmcr


def estimate_table(
    table: CaptureTable, method: str, options: EstimationOptions | None = None
) -> PopulationEstimate:
    """Estimate the population behind one capture-history table."""
    options = options or EstimationOptions()
    if method == "loglinear":
        interactions = (
            parse_interactions(table.lists, options.interactions)
            if options.interactions is not None
            else None
        )
        return estimate_loglinear(table, options.criterion, options.search, interactions)
    if method == "dga":
        return estimate_dga(table, options.delta, options.prior_a, options.prior_b)
    if method == "lcmcr":
        return estimate_lcmcr(table, options.sampler)
    raise TollbookError(f"method {method!r}: choose one of {', '.join(METHODS)}")


def load_tables(
    table_path: str | Path | None = None, db: str | None = None, by: str | None = None
) -> dict[str | None, CaptureTable]:
    """Tables keyed by stratum (None when not stratified), from a CSV or the ledger."""
    if table_path is not None:
        frame = read_frame(table_path)
        source = str(table_path)
    elif db is not None:
        from tollbook.store import Store
        from tollbook.victims import capture_histories

        store = Store.open(db)
        try:
            frame = capture_histories(store, by=by)
        finally:
            store.close()
        source = f"linked people in {db}"
    else:
        raise TollbookError("give a capture-history table (CSV) or a ledger database")
    if by is None:
        return {None: from_frame(frame, source=source)}
    return {label: table for label, table in stratify(frame, by, source=source).items()}


def estimate_population(
    method: str,
    table_path: str | Path | None = None,
    db: str | None = None,
    by: str | None = None,
    options: EstimationOptions | None = None,
    plot: str | Path | None = None,
) -> list[PopulationEstimate]:
    """Estimate each stratum (or the whole table) and draw the PNG if asked."""
    if method not in METHODS:
        raise TollbookError(f"method {method!r}: choose one of {', '.join(METHODS)}")
    results = []
    for stratum, table in load_tables(table_path, db, by).items():
        result = estimate_table(table, method, options)
        result.stratum = stratum
        results.append(result)
    if plot is not None:
        plot_estimates(results, plot)
    if by is not None and len(results) > 1:
        results.append(total_over_strata(results))
    return results


def total_over_strata(results: list[PopulationEstimate]) -> PopulationEstimate:
    """The whole population as the sum of independent strata.

    Bayesian posteriors add exactly: the total's posterior is that of the sum
    of independent draws from each stratum's posterior (sampler draws, or
    draws from dga's grid), summarised by its median and central 95%.
    Profile-likelihood intervals of strata do not add, so a log-linear total
    carries the sum of the estimates and no interval.
    """
    first = results[0]
    total = PopulationEstimate(
        method=first.method,
        model="sum of the strata",
        documented=sum(r.documented for r in results),
        estimate=None,
        stratum=TOTAL_STRATUM,
    )
    missing = [str(r.stratum) for r in results if not r.ok]
    if missing:
        total.problem = f"no estimate for stratum {', '.join(missing)}, so none for the total"
        return total
    if first.method == "loglinear":
        total.estimate = sum(r.estimate or 0.0 for r in results)
        total.warnings.append(
            "no interval for the total: profile-likelihood intervals of strata do not add up"
        )
        return total
    rng = np.random.default_rng(0)
    summed = np.zeros(TOTAL_DRAWS)
    for result in results:
        summed += _posterior_draws(result, rng)
    lower, median, upper = np.quantile(summed, [0.025, 0.5, 0.975])
    total.estimate, total.lower, total.upper = float(median), float(lower), float(upper)
    total.interval = "95% credible interval"
    total.posterior_values = summed
    return total


def _posterior_draws(result: PopulationEstimate, rng: np.random.Generator) -> np.ndarray:
    values = result.posterior_values
    if values is None:
        raise TollbookError(f"stratum {result.stratum}: no posterior to add up")
    if result.posterior_weights is not None:
        return rng.choice(values, size=TOTAL_DRAWS, p=result.posterior_weights)
    return rng.choice(values, size=TOTAL_DRAWS, replace=True)


__all__ = [
    "METHODS",
    "EstimationOptions",
    "estimate_population",
    "estimate_table",
    "load_tables",
    "read_csv",
]
