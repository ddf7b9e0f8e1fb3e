"""`tollbook export EVENT --format ...`: infobox, JSON, CSV or a timeline PNG."""

from __future__ import annotations

from pathlib import Path

import click

from tollbook.cli.main import cli, database_option, open_store
from tollbook.exports import FORMATS, render
from tollbook.reconcile import reconcile_event


@cli.command()
@click.argument("event_ref")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="infobox", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (required for timeline-png; default: stdout).",
)
@database_option
def export(event_ref: str, fmt: str, output: Path | None, db: str) -> None:
    """Export the event EVENT_REF (slug or id) in one of the formats."""
    with open_store(db) as store:
        rec = reconcile_event(store, store.get_event(event_ref))
        if fmt == "timeline-png" and output is None:
            raise click.UsageError("timeline-png needs -o FILE.png")
        result = render(rec, fmt, output)
    if isinstance(result, Path):
        click.echo(f"wrote {result}", err=True)
    elif output is not None:
        output.write_text(result, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(result, nl=False)
