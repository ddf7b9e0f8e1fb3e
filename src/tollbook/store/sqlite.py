"""SQLite backend: a single file, WAL journal, foreign keys enforced."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool


def connect(path: str) -> Engine:
    """An engine on the SQLite file at `path` (created if missing), or `:memory:`."""
    if path == ":memory:":
        # One shared connection, or every thread would see its own empty database.
        engine = create_engine(
            "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    else:
        Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            f"sqlite:///{Path(path).expanduser()}",
            connect_args={"check_same_thread": False, "timeout": 30},
        )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    return engine
