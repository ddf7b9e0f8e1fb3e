"""ACLED and UCDP-GED CSV, GeoJSON: column sets, conventions, totals; and importing them back."""

from __future__ import annotations

import csv
import io
import json

import geojson
import incident_corpus
import pytest
from click.testing import CliRunner

from tollbook.cli import cli
from tollbook.errors import SourceError
from tollbook.exports import FORMATS, render
from tollbook.exports.acled import ACLED_COLUMNS
from tollbook.exports.ucdp import UCDP_COLUMNS, priogrid
from tollbook.sources import read
from tollbook.sources.datasets import parse_dataset

OFFICIAL_ACLED_ORDER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
).split(",")


@pytest.fixture(scope="module")
def rec():
    return incident_corpus.reconciled()


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_formats_are_registered():
    assert {"acled", "ucdp", "geojson", "dossier-md", "dossier-wiki"} <= set(FORMATS)


def test_acled_has_the_31_columns_in_order(rec):
    text = render(rec, "acled")
    header = text.splitlines()[0].split(",")
    assert header == OFFICIAL_ACLED_ORDER == ACLED_COLUMNS
    assert len(header) == 31
    assert all(len(row) == 31 for row in _rows(text))


def test_acled_rows_follow_the_conventions(rec):
    rows = {r["location"]: r for r in _rows(render(rec, "acled"))}
    baniyas = rows["Baniyas"]
    assert baniyas["event_date"] == "2025-03-08" and baniyas["year"] == "2025"
    assert baniyas["iso"] == "760" and baniyas["country"] == "Syria"
    assert baniyas["region"] == "Middle East" and baniyas["admin1"] == "Tartus"
    assert (baniyas["latitude"], baniyas["longitude"]) == ("35.182", "35.948")
    assert baniyas["geo_precision"] == "1"
    assert baniyas["event_type"] == "Violence against civilians"
    assert baniyas["sub_event_type"] == "Attack"
    assert baniyas["civilian_targeting"] == "Civilian targeting"
    assert baniyas["actor2"] == "Civilians (Syria)" and baniyas["inter2"] == "7"
    assert baniyas["interaction"] == baniyas["inter1"] + "7"
    assert baniyas["event_id_cnty"].startswith("SYR")
    # Notes are written from the quotes, with who reported them.
    assert "In the city of Baniyas, 60 civilians were killed" in baniyas["notes"]
    assert "Coast Monitor (2025-03-08)" in baniyas["notes"]
    jableh = rows["Jableh"]
    assert jableh["fatalities"] == "13"  # the most conservative of 13 and "at least 16"
    assert jableh["source"] == "Coast Monitor; Example Wire"
    assert jableh["time_precision"] == "1"


def test_acled_fatalities_add_up_to_the_event_without_double_counting(rec):
    rows = _rows(render(rec, "acled"))
    # Baniyas 200 (latest), Tartus adds nothing beyond it, the coast-wide 300 adds 100,
    # Jableh 13: 313 in all, as the roll-up says.
    assert sum(int(r["fatalities"]) for r in rows) == 313
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)


def test_ucdp_columns_and_deaths(rec):
    text = render(rec, "ucdp")
    assert text.splitlines()[0].split(",") == UCDP_COLUMNS
    rows = _rows(text)
    for row in rows:
        parts = sum(
            int(row[k]) for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
        )
        assert parts == int(row["best"])
        assert int(row["low"]) <= int(row["best"]) <= int(row["high"])
    assert sum(int(r["best"]) for r in rows) == 313  # the event's best, nobody twice
    jableh = next(r for r in rows if r["where_coordinates"] == "Jableh")
    assert jableh["deaths_a"] == "13" and jableh["type_of_violence"] == "1"
    assert (jableh["where_prec"], jableh["date_prec"]) == ("1", "1")
    assert jableh["number_of_sources"] == "2"
    assert jableh["geom_wkt"] == "POINT (35.926 35.361)"
    tartus = next(r for r in rows if r["where_coordinates"] == "Tartus")
    assert tartus["where_prec"] == "4" and tartus["date_prec"] == "2"


def test_priogrid_cells():
    assert priogrid(-89.9, -179.9) == 1
    assert priogrid(89.9, 179.9) == 259200
    assert priogrid(35.361, 35.926) == 250 * 720 + 432  # row 251, column 432


def test_geojson_is_a_valid_feature_collection(rec):
    text = render(rec, "geojson")
    checked = geojson.loads(text)
    assert checked.is_valid, checked.errors()
    data = json.loads(text)
    assert data["type"] == "FeatureCollection"
    for feature in data["features"]:
        assert feature["type"] == "Feature" and set(feature) >= {"geometry", "properties"}
        geometry = feature["geometry"]
        if geometry is not None:
            lon, lat = geometry["coordinates"]
            assert geometry["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
    baniyas = next(f for f in data["features"] if f["properties"]["place"] == "Baniyas")
    assert baniyas["geometry"]["coordinates"] == [35.948, 35.182]  # longitude first (RFC 7946)
    west, south, east, north = data["bbox"]
    assert west <= 35.887 <= east and south <= 34.889 <= north
    root = next(f for f in data["features"] if f["properties"]["level"] == "event")
    assert root["geometry"] is None  # nothing dropped for want of a point


def test_an_exported_acled_file_imports_back(rec, tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_text(render(rec, "acled"), encoding="utf-8")
    dataset = parse_dataset(path.read_text(), str(path))
    assert dataset.kind == "acled" and not dataset.errors and not dataset.notices
    assert sum(e.best for e in dataset.events) == 313
    docs = [d for d in read([str(path)])]
    assert all(not isinstance(d, SourceError) for d in docs)
    assert len(docs) == len(dataset.events)
    assert "fatalities: 13" in next(d for d in docs if "Jableh" in (d.title or "")).text


def test_ucdp_file_imports_back(rec, tmp_path):
    dataset = parse_dataset(render(rec, "ucdp"), "ged.csv")
    assert dataset.kind == "ucdp-ged" and not dataset.errors
    assert {e.location for e in dataset.events} >= {"Baniyas", "Jableh"}


def test_csv_missing_needed_columns_is_refused():
    with pytest.raises(SourceError, match="without the column.*fatalities"):
        parse_dataset(
            "event_id_cnty,event_date,country,location\nSYR1,2025-03-06,Syria,X\n", "a.csv"
        )


def test_csv_of_another_kind_is_refused():
    with pytest.raises(SourceError, match="neither an ACLED export"):
        parse_dataset("name,age\nx,3\n", "people.csv")


def test_missing_optional_and_extra_columns_are_reported_and_kept():
    text = (
        "event_id_cnty,event_date,country,location,fatalities,my_note\n"
        "SYR9,06 March 2025,Syria,Jableh,4,checked by hand\n"
    )
    dataset = parse_dataset(text, "partial.csv")
    assert dataset.events[0].best == 4 and dataset.events[0].row["my_note"] == "checked by hand"
    assert dataset.events[0].start.isoformat() == "2025-03-06"
    assert any("missing (left empty)" in n and "latitude" in n for n in dataset.notices)
    assert any("not in the acled format" in n and "my_note" in n for n in dataset.notices)


def test_bad_rows_are_reported_and_the_rest_read():
    text = (
        "event_id_cnty,event_date,country,location,fatalities\n"
        "SYR1,2025-03-06,Syria,Jableh,4\n"
        "SYR2,someday,Syria,Baniyas,2\n"
        "SYR3,2025-03-07,Syria,Baniyas,many\n"
        "SYR4,2025-03-07,Syria,Baniyas,3,extra\n"
    )
    dataset = parse_dataset(text, "bad.csv")
    assert [e.event_id for e in dataset.events] == ["SYR1"]
    messages = [str(e) for e in dataset.errors]
    assert messages[0] == "bad.csv line 3: unreadable date 'someday'"
    assert "fatalities is not a number: 'many'" in messages[1]
    assert "more values than columns" in messages[2]


def test_ucdp_impossible_span_is_reported():
    text = "id,date_start,date_end,best,country\n7,2025-03-08,2025-03-06,3,Syria\n"
    dataset = parse_dataset(text, "ged.csv")
    assert not dataset.events
    assert "date_end 2025-03-06 is before date_start 2025-03-08" in str(dataset.errors[0])


def test_export_command_writes_acled(store, db_path, tmp_path):
    incident_corpus.store_event(store)
    out = tmp_path / "acled.csv"
    result = CliRunner().invoke(
        cli,
        ["export", "coastal-clashes", "--format", "acled", "-o", str(out), "--db", str(db_path)],
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().splitlines()[0].split(",") == OFFICIAL_ACLED_ORDER
