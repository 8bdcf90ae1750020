"""What every response and request goes through: headers, limits, input checks, error pages.

:func:`install_security` (one line in ``create_app``) gives the dashboard's server:

* security headers on every response: a Content-Security-Policy without ``'unsafe-inline'``
  scripts (Dash's one inline script, the renderer, is allowed by its hash from
  ``app.csp_hashes()``), ``nosniff``, ``DENY`` framing, a strict referrer policy, and HSTS when
  the request came over HTTPS (``CYBERINDEX_TRUST_PROXY=1`` trusts the proxy's
  ``X-Forwarded-Proto`` through werkzeug's ProxyFix);
* a request body cap (``CYBERINDEX_MAX_REQUEST_BYTES``, 413) and a query string cap (414);
* with ``CYBERINDEX_ALLOWED_HOSTS``, a 400 for a ``Host`` the site does not answer to (Flask's
  ``TRUSTED_HOSTS``), so the absolute links the API writes never name a client's host;
* per-client rate limits on the API, downloads and login (``CYBERINDEX_RATE_LIMIT``, 429 with
  ``Retry-After``), a token bucket per process;
* authentication (:mod:`dashboard.auth`) when ``CYBERINDEX_AUTH`` is not ``none``;
* a guard on ``/_dash-update-component``: every callback input and state value is checked
  before Dash runs a callback. Values of known ids must be known (countries, groups, editions,
  indicators, languages) and every list and string has a size cap, so a forged request gets a
  400 naming the component and no query ever sees the raw value. Pages add rules for their own
  ids with :func:`register_input_rule`;
* error pages that never show a traceback or a setting (500: a plain page, JSON under /api).
"""

from __future__ import annotations

import fnmatch
import json
import logging
import math
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from dash.exceptions import DependencyException
from flask import Flask, Response, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException, SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard.data import EXTENSION_KEY
from etl import store
from etl.settings import Settings, parse_rate

log = logging.getLogger(__name__)

DASH_UPDATE_PATH = "/_dash-update-component"
API_PREFIX = "/api/"
MAX_QUERY_BYTES = 8192
# Accepted as Host whatever CYBERINDEX_ALLOWED_HOSTS says: the image's and compose's health
# checks ask http://127.0.0.1:PORT/healthz (a forged one only points a reply's links at the
# client's own machine).
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# Caps for callback values no rule names: lists, strings, nesting.
MAX_ITEMS = 1000
MAX_STRING = 2000
MAX_DEPTH = 12
KNOWN_VALUES_TTL = 60.0


# ---------------------------------------------------------------- headers


def content_security_policy(script_hashes: list[str]) -> str:
    """The policy the Dash pages work under: scripts only from here (and the renderer's hash).

    Plotly sets inline styles and draws images from data: URLs, hence style-src
    'unsafe-inline' and img-src data: blob: (the image download).
    """
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
HSTS = "max-age=31536000; includeSubDomains"


# ---------------------------------------------------------------- rate limits
# CYBERINDEX_RATE_LIMIT is read, and a bad one refused, with the settings (etl.settings.parse_rate).


class TokenBucket:
    """Per-key token buckets in this process: ``take(key)`` is 0 or the seconds to wait."""

    def __init__(self, capacity: int, period: float, max_keys: int = 50_000) -> None:
        self.capacity = capacity
        self.rate = capacity / period
        self.max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.capacity), now))
            tokens = min(float(self.capacity), tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > self.max_keys:
                    self._forget_full(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _forget_full(self, now: float) -> None:
        full = [k for k, (tokens, last) in self._buckets.items()
                if tokens + (now - last) * self.rate >= self.capacity]
        for key in full:
            del self._buckets[key]


def rate_limited_path(path: str, method: str) -> bool:
    """The API, downloads (see ``dashboard.auth.DOWNLOAD_PATTERNS``) and login attempts."""
    from dashboard.auth import is_download

    return is_download(path) or (path == "/login" and method == "POST")


# ---------------------------------------------------------------- callback input rules


class InputRejected(ValueError):
    """A callback value outside what its component may send."""


@dataclass(frozen=True)
class KnownValues:
    """The ids a filter may name, read from the store (cached a minute)."""

    countries: frozenset[str]
    groups: frozenset[str]
    indicators: frozenset[str]
    editions: frozenset[int]
    languages: frozenset[str]


InputRule = Callable[[Any, KnownValues], None]
_RULES: list[tuple[str, InputRule]] = []


def register_input_rule(pattern: str, rule: InputRule) -> None:
    """Check callback values whose ``"component-id.property"`` matches ``pattern`` (fnmatch).

    The rule raises :class:`InputRejected` with a message for a bad value. A value a rule
    accepts skips the generic caps, so a rule may allow a larger list. The rule registered last
    wins, so a page can replace a default for its own ids, e.g.
    ``register_input_rule("data-countries.value", one_or_many("countries", 250))``.
    """
    _RULES.append((pattern, rule))


def _as_list(value: Any, what: str, max_items: int) -> list[Any]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    if len(items) > max_items:
        raise InputRejected(f"too many {what}: {len(items)} (at most {max_items})")
    return items


SINGULAR = {"countries": "country", "groups": "group", "indicators": "indicator",
            "editions": "edition", "languages": "language"}


def one_or_many(kind: str, max_items: int = 300) -> InputRule:
    """A value (or a list of them) from ``KnownValues.<kind>``; None and [] allowed."""
    singular = SINGULAR.get(kind, kind)

    def rule(value: Any, known: KnownValues) -> None:
        allowed = getattr(known, kind)
        for item in _as_list(value, kind, max_items):
            if kind == "editions":
                if isinstance(item, bool) or not isinstance(item, int | str):
                    raise InputRejected("an edition is a year")
                text = str(item).strip()
                if not text.isdigit() or len(text) > 4 or int(text) not in allowed:
                    raise InputRejected(f"unknown edition: {text[:40]!r}")
                continue
            if not isinstance(item, str) or len(item) > 80 or item not in allowed:
                shown = item[:40] if isinstance(item, str) else type(item).__name__
                raise InputRejected(f"unknown {singular}: {shown!r}")

    return rule


def text(max_length: int = 200) -> InputRule:
    """A string (or None) of at most ``max_length`` characters."""

    def rule(value: Any, known: KnownValues) -> None:
        if value is not None and (not isinstance(value, str) or len(value) > max_length):
            raise InputRejected(f"expected a text of at most {max_length} characters")

    return rule


MAX_FILTER_QUERY = 2000


def sort_spec(max_items: int = 10) -> InputRule:
    """A DataTable ``sort_by``: a short list of {column_id, direction}."""

    def rule(value: Any, known: KnownValues) -> None:
        for item in _as_list(value, "sort columns", max_items):
            if not isinstance(item, dict) or item.get("direction") not in ("asc", "desc") \
                    or not isinstance(item.get("column_id"), str) \
                    or len(item["column_id"]) > 80:
                raise InputRejected("expected [{column_id, direction: asc|desc}]")

    return rule


def page_number(highest: int = 1_000_000) -> InputRule:
    """A DataTable ``page_current``: a whole number from 0 (or None)."""

    def rule(value: Any, known: KnownValues) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or not 0 <= value <= highest):
            raise InputRejected(f"expected a page number from 0 to {highest}")

    return rule


def choice(allowed: Iterable[str], many: bool = False, max_items: int = 50) -> InputRule:
    """One of ``allowed`` (a menu's or radio's value), or with ``many`` a list of them
    (a multi-select's or checklist's); None and [] allowed."""
    allowed = frozenset(allowed)

    def rule(value: Any, known: KnownValues) -> None:
        items = _as_list(value, "values", max_items) if many else [value]
        for item in items:
            if item is not None and (not isinstance(item, str) or item not in allowed):
                shown = item[:40] if isinstance(item, str) else type(item).__name__
                raise InputRejected(f"unknown value: {shown!r}")

    return rule


def texts(max_items: int = 300, max_length: int = 200) -> InputRule:
    """A list of short texts (names the store holds, such as outlets), or None."""

    def rule(value: Any, known: KnownValues) -> None:
        for item in _as_list(value, "values", max_items):
            if not isinstance(item, str) or len(item) > max_length:
                raise InputRejected(f"expected texts of at most {max_length} characters")

    return rule


DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]{0,15})?$")


def day() -> InputRule:
    """A date picker's value: ``YYYY-MM-DD`` (a time may follow), or None."""

    def rule(value: Any, known: KnownValues) -> None:
        if value is None:
            return
        try:
            if not isinstance(value, str) or len(value) > 32 or not DAY.match(value):
                raise ValueError(value)
            date.fromisoformat(value[:10])
        except ValueError:
            raise InputRejected("expected a date as YYYY-MM-DD") from None

    return rule


def table_rows(max_rows: int = MAX_ITEMS) -> InputRule:
    """A DataTable's ``data``: a list of rows (objects of scalars), or None."""

    def rule(value: Any, known: KnownValues) -> None:
        for row in _as_list(value, "rows", max_rows):
            if not isinstance(row, dict) or len(row) > 200 or any(
                    isinstance(cell, list | dict) or (isinstance(cell, str)
                                                      and len(cell) > MAX_STRING)
                    for cell in row.values()):
                raise InputRejected("expected rows of plain values")

    return rule


def _default_rules() -> None:
    for suffix, kind in (("countries", "countries"), ("country", "countries"),
                         ("groups", "groups"), ("group", "groups"),
                         ("editions", "editions"), ("edition", "editions"),
                         ("indicators", "indicators"), ("indicator", "indicators")):
        register_input_rule(f"*-{suffix}.value", one_or_many(kind))
    register_input_rule("*-lang.data", one_or_many("languages", 1))
    register_input_rule("*.sort_by", sort_spec())
    # A DataTable's filter row (read by etl.viewquery, which caps it at 2,000 characters) and
    # page number.
    register_input_rule("*.filter_query", text(MAX_FILTER_QUERY))
    register_input_rule("*.page_current", page_number())
    register_input_rule("*.page_count", page_number())
    # Date pickers (single and range).
    for prop in ("date", "start_date", "end_date"):
        register_input_rule(f"*.{prop}", day())
    # dcc.Location: a URL is short; the API caps a query string at 8 KiB too.
    for prop in ("pathname", "search", "hash", "href"):
        register_input_rule(f"*.{prop}", text(MAX_QUERY_BYTES))


_default_rules()


def _rule_for(key: str) -> InputRule | None:
    for pattern, rule in reversed(_RULES):
        if fnmatch.fnmatchcase(key, pattern):
            return rule
    return None


def check_generic(value: Any, depth: int = 0) -> None:
    """Caps for any value no rule names: list length, string length, nesting."""
    if depth > MAX_DEPTH:
        raise InputRejected("value nested too deeply")
    if isinstance(value, str):
        if len(value) > MAX_STRING:
            raise InputRejected(f"text too long: {len(value)} characters (at most {MAX_STRING})")
    elif isinstance(value, list):
        if len(value) > MAX_ITEMS:
            raise InputRejected(f"too many items: {len(value)} (at most {MAX_ITEMS})")
        for item in value:
            check_generic(item, depth + 1)
    elif isinstance(value, dict):
        if len(value) > MAX_ITEMS:
            raise InputRejected(f"too many keys: {len(value)} (at most {MAX_ITEMS})")
        for item in value.values():
            check_generic(item, depth + 1)


def _component_key(item: Any) -> str:
    if not isinstance(item, dict) or "property" not in item or "id" not in item:
        raise InputRejected("each input is {id, property, value}")
    ident, prop = item["id"], item["property"]
    if isinstance(ident, dict):  # pattern-matching id: its "type" names the component
        ident = ident.get("type", "")
    if not isinstance(ident, str) or not isinstance(prop, str) or len(ident) + len(prop) > 200:
        raise InputRejected("bad component id")
    return f"{ident}.{prop}"


def _flat_inputs(items: Any) -> Iterator[Any]:
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        raise InputRejected("inputs and state are lists")
    for item in items:
        if isinstance(item, list):  # ALL/ALLSMALLER wildcards send a list per input
            yield from _flat_inputs(item)
        else:
            yield item


def _declared_key(declared: dict[str, Any]) -> tuple[str, str]:
    ident = declared.get("id", "")
    if isinstance(ident, str) and ident.startswith("{"):
        try:
            ident = json.loads(ident).get("type", "")
        except ValueError:
            pass
    elif isinstance(ident, dict):
        ident = ident.get("type", "")
    return str(ident), str(declared.get("property", ""))


def _output_count(output: str) -> int:
    """Dash names a multi-output callback ``..a.b...c.d..``; a single one ``a.b``."""
    return len(output[2:-2].split("...")) if output.startswith("..") else 1


def _check_outputs(payload: dict[str, Any], output: str) -> None:
    outputs = payload.get("outputs")
    if outputs is None:
        return  # Dash then answers from the output name alone
    expected = _output_count(output)
    items = outputs if isinstance(outputs, list) else [outputs]
    if (expected == 1 and isinstance(outputs, list) and len(items) != 1) or len(items) != expected:
        raise InputRejected("outputs do not match the callback")
    for item in items:
        if isinstance(item, list):  # wildcard outputs: a list per output
            if len(item) > MAX_ITEMS or not all(isinstance(i, dict) and "id" in i for i in item):
                raise InputRejected("outputs do not match the callback")
        elif not isinstance(item, dict) or "id" not in item or "property" not in item:
            raise InputRejected("outputs do not match the callback")


def check_callback_payload(payload: Any, known: KnownValues,
                           callbacks: dict[str, Any] | None = None) -> None:
    """Raise :class:`InputRejected` unless the request matches a callback and every input and
    state value is acceptable. With ``callbacks`` (Dash's callback_map) the inputs must be the
    callback's own, in its order: a value cannot dodge its rule under another component's id.
    """
    if not isinstance(payload, dict):
        raise InputRejected("expected a JSON object")
    output = payload.get("output")
    if not isinstance(output, str) or len(output) > 2000:
        raise InputRejected("missing callback output")
    spec = None
    if callbacks is not None:
        spec = callbacks.get(output)
        # A clientside callback is in the map too, with no server function: the browser runs
        # it, the server never does (Dash answered such a request with a 500).
        if spec is None or "callback" not in spec:
            raise InputRejected("unknown callback output")
        _check_outputs(payload, output)
    changed = payload.get("changedPropIds", [])
    if not isinstance(changed, list) or len(changed) > MAX_ITEMS:
        raise InputRejected("changedPropIds is a list")
    for section in ("inputs", "state"):
        given = payload.get(section, [])
        if not isinstance(given, list):
            raise InputRejected(f"{section} is a list")
        if spec is not None:
            declared = spec.get(section, [])
            if len(given) != len(declared):
                raise InputRejected(f"{section} do not match the callback")
            for item, want in zip(given, declared, strict=True):
                first = item[0] if isinstance(item, list) and item else item
                if isinstance(item, list) and not item:
                    continue
                if not isinstance(first, dict) or \
                        _component_key(first) != "{}.{}".format(*_declared_key(want)):
                    raise InputRejected(f"{section} do not match the callback")
        for item in _flat_inputs(given):
            key = _component_key(item)
            value = item.get("value")
            rule = _rule_for(key)
            try:
                if rule is not None:
                    rule(value, known)
                else:
                    check_generic(value)
            except InputRejected as exc:
                raise InputRejected(f"{key}: {exc}") from None


def load_known_values(engine) -> KnownValues:
    """The ids in the store now (a handful of small queries, none with request values)."""
    from dashboard.i18n import LANGUAGES

    return KnownValues(
        countries=frozenset(store.countries_frame(engine)["iso3"]),
        groups=frozenset(store.groups_frame(engine)["group_id"]),
        indicators=frozenset(store.indicators_frame(engine)["indicator_id"]),
        editions=frozenset(store.editions_available(engine)),
        languages=frozenset(LANGUAGES),
    )


class KnownValuesCache:
    def __init__(self, ttl: float = KNOWN_VALUES_TTL) -> None:
        self.ttl = ttl
        self._value: KnownValues | None = None
        self._at = 0.0
        self._lock = threading.Lock()

    def get(self, engine) -> KnownValues:
        with self._lock:
            if self._value is None or time.monotonic() - self._at > self.ttl:
                self._value = load_known_values(engine)
                self._at = time.monotonic()
            return self._value


# ---------------------------------------------------------------- errors


def error_answer(status: int, message: str, parameter: str | None = None) -> Response:
    """JSON for the API and Dash's XHRs, a plain page otherwise; never a traceback."""
    wants_json = (request.path.startswith(API_PREFIX) or request.path.startswith("/_dash")
                  or request.is_json)
    if wants_json:
        body: dict[str, Any] = {"status": status, "message": message}
        if parameter:
            body["parameter"] = parameter
        response = jsonify({"error": body})
    else:
        response = Response(
            f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{status}</title></head><body><h1>{status}</h1><p>{_escape(message)}</p>"
            f"<p><a href=\"/\">cyberindex</a></p></body></html>",
            mimetype="text/html",
        )
    response.status_code = status
    return response


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


# ---------------------------------------------------------------- installation


def install_security(app: Any, settings: Settings) -> None:
    """Give the dashboard (a ``dash.Dash``, or a bare ``Flask`` server) all of the above.

    Call it last in ``create_app``, after the pages' callbacks are registered (the CSP hashes
    are computed on the first request anyway, so later clientside callbacks are covered).
    Raises ``dashboard.auth.AuthConfigError`` for an authentication setting it cannot honour.
    """
    from dashboard import auth

    server: Flask = app if isinstance(app, Flask) else app.server
    dash_app = None if isinstance(app, Flask) else app
    server.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    server.config["PROPAGATE_EXCEPTIONS"] = False
    server.config["TRAP_HTTP_EXCEPTIONS"] = False
    if settings.trust_proxy:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    if settings.allowed_hosts:  # Flask answers another Host with a 400 before any view runs
        server.config["TRUSTED_HOSTS"] = [*settings.allowed_hosts, *LOOPBACK_HOSTS]
    rate = parse_rate(settings.rate_limit)
    bucket = TokenBucket(*rate) if rate else None
    known_cache = KnownValuesCache()
    csp: list[str] = []

    def policy() -> str:
        if not csp:
            # dict.fromkeys: Dash gives a hash once per inline script, the same script repeated
            hashes = list(dict.fromkeys(dash_app.csp_hashes())) if dash_app is not None else []
            csp.append(content_security_policy(hashes))
        return csp[0]

    @server.before_request
    def _limits():
        if len(request.query_string) > MAX_QUERY_BYTES:
            return error_answer(414, f"query string longer than {MAX_QUERY_BYTES} bytes")
        if bucket is not None and rate_limited_path(request.path, request.method):
            wait = bucket.take(request.remote_addr or "?")
            if wait > 0:
                response = error_answer(429, "too many requests: slow down")
                response.headers["Retry-After"] = str(max(1, math.ceil(wait)))
                return response
        return None

    auth.install_auth(server, settings)  # its before_request runs after the limits

    @server.before_request
    def _callback_guard():
        if request.path != DASH_UPDATE_PATH or request.method != "POST":
            return None
        raw = request.get_data(cache=True)  # 413 past MAX_CONTENT_LENGTH
        try:
            payload = json.loads(raw or b"null")
        except ValueError:
            return error_answer(400, "callback request is not JSON")
        engine = current_app.extensions[EXTENSION_KEY]["engine"]
        callbacks = dash_app.callback_map if dash_app is not None else None
        try:
            check_callback_payload(payload, known_cache.get(engine), callbacks)
        except InputRejected as exc:
            log.info("callback rejected: %s", exc)
            return error_answer(400, str(exc))
        return None

    @server.after_request
    def _headers(response: Response) -> Response:
        for name, value in STATIC_HEADERS.items():
            response.headers.setdefault(name, value)
        response.headers.setdefault("Content-Security-Policy", policy())
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if getattr(g, "cyberindex_user", None) is not None:
            response.headers.setdefault("Cache-Control", "private, no-store")
        return response

    @server.errorhandler(500)
    def _internal_error(exc: Exception):
        original = getattr(exc, "original_exception", None)
        if original is not None:
            log.error("unhandled error on %s", request.path, exc_info=original)
        return error_answer(500, "internal error: the incident is logged")

    @server.errorhandler(DependencyException)
    def _unknown_component_file(exc: DependencyException):
        # Dash raises this for a /_dash-component-suites/ path it does not serve (a typo, a
        # probe such as ..%2f..%2fetc%2fpasswd): a 404, not a 500 with a traceback in the log.
        return error_answer(404, "no such file")

    @server.errorhandler(SecurityError)
    def _unknown_host(exc: SecurityError):
        # A Host outside CYBERINDEX_ALLOWED_HOSTS: werkzeug's page would echo the host.
        return error_answer(400, "unknown host: this site answers to its own names only")

    @server.errorhandler(413)
    def _too_large(exc: HTTPException):
        return error_answer(413, f"request body larger than {settings.max_request_bytes} bytes")
