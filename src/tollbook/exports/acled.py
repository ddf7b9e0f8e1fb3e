"""ACLED-style events CSV: one row per incident, in ACLED's 31 columns and conventions.

Conventions followed (ACLED codebook): `event_date` as YYYY-MM-DD; `time_precision`
1 (the day is known), 2 (within a week), 3 (within a month or less precise);
`geo_precision` 1 (the town itself), 2 (near it, or a part of a place), 3 (a
larger region); numeric `inter1`/`inter2` codes with `interaction` the two
sorted and joined (17 = state forces against civilians); `iso` the numeric
ISO 3166-1 code; `fatalities` the most conservative figure (the lowest current
figure among the sources); `source` the publishers, `source_scale` from them;
`notes` written from the quotes, each with who reported it and when.

Incidents nest, so a row carries only the deaths its incident adds to the
incidents nested in it (see `incidents.analysis`): the fatalities column adds
up to the event's total without counting anyone twice.
"""

from __future__ import annotations

import csv
import io
import re
import time
from datetime import date

from tollbook.incidents.analysis import Analysis, Row, day_label
from tollbook.incidents.countries import country
from tollbook.incidents.footprint import REGIONAL
from tollbook.models import Document
from tollbook.reconcile.tally import format_figure

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip

INTERNATIONAL = re.compile(
    r"\b(associated press|AP|reuters|AFP|agence france|BBC|al jazeera|CNN|new york times|"
    r"guardian|washington post|united nations|UN|OHCHR|amnesty|human rights watch|"
    r"commission of inquiry|international)\b",
    re.I,
)
QUOTE_LIMIT = 220
MAX_NOTED_CLAIMS = 8


def incident_country(row: Row, analysis: Analysis) -> str | None:
    """The incident's country, else the one most of the event's incidents are in."""
    iso = (row.incident.location or {}).get("country_iso")
    if iso:
        return str(iso)
    found = [i.location.get("country_iso") for i in analysis.incidents() if i.location is not None]
    found = [f for f in found if f]
    return max(set(found), key=found.count) if found else None


def scale_of(doc: Document, country_name: str | None) -> str:
    text = f"{doc.publisher or ''} {doc.url or ''}"
    if INTERNATIONAL.search(text):
        return "International"
    if country_name and (
        country_name.lower() in text.lower() or country_name[:4].lower() in text.lower()
    ):
        return "National"
    return "Other"


def time_precision(row: Row) -> int:
    days = (row.incident.end - row.incident.start).days + 1
    if days == 1 and row.incident.dated:
        return 1
    return 2 if days <= 7 else 3


def geo_precision(row: Row) -> int | str:
    loc = row.incident.location
    if loc is None:
        return ""
    given = loc.get("precision")
    if isinstance(given, int) and given in (1, 2, 3):
        return given
    return 3 if row.incident.level == REGIONAL else 1


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > QUOTE_LIMIT:
        text = text[: QUOTE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return text


def notes(row: Row, analysis: Analysis) -> str:
    """What happened, from the quotes: a summary line, then each source's words."""
    inc, coding = row.incident, row.coding
    if not inc.dated:
        when = f"By {day_label(inc.end)}"
    elif inc.end != inc.start:
        when = f"between {day_label(inc.start)} and {day_label(inc.end)}"
    else:
        when = f"On {day_label(inc.start)}"
    place = inc.name if inc.level != "event" else "several places"
    who = coding.actor1 or "unidentified actors"
    whom = f" {coding.actor2}" if coding.actor2 else ""
    verb = {"Battles": "clashed with", "Violence against civilians": "attacked"}.get(
        coding.event_type, "were involved in violence against"
    )
    lead = f"{when[:1].upper()}{when[1:]}, {who} {verb}{whom or ' others'} in {place}."
    parts = [lead]
    shown = inc.claims[:MAX_NOTED_CLAIMS]
    for claim in shown:
        doc = analysis.documents.get(claim.doc_id)
        source = claim.attributed_to or (doc.publisher if doc else None) or "a report"
        reported = (doc.published or "")[:10] if doc else ""
        parts.append(
            f"{source} ({reported or 'undated'}): {format_figure(claim)} {claim.group} "
            f'{claim.outcome}, "{_sentence(claim.quote)}"'
        )
    if len(inc.claims) > len(shown):
        parts.append(f"And {len(inc.claims) - len(shown)} more claims in the ledger.")
    parts.append(f"Fatalities: {row.low}, the lowest current figure among the sources.")
    return " ".join(parts)


def acled_rows(analysis: Analysis, timestamp: int | None = None) -> list[dict[str, object]]:
    stamp = int(timestamp if timestamp is not None else time.time())
    rows = []
    number = 0
    for row in analysis.rows:
        inc = row.incident
        if not inc.claims:
            continue
        number += 1
        info = country(incident_country(row, analysis))
        loc = inc.location or {}
        docs = [analysis.documents[d] for d in inc.doc_ids if d in analysis.documents]
        publishers = list(dict.fromkeys(d.publisher or d.url or d.doc_id or "" for d in docs))
        scales = sorted({scale_of(d, info.name if info else None) for d in docs})
        tags = [f"tollbook incident {inc.key}", f"best={row.best}", f"high={row.high}"]
        if not inc.resolved and inc.level != "event":
            tags.append("place not resolved")
        coding = row.coding
        rows.append(
            {
                "event_id_cnty": f"{info.iso3 if info else 'XXX'}{number}",
                "event_date": inc.day.isoformat(),
                "year": inc.day.year,
                "time_precision": time_precision(row),
                "disorder_type": coding.disorder_type,
                "event_type": coding.event_type,
                "sub_event_type": coding.sub_event_type,
                "actor1": coding.actor1,
                "assoc_actor_1": coding.assoc_actor_1,
                "inter1": coding.inter1 or "",
                "actor2": coding.actor2,
                "assoc_actor_2": coding.assoc_actor_2,
                "inter2": coding.inter2 or "",
                "interaction": coding.interaction or "",
                "civilian_targeting": coding.civilian_targeting,
                "iso": info.isonumeric if info else "",
                "region": info.region if info else "",
                "country": info.name if info else "",
                "admin1": loc.get("admin1") or "",
                "admin2": loc.get("admin2") or "",
                "admin3": "",
                "location": loc.get("name") or inc.place or (info.name if info else ""),
                "latitude": loc.get("lat", ""),
                "longitude": loc.get("lon", ""),
                "geo_precision": geo_precision(row) if loc else "",
                "source": "; ".join(publishers),
                "source_scale": "-".join(scales),
                "notes": notes(row, analysis),
                "fatalities": row.low,
                "tags": "; ".join(tags),
                "timestamp": stamp,
            }
        )
    return rows


def to_acled_csv(analysis: Analysis, timestamp: int | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(acled_rows(analysis, timestamp))
    return out.getvalue()


def event_day(value: str) -> date:
    return date.fromisoformat(value[:10])
