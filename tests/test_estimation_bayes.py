"""Bayesian estimators: dga reproduces Madigan & York's example; LCMCR covers known truths.

Sampler runs are short and seeded so the suite stays fast; the full-length
defaults are exercised by bench/bench_lcmcr.py.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tollbook.estimation import (
    EstimationOptions,
    SamplerSettings,
    estimate_dga,
    estimate_lcmcr,
    estimate_population,
    from_frame,
)
from tollbook.estimation import read_csv as read_table
from tollbook.estimation.dga import decomposable_graphs
from tollbook.estimation.diagnostics import effective_sample_size, geweke_z, split_rhat

KOSOVO_PUBLISHED = (9_002, 12_122)
SHORT_RUN = SamplerSettings(burn_in=2_000, samples=500, thin=5, chains=2, seed=11)
# N mixes slowly on real tables (see lcmcr's docstring): the Kosovo check
# runs longer; seeds 1-4 also overlap at this length (medians 10,355 to 10,517).
KOSOVO_RUN = SamplerSettings(burn_in=3_000, samples=1_000, thin=5, chains=2, seed=11)


@pytest.fixture
def mse(shared_dir: Path) -> Path:
    return shared_dir / "mse"


def overlaps(lower: float, upper: float, interval: tuple[float, float]) -> bool:
    return lower <= interval[1] and upper >= interval[0]


def simulated_table(total: int, probabilities: list[float], seed: int) -> pd.DataFrame:
    """People recorded independently by each list: a table with a known total."""
    rng = np.random.default_rng(seed)
    on_list = rng.uniform(size=(total, len(probabilities))) < np.array(probabilities)
    seen = on_list[on_list.any(axis=1)].astype(int)
    return pd.DataFrame(seen, columns=[f"L{j + 1}" for j in range(len(probabilities))])


def test_dga_reproduces_madigan_york_spina_bifida(mse: Path) -> None:
    table = read_table(mse / "dga_madigan_york_3lists_spina_bifida.csv")
    result = estimate_dga(table, delta=1.0, a=13.14, b=55.17)
    details = result.details
    assert math.isclose(result.estimate, 731, rel_tol=0.01)
    assert 728 <= details["posterior_mode"] <= 729
    assert math.isclose(details["top_model_probability"], 0.37, rel_tol=0.01)
    assert math.isclose(details["top_model_bayes"], 731, rel_tol=0.01)
    assert details["top_model_mode"] == 729
    assert result.lower < 731 < result.upper
    assert math.isclose(sum(m.score for m in result.comparison), 1.0)


def test_decomposable_graph_counts_are_the_known_sequence() -> None:
    assert [len(decomposable_graphs(k)) for k in (2, 3, 4, 5)] == [2, 8, 61, 822]


def test_dga_kosovo_interval_overlaps_the_published_one(mse: Path) -> None:
    result = estimate_dga(read_table(mse / "kosovo_1999_LCMCR.csv"))
    assert overlaps(result.lower, result.upper, KOSOVO_PUBLISHED)


def test_lcmcr_kosovo_interval_overlaps_the_published_one(mse: Path) -> None:
    result = estimate_lcmcr(read_table(mse / "kosovo_1999_LCMCR.csv"), KOSOVO_RUN)
    assert overlaps(result.lower, result.upper, KOSOVO_PUBLISHED)
    assert result.documented == 4_400 and result.estimate > 4_400
    assert {"effective_sample_size", "split_rhat", "geweke_z"} <= set(result.details)


def test_lcmcr_covers_the_true_total_of_simulated_lists() -> None:
    table = from_frame(simulated_table(3_000, [0.3, 0.25, 0.35, 0.2], seed=5))
    result = estimate_lcmcr(table, SHORT_RUN)
    assert result.lower <= 3_000 <= result.upper
    assert abs(result.estimate - 3_000) < 300


def test_lcmcr_with_the_same_seed_repeats_itself() -> None:
    table = from_frame(simulated_table(500, [0.4, 0.5, 0.3], seed=2))
    quick = SamplerSettings(burn_in=200, samples=100, thin=2, chains=1, seed=3)
    first, second = estimate_lcmcr(table, quick), estimate_lcmcr(table, quick)
    assert np.array_equal(first.posterior_values, second.posterior_values)


def test_lcmcr_warns_when_chains_are_too_short(mse: Path) -> None:
    tiny = SamplerSettings(burn_in=0, samples=50, thin=1, chains=2, seed=1)
    result = estimate_lcmcr(read_table(mse / "kosovo_1999_LCMCR.csv"), tiny)
    assert any("effective draws" in w or "disagree" in w for w in result.warnings)


def test_diagnostics_tell_independent_from_sticky_and_drifting_chains() -> None:
    rng = np.random.default_rng(0)
    independent = rng.normal(size=(2, 4_000))
    assert 6_000 < effective_sample_size(independent) < 10_000
    sticky = np.empty((1, 4_000))
    sticky[0, 0] = 0.0
    for t in range(1, 4_000):
        sticky[0, t] = 0.9 * sticky[0, t - 1] + rng.normal()
    # AR(1) with rho 0.9: about n (1 - rho) / (1 + rho) = 210 effective draws
    assert 100 < effective_sample_size(sticky) < 400
    assert split_rhat(independent) < 1.01
    assert split_rhat(np.vstack([independent[0], independent[1] + 3])) > 1.5
    assert abs(geweke_z(independent[0] + np.linspace(0, 2, 4_000))) > 3


def test_lcmcr_collapsed_move_uses_the_exact_change_of_its_target(mse: Path) -> None:
    """The incremental Metropolis ratio equals the difference of the full collapsed target."""
    from scipy.special import gammaln

    from tollbook.estimation.lcmcr import LatentClassSampler

    sampler = LatentClassSampler(read_table(mse / "kosovo_1999_LCMCR.csv"), SHORT_RUN, 3)
    sampler.alpha = 0.7
    rng = np.random.default_rng(0)
    documented = rng.integers(0, 500, 10)
    on_list = np.minimum(rng.integers(0, 500, (4, 10)), documented)
    unseen = rng.integers(0, 900, 10)

    def target(u: np.ndarray) -> float:  # written from the formula in the docstring
        sizes = documented + u
        later = np.cumsum(sizes[::-1])[::-1] - sizes
        return float(
            gammaln(sampler.documented + u.sum())
            - gammaln(u + 1).sum()
            + (gammaln(1 + sizes[:-1]) + gammaln(0.7 + later[:-1])
               - gammaln(1.7 + sizes[:-1] + later[:-1])).sum()
            + gammaln(1 + sizes - on_list).sum()
            - 4 * gammaln(2 + sizes).sum()
        )  # fmt: skip

    counts = [int(x) for x in unseen]
    sizes = [int(x) for x in documented + unseen]
    outside = [
        [int(m) - int(s) for s in column] for m, column in zip(documented, on_list.T, strict=True)
    ]
    for k in range(10):
        for step in (-5, 37, 400):
            if unseen[k] + step < 0:
                continue
            moved = unseen.copy()
            moved[k] += step
            expected = target(moved) - target(unseen)
            got = sampler._collapsed_change(k, step, counts, sizes, outside)
            assert math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-6)


def test_bayesian_strata_add_up_to_a_total(mse: Path, tmp_path: Path) -> None:
    table = pd.read_csv(mse / "dga_madigan_york_3lists_spina_bifida.csv")
    twice = pd.concat([table.assign(region="east"), table.assign(region="west")])
    path = tmp_path / "twice.csv"
    twice.to_csv(path, index=False)
    options = EstimationOptions(delta=1.0, prior_a=13.14, prior_b=55.17)
    east, west, total = estimate_population("dga", table_path=path, by="region", options=options)
    assert total.stratum == "total of all strata" and total.documented == 2 * 626
    assert math.isclose(total.estimate, east.details["posterior_median"] * 2, rel_tol=0.01)
    # the sum of two independent totals is relatively tighter than each
    assert (total.upper - total.lower) < 2 * (east.upper - east.lower)
    assert total.lower > east.lower + west.lower
