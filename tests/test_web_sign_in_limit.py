"""Failed sign-ins are limited per account name and per client address (in process, as
test_web): past the limit the sign-in form answers 429 with Retry-After and a message
saying when to try again, without checking the password."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from test_web import PASSWORD, csrf_of

from tollbook.errors import TollbookError
from tollbook.store import Store
from tollbook.web import Settings, create_app
from tollbook.web.throttle import SignInLimiter

pytestmark = pytest.mark.anyio


async def attempt(client: httpx.AsyncClient, name: str, password: str) -> httpx.Response:
    token = csrf_of((await client.get("/login")).text)
    return await client.post(
        "/login", data={"name": name, "password": password, "csrf_token": token}
    )


async def signed_in_as(client: httpx.AsyncClient) -> str | None:
    return (await client.get("/api/session")).json()["user"]  # type: ignore[no-any-return]


async def test_five_wrong_passwords_lock_the_name_even_against_the_right_one(
    client: httpx.AsyncClient,
) -> None:
    for _ in range(5):
        assert (await attempt(client, "alice", "not the password")).status_code == 401
    locked = await attempt(client, "alice", PASSWORD)
    assert locked.status_code == 429
    assert 14 * 60 < int(locked.headers["retry-after"]) <= 15 * 60
    assert "too many failed sign-ins as alice; try again in 15 minutes" in locked.text
    assert await signed_in_as(client) is None
    # Another reviewer from the same address is not locked out by alice's name.
    assert (await attempt(client, "bob", PASSWORD)).status_code == 303
    assert await signed_in_as(client) == "bob"


async def test_a_successful_sign_in_clears_the_names_failures(client: httpx.AsyncClient) -> None:
    for _ in range(4):
        assert (await attempt(client, "alice", "not the password")).status_code == 401
    assert (await attempt(client, "alice", PASSWORD)).status_code == 303
    for _ in range(4):
        assert (await attempt(client, "alice", "still not it")).status_code == 401
    assert (await attempt(client, "alice", PASSWORD)).status_code == 303


async def test_failures_under_many_names_lock_the_address_not_other_addresses(
    store: Store, ledger: dict[str, object]
) -> None:
    app = create_app(store, Settings(tile_url=None, sign_in_failures_per_address=6))

    def client_from(address: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        return httpx.AsyncClient(transport=transport, base_url="http://testserver")

    async with client_from("203.0.113.5") as guesser, client_from("198.51.100.7") as other:
        for i in range(6):
            assert (await attempt(guesser, f"user{i}", "guess")).status_code == 401
        locked = await attempt(guesser, "alice", PASSWORD)
        assert locked.status_code == 429 and "retry-after" in locked.headers
        assert "too many failed sign-ins from your address" in locked.text
        assert (await attempt(other, "alice", PASSWORD)).status_code == 303


async def test_a_burst_of_parallel_guesses_gets_no_more_than_the_limit(
    client: httpx.AsyncClient,
) -> None:
    token = csrf_of((await client.get("/login")).text)
    form = {"name": "alice", "password": "wrong", "csrf_token": token}
    answers = await asyncio.gather(*(client.post("/login", data=form) for _ in range(12)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [401] * 5 + [429] * 7


def test_the_lock_lifts_as_the_oldest_failure_leaves_the_window() -> None:
    now = [0.0]
    limiter = SignInLimiter(per_name=2, per_address=100, window_seconds=60, clock=lambda: now[0])
    assert limiter.check("alice", "a") is None  # fails at 0
    now[0] = 10
    assert limiter.check("alice", "a") is None  # fails at 10
    now[0] = 20
    refused = limiter.check("alice", "a")
    assert refused is not None and refused.retry_after == 40 and refused.name == "alice"
    now[0] = 59
    refused = limiter.check("alice", "a")  # refusals are not counted: the wait keeps shrinking
    assert refused is not None and refused.retry_after == 1
    assert refused.message.endswith("try again in 1 second")
    now[0] = 60
    assert limiter.check("alice", "a") is None  # the failure at 0 has left the window
    now[0] = 61
    refused = limiter.check("alice", "a")
    assert refused is not None and refused.retry_after == 9  # the one at 10 leaves at 70


def test_limits_below_one_are_refused() -> None:
    with pytest.raises(TollbookError, match="sign_in_failures_per_name must be at least 1"):
        Settings(sign_in_failures_per_name=0)
