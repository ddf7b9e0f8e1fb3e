"""PNG figures of an estimate: the posterior of N, and how the candidate models compare.

One figure per estimate, two panels side by side: left, the distribution
of the total (a posterior for dga and lcmcr; for log-linear models, the
chosen estimate and its interval), with the documented count marked, so a
reader sees at once how much is estimated beyond what is known; right, the
candidate models (posterior probability, or AIC/BIC difference from the
best), so a reader sees whether one model dominates or many disagree; for
the latent-class sampler, which has no model list, the draws of each chain
instead, so a reader sees whether the chains have mixed.
Matplotlib runs headless (Agg) so this works on servers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from tollbook.errors import ExportError  # noqa: E402
from tollbook.estimation.results import PopulationEstimate  # noqa: E402

MODELS_SHOWN = 12


def plot_estimates(estimates: Sequence[PopulationEstimate], path: str | Path) -> Path:
    """Write one row of panels per estimate (one per stratum) to a PNG file."""
    path = Path(path)
    if not estimates:
        raise ExportError("no estimate to plot")
    figure, axes = plt.subplots(
        len(estimates), 2, figsize=(12, 4.2 * len(estimates)), squeeze=False
    )
    for row, estimate in zip(axes, estimates, strict=True):
        _posterior_panel(row[0], estimate)
        _comparison_panel(row[1], estimate)
    figure.tight_layout()
    try:
        figure.savefig(path, dpi=110)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the plot ({exc.strerror})") from exc
    finally:
        plt.close(figure)
    return path


def _title(estimate: PopulationEstimate, what: str) -> str:
    stratum = f" [{estimate.stratum}]" if estimate.stratum else ""
    return f"{estimate.method}{stratum}: {what}"


def _posterior_panel(ax, estimate: PopulationEstimate) -> None:  # type: ignore[no-untyped-def]
    ax.set_title(_title(estimate, "total number of people"))
    ax.set_xlabel("people (documented + undocumented)")
    ax.axvline(estimate.documented, color="black", linestyle=":", label="documented")
    if not estimate.ok:
        ax.text(
            0.5, 0.5, "no estimate:\n" + (estimate.problem or ""), transform=ax.transAxes,
            ha="center", va="center", wrap=True,
        )  # fmt: skip
        ax.set_yticks([])
        return
    if estimate.posterior_weights is not None and estimate.posterior_values is not None:
        values, weights = estimate.posterior_values, estimate.posterior_weights
        shown = weights > weights.max() * 1e-4
        ax.fill_between(values[shown], weights[shown], color="tab:blue", alpha=0.4)
        ax.set_ylabel("posterior probability")
    elif estimate.posterior_values is not None:
        ax.hist(estimate.posterior_values, bins=60, color="tab:blue", alpha=0.5, density=True)
        ax.set_ylabel("posterior density")
    else:
        ax.set_yticks([])
    if estimate.lower is not None and estimate.upper is not None and np.isfinite(estimate.upper):
        ax.axvspan(estimate.lower, estimate.upper, color="tab:orange", alpha=0.15,
                   label=estimate.interval)  # fmt: skip
    ax.axvline(estimate.estimate, color="tab:red", label=f"estimate {estimate.estimate:,.0f}")
    ax.legend(loc="upper right", fontsize="small")


def _comparison_panel(ax, estimate: PopulationEstimate) -> None:  # type: ignore[no-untyped-def]
    models = estimate.comparison[:MODELS_SHOWN]
    chains = int(estimate.details.get("chains", 0))
    if not models and chains and estimate.posterior_values is not None:
        _trace_panel(ax, estimate, estimate.posterior_values, chains)
        return
    ax.set_title(_title(estimate, "models compared"))
    if not models:
        ax.text(0.5, 0.5, "one model (no comparison)", transform=ax.transAxes, ha="center")
        ax.set_axis_off()
        return
    labels = [_short(m.name) for m in models]
    y = np.arange(len(models))[::-1]
    if estimate.score_name == "posterior probability":
        scores = [m.score or 0.0 for m in models]
        ax.barh(y, scores, color="tab:blue")
        ax.set_xlabel("posterior probability")
    else:
        usable = [m.score for m in models if m.score is not None]
        best = min(usable) if usable else 0.0
        scores = [(m.score - best) if m.score is not None else 0.0 for m in models]
        colours = ["tab:blue" if m.estimate is not None else "tab:gray" for m in models]
        ax.barh(y, scores, color=colours)
        ax.set_xlabel(f"{estimate.score_name} minus the best (grey: no estimate)")
    for yi, model in zip(y, models, strict=True):
        text = f"{model.estimate:,.0f}" if model.estimate is not None else model.status
        ax.annotate(text, (0, yi), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize="x-small")  # fmt: skip
    ax.set_yticks(y, labels, fontsize="x-small")


def _trace_panel(  # type: ignore[no-untyped-def]
    ax, estimate: PopulationEstimate, pooled: np.ndarray, chains: int
) -> None:
    """For samplers: N draw by draw in each chain; chains that overlap have mixed."""
    ax.set_title(_title(estimate, "draws of the total, by chain"))
    for number, draws in enumerate(np.reshape(pooled, (chains, -1)), 1):
        ax.plot(draws, linewidth=0.6, alpha=0.8, label=f"chain {number}")
    ax.set_xlabel("kept draw")
    ax.set_ylabel("people")
    rhat = estimate.details.get("split_rhat")
    ess = estimate.details.get("effective_sample_size")
    if rhat is not None and ess is not None:
        ax.text(0.01, 0.98, f"R-hat {rhat:.2f}, effective draws {ess:,.0f}",
                transform=ax.transAxes, va="top", fontsize="small")  # fmt: skip
    ax.legend(loc="upper right", fontsize="small")


def _short(name: str, width: int = 48) -> str:
    name = name.replace("main effects + ", "")
    return name if len(name) <= width else name[: width - 1] + "…"
