"""`tollbook demo`: the main job on the bundled March 2025 western Syria corpus."""

from __future__ import annotations

import click

from tollbook.cli.main import cli, database_option, open_store
from tollbook.demo import DEMO_EVENT, corpus_path
from tollbook.exports import infobox
from tollbook.pipeline import build_event
from tollbook.reconcile import render_text


@cli.command()
@click.option("--quiet", is_flag=True, help="No progress bars.")
@database_option
def demo(quiet: bool, db: str) -> None:
    """Ingest the bundled demo reports, extract, reconcile and print the infobox."""
    with open_store(db) as store:
        report = build_event(store, [str(corpus_path())], DEMO_EVENT, progress=not quiet)
    ingested = report.ingest
    click.echo(
        f"ingested {len(ingested.added)} new documents "
        f"({len(ingested.already_stored)} already stored, "
        f"{len(ingested.failed)} failed); {report.extract.claims} claims from "
        f"{report.extract.documents} documents; {report.assigned} documents newly in "
        f"{report.event.slug}",
        err=True,
    )
    click.echo(render_text(report.reconciliation))
    click.echo(infobox(report.reconciliation))
