"""Migrations: from an empty database, and from every older schema, to the newest."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from tollbook.store import Store
from tollbook.store import migrations as migrations_module
from tollbook.store.schema import metadata
from tollbook.store.sqlite import connect

VERSIONS = [m.version for m in migrations_module.available()]


def test_migrations_are_numbered_without_gaps_or_repeats() -> None:
    assert VERSIONS == list(range(1, len(VERSIONS) + 1))


def test_empty_database_reaches_the_described_schema(db_path: Path) -> None:
    store = Store.open(str(db_path))
    tables = set(inspect(store.engine).get_table_names())
    assert set(metadata.tables) <= tables
    for name, table in metadata.tables.items():
        columns = {c["name"] for c in inspect(store.engine).get_columns(name)}
        assert {c.name for c in table.columns} <= columns, name
    store.close()


@pytest.mark.parametrize("old", VERSIONS[:-1] or [0])
def test_every_older_schema_upgrades(db_path: Path, old: int) -> None:
    engine = connect(str(db_path))
    migrations_module.migrate(engine, upto=old)
    assert migrations_module.applied(engine) == set(range(1, old + 1))
    ran = migrations_module.migrate(engine)
    assert [m.version for m in ran] == VERSIONS[old:]
    assert migrations_module.applied(engine) == set(VERSIONS)
    engine.dispose()


def test_reopening_runs_nothing_again(db_path: Path) -> None:
    Store.open(str(db_path)).close()
    engine = connect(str(db_path))
    assert migrations_module.migrate(engine) == []
    engine.dispose()
