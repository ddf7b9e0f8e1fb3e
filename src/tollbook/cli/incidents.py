"""`tollbook incidents EVENT`: group an event's claims into incidents and list them."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from tollbook.cli.main import cli, database_option, open_store

if TYPE_CHECKING:
    from tollbook.incidents.analysis import Analysis


def _tree(analysis: Analysis) -> list[str]:
    rows = {r.incident.key: r for r in analysis.rows}
    lines = []

    def visit(incident, depth):  # type: ignore[no-untyped-def]
        row = rows[incident.key]
        if not incident.dated:
            dates = f"reported {incident.day.isoformat()}"
        else:
            dates = incident.start.isoformat()
            if incident.end != incident.start:
                dates += f"..{incident.end.isoformat()}"
        flag = "" if incident.resolved or incident.level == "event" else " [place not resolved]"
        low, best, high = row.total
        total = f"killed {low:,}/{best:,}/{high:,}" if row.result.killed() else "no deaths reported"
        lines.append(
            f"{'  ' * depth}{incident.name}{flag}  {dates}  {row.coding.event_type}  "
            f"{total}  ({len(incident.claims)} claims, {len(incident.doc_ids)} reports)"
        )
        for child in incident.children:
            visit(child, depth + 1)

    visit(analysis.root, 0)
    return lines


@cli.command()
@click.argument("event_ref")
@click.option("--save/--no-save", default=True, show_default=True, help="Store the incidents.")
@click.option("--json", "as_json", is_flag=True, help="Print the incidents as JSON.")
@database_option
def incidents(event_ref: str, save: bool, as_json: bool, db: str) -> None:
    """Group the claims of EVENT_REF (slug or id) into nested incidents and list them.

    Killed figures are low/best/high, counting nested incidents without double counting.
    """
    with open_store(db) as store:
        from tollbook.incidents.storage import build_incidents

        analysis = build_incidents(store, event_ref, save=save)
    if as_json:
        data = [
            {
                "key": r.incident.key,
                "parent": r.incident.parent_key,
                "level": r.incident.level,
                "name": r.incident.name,
                "start": r.incident.start.isoformat(),
                "end": r.incident.end.isoformat(),
                "location": r.incident.location,
                "event_type": r.coding.event_type,
                "sub_event_type": r.coding.sub_event_type,
                "claim_ids": [c.id for c in r.incident.claims],
                "killed": [
                    {"group": k.group, "low": k.low, "best": k.best, "high": k.high}
                    for k in r.result.killed()
                ],
            }
            for r in analysis.rows
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo("\n".join(_tree(analysis)))
