"""The alert webhook's URL is a secret (its path holds the token): a failed POST is logged with
the webhook's host and the status or error, never the URL, and settings never show it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from etl import alerts
from etl.settings import Settings

TOKEN = "XoXb-SECRET-TOKEN-0123456789"


class _Refusing(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def refusing_webhook() -> Iterator[str]:
    """The base URL of a local server answering every POST with 404."""
    server = HTTPServer(("127.0.0.1", 0), _Refusing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _closed_port() -> str:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.mark.parametrize("answer", ["http-404", "connection-refused"])
def test_failed_webhook_is_logged_without_its_url(refusing_webhook, caplog, tmp_path, answer,
                                                  monkeypatch):
    """Both a 404 and a refused connection are logged naming the host, not the token."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    base = refusing_webhook if answer == "http-404" else _closed_port()
    settings = replace(Settings(), alert_webhook_url=f"{base}/services/T0/B0/{TOKEN}",
                       alert_max_attempts=1, alerts_log=tmp_path / "alerts.jsonl")
    with caplog.at_level(logging.WARNING, logger="etl.alerts"):
        report = alerts.deliver([{"text": "MAR: tier 1 -> 2"}], settings, channels=("webhook",))
    assert report["posted"] == 0
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "webhook at 127.0.0.1" in logged
    assert ("HTTP 404" if answer == "http-404" else "ConnectionError") in logged
    assert TOKEN not in logged and "/services/" not in logged


def test_settings_do_not_show_the_webhook_url():
    """repr(settings) (a traceback's locals, a debug print) leaves the webhook URL out."""
    settings = replace(Settings(), alert_webhook_url=f"https://hooks.example/{TOKEN}")
    assert TOKEN not in repr(settings)
