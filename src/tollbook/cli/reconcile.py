"""`tollbook reconcile EVENT`: low / best / high per outcome and group, explained."""

from __future__ import annotations

import click

from tollbook.cli.main import cli, database_option, open_store
from tollbook.exports import to_json
from tollbook.reconcile import reconcile_event, render_text


@cli.command()
@click.argument("event_ref")
@click.option("--json", "as_json", is_flag=True, help="Print the reconciliation as JSON.")
@database_option
def reconcile(event_ref: str, as_json: bool, db: str) -> None:
    """Reconcile the figures of the event EVENT_REF (slug or id)."""
    with open_store(db) as store:
        rec = reconcile_event(store, store.get_event(event_ref))
    click.echo(to_json(rec) if as_json else render_text(rec), nl=False)
