"""The address a public-only fetch really connected to, checked before a byte is sent.

`etl.http.fetch(..., public_only=True)` resolves a payload's URL host first and refuses a
private address, but the connection resolves the name again: a hostile DNS server can answer a
public address to the check and 127.0.0.1 to the connection (DNS rebinding). The connections of
`PublicPeerAdapter` check the peer of the socket they opened (``getpeername()``), before the
request is written (for https, before the TLS handshake), and close it and raise `PrivatePeer`
when it is not public. Pools of a trusted origin (a configured feed's host and port) are not
checked: a feed served inside the network may link its own pages.

Behind a proxy (``HTTP_PROXY``/``HTTPS_PROXY``/``ALL_PROXY``, which requests honours unless
``NO_PROXY`` names the host) the request goes to the proxy, through requests' own proxy pools,
unchecked here: the peer is the proxy, usually inside the network by design, and the proxy
resolves the page's host itself, so only the proxy can refuse a private or rebound address
(deny private destinations in its rules). The proxy is kept rather than bypassed: it is the
deployment's way out, and a direct connection would fail or escape its policy.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Collection
from typing import Any

import requests.adapters
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool
from urllib3.poolmanager import PoolManager


class PrivatePeer(Exception):
    """A public-only connection reached an address that is not public.

    Deliberately not an ``OSError`` (nor a urllib3 error): urllib3 and requests would take it
    for a connection fault, and the fetch would retry it.
    """

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"{host} connected to {address}, not a public address")
        self.host = host
        self.address = address


def non_public(address: str) -> str | None:
    """``address`` (an IP address as text, an IPv6 zone allowed) when it is not public
    (private, loopback, link-local, reserved, unspecified, or not an address at all); None
    when it is. An IPv4-mapped IPv6 address is judged as its IPv4 address."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return address
    mapped = getattr(ip, "ipv4_mapped", None)  # ::ffff:127.0.0.1 is 127.0.0.1
    if (mapped or ip).is_global:
        return None
    return f"::ffff:{mapped}" if mapped else str(ip)  # not ::ffff:7f00:1 (Python < 3.13)


def _public_peer(sock: socket.socket, host: str) -> socket.socket:
    """``sock`` if its peer is public; else it is closed and `PrivatePeer` raised."""
    try:
        address = str(sock.getpeername()[0])
    except OSError:
        address = "(an address that cannot be read)"
    refused = non_public(address)
    if refused is not None:
        sock.close()
        raise PrivatePeer(host, refused)
    return sock


class _PublicHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        return _public_peer(super()._new_conn(), self.host)


class _PublicHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:  # before the TLS handshake
        return _public_peer(super()._new_conn(), self.host)


def _origin_host(host: str) -> str:
    return host.strip("[]").lower()


class _PublicPoolManager(PoolManager):
    """Pools whose connections check their peer, except a trusted origin's."""

    def __init__(self, *args: Any, trusted: frozenset[tuple[str, int]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.trusted = trusted

    def _new_pool(self, scheme: str, host: str, port: int,
                  request_context: dict[str, Any] | None = None) -> HTTPConnectionPool:
        pool = super()._new_pool(scheme, host, port, request_context)
        if (_origin_host(host), port) not in self.trusted:
            pool.ConnectionCls = (_PublicHTTPSConnection if scheme == "https"
                                  else _PublicHTTPConnection)
        return pool


class PublicPeerAdapter(requests.adapters.HTTPAdapter):
    """A requests adapter whose direct connections refuse a peer that is not public (raising
    `PrivatePeer`), except to the ``trusted`` (host, port) pairs. Mount it on a session used
    only for public-only fetches."""

    __attrs__ = [*requests.adapters.HTTPAdapter.__attrs__, "trusted"]

    def __init__(self, trusted: Collection[tuple[str, int]] = (), **kwargs: Any) -> None:
        self.trusted = frozenset((_origin_host(host), port) for host, port in trusted)
        super().__init__(**kwargs)

    def init_poolmanager(self, connections: int, maxsize: int,
                         block: bool = requests.adapters.DEFAULT_POOLBLOCK,
                         **pool_kwargs: Any) -> None:
        self._pool_connections = connections
        self._pool_maxsize = maxsize
        self._pool_block = block
        self.poolmanager = _PublicPoolManager(num_pools=connections, maxsize=maxsize,
                                              block=block, trusted=self.trusted, **pool_kwargs)
