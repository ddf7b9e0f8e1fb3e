"""Event list, event page (reconciled figures, toll curves, map, infobox) and exports."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from tollbook.errors import NotFound
from tollbook.exports import FORMATS
from tollbook.exports import render as render_export
from tollbook.web import queries
from tollbook.web.deps import Reader, get_store, render

router = APIRouter(dependencies=[Reader])

# Media type and file suffix of each export; any other text format downloads as .txt.
DOWNLOADS = {
    "infobox": ("text/plain; charset=utf-8", "infobox.wiki"),
    "json": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "timeline-png": ("image/png", "png"),
    "acled": ("text/csv; charset=utf-8", "acled.csv"),
    "ucdp": ("text/csv; charset=utf-8", "ucdp.csv"),
    "geojson": ("application/geo+json", "geojson"),
    "dossier-md": ("text/markdown; charset=utf-8", "md"),
    "dossier-wiki": ("text/plain; charset=utf-8", "dossier.wiki"),
}


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def event_list(request: Request) -> HTMLResponse:
    summaries = queries.event_summaries(get_store(request))
    return render(request, "events.html", {"summaries": summaries})


@router.get("/events/{slug}", response_class=HTMLResponse, include_in_schema=False)
def event_page(request: Request, slug: str) -> HTMLResponse:
    store = get_store(request)
    view = request.app.state.cache.get(store, store.get_event(slug))
    return render(request, "event.html", {"view": view, "formats": FORMATS})


def export_response(request: Request, slug: str, fmt: str) -> Response:
    """One export of the event as a download (shared by the page and the API)."""
    if fmt not in FORMATS:
        raise NotFound(f"no export format {fmt!r} (one of {', '.join(FORMATS)})")
    store = get_store(request)
    event = store.get_event(slug)
    rec = request.app.state.cache.get(store, event).rec
    media_type, suffix = DOWNLOADS.get(fmt, ("text/plain; charset=utf-8", f"{fmt}.txt"))
    if fmt == "timeline-png":
        with tempfile.TemporaryDirectory() as tmp:
            path = render_export(rec, fmt, Path(tmp) / "timeline.png")
            body: bytes | str = Path(path).read_bytes()
    else:
        body = str(render_export(rec, fmt))
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", event.slug) or "event"
    disposition = f'attachment; filename="{name}.{suffix}"'
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})


@router.get("/events/{slug}/export/{fmt}", include_in_schema=False)
def event_export(request: Request, slug: str, fmt: str) -> Response:
    return export_response(request, slug, fmt)
