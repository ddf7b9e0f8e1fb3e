"""`tollbook extract`: the docs.jsonl -> claims.jsonl contract, and stored documents."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tollbook.cli import cli
from tollbook.models import Document, Event
from tollbook.store import Store

DOCS = [
    {
        "doc_id": "wire-1",
        "url": "https://wire.example/1",
        "title": "Raid on a market",
        "publisher": "Example Wire",
        "published": "2025-03-08",
        "text": (
            "At least 27 civilians were killed and 40 wounded in a raid on the market in "
            "Qasr al-Nour, the regional health office said on Saturday."
        ),
    },
    {
        "doc_id": "wire-2",
        "url": None,
        "title": None,
        "publisher": None,
        "published": None,
        "text": "The ceasefire held overnight and shops reopened.",
    },
]
CONTRACT_FIELDS = {
    "doc_id", "quote", "start", "end", "outcome", "count_low", "count_high", "qualifier",
    "group", "attributed_to", "place", "when",
}  # fmt: skip


def write_jsonl(path: Path, records: list, extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(r) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_claims(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_writes_one_claim_per_line_with_the_contract_fields(tmp_path: Path) -> None:
    docs = write_jsonl(tmp_path / "docs.jsonl", DOCS)
    out = tmp_path / "claims.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(docs), "-o", str(out)])
    assert result.exit_code == 0, result.output
    claims = read_claims(out)
    assert len(claims) == 2
    for claim in claims:
        assert CONTRACT_FIELDS <= set(claim)
        text = DOCS[0]["text"]
        assert claim["doc_id"] == "wire-1"
        assert text[claim["start"] : claim["end"]] == claim["quote"]
        assert claim["attributed_to"] == "the regional health office"
    assert [(c["outcome"], c["count_low"], c["qualifier"]) for c in claims] == [
        ("killed", 27, "at_least"),
        ("wounded", 40, "at_least"),
    ]
    assert "2 claims from 2 documents" in result.stderr


def test_extract_to_stdout(tmp_path: Path) -> None:
    docs = write_jsonl(tmp_path / "docs.jsonl", DOCS)
    result = CliRunner().invoke(cli, ["extract", str(docs)])
    assert result.exit_code == 0
    assert [json.loads(line)["count_low"] for line in result.stdout.splitlines()] == [27, 40]


def test_bad_lines_are_reported_and_the_rest_extracted(tmp_path: Path) -> None:
    docs = write_jsonl(tmp_path / "docs.jsonl", DOCS, ("{not json", '{"doc_id": "x"}'))
    out = tmp_path / "claims.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(docs), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{docs}:3: invalid JSON" in result.stderr
    assert f"{docs}:4:" in result.stderr
    assert len(read_claims(out)) == 2


def test_missing_input_is_a_one_line_error_and_leaves_output_alone(tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    out.write_text("kept\n")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.jsonl"), "-o", str(out)])
    assert result.exit_code == 1
    assert "nope.jsonl: no such file" in result.output
    assert out.read_text() == "kept\n"


def test_extract_stored_documents_saves_claims(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    store = Store.open(str(db))
    try:
        for record in DOCS:
            store.add_document(Document(text=record["text"], doc_id=record["doc_id"]))
        event = store.create_event(Event(name="Market raid", slug="market-raid"))
        store.assign_documents(event.id, ["wire-1"])
    finally:
        store.close()
    result = CliRunner().invoke(cli, ["extract", "--db", str(db), "--event", "market-raid"])
    assert result.exit_code == 0, result.output
    assert "2 claims from 1 documents" in result.output
    store = Store.open(str(db))
    try:
        saved = store.claims(doc_id="wire-1")
    finally:
        store.close()
    assert sorted((c.outcome, c.count_low) for c in saved) == [("killed", 27), ("wounded", 40)]


def test_unknown_event_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", "--db", str(tmp_path / "l.db"), "--event", "x"])
    assert result.exit_code == 1
    assert "no event 'x'" in result.output


def test_empty_input_and_missing_output_directory_are_one_line_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["extract", str(empty), "-o", str(tmp_path / "c.jsonl")])
    assert result.exit_code == 1
    assert "empty.jsonl: empty file" in result.stderr
    docs = write_jsonl(tmp_path / "docs.jsonl", DOCS)
    result = CliRunner().invoke(cli, ["extract", str(docs), "-o", str(tmp_path / "no" / "c.jsonl")])
    assert result.exit_code == 1
    assert "does not exist" in result.output
