"""Log-linear multiple systems estimation reproduces published figures; sparse tables are refused.

Reference tables and figures: ../shared/mse (Rcapture: Baillargeon & Rivest
2007; SparseMSE: Chan, Silverman & Vincent 2019; UK Home Office 2014).
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pandas as pd
import pytest

from tollbook.errors import SourceError
from tollbook.estimation import estimate_loglinear, fit_model, from_frame, profile_interval
from tollbook.estimation import read_csv as read_table
from tollbook.estimation.identifiability import NO_MLE, NOT_IDENTIFIABLE
from tollbook.estimation.loglinear import all_models
from tollbook.estimation.tables import stratify


def close(value: float, expected: float, relative: float) -> bool:
    return math.isclose(value, expected, rel_tol=relative)


@pytest.fixture
def mse(shared_dir: Path) -> Path:
    return shared_dir / "mse"


def test_hiv_rome_mt_with_one_interaction_matches_rcapture(mse: Path) -> None:
    table = read_table(mse / "rcapture_hiv_rome_4lists.csv")
    fit = fit_model(table, [(0, 1)])
    assert close(fit.estimate, 12_318.5, 0.001)
    assert close(fit.std_error, 1_188.7, 0.001)
    assert round(fit.deviance, 3) == 7.614 and fit.df == 9
    lower, upper = profile_interval(table, fit)
    assert close(lower, 10_266, 0.001) and close(upper, 14_992.3, 0.001)


def test_hiv_rome_all_two_way_interactions_match_rcapture(mse: Path) -> None:
    table = read_table(mse / "rcapture_hiv_rome_4lists.csv")
    fit = fit_model(table, itertools.combinations(range(4), 2))
    assert close(fit.estimate, 23_443.5, 0.001)
    assert close(fit.std_error, 9_594.9, 0.001)
    assert round(fit.deviance, 3) == 3.037 and fit.df == 4
    lower, upper = profile_interval(table, fit)
    assert close(lower, 10_027.6, 0.001) and close(upper, 50_046.3, 0.001)


def test_aic_selection_on_hiv_picks_the_published_model(mse: Path) -> None:
    result = estimate_loglinear(read_table(mse / "rcapture_hiv_rome_4lists.csv"))
    assert result.model == "main effects + c1×c2"
    assert len(result.comparison) == 64  # every two-way model on four lists
    assert close(result.lower, 10_266, 0.001) and close(result.upper, 14_992.3, 0.001)


def test_hare_mt_matches_rcapture(mse: Path) -> None:
    table = read_table(mse / "rcapture_hare_6occasions.csv")
    fit = fit_model(table, [])  # Mt: one effect per occasion, no interactions
    assert round(fit.estimate, 1) == 75.1
    assert round(fit.deviance, 3) == 58.314 and fit.df == 56


def test_uk_modern_slavery_stepwise_estimate_is_inside_the_home_office_range(mse: Path) -> None:
    table = read_table(mse / "uk_modern_slavery_2013_6lists.csv")
    result = estimate_loglinear(table, criterion="aic", search="stepwise")
    assert result.ok
    assert 10_000 <= result.estimate <= 13_000
    assert result.lower < result.estimate < result.upper


def test_sparsemse_models_with_a_by_b_have_no_mle(mse: Path) -> None:
    table = read_table(mse / "sparsemse_artificial_3lists.csv")
    with_ab = [m for m in all_models(3) if (0, 1) in m and len(m) < 3]
    assert len(with_ab) == 3
    for model in with_ab:
        fit = fit_model(table, model)
        assert fit.check.status == NO_MLE, fit.name
        assert fit.estimate is None


def test_sparsemse_all_two_way_terms_are_not_identifiable(mse: Path) -> None:
    table = read_table(mse / "sparsemse_artificial_3lists.csv")
    result = estimate_loglinear(table, interactions=[(0, 1), (0, 2), (1, 2)])
    assert result.estimate is None and result.lower is None and result.upper is None
    assert "not identifiable" in result.problem
    assert fit_model(table, [(0, 1), (0, 2), (1, 2)]).check.status == NOT_IDENTIFIABLE


def test_sparse_table_selection_never_picks_a_model_without_estimate(mse: Path) -> None:
    table = read_table(mse / "sparsemse_artificial_3lists.csv")
    result = estimate_loglinear(table)
    assert result.ok
    refused = [m for m in result.comparison if m.estimate is None]
    assert {m.status for m in refused} == {NO_MLE, NOT_IDENTIFIABLE}
    assert any("shares nobody" in w for w in result.warnings)


def test_a_saturated_table_model_is_not_identifiable() -> None:
    # Two lists give three observable cells: intercept, two main effects and
    # their interaction are four parameters, one too many whatever the counts.
    table = from_frame(pd.DataFrame({"A": [1, 1, 0], "B": [1, 0, 1], "count": [5, 7, 9]}))
    assert fit_model(table, [(0, 1)]).check.status == NOT_IDENTIFIABLE
    assert close(fit_model(table, []).estimate, 21 + 7 * 9 / 5, 1e-9)  # Lincoln-Petersen


def test_tables_fill_missing_patterns_and_sum_duplicates() -> None:
    frame = pd.DataFrame({"A": [1, 1, 0], "B": [0, 0, 1], "count": [2, 3, 4]})
    table = from_frame(frame)
    assert table.documented == 9
    assert dict(zip(map(tuple, table.patterns), table.counts, strict=True)) == {
        (1, 1): 0,
        (1, 0): 5,
        (0, 1): 4,
    }


def test_one_row_per_person_is_counted() -> None:
    people = pd.DataFrame({"A": [1, 1, 0, 1], "B": [1, 0, 1, 1]})
    assert list(from_frame(people).counts) == [2, 1, 1]


@pytest.mark.parametrize(
    ("frame", "problem"),
    [
        (pd.DataFrame({"A": [1, 2], "B": [0, 1], "count": [1, 1]}), "row 2 is 2, not 0 or 1"),
        (pd.DataFrame({"A": [1, 0], "B": [0, 1], "count": [1, -3]}), "not a whole number"),
        (pd.DataFrame({"A": [1, 0], "B": [0, 0], "count": [1, 4]}), "on no list"),
        (pd.DataFrame({"A": [1, 0], "count": [1, 4]}), "at least 2 list columns"),
    ],
)
def test_bad_tables_are_refused_with_the_row(frame: pd.DataFrame, problem: str) -> None:
    with pytest.raises(SourceError, match=problem):
        from_frame(frame, source="lists.csv")


def test_missing_csv_is_named(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        read_table(tmp_path / "nothing.csv")


def test_stratify_keeps_every_list_in_every_stratum() -> None:
    frame = pd.DataFrame(
        {
            "region": ["north", "north", "south"],
            "A": [1, 0, 1],
            "B": [0, 1, 1],
            "count": [10, 20, 5],
        }
    )
    strata = stratify(frame, "region")
    assert list(strata) == ["north", "south"]
    assert strata["north"].lists == ("A", "B") and strata["north"].documented == 30
    assert strata["south"].documented == 5
