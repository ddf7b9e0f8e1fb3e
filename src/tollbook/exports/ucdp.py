"""UCDP-GED-style events CSV: one row per incident, in the GED's columns.

The GED's own identifiers (conflict, dyad and side ids, Gleditsch–Ward country
numbers) belong to UCDP's registers and are left empty rather than invented.
Everything the reports support is filled: `type_of_violence` (1 state-based,
2 non-state, 3 one-sided) from the incident's ACLED coding, `best`/`low`/`high`
and the deaths per side (`deaths_a` the state's side, `deaths_b` the armed
group's, `deaths_civilians`, `deaths_unknown`), `where_prec` (1 the place, 4 a
province, 6 the country), `date_prec` (1 a day, 2 two to six days, 3 a week,
4 a month, 5 longer), the number of sources and their articles, and the
PRIO-GRID cell of the point.  As in the ACLED export, each row carries only
the deaths its incident adds to those nested in it.
"""

from __future__ import annotations

import csv
import io
import math

from tollbook.exports.acled import incident_country
from tollbook.incidents.analysis import Analysis, Row
from tollbook.incidents.countries import country
from tollbook.incidents.footprint import EVENT, REGIONAL

UCDP_COLUMNS = [
    "id", "relid", "year", "active_year", "code_status", "type_of_violence",
    "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id",
    "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id",
    "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates",
    "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "high", "low", "gwnoa", "gwnob",
]  # fmt: skip

UCDP_REGIONS = {
    "Middle East": "Middle East",
    "Europe": "Europe",
    "North America": "Americas",
    "South America": "Americas",
    "Central America": "Americas",
    "Caribbean": "Americas",
}


def priogrid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell (0.5 degree squares numbered from the south-west corner)."""
    row = min(int(math.floor((lat + 90) / 0.5)), 359) + 1
    col = min(int(math.floor((lon + 180) / 0.5)), 719) + 1
    return (row - 1) * 720 + col


def where_prec(row: Row) -> int:
    inc = row.incident
    if inc.location is None or inc.level == EVENT:
        return 6
    if inc.level == REGIONAL:
        return 4
    given = inc.location.get("precision")
    return 2 if given == 2 else 1


def date_prec(row: Row) -> int:
    days = (row.incident.end - row.incident.start).days + 1
    if days == 1:
        return 1 if row.incident.dated else 2
    if days <= 6:
        return 2
    if days <= 7:
        return 3
    return 4 if days <= 31 else 5


def violence_type(row: Row) -> int:
    coding = row.coding
    if coding.event_type == "Violence against civilians":
        return 3
    return 1 if 1 in (coding.inter1, coding.inter2) else 2


def ucdp_rows(analysis: Analysis) -> list[dict[str, object]]:
    rows = []
    for number, row in enumerate((r for r in analysis.rows if r.incident.claims), start=1):
        inc, coding = row.incident, row.coding
        info = country(incident_country(row, analysis))
        loc = inc.location or {}
        docs = [analysis.documents[d] for d in inc.doc_ids if d in analysis.documents]
        # The sides share the row's best figure (civilians first, as the reports
        # count them most): the columns add up to `best`, and `best` across rows
        # to the event's total.
        best, remaining = row.best, row.best
        split = {}
        for side in (3, 1, 2):
            split[side] = min(row.by_side.get(side, 0), remaining)
            remaining -= split[side]
        deaths_a, deaths_b, deaths_civ, unknown = split[1], split[2], split[3], remaining
        lat, lon = loc.get("lat"), loc.get("lon")
        located = lat is not None and lon is not None
        side_a = (
            f"Government of {info.name}"
            if info and 1 in (coding.inter1, coding.inter2)
            else coding.actor1
        )
        side_b = coding.actor2 if side_a != coding.actor2 else coding.actor1
        rows.append(
            {
                "id": number,
                "relid": inc.key,
                "year": inc.start.year,
                "active_year": "",
                "code_status": "Clear" if inc.level != EVENT else "Check",
                "type_of_violence": violence_type(row),
                "conflict_name": analysis.event.name,
                "dyad_name": f"{side_a} - {side_b}" if side_b else side_a,
                "side_a": side_a,
                "side_b": side_b,
                "number_of_sources": len(docs),
                "source_article": "; ".join(
                    f"{d.publisher or ''},{(d.published or '')[:10]},'{d.title or ''}'"
                    for d in docs
                ),
                "source_office": "; ".join(dict.fromkeys(d.publisher or "" for d in docs)),
                "source_date": "; ".join((d.published or "")[:10] for d in docs),
                "source_headline": "; ".join(d.title or "" for d in docs),
                "source_original": "; ".join(
                    dict.fromkeys(c.attributed_to for c in inc.claims if c.attributed_to)
                ),
                "where_prec": where_prec(row),
                "where_coordinates": loc.get("name") or inc.place or (info.name if info else ""),
                "where_description": inc.name,
                "adm_1": loc.get("admin1") or "",
                "adm_2": loc.get("admin2") or "",
                "latitude": lat if located else "",
                "longitude": lon if located else "",
                "geom_wkt": f"POINT ({lon} {lat})" if located else "",
                "priogrid_gid": priogrid(float(lat), float(lon)) if located else "",  # type: ignore[arg-type]
                "country": info.name if info else "",
                "region": UCDP_REGIONS.get(
                    info.region, "Africa" if "Africa" in info.region else "Asia"
                )
                if info
                else "",
                "event_clarity": 1 if inc.level != EVENT else 2,
                "date_prec": date_prec(row),
                "date_start": inc.start.isoformat(),
                "date_end": inc.end.isoformat(),
                "deaths_a": deaths_a,
                "deaths_b": deaths_b,
                "deaths_civilians": deaths_civ,
                "deaths_unknown": unknown,
                "best": best,
                "high": row.high,
                "low": row.low,
            }
        )
    return rows


def to_ucdp_csv(analysis: Analysis) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=UCDP_COLUMNS, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(ucdp_rows(analysis))
    return out.getvalue()
