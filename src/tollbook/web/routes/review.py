"""The review queue, one claim's page with its history, decisions, and the audit trail."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from tollbook.errors import Conflict, NotFound, TollbookError
from tollbook.models import OUTCOMES, QUALIFIERS, REVIEW_STATUSES
from tollbook.web import queries, reviewing
from tollbook.web.auth import User
from tollbook.web.deps import (
    CsrfChecked,
    Reader,
    Reviewer,
    flash,
    get_settings,
    get_store,
    local_target,
    render,
)

router = APIRouter(dependencies=[Reader])


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def review_queue(
    request: Request, event: str = "", status: str = "unreviewed", after: int = 0
) -> HTMLResponse:
    if status not in REVIEW_STATUSES:
        raise NotFound(f"no review status {status!r} (one of {', '.join(REVIEW_STATUSES)})")
    store = get_store(request)
    chosen = store.get_event(event) if event else None
    items, total = queries.review_queue(
        store,
        event=chosen,
        status=status,
        after_id=max(after, 0),
        limit=get_settings(request).page_size,
    )
    return render(
        request,
        "review.html",
        {
            "items": items,
            "total": total,
            "count_cap": queries.COUNT_CAP,
            "event": chosen,
            "events": queries.event_names(store),
            "status": status,
            "statuses": REVIEW_STATUSES,
            "after": after,
            "outcomes": OUTCOMES,
            "qualifiers": QUALIFIERS,
        },
    )


@router.get("/claims/{claim_id}", response_class=HTMLResponse, include_in_schema=False)
def claim_page(request: Request, claim_id: int) -> HTMLResponse:
    store = get_store(request)
    view = queries.claim_view(store, claim_id)
    if view is None:
        raise NotFound(f"no claim {claim_id}")
    return render(
        request,
        "claim.html",
        {
            "item": view,
            "history": queries.decisions(store, claim_id=claim_id, limit=200),
            "outcomes": OUTCOMES,
            "qualifiers": QUALIFIERS,
        },
    )


@router.post("/claims/{claim_id}/review", include_in_schema=False, dependencies=[CsrfChecked])
async def review_form(request: Request, claim_id: int, user: User = Reviewer) -> RedirectResponse:
    """The no-JavaScript path: a plain form post, then back to where the reviewer was."""
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    back = local_target(fields.get("next"), f"/claims/{claim_id}")
    try:
        decision = reviewing.parse_form(fields)
        claim = reviewing.apply(get_store(request), claim_id, user.name, decision)
        flash(request, f"claim {claim_id}: {claim.status}")
        request.app.state.cache.refresh_soon(get_store(request))
    except Conflict as error:
        flash(request, f"Conflict: {error}. The page now shows the current claim.", "error")
    except TollbookError as error:
        flash(request, str(error), "error")
    return RedirectResponse(back, status_code=303)


@router.get("/audit", response_class=HTMLResponse, include_in_schema=False)
def audit_trail(request: Request, before: int | None = None) -> HTMLResponse:
    size = get_settings(request).page_size
    entries = queries.decisions(get_store(request), before_id=before, limit=size)
    older = entries[-1].id if len(entries) == size else None
    return render(request, "audit.html", {"entries": entries, "older": older})
