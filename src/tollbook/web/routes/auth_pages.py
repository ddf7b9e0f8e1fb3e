"""Signing in and out.  Accounts are created from the CLI (`tollbook user add`).

Failed sign-ins are limited per name and per address (`tollbook.web.throttle`):
past the limit the form answers 429 with Retry-After, and the password is not
even checked.
"""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tollbook.web import auth
from tollbook.web.deps import CsrfChecked, flash, get_store, local_target, render
from tollbook.web.throttle import SignInLimiter

router = APIRouter()


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", {"next": local_target(next, "/"), "name": ""})


@router.post("/login", include_in_schema=False, dependencies=[CsrfChecked], response_model=None)
def login(
    request: Request, name: str = Form(""), password: str = Form(""), next: str = Form("/")
) -> Response:
    limiter: SignInLimiter = request.app.state.sign_in_limiter
    name = name.strip()
    address = request.client.host if request.client else "unknown"
    context = {"next": local_target(next, "/"), "name": name}
    refusal = limiter.check(name, address)
    if refusal is not None:
        flash(request, refusal.message, "error")
        response = render(request, "login.html", context, status_code=429)
        response.headers["Retry-After"] = str(refusal.retry_after)
        return response
    user = auth.authenticate(get_store(request), name, password)
    if user is None:
        flash(request, "wrong name or password", "error")
        return render(request, "login.html", context, status_code=401)
    limiter.succeeded(name, address)
    auth.sign_in(request, user)
    flash(request, f"signed in as {user.name}")
    return RedirectResponse(local_target(next, "/"), status_code=303)


@router.post("/logout", include_in_schema=False, dependencies=[CsrfChecked])
def logout(request: Request) -> RedirectResponse:
    auth.sign_out(request)
    flash(request, "signed out")
    return RedirectResponse("/", status_code=303)
