"""Reconciliation: competing figures into low / best / high, with their sources."""

from tollbook.reconcile.report import render_text
from tollbook.reconcile.tally import (
    Bound,
    Contradiction,
    Figure,
    Reconciliation,
    SourceCurve,
    Tally,
    format_figure,
    reconcile,
    reconcile_event,
    revise,
)

__all__ = [
    "Bound",
    "Contradiction",
    "Figure",
    "Reconciliation",
    "SourceCurve",
    "Tally",
    "format_figure",
    "reconcile",
    "reconcile_event",
    "render_text",
    "revise",
]
