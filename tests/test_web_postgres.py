"""The review app's own queries on PostgreSQL: every page, a review and a conflict."""

from __future__ import annotations

import pytest
from test_web import build_ledger, make_client, review, sign_in

from tollbook.store import Store

pytestmark = [pytest.mark.anyio, pytest.mark.postgres]


async def test_pages_reviews_and_conflicts_work_on_postgresql(postgres_url: str) -> None:
    store = Store.open(postgres_url)
    try:
        ledger = build_ledger(store)
        ids = ledger["claims"]
        assert isinstance(ids, dict)
        async with make_client(store) as client:
            for url, expected in [
                ("/", "Coastal clashes"),
                ("/events/coast", "1,383"),
                ("/review?event=coast", "4</strong> unreviewed"),
                ("/documents", "Toll rises to 1,383"),
                ("/documents/sohr-0308", 'id="hl-'),
                ("/search?q=toll", "The civilian toll rose to 1,383"),
                (f"/claims/{ids['un-0311']}", "said it had <mark>verified "),
                ("/api/events/coast/incidents", "Latakia"),
            ]:
                page = await client.get(url)
                assert page.status_code == 200 and expected in page.text, url
            csrf = await sign_in(client)
            done = await review(
                client, csrf, ids["un-0311"], decision="correct", version=1, count_low=250
            )
            assert done.status_code == 200, done.text
            stale = await review(client, csrf, ids["un-0311"], decision="accept", version=1)
            assert stale.status_code == 409
            assert (
                "250–1,383 civilians killed"
                in (await client.get("/events/coast/export/infobox")).text
            )
            audit = (await client.get("/audit")).text
            assert "conflict" in audit and "<ins>250</ins>" in audit
    finally:
        store.close()
