"""The main job, stage after stage: ingest, extract, assign to an event, reconcile.

`build_event` is what `tollbook demo` (and so `make run`) runs on the bundled
corpus; each stage is also a command of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tqdm import tqdm

from tollbook.enrich import enrich_claims
from tollbook.errors import NotFound
from tollbook.models import Document, Event
from tollbook.reconcile import Reconciliation, reconcile_event
from tollbook.store import Store


@dataclass
class ExtractReport:
    documents: int
    claims: int


def extract_into_store(
    store: Store, docs: Sequence[Document], progress: bool = False
) -> ExtractReport:
    """Extract `docs`, resolve each claim's place and time, and save the claims.

    The one path from documents to stored claims: the CLI, the demo and the
    web app's intake all go through it.
    """
    from tollbook.extraction import EXTRACTOR, extract_documents

    bar = tqdm(total=len(docs), desc="extracting", unit="doc", disable=not progress)
    total = 0
    for doc, claims in extract_documents(docs):
        total += store.save_claims(
            doc.doc_id or "", enrich_claims(claims, doc), extractor=EXTRACTOR
        )
        bar.update()
    bar.close()
    return ExtractReport(len(docs), total)


def extract_stored(
    store: Store, event_id: int | None = None, progress: bool = False
) -> ExtractReport:
    """Extract claims from stored documents, replacing their unreviewed claims."""
    return extract_into_store(store, list(store.iter_documents(event_id=event_id)), progress)


def ensure_event(store: Store, event: Event) -> Event:
    """The stored event of that slug, created if missing."""
    try:
        return store.get_event(event.slug)
    except NotFound:
        return store.create_event(event)


@dataclass
class BuildReport:
    ingest: Any
    extract: ExtractReport
    event: Event
    assigned: int
    reconciliation: Reconciliation


def build_event(
    store: Store, inputs: Iterable[str], event: Event, progress: bool = False
) -> BuildReport:
    """Ingest `inputs`, extract what has no claims yet, put matching documents in `event`.

    Documents that already have claims are not extracted again on every run;
    `tollbook extract` re-extracts on request (after an extractor upgrade).
    """
    from tollbook.ingest import ingest

    ingested = ingest(store, list(inputs), progress=progress)
    pending = list(store.iter_documents(without_claims=True))
    extracted = extract_into_store(store, pending, progress=progress)
    stored_event = ensure_event(store, event)
    assigned = store.assign_documents(stored_event.id or 0, store.matching_documents(stored_event))
    return BuildReport(
        ingested, extracted, stored_event, assigned, reconcile_event(store, stored_event)
    )
