"""Caching of static files, and the two switches the benchmark (``make bench``) turns on.

* Fingerprinted files are immutable: Dash's component bundles (``.v<version>m<mtime>.`` in the
  name) and the assets (``?m=<mtime>``, so a changed file gets a new URL) are sent with
  ``Cache-Control: public, max-age=31536000, immutable``; a repeat visit asks for none of them.
* ``CYBERINDEX_SERVER_TIMING=1`` adds ``Server-Timing: app;dur=<ms>`` to every response: the
  time from the request entering the Flask app to its response being ready (compression
  included), so the benchmark measures the server, not the client or the loopback.
* ``CYBERINDEX_BENCH_ROUTES=1`` registers ``bench.routes`` (``/bench/...``: the pages' data
  functions behind bare Flask routes, the baseline the Dash callbacks are held against). Both
  switches are for the benchmark only and are off in production.
"""

from __future__ import annotations

import gzip
import os
import time
from collections.abc import Callable, Iterable

from dash.fingerprint import check_fingerprint
from flask import Flask, Response, request

IMMUTABLE = "public, max-age=31536000, immutable"
SUITES_PREFIX = "/_dash-component-suites/"
ASSETS_PREFIX = "/assets/"
FAVICON_PATH = "/_favicon.ico"
COMPRESSED_TYPES = ("text/javascript", "application/javascript", "text/css")
# Gzipped fingerprinted assets, by URL: a handful of files (the plotly.js bundle is the big
# one, ~390 KB gzipped), compressed once per worker instead of on every request.
_GZIPPED: dict[str, bytes] = {}
_GZIPPED_MAX = 64


def immutable_path(path: str, args: dict) -> bool:
    """Is this URL a fingerprinted static file (its content never changes under this URL)?"""
    if path.startswith(SUITES_PREFIX):
        return check_fingerprint(path)[1]
    return path.startswith(ASSETS_PREFIX) and bool(args.get("m"))


class ServerTiming:
    """WSGI middleware: ``Server-Timing: app;dur=<ms>`` when the response starts."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        started = time.perf_counter()

        def timed(status: str, headers: list, exc_info=None):  # noqa: ANN001 - WSGI signature
            elapsed = (time.perf_counter() - started) * 1000
            headers.append(("Server-Timing", f"app;dur={elapsed:.2f}"))
            return start_response(status, headers, exc_info)

        return self.app(environ, timed)


def gzip_asset(response: Response) -> None:
    """Gzip a fingerprinted JavaScript or CSS asset (flask-compress leaves files served by
    ``send_file`` alone), once per URL and worker."""
    if (response.status_code != 200 or "gzip" not in request.accept_encodings
            or response.headers.get("Content-Encoding")
            or response.mimetype not in COMPRESSED_TYPES):
        return
    key = request.full_path
    body = _GZIPPED.get(key)
    if body is None:
        response.direct_passthrough = False
        body = gzip.compress(response.get_data(), 6)
        if len(_GZIPPED) < _GZIPPED_MAX:
            _GZIPPED[key] = body
    response.direct_passthrough = False
    response.set_data(body)
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")


def install_perf(server: Flask) -> None:
    """Long-lived caching of fingerprinted files; the benchmark's switches when set."""

    @server.after_request
    def _static_cache(response: Response) -> Response:
        if response.status_code in (200, 304) and immutable_path(request.path, request.args):
            response.headers["Cache-Control"] = IMMUTABLE
            if request.path.startswith(ASSETS_PREFIX):
                gzip_asset(response)
        elif request.path == FAVICON_PATH and response.status_code == 200:
            response.headers["Cache-Control"] = "public, max-age=86400"
        return response

    if os.environ.get("CYBERINDEX_SERVER_TIMING") == "1":
        server.wsgi_app = ServerTiming(server.wsgi_app)  # type: ignore[method-assign]
    if os.environ.get("CYBERINDEX_BENCH_ROUTES") == "1":
        from bench.routes import bench_blueprint  # the repository's bench/, not installed

        server.register_blueprint(bench_blueprint())
