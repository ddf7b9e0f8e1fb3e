"""Linking two real releases of a named list without its ID numbers (data in ../shared only).

The data are real people's: read from ../shared at test time, never copied into the
project, and only figures are asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tollbook.victims.releases import link_releases


@pytest.mark.slow
def test_two_releases_link_against_national_ids_with_f1_above_097(shared_dir: Path) -> None:
    folder = shared_dir / "victims"
    score, result, records = link_releases(
        folder / "gaza_moh_2024-04-13.csv", folder / "gaza_moh_2024-09-21.csv"
    )
    # measured: precision 0.981, recall 0.982, F1 0.981 (exact Arabic name + sex: 0.78)
    assert score.f1 >= 0.97, str(score)
    assert score.precision >= 0.96 and score.recall >= 0.97
    assert result.people["person_id"].nunique() < len(records)
