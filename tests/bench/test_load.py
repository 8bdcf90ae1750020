"""The benchmark's load generator and timed rounds, without a dashboard: requests encoded once
are read by a real HTTP server as sent; rounds alternate and repeat as documented."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench import load, run


@pytest.fixture
def http_server():
    """A server on 127.0.0.1 that records each request and answers with the status asked."""
    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            seen.append(
                {
                    "method": self.command,
                    "path": self.path,
                    "headers": dict(self.headers),
                    "body": body,
                }
            )
            status = 500 if "fail" in self.path else 200
            payload = b'{"ok": true}' * 2000  # several reads' worth
            self.send_response(status)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = _answer

        def log_message(self, *args) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address, seen
    server.shutdown()
    server.server_close()


def test_encoded_post_arrives_as_sent(http_server):
    """A callback POST encoded once reaches the server with its JSON body and a browser's
    headers, on a connection the request closes."""
    address, seen = http_server
    body = {"output": "news-articles.children", "inputs": [{"id": "x", "value": ["MAR"]}]}
    case = load.Case("news_callback", "POST", "/_dash-update-component", body)
    load.exchange(address, load.encode(case, f"{address[0]}:{address[1]}"))
    (request,) = seen
    assert request["method"] == "POST" and request["path"] == "/_dash-update-component"
    assert json.loads(request["body"]) == body
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["headers"]["Accept-Encoding"] == load.ACCEPT_ENCODING
    assert request["headers"]["Connection"] == "close"


def test_encoded_get_has_no_body(http_server):
    """A bare route GET carries no body and no Content-Length."""
    address, seen = http_server
    load.exchange(address, load.encode(load.Case("news_bare", "GET", "/bench/news?x=1"), "h"))
    assert seen[0]["path"] == "/bench/news?x=1" and seen[0]["body"] == b""
    assert "Content-Length" not in seen[0]["headers"]


def test_exchange_raises_unless_200(http_server):
    """A failed request stops the measurement instead of counting as served."""
    address, _ = http_server
    with pytest.raises(RuntimeError, match="500"):
        load.exchange(address, load.encode(load.Case("x", "GET", "/fail"), "h"))


def test_timed_rounds_alternate_and_repeat():
    """Rounds run in alternating order (A, B, B, A, A, B), a short case several times a round,
    and every run is timed on both clocks."""
    calls: list[str] = []
    times = run.timed_rounds(
        {"small": lambda: calls.append("S"), "large": lambda: calls.append("L")},
        3,
        runs={"small": 2},
    )
    assert "".join(calls) == "SSL" + "LSS" + "SSL"
    assert [len(times["small"]["cpu_s"]), len(times["large"]["wall_s"])] == [6, 3]
