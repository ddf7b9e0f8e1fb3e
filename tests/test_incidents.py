"""Incidents: grouping claims across reports, nesting, and roll-up without double counting."""

from __future__ import annotations

import json
from pathlib import Path

import incident_corpus
import pytest
from click.testing import CliRunner
from sqlalchemy import inspect

from tollbook.cli import cli
from tollbook.enrich import enrich_claims
from tollbook.incidents import group_incidents, reconcile_incidents, same_incident
from tollbook.incidents.analysis import deaths
from tollbook.incidents.storage import build_incidents, load_incidents
from tollbook.models import Claim, Document

PAIRS = Path(__file__).parent / "data" / "incident_pairs.jsonl"
FIELDS = (
    "doc_id", "quote", "start", "end", "outcome", "count_low", "count_high", "qualifier",
    "group", "attributed_to", "place", "when", "location", "period",
)  # fmt: skip


def _load(data: dict) -> tuple[Claim, Document]:
    doc = Document(data["quote"], doc_id=data["doc_id"], publisher=data["publisher"],
                   published=data["published"])  # fmt: skip
    return Claim(**{k: data[k] for k in FIELDS}), doc


def _pairs() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]


def _scores(found: list[tuple[bool, bool]]) -> tuple[float, float]:
    tp = sum(1 for said, truth in found if said and truth)
    fp = sum(1 for said, truth in found if said and not truth)
    fn = sum(1 for said, truth in found if truth and not said)
    return tp / (tp + fp), tp / (tp + fn)


def test_labelled_pairs_are_enough_and_balanced():
    pairs = _pairs()
    assert len(pairs) >= 60
    assert 0.3 < sum(p["same"] for p in pairs) / len(pairs) < 0.7


def test_same_incident_on_labelled_pairs():
    found = []
    for pair in _pairs():
        (a, da), (b, db) = _load(pair["a"]), _load(pair["b"])
        found.append((same_incident(a, b, {da.doc_id: da, db.doc_id: db}).same, pair["same"]))
    precision, recall = _scores(found)
    # Measured 0.977 / 0.977 on all 89 pairs (dev 65: 0.969 / 1.00; the 24 held-out
    # pairs, written after the rules were tuned: 1.00 / 0.923).
    assert precision >= 0.93
    assert recall >= 0.93


def test_grouping_puts_labelled_pairs_together_or_apart():
    claims, docs = {}, {}
    for pair in _pairs():
        for side in ("a", "b"):
            claim, doc = _load(pair[side])
            claims[(claim.doc_id, claim.start, claim.count_low, claim.outcome)] = claim
            docs[doc.doc_id] = doc
    root = group_incidents(list(claims.values()), docs)
    home = {id(c): i.key for i in root.walk() for c in i.claims if i.level != "event"}
    found = []
    for pair in _pairs():
        a, b = (pair[s] for s in ("a", "b"))
        ka = claims[(a["doc_id"], a["start"], a["count_low"], a["outcome"])]
        kb = claims[(b["doc_id"], b["start"], b["count_low"], b["outcome"])]
        together = id(ka) in home and home.get(id(ka)) == home.get(id(kb))
        found.append((together, pair["same"]))
    precision, recall = _scores(found)
    assert precision >= 0.95
    assert recall >= 0.93


def test_romanisations_of_an_unresolved_village_meet():
    docs = {d: Document("x", doc_id=d, published="2023-04-12") for d in ("r1", "r2")}
    a = Claim("r1", "An air strike on Pazigyi killed 100.", 0, 10, "killed", 100, place="Pazigyi")
    b = Claim(
        "r2", "The air attack on Pa Zi Gyi killed 100.", 0, 10, "killed", 100, place="Pa Zi Gyi"
    )
    assert same_incident(a, b, docs).same


def test_massacre_nests_in_its_province_within_the_event():
    docs, claims = incident_corpus.build()
    root = group_incidents(claims, {d.doc_id: d for d in docs}, incident_corpus.EVENT)
    levels = {i.name: i for i in root.walk()}
    baniyas = next(i for i in root.walk() if i.name.startswith("Baniyas"))
    tartus = next(i for i in root.walk() if i.level == "regional")
    jableh = next(i for i in root.walk() if i.name.startswith("Jableh"))
    assert baniyas.parent_key == tartus.key and tartus.parent_key == root.key
    assert jableh.parent_key == root.key
    assert len(baniyas.claims) == 2 and {c.doc_id for c in baniyas.claims} == {
        "mon-0308",
        "wire-0312",
    }
    assert len(jableh.claims) == 2  # monitor and wire report one ambush
    assert [c.count_low for c in root.claims] == [300]  # the running total stays event-wide
    assert len(levels) == 4


def test_roll_up_counts_nobody_twice():
    docs, claims = incident_corpus.build()
    documents = {d.doc_id: d for d in docs}
    root = group_incidents(claims, documents, incident_corpus.EVENT)
    result = reconcile_incidents(root, incident_corpus.EVENT, documents)
    civilians = result.get("killed", "civilians")
    # Baniyas (200, the monitor's latest) is inside Tartus (90 said, so 200 nested);
    # the event's own 300 covers both: the roll-up is 300, not 300 + 200 + 90.
    tartus = next(c for c in result.children if c.incident.level == "regional")
    assert tartus.get("killed", "civilians").low == 200
    assert tartus.get("killed", "civilians").basis["low"] == "nested"
    assert civilians.low == 300 and civilians.basis["low"] == "own"
    security = result.get("killed", "security forces")
    assert (security.low, security.high) == (13, 16)
    assert deaths(result.rolled)[:3] == (313, 313, 316)  # best: the lower of two


def test_rejected_claims_are_left_out():
    docs, claims = incident_corpus.build()
    claims[0].status = "rejected"
    root = group_incidents(claims, {d.doc_id: d for d in docs}, incident_corpus.EVENT)
    assert all(c.status != "rejected" for i in root.walk() for c in i.claims)


def test_incidents_are_stored_with_their_claims(store, db_path):
    event = incident_corpus.store_event(store)
    analysis = build_incidents(store, event.slug)
    stored = load_incidents(store, event.id)
    assert len(stored) == len(analysis.incidents()) == 4
    by_key = {row["key"]: row for row in stored}
    baniyas = next(row for row in stored if row["name"].startswith("Baniyas"))
    assert by_key_parent(by_key, baniyas)["level"] == "regional"
    assert len(baniyas["claim_ids"]) == 2
    assert "incident_id" in {c["name"] for c in inspect(store.engine).get_columns("claims")}
    # Building again replaces the incidents; it does not add a second set.
    build_incidents(store, event.slug)
    assert len(load_incidents(store, event.id)) == 4


def by_key_parent(by_key: dict, row: dict) -> dict:
    return next(r for r in by_key.values() if r["id"] == row["parent_id"])


def test_incidents_command_lists_the_tree(store, db_path):
    incident_corpus.store_event(store)
    result = CliRunner().invoke(cli, ["incidents", "coastal-clashes", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Coastal clashes")
    assert any(line.startswith("    Baniyas") for line in lines)  # nested twice
    assert "killed 313/313/316" in lines[0]


def test_incidents_command_unknown_event(db_path):
    result = CliRunner().invoke(cli, ["incidents", "nope", "--db", str(db_path)])
    assert result.exit_code == 1
    assert "no event 'nope'" in result.output


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory):
    from geo_fixtures import session_gazetteer

    return session_gazetteer(tmp_path_factory)


@pytest.mark.slow  # builds the gazetteer once per session unless $TOLLBOOK_GAZETTEER is set
def test_enrich_fills_location_and_period_or_leaves_them_null(gazetteer):
    doc = Document(
        "Sixty civilians were killed in Banias on Saturday. Four died in Xyzzyvale on 30 March.",
        doc_id="e1", published="2025-03-09", retrieved="2025-03-10T00:00:00+00:00",
    )  # fmt: skip
    claims = [
        Claim("e1", doc.text[:50], 0, 50, "killed", 60, group="civilians", place="Banias",
              when="on Saturday"),
        Claim("e1", doc.text[51:], 51, len(doc.text), "killed", 4, place="Xyzzyvale",
              when="on 30 March 2026"),
    ]  # fmt: skip
    problems: list[str] = []
    baniyas, unknown = enrich_claims(claims, doc, problems, gazetteer=gazetteer)
    assert baniyas.location["country_iso"] == "SY" and baniyas.location["admin1"]
    assert baniyas.location["name"] in ("Baniyas", "Bāniyās")
    assert baniyas.period["start"] == baniyas.period["end"] == "2025-03-08"
    # An unknown place and a date after the report stay unresolved, their words kept.
    assert unknown.location is None and unknown.place == "Xyzzyvale"
    assert unknown.period is None and unknown.when == "on 30 March 2026"
    assert problems and "e1" in problems[0]
    assert claims[0].location is None  # the given claims are not changed
    contract = baniyas.to_json()
    assert set(contract["location"]) >= {"name", "lat", "lon", "admin1", "country_iso",
                                         "geonames_id", "precision"}  # fmt: skip
    assert set(contract["period"]) >= {"start", "end", "precision"}
    assert unknown.to_json()["location"] is None


def test_dataset_rows_add_up_to_the_event_total_when_groups_overlap():
    from tollbook.incidents.analysis import analyse
    from tollbook.reconcile import reconcile

    town_a = dict(incident_corpus.BANIYAS)
    town_b = dict(incident_corpus.JABLEH)
    docs = {d: Document("x", doc_id=d, published="2025-03-08") for d in ("a", "b", "c")}
    claims = [
        Claim("a", "40 Alawite men were killed in Baniyas.", 0, 9, "killed", 40,
              group="Alawite men", place="Baniyas", location=town_a),
        Claim("b", "60 civilians were killed in Jableh.", 0, 9, "killed", 60,
              group="civilians", place="Jableh", location=town_b),
        Claim("c", "50 civilians were killed on the coast.", 0, 9, "killed", 50, group="civilians"),
    ]  # fmt: skip
    rec = reconcile(incident_corpus.EVENT, claims, docs)
    analysis = analyse(rec, claims, with_actors=False)
    # Within one side the conservative reading takes the largest group, which does
    # not add up across towns (40 + 60 > 60): the event total follows the towns.
    assert analysis.total == (100, 100, 100)
    assert sum(r.low for r in analysis.rows) == 100
