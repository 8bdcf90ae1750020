"""Helpers for the tests of readers during a publication: an NCSI store whose next release
changes one observation and one cited statement of Morocco, and a hook that publishes it
right after the observations' changelog is read (before the statements' one)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from etl import pipeline, store
from etl.settings import Settings
from etl.store import readers
from tests.etl.bundled_support import reseal
from tests.etl.refresh_support import refresh_settings

NCSI = "ncsi_snapshots.csv"
# Morocco's dated NCSI snapshot (an observation) and its undated one (a cited statement).
OBSERVED = (b",32,32,70.13,", b",32,32,70.14,")
STATED = (b",36,36,79.17,57.17,", b",36,36,79.18,57.17,")


def ncsi_store(tmp: Path) -> tuple[Settings, sa.Engine]:
    """Settings on a private copy of datasets/ and a store with NCSI published once."""
    settings = refresh_settings(tmp)
    engine = store.make_engine(settings.database_url)
    [first] = pipeline.run_sources(["ncsi"], settings, engine)
    assert first.status == "succeeded", first
    return settings, engine


def edit_ncsi(settings: Settings, forward: bool) -> None:
    """Change (``forward``) or change back one observation and one statement of Morocco."""
    path = settings.datasets_dir / NCSI
    data = path.read_bytes()
    for old, new in (OBSERVED, STATED):
        old, new = (old, new) if forward else (new, old)
        assert data.count(old) == 1, old
        data = data.replace(old, new)
    path.write_bytes(data)
    reseal(path)


def publish_ncsi(settings: Settings, engine: sa.Engine, forward: bool) -> int:
    """Publish the edit (or its undoing); the new release's id."""
    edit_ncsi(settings, forward)
    [result] = pipeline.run_sources(["ncsi"], settings, engine)
    assert result.status == "succeeded" and result.release_id, result
    return result.release_id


def publish_after_first_changes_read(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, engine: sa.Engine
) -> list[int]:
    """Publish an NCSI release right after the first read of the observations' changelog
    (table ``changes``); the returned list receives the release's id."""
    published: list[int] = []
    real = readers.read_frame

    def read_frame(engine_, query):
        frame = real(engine_, query)
        if not published and store.changes in query.columns_clause_froms:
            published.append(publish_ncsi(settings, engine, forward=True))
        return frame

    monkeypatch.setattr(readers, "read_frame", read_frame)
    return published


def releases_by_target(rows) -> dict[int, set[str]]:
    """Per later NCSI release, what its changed rows are about (observations, statements)."""
    by: dict[int, set[str]] = {}
    for row in rows:
        if row["source_id"] == "ncsi" and row["kind"] == "changed":
            by.setdefault(int(row["release_id"]), set()).add(row["target"])
    return by
