"""`tollbook event ...`: create events and put documents and claims in them."""

from __future__ import annotations

import re

import click

from tollbook.cli.main import cli, database_option, open_store
from tollbook.models import Event


@cli.group()
def event() -> None:
    """Create events and assign documents and claims to them."""


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@event.command("create")
@click.argument("name")
@click.option("--slug", help="Short id used in URLs and commands (default: from the name).")
@click.option("--start", "start_date", help="First day, YYYY-MM-DD.")
@click.option("--end", "end_date", help="Last day, YYYY-MM-DD.")
@click.option("--place", "places", multiple=True, help="A place keyword (repeatable).")
@click.option("--part-of", help="The wider conflict, as the infobox's partof.")
@click.option(
    "--assign/--no-assign",
    default=True,
    show_default=True,
    help="Assign stored documents that name one of the places.",
)
@database_option
def event_create(
    name: str,
    slug: str | None,
    start_date: str | None,
    end_date: str | None,
    places: tuple[str, ...],
    part_of: str | None,
    assign: bool,
    db: str,
) -> None:
    """Create an event called NAME."""
    with open_store(db) as store:
        created = store.create_event(
            Event(name, slug or slugify(name), start_date, end_date, list(places), part_of)
        )
        count = (
            store.assign_documents(created.id or 0, store.matching_documents(created))
            if assign
            else 0
        )
    click.echo(f"created event {created.slug} (id {created.id}); {count} documents assigned")


@event.command("list")
@database_option
def event_list(db: str) -> None:
    """List events."""
    with open_store(db) as store:
        for e in store.events():
            dates = " – ".join(d for d in (e.start_date, e.end_date) if d)
            click.echo(f"{e.slug}\t{e.name}\t{dates}")


@event.command("assign")
@click.argument("event_ref")
@click.option("--doc", "doc_ids", multiple=True, help="A document id (repeatable).")
@click.option("--claim", "claim_ids", multiple=True, type=int, help="A claim id (repeatable).")
@click.option("--matching", is_flag=True, help="All documents naming one of the event's places.")
@database_option
def event_assign(
    event_ref: str, doc_ids: tuple[str, ...], claim_ids: tuple[int, ...], matching: bool, db: str
) -> None:
    """Assign documents or claims to the event EVENT_REF (slug or id)."""
    with open_store(db) as store:
        found = store.get_event(event_ref)
        docs = list(doc_ids) + (store.matching_documents(found) if matching else [])
        added = store.assign_documents(found.id or 0, docs)
        moved = store.assign_claims(found.id or 0, claim_ids) if claim_ids else 0
    click.echo(f"{added} documents and {moved} claims assigned to {found.slug}")
