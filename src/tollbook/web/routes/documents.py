"""Documents: the list, one document with its claims highlighted, and adding one."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from tollbook.errors import TollbookError
from tollbook.web import intake, queries
from tollbook.web.deps import CsrfChecked, Reader, Reviewer, flash, get_settings, get_store, render
from tollbook.web.highlight import slices

router = APIRouter(dependencies=[Reader])


@router.get("/documents", response_class=HTMLResponse, include_in_schema=False)
def document_list(request: Request, page: int = 1) -> HTMLResponse:
    size = get_settings(request).page_size
    page = max(page, 1)
    docs, total = queries.documents_page(get_store(request), (page - 1) * size, size)
    pages = max(1, -(-total // size))
    return render(
        request, "documents.html", {"docs": docs, "total": total, "page": page, "pages": pages}
    )


@router.get("/documents/new", response_class=HTMLResponse, include_in_schema=False)
def new_document(request: Request, _user: object = Reviewer) -> HTMLResponse:
    return render(request, "add_document.html", {"events": queries.event_names(get_store(request))})


def add_document(
    request: Request,
    mode: str,
    text: str,
    url: str,
    upload: UploadFile | None,
    upload_bytes: bytes,
    meta: intake.PastedMeta,
    event: str,
) -> intake.Added:
    """Add from whichever input the form's mode names (shared by the page and the API)."""
    store, settings = get_store(request), get_settings(request)
    event_slug = event or None
    if mode == "text":
        return intake.from_text(store, text, meta, event_slug)
    if mode == "url":
        if not settings.allow_url_fetch:
            raise TollbookError("this server does not download URLs; paste the text instead")
        return intake.from_url(store, url, event_slug, settings.max_upload_bytes)
    if mode == "file":
        if upload is None or not upload.filename:
            raise TollbookError("choose a file to upload")
        return intake.from_upload(
            store, upload.filename, upload_bytes, event_slug, settings.max_upload_bytes
        )
    raise TollbookError(f"unknown way to add a document {mode!r} (text, url or file)")


@router.post("/documents", include_in_schema=False, dependencies=[CsrfChecked], response_model=None)
async def add_document_form(
    request: Request,
    _user: object = Reviewer,
    mode: str = Form("text"),
    text: str = Form(""),
    url: str = Form(""),
    title: str = Form(""),
    publisher: str = Form(""),
    published: str = Form(""),
    source_url: str = Form(""),
    event: str = Form(""),
    upload: UploadFile | None = None,
) -> RedirectResponse | HTMLResponse:
    limit = get_settings(request).max_upload_bytes
    data = await upload.read(limit + 1) if upload is not None else b""
    meta = intake.PastedMeta(title, publisher, published, source_url)
    try:
        # The readers and the extractor are synchronous and CPU-bound: off the event loop.
        added = await run_in_threadpool(
            add_document, request, mode, text, url, upload, data, meta, event
        )
    except TollbookError as error:
        flash(request, str(error), "error")
        store = get_store(request)
        context = {
            "events": queries.event_names(store),
            "form": {
                "mode": mode,
                "text": text,
                "url": url,
                "title": title,
                "publisher": publisher,
                "published": published,
                "source_url": source_url,
                "event": event,
            },
        }
        return render(request, "add_document.html", context, status_code=400)
    for problem in added.errors:
        flash(request, problem, "error")
    if added.new:
        flash(
            request,
            f"added {len(added.new)} document(s); {added.claims} claim(s) found for review",
        )
    else:
        flash(request, "this content is already stored; here it is")
    return RedirectResponse(f"/documents/{added.doc_ids[0]}", status_code=303)


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse, include_in_schema=False)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    store = get_store(request)
    doc = store.get_document(doc_id)
    views = queries.document_claims(store, doc_id)
    pieces, unplaced = slices(doc.text, [v.claim for v in views])
    return render(
        request,
        "document.html",
        {
            "doc": doc,
            "views": views,
            "slices": pieces,
            "unplaced": unplaced,
            "events": queries.document_events(store, doc_id),
        },
    )
