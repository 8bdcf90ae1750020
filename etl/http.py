"""The one HTTP layer every live source goes through.

`fetch()` returns the raw bytes of a configured source only once they look like what was asked
for: status 200, complete (no dropped or truncated body), not oversized, not empty, and of the
expected kind (JSON that parses, CSV whose header has the expected columns, XML, HTML). Publishers
answer failures in odd ways (World Bank and GDELT send HTML pages or a plain-text rate-limit notice
with status 200), so a 200 alone is never taken as data.

Transient faults (connection errors, time-outs, bodies cut short, 429, 5xx, GDELT's rate-limit text)
are retried with exponential backoff and full jitter, honouring `Retry-After` (one asking for longer
than `max_retry_after` is not retried: the run fails at once, its words in the reason); everything else fails
at once with a `SourceError` whose one-line `reason` names the URL, the cause and the attempt count.

The read time-out bounds each wait for the next bytes, not the whole answer: a server that drips a
byte a second never trips it. So each attempt also has an overall deadline (`total_timeout`): an
answer not complete by then is cut off (its connection shut from a watchdog thread) and counts as
a time-out, retried like one.
"""

from __future__ import annotations

import csv
import email.utils
import io
import json
import logging
import random
import re
import socket
import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Literal
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions

from etl.http_peer import PrivatePeer, PublicPeerAdapter, non_public

log = logging.getLogger(__name__)

Expect = Literal["json", "csv", "xml", "html", "any"]

DEFAULT_USER_AGENT = "cyberindex/0.1 (+https://github.com/cyberindex)"

_CHUNK_SIZE = 64 * 1024
_MAX_REDIRECTS = 5
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

_ACCEPT: dict[str, str] = {
    "json": "application/json, text/json;q=0.9, */*;q=0.1",
    "csv": "text/csv, application/csv;q=0.9, text/plain;q=0.8, */*;q=0.1",
    "xml": "application/rss+xml, application/atom+xml, application/xml, text/xml;q=0.9, */*;q=0.1",
    "html": "text/html, application/xhtml+xml;q=0.9, */*;q=0.1",
    "any": "*/*",
}

# Content types accepted for each expectation (suffixes such as "+json" are handled apart).
_CONTENT_TYPES: dict[str, frozenset[str]] = {
    "json": frozenset({"application/json", "text/json"}),
    "csv": frozenset(
        {
            "text/csv",
            "application/csv",
            "text/plain",
            "application/octet-stream",
            "application/vnd.ms-excel",
            "text/x-csv",
            "application/x-csv",
            "text/comma-separated-values",
        }
    ),
    "xml": frozenset({"application/xml", "text/xml", "text/plain", "application/octet-stream"}),
    "html": frozenset({"text/html", "application/xhtml+xml"}),
}
_CONTENT_TYPE_SUFFIXES: dict[str, str] = {"json": "+json", "xml": "+xml"}

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Leading XML declaration, comments and whitespace, skipped before sniffing the first tag.
_PROLOGUE = re.compile(rb"^(?:\s+|<\?xml[^>]*\?>|<!--.*?-->)*", re.DOTALL)
_HTML_START = re.compile(rb"^<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_HTML_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
# GDELT answers over-eager clients with this text, sometimes with status 200.
_RATE_LIMIT_TEXT = re.compile(rb"please\s+limit\s+requests", re.IGNORECASE)
_RATE_LIMIT_EVERY = re.compile(rb"one\s+every\s+(\d+(?:\.\d+)?)\s+seconds?", re.IGNORECASE)


class SourceError(Exception):
    """A source could not be fetched or did not answer with usable data.

    `reason` is one line naming the URL and what went wrong; `kind` is a short machine-readable
    label (``refused``, ``http_status``, ``timeout``, ``connection``, ``truncated``, ``too_large``,
    ``empty``, ``html``, ``content_type``, ``rate_limited``, ``bad_json``, ``bad_csv``,
    ``bad_xml``, ``redirect``). `body` is the answer received and refused by the checks (an
    HTML page, a rate-limit notice, JSON of the wrong shape), byte for byte, so the caller
    can keep it; None when no complete body was received.
    """

    def __init__(
        self,
        reason: str,
        *,
        url: str,
        kind: str,
        status: int | None = None,
        attempts: int = 0,
        body: bytes | None = None,
    ) -> None:
        reason = without_credentials(" ".join(reason.split()))
        super().__init__(reason)
        self.reason = reason
        self.url = url
        self.kind = kind
        self.status = status
        self.attempts = attempts
        self.body = body

    def __str__(self) -> str:
        return self.reason


# A URL's credentials: a user and password before the host, and the value of a query parameter
# named as a key or token is (CYBERINDEX_NEWS_FEEDS=https://feeds.example/rss?api_key=...).
_USERINFO = re.compile(r"(?<=://)[^/?#@\s]+@")
_SECRET_PARAMETER = re.compile(
    r"(?i)([?&](?:[\w.-]*[_.-])?(?:key|apikey|token|secret|password|passwd|signature|sig|auth)=)"
    r"[^&#\s]*")


def without_credentials(text: str) -> str:
    """``text`` with every URL's credentials replaced by ``***``: a run's reason is shown on the
    Status page and by /api/v1/runs to every visitor, and written to the log."""
    return _SECRET_PARAMETER.sub(r"\1***", _USERINFO.sub("***@", text))


@dataclass(frozen=True)
class HttpPolicy:
    """Time-outs, retry budget and size cap applied to every request."""

    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    # Overall deadline of one attempt (redirects and the whole body included), in seconds.
    total_timeout: float = 300.0
    max_attempts: int = 4
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    max_retry_after: float = 60.0
    max_bytes: int = 50 * 1024 * 1024
    user_agent: str = DEFAULT_USER_AGENT

    @classmethod
    def from_settings(cls, settings: object) -> HttpPolicy:
        """Policy from a settings object's ``http_<field>`` attributes; absent ones keep defaults."""
        values = {
            f.name: getattr(settings, f"http_{f.name}")
            for f in fields(cls)
            if getattr(settings, f"http_{f.name}", None) is not None
        }
        return cls(**values)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be >= 1, got {self.max_attempts}")
        for name in ("connect_timeout", "read_timeout", "total_timeout", "max_bytes"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be > 0, got {getattr(self, name)}")
        for name in ("backoff_base", "backoff_max", "max_retry_after"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)}")


@dataclass(frozen=True)
class FetchResult:
    """Raw bytes of one successful fetch (or a 304 answer) with the metadata to keep beside them."""

    url: str
    status: int
    body: bytes = field(repr=False)
    content_type: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool
    attempts: int
    fetched_at: datetime


_DEFAULT_POLICY = HttpPolicy()


class _Retryable(Exception):
    """A transient fault: worth another attempt if the budget allows."""

    def __init__(
        self, kind: str, cause: str, *, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(cause)
        self.kind = kind
        self.cause = cause
        self.status = status
        self.retry_after = retry_after
        self.body: bytes | None = None  # a 200 body refused as a transient notice


def fetch(
    url: str,
    *,
    expect: Expect,
    allowed_urls: Collection[str] | None = None,
    policy: HttpPolicy = _DEFAULT_POLICY,
    etag: str | None = None,
    last_modified: str | None = None,
    session: requests.Session | None = None,
    sleep: Callable[[float], object] = time.sleep,
    expected_columns: Sequence[str] | None = None,
    csv_min_columns: int | None = None,
    csv_delimiter: str = ",",
    public_only: bool = False,
    trusted_origins: Collection[str] = (),
) -> FetchResult:
    """GET `url` and return its body once it passed every check for `expect`.

    `allowed_urls` lists base URLs of configured sources: the URL must share scheme, host, port
    and a path prefix with one of them (also after redirects). `etag`/`last_modified` make the
    request conditional; a 304 returns ``not_modified=True`` with an empty body. For CSV,
    `expected_columns` must all appear in the header (case and spacing ignored) and the header
    must have at least `csv_min_columns` columns (default: as many as `expected_columns`).
    `public_only` (a URL read from a payload, not configured: a feed item's link) refuses a host
    that resolves to a private, loopback, link-local or reserved address, also after redirects,
    unless it is the host and port of one of `trusted_origins` (the configured feeds'): first
    by resolving the name, then (own session only) by the address each connection reached, so
    a name resolved anew on connecting (DNS rebinding) is refused too, before the request is
    sent (`etl.http_peer`). Through a proxy from the environment the connection is the proxy's
    and only the first check applies: the proxy must refuse private destinations itself. A
    caller's `session` is used as it is: mount `http_peer.PublicPeerAdapter` on it for the
    second check. Raises `SourceError`.
    """
    if expect not in _ACCEPT:
        raise ValueError(f"expect must be one of {sorted(_ACCEPT)}, got {expect!r}")
    hosts = tuple(trusted_origins) if public_only else None
    _check_url(url, allowed_urls, attempts=0, public_only=hosts)

    headers = {"User-Agent": policy.user_agent, "Accept": _ACCEPT[expect]}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    checks = _BodyChecks(
        expect=expect,
        expected_columns=tuple(expected_columns or ()),
        csv_min_columns=csv_min_columns,
        csv_delimiter=csv_delimiter,
    )

    own_session = session is None
    if session is not None:
        http = session
    elif hosts is not None:
        http = _public_session(hosts)
    else:
        http = requests.Session()
    try:
        last: _Retryable | None = None
        made = 0
        for attempt in range(1, policy.max_attempts + 1):
            made = attempt
            try:
                return _attempt(http, url, headers, policy, checks, allowed_urls, attempt,
                                hosts)
            except _Retryable as fault:
                last = fault
                if attempt == policy.max_attempts:
                    break
                if fault.retry_after is not None and fault.retry_after > policy.max_retry_after:
                    # The server asks for longer than a refresh waits (Retry-After: 100000):
                    # retrying sooner is what it refused; give up now, its words in the cause.
                    break
                delay = _retry_delay(policy, attempt, fault.retry_after)
                log.warning(
                    "retrying %s (attempt %d of %d failed: %s) in %.2fs",
                    url,
                    attempt,
                    policy.max_attempts,
                    fault.cause,
                    delay,
                )
                sleep(delay)
        assert last is not None
        n = made
        raise SourceError(
            f"{url}: {last.cause}; gave up after {n} attempt{'s' if n != 1 else ''}",
            url=url,
            kind=last.kind,
            status=last.status,
            attempts=n,
            body=last.body,
        )
    finally:
        if own_session:
            http.close()


@dataclass(frozen=True)
class _BodyChecks:
    expect: str
    expected_columns: tuple[str, ...]
    csv_min_columns: int | None
    csv_delimiter: str


def _attempt(
    http: requests.Session,
    url: str,
    headers: Mapping[str, str],
    policy: HttpPolicy,
    checks: _BodyChecks,
    allowed_urls: Collection[str] | None,
    attempt: int,
    public_only: tuple[str, ...] | None = None,
) -> FetchResult:
    """One attempt, following redirects by hand so every hop is checked against the allow-list
    (and, with `public_only`, against private addresses)."""

    def fail(cause: str, kind: str, status: int | None = None) -> SourceError:
        return SourceError(
            f"{url}: {cause} (attempt {attempt} of {policy.max_attempts}, not retried)",
            url=url,
            kind=kind,
            status=status,
            attempts=attempt,
        )

    target = url
    deadline = time.monotonic() + policy.total_timeout
    for _hop in range(_MAX_REDIRECTS + 1):
        response = _send(http, target, headers, policy, fail)
        with response, _Watchdog(response, deadline) as watchdog:
            try:
                watchdog.check(policy)
                status = response.status_code
                if status in _REDIRECT_STATUSES and response.headers.get("Location"):
                    next_url = urljoin(target, response.headers["Location"])
                    _check_url(next_url, allowed_urls, attempts=attempt, redirected_from=target,
                               public_only=public_only)
                    target = next_url
                    continue
                result = _read_response(response, target, headers, policy, checks, attempt,
                                        fail)
            except (SourceError, _Retryable):
                watchdog.check(policy)  # a body cut off at the deadline: say so, not "truncated"
                raise
            if watchdog.fired:  # cut off: a body ended by the connection may look whole
                watchdog.check(policy)
            return result
    raise fail(f"more than {_MAX_REDIRECTS} redirects", "redirect")


class _Watchdog:
    """Cuts off a response still being read at ``deadline`` (a ``time.monotonic()`` value) by
    shutting its socket for reading from a timer thread: the blocked read then ends, and
    :meth:`check` turns what it raised (or a body ended short) into a time-out."""

    def __init__(self, response: requests.Response, deadline: float) -> None:
        self.response = response
        self.deadline = deadline
        self.fired = False
        self._lock = threading.Lock()
        self._done = False
        self._timer = threading.Timer(max(deadline - time.monotonic(), 0.0), self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        with self._lock:
            self._done = True
        self._timer.cancel()

    def check(self, policy: HttpPolicy) -> None:
        """Raise a time-out if the deadline passed (whether or not the timer cut anything)."""
        if self.fired or time.monotonic() >= self.deadline:
            raise _Retryable(
                "timeout",
                f"no complete answer within the total time-out of {policy.total_timeout:g}s "
                "(the server sent too slowly)",
            )

    def _fire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.fired = True
            _shut_reading(self.response)


def _shut_reading(response: requests.Response) -> None:
    """End any read blocked on ``response``'s connection (another thread is reading it)."""
    raw = response.raw
    try:
        shutdown = getattr(raw, "shutdown", None)  # urllib3 >= 2.3
        if shutdown is not None:
            shutdown()
            return
    except (ValueError, RuntimeError, OSError):
        pass
    sock = getattr(getattr(raw, "connection", None) or getattr(raw, "_connection", None),
                   "sock", None)
    try:
        if sock is not None:
            sock.shutdown(socket.SHUT_RD)
        else:
            raw.close()
    except OSError:
        pass


def _send(
    http: requests.Session,
    url: str,
    headers: Mapping[str, str],
    policy: HttpPolicy,
    fail: Callable[..., SourceError],
) -> requests.Response:
    try:
        return http.get(
            url,
            headers=dict(headers),
            timeout=(policy.connect_timeout, policy.read_timeout),
            stream=True,
            allow_redirects=False,
        )
    except requests.exceptions.ConnectTimeout as exc:
        raise _Retryable("timeout", f"connect timed out after {policy.connect_timeout:g}s") from exc
    except requests.exceptions.ReadTimeout as exc:
        raise _Retryable(
            "timeout", f"read timed out after {policy.read_timeout:g}s waiting for headers"
        ) from exc
    except requests.exceptions.ConnectionError as exc:
        raise _Retryable("connection", f"connection failed: {_root_cause(exc)}") from exc
    except requests.exceptions.RequestException as exc:  # invalid URL or header: not transient
        raise fail(f"request failed: {_root_cause(exc)}", "refused") from exc
    except PrivatePeer as exc:  # public when resolved to check, not when connecting: refused
        raise fail(f"refused: {exc}", "refused") from exc


def _public_session(trusted_origins: Sequence[str]) -> requests.Session:
    """A session whose connections refuse a peer that is not public, except to the host and
    port of one of `trusted_origins`."""
    trusted: set[tuple[str, int]] = set()
    for base in trusted_origins:
        try:
            parts = urlsplit(base)
            port = _effective_port(parts.scheme, parts.port)
        except ValueError:
            continue
        if parts.hostname and port is not None:
            trusted.add((parts.hostname, port))
    session = requests.Session()
    adapter = PublicPeerAdapter(trusted)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _read_response(
    response: requests.Response,
    url: str,
    sent_headers: Mapping[str, str],
    policy: HttpPolicy,
    checks: _BodyChecks,
    attempt: int,
    fail: Callable[..., SourceError],
) -> FetchResult:
    status = response.status_code
    content_type = response.headers.get("Content-Type")
    etag = response.headers.get("ETag")
    last_modified = response.headers.get("Last-Modified")
    label = f"HTTP {status} {response.reason or ''}".strip()

    if status == 304:
        if "If-None-Match" not in sent_headers and "If-Modified-Since" not in sent_headers:
            raise fail(f"{label} to an unconditional request", "http_status", status)
        return FetchResult(
            url=url,
            status=status,
            body=b"",
            content_type=content_type,
            etag=etag or sent_headers.get("If-None-Match"),
            last_modified=last_modified or sent_headers.get("If-Modified-Since"),
            not_modified=True,
            attempts=attempt,
            fetched_at=datetime.now(UTC),
        )
    if status == 429 or 500 <= status <= 599:
        retry_after = _parse_retry_after(response.headers.get("Retry-After"))
        hint = f", Retry-After {response.headers['Retry-After']}" if retry_after is not None else ""
        kind = "rate_limited" if status == 429 else "http_status"
        raise _Retryable(kind, f"{label}{hint}", status=status, retry_after=retry_after)
    if status != 200:
        snippet = _snippet(_read_prefix(response, 2048))
        raise fail(f"{label}" + (f": {snippet}" if snippet else ""), "http_status", status)

    declared = _content_length(response)
    if declared is not None and declared > policy.max_bytes:
        raise fail(
            f"Content-Length {declared} bytes exceeds the cap of {policy.max_bytes} bytes",
            "too_large",
            status,
        )
    body = _read_body(response, policy, declared, fail)
    if not body:
        raise fail(f"empty body with {label}", "empty", status)
    # Chunked framing, like a Content-Length, proves the body complete (a cut raises above);
    # only a body delimited by the connection closing can end short without notice.
    chunked = "chunked" in response.headers.get("Transfer-Encoding", "").lower()
    complete = declared is not None or chunked
    try:
        _check_body(body, content_type, checks, complete=complete, fail=fail)
    except (SourceError, _Retryable) as refused:
        refused.body = body  # received whole and refused: the caller keeps it (etl.targets)
        raise
    return FetchResult(
        url=url,
        status=status,
        body=body,
        content_type=content_type,
        etag=etag,
        last_modified=last_modified,
        not_modified=False,
        attempts=attempt,
        fetched_at=datetime.now(UTC),
    )


def _read_body(
    response: requests.Response,
    policy: HttpPolicy,
    declared: int | None,
    fail: Callable[..., SourceError],
) -> bytes:
    """Stream the body under the size cap; a body cut short is a transient fault."""
    buffer = bytearray()
    try:
        for chunk in response.iter_content(_CHUNK_SIZE):
            buffer += chunk
            if len(buffer) > policy.max_bytes:
                raise fail(f"body exceeds the cap of {policy.max_bytes} bytes", "too_large", 200)
    except requests.exceptions.ChunkedEncodingError as exc:
        raise _Retryable("truncated", _truncation_cause(response, declared, exc)) from exc
    except requests.exceptions.ContentDecodingError as exc:
        raise _Retryable("truncated", f"body could not be decoded: {_root_cause(exc)}") from exc
    except requests.exceptions.ConnectionError as exc:
        # requests reports a read time-out inside the body as a ConnectionError.
        if _caused_by(exc, urllib3.exceptions.ReadTimeoutError):
            raise _Retryable(
                "timeout",
                f"read timed out after {policy.read_timeout:g}s mid-body "
                f"({len(buffer)} bytes received)",
            ) from exc
        raise _Retryable("connection", f"connection failed mid-body: {_root_cause(exc)}") from exc
    except requests.exceptions.Timeout as exc:
        raise _Retryable(
            "timeout", f"read timed out after {policy.read_timeout:g}s mid-body"
        ) from exc
    if declared is not None:
        received = _wire_bytes(response, len(buffer))
        if received < declared:
            raise _Retryable(
                "truncated", f"body truncated: received {received} of {declared} bytes"
            )
    return bytes(buffer)


def _check_body(
    body: bytes,
    content_type: str | None,
    checks: _BodyChecks,
    *,
    complete: bool,
    fail: Callable[..., SourceError],
) -> None:
    """Refuse a 200 whose body is not what was asked for (HTML error page, rate-limit notice...)."""
    expect = checks.expect
    if expect == "any":
        return
    media_type = _media_type(content_type)
    head = _strip_prologue(body[:4096])
    looks_html = bool(_HTML_START.match(head))
    what = expect.upper()

    if expect != "html" and looks_html:
        title = _HTML_TITLE.search(body[:16384])
        shown = f" titled {_snippet(title.group(1))}" if title else f": {_snippet(body)}"
        raise fail(
            f"HTML page{shown} (content type {media_type or 'missing'}) where {what} was expected",
            "html",
            200,
        )
    if expect != "html" and len(body) < 2048 and _RATE_LIMIT_TEXT.search(body):
        every = _RATE_LIMIT_EVERY.search(body)
        raise _Retryable(
            "rate_limited",
            f"rate-limit notice with status 200: {_snippet(body)}",
            status=200,
            retry_after=float(every.group(1)) if every else None,
        )
    if media_type is not None and not _content_type_matches(expect, media_type):
        raise fail(
            f"content type {media_type} where {what} was expected: {_snippet(body)}",
            "content_type",
            200,
        )

    if expect == "json":
        _check_json(body, complete=complete, fail=fail)
    elif expect == "csv":
        _check_csv(body, checks, complete=complete, fail=fail)
    elif expect == "xml":
        if not head.startswith(b"<"):
            raise fail(f"body is not XML: {_snippet(body)}", "bad_xml", 200)
    elif expect == "html" and not (looks_html or head.startswith(b"<")):
        raise fail(f"body is not HTML: {_snippet(body)}", "content_type", 200)


def _check_json(body: bytes, *, complete: bool, fail: Callable[..., SourceError]) -> None:
    try:
        json.loads(body)
    except RecursionError:  # "[[[[...": a hostile or broken answer, refused like bad JSON
        raise fail("body is not valid JSON (nested deeper than it can be read): "
                   f"{_snippet(body)}", "bad_json", 200) from None
    except json.JSONDecodeError as exc:
        # Without a Content-Length a dropped connection just ends the body: JSON that stops
        # short (error at its very end) is a truncation, worth another attempt.
        at_end = exc.pos >= len(exc.doc.rstrip()) - 1 or exc.msg.startswith("Unterminated string")
        if not complete and at_end:
            raise _Retryable(
                "truncated", f"JSON body ends early ({len(body)} bytes): {exc.msg}"
            ) from exc
        raise fail(
            f"body is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}): "
            f"{_snippet(body)}",
            "bad_json",
            200,
        ) from exc
    except ValueError as exc:  # undecodable bytes
        raise fail(f"body is not valid JSON ({exc}): {_snippet(body)}", "bad_json", 200) from exc


def _check_csv(
    body: bytes, checks: _BodyChecks, *, complete: bool, fail: Callable[..., SourceError]
) -> None:
    text = body.decode("utf-8-sig", errors="replace")
    delimiter = checks.csv_delimiter
    header, last_row, unterminated = _csv_header_and_last_row(text, delimiter)
    if not header or not any(cell.strip() for cell in header):
        raise fail(f"CSV has no header row: {_snippet(body)}", "bad_csv", 200)

    minimum = checks.csv_min_columns
    if minimum is None:
        minimum = len(checks.expected_columns)
    if len(header) < minimum:
        others = [d for d in (";", "\t", "|", ",") if d != delimiter and d in header[0]]
        hint = f"; the header contains {others[0]!r}, wrong delimiter?" if others else ""
        raise fail(
            f"CSV header has {len(header)} column{'s' if len(header) != 1 else ''} with "
            f"delimiter {delimiter!r}, expected at least {minimum}{hint}: {_snippet(body)}",
            "bad_csv",
            200,
        )
    if checks.expected_columns:
        present = {_column_key(cell) for cell in header}
        missing = [c for c in checks.expected_columns if _column_key(c) not in present]
        if missing:
            raise fail(
                f"CSV header lacks column{'s' if len(missing) != 1 else ''} "
                f"{', '.join(repr(c) for c in missing)}; header is "
                f"{', '.join(repr(c.strip()) for c in header)}",
                "bad_csv",
                200,
            )
    if not complete:
        if unterminated:
            raise _Retryable("truncated", "CSV body ends inside a quoted field")
        if last_row is not None and len(last_row) < len(header):
            raise _Retryable(
                "truncated",
                f"CSV body ends mid-row: last row has {len(last_row)} of {len(header)} fields",
            )


def _csv_header_and_last_row(
    text: str, delimiter: str
) -> tuple[list[str] | None, list[str] | None, bool]:
    """Return (header, last non-blank data row, ends inside an open quote)."""
    header: list[str] | None = None
    last: list[str] | None = None
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = row
            else:
                last = row
        return header, last, False
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return header, last, True
    # Sloppy but readable quoting: read leniently, as the parser will.
    rows = [
        row
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        if any(cell.strip() for cell in row)
    ]
    return (rows[0] if rows else None), (rows[-1] if len(rows) > 1 else None), False


def _column_key(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").split()).casefold()


def _check_url(
    url: str,
    allowed_urls: Collection[str] | None,
    *,
    attempts: int,
    redirected_from: str | None = None,
    public_only: tuple[str, ...] | None = None,
) -> None:
    where = f" (redirected from {redirected_from})" if redirected_from else ""
    kind = "redirect" if redirected_from else "refused"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as exc:
        raise SourceError(
            f"refused {url}{where}: malformed URL ({exc})", url=url, kind=kind, attempts=attempts
        ) from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise SourceError(
            f"refused {url}{where}: scheme {parts.scheme or '(none)'!r} is not http or https",
            url=url,
            kind=kind,
            attempts=attempts,
        )
    if not parts.hostname:
        raise SourceError(f"refused {url}{where}: no host", url=url, kind=kind, attempts=attempts)
    if allowed_urls is not None and not any(_is_under(url, base) for base in allowed_urls):
        raise SourceError(
            f"refused {url}{where}: not under any configured source URL",
            url=url,
            kind=kind,
            attempts=attempts,
        )
    if public_only is not None and not any(_same_origin(url, base) for base in public_only):
        private = _private_address(parts.hostname, _effective_port(parts.scheme, parts.port))
        if private:
            raise SourceError(
                f"refused {url}{where}: {parts.hostname} is {private}, not a public address",
                url=url,
                kind=kind,
                attempts=attempts,
            )


def _private_address(host: str, port: int | None) -> str | None:
    """The first address ``host`` resolves to that is not public (``127.0.0.1``, ``10.0.0.5``,
    ``169.254.169.254``...), or None. A name that does not resolve is left to the connection,
    which fails. The name is resolved again when connecting: a server answering a public
    address here and a private one then (DNS rebinding) is caught by the connection's own
    check (`etl.http_peer`); this one is kept because it refuses before any connection is
    opened (no handshake with a host inside the network) and checks every address of the name."""
    try:
        found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, ValueError):
        return None
    for *_, sockaddr in found:
        refused = non_public(str(sockaddr[0]))
        if refused is not None:
            return refused
    return None


def _same_origin(url: str, base: str) -> bool:
    """Same host and port (the scheme's default when none is given)."""
    try:
        u, b = urlsplit(url), urlsplit(base)
        return ((u.hostname or "") == (b.hostname or "") and
                _effective_port(u.scheme, u.port) == _effective_port(b.scheme, b.port))
    except ValueError:
        return False


def _is_under(url: str, base: str) -> bool:
    """Same scheme, host and port as `base`, and a path at or below its path (query ignored)."""
    try:
        u, b = urlsplit(url), urlsplit(base)
        u_port, b_port = _effective_port(u.scheme, u.port), _effective_port(b.scheme, b.port)
    except ValueError:
        return False
    if u.scheme.lower() != b.scheme.lower() or (u.hostname or "") != (b.hostname or ""):
        return False
    if u_port != b_port:
        return False
    segments = u.path.split("/")
    if "." in segments or ".." in segments:
        return False
    base_path = b.path or "/"
    if base_path.endswith("/"):
        return (u.path or "/").startswith(base_path)
    return u.path == base_path or u.path.startswith(base_path + "/")


def _effective_port(scheme: str, port: int | None) -> int | None:
    if port is not None:
        return port
    return {"http": 80, "https": 443}.get(scheme.lower())


def _retry_delay(policy: HttpPolicy, attempt: int, retry_after: float | None) -> float:
    """Server-given delay (capped) if any, else full jitter over an exponential ceiling."""
    if retry_after is not None:
        return min(max(retry_after, 0.0), policy.max_retry_after)
    ceiling = min(policy.backoff_max, policy.backoff_base * 2 ** (attempt - 1))
    return random.uniform(0.0, ceiling)


def _parse_retry_after(value: str | None) -> float | None:
    """`Retry-After` as seconds: either delta-seconds or an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def _content_length(response: requests.Response) -> int | None:
    raw = response.headers.get("Content-Length")
    if raw is None:
        return None
    try:
        value = int(raw.strip())
    except ValueError:
        return None
    return value if value >= 0 else None


def _wire_bytes(response: requests.Response, decoded: int) -> int:
    """Bytes read off the connection (before gzip decoding), for comparing with Content-Length."""
    tell = getattr(response.raw, "tell", None)
    try:
        return int(tell()) if tell is not None else decoded
    except (TypeError, ValueError, OSError):
        return decoded


def _truncation_cause(response: requests.Response, declared: int | None, exc: BaseException) -> str:
    received = _wire_bytes(response, 0)
    if declared is not None:
        return f"body truncated: connection closed after {received} of {declared} bytes"
    return f"connection dropped mid-body after {received} bytes ({_root_cause(exc)})"


def _read_prefix(response: requests.Response, limit: int) -> bytes:
    try:
        return response.raw.read(limit, decode_content=True) or b""
    except Exception:  # noqa: BLE001 - only used to decorate an error message
        return b""


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    media = content_type.split(";", 1)[0].strip().lower()
    return media or None


def _content_type_matches(expect: str, media_type: str) -> bool:
    suffix = _CONTENT_TYPE_SUFFIXES.get(expect)
    return media_type in _CONTENT_TYPES[expect] or bool(suffix and media_type.endswith(suffix))


def _strip_prologue(head: bytes) -> bytes:
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    return head[_PROLOGUE.match(head).end() :]  # type: ignore[union-attr]


def _snippet(data: bytes, limit: int = 80) -> str:
    text = " ".join(data[: limit * 4].decode("utf-8", errors="replace").split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text) if text else ""


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, kind):
            return True
        stack.extend([current.__cause__, current.__context__])
        stack.extend(arg for arg in current.args if isinstance(arg, BaseException))
        stack.append(getattr(current, "reason", None))
    return False


def _root_cause(exc: BaseException) -> str:
    """A short description of the innermost error, without urllib3's pool boilerplate."""
    current: BaseException = exc
    for _ in range(10):
        inner = getattr(current, "reason", None)
        if not isinstance(inner, BaseException):
            inner = next((a for a in current.args if isinstance(a, BaseException)), None)
        if inner is None:
            break
        current = inner
    message = str(current)
    # urllib3 prefixes messages with the connection object's repr: keep the readable tail.
    message = re.sub(r"<[^>]*>:\s*", "", message)
    message = " ".join(message.split())
    if len(message) > 160:
        message = message[:159] + "…"
    return f"{type(current).__name__}: {message}" if message else type(current).__name__
