"""Ingesting into a real SQLite file: counts, idempotence, failures that cost nothing stored."""

from __future__ import annotations

import shutil
import socket
import sqlite3
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from tollbook.cli import cli
from tollbook.ingest import ingest
from tollbook.models import content_hash
from tollbook.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def rows(db_path: Path, table: str) -> list[tuple[Any, ...]]:
    """Every row of a table, read with plain sqlite3 (not through the store)."""
    with sqlite3.connect(db_path) as conn:
        return sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/gone"


def test_ingest_stores_documents_with_their_provenance(store: Store) -> None:
    report = ingest(store, [str(FIXTURES / "report.html"), str(FIXTURES / "wire.rss")])
    assert report.ok
    assert len(report.added) == 3 and report.already_stored == []
    (html_id, *_) = report.added
    stored = store.get_document(html_id)
    assert stored.url == "https://harbour-ledger.example/world/coastal-toll"
    assert stored.title == "Coastal toll climbs past 700"
    assert stored.publisher == "Harbour Ledger"
    assert stored.published == "2025-03-08"
    assert stored.format == "html"
    assert stored.origin == str(FIXTURES / "report.html")
    assert stored.retrieved
    assert stored.hash == content_hash(stored.text)


def test_wikitext_citations_are_stored(store: Store) -> None:
    report = ingest(store, [str(FIXTURES / "March_2025_clashes.wiki")])
    stored = store.get_document(report.added[0])
    assert [c.publisher for c in stored.citations] == ["Coast Monitor", "Example Wire", None]


def test_reingesting_the_same_content_adds_nothing(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    first = ingest(store, [str(FIXTURES)])
    before = rows(db_path, "documents")
    copy = tmp_path / "copy_of_report.html"
    shutil.copy(FIXTURES / "report.html", copy)
    again = ingest(store, [str(FIXTURES), str(copy)])
    assert again.added == []
    read_before = len(first.added) + len(first.already_stored)
    assert len(again.already_stored) == read_before + 1
    assert rows(db_path, "documents") == before


def test_utf8_arabic_ingests_like_any_report(store: Store) -> None:
    report = ingest(store, [str(FIXTURES / "arabic_utf8.txt")])
    assert report.ok and len(report.added) == 1
    assert store.get_document(report.added[0]).text.startswith("أفاد")


def test_failed_batch_leaves_exactly_the_earlier_documents(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    earlier = ingest(store, [str(FIXTURES / "report.html"), str(FIXTURES / "mixed.jsonl")])
    assert len(earlier.added) == 3
    snapshot = {
        table: rows(db_path, table) for table in ("documents", "citations", "organisations")
    }

    inputs = tmp_path / "batch"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    with (inputs / "huge.txt").open("wb") as huge:  # sparse: 200 MB, nothing written
        huge.truncate(200 * 1024 * 1024)
    (inputs / "clash.jsonl").write_text(  # an id already used for other text
        '{"doc_id": "good-1", "text": "Different words under a used id."}\nnot json\n',
        encoding="utf-8",
    )
    bad = [str(inputs), str(FIXTURES / "not_a_feed.rss"), closed_port_url()]
    report = ingest(store, bad, progress=False)

    assert report.added == []
    failed = {e.source: e.problem for e in report.failed}
    assert failed[f"{inputs / 'clash.jsonl'}:1"] == (
        "document id 'good-1' is already stored with different content"
    )
    assert set(failed) >= {
        str(inputs / "empty.txt"),
        str(inputs / "binary.txt"),
        str(inputs / "huge.txt"),
        f"{inputs / 'clash.jsonl'}:2",
        str(FIXTURES / "not_a_feed.rss"),
    }
    assert len(report.failed) == 7
    assert {t: rows(db_path, t) for t in snapshot} == snapshot


def test_a_document_the_database_refuses_is_not_half_written(store: Store, db_path: Path) -> None:
    # A real SQLite trigger makes the citation insert fail after the document row went in.
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "CREATE TRIGGER refuse_citations BEFORE INSERT ON citations "
            "BEGIN SELECT RAISE(ABORT, 'citations refused'); END"
        )
    report = ingest(store, [str(FIXTURES / "March_2025_clashes.wiki"), str(FIXTURES / "plain.txt")])
    assert [(e.source, e.problem) for e in report.failed] == [
        (str(FIXTURES / "March_2025_clashes.wiki"), "citations refused")
    ]
    assert len(report.added) == 1  # the batch went on
    origins = [row[0] for row in sqlite3.connect(db_path).execute("SELECT origin FROM documents")]
    assert origins == [str(FIXTURES / "plain.txt")]


def test_the_database_being_written_is_not_an_input(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("Four were wounded.", encoding="utf-8")
    store = Store.open(str(tmp_path / "ledger.db"))  # in the very directory being ingested
    try:
        report = ingest(store, [str(tmp_path)], progress=False)
    finally:
        store.close()
    assert (len(report.added), report.failed) == (1, [])


def test_cli_reports_each_failure_and_a_summary(db_path: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(
        cli,
        [
            "ingest",
            str(FIXTURES / "with_header.txt"),
            str(tmp_path / "empty.txt"),
            "--db",
            str(db_path),
        ],
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'empty.txt'}: empty file"]
    assert result.stdout.splitlines() == ["1 added, 0 already stored, 1 failed"]
    assert len(rows(db_path, "documents")) == 1


def test_cli_exit_code_is_zero_when_everything_was_read(db_path: Path) -> None:
    args = ["ingest", str(FIXTURES / "wire.rss"), "--db", str(db_path)]
    first = CliRunner().invoke(cli, args)
    assert (first.exit_code, first.stdout) == (0, "2 added, 0 already stored, 0 failed\n")
    again = CliRunner().invoke(cli, args)
    assert (again.exit_code, again.stdout) == (0, "0 added, 2 already stored, 0 failed\n")


def test_cli_size_and_encoding_options(db_path: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Twelve were killed. " * 200, encoding="utf-8")
    small = CliRunner().invoke(cli, ["ingest", str(big), "--max-size", "1KB", "--db", str(db_path)])
    assert small.exit_code == 1
    assert "too large (3.9 KB; the limit is 1.0 KB" in small.stderr
    arabic = CliRunner().invoke(
        cli,
        [
            "ingest",
            str(FIXTURES / "arabic_cp1256.txt"),
            "--encoding",
            "cp1256",
            "--db",
            str(db_path),
        ],
    )
    assert (arabic.exit_code, arabic.stdout) == (0, "1 added, 0 already stored, 0 failed\n")
    wrong = CliRunner().invoke(
        cli, ["ingest", str(big), "--max-size", "lots", "--db", str(db_path)]
    )
    assert wrong.exit_code == 2
    assert "not a size: 'lots'" in wrong.stderr
