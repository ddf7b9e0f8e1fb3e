"""`tollbook victims ...`: import lists, link them into people, review doubtful pairs."""

from __future__ import annotations

from pathlib import Path

import click

from tollbook.cli.main import cli, database_option
from tollbook.errors import TollbookError


def _store(db: str):  # type: ignore[no-untyped-def]
    from tollbook.store import Store

    return Store.open(db)


@cli.group()
def victims() -> None:
    """Named victims' lists: import, link into people, review, capture histories."""


@victims.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--list", "list_name", required=True, help="Name of the list (e.g. the group).")
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Which column holds a field (full_name, alt_name, given_name, father_name, "
    "family_name, sex, age, birth_date, death_date, death_place, record_ref, ...).",
)
@database_option
def import_command(file: Path, list_name: str, mapping: tuple[str, ...], db: str) -> None:
    """Import a list of named victims (CSV, XLSX or JSON Lines)."""
    from tollbook.victims import import_list
    from tollbook.victims.importer import parse_mapping

    try:
        report = import_list(_store(db), file, list_name, parse_mapping(list(mapping)))
    except TollbookError as exc:
        raise click.ClickException(str(exc)) from exc
    for line, problem in report.rejected:
        click.echo(f"{file}:{line}: {problem} (row left out)", err=True)
    if report.unchanged:
        click.echo(f"{list_name}: unchanged (this file was already imported)")
    else:
        click.echo(f"{list_name}: {report.imported} records, {len(report.rejected)} rows left out")


@victims.command("link")
@click.option(
    "--threshold",
    default=0.9,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="Match probability from which two records are one person.",
)
@click.option(
    "--charts",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory to save Splink's charts in (self-contained HTML).",
)
@database_option
def link_command(threshold: float, charts: Path | None, db: str) -> None:
    """Link the records of every list into people (Splink, DuckDB)."""
    from tollbook.victims import link

    try:
        report = link(_store(db), threshold=threshold, charts_dir=charts)
    except TollbookError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"{report.records} records -> {report.people} people "
        f"({report.pairs_scored} pairs scored, {report.doubtful} doubtful to review)"
    )
    for path in report.charts:
        click.echo(f"chart: {path}")


@victims.command("review-export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--low", default=0.5, show_default=True, type=click.FloatRange(0, 1))
@click.option("--high", default=0.9, show_default=True, type=click.FloatRange(0, 1))
@database_option
def review_export_command(file: Path, low: float, high: float, db: str) -> None:
    """Write the doubtful pairs to a CSV; fill its same_person column with yes or no."""
    from tollbook.victims.review import export_doubtful

    try:
        count = export_doubtful(_store(db), file, low, high)
    except TollbookError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{count} pairs to review written to {file}")


@victims.command("review-import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--reviewer", help="Who made the decisions.")
@database_option
def review_import_command(file: Path, reviewer: str | None, db: str) -> None:
    """Read reviewed pairs back; the next `victims link` obeys them."""
    from tollbook.victims.review import import_decisions

    try:
        count = import_decisions(_store(db), file, reviewer)
    except TollbookError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{count} decisions recorded; run `tollbook victims link` to apply them")


@victims.command("people")
@click.option(
    "--by", type=click.Choice(["region", "period", "sex"]), help="Stratify the capture histories."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the capture-history table as CSV.",
)
@database_option
def people_command(by: str | None, output: Path | None, db: str) -> None:
    """Print how many people are on which lists (the capture-history table)."""
    from tollbook.victims import capture_histories

    try:
        table = capture_histories(_store(db), by=by)
    except TollbookError as exc:
        raise click.ClickException(str(exc)) from exc
    if output is not None:
        table.to_csv(output, index=False)
        click.echo(f"{int(table['count'].sum())} people, {len(table)} patterns -> {output}")
    else:
        click.echo(table.to_string(index=False))
        click.echo(f"{int(table['count'].sum())} people")
