"""The overall deadline of a request: a server dripping its answer fails as a time-out."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from etl import http
from etl.settings import Settings
from etl.sources import live

BODY = b'{"i": "' + b"x" * 20 + b'"}'
DRIP_EVERY = 0.1  # seconds between two bytes: far below the read time-out


class _Dripper(BaseHTTPRequestHandler):
    """Answers 200 with BODY, one byte every DRIP_EVERY seconds (the path says whether a
    Content-Length is sent: /length, or /close for a body ended by closing the connection)."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.server.hits += 1  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        if self.path.startswith("/length"):
            self.send_header("Content-Length", str(len(BODY)))
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            for byte in BODY:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(DRIP_EVERY)
        except OSError:  # the client gave up
            pass

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def dripper() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Dripper)
    server.daemon_threads = True
    server.hits = 0  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server: ThreadingHTTPServer, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


@pytest.mark.parametrize("path", ["/length", "/close"], ids=["content-length", "close-delimited"])
def test_a_dripping_body_is_cut_off_at_the_total_timeout(dripper, path):
    """Each byte comes well within the read time-out, but the whole answer takes ~3 s: the
    request fails as a time-out once its overall deadline (1 s) has passed, and is retried as
    time-outs are."""
    policy = http.HttpPolicy(read_timeout=5.0, total_timeout=1.0, max_attempts=2)
    started = time.monotonic()
    with pytest.raises(http.SourceError) as caught:
        http.fetch(_url(dripper, path), expect="json", policy=policy, sleep=lambda _s: None)
    assert caught.value.kind == "timeout"
    assert "total time-out of 1s" in caught.value.reason
    assert "gave up after 2 attempts" in caught.value.reason
    assert dripper.hits == 2  # type: ignore[attr-defined]
    assert time.monotonic() - started < 5  # generous: two attempts of ~1 s, not two of ~3 s


def test_an_answer_within_the_deadline_is_taken(dripper):
    """The deadline bounds the whole answer, not each byte: a body that completes in time loads."""
    policy = http.HttpPolicy(read_timeout=5.0, total_timeout=60.0, max_attempts=1)
    result = http.fetch(_url(dripper, "/length"), expect="json", policy=policy)
    assert result.body == BODY


def test_the_total_timeout_is_a_setting(monkeypatch):
    """``CYBERINDEX_HTTP_TOTAL_TIMEOUT`` reaches the live sources' HTTP policy."""
    monkeypatch.setenv("CYBERINDEX_HTTP_TOTAL_TIMEOUT", "42")
    assert live.policy(Settings.from_env()).total_timeout == 42.0
    assert http.HttpPolicy.from_settings(Settings.from_env()).total_timeout == 42.0
