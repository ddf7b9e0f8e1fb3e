"""Reviewing and adding documents through the app (in process): corrections, the
no-JavaScript form path, validation, concurrent reviewers, and pasted, uploaded
and downloaded documents.  The ledger and helpers are those of test_web."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from test_web import make_client, review, sign_in

from tollbook.store import Store

pytestmark = pytest.mark.anyio


# -- reviewing -------------------------------------------------------------------------


async def test_a_correction_changes_the_event_page_and_the_infobox_at_once(
    client: httpx.AsyncClient, ledger: dict[str, object]
) -> None:
    ids = ledger["claims"]
    assert isinstance(ids, dict)
    before = (await client.get("/events/coast/export/infobox")).text
    assert "111–1,383 civilians killed" in before
    csrf = await sign_in(client)
    corrected = await review(
        client,
        csrf,
        ids["un-0311"],
        decision="correct",
        version=1,
        count_low=250,
        note="the later UN figure",
    )
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["count_low"] == 250 and corrected.json()["version"] == 2
    page = (await client.get("/events/coast")).text
    row = re.search(r"<td>civilians</td>.*?</tr>", page, re.S)
    assert row and re.findall(r'class="value">([\d,]+)<', row.group(0))[0] == "250"
    assert "250–1,383 civilians killed" in (await client.get("/events/coast/export/infobox")).text
    audit = (await client.get("/audit")).text
    assert "alice" in audit and "<del>111</del> → <ins>250</ins>" in audit
    assert "the later UN figure" in audit


async def test_the_form_path_works_without_javascript(
    client: httpx.AsyncClient, ledger: dict[str, object]
) -> None:
    ids = ledger["claims"]
    assert isinstance(ids, dict)
    csrf = await sign_in(client)
    claim_id = ids["hostile-1"]
    done = await client.post(
        f"/claims/{claim_id}/review",
        data={"decision": "reject", "version": "1", "csrf_token": csrf, "next": "/review"},
    )
    assert done.status_code == 303 and done.headers["location"] == "/review"
    queue = (await client.get("/review")).text
    assert f"claim {claim_id}: rejected" in queue
    assert "3</strong> unreviewed" in queue


async def test_a_correction_must_change_something_sensible(
    client: httpx.AsyncClient, ledger: dict[str, object]
) -> None:
    ids = ledger["claims"]
    assert isinstance(ids, dict)
    csrf = await sign_in(client)
    same = await review(client, csrf, ids["un-0311"], decision="correct", version=1, count_low=111)
    assert same.status_code == 400 and "nothing was changed" in same.json()["error"]
    upside_down = await review(
        client, csrf, ids["un-0311"], decision="correct", version=1, count_low=50, count_high=10
    )
    assert upside_down.status_code == 422
    assert "smaller than the low" in upside_down.json()["error"]
    bad_outcome = await review(
        client, csrf, ids["un-0311"], decision="correct", version=1, outcome="vanished"
    )
    assert bad_outcome.status_code == 422


async def test_concurrent_reviewers_get_a_conflict_and_the_audit_trail_keeps_both(
    store: Store, ledger: dict[str, object]
) -> None:
    ids = ledger["claims"]
    assert isinstance(ids, dict)
    claim_id = ids["sohr-0308"]
    async with make_client(store) as alice, make_client(store) as bob:
        alice_csrf = await sign_in(alice, "alice")
        bob_csrf = await sign_in(bob, "bob")
        # Both opened the claim at version 1.
        for browser in (alice, bob):
            assert 'data-version="1"' in (await browser.get(f"/claims/{claim_id}")).text
        first = await review(alice, alice_csrf, claim_id, decision="accept", version=1)
        assert first.status_code == 200
        later = await review(
            bob, bob_csrf, claim_id, decision="correct", version=1, count_low=700, note="bob's"
        )
        assert later.status_code == 409
        assert "changed by someone else" in later.json()["error"]
        assert later.json()["claim"]["status"] == "accepted"
        history = (await bob.get(f"/api/claims/{claim_id}")).json()["history"]
    assert [(h["reviewer"], h["decision"]) for h in history] == [
        ("bob", "conflict"),
        ("alice", "accept"),
    ]
    assert store.get_claim(claim_id).count_low == 745  # bob's stale correction was not applied


async def test_api_lists_the_queue_and_documents_the_schema(
    client: httpx.AsyncClient, ledger: dict[str, object]
) -> None:
    queue = (await client.get("/api/review-queue", params={"event": "coast"})).json()
    assert queue["total"] == 4
    first = queue["claims"][0]
    assert first["version"] == 1 and first["context"]["quote"] == first["quote"]
    event = (await client.get("/api/events/coast")).json()
    assert {t["group"] for t in event["tallies"]} >= {"civilians", "villagers"}
    assert event["map"][0]["place"] == "Latakia" or len(event["map"]) == 2
    incidents = (await client.get("/api/events/coast/incidents")).json()
    assert {i["name"] for i in incidents} >= {"Latakia"}
    assert all(-90 <= i["lat"] <= 90 and i["claims"] for i in incidents)
    schema = (await client.get("/openapi.json")).json()
    for path in (
        "/api/events",
        "/api/events/{slug}",
        "/api/review-queue",
        "/api/claims/{claim_id}/review",
        "/api/documents",
        "/api/search",
        "/api/reviews",
    ):
        assert path in schema["paths"], path


# -- adding documents -----------------------------------------------------------------


async def test_pasted_text_is_stored_assigned_and_its_claims_extracted(
    client: httpx.AsyncClient, store: Store
) -> None:
    csrf = await sign_in(client)
    text = "Security sources said 23 soldiers were killed in an ambush near Jableh on Thursday."
    added = await client.post(
        "/documents",
        data={
            "csrf_token": csrf,
            "mode": "text",
            "text": text,
            "title": "Ambush near Jableh",
            "publisher": "Example Wire",
            "published": "2025-03-07",
            "event": "coast",
        },
    )
    assert added.status_code == 303
    page = await client.get(added.headers["location"])
    assert "Ambush near Jableh" in page.text and "Coastal clashes" in page.text
    assert '<mark class="hl unreviewed"' in page.text and "claim(s) found for review" in page.text
    again = await client.post("/documents", data={"csrf_token": csrf, "mode": "text", "text": text})
    assert again.headers["location"] == added.headers["location"]
    assert "already stored" in (await client.get(again.headers["location"])).text


async def test_bad_additions_get_a_clear_message(client: httpx.AsyncClient) -> None:
    csrf = await sign_in(client)
    empty = await client.post("/documents", data={"csrf_token": csrf, "mode": "text", "text": " "})
    assert empty.status_code == 400 and "the text is empty" in empty.text
    bad_date = await client.post(
        "/documents",
        data={"csrf_token": csrf, "mode": "text", "text": "Some report.", "published": "soon"},
    )
    assert bad_date.status_code == 400 and "is not a date" in bad_date.text
    binary = await client.post(
        "/api/documents/upload",
        files={"file": ("scan.pdf", b"%PDF-1.7 binary", "application/pdf")},
        headers={"X-CSRF-Token": csrf},
    )
    assert binary.status_code == 400 and "binary file (a PDF document)" in binary.json()["error"]


async def test_an_oversized_upload_is_refused_before_it_is_read(store: Store) -> None:
    before = store.count("documents")
    async with make_client(store, max_upload_bytes=1000) as client:
        response = await client.post(
            "/api/documents/upload", files={"file": ("big.txt", b"x" * 3_000_000, "text/plain")}
        )
    assert response.status_code == 413
    assert response.json()["error"] == (
        "big.txt: too large (over the limit of 1,000 bytes); nothing was stored"
    )
    assert store.count("documents") == before


async def test_a_file_upload_and_a_url_are_added(client: httpx.AsyncClient, tmp_path: Path) -> None:
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    csrf = await sign_in(client)
    upload = await client.post(
        "/api/documents/upload",
        files={
            "file": (
                "wire.txt",
                b"Title: Wire report\n\nAt least 40 people were killed.",
                "text/plain",
            )
        },
        data={"event": "coast"},
        headers={"X-CSRF-Token": csrf},
    )
    assert upload.status_code == 201, upload.text
    assert upload.json()["claims"] >= 1
    (tmp_path / "report.html").write_text(
        "<html><head><title>Fighting resumes</title></head><body><article><p>"
        "Medics said 17 civilians were wounded in shelling on Friday.</p></article></body></html>",
        encoding="utf-8",
    )

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(tmp_path), **kwargs)  # type: ignore[arg-type]

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/report.html"
        fetched = await client.post(
            "/api/documents", json={"mode": "url", "url": url}, headers={"X-CSRF-Token": csrf}
        )
    finally:
        server.shutdown()
        server.server_close()
    assert fetched.status_code == 201, fetched.text
    doc = (await client.get(f"/api/documents/{fetched.json()['doc_ids'][0]}")).json()
    assert doc["url"] == url and "17 civilians were wounded" in doc["text"]
