"""A refresh reading again a snapshot whose rows an earlier run quarantined (same bytes, same
hash) stores them once: the run still counts them, its note says they are still quarantined
(from which snapshot, first by which run), the latest-run view (Status page, ``etl
quarantine``) still lists them; another snapshot's bad rows are quarantined as before."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from etl import cli, pipeline, store
from tests.etl.refresh_support import edit_gci, refresh_settings, set_cells


def _stored(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(store.quarantine)).scalar()


def _bad_row(settings, score: str) -> None:
    """Morocco's GCI 2024 overall score made unreadable (one quarantined row)."""
    edit_gci(settings, lambda f: set_cells(f, "MAR", "2024", overall_score=score))


@pytest.fixture
def bad_gci(baseline):
    """The published GCI store, its file given one bad row, refreshed once."""
    settings, engine = baseline
    _bad_row(settings, "n/a")
    [first] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert first.status == "succeeded" and first.counts["quarantined"] == 1, first
    return settings, engine, first


def test_the_same_snapshot_read_again_stores_its_quarantine_once(bad_gci):
    settings, engine, first = bad_gci
    runs = [pipeline.run_sources(["itu_gci"], settings, engine)[0] for _ in range(2)]

    assert _stored(engine) == 1
    for run in runs:
        assert run.status == "succeeded" and run.snapshot_sha256 == first.snapshot_sha256
        assert run.counts["quarantined"] == 1
        assert run.reason.endswith("; " + pipeline.QUARANTINED_AGAIN_NOTE.format(
            count=1, snapshot=first.snapshot_sha256, run=first.run_id))
    latest = store.quarantine_frame(engine)
    assert latest[["run_id", "last_run_id", "snapshot_sha256"]].values.tolist() == [
        [first.run_id, runs[-1].run_id, first.snapshot_sha256]]
    assert len(store.quarantine_frame(engine, latest_only=False)) == 1
    with engine.connect() as conn:  # the runs table still counts it for every run
        assert [store.run_row(conn, r.run_id)["quarantined"] for r in runs] == [1, 1]


def test_the_cli_lists_a_row_read_again_under_the_latest_run(bad_gci, monkeypatch):
    settings, engine, first = bad_gci
    pipeline.run_sources(["itu_gci"], settings, engine)
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", settings.database_url)
    shown = CliRunner().invoke(cli.main, ["etl", "quarantine", "--source", "itu_gci"])
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith(f"itu_gci run {first.run_id} line ")
    assert shown.output.count("itu_gci run") == 1


def test_another_snapshot_quarantines_its_rows_as_before(bad_gci):
    """A new file with a bad row (another snapshot) stores its rows, and after it the first
    snapshot read again is back in the latest-run view, still stored once."""
    settings, engine, first = bad_gci
    _bad_row(settings, "none")
    [other] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert other.snapshot_sha256 != first.snapshot_sha256
    assert other.counts["quarantined"] == 1 and "still quarantined" not in (other.reason or "")
    assert _stored(engine) == 2
    assert store.quarantine_frame(engine)["run_id"].tolist() == [other.run_id]

    _bad_row(settings, "n/a")
    [back] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert back.snapshot_sha256 == first.snapshot_sha256
    assert _stored(engine) == 2
    assert store.quarantine_frame(engine)[["run_id", "last_run_id"]].values.tolist() == [
        [first.run_id, back.run_id]]


def test_a_held_run_read_again_stores_its_quarantine_once(bad_gci):
    """The publish gate holding each run of a bad file (more rows quarantined than it
    allows) quarantines its rows once too; each held run counts them."""
    settings, engine, first = bad_gci
    strict = refresh_settings(settings.raw_dir.parent, publish_max_quarantine_ratio=0.0,
                              database_url=settings.database_url)
    held = [pipeline.run_sources(["itu_gci"], strict, engine)[0] for _ in range(2)]
    assert [h.status for h in held] == ["held", "held"]
    assert [h.counts["quarantined"] for h in held] == [1, 1]
    assert _stored(engine) == 1
    assert store.quarantine_frame(engine)["last_run_id"].tolist() == [held[-1].run_id]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_status_page_reads_the_note_back(lang):
    """The Status page says the note's part in the page's language (its wording known to
    dashboard.run_notes), the snapshot a short hash with the full one in its title."""
    from dash import html

    from dashboard import run_notes

    sha = "0123456789abcdef" * 4
    part = pipeline.QUARANTINED_AGAIN_NOTE.format(count=3, snapshot=sha, run=12)
    said = run_notes.note_part(part, lang)
    assert isinstance(said, list), said  # not the stored English, marked so
    [code] = [p for p in said if isinstance(p, html.Code)]
    assert (code.children, code.title) == (sha[:12], sha)
