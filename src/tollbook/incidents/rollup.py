"""Reconciliation per incident, rolled up to the event without double counting.

Each incident is reconciled on its own claims with the ordinary
`tollbook.reconcile.reconcile` (every claim in it counts as incident-wide, so
the place a claim names does not split it again).  Rolling up then answers
"how many, in all?" for each outcome and victim group:

    rolled(incident) = max(own figure, sum of rolled(children))    per bound

An incident's own claims speak of its whole footprint, children included (the
monitor's "745 civilians across the coast" already contains the 60 of
Baniyas), so they are never added to the children's figures; the children are
disjoint (a claim belongs to exactly one incident), so their figures add up.
Taking the larger of the two keeps every bound a figure someone reported or a
sum of such figures, and each `Rolled` says which one it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tollbook.incidents.grouping import Incident
from tollbook.models import Document, Event
from tollbook.reconcile import Reconciliation, Tally, reconcile
from tollbook.reconcile.groups import normalise_group

BOUNDS = ("low", "best", "high")


@dataclass
class Rolled:
    """One outcome and group of an incident, with its nested incidents counted in."""

    outcome: str
    group: str
    low: int
    best: int
    high: int
    own: Tally | None  # the incident's own reconciled tally, if its claims give one
    basis: dict[str, str] = field(default_factory=dict)  # bound -> "own" | "nested"
    nested: int = 0  # how many nested incidents report this outcome and group


@dataclass
class IncidentReconciliation:
    incident: Incident
    reconciliation: Reconciliation
    rolled: list[Rolled]
    children: list[IncidentReconciliation]

    def walk(self) -> list[IncidentReconciliation]:
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found

    def get(self, outcome: str, group: str) -> Rolled | None:
        return next((r for r in self.rolled if (r.outcome, r.group) == (outcome, group)), None)

    def killed(self) -> list[Rolled]:
        return [r for r in self.rolled if r.outcome == "killed"]


def _own(incident: Incident, event: Event, documents: dict[str, Document]) -> Reconciliation:
    incident_wide = [replace(c, place=None) for c in incident.claims]
    return reconcile(event, incident_wide, {c.doc_id: documents[c.doc_id] for c in incident_wide})


def reconcile_incidents(
    root: Incident, event: Event, documents: dict[str, Document]
) -> IncidentReconciliation:
    """Reconcile every incident of the tree and roll the figures up to the root."""
    children = [reconcile_incidents(child, event, documents) for child in root.children]
    own = _own(root, event, documents)
    keys: dict[tuple[str, str], Tally | None] = {
        (t.outcome, normalise_group(t.group)): t for t in own.tallies
    }
    for child in children:
        for r in child.rolled:
            keys.setdefault((r.outcome, r.group), None)
    rolled = []
    for (outcome, group), tally in sorted(keys.items()):
        parts = [c.get(outcome, group) for c in children]
        nested = [p for p in parts if p is not None]
        values: dict[str, int] = {}
        basis: dict[str, str] = {}
        for bound in BOUNDS:
            mine = getattr(tally, bound).value if tally else 0
            summed = sum(getattr(p, bound) for p in nested)
            values[bound] = max(mine, summed)
            basis[bound] = "own" if tally is not None and mine >= summed else "nested"
        # The best guess never leaves the range the other two bounds draw.
        values["best"] = min(max(values["best"], values["low"]), values["high"])
        rolled.append(Rolled(outcome, group, **values, own=tally, basis=basis, nested=len(nested)))
    return IncidentReconciliation(root, own, rolled, children)
