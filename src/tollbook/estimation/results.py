"""What every estimator returns: one value type, so the CLI, plots and docs treat them alike.

An estimate is either a number with an interval, or a named problem (no
maximum-likelihood estimate, not identifiable, too sparse). Never both: a
model that cannot give an estimate carries `problem` and `estimate is None`,
so no caller can print a meaningless figure by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class ModelSummary:
    """One candidate model in a comparison (log-linear fit or graphical model)."""

    name: str
    estimate: float | None
    score: float | None  # AIC/BIC (lower is better) or posterior probability
    status: str = "ok"
    note: str = ""


@dataclass
class PopulationEstimate:
    """An estimate of how many people there were, documented or not."""

    method: str
    model: str
    documented: int
    estimate: float | None
    lower: float | None = None
    upper: float | None = None
    interval: str = ""
    problem: str | None = None
    stratum: str | None = None
    warnings: list[str] = field(default_factory=list)
    comparison: list[ModelSummary] = field(default_factory=list)
    score_name: str = ""
    # Posterior of N for plots: either a grid (values, probabilities) or draws.
    posterior_values: np.ndarray | None = None
    posterior_weights: np.ndarray | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def undocumented(self) -> float | None:
        if self.estimate is None:
            return None
        return self.estimate - self.documented

    @property
    def ok(self) -> bool:
        return self.problem is None and self.estimate is not None
