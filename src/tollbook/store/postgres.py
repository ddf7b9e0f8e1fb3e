"""PostgreSQL backend through psycopg 3: the same Core queries, another engine."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine

from tollbook.errors import StoreError


def connect(url: str) -> Engine:
    """An engine for a `postgresql+psycopg://` URL (plain `postgresql://` is accepted)."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise StoreError("PostgreSQL needs psycopg: pip install 'tollbook[postgres]'") from exc
    return create_engine(url, pool_pre_ping=True)
