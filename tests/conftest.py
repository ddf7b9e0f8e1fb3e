"""Fixtures shared by every test: an isolated home, a real SQLite file, a store."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import httpx

    from tollbook.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point every path tollbook could write to at a fresh temporary directory."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TOLLBOOK_HOME", str(home / ".tollbook"))
    monkeypatch.setenv("TOLLBOOK_DB", str(home / "tollbook.db"))
    # The gazetteer is derived data, built once (about a minute): every test of
    # the session shares one build instead of each building its own.
    shared = tmp_path_factory.getbasetemp() / "gazetteer.sqlite"
    monkeypatch.setenv("TOLLBOOK_GAZETTEER", os.environ.get("TOLLBOOK_GAZETTEER", str(shared)))
    return home


# -- the review app in process (helpers in test_web) -----------------------------


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def ledger(store: Store) -> dict[str, object]:
    """The small review-app ledger of test_web: documents, claims, an event, two reviewers."""
    from test_web import build_ledger

    return build_ledger(store)


@pytest.fixture
async def client(store: Store, ledger: dict[str, object]) -> AsyncIterator[httpx.AsyncClient]:
    """The review app on `ledger`, in process."""
    from test_web import make_client

    async with make_client(store) as c:
        yield c


@pytest.fixture(scope="session")
def demo_ledger(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo ledger as `tollbook demo` builds it, once per session, and what it printed.

    Tests that change it work on a copy (`demo_copy`).
    """
    from click.testing import CliRunner

    from tollbook.cli import cli

    home = tmp_path_factory.mktemp("demo-home")
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HOME", str(home))
        env.setenv("TOLLBOOK_HOME", str(home / ".tollbook"))
        env.setenv(
            "TOLLBOOK_GAZETTEER",
            os.environ.get(
                "TOLLBOOK_GAZETTEER", str(tmp_path_factory.getbasetemp() / "gazetteer.sqlite")
            ),
        )
        result = CliRunner().invoke(cli, ["demo", "--quiet", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db, result.output


@pytest.fixture
def demo_copy(demo_ledger: tuple[Path, str], tmp_path: Path) -> Iterator[Store]:
    """A store on a private copy of the demo ledger."""
    import shutil

    from tollbook.store import Store

    copy = tmp_path / "demo.db"
    shutil.copy(demo_ledger[0], copy)
    opened = Store.open(str(copy))
    yield opened
    opened.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    from tollbook.store import Store

    opened = Store.open(str(db_path))
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"../shared is missing beside the project (looked in {SHARED})")
    return SHARED


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL server for this test session (see tests/pg_server.py)."""
    from pg_server import running_server

    with running_server() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """An empty database on the session's server, dropped afterwards."""
    import uuid

    from sqlalchemy import create_engine, text

    name = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield postgres_server.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()
