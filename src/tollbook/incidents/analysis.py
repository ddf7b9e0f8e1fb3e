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
    total: tuple[int, int, int] = (0, 0, 0)  # low, best, high with nested incidents counted

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

    def row(self, incident: Incident) -> Row:
        return next(r for r in self.rows if r.incident.key == incident.key)

    @property
    def total(self) -> tuple[int, int, int]:
        """Deaths in the whole event (low, best, high), nobody counted twice."""
        return self.row(self.root).total


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


Totals = tuple[int, int, int]


def _totals(node: IncidentReconciliation, into: dict[str, Totals]) -> Totals:
    """Deaths of an incident with its nested ones: never less than theirs added up.

    `deaths` reads each incident's groups conservatively (a side counts its
    largest group), which is not additive across incidents; taking the larger
    of an incident's own reading and its children's sum keeps the tree
    consistent, so that the rows of a dataset add up to the event's total.
    """
    nested = [_totals(child, into) for child in node.children]
    own = deaths(node.rolled)[:3]
    total = tuple(max(own[n], sum(t[n] for t in nested)) for n in range(3))
    into[node.incident.key] = total  # type: ignore[assignment]
    return total  # type: ignore[return-value]


def _residual(
    node: IncidentReconciliation, totals: dict[str, Totals]
) -> tuple[int, int, int, dict[int, int], int]:
    """What an incident adds to its nested incidents: its row in a dataset."""
    mine = totals[node.incident.key]
    nested = [totals[child.incident.key] for child in node.children]
    low, best, high = (mine[n] - sum(t[n] for t in nested) for n in range(3))
    _, _, _, sides, unknown = deaths(node.rolled)
    for child in node.children:
        _, _, _, child_sides, child_unknown = deaths(child.rolled)
        for side, value in child_sides.items():
            sides[side] = sides.get(side, 0) - value
        unknown -= child_unknown
    sides = {s: v for s, v in sides.items() if v > 0}
    return low, best, high, sides, max(unknown, 0)


def analyse(
    rec: Reconciliation, claims: list[Claim] | None = None, with_actors: bool = True
) -> Analysis:
    """Incidents, roll-up, actors and coding of a reconciled event."""
    if claims is None:
        claims = list({id(f.claim): f.claim for t in rec.tallies for f in t.figures}.values())
    documents = rec.documents
    root = group_incidents(claims, documents, rec.event)
    result = reconcile_incidents(root, rec.event, documents)
    totals: dict[str, Totals] = {}
    _totals(result, totals)
    rows = []
    for node in result.walk():
        incident = node.incident
        found = incident_actors(incident, documents) if with_actors else []
        coding = code_incident(incident, found)
        low, best, high, sides, unknown = _residual(node, totals)
        rows.append(
            Row(incident, node, found, coding, low, best, high, sides, unknown,
                totals[incident.key])
        )  # fmt: skip
    rows.sort(key=lambda r: (r.incident.day, r.incident.level != "event", r.incident.name))
    people = commanders(documents.values()) if with_actors else []
    return Analysis(rec.event, root, result, rows, documents, people)


def day_label(day: date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"
