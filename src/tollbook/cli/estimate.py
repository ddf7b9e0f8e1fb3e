"""`tollbook estimate`: how many people the lists missed, in plain words."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import click

from tollbook.cli.main import cli, database_option
from tollbook.errors import TollbookError

if TYPE_CHECKING:
    from tollbook.estimation import PopulationEstimate

METHOD_NAMES = {
    "loglinear": "Poisson log-linear models",
    "dga": "Bayesian averaging over decomposable graphical models",
    "lcmcr": "Bayesian latent-class model",
}


@cli.command("estimate")
@click.option(
    "--method", type=click.Choice(list(METHOD_NAMES)), required=True, help="Estimator to use."
)
@click.option("--table", "table", type=click.Path(dir_okay=False), default=None,
              help="Capture-history CSV (0/1 column per list, then count). "
                   "Without it, the linked people in --db are counted.")  # fmt: skip
@database_option
@click.option("--by", default=None,
              help="Estimate each stratum, then the total: a column of --table, "
                   "or region, sex or period for the ledger.")  # fmt: skip
@click.option("--plot", type=click.Path(dir_okay=False), default=None,
              help="Write the posterior / model comparison to this PNG.")  # fmt: skip
@click.option("--criterion", type=click.Choice(["aic", "bic"]), default="aic", show_default=True,
              help="loglinear: how to choose the model.")  # fmt: skip
@click.option("--search", type=click.Choice(["auto", "all", "stepwise"]), default="auto",
              show_default=True, help="loglinear: every model, or stepwise.")  # fmt: skip
@click.option("--model", "interactions", default=None,
              help="loglinear: fit only this model, e.g. 'A*B, A*C' (list names).")  # fmt: skip
@click.option("--delta", type=float, default=None, help="dga: hyper-Dirichlet prior (2^-k).")
@click.option("--prior-a", type=float, default=None, help="dga: negative-binomial prior a.")
@click.option("--prior-b", type=float, default=None, help="dga: negative-binomial prior b.")
@click.option("--burn-in", type=int, default=10_000, show_default=True, help="lcmcr: burn-in.")
@click.option("--samples", type=int, default=1_000, show_default=True, help="lcmcr: draws kept.")
@click.option("--thin", type=int, default=10, show_default=True, help="lcmcr: keep 1 in THIN.")
@click.option("--chains", type=int, default=2, show_default=True, help="lcmcr: chains run.")
@click.option("--seed", type=int, default=0, show_default=True, help="lcmcr: random seed.")
def estimate_command(
    method: str,
    table: str | None,
    db: str,
    by: str | None,
    plot: str | None,
    criterion: str,
    search: str,
    interactions: str | None,
    delta: float | None,
    prior_a: float | None,
    prior_b: float | None,
    burn_in: int,
    samples: int,
    thin: int,
    chains: int,
    seed: int,
) -> None:
    """Estimate how many people were never documented on any list.

    Reads a capture-history table (--table) or the people linked across the
    victims' lists in the ledger, and prints the estimated total, its
    interval, the documented count and the estimated undocumented.
    """
    # Imported here: statsmodels and friends take seconds to load, and every
    # other command would pay for them.
    from tollbook.estimation import EstimationOptions, SamplerSettings, estimate_population

    options = EstimationOptions(
        criterion=criterion,
        search=search,
        interactions=interactions,
        delta=delta,
        prior_a=prior_a,
        prior_b=prior_b,
        sampler=SamplerSettings(
            burn_in=burn_in, samples=samples, thin=thin, chains=chains, seed=seed
        ),
    )
    try:
        results = estimate_population(
            method, table_path=table, db=None if table else db, by=by, options=options, plot=plot
        )
    except TollbookError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Method: {METHOD_NAMES[method]}.")
    for result in results:
        click.echo("")
        click.echo(describe(result))
    if plot:
        click.echo(f"\nPlot written to {plot}.")
    if not any(r.ok for r in results):
        raise SystemExit(1)


def describe(result: PopulationEstimate) -> str:
    """The estimate in plain sentences."""
    lines = []
    if result.stratum is not None:
        lines.append(f"== {result.stratum} ==")
    lines.append(f"Documented: {result.documented:,} people are on at least one list.")
    if not result.ok:
        lines.append(f"No estimate: {result.problem}.")
        lines.append("The lists cannot say how many people they missed with this model.")
    else:
        lines.append(f"Model: {result.model}.")
        undocumented = result.undocumented or 0.0
        if result.lower is None:
            lines.append(f"Estimated total: {_number(result.estimate)} people (no interval).")
            lines.append(f"Estimated undocumented: {_number(undocumented)}.")
            lines.extend(f"Caution: {warning}." for warning in result.warnings)
            return "\n".join(lines)
        lines.append(
            f"Estimated total: {_number(result.estimate)} people "
            f"({result.interval}: {_number(result.lower)} to {_number(result.upper)})."
        )
        low = (result.lower or result.documented) - result.documented
        high = (result.upper or math.inf) - result.documented
        lines.append(
            f"Estimated undocumented: {_number(undocumented)} "
            f"({_number(max(low, 0.0))} to {_number(high)})."
        )
        lines.append(
            f"In words: besides the {result.documented:,} people documented, about "
            f"{_number(undocumented)} more were probably never recorded on any list; "
            f"the number missed is plausibly between {_number(max(low, 0.0))} "
            f"and {_number(high)}."
        )
    for warning in result.warnings:
        lines.append(f"Caution: {warning}.")
    return "\n".join(lines)


def _number(value: float | None) -> str:
    if value is None:
        return "unknown"
    if math.isinf(value):
        return "no upper limit"
    return f"{value:,.0f}"
