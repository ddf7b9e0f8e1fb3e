"""`tollbook ingest PATH_OR_URL...`: read reports into the ledger."""

from __future__ import annotations

import click

from tollbook.cli.main import cli, database_option, open_store
from tollbook.ingest import ingest
from tollbook.sources import DEFAULT_MAX_BYTES, ReadOptions
from tollbook.sources.files import parse_size


@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option(
    "--max-size",
    default=f"{DEFAULT_MAX_BYTES // (1024 * 1024)}MB",
    show_default=True,
    help="Refuse inputs larger than this (per line for JSON Lines), e.g. 500KB, 200MB.",
)
@click.option("--encoding", help="Charset for non-UTF-8 inputs that declare none, e.g. cp1256.")
@click.option("--timeout", default=20.0, show_default=True, help="Seconds to wait for a URL.")
@click.option("--progress/--no-progress", default=True, help="Progress bar on long ingests.")
@database_option
def ingest_command(
    inputs: tuple[str, ...],
    max_size: str,
    encoding: str | None,
    timeout: float,
    progress: bool,
    db: str,
) -> None:
    """Read text, HTML, wikitext, JSON (Lines) and RSS/Atom files, directories and URLs.

    A text file may open with "Title:", "Publisher:", "Published:" and "URL:"
    lines and a blank line: they become the report's metadata.  Re-ingesting
    the same text adds nothing.  Each failed input is reported on its own line;
    the rest are still stored.  Exits with status 1 when some inputs failed.
    """
    try:
        options = ReadOptions(max_bytes=parse_size(max_size), timeout=timeout, encoding=encoding)
    except ValueError as error:  # a bad --max-size or --encoding
        raise click.UsageError(str(error)) from None
    with open_store(db) as store:
        report = ingest(store, inputs, progress=progress, options=options)
    for failure in report.failed:
        click.echo(f"error: {failure.source}: {failure.problem}", err=True)
    click.echo(report.summary())
    if not report.ok:
        raise SystemExit(1)
