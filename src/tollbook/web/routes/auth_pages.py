"""Signing in and out.  Accounts are created from the CLI (`tollbook user add`)."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tollbook.web import auth
from tollbook.web.deps import CsrfChecked, flash, get_store, local_target, render

router = APIRouter()


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", {"next": local_target(next, "/"), "name": ""})


@router.post("/login", include_in_schema=False, dependencies=[CsrfChecked], response_model=None)
def login(
    request: Request, name: str = Form(""), password: str = Form(""), next: str = Form("/")
) -> Response:
    user = auth.authenticate(get_store(request), name.strip(), password)
    if user is None:
        flash(request, "wrong name or password", "error")
        context = {"next": local_target(next, "/"), "name": name}
        return render(request, "login.html", context, status_code=401)
    auth.sign_in(request, user)
    flash(request, f"signed in as {user.name}")
    return RedirectResponse(local_target(next, "/"), status_code=303)


@router.post("/logout", include_in_schema=False, dependencies=[CsrfChecked])
def logout(request: Request) -> RedirectResponse:
    auth.sign_out(request)
    flash(request, "signed out")
    return RedirectResponse("/", status_code=303)
