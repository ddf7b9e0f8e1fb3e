"""One call from a reconciliation to everything the incident exports need.

`analyse(rec)` groups the reconciliation's claims into incidents, reconciles
and rolls them up, finds each incident's actors and ACLED coding, and gives
each incident its own figures for the exports: the *residual* of an incident
is what its own claims add beyond its nested incidents, so that rows of a
dataset (one per incident) add up to the event's total and no death is
counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tollbook.actors import Actor, Coding, code_incident, commanders, incident_actors
from tollbook.incidents.grouping import Incident, group_incidents
from tollbook.incidents.rollup import IncidentReconciliation, Rolled, reconcile_incidents
from tollbook.models import Claim, Document, Event
from tollbook.reconcile import Reconciliation
from tollbook.reconcile.groups import parent_group, side_of


@dataclass
class Row:
    """An incident as one row of an event dataset, with figures not counted elsewhere."""

    incident: Incident
    result: IncidentReconciliation
    actors: list[Actor]
    coding: Coding
    low: int  # deaths this incident adds, by the most conservative reading
    best: int
    high: int
    by_side: dict[int, int] = field(default_factory=dict)  # best deaths per side 1/2/3
    unknown: int = 0  # best deaths of no stated side

    @property
    def documents(self) -> list[str]:
        return self.incident.doc_ids


@dataclass
class Analysis:
    event: Event
    root: Incident
    result: IncidentReconciliation
    rows: list[Row]
    documents: dict[str, Document]
    commanders: list[Actor]

    def incidents(self) -> list[Incident]:
        return list(self.root.walk())


def _top_groups(rolled: list[Rolled]) -> list[Rolled]:
    """Killed tallies whose broader group is not also counted (no sub-group twice)."""
    groups = {r.group for r in rolled}
    top = []
    for r in rolled:
        parent = parent_group(r.group)
        covered = False
        while parent is not None:
            if parent in groups and parent != "total":
                covered = True
            parent = parent_group(parent)
        if not covered and r.group != "total":
            top.append(r)
    return top


def deaths(rolled: list[Rolled]) -> tuple[int, int, int, dict[int, int], int]:
    """(low, best, high, best per side, best of no stated side) of the killed, no one twice.

    Groups of different sides (the state's forces, armed groups, civilians)
    add up.  Groups of one side may overlap ("civilians", "Alawite men",
    "Alawite civilians"), so a side counts its largest group only, the
    conservative reading.  A total, and a figure whose group is not stated,
    may overlap any group, so they count only for what they add beyond.
    """
    killed = [r for r in rolled if r.outcome == "killed"]
    wholes = [r for r in killed if r.group in ("total", "unspecified")]
    parts = [r for r in _top_groups(killed) if r.group not in ("total", "unspecified")]
    per_side: dict[int, list[int]] = {}
    for r in parts:
        side = per_side.setdefault(side_of(r.group), [0, 0, 0])
        for n, bound in enumerate(("low", "best", "high")):
            side[n] = max(side[n], getattr(r, bound))
    by_side = {side: bounds[1] for side, bounds in per_side.items()}
    sums = [sum(b[n] for b in per_side.values()) for n in range(3)]
    for whole in wholes:
        sums = [
            max(s, getattr(whole, b)) for s, b in zip(sums, ("low", "best", "high"), strict=True)
        ]
    unknown = max(0, sums[1] - sum(by_side.values()))
    return sums[0], sums[1], sums[2], by_side, unknown


def _residual(node: IncidentReconciliation) -> tuple[int, int, int, dict[int, int], int]:
    low, best, high, sides, unknown = deaths(node.rolled)
    nested = [deaths(child.rolled) for child in node.children]
    low -= sum(n[0] for n in nested)
    best -= sum(n[1] for n in nested)
    high -= sum(n[2] for n in nested)
    for n in nested:
        for side, value in n[3].items():
            sides[side] = sides.get(side, 0) - value
        unknown -= n[4]
    sides = {s: v for s, v in sides.items() if v > 0}
    return max(low, 0), max(best, 0), max(high, 0), sides, max(unknown, 0)


def analyse(
    rec: Reconciliation, claims: list[Claim] | None = None, with_actors: bool = True
) -> Analysis:
    """Incidents, roll-up, actors and coding of a reconciled event."""
    if claims is None:
        claims = list({id(f.claim): f.claim for t in rec.tallies for f in t.figures}.values())
    documents = rec.documents
    root = group_incidents(claims, documents, rec.event)
    result = reconcile_incidents(root, rec.event, documents)
    rows = []
    for node in result.walk():
        incident = node.incident
        found = incident_actors(incident, documents) if with_actors else []
        coding = code_incident(incident, found)
        low, best, high, sides, unknown = _residual(node)
        rows.append(Row(incident, node, found, coding, low, best, high, sides, unknown))
    rows.sort(key=lambda r: (r.incident.day, r.incident.level != "event", r.incident.name))
    people = commanders(documents.values()) if with_actors else []
    return Analysis(rec.event, root, result, rows, documents, people)


def day_label(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"
