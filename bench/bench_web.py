"""Review app speed on a large ledger: event page and review queue under 300 ms?

Builds a SQLite ledger of 100,000 claims (5,000 documents in 10 events,
20 claims each, 40 sources, a third of the claims located in one of 25
places), serves it with uvicorn on 127.0.0.1 in a thread, and times real
HTTP requests: the event page cold (nothing built yet: the whole event is
reconciled), unchanged, and right after review decisions (the kept view is
revised); the review queue (all events, one event, a deep page), a document
page, a claim page, the event API and a review decision; then the start-up
warm-up `tollbook serve` runs, and the first view of an event it built.
`--one-event` puts all 100,000 claims in a single event, the worst case for
the event page.  Figures are printed, never asserted.

    python bench/bench_web.py [--claims 100000] [--one-event] [--db PATH] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from sqlalchemy import insert

from tollbook.models import OUTCOMES, content_hash, utcnow
from tollbook.store import Store
from tollbook.store.schema import claims, documents, event_documents, events
from tollbook.web import Settings, create_app
from tollbook.web.auth import add_user

GOAL_MS = 300
CLAIMS_PER_DOC = 20
GROUPS = ["civilians", "security forces", "fighters", "children", "women", "total", "unspecified"]
QUALIFIERS = ["exact", "at_least", "more_than", "about", "exact", "exact"]
PLACES = [(f"Village {i}", 35.0 + i * 0.04, 35.8 + (i % 5) * 0.05) for i in range(25)]


def build(db: Path, total_claims: int, one_event: bool, seed: int = 7) -> Store:
    """A migrated tollbook database filled in bulk (the store's own writers are per document)."""
    rng = random.Random(seed)
    store = Store.open(str(db))
    n_docs = total_claims // CLAIMS_PER_DOC
    n_events = 1 if one_event else 10
    sources = [f"Monitor {i}" for i in range(40)]
    now = utcnow()
    tolls: dict[tuple[str, str], int] = {}
    with store.transaction() as conn:
        conn.execute(
            insert(events),
            [
                {
                    "slug": f"event-{e}",
                    "name": f"Benchmark event {e}",
                    "start_date": "2025-03-06",
                    "end_date": "2025-03-31",
                    "place_keywords": json.dumps(["coast"]),
                    "part_of": None,
                    "created_at": now,
                }
                for e in range(n_events)
            ],
        )
        doc_rows, link_rows, claim_rows = [], [], []
        for d in range(n_docs):
            sentences, spans = [], []
            offset = 0
            day = rng.randint(6, 31)
            picks = [(rng.choice(OUTCOMES[:3]), rng.choice(GROUPS)) for _ in range(CLAIMS_PER_DOC)]
            for c, (outcome, group) in enumerate(picks):
                # Sources report a toll that grows over the first ten days, each within
                # 20% of the truth: they disagree as real sources do, not at random.
                truth = tolls.setdefault((outcome, group), rng.randint(20, 2000))
                n = max(1, round(truth * min(1.0, (day - 4) / 10) * rng.uniform(0.8, 1.2)))
                sentence = f"Source {c} said at least {n} people were killed in report {d}. "
                spans.append((offset + 5, offset + len(sentence) - 2, n))
                sentences.append(sentence)
                offset += len(sentence)
            text = "".join(sentences)
            doc_id = f"bench-{d:06d}"
            publisher = rng.choice(sources)
            doc_rows.append(
                {
                    "doc_id": doc_id,
                    "hash": content_hash(text),
                    "url": f"https://example.org/{doc_id}",
                    "title": f"Report {d}",
                    "publisher": publisher,
                    "published": f"2025-03-{day:02d}",
                    "retrieved": now,
                    "format": "text",
                    "origin": None,
                    "text": text,
                }
            )
            link_rows.append({"event_id": d % n_events + 1, "doc_id": doc_id})
            for c, ((start, end, n), (outcome, group)) in enumerate(zip(spans, picks, strict=True)):
                place = rng.choice(PLACES) if rng.random() < 0.33 else None
                claim_rows.append(
                    {
                        "doc_id": doc_id,
                        "quote": text[start:end],
                        "start_offset": start,
                        "end_offset": end,
                        "outcome": outcome,
                        "count_low": n,
                        "count_high": None,
                        "qualifier": rng.choice(QUALIFIERS),
                        "victim_group": group,
                        "attributed_to": rng.choice(sources) if c % 3 else None,
                        "attributed_id": None,
                        "place": place[0] if place else None,
                        "when_text": None,
                        "location": json.dumps({"name": place[0], "lat": place[1], "lon": place[2]})
                        if place
                        else None,
                        "period": None,
                        "event_id": None,
                        "status": "unreviewed",
                        "version": 1,
                        "extractor": "bench",
                        "created_at": now,
                    }
                )
        conn.execute(insert(documents), doc_rows)
        conn.execute(insert(event_documents), link_rows)
        for i in range(0, len(claim_rows), 10_000):
            conn.execute(insert(claims), claim_rows[i : i + 10_000])
    add_user(store, "bench", "bench-password")
    return store


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def timed(client: httpx.Client, method: str, url: str, **kwargs: object) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.request(method, url, **kwargs)  # type: ignore[arg-type]
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code >= 400:
        raise SystemExit(f"{method} {url}: HTTP {response.status_code} {response.text[:200]}")
    return elapsed, len(response.content)


def report(name: str, times: list[float], size: int) -> None:
    median = statistics.median(times)
    verdict = "ok" if max(times) < GOAL_MS else ("median ok" if median < GOAL_MS else "SLOW")
    print(
        f"  {name:<44} median {median:7.1f} ms  max {max(times):7.1f} ms  "
        f"({len(times)} requests, {size / 1024:6.0f} KB)  {verdict}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--one-event", action="store_true", help="all claims in one event")
    parser.add_argument(
        "--db", type=Path, help="keep the database here, or reuse it (default: a temp dir)"
    )
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        started = time.perf_counter()
        if db.exists():  # a ledger kept from an earlier run (--db)
            store = Store.open(str(db))
        else:
            store = build(db, args.claims, args.one_event)
        print(
            f"built {db.name}: {store.count('claims'):,} claims, {store.count('documents'):,} "
            f"documents, {store.count('events')} events in {time.perf_counter() - started:.1f} s "
            f"({db.stat().st_size / 2**20:.0f} MB)",
            flush=True,
        )
        port = _free_port()
        app = create_app(store, Settings(tile_url=None))
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=120) as client:
                run(client, args.repeat)
                warm_up(client, app, store)
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            store.close()


def run(client: httpx.Client, repeat: int) -> None:
    event = "event-0"
    n_events = len(client.get("/api/events").json())
    print(f"goal: each page under {GOAL_MS} ms (real HTTP on 127.0.0.1, one client)")
    per_event = client.get("/api/events").json()[0]["claims"]
    print(f"event-0 holds {per_event:,} claims ({n_events} events)")

    # Cold: the first view reconciles the event's claims; warm views reuse it.
    # The server's very first event page also compiles its templates and queries.
    timed(client, "GET", "/")
    slugs = [e["slug"] for e in client.get("/api/events").json()]
    if len(slugs) > 1:
        first, size = timed(client, "GET", f"/events/{slugs[1]}")
        report("event page, first of a new server process", [first], size)
    cold, size = timed(client, "GET", f"/events/{event}")
    report("event page, first view, nothing kept (reconciles)", [cold], size)
    warm = [timed(client, "GET", f"/events/{event}") for _ in range(repeat)]
    report("event page, unchanged since last view", [t for t, _ in warm], warm[0][1])

    for name, url in [
        ("review queue, all events", "/review"),
        ("review queue, one event", f"/review?event={event}"),
        ("review queue, deep page (after claim 90,000)", "/review?after=90000"),
        ("review queue API", "/api/review-queue"),
        ("document page", "/documents/bench-000123"),
        ("claim page", "/claims/4567"),
        ("documents list", "/documents?page=20"),
        ("audit trail", "/audit"),
        ("event API (JSON of the reconciliation)", f"/api/events/{event}"),
    ]:
        results = [timed(client, "GET", url) for _ in range(repeat)]
        report(name, [t for t, _ in results], results[0][1])

    # Sign in and review: each decision changes the event, so the next view reconciles again.
    page = client.get("/login").text
    csrf = page.split('name="csrf-token" content="')[1].split('"')[0]
    client.post("/login", data={"name": "bench", "password": "bench-password", "csrf_token": csrf})
    csrf = client.get("/").text.split('name="csrf-token" content="')[1].split('"')[0]
    queue = client.get(f"/api/review-queue?event={event}").json()["claims"]
    decisions, after = [], []
    for item in queue[:repeat]:
        t, size = timed(
            client,
            "POST",
            f"/api/claims/{item['id']}/review",
            json={"decision": "accept", "version": item["version"]},
            headers={"X-CSRF-Token": csrf},
        )
        decisions.append(t)
        after.append(timed(client, "GET", f"/events/{event}")[0])
    report("review decision (API)", decisions, size)
    report("event page right after a decision", after, 0)
    # As a reviewer works: a decision, a few seconds on the next claim, then the event page.
    later = []
    for item in queue[repeat : repeat + 3]:
        client.post(
            f"/api/claims/{item['id']}/review",
            json={"decision": "accept", "version": item["version"]},
            headers={"X-CSRF-Token": csrf},
        )
        time.sleep(4)
        later.append(timed(client, "GET", f"/events/{event}")[0])
    report("event page 4 s after a decision (refreshed ahead)", later, 0)


def warm_up(client: httpx.Client, app: Any, store: Store) -> None:
    """What `tollbook serve` does at start: build the busiest events' views in the background."""
    cache = app.state.cache
    fresh = type(cache)()  # as after a restart: nothing kept
    app.state.cache = fresh
    started = time.perf_counter()
    fresh.warm(store).join()
    events = client.get("/api/events").json()
    print(
        f"  start-up warm-up: {len(fresh._entries)} of {len(events)} events built "
        f"in {time.perf_counter() - started:.1f} s (in the background while serving)"
    )
    slugs = [e["slug"] for e in events]
    first = [timed(client, "GET", f"/events/{slug}") for slug in slugs[:10]]
    report("event page, first view after the warm-up", [t for t, _ in first], first[0][1])


if __name__ == "__main__":
    main()
