"""Outputs of a reconciled event: infobox wikitext, JSON, CSV, a timeline PNG."""

from __future__ import annotations

from pathlib import Path

from tollbook.errors import ExportError
from tollbook.exports.data import to_csv, to_dict, to_json
from tollbook.exports.incident_formats import INCIDENT_FORMATS, render_incident_format
from tollbook.exports.infobox import infobox
from tollbook.exports.timeline import timeline_png
from tollbook.reconcile import Reconciliation

FORMATS = ("infobox", "json", "csv", "timeline-png", *INCIDENT_FORMATS)


def render(rec: Reconciliation, fmt: str, path: Path | None = None) -> str | Path:
    """One export by name: text for the text formats, the written path for images."""
    if fmt == "infobox":
        return infobox(rec)
    if fmt == "json":
        return to_json(rec)
    if fmt == "csv":
        return to_csv(rec)
    if fmt == "timeline-png":
        if path is None:
            raise ExportError("a timeline PNG needs a file to write to")
        return timeline_png(rec, path)
    if fmt in INCIDENT_FORMATS:
        return render_incident_format(rec, fmt)
    raise ExportError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")


__all__ = ["FORMATS", "infobox", "render", "timeline_png", "to_csv", "to_dict", "to_json"]
