"""The review app: `create_app(store_or_db, settings)` builds a FastAPI application.

Pages are rendered on the server with Jinja2 (autoescaping on, so every value
that came from a document is escaped); a little vanilla JavaScript adds
keyboard review, the copy button and the map.  Every page has a JSON twin
under `/api`, documented at `/openapi.json`.

Safety lives here, around the routes:
- sessions are signed cookies (`SessionMiddleware`, HttpOnly, SameSite=Lax);
- a Content-Security-Policy allows scripts only from this server (no inline
  script at all), images from it and the map's tile server, nothing else;
- request bodies are counted as they arrive (`upload_limit`): a file over
  the upload limit is refused with 413 whether or not its length was declared;
- failed sign-ins are limited per name and per address (`throttle`): 429;
- library errors become clear responses: 404 for what does not exist, 409 for
  a review made against a claim someone changed meanwhile, 400 for the rest.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from tollbook import __version__
from tollbook.errors import Conflict, NotFound, TollbookError
from tollbook.reconcile import format_figure
from tollbook.store import Store
from tollbook.web import auth
from tollbook.web.deps import CsrfRejected, SignInRequired, render
from tollbook.web.event_view import ViewCache
from tollbook.web.routes import api, auth_pages, documents, events, review, search
from tollbook.web.settings import Settings
from tollbook.web.throttle import SignInLimiter
from tollbook.web.upload_limit import UploadLimit

HERE = Path(__file__).parent


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["figure"] = format_figure
    env.filters["number"] = lambda n: f"{n:,}" if isinstance(n, int) else ("" if n is None else n)
    env.filters["web_url"] = web_url
    return Jinja2Templates(env=env)


def web_url(value: str | None) -> str | None:
    """The URL if it is safe to link to (http or https), else None: it is then shown as text."""
    if value and value.strip().lower().startswith(("http://", "https://")):
        return value.strip()
    return None


def _content_security_policy(settings: Settings) -> str:
    images = "'self' data:" + (f" {settings.tile_origin}" if settings.tile_origin else "")
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {images}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    )


def create_app(store_or_db: Store | str | Path, settings: Settings | None = None) -> FastAPI:
    """The review app on a store (or the SQLite path / database URL to open one)."""
    settings = settings or Settings()
    store = store_or_db if isinstance(store_or_db, Store) else Store.open(str(store_or_db))
    app = FastAPI(
        title="tollbook review",
        version=__version__,
        description="A sourced casualty ledger: events, reconciled figures, claims, reviews.",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.templates = _templates()
    app.state.cache = ViewCache()

    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key or auth.signing_key(store),
        session_cookie="tollbook_session",
        max_age=settings.session_days * 24 * 3600,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    # Bodies are counted as they are read: a file over the limit is refused with 413,
    # declared length or not, before anything is spooled in full or stored.
    app.add_middleware(UploadLimit, max_upload_bytes=settings.max_upload_bytes)
    app.state.sign_in_limiter = SignInLimiter(
        settings.sign_in_failures_per_name,
        settings.sign_in_failures_per_address,
        settings.sign_in_window_seconds,
    )
    policy = _content_security_policy(settings)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        # The API docs page loads its own scripts; everything else gets the strict policy.
        if request.url.path != "/api/docs":
            response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    _error_handlers(app)
    for module in (events, documents, review, search, auth_pages, api):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    )


def _error_handlers(app: FastAPI) -> None:
    def failure(request: Request, status: int, message: str) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": message}, status_code=status)
        return render(request, "error.html", {"status": status, "message": message}, status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}"
            for e in exc.errors()
        )
        return failure(request, 422, f"invalid request ({problems})")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return failure(request, 404, f"nothing at {request.url.path}")
        return failure(request, exc.status_code, str(exc.detail))

    @app.exception_handler(SignInRequired)
    async def sign_in_required(request: Request, exc: SignInRequired) -> Response:
        if _wants_json(request) or request.method != "GET":
            return failure(request, 401, str(exc))
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={_quote(target)}", status_code=303)

    @app.exception_handler(CsrfRejected)
    async def csrf_rejected(request: Request, exc: CsrfRejected) -> Response:
        return failure(request, 403, str(exc))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return failure(request, 404, str(exc))

    @app.exception_handler(Conflict)
    async def conflict(request: Request, exc: Conflict) -> Response:
        return failure(request, 409, str(exc))

    @app.exception_handler(TollbookError)
    async def refused(request: Request, exc: TollbookError) -> Response:
        return failure(request, 400, str(exc))


def _quote(target: str) -> str:
    from urllib.parse import quote

    return quote(target, safe="/")
