"""The review app in process (httpx.ASGITransport): pages, API, sign-in, CSRF, escaping.

A small ledger is built through the real store (documents, claims, an event,
a reviewer); every request goes through the whole app, middleware included.
`build_ledger` is shared with the browser tests.
"""

from __future__ import annotations

import re

import httpx
import pytest

from tollbook.models import Claim, Document, Event
from tollbook.store import Store
from tollbook.web import Settings, create_app
from tollbook.web.auth import add_user

pytestmark = pytest.mark.anyio

PASSWORD = "correct horse battery"
HOSTILE_TEXT = (
    'Residents said <script>window.__xss = "text"</script> gunmen arrived at dawn. '
    "At least 12 people were killed in the village, the council said. "
    'See <a href="javascript:window.__xss=1">the list</a> for names.'
)


def _claim(doc: Document, quote: str, **fields: object) -> Claim:
    start = doc.text.index(quote)
    return Claim(doc_id=str(doc.doc_id), quote=quote, start=start, end=start + len(quote), **fields)  # type: ignore[arg-type]


def build_ledger(store: Store) -> dict[str, object]:
    """Three reports on one event with competing figures, one hostile document, a reviewer."""
    sohr_1 = Document(
        "The Syrian Observatory for Human Rights said at least 745 civilians were killed "
        "in three days of violence on the coast.",
        doc_id="sohr-0308",
        title="745 civilians killed on the coast",
        publisher="Syrian Observatory for Human Rights",
        published="2025-03-08",
        url="https://example.org/sohr/745",
    )
    sohr_2 = Document(
        "The civilian toll rose to 1,383, the Syrian Observatory for Human Rights said.",
        doc_id="sohr-0312",
        title="Toll rises to 1,383",
        publisher="Syrian Observatory for Human Rights",
        published="2025-03-12",
        url="https://example.org/sohr/1383",
    )
    un = Document(
        "The UN human rights office said it had verified 111 civilian deaths so far.",
        doc_id="un-0311",
        title="UN verifies 111 deaths",
        publisher="OHCHR",
        published="2025-03-11",
        url="https://example.org/un/111",
    )
    hostile = Document(
        HOSTILE_TEXT,
        doc_id="hostile-1",
        title='<img src=x onerror="window.__xss=2">Village report',
        publisher="<b>Local council</b>",
        published="2025-03-09",
        url="javascript:window.__xss=3",
    )
    for doc in (sohr_1, sohr_2, un, hostile):
        store.add_document(doc)
    event = store.create_event(
        Event("Coastal clashes", "coast", "2025-03-06", "2025-03-10", ["coast"], None)
    )
    assert event.id is not None
    store.assign_documents(event.id, ["sohr-0308", "sohr-0312", "un-0311", "hostile-1"])
    store.save_claims(
        "sohr-0308",
        [
            _claim(
                sohr_1,
                "at least 745 civilians were killed",
                outcome="killed",
                count_low=745,
                qualifier="at_least",
                group="civilians",
                attributed_to="Syrian Observatory for Human Rights",
            )
        ],
    )
    store.save_claims(
        "sohr-0312",
        [
            _claim(
                sohr_2,
                "The civilian toll rose to 1,383",
                outcome="killed",
                count_low=1383,
                group="civilians",
                attributed_to="Syrian Observatory for Human Rights",
            )
        ],
    )
    store.save_claims(
        "un-0311",
        [
            _claim(
                un,
                "verified 111 civilian deaths",
                outcome="killed",
                count_low=111,
                group="civilians",
                attributed_to="UN human rights office",
                location={"name": "Latakia", "lat": 35.52, "lon": 35.79},
            )
        ],
    )
    store.save_claims(
        "hostile-1",
        [
            _claim(
                hostile,
                "At least 12 people were killed in the village",
                outcome="killed",
                count_low=12,
                qualifier="at_least",
                group="villagers",
                attributed_to='<img src=x onerror="window.__xss=4">council',
                place="<b>the village</b>",
                location={
                    "name": "</script><script>window.__xss=5</script>",
                    "lat": 35.1,
                    "lon": 35.9,
                },
            )
        ],
    )
    add_user(store, "alice", PASSWORD)
    add_user(store, "bob", PASSWORD)
    ids = {c.doc_id: c.id for c in store.claims()}
    return {"event": event, "claims": ids}


def make_client(store: Store, **settings: object) -> httpx.AsyncClient:
    app = create_app(store, Settings(tile_url=None, **settings))  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert found, "page has no CSRF token"
    return found.group(1)


async def sign_in(client: httpx.AsyncClient, name: str = "alice") -> str:
    """Sign in through the form; returns the session's CSRF token."""
    page = await client.get("/login")
    response = await client.post(
        "/login", data={"name": name, "password": PASSWORD, "csrf_token": csrf_of(page.text)}
    )
    assert response.status_code == 303, response.text
    return csrf_of((await client.get("/")).text)


async def review(
    client: httpx.AsyncClient, csrf: str, claim_id: int, **body: object
) -> httpx.Response:
    return await client.post(
        f"/api/claims/{claim_id}/review", json=body, headers={"X-CSRF-Token": csrf}
    )


# -- pages ------------------------------------------------------------------------


async def test_event_list_links_each_event_with_its_counts(client: httpx.AsyncClient) -> None:
    page = await client.get("/")
    assert page.status_code == 200
    assert '<a href="/events/coast">Coastal clashes</a>' in page.text
    assert ">4</td>" in page.text  # four claims, all unreviewed


async def test_event_page_shows_bounds_linked_to_the_claims_that_set_them(
    client: httpx.AsyncClient, ledger: dict[str, object]
) -> None:
    ids = ledger["claims"]
    assert isinstance(ids, dict)
    page = await client.get("/events/coast")
    assert page.status_code == 200
    row = re.search(r"<td>civilians</td>.*?</tr>", page.text, re.S)
    assert row, "no civilians row"
    # low 111 (UN); high 1,383 (SOHR's latest, superseding its 745); best the lower median
    assert re.findall(r'class="value">([\d,]+)<', row.group(0)) == ["111", "111", "1,383"]
    assert f'href="/claims/{ids["un-0311"]}"' in row.group(0)
    assert f'href="/claims/{ids["sohr-0312"]}"' in row.group(0)
    assert "<svg" in page.text and "civilians killed" in page.text  # the toll curve chart
    assert "{{Infobox military conflict" in page.text
    assert 'id="map-points"' in page.text and "Latakia" in page.text


async def test_event_page_without_coordinates_says_so(store: Store) -> None:
    doc = Document("Officials said 30 people were killed.", doc_id="plain", published="2025-01-02")
    store.add_document(doc)
    event = store.create_event(Event("Quiet", "quiet", place_keywords=[]))
    assert event.id is not None
    store.assign_documents(event.id, ["plain"])
    store.save_claims(
        "plain", [_claim(doc, "30 people were killed", outcome="killed", count_low=30)]
    )
    async with make_client(store) as client:
        page = await client.get("/events/quiet")
    assert "No claim of this event has coordinates yet" in page.text
    assert '<ul class="places">' not in page.text


async def test_document_page_highlights_each_claim_at_its_offsets(
    client: httpx.AsyncClient, ledger: dict[str, object]
) -> None:
    ids = ledger["claims"]
    assert isinstance(ids, dict)
    page = await client.get("/documents/sohr-0308")
    assert page.status_code == 200
    mark = re.search(
        rf'<mark class="hl unreviewed" id="hl-{ids["sohr-0308"]}"[^>]*>([^<]*)</mark>', page.text
    )
    assert mark and mark.group(1) == "at least 745 civilians were killed"


async def test_everything_from_a_document_is_escaped(client: httpx.AsyncClient) -> None:
    for url in (
        "/documents/hostile-1",
        "/events/coast",
        "/review",
        "/search?q=village",
        "/documents",
    ):
        page = await client.get(url)
        assert page.status_code == 200, url
        html = page.text
        assert "<script>window" not in html, url
        assert "<img src=x" not in html, url
        assert 'href="javascript:' not in html.lower(), url
        assert "<b>" not in html, url
    doc_page = (await client.get("/documents/hostile-1")).text
    assert "&lt;script&gt;window.__xss = &#34;text&#34;&lt;/script&gt;" in doc_page
    assert "javascript:window.__xss=3" in doc_page  # the URL is shown, as text only
    event_page = (await client.get("/events/coast")).text
    points = re.search(
        r'<script type="application/json" id="map-points">(.*?)</script>', event_page, re.S
    )
    assert (
        points and "</script>" not in points.group(1) and "\\u003c/script\\u003e" in points.group(1)
    )


async def test_pages_forbid_inline_scripts(client: httpx.AsyncClient) -> None:
    page = await client.get("/events/coast")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert page.headers["x-frame-options"] == "DENY"


async def test_review_queue_shows_the_quote_in_its_context(client: httpx.AsyncClient) -> None:
    page = await client.get("/review?event=coast")
    assert page.status_code == 200
    assert "4</strong> unreviewed claims in Coastal clashes" in page.text
    assert (
        "The Syrian Observatory for Human Rights said "
        '<mark>at least <strong class="figure-in-quote">745</strong> civilians were killed</mark>'
        " in three days" in page.text
    )
    assert "sign in</a> to review" in page.text  # read-only until signed in


async def test_search_finds_documents_and_claims_and_treats_wildcards_literally(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/search", params={"q": "1,383 toll"})
    assert "Toll rises to 1,383" in page.text
    assert "The civilian toll rose to 1,383" in page.text
    nothing = await client.get("/search", params={"q": "%"})
    assert "No document contains all of these words" in nothing.text


async def test_exports_download_in_every_format(client: httpx.AsyncClient) -> None:
    infobox = await client.get("/events/coast/export/infobox")
    assert infobox.status_code == 200 and "attachment" in infobox.headers["content-disposition"]
    assert "111–1,383 civilians killed" in infobox.text
    data = (await client.get("/events/coast/export/json")).json()
    assert data["event"]["slug"] == "coast"
    csv_text = (await client.get("/events/coast/export/csv")).text
    assert csv_text.startswith("claim_id,doc_id,")
    png = await client.get("/events/coast/export/timeline-png")
    assert png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"
    assert (await client.get("/events/coast/export/pdf")).status_code == 404


async def test_unknown_things_are_404_with_a_message(client: httpx.AsyncClient) -> None:
    page = await client.get("/events/nowhere")
    assert page.status_code == 404 and "no event &#39;nowhere&#39;" in page.text
    api = await client.get("/api/claims/999999")
    assert api.status_code == 404 and api.json() == {"error": "no claim 999999"}


# -- signing in, CSRF ----------------------------------------------------------------


async def test_changes_need_a_signed_in_reviewer(
    client: httpx.AsyncClient, ledger: dict[str, object]
) -> None:
    ids = ledger["claims"]
    assert isinstance(ids, dict)
    csrf = csrf_of((await client.get("/")).text)
    refused = await review(client, csrf, ids["un-0311"], decision="accept", version=1)
    assert refused.status_code == 401
    wrong = await client.post(
        "/login", data={"name": "alice", "password": "not it at all", "csrf_token": csrf}
    )
    assert wrong.status_code == 401 and "wrong name or password" in wrong.text
    assert (await client.get("/documents/new")).status_code == 303  # to the sign-in page


async def test_changes_without_the_csrf_token_are_refused(
    client: httpx.AsyncClient, ledger: dict[str, object]
) -> None:
    ids = ledger["claims"]
    assert isinstance(ids, dict)
    await sign_in(client)
    missing = await client.post(
        f"/api/claims/{ids['un-0311']}/review", json={"decision": "accept", "version": 1}
    )
    assert missing.status_code == 403
    forged = await review(client, "forged-token", ids["un-0311"], decision="accept", version=1)
    assert forged.status_code == 403
    form = await client.post(
        f"/claims/{ids['un-0311']}/review", data={"decision": "accept", "version": "1"}
    )
    assert form.status_code == 403
    login = await client.post("/login", data={"name": "alice", "password": PASSWORD})
    assert login.status_code == 403


async def test_private_mode_hides_everything_until_sign_in(
    store: Store, ledger: dict[str, object]
) -> None:
    async with make_client(store, public_read=False) as client:
        page = await client.get("/events/coast")
        assert page.status_code == 303 and page.headers["location"] == "/login?next=/events/coast"
        assert (await client.get("/api/events")).status_code == 401
        await sign_in(client)
        assert (await client.get("/events/coast")).status_code == 200


async def test_sign_out_ends_the_session(client: httpx.AsyncClient) -> None:
    csrf = await sign_in(client)
    assert "Sign out" in (await client.get("/")).text
    out = await client.post("/logout", data={"csrf_token": csrf})
    assert out.status_code == 303
    assert (await client.get("/api/session")).json()["user"] is None


def test_highlight_slices_cover_the_text_with_overlapping_and_misplaced_claims() -> None:
    from tollbook.web.highlight import slices

    text = "Officials said 30 people, including 12 children, were killed."
    whole = Claim("d", "30 people ... were killed", 15, 60, "killed", 30, id=1)
    children = Claim("d", "12 children", 36, 47, "killed", 12, group="children", id=2)
    outside = Claim("d", "gone", 70, 80, "killed", 5, id=3)
    pieces, unplaced = slices(text, [whole, children, outside])
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, [c.id for c in p.claims]) for p in pieces] == [
        ("Officials said ", []),
        ("30 people, including ", [1]),
        ("12 children", [1, 2]),
        (", were killed", [1]),
        (".", []),
    ]
    assert [c.id for c in pieces[1].starts] == [1] and [c.id for c in pieces[2].starts] == [2]
    assert unplaced == [outside]


async def test_sign_in_never_redirects_off_the_site(client: httpx.AsyncClient) -> None:
    page = await client.get("/login", params={"next": "//evil.example/x"})
    token = csrf_of(page.text)
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        response = await client.post(
            "/login",
            data={"name": "alice", "password": PASSWORD, "csrf_token": token, "next": target},
        )
        assert response.status_code == 303 and response.headers["location"] == "/", target
        token = csrf_of((await client.get("/")).text)  # signing in starts a fresh session
