"""DNS rebinding: a payload's link whose name resolves to a public address when checked and to a
loopback one when connecting is refused at connect time (kind ``refused``, the host and the
address named), before a byte of the request is sent, and not retried; a trusted origin, a
plain fetch and a proxy from the environment are left as they were."""

from __future__ import annotations

import socket
import threading

import pytest

from etl import http
from tests.fixtures.http_server import FaultServer, Resp

pytest_plugins = ["tests.fixtures.http_server"]

PUBLIC = "93.184.216.34"
HOST = "rebound.example"
PAGE = "<html><body><article><p>INSIDE: a page only the network should see.</p></article></body></html>"
POLICY = http.HttpPolicy(connect_timeout=2.0, read_timeout=2.0, max_attempts=3, backoff_base=0)


def _rebinding_dns(monkeypatch, inside: str) -> list[str]:
    """Resolve HOST as a hostile DNS server would: PUBLIC to the first lookup (the check),
    `inside` to every later one (the connection). Returns the answers given, in order."""
    real = socket.getaddrinfo
    answers: list[str] = []

    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):  # noqa: A002
        if host != HOST:
            return real(host, port, family, type, proto, flags)
        address = inside if answers else PUBLIC
        answers.append(address)
        if ":" in address:
            return [(socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "",
                     (address, int(port), 0, 0))]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "",
                 (address, int(port)))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


def _refused(url: str, **kwargs) -> http.SourceError:
    with pytest.raises(http.SourceError) as caught:
        http.fetch(url, expect="html", policy=POLICY, public_only=True, sleep=lambda s: None,
                   **kwargs)
    return caught.value


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_rebound_name_is_refused_before_the_request(fault_server: FaultServer, monkeypatch,
                                                    scheme):
    """Checked public, connected to 127.0.0.1: refused at once (for https before the TLS
    handshake, not an SSL error retried), the server saw no request."""
    fault_server.script("/page", Resp.html(PAGE))
    answers = _rebinding_dns(monkeypatch, "127.0.0.1")
    error = _refused(f"{scheme}://{HOST}:{fault_server.port}/page")
    assert error.kind == "refused" and error.attempts == 1
    assert f"{HOST} connected to 127.0.0.1, not a public address" in error.reason
    assert "not retried" in error.reason
    assert answers == [PUBLIC, "127.0.0.1"]  # one check, one connection: no second attempt
    assert fault_server.requests == []


def test_rebound_name_after_a_redirect_is_refused(fault_server: FaultServer, monkeypatch):
    """A trusted feed's page may redirect, but a hop to a name that rebinds inside is refused."""
    fault_server.script("/moved", Resp(302, headers={"Location": f"http://{HOST}:"
                                                                 f"{fault_server.port}/admin"}))
    fault_server.script("/admin", Resp.html(PAGE))
    _rebinding_dns(monkeypatch, "127.0.0.1")
    error = _refused(fault_server.url("/moved"), trusted_origins=(fault_server.url("/rss"),))
    assert error.kind == "refused" and "connected to 127.0.0.1" in error.reason
    assert len(fault_server.requests_to("/moved")) == 1
    assert fault_server.requests_to("/admin") == []


def test_ipv4_mapped_loopback_is_refused(fault_server: FaultServer, monkeypatch):
    """Connected to ::ffff:127.0.0.1 (127.0.0.1 under an IPv6 name): refused all the same."""
    fault_server.script("/page", Resp.html(PAGE))
    _rebinding_dns(monkeypatch, "::ffff:127.0.0.1")
    try:
        error = _refused(f"http://{HOST}:{fault_server.port}/page")
    except OSError as exc:  # pragma: no cover - a host without IPv6
        pytest.skip(f"no IPv6 socket: {exc}")
    assert error.kind == "refused"
    assert "connected to ::ffff:127.0.0.1, not a public address" in error.reason
    assert fault_server.requests == []


class _Listener:
    """A bare TCP server on ``host``: counts connections and the bytes each one sent."""

    def __init__(self, family: int, host: str) -> None:
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.bind((host, 0))
        self.sock.listen()
        self.sock.settimeout(5)
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        try:
            conn, _ = self.sock.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(5)
            data = b""
            try:
                while chunk := conn.recv(4096):
                    data += chunk
            except OSError:
                pass
            self.received.append(data)

    def close(self) -> list[bytes]:
        self._thread.join(timeout=5)
        self.sock.close()
        return self.received


def test_ipv6_loopback_is_refused_with_nothing_sent(monkeypatch):
    """Connected to ::1: the connection is closed with not one byte of the request written."""
    try:
        listener = _Listener(socket.AF_INET6, "::1")
    except OSError as exc:  # pragma: no cover - a host without IPv6
        pytest.skip(f"no IPv6 loopback: {exc}")
    _rebinding_dns(monkeypatch, "::1")
    try:
        error = _refused(f"http://{HOST}:{listener.port}/page")
    finally:
        received = listener.close()
    assert error.kind == "refused" and "connected to ::1, not a public address" in error.reason
    assert received == [b""]  # one connection (the refused one), nothing written on it


def test_trusted_origin_on_loopback_is_fetched(fault_server: FaultServer):
    """A configured feed's own host and port (here loopback) may be read at connect time too."""
    fault_server.script("/page", Resp.html(PAGE))
    result = http.fetch(fault_server.url("/page"), expect="html", policy=POLICY,
                        public_only=True, trusted_origins=(fault_server.url("/rss"),))
    assert b"INSIDE" in result.body


def test_plain_fetch_to_loopback_is_not_checked(fault_server: FaultServer):
    """A configured source (no ``public_only``) on 127.0.0.1 is fetched as before."""
    fault_server.script("/page", Resp.html(PAGE))
    assert b"INSIDE" in http.fetch(fault_server.url("/page"), expect="html", policy=POLICY).body


def test_a_proxy_from_the_environment_is_used_unchecked(fault_server: FaultServer, monkeypatch):
    """Behind ``http_proxy`` the connection is the proxy's (here on loopback): kept, not refused;
    the proxy resolves the page's host itself and must refuse private destinations."""
    for name in ("HTTP_PROXY", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", fault_server.base_url)
    fault_server.script("/page", Resp.html(PAGE))
    answers = _rebinding_dns(monkeypatch, "127.0.0.1")
    result = http.fetch(f"http://{HOST}/page", expect="html", policy=POLICY, public_only=True)
    assert b"INSIDE" in result.body
    assert answers == [PUBLIC]  # only the check resolved the name: the proxy did the rest
    assert fault_server.requests_to("/page")[0].headers["Host"] == HOST
