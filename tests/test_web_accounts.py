"""Reviewer accounts from the CLI, and what a session survives (restarts) or not (new password)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from tollbook.cli import cli
from tollbook.store import Store
from tollbook.web import Settings, create_app
from tollbook.web.auth import authenticate, set_password

pytestmark = pytest.mark.anyio


def test_user_add_reads_the_password_from_stdin_and_hashes_it(db_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["user", "add", "carol", "--password-stdin", "--db", str(db_path)],
        input="s3cret-words\n",
    )
    assert result.exit_code == 0, result.output
    assert "created reviewer carol" in result.output
    store = Store.open(str(db_path))
    try:
        assert authenticate(store, "carol", "s3cret-words") is not None
        assert authenticate(store, "carol", "s3cret-word") is None
        with store.engine.connect() as conn:
            stored = conn.exec_driver_sql("SELECT password_hash FROM users").scalar_one()
        assert stored.startswith("$argon2id$") and "s3cret" not in stored
    finally:
        store.close()
    listed = runner.invoke(cli, ["user", "list", "--db", str(db_path)])
    assert listed.output.split() == ["carol"]


def test_user_add_refuses_bad_names_short_passwords_and_duplicates(db_path: Path) -> None:
    runner = CliRunner()
    args = ["--password-stdin", "--db", str(db_path)]
    short = runner.invoke(cli, ["user", "add", "dan", *args], input="short\n")
    assert short.exit_code == 1 and "at least 8 characters" in short.output
    bad = runner.invoke(cli, ["user", "add", "<dan>", *args], input="long enough\n")
    assert bad.exit_code == 1 and "a user name is" in bad.output
    assert runner.invoke(cli, ["user", "add", "dan", *args], input="long enough\n").exit_code == 0
    again = runner.invoke(cli, ["user", "add", "dan", *args], input="long enough\n")
    assert again.exit_code == 1 and "already exists" in again.output


def test_user_add_prompts_for_the_password_twice(db_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["user", "add", "erin", "--db", str(db_path)], input="first-try\nsecond-try\n"
    )
    assert result.exit_code == 1 and "do not match" in result.output.lower()


def test_serve_refuses_a_tile_url_that_is_not_http(db_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(db_path), "--tiles", "javascript:x"])
    assert result.exit_code == 1 and "tile_url must be an http(s) URL" in result.output


async def _signed_in_cookies(store: Store) -> httpx.Cookies:
    app = create_app(store, Settings())
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        page = await client.get("/login")
        token = page.text.split('name="csrf-token" content="')[1].split('"')[0]
        await client.post(
            "/login", data={"name": "fay", "password": "fay-password", "csrf_token": token}
        )
        return client.cookies


async def _who(store: Store, cookies: httpx.Cookies) -> str | None:
    app = create_app(store, Settings())
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver", cookies=cookies
    ) as client:
        return (await client.get("/api/session")).json()["user"]  # type: ignore[no-any-return]


async def test_a_session_survives_a_restart_but_not_a_new_password(store: Store) -> None:
    from tollbook.web.auth import add_user

    add_user(store, "fay", "fay-password")
    cookies = await _signed_in_cookies(store)
    assert await _who(store, cookies) == "fay"  # a second app: as after a restart
    set_password(store, "fay", "a-new-password")
    assert await _who(store, cookies) is None
