"""Raw payloads kept exactly as received, content-addressed by SHA-256, never edited."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Snapshot:
    """Where a raw payload is kept, and its fingerprint."""

    sha256: str
    size: int
    path: Path


def keep_raw(body: bytes, raw_dir: Path) -> Snapshot:
    """Write ``body`` under ``raw_dir/<aa>/<sha256>`` once (atomic: temp file, fsync, rename)."""
    digest = hashlib.sha256(body).hexdigest()
    target = raw_dir / digest[:2] / digest
    if target.exists() and target.stat().st_size == len(body):
        return Snapshot(digest, len(body), target)
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
