"""Which rules read the stored articles: :data:`READING_RULES`, a fingerprint of the code that
finds an article's mentions, figures and claims and checks them.

Every stored article keeps the fingerprint of the rules that read it (``articles.read_with``).
When a release of this code reads texts otherwise (a claim found where none was, a figure given
to another country), the fingerprint changes, and :mod:`etl.news.reread` reads the articles of
older rules again, so what the News page shows of an article never depends on when it was
ingested.

The fingerprint is the SHA-256 of every module of :mod:`etl.news` except those that only store,
report or re-read (:data:`NOT_READING`): any change to a reading module, even one that reads
every text as before, has the articles read again once; that costs time, never truth. Not in it:
the message catalogs the French and Arabic explanations are written from (a corrected
translation is not a reason to read a million articles; ``cyberindex news reread --all`` does).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

# Modules of etl.news that take no part in reading a text.
NOT_READING = frozenset({"__init__.py", "ingest.py", "report.py", "reread.py", "rules.py"})


def reading_modules(package: Path = PACKAGE) -> list[Path]:
    """The modules whose code reads a text, in a stable order."""
    return sorted(p for p in package.glob("*.py") if p.name not in NOT_READING)


def fingerprint(paths: list[Path], base: Path | None = None) -> str:
    """16 hex digits of the SHA-256 of the files' names and bytes (a name is the path under
    ``base`` when given, else the file's name)."""
    digest = hashlib.sha256()
    for path in paths:
        name = path.relative_to(base).as_posix() if base else path.name
        digest.update(name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


READING_RULES = fingerprint(reading_modules())
