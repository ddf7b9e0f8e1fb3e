"""Bad input: each gives one clear error naming the input, and reading goes on."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from tollbook.errors import SourceError
from tollbook.models import Document
from tollbook.sources import ReadOptions, read, read_jsonl

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def only_error(path: Path, options: ReadOptions | None = None) -> SourceError:
    results = list(read([str(path)], options))
    assert len(results) == 1, results
    assert isinstance(results[0], SourceError), results[0]
    assert results[0].source == str(path)
    assert "\n" not in str(results[0])  # one line
    return results[0]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert only_error(path).problem == "empty file"


@pytest.mark.parametrize("name", ["blank.txt", "blank.html", "blank.wiki", "blank"])
def test_whitespace_only_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"  \n\t\n")
    assert "no text" in only_error(path).problem


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(bytes(range(256)) * 4)
    assert only_error(path).problem == "binary file (contains NUL bytes), not text"


def test_text_damaged_past_its_start_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"Seven were killed. " * 1000 + b"\x00\x00garbage")
    assert only_error(path).problem == (
        "NUL byte at offset 19000: a damaged or binary file, not text"
    )


def test_binary_file_is_named_by_its_signature(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert "a PDF document" in only_error(path).problem


def test_undeclared_cp1256_is_refused_naming_the_likely_encoding() -> None:
    error = only_error(FIXTURES / "arabic_cp1256.txt")
    assert error.problem.startswith("not UTF-8 (invalid byte 0x")
    assert "cp1256" in error.problem
    assert "--encoding" in error.problem


def test_cp1256_decodes_when_the_user_names_the_encoding() -> None:
    (doc,) = read([str(FIXTURES / "arabic_cp1256.txt")], ReadOptions(encoding="cp1256"))
    assert isinstance(doc, Document)
    assert doc.text == "أفاد المرصد بمقتل مدنيين في ريف اللاذقية."


def test_a_wrong_declared_charset_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b'<html><head><meta charset="x-no-such-charset"></head><body>\xff\xfe</body>')
    assert only_error(path).problem == "unknown charset 'x-no-such-charset'"


def test_unknown_encoding_option_is_refused_up_front() -> None:
    with pytest.raises(ValueError, match="unknown encoding 'klingon'"):
        ReadOptions(encoding="klingon")


def test_truncated_html_still_gives_the_text_it_holds(tmp_path: Path) -> None:
    page = (FIXTURES / "report.html").read_bytes()
    path = tmp_path / "truncated.html"  # cut mid-sentence, no closing tags
    path.write_bytes(page[: page.index(b"in the coastal provinces") + len(b"in the c")])
    results = list(read([str(path)]))
    assert len(results) == 1
    doc = results[0]
    assert isinstance(doc, Document)
    assert "745 civilians had been killed in the c" in doc.text
    assert doc.title == "Coastal toll climbs past 700"


def test_html_cut_before_any_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "cut.html"
    path.write_text("<!DOCTYPE html>\n<html><head><title>Coastal toll", encoding="utf-8")
    assert only_error(path).problem == "no readable text in the HTML"


def test_file_over_the_size_limit_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 200 MB in size, nothing written
        handle.truncate(200 * 1024 * 1024)
    tracemalloc.start()
    try:
        error = only_error(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.problem == "too large (200.0 MB; the limit is 50.0 MB, raise it with --max-size)"
    assert peak < 5 * 1024 * 1024


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("Nine were killed. " * 100, encoding="utf-8")
    assert (
        "too large (1.8 KB; the limit is 1.0 KB"
        in only_error(path, ReadOptions(max_bytes=1024)).problem
    )
    (doc,) = read([str(path)], ReadOptions(max_bytes=4096))
    assert isinstance(doc, Document)


def test_malformed_jsonl_lines_are_reported_with_line_numbers_and_good_lines_kept() -> None:
    path = FIXTURES / "mixed.jsonl"
    results = list(read([str(path)]))
    docs = [r.doc_id for r in results if isinstance(r, Document)]
    errors = {e.source: e.problem for e in results if isinstance(e, SourceError)}
    assert docs == ["good-1", "good-2"]
    assert errors == {
        f"{path}:2": "invalid JSON (Unterminated string starting at at column 32)",
        f"{path}:3": "expected a JSON object, got list",
        f"{path}:4": '"text" is missing',
        f"{path}:6": "\"published\" is not a date: 'the day after'",
    }


def test_jsonl_line_over_the_limit_is_skipped_and_the_next_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    long_line = '{"text": "' + "x" * 5000 + '"}'
    path.write_text(f'{{"text": "first"}}\n{long_line}\n{{"text": "third"}}\n', encoding="utf-8")
    results = list(read_jsonl(path, ReadOptions(max_bytes=1024)))
    assert [r.text for r in results if isinstance(r, Document)] == ["first", "third"]
    (error,) = [r for r in results if isinstance(r, SourceError)]
    assert error.source == f"{path}:2"
    assert error.problem == "line longer than the limit of 1.0 KB"


def test_jsonl_line_that_is_not_utf8_is_reported_alone(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    arabic = "مقتل مدنيين".encode("cp1256")
    path.write_bytes(b'{"text": "' + arabic + b'"}\n{"text": "fine"}\n')
    results = list(read_jsonl(path))
    assert isinstance(results[0], SourceError) and results[0].source == f"{path}:1"
    assert results[0].problem.startswith("not UTF-8")
    assert isinstance(results[1], Document) and results[1].text == "fine"


def test_wikitext_with_broken_templates_keeps_prose_and_drops_the_debris() -> None:
    results = list(read([str(FIXTURES / "broken_templates.wiki")]))
    (doc,) = results
    assert isinstance(doc, Document)
    assert "16 people were killed in the ambush." in doc.text
    assert "28 fighters were killed, the monitor said." in doc.text
    for debris in ("{{", "}}", "[[", "| conflict", "casualties1", "url="):
        assert debris not in doc.text
    assert [c.url for c in doc.citations] == ["https://wire.example/ambush"]


def test_wikitext_of_only_templates_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "stub.wiki"
    path.write_text("{{Infobox military conflict\n| conflict = X\n}}\n{{reflist}}\n")
    assert "no article text" in only_error(path).problem


def test_feed_that_is_not_xml() -> None:
    error = only_error(FIXTURES / "not_a_feed.rss")
    assert error.problem.startswith("not an RSS or Atom feed (")


def test_truncated_feed_keeps_the_entries_before_the_break_and_reports_it(
    tmp_path: Path,
) -> None:
    data = (FIXTURES / "wire.rss").read_bytes()
    second_item = data.index(b"<item>", data.index(b"</item>"))
    path = tmp_path / "cut.rss"
    path.write_bytes(data[: second_item + len(b"<item><title>Monitor")])
    results = list(read([str(path)]))
    docs = [r for r in results if isinstance(r, Document)]
    errors = [r for r in results if isinstance(r, SourceError)]
    assert docs and docs[0].title == "Ambush in coastal town"
    assert len(errors) == 1 and errors[0].source == str(path)
    assert errors[0].problem.startswith("malformed feed XML (")
    assert errors[0].problem.endswith(
        f"kept the {len(docs)} {'entry' if len(docs) == 1 else 'entries'} read before it"
    )


def test_feed_in_a_declared_legacy_charset_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "arabic.rss"
    path.write_bytes(
        '<?xml version="1.0" encoding="windows-1256"?><rss version="2.0"><channel>'
        "<title>وكالة</title><item><title>خبر</title><description>مقتل مدنيين</description>"
        "</item></channel></rss>".encode("cp1256")
    )
    (doc,) = read([str(path)])
    assert isinstance(doc, Document)
    assert (doc.text, doc.title, doc.publisher) == ("مقتل مدنيين", "خبر", "وكالة")


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><a>1</a></settings>', encoding="utf-8")
    assert only_error(path).problem.startswith("not an RSS or Atom feed")


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text("Ten were wounded.", encoding="utf-8")
    (tmp_path / "c_binary.txt").write_bytes(b"\x00\x01\x02")
    kinds = [type(r).__name__ for r in read([str(tmp_path)])]
    assert kinds == ["SourceError", "Document", "SourceError"]


def test_json_file_that_does_not_parse(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('[{"text": "Three were killed."},\n{"text": ', encoding="utf-8")
    assert only_error(path).problem == "invalid JSON (Expecting value at line 2, column 10)"


def test_directory_with_nothing_to_read(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / ".cache").mkdir(parents=True)
    (folder / ".cache" / "x.txt").write_text("Hidden.", encoding="utf-8")
    error = only_error(folder)
    assert error.problem == "no files in this directory (hidden ones are skipped)"
