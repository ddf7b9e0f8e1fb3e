"""Machine-readable exports: the event as JSON, its claims as CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Any

from tollbook.reconcile import Bound, Contradiction, Figure, Reconciliation, Tally

CLAIM_COLUMNS = [
    "claim_id", "doc_id", "outcome", "count_low", "count_high", "qualifier", "group",
    "attributed_to", "source", "place", "when", "reported", "status", "quote", "start", "end",
    "publisher", "title", "url",
]  # fmt: skip


def figure_dict(figure: Figure) -> dict[str, Any]:
    claim = figure.claim
    return {
        "claim_id": claim.id,
        "doc_id": claim.doc_id,
        "source": figure.source,
        "reported": figure.reported,
        "figure": figure.label(),
        "count_low": claim.count_low,
        "count_high": claim.count_high,
        "qualifier": claim.qualifier,
        "quote": claim.quote,
        "status": claim.status,
    }


def _bound(bound: Bound) -> dict[str, Any]:
    return {
        "value": bound.value,
        "why": bound.why,
        "claims": [figure_dict(f) for f in bound.figures],
    }


def contradiction_dict(c: Contradiction) -> dict[str, Any]:
    return {"kind": c.kind, "message": c.message, "claim_ids": [f.claim.id for f in c.figures]}


def tally_dict(t: Tally) -> dict[str, Any]:
    return {
        "outcome": t.outcome,
        "group": t.group,
        "scope": t.scope or None,
        "low": _bound(t.low),
        "best": _bound(t.best),
        "high": _bound(t.high),
        "sources": [
            {
                "source": curve.source,
                "current": figure_dict(curve.current),
                "figures": [figure_dict(f) for f in curve.figures],
            }
            for curve in t.curves
        ],
        "contradictions": [contradiction_dict(c) for c in t.contradictions],
    }


def claim_rows(rec: Reconciliation) -> list[dict[str, Any]]:
    rows = []
    for tally in rec.tallies:
        for f in tally.figures:
            c, d = f.claim, f.document
            rows.append(
                {
                    "claim_id": c.id, "doc_id": c.doc_id, "outcome": c.outcome,
                    "count_low": c.count_low, "count_high": c.count_high,
                    "qualifier": c.qualifier, "group": c.group,
                    "attributed_to": c.attributed_to, "source": f.source, "place": c.place,
                    "when": c.when, "reported": f.reported, "status": c.status,
                    "quote": c.quote, "start": c.start, "end": c.end,
                    "publisher": d.publisher, "title": d.title, "url": d.url,
                }
            )  # fmt: skip
    return sorted(rows, key=lambda r: (r["reported"], r["doc_id"], r["start"]))


def to_dict(rec: Reconciliation) -> dict[str, Any]:
    event = asdict(rec.event)
    return {
        "event": event,
        "tallies": [tally_dict(t) for t in rec.tallies],
        "contradictions": [contradiction_dict(c) for c in rec.contradictions],
        "claims": claim_rows(rec),
        "documents": [
            {k: v for k, v in asdict(d).items() if k not in ("text",)}
            for d in sorted(rec.documents.values(), key=lambda d: d.doc_id or "")
        ],
    }


def to_json(rec: Reconciliation) -> str:
    return json.dumps(to_dict(rec), ensure_ascii=False, indent=2) + "\n"


def to_csv(rec: Reconciliation) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CLAIM_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(claim_rows(rec))
    return out.getvalue()
