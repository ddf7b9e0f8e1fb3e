"""Ingest: read inputs with `tollbook.sources` and store each document.

Every document is written by `Store.add_document` in its own transaction, so
a failure costs that one document and never leaves half of it, and never
touches what was stored before.  The identity of a document is the hash of
its text: re-ingesting the same content adds nothing and is counted as
"already stored", not as a failure.

An input that cannot be read, or a document the store refuses (an id already
used for different content, a constraint), goes into the report and the
batch goes on.
Only a database that stops working (locked, full, gone) stops the batch, as a
`StoreError`: every later write would fail the same way.

The database file itself (and its -wal/-shm companions) is never an input,
so `tollbook ingest .` in the directory that holds it reads only the reports.

The progress bar (tqdm, on stderr) counts inputs, with the number of
documents read so far; it appears only when an ingest runs longer than a
second, so short runs and tests print nothing extra.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from tqdm import tqdm

from tollbook.errors import SourceError, StoreError
from tollbook.models import Document
from tollbook.sources import ReadOptions, expand, read_one
from tollbook.store import Store


@dataclass
class IngestReport:
    """What one ingest did: documents added, already stored, and inputs that failed."""

    added: list[str] = field(default_factory=list)  # doc ids
    already_stored: list[str] = field(default_factory=list)  # doc ids as read this time
    failed: list[SourceError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.already_stored)} already stored, "
            f"{len(self.failed)} failed"
        )


def ingest(
    store: Store,
    inputs: Iterable[str],
    progress: bool = True,
    options: ReadOptions | None = None,
) -> IngestReport:
    """Read every input (files, directories, URLs) and store its documents."""
    options = options or ReadOptions()
    report = IngestReport()
    own = _database_files(store)
    items = [item for item in expand(inputs) if os.path.realpath(item) not in own]
    with tqdm(
        total=len(items),
        unit="input",
        desc="ingest",
        file=sys.stderr,
        disable=not progress,
        delay=1.0,
        leave=False,
    ) as bar:
        for item in items:
            for result in read_one(item, options):
                if isinstance(result, SourceError):
                    report.failed.append(result)
                else:
                    _store(store, result, report)
                bar.set_postfix_str(f"{len(report.added)} added", refresh=False)
                bar.update(0)  # redraws at most every mininterval: a long JSONL file shows life
            bar.update(1)
    return report


def _database_files(store: Store) -> set[str]:
    """The SQLite file being written and its companions, never inputs (`tollbook ingest .`)."""
    if "://" in store.target or store.target == ":memory:":
        return set()
    path = os.path.realpath(os.path.expanduser(store.target))
    return {path + suffix for suffix in ("", "-wal", "-shm", "-journal")}


def _store(store: Store, doc: Document, report: IngestReport) -> None:
    try:
        added = store.add_document(doc)
    except (StoreError, IntegrityError) as error:  # this document only (e.g. its id is taken)
        problem = str(getattr(error, "orig", None) or error)
        report.failed.append(SourceError(doc.origin or str(doc.doc_id), problem))
        return
    except SQLAlchemyError as error:
        cause = getattr(error, "orig", None) or error
        raise StoreError(f"{store.target}: database error, ingest stopped ({cause})") from error
    (report.added if added else report.already_stored).append(str(doc.doc_id))
