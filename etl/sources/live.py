"""What live (network) sources share: the HTTP policy, conditional-request state, and the
multipart container that keeps every payload of a run as one raw snapshot.

A live run may take several responses (World Bank pages, one EGDI file per survey year). They
are kept byte for byte in one container, content-addressed like any snapshot::

    CYBERINDEX-MULTIPART/1\\n
    <url> <length>\\n<exactly length bytes as received>\\n      (once per response)

so every raw byte received is kept, and ``parse`` reads the container. An answer the checks
refuse (a 200 with an HTML page, JSON of the wrong shape, an error envelope) fails the run, and
is kept first, alone in a container, as a snapshot recorded as refused and named by the failed
run (:func:`etl.targets.keep_refused`); nothing is published from it. Validators (ETag,
Last-Modified) are stored per URL with the snapshot holding that URL's last body: a URL that
answers 304 reuses its kept body, and when every URL answers 304 the run is "unchanged" and
writes no new snapshot.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from etl.http import HttpPolicy
from etl.settings import Settings
from etl.sources.base import SourceFileError, Validator

MAGIC = b"CYBERINDEX-MULTIPART/1\n"

# Tests replace this to make retries instant; sources pass ``sleep=lambda s: live.sleep(s)``.
sleep = time.sleep


class SourceNotConfigured(Exception):
    """A live source without the settings it needs: the run is skipped, not failed."""


def pack(parts: Sequence[tuple[str, bytes]]) -> bytes:
    """Responses (URL, body as received) in one container; bodies are kept byte for byte."""
    out = bytearray(MAGIC)
    for url, body in parts:
        if any(c.isspace() for c in url):
            raise ValueError(f"URL with white space cannot be framed: {url!r}")
        out += f"{url} {len(body)}\n".encode() + body + b"\n"
    return bytes(out)


def unpack(raw: bytes) -> list[tuple[str, bytes]]:
    """The (URL, body) pairs of a container; raises :class:`SourceFileError` if malformed."""
    if not raw.startswith(MAGIC):
        raise SourceFileError("not a live-source container (missing CYBERINDEX-MULTIPART/1 header)")
    parts, pos = [], len(MAGIC)
    while pos < len(raw):
        end = raw.find(b"\n", pos)
        if end < 0:
            raise SourceFileError(f"container header cut short at byte {pos}")
        url, _, size = raw[pos:end].decode("utf-8", "replace").rpartition(" ")
        if not url or not size.isdigit():
            raise SourceFileError(f"bad container header at byte {pos}")
        start, stop = end + 1, end + 1 + int(size)
        if stop + 1 > len(raw) or raw[stop:stop + 1] != b"\n":
            raise SourceFileError(f"container body for {url} cut short")
        parts.append((url, raw[start:stop]))
        pos = stop + 1
    return parts


@dataclass(frozen=True)
class LiveState:
    """What earlier runs left for conditional requests: validators and last body per URL."""

    validators: Mapping[str, Validator] = field(default_factory=dict)
    previous: Mapping[str, bytes] = field(default_factory=dict)

    def conditional(self, url: str) -> tuple[str | None, str | None]:
        """ETag and Last-Modified to send, only when the last body is still kept to reuse."""
        known = self.validators.get(url)
        if known is None or url not in self.previous:
            return None, None
        return known.etag, known.last_modified


def load_state(rows: Sequence[Mapping], raw_dir: Path) -> LiveState:
    """State from ``store.source_state_rows``; bodies read back from the kept snapshots."""
    validators, previous, containers = {}, {}, {}
    for row in rows:
        sha = row["snapshot_sha256"]
        if sha not in containers:
            path = raw_dir / sha[:2] / sha
            try:
                containers[sha] = dict(unpack(path.read_bytes()))
            except (OSError, SourceFileError):
                containers[sha] = {}  # snapshot gone: ask unconditionally
        body = containers[sha].get(row["url"])
        if body is not None:
            previous[row["url"]] = body
            validators[row["url"]] = Validator(row["url"], row["etag"], row["last_modified"])
    return LiveState(validators, previous)


def policy(settings: Settings) -> HttpPolicy:
    """The HTTP policy from settings (time-outs and attempts)."""
    return HttpPolicy(
        connect_timeout=settings.http_connect_timeout,
        read_timeout=settings.http_read_timeout,
        max_attempts=settings.http_max_attempts,
    )
