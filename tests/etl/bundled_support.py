"""Helpers for tests that change a copied bundled file on purpose: its provenance sidecar made
to match it, as a maintainer updates the sidecar after changing the data
(:func:`etl.sources.base.read_bundled` refuses a file its sidecar does not describe)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from etl.sources.base import sidecar_path

# The day given to a sidecar a test writes for a file that had none.
TEST_COPIED_ON = "2026-11-29"


def reseal(path: Path, copied_on: str | None = None) -> dict:
    """Set the sidecar of ``path`` to its bytes (``sha256``, ``bytes``; ``copied_on`` when
    given), written anew when there was none; the sidecar's fields."""
    path = Path(path)
    sidecar = sidecar_path(path)
    meta = (json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists()
            else {"file": path.name, "copied_on": TEST_COPIED_ON})
    body = path.read_bytes()
    meta.update(sha256=hashlib.sha256(body).hexdigest(), bytes=len(body))
    if copied_on is not None:
        meta["copied_on"] = copied_on
    sidecar.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return meta
