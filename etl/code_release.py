"""Which code answers: :func:`code_release`, a fingerprint of the project's modules and
message catalogs.

Two servers with the same fingerprint answer a request the same way from the same data; a
release of the code that changes an answer (a column, a rounding, a translation) changes it.
The data API's validators (:mod:`dashboard.api_conditional`) take it into every ETag, so a
client never keeps an answer of the code before a deployment with a 304. Any change to a module,
even one that answers every request as before, changes the fingerprint: that costs clients one
full answer, never a stale one.
"""

from __future__ import annotations

import functools
from pathlib import Path

from etl.news.rules import fingerprint

ROOT = Path(__file__).resolve().parent.parent  # holds the etl and dashboard packages
PATTERNS = ("etl/**/*.py", "dashboard/**/*.py", "dashboard/locales/*/LC_MESSAGES/*.po")


def code_files(root: Path = ROOT) -> list[Path]:
    """The files whose bytes decide what the code answers, in a stable order."""
    return sorted({path for pattern in PATTERNS for path in root.glob(pattern)})


@functools.cache
def code_release() -> str:
    """16 hex digits of the SHA-256 of the running code's files (names and bytes)."""
    return fingerprint(code_files(), base=ROOT)
