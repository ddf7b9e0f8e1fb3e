"""Poisson log-linear models of capture histories, model selection and profile-likelihood intervals.

Each model says which pairs of lists are dependent (a person on list A is
more or less likely to be on list B). The counts of the 2**k - 1 observed
patterns are fitted by a Poisson GLM (statsmodels) with an intercept, one
main effect per list and the chosen two-way interactions; assuming no
higher-order interaction, the unobserved cell is exp(intercept), so the
population is documented + exp(intercept). This is the estimator of
Rcapture's `closedpCI.t` and of the UK Home Office's 2014 figure.

Model choice: all hierarchical models up to two-way interactions for up to
four lists (64 models; five lists, 1,024 models, on request), a
bidirectional stepwise search from independence beyond, ranked
by AIC or BIC (BIC penalises with log of the documented count). Models the
table cannot support (see `identifiability`) are listed with their reason
and never chosen.

Interval: the profile likelihood of N under the multinomial model (Cormack
1992). For each candidate N the full table, with N - n in the empty cell,
is refitted; the interval holds the N whose profile log-likelihood is
within chi2(1)/2 of its maximum. This reproduces Rcapture's published
intervals to the decimal, and unlike the normal approximation it is
asymmetric, as uncertainty about the unseen is.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import statsmodels.api as sm
from scipy.optimize import brentq, minimize_scalar
from scipy.special import gammaln
from scipy.stats import chi2
from statsmodels.tools.sm_exceptions import PerfectSeparationWarning

from tollbook.errors import TollbookError
from tollbook.estimation.identifiability import ModelCheck, check_model, table_warnings
from tollbook.estimation.results import ModelSummary, PopulationEstimate
from tollbook.estimation.tables import CaptureTable

Pair = tuple[int, int]
CRITERIA = ("aic", "bic")
# "auto" search: every model up to 4 lists (64 models), stepwise beyond;
# "all" is allowed up to 5 lists (1,024 models, about half a minute).
AUTO_EXHAUSTIVE_LISTS = 4
EXHAUSTIVE_MAX_LISTS = 5
# How far above the documented count to look for an interval's upper limit
# before calling it unbounded (in multiples of the estimated undocumented).
UPPER_SEARCH_FACTOR = 1000.0


@dataclass
class LoglinearFit:
    """One fitted (or unfittable) model."""

    interactions: tuple[Pair, ...]
    name: str
    check: ModelCheck
    estimate: float | None = None
    std_error: float | None = None
    deviance: float | None = None
    df: int | None = None
    aic: float | None = None
    bic: float | None = None

    def score(self, criterion: str) -> float | None:
        return self.aic if criterion == "aic" else self.bic


def design_matrix(patterns: np.ndarray, interactions: Iterable[Pair]) -> np.ndarray:
    """Intercept, one column per list, one per interacting pair."""
    columns = [np.ones(len(patterns)), *patterns.T]
    columns += [patterns[:, a] * patterns[:, b] for a, b in interactions]
    return np.column_stack(columns).astype(float)


def model_name(lists: Sequence[str], interactions: Iterable[Pair]) -> str:
    terms = [f"{lists[a]}×{lists[b]}" for a, b in interactions]
    return "independence" if not terms else "main effects + " + " + ".join(terms)


def parse_interactions(lists: Sequence[str], text: str) -> tuple[Pair, ...]:
    """Read 'A*B, A*C' (or A:B, A×B) into list-index pairs."""
    index = {name: i for i, name in enumerate(lists)}
    pairs: list[Pair] = []
    for term in filter(None, (t.strip() for t in text.split(","))):
        parts = [p.strip() for p in term.replace("×", "*").replace(":", "*").split("*")]
        if len(parts) != 2 or any(p not in index for p in parts):
            raise TollbookError(
                f"interaction {term!r}: write two list names joined by '*' "
                f"(lists are {', '.join(lists)})"
            )
        a, b = sorted((index[parts[0]], index[parts[1]]))
        if a == b:
            raise TollbookError(f"interaction {term!r} pairs a list with itself")
        pairs.append((a, b))
    return tuple(sorted(set(pairs)))


def fit_model(table: CaptureTable, interactions: Iterable[Pair]) -> LoglinearFit:
    """Fit one model, or explain why it gives no estimate."""
    interactions = tuple(sorted(interactions))
    design = design_matrix(table.patterns, interactions)
    check = check_model(design, table.counts)
    fit = LoglinearFit(interactions, model_name(table.lists, interactions), check)
    if not check.estimable:
        return fit
    x = design[check.kept_cells][:, check.kept_columns]
    y = table.counts[check.kept_cells].astype(float)
    result = _poisson_glm(y, x)
    # A boundary fit still estimated the dropped interactions (at minus
    # infinity): AIC and BIC count every parameter of the model, so fitting
    # empty cells exactly is not a free improvement; the residual degrees of
    # freedom are those of the cells and parameters actually fitted.
    n_params = design.shape[1]
    unseen = math.exp(result.params[0])
    fit.estimate = table.documented + unseen
    # Unconditional variance (Rcapture): Poisson variation of the unseen cell
    # plus the uncertainty of the intercept.
    fit.std_error = math.sqrt(unseen + unseen**2 * result.cov_params()[0, 0])
    fit.deviance = float(result.deviance)
    fit.df = int(x.shape[0] - x.shape[1])
    fit.aic = float(-2 * result.llf + 2 * n_params)
    fit.bic = float(-2 * result.llf + n_params * math.log(table.documented))
    return fit


def profile_interval(
    table: CaptureTable, fit: LoglinearFit, level: float = 0.95
) -> tuple[float, float]:
    """Profile-likelihood interval for N; the upper limit may be infinite."""
    if fit.estimate is None:
        raise TollbookError(f"model {fit.name} has no estimate to put an interval around")
    check = fit.check
    design = design_matrix(table.patterns, fit.interactions)
    zero_row = np.zeros((1, table.n_lists), dtype=table.patterns.dtype)
    full_design = np.vstack([design[check.kept_cells], design_matrix(zero_row, fit.interactions)])
    full_design = full_design[:, check.kept_columns]
    observed = table.counts[check.kept_cells].astype(float)
    n = float(table.documented)

    def profile(total: float) -> float:
        y = np.append(observed, total - n)
        fitted = _poisson_glm(y, full_design).fittedvalues
        positive = y > 0
        return float(
            gammaln(total + 1)
            - gammaln(total - n + 1)
            + np.sum(y[positive] * np.log(fitted[positive] / total))
        )

    unseen = fit.estimate - n
    ceiling = n + max(unseen, 1.0) * UPPER_SEARCH_FACTOR
    best = minimize_scalar(
        lambda t: -profile(t),
        bounds=(n, n + 3 * unseen + 10),
        method="bounded",
        options={"xatol": 1e-6 * max(unseen, 1.0)},
    )
    peak, top = float(best.x), -float(best.fun)
    cutoff = top - chi2.ppf(level, 1) / 2

    def gap(total: float) -> float:
        return profile(total) - cutoff

    lower = n if gap(n) > 0 else brentq(gap, n, peak, xtol=1e-6 * peak)
    upper = math.inf if gap(ceiling) > 0 else brentq(gap, peak, ceiling, xtol=1e-6 * peak)
    return float(lower), float(upper)


def all_models(n_lists: int) -> Iterable[tuple[Pair, ...]]:
    """Every set of two-way interactions (main effects always in)."""
    pairs = list(itertools.combinations(range(n_lists), 2))
    for size in range(len(pairs) + 1):
        yield from itertools.combinations(pairs, size)


def search_models(
    table: CaptureTable, criterion: str = "aic", search: str = "auto"
) -> list[LoglinearFit]:
    """Fit candidate models; estimable ones first, best score first."""
    if criterion not in CRITERIA:
        raise TollbookError(f"criterion {criterion!r}: choose one of {', '.join(CRITERIA)}")
    if search == "auto":
        search = "all" if table.n_lists <= AUTO_EXHAUSTIVE_LISTS else "stepwise"
    if search == "all":
        if table.n_lists > EXHAUSTIVE_MAX_LISTS:
            raise TollbookError(
                f"{table.n_lists} lists make {2 ** math.comb(table.n_lists, 2):,} models: "
                "too many to fit them all, use the stepwise search"
            )
        fits = [fit_model(table, m) for m in all_models(table.n_lists)]
    elif search == "stepwise":
        fits = _stepwise(table, criterion)
    else:
        raise TollbookError(f"search {search!r}: choose all, stepwise or auto")
    return sorted(fits, key=lambda f: (f.estimate is None, _ranking(f, criterion)))


def _ranking(fit: LoglinearFit, criterion: str) -> float:
    """Score for sorting; models without an estimate last."""
    score = fit.score(criterion)
    return math.inf if score is None else score


def _stepwise(table: CaptureTable, criterion: str) -> list[LoglinearFit]:
    """Add or drop the one interaction that most improves the score, until none does."""
    pairs = list(itertools.combinations(range(table.n_lists), 2))
    seen: dict[tuple[Pair, ...], LoglinearFit] = {}

    def fitted(model: tuple[Pair, ...]) -> LoglinearFit:
        if model not in seen:
            seen[model] = fit_model(table, model)
        return seen[model]

    current = fitted(())
    if current.estimate is None:
        return list(seen.values())
    while True:
        neighbours = [tuple(sorted({*current.interactions, p})) for p in pairs]
        neighbours += [
            tuple(p for p in current.interactions if p != q) for q in current.interactions
        ]
        candidates = [fitted(m) for m in neighbours if m != current.interactions]
        usable = [f for f in candidates if f.estimate is not None]
        if not usable:
            break
        best = min(usable, key=lambda f: _ranking(f, criterion))
        if _ranking(best, criterion) >= _ranking(current, criterion) - 1e-9:
            break
        current = best
    return list(seen.values())


def estimate_loglinear(
    table: CaptureTable,
    criterion: str = "aic",
    search: str = "auto",
    interactions: Iterable[Pair] | None = None,
    level: float = 0.95,
) -> PopulationEstimate:
    """The best log-linear model's estimate with its profile-likelihood interval."""
    if table.documented == 0:
        raise TollbookError(f"{table.source}: nobody is documented, there is nothing to estimate")
    if interactions is not None:
        fits = [fit_model(table, interactions)]
    else:
        fits = search_models(table, criterion, search)
    chosen = fits[0]
    comparison = [
        ModelSummary(f.name, f.estimate, f.score(criterion), f.check.status, f.check.message)
        for f in fits
    ]
    result = PopulationEstimate(
        method="loglinear",
        model=chosen.name,
        documented=table.documented,
        estimate=None,
        warnings=table_warnings(table),
        comparison=comparison,
        score_name=criterion.upper(),
    )
    if chosen.estimate is None:
        result.problem = chosen.check.message
        return result
    lower, upper = profile_interval(table, chosen, level)
    result.estimate = chosen.estimate
    result.lower, result.upper = lower, upper
    result.interval = f"{level:.0%} profile-likelihood interval"
    if chosen.check.message:
        result.warnings.append(chosen.check.message)
    result.details = {
        "deviance": chosen.deviance,
        "df": chosen.df,
        "aic": chosen.aic,
        "bic": chosen.bic,
        "std_error": chosen.std_error,
        "models_fitted": len(fits),
    }
    return result


def _poisson_glm(y: np.ndarray, x: np.ndarray):  # type: ignore[no-untyped-def]
    """statsmodels Poisson GLM; convergence trouble is an error, not a silent number."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # A saturated fit (no residual degrees of freedom) makes statsmodels
        # divide by zero for a scale the Poisson family never uses.
        warnings.filterwarnings("ignore", "divide by zero", RuntimeWarning)
        warnings.filterwarnings("ignore", "invalid value encountered", RuntimeWarning)
        # statsmodels calls an exact fit "perfect separation"; for a saturated
        # model that is expected, and existence was settled by `check_model`.
        warnings.simplefilter("ignore", PerfectSeparationWarning)
        try:
            return sm.GLM(y, x, family=sm.families.Poisson()).fit(maxiter=200, tol=1e-10)
        except (Warning, ValueError, np.linalg.LinAlgError) as exc:
            raise TollbookError(f"log-linear fit failed to converge ({exc})") from exc
