"""The `tollbook` click group and the options its commands share."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from tollbook import __version__
from tollbook.errors import TollbookError
from tollbook.store import Store

DEFAULT_DB = "tollbook.db"


def database_option(fn):  # type: ignore[no-untyped-def]
    """`--db`: a SQLite path or a SQLAlchemy URL; TOLLBOOK_DB overrides the default."""
    return click.option(
        "--db",
        "db",
        default=lambda: os.environ.get("TOLLBOOK_DB", DEFAULT_DB),
        show_default=f"$TOLLBOOK_DB or {DEFAULT_DB}",
        help="SQLite file or database URL (postgresql+psycopg://...).",
    )(fn)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tollbook")
def cli() -> None:
    """Turn reports about an outbreak of violence into a sourced casualty ledger."""
    _show_progress_messages()


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is now (tests and tools swap it)."""

    @property  # type: ignore[override]
    def stream(self):  # type: ignore[no-untyped-def]
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:  # type: ignore[no-untyped-def]
        pass


def _show_progress_messages() -> None:
    """The library logs long one-off work (building the gazetteer) at INFO: show it."""
    logger = logging.getLogger("tollbook")
    if not logger.handlers:
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("tollbook: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


@contextmanager
def open_store(db: str) -> Iterator[Store]:
    """Open the store for one command; library errors become one-line messages."""
    store = None
    try:
        store = Store.open(db)
        yield store
    except TollbookError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        if store is not None:
            store.close()
