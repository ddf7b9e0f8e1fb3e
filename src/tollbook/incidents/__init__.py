"""Incidents: the claims of an event grouped by what happened where and when.

`group_incidents` builds the tree (event → regional → local incidents) from
claims, `reconcile_incidents` reconciles each incident and rolls the figures up
without counting a death twice, `save_incidents` / `load_incidents` keep the
tree in the store.
"""

from tollbook.incidents.grouping import (
    EVENT,
    LOCAL,
    REGIONAL,
    Incident,
    Verdict,
    flatten,
    group_incidents,
    same_incident,
)
from tollbook.incidents.rollup import IncidentReconciliation, Rolled, reconcile_incidents

__all__ = [
    "EVENT",
    "LOCAL",
    "REGIONAL",
    "Incident",
    "IncidentReconciliation",
    "Rolled",
    "Verdict",
    "flatten",
    "group_incidents",
    "reconcile_incidents",
    "same_incident",
]
