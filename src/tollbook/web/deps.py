"""What every route shares: the store, the signed-in reviewer, access rules, rendering.

Access is decided by FastAPI dependencies, so a route states its rule in its
signature: `Depends(reader)` (anyone when reading is public, else a
reviewer), `Depends(reviewer)` (signed in), `Depends(csrf_checked)` (the
token matches; every route that changes something has it).  A refusal is an
exception that the app turns into a sign-in redirect for pages and a JSON
error for the API.
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse

from tollbook.errors import TollbookError
from tollbook.store import Store
from tollbook.web import auth
from tollbook.web.settings import Settings


class SignInRequired(TollbookError):
    """The request needs a signed-in reviewer."""


class CsrfRejected(TollbookError):
    """A change submitted without this session's CSRF token."""


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def current_user(request: Request) -> auth.User | None:
    """The signed-in reviewer, looked up once per request."""
    if not hasattr(request.state, "user"):
        request.state.user = auth.session_user(get_store(request), request)
    return request.state.user  # type: ignore[no-any-return]


def reader(request: Request) -> auth.User | None:
    user = current_user(request)
    if user is None and not get_settings(request).public_read:
        raise SignInRequired("sign in to read this ledger")
    return user


def reviewer(request: Request) -> auth.User:
    user = current_user(request)
    if user is None:
        raise SignInRequired("sign in as a reviewer to change the ledger")
    return user


async def csrf_checked(request: Request) -> None:
    """Refuse a change whose CSRF token (form field or header) is not this session's."""
    submitted = request.headers.get(auth.CSRF_HEADER)
    if submitted is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(auth.CSRF_FIELD)
        submitted = value if isinstance(value, str) else None
    if not auth.csrf_matches(request, submitted):
        raise CsrfRejected(
            "the form's security token is missing or out of date; reload the page and try again"
        )


def local_target(target: str | None, fallback: str) -> str:
    """A redirect target, if it stays on this site (no open redirects), else `fallback`."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return fallback


def flash(request: Request, message: str, kind: str = "info") -> None:
    """A message shown once, on the next page this browser renders."""
    request.session.setdefault("flash", []).append([kind, message])
    request.session["flash"] = request.session["flash"][-5:]


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    settings = get_settings(request)
    base = {
        "user": current_user(request),
        "csrf_token": auth.csrf_token(request),
        "flashes": request.session.pop("flash", []),
        "settings": settings,
        "path": request.url.path,
    }
    return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
        request, template, {**base, **context}, status_code=status_code
    )


Reader = Depends(reader)
Reviewer = Depends(reviewer)
CsrfChecked = Depends(csrf_checked)
