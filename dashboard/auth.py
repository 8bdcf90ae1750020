"""Optional authentication for every route of the dashboard's server.

``CYBERINDEX_AUTH``:

* ``none`` (default): open, as for a public dashboard;
* ``password``: users in the database (``cyberindex users add NAME --role ROLE``), password
  hashes by werkzeug (scrypt). People sign in on ``/login`` (a session cookie signed with
  ``CYBERINDEX_SECRET_KEY``); scripts may send HTTP Basic credentials instead;
* ``header``: a reverse proxy that authenticates people sets ``CYBERINDEX_AUTH_HEADER`` (the
  user) and ``CYBERINDEX_AUTH_ROLE_HEADER`` (the role, viewer when absent). Only safe when the
  dashboard is reachable through that proxy alone.

Roles: ``viewer`` sees the pages (and their Dash callbacks); ``analyst`` may also call the API
and download; ``admin`` is an analyst (reserved for administration pages). Without a user:
401 for the API and Dash's own requests, a redirect to ``/login`` for a page. ``/healthz``,
``/login`` and ``/logout`` stay public. The signed-in user is ``flask.g.cyberindex_user``
(``{"name", "role"}``) or None.
"""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, g, jsonify, redirect, request, session
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.wrappers import Response as BaseResponse

from dashboard.data import EXTENSION_KEY
from etl import store
from etl.settings import Settings

MODES = ("none", "password", "header")
ROLES = ("viewer", "analyst", "admin")
PUBLIC_PATHS = frozenset({"/login", "/logout", "/healthz"})
MIN_SECRET_LENGTH = 16
MIN_PASSWORD_LENGTH = 8
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,79}")
HASH_METHOD = "scrypt"


class AuthConfigError(RuntimeError):
    """Authentication settings the server cannot honour (it refuses to start)."""


class UserError(ValueError):
    """A bad user name, role or password (the CLI shows the message)."""


@dataclass(frozen=True)
class User:
    name: str
    role: str


def role_allows(role: str, needed: str) -> bool:
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


# Paths that hand out data files or the API: analysts only, rate limited. A blueprint that
# adds a download elsewhere registers its pattern with :func:`register_download_path`.
DOWNLOAD_PATTERNS: list[str] = ["/api", "/api/*", "*.csv", "*.xlsx", "*.parquet", "*.zip",
                                "*.pdf", "/downloads/*"]


def register_download_path(pattern: str) -> None:
    """Treat paths matching ``pattern`` (fnmatch) as downloads: analyst role, rate limited."""
    if pattern not in DOWNLOAD_PATTERNS:
        DOWNLOAD_PATTERNS.append(pattern)


def is_download(path: str) -> bool:
    if path.startswith(("/_dash-component-suites/", "/assets/", "/static/")):
        return False
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in DOWNLOAD_PATTERNS)


def required_role(path: str) -> str:
    """The API and downloads need an analyst; everything else a viewer."""
    return "analyst" if is_download(path) else "viewer"


# ---------------------------------------------------------------- users (CLI and login)


def check_user_name(name: str) -> str:
    if not NAME_PATTERN.fullmatch(name or ""):
        raise UserError("a user name is 1-80 letters, digits or . _ @ - (starting with a "
                        "letter or digit)")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    return role


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"a password has at least {MIN_PASSWORD_LENGTH} characters")
    return generate_password_hash(password, method=HASH_METHOD)


def add_user(engine, name: str, password: str, role: str) -> bool:
    """Create or update a user; True when created."""
    check_user_name(name)
    check_role(role)
    hashed = hash_password(password)
    with engine.begin() as conn:
        return store.save_user(conn, name, hashed, role)


def remove_user(engine, name: str) -> bool:
    with engine.begin() as conn:
        return store.delete_user(conn, name) > 0


def list_users(engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return store.user_rows(conn)


_DUMMY_HASH: list[str] = []


def verify_password(engine, name: str, password: str) -> User | None:
    """The user when the password matches; the same work is done for an unknown name."""
    with engine.connect() as conn:
        row = store.user_row(conn, name) if NAME_PATTERN.fullmatch(name or "") else None
    if row is None:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(generate_password_hash("not a password", method=HASH_METHOD))
        check_password_hash(_DUMMY_HASH[0], password or "")
        return None
    if not check_password_hash(row["password_hash"], password or ""):
        return None
    return User(row["name"], row["role"])


def _fingerprint(password_hash: str) -> str:
    """Kept in the session: a changed password or a removed user ends old sessions."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


# ---------------------------------------------------------------- the login page


LOGIN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in - cyberindex</title>
<style>
body {{ font-family: system-ui, sans-serif; display: flex; justify-content: center;
       margin-top: 10vh; color: #1b1f24; }}
form {{ display: grid; gap: .6rem; width: 18rem; }}
input, button {{ font-size: 1rem; padding: .45rem; }}
.error {{ color: #a40e26; }}
</style></head>
<body><main>
<h1>cyberindex</h1>
<form method="post" action="/login">
{error}
<label for="username">User name</label>
<input id="username" name="username" autocomplete="username" required value="{username}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<input type="hidden" name="next" value="{next}">
<button type="submit">Sign in</button>
</form></main></body></html>"""


def _html_escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def safe_next(target: str | None) -> str:
    """Only a path on this site (no scheme, no host, no //evil.example)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target


def login_page(error: str = "", username: str = "", next_url: str = "/",
               status: int = 200) -> Response:
    body = LOGIN_PAGE.format(
        error=f'<p class="error" role="alert">{_html_escape(error)}</p>' if error else "",
        username=_html_escape(username[:80]), next=_html_escape(safe_next(next_url)),
    )
    response = Response(body, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- the gate


def _unauthenticated(mode: str) -> BaseResponse:  # a redirect is werkzeug's Response
    path = request.path
    wants_page = (request.method in ("GET", "HEAD") and not is_download(path)
                  and not path.startswith(("/_", "/assets/", "/static/"))
                  and mode == "password")
    if wants_page:
        next_url = request.full_path.rstrip("?") if request.query_string else path
        return redirect(f"/login?next={_quote(next_url)}", code=302)
    response = jsonify({"error": {"status": 401, "message": "authentication required"}})
    response.status_code = 401
    if mode == "password":
        response.headers["WWW-Authenticate"] = 'Basic realm="cyberindex", charset="UTF-8"'
    return response


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="/")


def _forbidden(user: User, needed: str) -> Response:
    response = jsonify({"error": {"status": 403, "message":
                                  f"the {user.role} role may not use this; {needed} needed"}})
    response.status_code = 403
    return response


def _session_user(engine) -> User | None:
    name = session.get("user")
    if not isinstance(name, str):
        return None
    with engine.connect() as conn:
        row = store.user_row(conn, name)
    if row is None or not hmac.compare_digest(session.get("fp", ""),
                                              _fingerprint(row["password_hash"])):
        session.clear()
        return None
    return User(row["name"], row["role"])


def _basic_user(engine) -> User | None:
    credentials = request.authorization
    if credentials is None or credentials.type != "basic":
        return None
    return verify_password(engine, credentials.username or "", credentials.password or "")


def _header_user(settings: Settings) -> User | None:
    name = (request.headers.get(settings.auth_header) or "").strip()
    if not name or len(name) > 200:
        return None
    role = (request.headers.get(settings.auth_role_header) or "viewer").strip().lower()
    return User(name, role if role in ROLES else "")


def install_auth(server: Flask, settings: Settings) -> None:
    """Check the settings and, unless ``none``, put every route behind a login."""
    mode = settings.auth
    if mode not in MODES:
        raise AuthConfigError(f"CYBERINDEX_AUTH={mode!r}: one of {', '.join(MODES)}")
    server.config["CYBERINDEX_AUTH"] = mode
    if mode == "none":
        return
    if len(settings.secret_key) < MIN_SECRET_LENGTH:
        raise AuthConfigError(
            f"CYBERINDEX_AUTH={mode} needs CYBERINDEX_SECRET_KEY (at least {MIN_SECRET_LENGTH} "
            "characters) in the environment"
        )
    server.secret_key = settings.secret_key
    server.config.update(
        SESSION_COOKIE_NAME="cyberindex_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.cookie_secure,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
    )

    def engine():
        return current_app.extensions[EXTENSION_KEY]["engine"]

    @server.before_request
    def _gate():
        g.cyberindex_user = None
        if request.path in PUBLIC_PATHS:
            return None
        if mode == "header":
            user = _header_user(settings)
        else:
            user = _session_user(engine()) or _basic_user(engine())
        if user is None:
            return _unauthenticated(mode)
        needed = required_role(request.path)
        if not role_allows(user.role, needed):
            return _forbidden(user, needed)
        g.cyberindex_user = {"name": user.name, "role": user.role}
        return None

    def login():
        if mode != "password":
            return login_page("Sign-in is handled by the site's proxy.", status=404)
        next_url = safe_next(request.values.get("next"))
        if request.method == "GET":
            return login_page(next_url=next_url)
        name = (request.form.get("username") or "").strip()
        user = verify_password(engine(), name, request.form.get("password") or "")
        if user is None:
            return login_page("Wrong user name or password.", name, next_url, status=401)
        with engine().connect() as conn:
            row = store.user_row(conn, user.name)
        session.clear()
        session.permanent = True
        session["user"] = user.name
        session["fp"] = _fingerprint(row["password_hash"]) if row else ""
        return redirect(next_url, code=303)

    def logout():
        session.clear()
        return redirect("/login", code=303)

    server.add_url_rule("/login", "cyberindex_login", login, methods=["GET", "POST"])
    server.add_url_rule("/logout", "cyberindex_logout", logout, methods=["GET", "POST"])
