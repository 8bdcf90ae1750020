"""The quarantine listed as current (Status page, `etl quarantine`) is what each source's latest
run that read its data held back: a later skipped or failed run, which read nothing, does not
empty the list while the source's published data is still held back by those rows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from etl import store
from etl.store.schema import quarantine, runs, sources

NOW = datetime(2026, 1, 2, tzinfo=UTC)


def _run(conn, status: str) -> int:
    return conn.execute(sa.insert(runs).values(source_id="q_test", status=status, started_at=NOW)
                        .returning(runs.c.run_id)).scalar_one()


@pytest.fixture
def quarantined(engine):
    with engine.begin() as conn:
        conn.execute(sa.insert(sources).values(
            source_id="q_test", publisher="test", title="quarantine test",
            url="https://example.invalid/", licence="test", cadence="never", kind="bundled"))
        read = _run(conn, "succeeded")
        conn.execute(sa.insert(quarantine).values(
            run_id=read, last_run_id=read, source_id="q_test", row_number=3,
            check_name="in_range", reason="score above 100", row_json="{}", created_at=NOW,
            snapshot_sha256="a" * 64))
    return engine


@pytest.mark.parametrize("status", ["skipped", "failed", "abandoned"])
def test_a_run_that_read_nothing_does_not_hide_the_quarantine(quarantined, status):
    with quarantined.begin() as conn:
        _run(conn, status)
    frame = store.quarantine_frame(quarantined)
    assert frame["reason"].tolist() == ["score above 100"]


def test_a_later_run_that_read_the_data_decides(quarantined):
    with quarantined.begin() as conn:
        _run(conn, "succeeded")  # read a mended file: nothing quarantined
    assert store.quarantine_frame(quarantined).empty
    assert len(store.quarantine_frame(quarantined, latest_only=False)) == 1
