"""Search over documents (title, publisher, text) and claims (quote, group, source, place)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tollbook.web import queries
from tollbook.web.deps import Reader, get_settings, get_store, render

router = APIRouter(dependencies=[Reader])


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    q = q.strip()[:200]
    docs, found = queries.search(get_store(request), q, get_settings(request).page_size)
    return render(request, "search.html", {"q": q, "docs": docs, "claims": found})
