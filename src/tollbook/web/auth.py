"""Reviewer accounts, signed-cookie sessions and CSRF tokens.

- Accounts are made from the CLI (`tollbook user add`); the web app has no
  sign-up.  Passwords are hashed with argon2id (argon2-cffi's defaults) and
  re-hashed on sign-in when those defaults grow stronger.
- The session is a cookie signed with itsdangerous (Starlette's
  `SessionMiddleware`): no session table.  It holds the reviewer's name and a
  fingerprint of their password hash, so changing a password signs out every
  other browser.  The signing key lives in the database (`app_secrets`) unless
  one is configured, so restarting the server signs no one out.
- Every session, signed in or not, carries a random CSRF token.  Each form
  posts it back as `csrf_token`, each JSON mutation as the `X-CSRF-Token`
  header; a request whose token does not match is refused before the route
  runs.  Cookies are `SameSite=Lax` as a second line.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from starlette.requests import Request

from tollbook.errors import NotFound, StoreError, TollbookError
from tollbook.models import utcnow
from tollbook.store import Store
from tollbook.store.schema import app_secrets, users

USER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
MIN_PASSWORD = 8
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

_hasher = PasswordHasher()
# Verifying against this keeps a sign-in with an unknown name as slow as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password anyone has")


@dataclass(frozen=True)
class User:
    name: str
    fingerprint: str  # changes whenever the password does


def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def add_user(store: Store, name: str, password: str) -> User:
    """Create a reviewer account; the name must be new and the password long enough."""
    if not USER_NAME.match(name):
        raise TollbookError(
            f"{name!r}: a user name is 1-64 letters, digits or . _ @ - (starting with a letter "
            "or digit)"
        )
    if len(password) < MIN_PASSWORD:
        raise TollbookError(f"the password must have at least {MIN_PASSWORD} characters")
    hashed = _hasher.hash(password)
    try:
        with store.transaction() as conn:
            conn.execute(insert(users).values(name=name, password_hash=hashed, created_at=utcnow()))
    except IntegrityError as exc:
        raise StoreError(f"a user called {name!r} already exists") from exc
    return User(name, _fingerprint(hashed))


def set_password(store: Store, name: str, password: str) -> User:
    if len(password) < MIN_PASSWORD:
        raise TollbookError(f"the password must have at least {MIN_PASSWORD} characters")
    hashed = _hasher.hash(password)
    with store.transaction() as conn:
        changed = conn.execute(
            update(users).where(users.c.name == name).values(password_hash=hashed)
        ).rowcount
    if not changed:
        raise NotFound(f"no user {name!r}")
    return User(name, _fingerprint(hashed))


def list_users(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.scalars(select(users.c.name).order_by(users.c.name)))


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user when the name and password match an active account, else None."""
    with store.engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None or row.disabled:
        try:
            _hasher.verify(_DUMMY_HASH, password)
        except VerificationError:
            pass
        return None
    try:
        _hasher.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    hashed = row.password_hash
    if _hasher.check_needs_rehash(hashed):
        hashed = _hasher.hash(password)
        with store.transaction() as conn:
            conn.execute(update(users).where(users.c.id == row.id).values(password_hash=hashed))
    return User(row.name, _fingerprint(hashed))


def session_user(store: Store, request: Request) -> User | None:
    """The signed-in reviewer of this request, if the session still matches their account."""
    name = request.session.get("user")
    if not name:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(
            select(users.c.password_hash, users.c.disabled).where(users.c.name == name)
        ).first()
    if row is None or row.disabled:
        return None
    fingerprint = _fingerprint(row.password_hash)
    if not hmac.compare_digest(fingerprint, str(request.session.get("fingerprint", ""))):
        return None
    return User(name, fingerprint)


def sign_in(request: Request, user: User) -> None:
    """Start a fresh session for `user` (a new CSRF token, nothing kept from before)."""
    request.session.clear()
    request.session.update({"user": user.name, "fingerprint": user.fingerprint})
    csrf_token(request)


def sign_out(request: Request) -> None:
    request.session.clear()
    csrf_token(request)


def csrf_token(request: Request) -> str:
    """This session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


def csrf_matches(request: Request, submitted: str | None) -> bool:
    expected = request.session.get("csrf")
    return bool(expected and submitted) and hmac.compare_digest(str(expected), str(submitted))


def signing_key(store: Store) -> str:
    """The session-signing key kept in the database, created on first use."""
    with store.engine.connect() as conn:
        key = conn.scalar(select(app_secrets.c.value).where(app_secrets.c.name == "session-key"))
    if key:
        return str(key)
    try:
        with store.transaction() as conn:
            conn.execute(
                insert(app_secrets).values(
                    name="session-key", value=secrets.token_urlsafe(48), created_at=utcnow()
                )
            )
    except IntegrityError:
        pass  # another server process made it first; use theirs
    with store.engine.connect() as conn:
        return str(
            conn.scalar(select(app_secrets.c.value).where(app_secrets.c.name == "session-key"))
        )
