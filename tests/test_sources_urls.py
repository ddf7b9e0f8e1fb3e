"""Reading URLs from a real HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tollbook.errors import SourceError
from tollbook.models import Document
from tollbook.sources import ReadOptions, read

FIXTURES = Path(__file__).parent / "fixtures" / "sources"

# path -> (status, content type, body)
ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/news/report": (200, "text/html; charset=utf-8", (FIXTURES / "report.html").read_bytes()),
    "/feed": (200, "application/rss+xml", (FIXTURES / "wire.rss").read_bytes()),
    "/docs.jsonl": (200, "application/octet-stream", (FIXTURES / "mixed.jsonl").read_bytes()),
    "/wiki/March_2025_clashes": (
        200,
        "text/x-wiki; charset=UTF-8",
        (FIXTURES / "March_2025_clashes.wiki").read_bytes(),
    ),
    "/plain": (200, "text/plain", b"Eleven people were killed, the mayor said."),
    "/arabic": (
        200,
        "text/plain; charset=windows-1256",
        (FIXTURES / "arabic_cp1256.txt").read_bytes(),
    ),
    "/arabic-undeclared": (200, "text/plain", (FIXTURES / "arabic_cp1256.txt").read_bytes()),
    "/photo.jpg": (200, "image/jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
    "/empty": (200, "text/html", b""),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802  (http.server's naming)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/news/report")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/endless":  # no Content-Length; more than any small limit
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"x" * 1024)
            return
        status, content_type, body = ROUTES.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


class Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up early (size limit, time-out) are part of the tests."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def only(url: str, options: ReadOptions | None = None) -> Document | SourceError:
    results = list(read([url], options))
    assert len(results) == 1, results
    return results[0]


def test_html_url_gives_text_and_metadata(server: str) -> None:
    doc = only(f"{server}/news/report")
    assert isinstance(doc, Document)
    assert "745 civilians had been killed" in doc.text
    assert doc.format == "html"
    assert doc.publisher == "Harbour Ledger"
    assert doc.url == "https://harbour-ledger.example/world/coastal-toll"  # canonical wins
    assert doc.origin == f"{server}/news/report"


def test_redirect_is_followed(server: str) -> None:
    doc = only(f"{server}/moved")
    assert isinstance(doc, Document)
    assert "745 civilians" in doc.text


def test_feed_url_gives_one_document_per_entry(server: str) -> None:
    docs = list(read([f"{server}/feed"]))
    assert [d.format for d in docs if isinstance(d, Document)] == ["feed", "feed"]


def test_vague_content_type_falls_back_to_the_extension(server: str) -> None:
    results = list(read([f"{server}/docs.jsonl"]))
    assert [r.doc_id for r in results if isinstance(r, Document)] == ["good-1", "good-2"]
    errors = [r.source for r in results if isinstance(r, SourceError)]
    assert errors[0] == f"{server}/docs.jsonl:2"  # line numbers for URLs too


def test_wikitext_url_takes_its_title_from_the_page_name(server: str) -> None:
    doc = only(f"{server}/wiki/March_2025_clashes")
    assert isinstance(doc, Document)
    assert doc.format == "wikitext"
    assert doc.title == "March 2025 clashes"
    assert doc.publisher is None  # not fetched from Wikipedia
    assert len(doc.citations) == 3


def test_plain_text_url_keeps_the_url(server: str) -> None:
    doc = only(f"{server}/plain")
    assert isinstance(doc, Document)
    assert (doc.text, doc.format, doc.url) == (
        "Eleven people were killed, the mayor said.",
        "text",
        f"{server}/plain",
    )


def test_charset_from_the_http_header_decodes_cp1256(server: str) -> None:
    doc = only(f"{server}/arabic")
    assert isinstance(doc, Document)
    assert doc.text == "أفاد المرصد بمقتل مدنيين في ريف اللاذقية."


def test_undeclared_cp1256_over_http_is_refused(server: str) -> None:
    error = only(f"{server}/arabic-undeclared")
    assert isinstance(error, SourceError)
    assert error.problem.startswith("not UTF-8")


def test_http_404(server: str) -> None:
    error = only(f"{server}/missing-page")
    assert isinstance(error, SourceError)
    assert (error.source, error.problem) == (f"{server}/missing-page", "HTTP 404 Not Found")


def test_unreachable_url_connection_refused() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago and is now closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/report"
    error = only(url)
    assert isinstance(error, SourceError)
    assert error.source == url
    assert error.problem.startswith("cannot connect (")
    assert "refused" in error.problem.lower()


def test_slow_server_times_out(server: str) -> None:
    error = only(f"{server}/slow", ReadOptions(timeout=0.3))
    assert isinstance(error, SourceError)
    assert error.problem == "timed out after 0.3 s"


def test_download_stops_at_the_size_limit(server: str) -> None:
    error = only(f"{server}/endless", ReadOptions(max_bytes=8 * 1024))
    assert isinstance(error, SourceError)
    assert error.problem == "too large (more than 8.0 KB downloaded)"


def test_declared_length_over_the_limit_is_refused_before_download(server: str) -> None:
    error = only(f"{server}/news/report", ReadOptions(max_bytes=100))
    assert isinstance(error, SourceError)
    assert error.problem.startswith("too large (")


def test_content_type_that_is_not_a_report(server: str) -> None:
    error = only(f"{server}/photo.jpg")
    assert isinstance(error, SourceError)
    assert error.problem == "unsupported content type image/jpeg"


def test_empty_response(server: str) -> None:
    error = only(f"{server}/empty")
    assert isinstance(error, SourceError)
    assert error.problem == "empty response"
