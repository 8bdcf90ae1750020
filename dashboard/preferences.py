"""The reader's language and digits, kept in the URL and remembered in cookies.

* A page opened with ``lang=ar|fr|en`` (or ``digits=latn|arab``) remembers the choice in a
  cookie (``ci_lang``, ``ci_digits``; a year, ``SameSite=Lax``, HTTP only).
* A page opened without ``lang`` is redirected to the same address with the remembered
  language, so the URL always says what the page shows and a forwarded link keeps it. The URL
  wins over the cookie; English needs no parameter (links in the English pages leave it out,
  and the language switch says ``lang=en`` explicitly, which also resets the memory).
* Every request formats Arabic numbers with the chosen digits (``digits`` in the URL, in the
  Dash page's own URL for its callbacks, else the cookie), see :func:`dashboard.i18n.use_digits`.

One line in ``create_app``: ``preferences.install_preferences(server)``.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlencode

from flask import Flask, Response, has_request_context, redirect, request
from werkzeug.wrappers import Response as BaseResponse

from dashboard.i18n import (
    DEFAULT_LANGUAGE,
    DIGIT_SYSTEMS,
    LANGUAGES,
    normalize_digits,
    normalize_lang,
    set_digits,
)

LANG_COOKIE = "ci_lang"
DIGITS_COOKIE = "ci_digits"
COOKIE_AGE = 365 * 24 * 3600
# Paths that are not pages: never redirected, never remembered.
NOT_PAGES = ("/api/", "/_dash", "/assets/", "/_favicon", "/_reload", "/healthz", "/login",
             "/logout", "/static/")
DASH_UPDATE_PATH = "/_dash-update-component"


def is_page_request() -> bool:
    """A browser asking for a page (GET, not an API, asset, Dash XHR or file)."""
    if request.method != "GET":
        return False
    path = request.path
    if any(path.startswith(prefix) for prefix in NOT_PAGES):
        return False
    last = path.rsplit("/", 1)[-1]
    return "." not in last


def remembered_lang() -> str | None:
    value = request.cookies.get(LANG_COOKIE, "")
    return value if value in LANGUAGES else None


def remembered_digits() -> str | None:
    value = request.cookies.get(DIGITS_COOKIE, "")
    return value if value in DIGIT_SYSTEMS else None


def _search_value(payload: object, key: str) -> str | None:
    """``key`` (``digits``, ``lang``) in the page URL a Dash callback carries (its Location's
    ``search``)."""
    if not isinstance(payload, dict):
        return None
    for section in ("inputs", "state"):
        items = payload.get(section)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and item.get("property") == "search" \
                    and isinstance(item.get("value"), str):
                values = parse_qs(item["value"].lstrip("?")).get(key)
                if values:
                    return values[0]
    return None


def _asked(key: str) -> str | None:
    """``key`` as this request asks for it: in its URL, else in the page URL of a callback."""
    asked = request.args.get(key)
    if asked is None and request.path == DASH_UPDATE_PATH and request.method == "POST":
        try:
            asked = _search_value(json.loads(request.get_data(cache=True) or b"null"), key)
        except ValueError:
            asked = None
    return asked


def request_digits() -> str:
    """The digits this request asks for: URL, then the page URL of a callback, then cookie."""
    return normalize_digits(_asked("digits") or remembered_digits())


def request_lang() -> str:
    """The language of the page this request is for: its URL, or the page URL of a callback
    (a page address without one was redirected to the remembered language); English outside
    a request."""
    return normalize_lang(_asked("lang") if has_request_context() else None)


def redirect_to_remembered() -> BaseResponse | None:
    """A redirect adding the remembered language to a page address that has none."""
    if not is_page_request() or "lang" in request.args:
        return None
    lang = remembered_lang()
    if not lang or lang == DEFAULT_LANGUAGE:
        return None
    query = [("lang", lang), *request.args.items(multi=True)]
    response = redirect(request.path + "?" + urlencode(query, safe=",/:"), code=302)
    response.headers["Vary"] = "Cookie"
    response.headers["Cache-Control"] = "no-store"
    return response


def remember(response: Response) -> Response:
    """Remember the language and digits a page was opened with."""
    if not is_page_request() or response.status_code >= 300:
        return response
    for arg, cookie, allowed in (("lang", LANG_COOKIE, LANGUAGES),
                                 ("digits", DIGITS_COOKIE, DIGIT_SYSTEMS)):
        value = request.args.get(arg, "").strip().lower()
        if value in allowed and request.cookies.get(cookie) != value:
            response.set_cookie(cookie, value, max_age=COOKIE_AGE, samesite="Lax", httponly=True,
                                secure=request.is_secure)
    return response


def install_preferences(server: Flask) -> None:
    """Give ``server`` the remembered language and digits (see the module docstring)."""

    @server.before_request
    def _preferences():
        set_digits(request_digits())
        return redirect_to_remembered()

    @server.teardown_request
    def _forget_digits(_exc: BaseException | None) -> None:
        # The thread (a worker's, or a test's) may serve other code next: start it clean.
        set_digits(None)

    server.after_request(remember)
