"""Data releases: a growing id per publication, and readers that never mix two releases.

Every published run of a source commits its observations, its changelog and a ``releases``
row in one transaction, so a release id names exactly one state of the published data.

How readers stay on one release (portable: SQLite and PostgreSQL, any isolation level):

- :func:`read_consistent` reads the release id, runs the reader, and reads the id again; when
  the two differ a publication committed meanwhile, so it reads again. Because a release
  commits atomically with its data, equal ids before and after mean every query in between
  saw that release and nothing newer.
- :class:`ReleaseCache` memoises reader results per release id. It re-checks the current id
  at most every ``ttl`` seconds (default 30), so a running dashboard picks up a new release
  within ``ttl`` seconds, without a restart, and serves cached results meanwhile.
- :func:`install_release_header` pins one release per HTTP request (Flask ``g``), makes the
  cache answer from that release only, re-runs the view from scratch in the rare case a
  release lands mid-request, and reports the release in an ``X-Data-Release`` header.
- :func:`read_at_pinned_release` holds a request that reads the engine directly (the data
  API) to that pinned release, so its header names the release its body was read at.

Dashboard use::

    cache = ReleaseCache(engine, ttl=30)
    observations = cache.memoize(store.observations_frame)   # same signature
    install_release_header(app.server, engine, cache)
"""

from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.engine import Engine

from etl import store

T = TypeVar("T")
HEADER = "X-Data-Release"


class ReleaseChanged(RuntimeError):
    """A release was published while a request was being answered from an older one."""


def current_release_id(engine: Engine) -> int:
    """The newest published release id (0 before the first publication)."""
    with engine.connect() as conn:
        return store.release_id_now(conn)


def current_release(engine: Engine) -> dict[str, Any] | None:
    """The newest release row (release_id, run_id, source_id, published_at), or None."""
    return store.current_release(engine)


def read_consistent(engine: Engine, reader: Callable[[], T], attempts: int = 5) -> tuple[int, T]:
    """``(release_id, reader())`` with every query of ``reader`` on that one release."""
    for _ in range(max(attempts, 1)):
        before = current_release_id(engine)
        result = reader()
        if current_release_id(engine) == before:
            return before, result
    raise ReleaseChanged(f"releases kept changing during {attempts} reads")


def read_at_pinned_release(engine: Engine, reader: Callable[[], T]) -> T:
    """``reader()`` for a request that queries ``engine`` directly (the data API, its
    downloads): every query of it on the release pinned for the request, the one its
    ``X-Data-Release`` header names.

    The pin may lag the store by up to the cache's ``ttl``; a direct query cannot read an
    older release, so when the store is on another release before or after ``reader`` runs
    this raises :class:`ReleaseChanged`, and :func:`install_release_header` answers the
    request again on the current release. Outside a request, or without a pin:
    :func:`read_consistent`.
    """
    pinned = _pinned_release()
    if pinned is None:
        return read_consistent(engine, reader)[1]
    if current_release_id(engine) != pinned:
        raise ReleaseChanged(f"request pinned to release {pinned}, the store has moved on")
    value = reader()
    now = current_release_id(engine)
    if now != pinned:
        raise ReleaseChanged(f"request pinned to release {pinned}, release {now} landed "
                             "while it was read")
    return value


class ReleaseCache:
    """Memoise reader results per release id; notice a new release within ``ttl`` seconds."""

    def __init__(self, engine: Engine, ttl: float = 30.0, keep_releases: int = 2,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.engine = engine
        self.ttl = ttl
        self.keep_releases = max(keep_releases, 1)
        self._clock = clock
        self._lock = threading.Lock()
        self._release: int | None = None
        self._checked_at = 0.0
        self._memo: OrderedDict[int, dict[tuple, Any]] = OrderedDict()

    def release_id(self, refresh: bool = False) -> int:
        """The current release id, re-read from the database at most every ``ttl`` seconds."""
        now = self._clock()
        with self._lock:
            if not refresh and self._release is not None and now - self._checked_at < self.ttl:
                return self._release
        found = current_release_id(self.engine)
        with self._lock:
            if self._release is None or found >= self._release:
                self._release, self._checked_at = found, now
            return self._release

    def get(self, reader: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``reader(*args, **kwargs)`` as of the pinned (or current) release, memoised."""
        pinned = _pinned_release()
        release = pinned if pinned is not None else self.release_id()
        key = (getattr(reader, "__module__", ""), getattr(reader, "__qualname__", repr(reader)),
               _freeze(args), _freeze(kwargs))
        with self._lock:
            memo = self._memo.get(release)
            if memo is not None and key in memo:
                return memo[key]
        got, value = read_consistent(self.engine, lambda: reader(*args, **kwargs))
        with self._lock:
            self._memo.setdefault(got, {})[key] = value
            self._memo.move_to_end(got)
            while len(self._memo) > self.keep_releases:
                self._memo.popitem(last=False)
            if self._release is None or got > self._release:
                self._release, self._checked_at = got, self._clock()
        if got != release:
            if pinned is not None:
                raise ReleaseChanged(f"request pinned to release {release}, data is {got}")
        return value

    def memoize(self, reader: Callable[..., T]) -> Callable[..., T]:
        """A drop-in wrapper of ``reader`` answering through :meth:`get`."""

        @functools.wraps(reader)
        def wrapper(*args: Any, **kwargs: Any) -> T:
            return self.get(reader, *args, **kwargs)

        return wrapper

    def clear(self) -> None:
        with self._lock:
            self._memo.clear()
            self._release = None


def _freeze(value: Any) -> Any:
    """A hashable stand-in for reader arguments (lists, dicts, sets)."""
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, set | frozenset):
        return tuple(sorted(_freeze(v) for v in value))
    return value


def _pinned_release() -> int | None:
    try:
        from flask import g, has_request_context
    except ImportError:  # pragma: no cover - flask comes with dash
        return None
    if not has_request_context():
        return None
    return g.get("cyberindex_release")


def install_release_header(server: Any, engine: Engine, cache: ReleaseCache | None = None,
                           attempts: int = 3) -> ReleaseCache:
    """Pin one release per request on a Flask ``server`` and send it as ``X-Data-Release``.

    Wraps the server's view functions so a request that meets a newer release mid-way is
    answered again from scratch on the new one. Call after the routes exist (after
    ``dash.Dash(...)`` is built); returns the cache readers should go through.
    """
    from flask import Response, g

    cache = cache or ReleaseCache(engine)

    @server.before_request
    def _pin_release() -> None:
        g.cyberindex_release = cache.release_id()

    @server.after_request
    def _release_header(response: Response) -> Response:
        release = g.get("cyberindex_release")
        if release is not None:
            response.headers[HEADER] = str(release)
        return response

    def retrying(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for n in range(attempts):
                try:
                    return view(*args, **kwargs)
                except ReleaseChanged:
                    if n == attempts - 1:
                        raise
                    g.cyberindex_release = cache.release_id(refresh=True)
            return None  # unreachable

        return wrapper

    for endpoint, view in list(server.view_functions.items()):
        if not getattr(view, "_cyberindex_release_retry", False):
            wrapped = retrying(view)
            wrapped._cyberindex_release_retry = True  # type: ignore[attr-defined]
            server.view_functions[endpoint] = wrapped
    return cache
