"""Numbered, never-edited schema migrations.

Each module `NNNN_name.py` defines `upgrade(conn)`; `migrate()` applies, in order
and each in its own transaction, those not yet recorded in `schema_migrations`.
A migration's DDL is frozen as written: later changes are new migrations.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType

from sqlalchemy import Engine, insert, inspect, select

from tollbook.models import utcnow
from tollbook.store.schema import schema_migrations


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    module: ModuleType


def available() -> list[Migration]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        number, _, name = info.name.partition("_")
        if number.isdigit():
            module = importlib.import_module(f"{__name__}.{info.name}")
            found.append(Migration(int(number), name, module))
    return sorted(found, key=lambda m: m.version)


def applied(engine: Engine) -> set[int]:
    if not inspect(engine).has_table("schema_migrations"):
        return set()
    with engine.connect() as conn:
        return set(conn.scalars(select(schema_migrations.c.version)))


def migrate(engine: Engine, upto: int | None = None) -> list[Migration]:
    """Bring the database up to the newest schema (or to version `upto`).

    Returns the migrations applied, oldest first.
    """
    if not inspect(engine).has_table("schema_migrations"):
        schema_migrations.create(engine)
    done = applied(engine)
    ran = []
    for migration in available():
        if migration.version in done or (upto is not None and migration.version > upto):
            continue
        with engine.begin() as conn:
            migration.module.upgrade(conn)
            conn.execute(
                insert(schema_migrations).values(
                    version=migration.version, name=migration.name, applied_at=utcnow()
                )
            )
        ran.append(migration)
    return ran
