"""Raw payloads kept exactly as received, content-addressed by SHA-256, never edited.

A kept file whose bytes no longer match its name (damaged on disk, cut short) is written again
from the payload in hand, and said in the log: a snapshot the data cites must hold its bytes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# Bytes read at a time to check a kept file against its SHA-256.
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Snapshot:
    """Where a raw payload is kept, and its fingerprint."""

    sha256: str
    size: int
    path: Path


def keep_raw(body: bytes, raw_dir: Path) -> Snapshot:
    """Write ``body`` under ``raw_dir/<aa>/<sha256>`` once (atomic: temp file, fsync, rename);
    a kept file that does not hold these bytes is rewritten the same way."""
    digest = hashlib.sha256(body).hexdigest()
    target = raw_dir / digest[:2] / digest
    found = _kept_sha256(target, len(body))
    if found == digest:
        return Snapshot(digest, len(body), target)
    if found is not None:
        log.warning(
            "kept snapshot %s does not match its SHA-256 (%s); rewritten from the bytes fetched",
            target,
            found,
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Snapshot(digest, len(body), target)


def _kept_sha256(path: Path, size: int) -> str | None:
    """The SHA-256 of the file kept at ``path``, None when there is none; a file of another
    size than ``size`` cannot hold the payload: "size <n>" says so without reading it."""
    if not path.exists():
        return None
    found = path.stat().st_size
    if found != size:
        return f"size {found}"
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
