"""Exports of a reconciled event: infobox wikitext, JSON, CSV, timeline PNG."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import mwparserfromhell
import pytest
from click.testing import CliRunner

from tollbook import Claim, Document, Event
from tollbook.cli import cli
from tollbook.exports import render
from tollbook.reconcile import reconcile_event
from tollbook.store import Store

EVENT = Event(
    "Coast clashes", "coast", "2025-03-06", "2025-03-31", ["Latakia", "Tartus"], "Post-war violence"
)

REPORTS = [
    (
        "SOHR said 745 civilians were killed in Latakia.",
        "Reuters",
        "2025-03-08",
        [("killed", 745, "civilians", "SOHR")],
    ),
    (
        "The Syrian Observatory for Human Rights now counts 1,383 civilians killed in Tartus "
        "and Latakia.",
        "AFP",
        "2025-03-12",
        [("killed", 1383, "civilians", "Syrian Observatory for Human Rights")],
    ),
    (
        "The UN verified 111 civilians killed in Latakia; 231 security forces were killed.",
        "UN News",
        "2025-03-11",
        [("killed", 111, "civilians", "UN"), ("killed", 231, "security forces", "UN")],
    ),
]


@pytest.fixture
def ledger(store: Store) -> Store:
    for text, publisher, date, figures in REPORTS:
        doc = Document(
            text=text,
            publisher=publisher,
            published=date,
            url=f"https://news.example/{publisher.lower().replace(' ', '-')}",
            title=text[:40],
        )
        store.add_document(doc)
        store.save_claims(
            doc.doc_id or "",
            [
                Claim(
                    doc.doc_id or "",
                    text,
                    0,
                    len(text),
                    outcome,
                    n,
                    group=group,
                    attributed_to=source,
                )
                for outcome, n, group, source in figures
            ],
        )
    event = store.create_event(EVENT)
    store.assign_documents(event.id or 0, store.matching_documents(event))
    return store


def rendered(store: Store, fmt: str, path: Path | None = None):  # type: ignore[no-untyped-def]
    return render(reconcile_event(store, store.get_event("coast")), fmt, path)


def test_infobox_parses_back_with_one_ref_per_source(ledger: Store) -> None:
    text = rendered(ledger, "infobox")
    (box,) = mwparserfromhell.parse(text).filter_templates(
        matches=lambda t: t.name.matches("Infobox military conflict")
    )
    assert str(box.get("conflict").value).strip() == "Coast clashes"
    assert str(box.get("partof").value).strip() == "Post-war violence"
    civilians = box.get("casualties3").value
    assert "111–1,383 civilians killed" in str(civilians)
    refs = civilians.filter_tags(matches=lambda t: t.tag == "ref")
    assert len(refs) == 2  # SOHR's latest and the UN's, not SOHR twice
    # Each source is cited in full once; later uses reuse its named ref.
    cites = mwparserfromhell.parse(text).filter_templates(
        matches=lambda t: t.name.matches("cite news")
    )
    assert sorted(str(c.get("publisher").value).strip() for c in cites) == ["AFP", "UN News"]
    assert all(c.has("url") and c.has("date") and c.has("access-date") for c in cites)
    soldiers = str(box.get("casualties1").value)
    assert "231 security forces killed" in soldiers and "{{cite news" in soldiers
    assert '<ref name="un-news' in str(civilians) and str(civilians).count("{{cite news") == 1


def test_json_traces_every_bound_to_its_quote(ledger: Store) -> None:
    data = json.loads(rendered(ledger, "json"))
    tally = next(t for t in data["tallies"] if t["group"] == "civilians")
    assert tally["high"]["value"] == 1383
    assert "1,383" in tally["high"]["claims"][0]["quote"]
    assert {s["source"] for s in tally["sources"]} == {"Syrian Observatory for Human Rights", "UN"}
    assert len(data["claims"]) == 4 and all(c["quote"] for c in data["claims"])
    assert data["event"]["slug"] == "coast"


def test_csv_has_a_row_per_claim_with_its_quote(ledger: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(rendered(ledger, "csv"))))
    assert len(rows) == 4
    assert {r["count_low"] for r in rows} == {"745", "1383", "111", "231"}
    assert all(r["quote"] and r["publisher"] and r["url"] for r in rows)


def test_timeline_png_is_an_image(ledger: Store, tmp_path: Path) -> None:
    path = rendered(ledger, "timeline-png", tmp_path / "curves.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 5000


def test_export_command_writes_each_format(ledger: Store, db_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "coast", "--db", str(db_path)])
    assert result.exit_code == 0 and "{{Infobox military conflict" in result.output
    out = tmp_path / "event.json"
    result = runner.invoke(
        cli, ["export", "coast", "--format", "json", "-o", str(out), "--db", str(db_path)]
    )
    assert result.exit_code == 0 and json.loads(out.read_text())["event"]["name"]
    result = runner.invoke(
        cli, ["export", "coast", "--format", "timeline-png", "--db", str(db_path)]
    )
    assert result.exit_code != 0 and "-o FILE.png" in result.output
    result = runner.invoke(cli, ["export", "nowhere", "--db", str(db_path)])
    assert result.exit_code == 1 and "no event 'nowhere'" in result.output
