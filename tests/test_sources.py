"""Reading each supported format into Documents, with the provenance the ledger keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from tollbook.errors import SourceError
from tollbook.models import Document, content_hash
from tollbook.sources import read, read_jsonl
from tollbook.sources.dates import iso_date
from tollbook.sources.wikitext import parse_wikitext

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def only_document(path: Path) -> Document:
    results = list(read([str(path)]))
    assert len(results) == 1, results
    assert isinstance(results[0], Document), results[0]
    return results[0]


def test_html_page_gives_main_text_and_metadata() -> None:
    doc = only_document(FIXTURES / "report.html")
    assert "745 civilians had been killed" in doc.text
    assert "148 fighters" in doc.text
    assert "All rights reserved" not in doc.text  # boilerplate left out
    assert doc.title == "Coastal toll climbs past 700"
    assert doc.publisher == "Harbour Ledger"
    assert doc.url == "https://harbour-ledger.example/world/coastal-toll"
    assert doc.published == "2025-03-08"
    assert doc.format == "html"
    assert doc.origin == str(FIXTURES / "report.html")


def test_html_paragraphs_are_separated_by_blank_lines_like_jsonl() -> None:
    doc = only_document(FIXTURES / "report.html")
    paragraphs = doc.text.split("\n\n")
    assert any(p.startswith("A monitoring group") for p in paragraphs)
    assert any(p.startswith("The group said 125") for p in paragraphs)


def test_thin_html_falls_back_to_og_site_name_canonical_link_and_visible_text() -> None:
    doc = only_document(FIXTURES / "bare.html")
    assert doc.text == "Twelve people were wounded when shells hit the market, a medic said."
    assert doc.publisher == "Valley Wire"
    assert doc.url == "https://valley-wire.example/brief/1"
    assert doc.title == "Brief"


def test_html_publication_date_is_never_taken_from_the_prose(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    path.write_text(
        "<html><head><title>Ambush</title></head><body><article>"
        "<p>The fighting began on 6 March 2025 in Jableh, when gunmen attacked security "
        "posts; at least 16 people were killed, officials said.</p>"
        "<p>Reinforcements were sent to the coast the next morning.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    assert only_document(path).published is None  # 6 March is when it happened


def test_html_publication_date_from_a_time_element(tmp_path: Path) -> None:
    path = tmp_path / "dated.html"
    path.write_text(
        '<html><head><title>Toll</title></head><body><article><time datetime="2025-03-10">'
        "10 March</time><p>The fighting began on 6 March 2025, and 16 were killed.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    assert only_document(path).published == "2025-03-10"


def test_wikitext_gives_prose_without_markup_and_one_citation_per_reference() -> None:
    doc = only_document(FIXTURES / "March_2025_clashes.wiki")
    assert doc.text.startswith("The clashes on the coast began on 6 March 2025")
    assert "security posts near Jableh." in doc.text
    assert "745 civilians were killed. The UN office said" in doc.text
    assert "The road was closed for 30 km." in doc.text  # inline template rendered
    for markup in ("{{", "}}", "[[", "<ref", "thumb", "Category:", "wikitable", "editors:"):
        assert markup not in doc.text
    assert "\n\nCasualties\n\n" in doc.text  # a heading is its own paragraph
    assert doc.title == "March 2025 clashes"
    assert doc.format == "wikitext"
    cited = {c.url: c for c in doc.citations}
    assert len(doc.citations) == 3  # the named reference used twice is one citation
    monitor = cited["https://monitor.example/1383"]
    assert (monitor.title, monitor.publisher, monitor.date, monitor.ref_name) == (
        "Final count of civilian deaths",
        "Coast Monitor",
        "2025-03-25",
        "monitor-final",
    )
    wire = cited["https://wire.example/jableh"]
    assert (wire.publisher, wire.date) == ("Example Wire", "2025-03-07")  # from work=
    assert cited["https://un.example/statement"].title == "UN rights office statement"


def test_wikitext_citations_know_where_their_reference_stood() -> None:
    doc = only_document(FIXTURES / "March_2025_clashes.wiki")
    cited = {c.url: c for c in doc.citations}

    def before(url: str) -> list[str]:
        return [doc.text[:offset] for offset in cited[url].offsets]

    # The named reference is defined in the infobox (not prose) and reused after a figure.
    (monitor,) = before("https://monitor.example/1383")
    assert monitor.endswith("The monitor reported that 745 civilians were killed.")
    (un,) = before("https://un.example/statement")
    assert un.endswith("verified at least 111 deaths.")
    (wire,) = before("https://wire.example/jableh")
    assert wire.endswith("security posts near Jableh.")
    assert "  " not in doc.text  # removing references leaves no doubled spaces


def test_wikitext_from_wikipedia_names_wikipedia_as_publisher() -> None:
    source = "Four were killed.<ref>{{cite news |url=https://a.example |title=A}}</ref>"
    url = "https://en.wikipedia.org/w/index.php?title=Coastal_clashes&action=raw"
    doc = parse_wikitext(source, url, title="Coastal clashes", url=url)
    assert (doc.publisher, doc.url) == ("Wikipedia", url)
    assert parse_wikitext(source, "x.wiki", url="https://notwikipedia.org/x").publisher is None


def test_appendix_sections_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "Article.wiki"
    path.write_text(
        "Four were killed.<ref>{{cite news |url=https://a.example |title=A}}</ref>\n\n"
        "== See also ==\n* [[Other article]]\n\n== References ==\n{{reflist}}\n",
        encoding="utf-8",
    )
    doc = only_document(path)
    assert doc.text == "Four were killed."
    assert doc.citations[0].offsets == [len("Four were killed.")]


def test_jsonl_reads_the_shared_docs_contract(shared_dir: Path) -> None:
    path = shared_dir / "gold" / "dev" / "docs.jsonl"
    results = list(read_jsonl(path))
    line_count = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    assert len(results) == line_count
    assert all(isinstance(r, Document) for r in results)
    first = results[0]
    assert isinstance(first, Document)
    assert first.doc_id and first.text and first.format == "jsonl"
    assert first.origin == f"{path}:1"
    assert first.hash == content_hash(first.text)


def test_jsonl_keeps_fields_and_normalises_dates() -> None:
    docs = [r for r in read_jsonl(FIXTURES / "mixed.jsonl") if isinstance(r, Document)]
    assert [d.doc_id for d in docs] == ["good-1", "good-2"]
    assert (docs[0].url, docs[0].title, docs[0].publisher, docs[0].published) == (
        "https://wire.example/1",
        "Ambush",
        "Example Wire",
        "2025-03-07",
    )
    assert docs[1].published == "2025-03-08"  # "8 March 2025"


def test_json_array_of_records_is_read_record_by_record(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(
        '[\n  {"doc_id": "a", "text": "Three were killed."},\n  {"title": "no text"},\n'
        '  {"doc_id": "c", "text": "Two were wounded.", "published": "2025-03-09"}\n]\n',
        encoding="utf-8",
    )
    results = list(read([str(path)]))
    assert [(r.doc_id, r.format) for r in results if isinstance(r, Document)] == [
        ("a", "json"),
        ("c", "json"),
    ]
    (error,) = [r for r in results if isinstance(r, SourceError)]
    assert (error.source, error.problem) == (f"{path}[1]", '"text" is missing')


def test_json_lines_under_a_json_name_are_read_as_lines(tmp_path: Path) -> None:
    path = tmp_path / "docs.json"
    path.write_text('{"text": "One died."}\n{"text": "Two died."}\n', encoding="utf-8")
    results = list(read([str(path)]))
    assert [(r.text, r.origin) for r in results if isinstance(r, Document)] == [
        ("One died.", f"{path}:1"),
        ("Two died.", f"{path}:2"),
    ]


def test_pretty_printed_json_object_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "record"
    path.write_text('{\n  "text": "Nine were detained.",\n  "publisher": "X"\n}\n')
    doc = only_document(path)
    assert (doc.text, doc.publisher, doc.format) == ("Nine were detained.", "X", "json")


def test_rss_feed_entries_become_documents() -> None:
    results = list(read([str(FIXTURES / "wire.rss")]))
    assert all(isinstance(r, Document) for r in results)
    first, second = results
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text == "At least 13 police officers were killed in an ambush, an official said."
    assert (first.title, first.url, first.publisher) == (
        "Ambush in coastal town",
        "https://wire.example/ambush",
        "Example Wire",
    )
    assert first.published == "2025-03-07T10:15:00+00:00"
    assert first.format == "feed"
    assert second.text == "Monitor: 28 fighters killed"  # a headline-only item keeps its figure


def test_atom_entry_content_is_reduced_to_text() -> None:
    doc = only_document(FIXTURES / "updates.atom")
    assert doc.text == "The number of civilians killed rose to 1,018.\n\nHundreds more fled."
    assert doc.publisher == "Coast Monitor updates"
    assert doc.url == "https://monitor.example/update-1"


def test_text_header_block_gives_metadata_and_is_left_out_of_the_text() -> None:
    doc = only_document(FIXTURES / "with_header.txt")
    assert doc.title == "Monitor raises civilian toll to 1,383"
    assert doc.publisher == "Coast Monitor"
    assert doc.published == "2025-03-25"
    assert doc.url == "https://monitor.example/1383"
    assert doc.text.startswith("The monitor said the number of civilians killed")
    assert "Publisher:" not in doc.text


def test_text_that_merely_starts_with_a_colon_line_stays_prose() -> None:
    doc = only_document(FIXTURES / "plain.txt")
    assert doc.text.startswith("Note: this report has no header block.")
    assert doc.title is None


def test_arabic_in_utf8_is_ordinary_input() -> None:
    doc = only_document(FIXTURES / "arabic_utf8.txt")
    assert doc.text == "أفاد المرصد بمقتل مدنيين في ريف اللاذقية."


def test_cp1256_html_that_declares_its_charset_is_decoded() -> None:
    doc = only_document(FIXTURES / "arabic_cp1256_declared.html")
    assert doc.text == "أفاد المرصد بمقتل مدنيين في ريف اللاذقية."
    assert doc.title == "تقرير"


def test_directory_is_read_recursively_in_order_skipping_hidden_files() -> None:
    results = list(read([str(FIXTURES / "nested")]))
    origins = [r.origin if isinstance(r, Document) else r.source for r in results]
    assert origins == [
        str(FIXTURES / "nested" / "deep.jsonl") + ":1",
        str(FIXTURES / "nested" / "no_extension"),
    ]


def test_format_is_sniffed_when_the_extension_says_nothing(tmp_path: Path) -> None:
    samples = {
        "page": b"<!DOCTYPE html><html><body><p>Four people were killed.</p></body></html>",
        "feed": (FIXTURES / "wire.rss").read_bytes(),
        "lines": b'{"text": "Two were wounded."}\n{"text": "One was missing."}\n',
        "article": b"Intro with a [[link]] and a {{template}}.\n\nThree died.",
        "note": b"Five were detained, the lawyer said.",
    }
    for name, data in samples.items():
        (tmp_path / name).write_bytes(data)
    formats = {
        name: [r.format for r in read([str(tmp_path / name)]) if isinstance(r, Document)]
        for name in samples
    }
    assert formats == {
        "page": ["html"],
        "feed": ["feed", "feed"],
        "lines": ["jsonl", "jsonl"],
        "article": ["wikitext"],
        "note": ["text"],
    }


def test_same_text_has_the_same_hash_whatever_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Seven were killed.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Seven were killed.\n", encoding="utf-8")
    first, second = read([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.hash == second.hash
    assert first.retrieved  # retrieval time is recorded


def test_windows_line_endings_do_not_make_a_different_document(tmp_path: Path) -> None:
    text = "Title: Toll\n\nEight were killed.\n\nThe next day, two more died.\n"
    (tmp_path / "unix.txt").write_bytes(text.encode())
    (tmp_path / "windows.txt").write_bytes(text.replace("\n", "\r\n").encode())
    unix, windows = read([str(tmp_path / "unix.txt"), str(tmp_path / "windows.txt")])
    assert isinstance(unix, Document) and isinstance(windows, Document)
    assert windows.title == "Toll"
    assert windows.text == unix.text == "Eight were killed.\n\nThe next day, two more died."
    assert windows.hash == unix.hash


def test_a_missing_path_is_an_error_and_reading_goes_on(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Eight were wounded.", encoding="utf-8")
    missing, found = read([str(tmp_path / "nope.txt"), str(tmp_path / "ok.txt")])
    assert isinstance(missing, SourceError)
    assert missing.source == str(tmp_path / "nope.txt")
    assert missing.problem == "no such file or directory"
    assert isinstance(found, Document)


@pytest.mark.parametrize("scheme", ["ftp://example.org/a.txt", "file:///etc/passwd"])
def test_unsupported_url_schemes_are_refused(scheme: str) -> None:
    (error,) = read([scheme])
    assert isinstance(error, SourceError)
    assert "unsupported URL scheme" in error.problem


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2025-03-07", "2025-03-07"),
        ("7 March 2025", "2025-03-07"),
        ("March 7, 2025", "2025-03-07"),
        ("Fri, 07 Mar 2025 10:15:00 GMT", "2025-03-07T10:15:00+00:00"),
        ("2025-03-07T10:15:00Z", "2025-03-07T10:15:00+00:00"),
        ("March 2025", None),  # no day stated: none invented
        ("2025-13-01", None),
        ("the day after", None),
    ],
)
def test_publication_dates_are_normalised_to_iso(written: str, expected: str | None) -> None:
    assert iso_date(written) == expected


def test_cite_templates_outside_references_are_citations_too(tmp_path: Path) -> None:
    path = tmp_path / "Article.wiki"
    path.write_text(
        "Six were killed, {{cite web |url=https://b.example |title=B |website=B Daily}} "
        "officials said.\n\n== Sources ==\n"
        "* {{cite news |url=https://c.example |title=C |agency=C Agency |date=9 March 2025}}\n",
        encoding="utf-8",
    )
    doc = only_document(path)
    assert doc.text == "Six were killed, officials said."
    assert [(c.url, c.publisher, c.date) for c in doc.citations] == [
        ("https://b.example", "B Daily", None),
        ("https://c.example", "C Agency", "2025-03-09"),
    ]
    assert doc.citations[0].offsets == [len("Six were killed, ")]
    assert doc.citations[1].offsets == []  # it stood in the end matter, outside the prose
