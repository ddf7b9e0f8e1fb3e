"""The main job end to end: `tollbook demo` on the bundled corpus into a real SQLite file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import mwparserfromhell
import pytest
from click.testing import CliRunner

from tollbook.cli import cli


@pytest.fixture
def demo_db(demo_ledger: tuple[Path, str]) -> tuple[Path, str]:
    return demo_ledger


def test_demo_prints_a_cited_infobox(demo_db: tuple[Path, str]) -> None:
    _, output = demo_db
    box = mwparserfromhell.parse(output[output.index("{{Infobox") :]).filter_templates()[0]
    assert "western Syria" in str(box.get("conflict").value)
    casualties = [
        str(box.get(f"casualties{i}").value) for i in (1, 2, 3) if box.has(f"casualties{i}")
    ]
    assert casualties, "no casualty lines"
    for line in casualties:
        for entry in line.split("<br />"):
            assert "<ref" in entry, f"a casualty figure without a reference: {entry}"
    assert "{{cite news" in output and "publisher=" in output


def test_demo_reconciles_the_competing_civilian_tolls(demo_db: tuple[Path, str]) -> None:
    from tollbook.demo import DEMO_EVENT
    from tollbook.reconcile import reconcile_event
    from tollbook.store import Store

    db, output = demo_db
    store = Store.open(str(db))
    tally = reconcile_event(store, store.get_event(DEMO_EVENT.slug)).tally("killed", "civilians")
    store.close()
    assert tally is not None and len(tally.curves) >= 3
    assert tally.low.value <= tally.best.value <= tally.high.value
    assert tally.low.value <= 111 and tally.high.value >= 1383  # UN verified vs SOHR's later tolls
    assert f"{tally.high.value:,}" in output


def test_demo_again_adds_nothing(demo_db: tuple[Path, str], tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    shutil.copy(demo_db[0], db)
    with sqlite3.connect(db) as conn:
        before = [
            conn.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("documents", "claims", "events")
        ]
    result = CliRunner().invoke(cli, ["demo", "--quiet", "--db", str(db)])
    assert result.exit_code == 0
    assert "ingested 0 new documents" in result.output
    with sqlite3.connect(db) as conn:
        after = [
            conn.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("documents", "claims", "events")
        ]
    assert after == before
