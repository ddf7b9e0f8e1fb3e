"""The upload limit holds while a body is read, also when no length is declared.

A real uvicorn server (in a thread, on 127.0.0.1) over the test ledger, with a
100,000-byte limit; uploads are sent chunked (Transfer-Encoding: chunked, no
Content-Length) from generator bodies or straight onto a socket.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from test_web import PASSWORD, build_ledger, csrf_of

from tollbook.store import Store
from tollbook.web import Settings, create_app

LIMIT = 100_000
BOUNDARY = "tollbook-test-boundary"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
REFUSED = "big.txt: too large (over the limit of 100,000 bytes); nothing was stored"


@pytest.fixture
def server(store: Store) -> Iterator[str]:
    build_ledger(store)
    app = create_app(store, Settings(tile_url=None, max_upload_bytes=LIMIT))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def reviewer(server: str) -> Iterator[tuple[httpx.Client, str]]:
    """A client signed in as alice, and its CSRF token."""
    with httpx.Client(base_url=server, timeout=30) as client:
        token = csrf_of(client.get("/login").text)
        signed_in = client.post(
            "/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token}
        )
        assert signed_in.status_code == 303
        yield client, csrf_of(client.get("/").text)


def file_part(field: str, filename: str, size: int, fields: dict[str, str]) -> Iterator[bytes]:
    """A multipart body, yielded in 10,000-byte chunks: the form fields, then one file."""
    for name, value in fields.items():
        yield (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        ).encode()
    yield (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; '
        f'filename="{filename}"\r\nContent-Type: text/plain\r\n\r\n'
    ).encode()
    line = b"Reports from the coast kept arriving through the night.\n"
    text = (line * (size // len(line) + 1))[:size]
    for start in range(0, size, 10_000):
        yield text[start : start + 10_000]
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


def test_a_chunked_upload_over_the_limit_is_refused_and_nothing_is_stored(
    reviewer: tuple[httpx.Client, str], store: Store
) -> None:
    client, token = reviewer
    before = store.count("documents")
    api = client.post(
        "/api/documents/upload",
        content=file_part("file", "big.txt", 3 * LIMIT, {}),
        headers={"X-CSRF-Token": token, "Content-Type": MULTIPART},
    )
    assert api.request.headers["transfer-encoding"] == "chunked"
    assert "content-length" not in api.request.headers
    assert api.status_code == 413 and api.json() == {"error": REFUSED}
    page = client.post(
        "/documents",
        content=file_part("upload", "big.txt", 3 * LIMIT, {"csrf_token": token, "mode": "file"}),
        headers={"Content-Type": MULTIPART},
    )
    assert page.status_code == 413 and REFUSED in page.text
    assert store.count("documents") == before
    # A file of exactly the limit, sent the same way, is stored.
    small = client.post(
        "/api/documents/upload",
        content=file_part("file", "small.txt", LIMIT, {}),
        headers={"X-CSRF-Token": token, "Content-Type": MULTIPART},
    )
    assert small.status_code == 201, small.text
    assert store.count("documents") == before + 1


def test_the_refusal_comes_before_the_rest_of_the_body_is_sent(
    reviewer: tuple[httpx.Client, str], server: str, store: Store
) -> None:
    client, token = reviewer
    before = store.count("documents")
    cookie = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
    host, port = server.removeprefix("http://").split(":")
    head = (
        "POST /api/documents/upload HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\nCookie: {cookie}\r\nX-CSRF-Token: {token}\r\n"
        f"Content-Type: {MULTIPART}\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        sock.sendall(head)
        sent = 0
        for chunk in file_part("file", "big.txt", 10 * LIMIT, {}):
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
            if sent > 2 * LIMIT:
                break  # the body is not finished: no last chunk is ever sent
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            received = sock.recv(65536)
            assert received, f"the server closed the connection after {answer!r}"
            answer += received
    status, _, body = answer.partition(b"\r\n\r\n")
    assert status.startswith(b"HTTP/1.1 413")
    assert re.search(rb'\{"error":\s*"([^"]+)"\}', body).group(1).decode() == REFUSED  # type: ignore[union-attr]
    assert store.count("documents") == before
