"""The JSON API: everything the pages show, and the same changes, for scripts.

Reads follow the same access rule as the pages.  Changes need a signed-in
session and the session's CSRF token in the `X-CSRF-Token` header
(`GET /api/session` returns it).  Errors are `{"error": message}` with 400,
401, 403, 404 or 409 (a review against a claim that changed meanwhile).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from tollbook.errors import Conflict, NotFound
from tollbook.models import REVIEW_STATUSES, Claim
from tollbook.web import auth, intake, queries, reviewing
from tollbook.web.auth import User
from tollbook.web.deps import (
    CsrfChecked,
    Reader,
    Reviewer,
    current_user,
    get_settings,
    get_store,
)
from tollbook.web.routes.documents import add_document
from tollbook.web.routes.events import export_response

router = APIRouter(prefix="/api", tags=["api"])
reading = [Reader]


def claim_json(claim: Claim, version: int | None = None) -> dict[str, Any]:
    data = asdict(claim)
    if version is not None:
        data["version"] = version
    return data


def view_json(view: queries.ClaimView) -> dict[str, Any]:
    return {
        **claim_json(view.claim, view.version),
        "document": {
            "doc_id": view.claim.doc_id,
            "title": view.doc_title,
            "publisher": view.publisher,
            "published": view.published,
        },
        "context": {"before": view.before, "quote": view.quoted, "after": view.after},
    }


@router.get("/session", summary="Who is signed in, and the CSRF token for changes")
def session(request: Request) -> dict[str, Any]:
    user = current_user(request)
    return {
        "user": user.name if user else None,
        "csrf_token": auth.csrf_token(request),
        "public_read": get_settings(request).public_read,
    }


@router.get("/events", dependencies=reading, summary="Events with their counts")
def events(request: Request) -> list[dict[str, Any]]:
    return [
        {
            **asdict(s.event),
            "documents": s.documents,
            "claims": s.claims,
            "unreviewed": s.unreviewed,
        }
        for s in queries.event_summaries(get_store(request))
    ]


@router.get(
    "/events/{slug}",
    dependencies=reading,
    summary="An event's reconciliation",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}},
)
def event(request: Request, slug: str) -> Response:
    """Tallies (low/best/high with the claims that set each bound, per-source curves),
    contradictions, claims, documents, located claims (`map`) and the infobox."""
    store = get_store(request)
    view = request.app.state.cache.get(store, store.get_event(slug))
    return Response(view.api_body(), media_type="application/json")


@router.get("/events/{slug}/incidents", dependencies=reading, summary="Located incidents")
def event_incidents(request: Request, slug: str) -> list[dict[str, Any]]:
    """Incidents of the event with coordinates: name, dates, low/best/high deaths, claim ids."""
    store = get_store(request)
    return request.app.state.cache.get(store, store.get_event(slug)).incidents()


@router.get("/events/{slug}/export/{fmt}", dependencies=reading, summary="Download an export")
def event_export(request: Request, slug: str, fmt: str) -> Response:
    """`fmt` is infobox, json, csv or timeline-png."""
    return export_response(request, slug, fmt)


@router.get("/documents", dependencies=reading, summary="Documents, newest first")
def documents(request: Request, page: int = 1) -> dict[str, Any]:
    size = get_settings(request).page_size
    docs, total = queries.documents_page(get_store(request), (max(page, 1) - 1) * size, size)
    return {"total": total, "page": page, "documents": [asdict(d) for d in docs]}


@router.get("/documents/{doc_id:path}", dependencies=reading, summary="A document and its claims")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    store = get_store(request)
    doc = store.get_document(doc_id)
    return {
        **asdict(doc),
        "events": [slug for slug, _ in queries.document_events(store, doc_id)],
        "claims": [claim_json(v.claim, v.version) for v in queries.document_claims(store, doc_id)],
    }


class NewDocument(BaseModel):
    """A document to add from pasted text or a URL (files: `POST /api/documents/upload`)."""

    mode: Literal["text", "url"]
    text: str = Field("", max_length=5_000_000)
    url: str = ""
    title: str = ""
    publisher: str = ""
    published: str = Field("", description="YYYY-MM-DD")
    source_url: str = Field("", description="Where the pasted text was published.")
    event: str = Field("", description="Slug of the event to put it in.")


def added_json(added: intake.Added) -> dict[str, Any]:
    return asdict(added)


@router.post(
    "/documents",
    dependencies=[CsrfChecked],
    status_code=201,
    summary="Add a document (text or URL) and extract its claims",
)
def add_document_json(request: Request, body: NewDocument, _user: User = Reviewer) -> Any:
    meta = intake.PastedMeta(body.title, body.publisher, body.published, body.source_url)
    added = add_document(request, body.mode, body.text, body.url, None, b"", meta, body.event)
    return JSONResponse(added_json(added), status_code=201 if added.new else 200)


@router.post(
    "/documents/upload",
    dependencies=[CsrfChecked],
    status_code=201,
    summary="Upload a document file and extract its claims",
)
async def upload_document(
    request: Request,
    file: Annotated[UploadFile, File()],
    event: Annotated[str, Form()] = "",
    _user: User = Reviewer,
) -> Any:
    data = await file.read(get_settings(request).max_upload_bytes + 1)
    meta = intake.PastedMeta()
    added = await run_in_threadpool(add_document, request, "file", "", "", file, data, meta, event)
    return JSONResponse(added_json(added), status_code=201 if added.new else 200)


@router.get("/review-queue", dependencies=reading, summary="Claims waiting for review")
def review_queue(
    request: Request, event: str = "", status: str = "unreviewed", after: int = 0
) -> dict[str, Any]:
    """Keyset-paged by claim id: pass the last id seen as `after` for the next page."""
    if status not in REVIEW_STATUSES:
        raise NotFound(f"no review status {status!r} (one of {', '.join(REVIEW_STATUSES)})")
    store = get_store(request)
    chosen = store.get_event(event) if event else None
    size = get_settings(request).page_size
    items, total = queries.review_queue(
        store, event=chosen, status=status, after_id=max(after, 0), limit=size
    )
    return {
        "total": min(total, queries.COUNT_CAP),
        "total_is_lower_bound": total > queries.COUNT_CAP,
        "claims": [view_json(v) for v in items],
        "next_after": items[-1].claim.id if len(items) == size else None,
    }


@router.get("/claims/{claim_id}", dependencies=reading, summary="A claim, in context, with history")
def claim(request: Request, claim_id: int) -> dict[str, Any]:
    store = get_store(request)
    view = queries.claim_view(store, claim_id)
    if view is None:
        raise NotFound(f"no claim {claim_id}")
    history = queries.decisions(store, claim_id=claim_id, limit=200)
    return {**view_json(view), "history": [asdict(d) for d in history]}


@router.post(
    "/claims/{claim_id}/review",
    dependencies=[CsrfChecked],
    summary="Accept, reject or correct a claim",
    responses={409: {"description": "The claim changed since `version`; nothing was changed"}},
)
def review(request: Request, claim_id: int, body: reviewing.Decision, user: User = Reviewer) -> Any:
    store = get_store(request)
    try:
        updated = reviewing.apply(store, claim_id, user.name, body)
    except Conflict as error:
        current = store.get_claim(claim_id)
        return JSONResponse(
            {
                "error": str(error),
                "claim": claim_json(current, store.claim_version(claim_id)),
            },
            status_code=409,
        )
    request.app.state.cache.refresh_soon(store)
    return claim_json(updated, store.claim_version(claim_id))


@router.get("/reviews", dependencies=reading, summary="The audit trail, newest first")
def reviews(
    request: Request, claim: int | None = None, before: int | None = None
) -> list[dict[str, Any]]:
    size = get_settings(request).page_size
    found = queries.decisions(get_store(request), claim_id=claim, before_id=before, limit=size)
    return [asdict(d) for d in found]


@router.get("/search", dependencies=reading, summary="Search documents and claims")
def search(request: Request, q: str = "") -> dict[str, Any]:
    docs, found = queries.search(
        get_store(request), q.strip()[:200], get_settings(request).page_size
    )
    return {"documents": [asdict(d) for d in docs], "claims": [view_json(v) for v in found]}
