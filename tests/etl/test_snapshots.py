"""Kept raw snapshots: a kept file that no longer holds the bytes its name says is written
again from the payload in hand, atomically, and the log says so (audit finding 13)."""

from __future__ import annotations

import hashlib
import logging

from etl import pipeline, store
from etl.snapshots import keep_raw
from tests.etl.bundled_support import reseal
from tests.etl.refresh_support import edit_gci, morocco_drops_to_tier_2


def test_same_size_damaged_file_is_rewritten(tmp_path, caplog):
    body = b"iso3,score\nMAR,97.5\n" * 50
    kept = keep_raw(body, tmp_path)
    damaged = bytearray(body)
    damaged[10:20] = b"XXXXXXXXXX"
    kept.path.write_bytes(bytes(damaged))

    with caplog.at_level(logging.WARNING, logger="etl.snapshots"):
        again = keep_raw(body, tmp_path)

    assert again == kept
    assert kept.path.read_bytes() == body
    assert "does not match its SHA-256" in caplog.text
    assert [p.name for p in kept.path.parent.iterdir()] == [kept.sha256]  # no temp file left


def test_intact_file_is_left_alone(tmp_path, caplog):
    body = b"x" * 1000
    kept = keep_raw(body, tmp_path)
    before = kept.path.stat().st_mtime_ns
    with caplog.at_level(logging.WARNING, logger="etl.snapshots"):
        keep_raw(body, tmp_path)
    assert kept.path.stat().st_mtime_ns == before and caplog.text == ""


def test_refresh_repairs_the_snapshot_its_data_cites(baseline):
    """The audit's case: itu_gci's kept snapshot damaged on disk (same size), a change
    published, then the original file back: the run that fetches those bytes again writes them
    over the damaged file, so the snapshot the published rows cite matches its SHA-256 again."""
    settings, engine = baseline
    with engine.connect() as conn:
        [snap] = [s for s in store.snapshot_rows(conn) if s["source_id"] == "itu_gci"]
    # This store's own copy of the raw folder (the row's path is the template's).
    path = settings.raw_dir / snap["sha256"][:2] / snap["sha256"]
    body = path.read_bytes()
    path.write_bytes(body[:10] + bytes(10) + body[20:])

    edit_gci(settings, morocco_drops_to_tier_2)
    pipeline.run_sources(["itu_gci"], settings, engine)  # another snapshot: the damaged one stays
    (settings.datasets_dir / "gci_scores.csv").write_bytes(body)  # the original file again
    reseal(settings.datasets_dir / "gci_scores.csv")
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert result.status == "succeeded" and result.snapshot_sha256 == snap["sha256"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == snap["sha256"]
