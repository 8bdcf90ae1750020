"""Backups of the store and its raw snapshots (``cyberindex db backup FOLDER``), and their
check (``cyberindex db check-backup FOLDER``).

A backup is a folder:

* ``cyberindex.db``: a SQLite store's consistent copy, taken while the dashboard serves and a
  refresh runs (the committed state of one instant: :func:`etl.store.copy_sqlite`), checked
  with SQLite's integrity check. A PostgreSQL store is not copied here: ``pg_dump`` does that
  (``docs/operations.md``);
* ``raw/<aa>/<sha256>``: every raw snapshot the copied store lists, each checked against its
  SHA-256 as it is read. The list comes from the copy, so the copy and the files agree even
  while a refresh runs (a snapshot's file is written before its row commits);
* ``backup.json``: what the backup holds and the hashes to check it by, written last: a folder
  without it is an unfinished backup.

Nothing is overwritten: the folder must be new or empty, and every file is written under a
temporary name and renamed once complete. A snapshot whose file is missing or does not hash to
its name is not copied; the backup says which (and the command exits 1), never hides it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from etl import migrations, store
from etl.code_release import code_release
from etl.settings import Settings

MANIFEST = "backup.json"
DATABASE_FILE = "cyberindex.db"
RAW_FOLDER = "raw"
FORMAT = 1  # of backup.json


class BackupError(ValueError):
    """A folder that cannot take a backup, or a folder that holds none (said in one line)."""


@dataclass(frozen=True)
class BackupReport:
    """What :func:`back_up` wrote."""

    folder: Path
    database: Path | None  # None: a PostgreSQL store (pg_dump backs it up)
    revision: str | None
    release_id: int
    tables: dict[str, int]
    snapshots: int
    snapshot_bytes: int
    missing: list[str] = field(default_factory=list)  # snapshots without their file
    damaged: list[str] = field(default_factory=list)  # files that do not hash to their name

    @property
    def complete(self) -> bool:
        return not (self.missing or self.damaged)


def back_up(engine: Engine, settings: Settings, folder: Path) -> BackupReport:
    """Copy the store (SQLite) and every raw snapshot it lists into the new or empty ``folder``."""
    _require_empty(folder)
    folder.mkdir(parents=True, exist_ok=True)
    database = None
    listing = engine
    if store.is_sqlite(engine):
        database = folder / DATABASE_FILE
        partial = _partial(database)
        store.copy_sqlite(engine, partial)
        problems = store.integrity_problems(partial)
        if problems:
            partial.unlink()
            raise BackupError(f"the copy of the store fails SQLite's integrity check: "
                              f"{'; '.join(problems[:5])}")
        _commit(partial, database)
        listing = store.make_engine(f"sqlite:///{database}")
    try:
        with listing.connect() as conn:
            rows = store.snapshot_rows(conn)
            release_id = store.release_id_now(conn)
        revision = migrations.current_revision(listing)
        tables = store.table_counts(listing)
    finally:
        if listing is not engine:
            listing.dispose()
    copied, missing, damaged = [], [], []
    for row in rows:
        sha256 = row["sha256"]
        body = _kept_bytes(row, settings.raw_dir)
        if body is None:
            missing.append(sha256)
        elif hashlib.sha256(body).hexdigest() != sha256:
            damaged.append(sha256)
        else:
            _write(folder / RAW_FOLDER / sha256[:2] / sha256, body)
            copied.append({"sha256": sha256, "source_id": row["source_id"], "bytes": len(body)})
    report = BackupReport(folder, database, revision, release_id, tables, len(copied),
                          sum(c["bytes"] for c in copied), missing, damaged)
    _write(folder / MANIFEST, json.dumps(_manifest(report, settings, copied), indent=2,
                                         ensure_ascii=False).encode("utf-8"))
    return report


def check_backup(folder: Path) -> list[str]:
    """What is wrong with the backup in ``folder`` (nothing: []): a store file that is not the
    one copied or fails SQLite's integrity check, a snapshot file missing or not its bytes.
    Raises :class:`BackupError` when the folder holds no finished backup."""
    manifest = _read_manifest(folder)
    problems: list[str] = []
    database = manifest["database"]
    if database.get("file"):
        path = folder / database["file"]
        if not path.is_file():
            problems.append(f"{path}: missing")
        elif _sha256_of(path) != database["sha256"]:
            problems.append(f"{path}: not the store copied (SHA-256 differs)")
        else:
            problems += [f"{path}: {p}" for p in store.integrity_problems(path)]
    for snapshot in manifest["snapshots"]["files"]:
        sha256 = snapshot["sha256"]
        path = folder / RAW_FOLDER / sha256[:2] / sha256
        if not path.is_file():
            problems.append(f"{path}: missing")
        elif _sha256_of(path) != sha256:
            problems.append(f"{path}: does not hash to its name")
    return problems


def _manifest(report: BackupReport, settings: Settings, copied: list[dict]) -> dict[str, Any]:
    database: dict[str, Any] = {"engine": "sqlite" if report.database else "postgresql",
                                "revision": report.revision, "release_id": report.release_id,
                                "tables": report.tables}
    if report.database is not None:
        database |= {"file": report.database.name, "sha256": _sha256_of(report.database),
                     "bytes": report.database.stat().st_size}
    return {
        "format": FORMAT,
        "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "code_release": code_release(),
        "database": database,
        # Where the store names its snapshots: restore them there (docs/operations.md).
        "raw_dir": str(settings.raw_dir),
        "snapshots": {"count": report.snapshots, "bytes": report.snapshot_bytes,
                      "files": copied, "missing": report.missing, "damaged": report.damaged},
    }


def _read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{folder}: no {MANIFEST}: not a backup, or an unfinished one") from None
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path}: unreadable ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: not a backup manifest of format {FORMAT}")
    return manifest


def _require_empty(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError(f"{folder}: not an empty folder (a backup never overwrites: "
                          f"give a new folder)")


def _kept_bytes(row: dict[str, Any], raw_dir: Path) -> bytes | None:
    """A snapshot's bytes from the path its row names, else from where ``raw_dir`` keeps it."""
    sha256 = row["sha256"]
    for path in (Path(row["path"]), raw_dir / sha256[:2] / sha256):
        try:
            return path.read_bytes()
        except OSError:
            continue
    return None


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.partial")


def _write(path: Path, body: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial(path)
    partial.write_bytes(body)
    _commit(partial, path)


def _commit(partial: Path, path: Path) -> None:
    """``partial`` on disk, then renamed to ``path``."""
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    partial.replace(path)
