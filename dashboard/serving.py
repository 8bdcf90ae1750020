"""``cyberindex serve``: gunicorn in production, Dash's debug server with ``--dev``.

The master process builds the app once before forking: a bad setting (authentication without
a secret key, an unreachable database) stops the server at start with one clear line, and the
schema is brought up to date once rather than by every worker at the same moment. Each worker
then builds its own app (its own database connections: nothing is shared across a fork).
The command (:func:`etl.cli.serve`) first checks that the store exists: building the app makes
a missing one, so a mistyped URL would be served as an empty store (one line and exit 5
instead, nothing made). The app factory itself makes one, as the tests' apps need.
"""

from __future__ import annotations

import gc
import json
from typing import Any

from gunicorn import util
from gunicorn.app.base import BaseApplication
from gunicorn.http.errors import LimitRequestLine
from gunicorn.workers.gthread import ThreadWorker

from etl.settings import Settings


class DashboardApplication(BaseApplication):
    """Gunicorn serving ``create_app(settings).server`` with options from the command line."""

    def __init__(self, settings: Settings, options: dict[str, Any]) -> None:
        self.settings = settings
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key.lower(), value)

    def load(self):
        from dashboard.app import create_app

        server = create_app(self.settings).server
        # What the worker built at start (modules, Babel and plotly data, the app) lives as
        # long as it does: frozen out of the collector's sight, a full collection walks only
        # what requests create (measured on the News callback: ~5 ms instead of ~90 ms, once
        # every dozen calls, which was the whole p95 tail).
        gc.collect()
        gc.freeze()
        return server


# The longest request line gunicorn reads (its maximum; its default is 4094), so that a long
# filter (etl.viewquery caps one at 2,000 characters) reaches the app and its JSON 400; a longer
# line gets the JSON 414 of JsonErrorWorker.
LIMIT_REQUEST_LINE = 8190


def uri_too_long_body() -> bytes:
    """The API's JSON error for a request line gunicorn refuses before any app sees it."""
    return json.dumps({"error": {
        "status": 414,
        "message": f"the URL is longer than {LIMIT_REQUEST_LINE} characters: shorten the "
                   "filter (where) or the view link, or ask for fewer values at a time",
    }}).encode("utf-8")


class JsonErrorWorker(ThreadWorker):
    """gunicorn's gthread worker, answering a request line that is too long (414) with the
    API's JSON error rather than gunicorn's HTML page (the path is unread: every URL gets it);
    any other error as gunicorn does."""

    def handle_error(self, req, client, addr, exc):
        if not isinstance(exc, LimitRequestLine):
            return super().handle_error(req, client, addr, exc)
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        body = uri_too_long_body()
        head = ("HTTP/1.1 414 URI Too Long\r\nConnection: close\r\n"
                "Content-Type: application/json\r\nX-Content-Type-Options: nosniff\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode("latin-1")
        try:
            util.write_nonblock(client, head + body)
        except Exception:  # the client has gone: nothing to tell it
            self.log.debug("Failed to send error message.")
        return None


def gunicorn_options(settings: Settings, host: str, port: int, workers: int) -> dict[str, Any]:
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "dashboard.serving.JsonErrorWorker",  # gthread, JSON 414
        "limit_request_line": LIMIT_REQUEST_LINE,
        "threads": 4,
        "timeout": 60,
        "graceful_timeout": 30,
        "keepalive": 5,
        "accesslog": "-",
        "errorlog": "-",
        "proc_name": "cyberindex",
        # ProxyFix in the app decides what to trust (CYBERINDEX_TRUST_PROXY); gunicorn passes
        # the headers on as they are.
        "forwarded_allow_ips": "*" if settings.trust_proxy else "127.0.0.1",
        "preload_app": False,
        "control_socket_disable": True,  # no gunicornc socket in $HOME (gunicorn >= 25.1)
    }


def check_app(settings: Settings) -> None:
    """Build the app once (raises on bad settings; brings the schema up to date), then let go."""
    from dashboard.app import create_app
    from dashboard.data import EXTENSION_KEY

    app = create_app(settings)
    app.server.extensions[EXTENSION_KEY]["engine"].dispose()


def serve(settings: Settings, host: str | None = None, port: int | None = None,
          workers: int | None = None, dev: bool = False) -> None:
    host = host or settings.host
    port = port or settings.port
    if dev:
        from dashboard.app import create_app

        create_app(settings).run(host=host, port=port, debug=True)
        return
    check_app(settings)
    DashboardApplication(
        settings, gunicorn_options(settings, host, port, max(1, workers or settings.workers))
    ).run()
