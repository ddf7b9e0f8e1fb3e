"""The exports built on incidents: ACLED and UCDP-GED CSV, GeoJSON, the dossier.

They share one analysis of the reconciliation (incidents, roll-up, actors), so
`render_incident_format` is the single entry `tollbook.exports.render` calls.
"""

from __future__ import annotations

from tollbook.errors import ExportError
from tollbook.reconcile import Reconciliation

INCIDENT_FORMATS = ("acled", "ucdp", "geojson", "dossier-md", "dossier-wiki")


def render_incident_format(rec: Reconciliation, fmt: str) -> str:
    from tollbook.exports.acled import to_acled_csv
    from tollbook.exports.dossier import build_dossier, to_markdown, to_wikitext
    from tollbook.exports.geojson import to_geojson
    from tollbook.exports.ucdp import to_ucdp_csv
    from tollbook.incidents.analysis import analyse

    if fmt not in INCIDENT_FORMATS:
        raise ExportError(f"unknown incident export {fmt!r} (one of {', '.join(INCIDENT_FORMATS)})")
    if not any(t.figures for t in rec.tallies):
        raise ExportError(f"{rec.event.slug}: no claims to group into incidents")
    analysis = analyse(rec, with_actors=fmt != "geojson")
    if fmt == "acled":
        return to_acled_csv(analysis)
    if fmt == "ucdp":
        return to_ucdp_csv(analysis)
    if fmt == "geojson":
        return to_geojson(analysis)
    dossier = build_dossier(rec, analysis)
    return to_markdown(dossier) if fmt == "dossier-md" else to_wikitext(dossier)
