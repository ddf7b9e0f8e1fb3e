"""Adding a document from the web: pasted text, a URL or an uploaded file.

The same readers as `tollbook ingest` (`tollbook.sources`) turn the input into
`Document`s, so a pasted report, an upload and a download obey the same rules
on size, encoding and binary input.  Each new document is stored, put in the
chosen event, and its claims are extracted at once (`tollbook.extraction`),
so the reviewer lands on a document with its figures already highlighted.
Content that is already stored is not added twice: the reviewer is sent to
the stored copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from tollbook.errors import SourceError, TollbookError
from tollbook.models import Document
from tollbook.sources import ReadOptions, parse_bytes, read_one
from tollbook.sources.dates import iso_date
from tollbook.sources.sniff import kind_from_content, kind_from_extension
from tollbook.sources.urls import is_url
from tollbook.store import Store
from tollbook.web import queries


@dataclass
class Added:
    """What adding did: the documents (new or already stored) and claims found in the new ones."""

    doc_ids: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)
    claims: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class PastedMeta:
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None


def from_text(store: Store, text: str, meta: PastedMeta, event_slug: str | None) -> Added:
    if not text.strip():
        raise TollbookError("pasted text: nothing to add (the text is empty)")
    published = None
    if meta.published and meta.published.strip():
        published = iso_date(meta.published.strip())
        if published is None:
            raise TollbookError(f"published: {meta.published!r} is not a date (use YYYY-MM-DD)")
    if meta.url and meta.url.strip() and not is_url(meta.url.strip()):
        raise TollbookError(f"url: {meta.url!r} is not an http(s) URL")
    found = _read(parse_bytes(text.encode("utf-8"), "text", "pasted text", ReadOptions()))
    for doc in found.docs:
        # Fields typed in the form win over a header block inside the text.
        doc.title = _clean(meta.title) or doc.title
        doc.publisher = _clean(meta.publisher) or doc.publisher
        doc.published = published or doc.published
        doc.url = _clean(meta.url) or doc.url
        doc.format = "text"
    return _store_all(store, found, event_slug)


def from_upload(
    store: Store, filename: str, data: bytes, event_slug: str | None, max_bytes: int
) -> Added:
    name = PurePath(filename or "upload").name
    if len(data) > max_bytes:
        raise TollbookError(f"{name}: too large ({len(data):,} bytes; the limit is {max_bytes:,})")
    kind = kind_from_extension(name) or kind_from_content(data)
    options = ReadOptions(max_bytes=max_bytes)
    title = PurePath(name).stem.replace("_", " ")
    return _store_all(store, _read(parse_bytes(data, kind, name, options, title=title)), event_slug)


def from_url(store: Store, url: str, event_slug: str | None, max_bytes: int) -> Added:
    url = url.strip()
    if not is_url(url):
        raise TollbookError(f"{url!r}: not an http(s) URL")
    return _store_all(store, _read(read_one(url, ReadOptions(max_bytes=max_bytes))), event_slug)


@dataclass
class _Found:
    docs: list[Document]
    errors: list[str]


def _read(results: object) -> _Found:
    found = _Found([], [])
    for result in results:  # type: ignore[attr-defined]
        if isinstance(result, SourceError):
            found.errors.append(str(result))
        else:
            found.docs.append(result)
    if not found.docs and found.errors:
        raise TollbookError(found.errors[0])
    return found


def _clean(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _store_all(store: Store, found: _Found, event_slug: str | None) -> Added:
    event = store.get_event(event_slug) if event_slug else None
    added = Added(errors=found.errors)
    for doc in found.docs:
        if store.add_document(doc):
            doc_id = str(doc.doc_id)
            added.new.append(doc_id)
            added.claims += extract(store, doc)
        else:
            doc_id = queries.document_id_by_hash(store, doc.hash) or str(doc.doc_id)
        added.doc_ids.append(doc_id)
        if event is not None and event.id is not None:
            store.assign_documents(event.id, [doc_id])
    return added


def extract(store: Store, doc: Document) -> int:
    """Extract and store the claims of a newly added document; returns how many."""
    from tollbook.pipeline import extract_into_store

    return extract_into_store(store, [doc]).claims
