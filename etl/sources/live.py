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
writes no new snapshot. A kept body is reused only from a snapshot whose bytes still match the
SHA-256 it is named by: a snapshot damaged on disk (or gone) is not trusted, its URLs are asked
for unconditionally (no validators sent), and the log says so.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from etl.http import HttpPolicy
from etl.settings import Settings
from etl.sources.base import SourceFileError, Validator

log = logging.getLogger(__name__)

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
    # Kept snapshots not reused because they are gone or no longer match their SHA-256 (their
    # URLs are fetched unconditionally): "<sha256>: <why>".
    distrusted: tuple[str, ...] = ()

    def conditional(self, url: str) -> tuple[str | None, str | None]:
        """ETag and Last-Modified to send, only when the last body is still kept to reuse."""
        known = self.validators.get(url)
        if known is None or url not in self.previous:
            return None, None
        return known.etag, known.last_modified


def load_state(rows: Sequence[Mapping], raw_dir: Path) -> LiveState:
    """State from ``store.source_state_rows``; bodies read back from the kept snapshots.

    A snapshot is reused only when its bytes hash to the SHA-256 it was recorded under: one
    that is missing, unreadable, damaged or malformed gives no body and no validators, so its
    URLs are fetched unconditionally and a damaged copy is never published as a 304's answer.
    """
    validators, previous, containers, distrusted = {}, {}, {}, []
    for row in rows:
        sha = row["snapshot_sha256"]
        if sha not in containers:
            containers[sha], problem = _kept_container(raw_dir / sha[:2] / sha, sha)
            if problem:
                distrusted.append(f"{sha}: {problem}")
                log.warning("kept snapshot %s not reused (%s): its URLs are fetched "
                            "unconditionally", raw_dir / sha[:2] / sha, problem)
        body = containers[sha].get(row["url"])
        if body is not None:
            previous[row["url"]] = body
            validators[row["url"]] = Validator(row["url"], row["etag"], row["last_modified"])
    return LiveState(validators, previous, tuple(distrusted))


def _kept_container(path: Path, sha256: str) -> tuple[dict[str, bytes], str | None]:
    """The (URL -> body) parts of the snapshot kept at ``path`` and why it is not usable (None
    when it is): only bytes that still hash to ``sha256`` are trusted."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, "the file is gone"
    except OSError as exc:
        return {}, f"unreadable: {exc}"
    found = hashlib.sha256(raw).hexdigest()
    if found != sha256:
        return {}, f"its bytes no longer match its SHA-256 (they hash to {found})"
    try:
        return dict(unpack(raw)), None
    except SourceFileError as exc:
        return {}, f"not a readable container: {exc}"


def policy(settings: Settings) -> HttpPolicy:
    """The HTTP policy from settings (time-outs, the overall deadline and attempts)."""
    return HttpPolicy(
        connect_timeout=settings.http_connect_timeout,
        read_timeout=settings.http_read_timeout,
        total_timeout=settings.http_total_timeout,
        max_attempts=settings.http_max_attempts,
    )
