"""`tollbook compare EVENT --with FILE.csv`: the ledger against an ACLED or UCDP-GED export."""

from __future__ import annotations

import click

from tollbook.cli.main import cli, database_option, open_store


@cli.command("compare")
@click.argument("event_ref")
@click.option(
    "--with",
    "dataset_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="An ACLED or UCDP-GED CSV export.",
)
@database_option
def compare_command(event_ref: str, dataset_path: str, db: str) -> None:
    """Compare the incidents of EVENT_REF (slug or id) with a dataset's events."""
    from tollbook.compare import compare_event, render_comparison  # loads the NLP stack

    with open_store(db) as store:
        result = compare_event(store, event_ref, dataset_path)
    click.echo(render_comparison(result), nl=False)
