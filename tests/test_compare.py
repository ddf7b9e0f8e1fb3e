"""`tollbook compare EVENT --with FILE`: the ledger against ACLED and UCDP-GED exports."""

from __future__ import annotations

import incident_corpus
from click.testing import CliRunner

from tollbook.cli import cli
from tollbook.compare import compare
from tollbook.incidents.analysis import analyse
from tollbook.reconcile import reconcile
from tollbook.sources.datasets import parse_dataset

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)


def _acled_row(eid: str, day: str, admin1: str, place: str, lat: str, lon: str, deaths: int) -> str:
    return (
        f"{eid},{day},2025,1,Political violence,Violence against civilians,Attack,"
        f"Unidentified Armed Group (Syria),,3,Civilians (Syria),,7,37,Civilian targeting,"
        f"760,Middle East,Syria,{admin1},,,{place},{lat},{lon},1,SOHR,Other,note,{deaths},,0"
    )


ACLED = (
    "\n".join(
        [
            ACLED_HEADER,
            # Two days of killing in Banias (another spelling, a point 2 km away): one incident.
            _acled_row("SYR101", "2025-03-07", "Tartus", "Banias", "35.19", "35.95", 40),
            _acled_row("SYR102", "2025-03-08", "Tartus", "Banias", "35.19", "35.95", 70),
            _acled_row("SYR103", "2025-03-06", "Lattakia", "Jablah", "35.36", "35.93", 10),
            _acled_row("SYR104", "2025-03-07", "Hama", "Masyaf", "35.07", "36.34", 5),
        ]
    )
    + "\n"
)


def _analysis():
    docs, claims = incident_corpus.build()
    rec = reconcile(incident_corpus.EVENT, claims, {d.doc_id: d for d in docs})
    return analyse(rec, claims, with_actors=False)


def test_dataset_events_match_the_incidents_they_belong_to():
    result = compare(_analysis(), parse_dataset(ACLED, "acled.csv"))
    by_place = {m.incident.name.split(" (")[0]: m for m in result.matches}
    baniyas = by_place["Baniyas"]
    assert [e.event_id for e in baniyas.events] == ["SYR101", "SYR102"]
    assert baniyas.theirs == (110, 110, 110) and baniyas.ours == (200, 200, 200)
    assert baniyas.difference == -90
    assert [e.event_id for e in by_place["Jableh"].events] == ["SYR103"]
    assert [e.event_id for e in result.only_theirs] == ["SYR104"]  # Masyaf: not in the ledger
    assert result.theirs_total == (125, 125, 125)
    assert result.ours_total == (313, 313, 316)


def test_unmatched_incidents_are_listed():
    text = (
        ACLED_HEADER
        + "\n"
        + _acled_row("SYR1", "2025-03-06", "Hama", "Masyaf", "35.07", "36.34", 5)
    )
    result = compare(_analysis(), parse_dataset(text + "\n", "a.csv"))
    assert not result.matches
    assert {i.name.split(" (")[0] for i in result.only_ours} == {"Jableh", "Tartus", "Baniyas"}


def test_compare_command(store, db_path, tmp_path):
    incident_corpus.store_event(store)
    path = tmp_path / "acled.csv"
    path.write_text(ACLED, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["compare", "coastal-clashes", "--with", str(path), "--db", str(db_path)]
    )
    assert result.exit_code == 0, result.output
    assert "killed in all: ledger 313–316, ACLED 125" in result.output
    assert "Only in ACLED (1):" in result.output and "SYR104" in result.output
    baniyas = next(line for line in result.output.splitlines() if line.startswith("Baniyas"))
    assert baniyas.split()[-3:] == ["200", "110", "-90"]


def test_compare_command_refuses_a_file_without_the_needed_columns(store, db_path, tmp_path):
    incident_corpus.store_event(store)
    path = tmp_path / "partial.csv"
    path.write_text("event_id_cnty,event_date,country,location\nSYR1,2025-03-06,Syria,X\n")
    result = CliRunner().invoke(
        cli, ["compare", "coastal-clashes", "--with", str(path), "--db", str(db_path)]
    )
    assert result.exit_code == 1
    assert "without the column(s) fatalities" in result.output


def test_compare_command_missing_file(store, db_path, tmp_path):
    incident_corpus.store_event(store)
    missing = tmp_path / "nope.csv"
    result = CliRunner().invoke(
        cli, ["compare", "coastal-clashes", "--with", str(missing), "--db", str(db_path)]
    )
    assert result.exit_code == 1 and "no such file" in result.output


def test_the_ledgers_own_exports_compare_equal():
    from tollbook.exports.acled import to_acled_csv
    from tollbook.exports.ucdp import to_ucdp_csv

    analysis = _analysis()
    for text in (to_ucdp_csv(analysis), to_acled_csv(analysis)):
        result = compare(analysis, parse_dataset(text, "own.csv"))
        assert not result.only_theirs and not result.only_ours
        assert all(m.theirs[0] == m.ours[0] for m in result.matches)
        assert result.theirs_total[0] == result.ours_total[0] == 313
