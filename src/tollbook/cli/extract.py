"""`tollbook extract`: casualty claims from a docs.jsonl file or from stored documents."""

from __future__ import annotations

import click

from tollbook.cli.main import cli, database_option, open_store
from tollbook.errors import TollbookError


@cli.command("extract")
@click.argument("docs", required=False, type=click.Path(dir_okay=False), metavar="[DOCS.jsonl]")
@click.option(
    "-o", "--output", default="-", show_default=True, help="Claims JSON Lines file ('-': stdout)."
)
@click.option("--event", "event_slug", help="With no DOCS: only the documents of this event.")
@click.option("--progress/--no-progress", default=True, help="Progress bar on long inputs.")
@database_option
def extract_command(
    docs: str | None, output: str, event_slug: str | None, progress: bool, db: str
) -> None:
    """Extract every casualty figure with its quote, outcome, group and source.

    With DOCS.jsonl (doc_id, text, url, title, publisher, published per line),
    write one claim per line to --output.  Without it, extract the documents
    stored in --db and save their claims (replacing unreviewed machine claims).
    Exits with status 1 when some input lines could not be read.
    """
    if docs is not None:
        if event_slug:
            raise click.UsageError("--event applies to stored documents; drop DOCS.jsonl")
        from tollbook.extraction.files import extract_jsonl

        try:
            report = extract_jsonl(docs, output, progress=progress)
        except TollbookError as exc:
            raise click.ClickException(str(exc)) from exc
        for failure in report.failed:
            click.echo(f"error: {failure.source}: {failure.problem}", err=True)
        click.echo(report.summary(), err=True)
        if not report.ok:
            raise SystemExit(1)
        return
    from tollbook.pipeline import extract_stored

    with open_store(db) as store:
        event_id = store.get_event(event_slug).id if event_slug else None
        result = extract_stored(store, event_id=event_id, progress=progress)
    click.echo(f"{result.claims} claims from {result.documents} documents")
