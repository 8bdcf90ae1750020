"""The runs table records what a published refresh removed and kept, beside its other counts,
and ``cyberindex etl status`` shows them (on SQLite and PostgreSQL, as the store fixtures go)."""

from __future__ import annotations

from click.testing import CliRunner

from etl import cli, pipeline, store
from tests.etl.refresh_support import edit_gci, published, set_cells, subprocess_env


def _drop_row(iso3: str, edition: str):
    def change(frame):
        mask = (frame["iso3"] == iso3) & (frame["edition"] == edition)
        assert mask.sum() == 1, (iso3, edition)
        return frame[~mask]
    return change


def _run_row(engine, run_id: int) -> dict:
    runs = store.runs_frame(engine, "itu_gci").set_index("run_id")
    return runs.loc[run_id].to_dict()


def test_a_refresh_that_removes_values_records_removed(baseline):
    """MAR 2018 gone from a valid GCI file: its published value is deleted and the run's row
    says removed=1 (what the printed line says), kept_quarantined=0."""
    settings, engine = baseline
    before = len(published(engine))
    edit_gci(settings, _drop_row("MAR", "2018"))

    [result] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert result.status == "succeeded", result.reason
    assert len(published(engine)) == before - 1
    row = _run_row(engine, result.run_id)
    assert (row["removed"], row["kept_quarantined"]) == (1, 0)
    assert row["removed"] == result.counts["removed"]
    assert (row["inserted"], row["updated"]) == (0, 0)


def test_a_quarantined_row_that_keeps_published_values_records_kept(baseline):
    """MAR 2020 overall edited without its pillars is quarantined: the overall and its five
    pillars stay as published, and the run's row says kept_quarantined=6, removed=0."""
    settings, engine = baseline
    before = published(engine)
    edit_gci(settings, lambda f: set_cells(f, "MAR", "2020", overall_score="83.65"))

    [result] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert result.status == "succeeded", result.reason
    assert len(published(engine)) == len(before)
    row = _run_row(engine, result.run_id)
    assert (row["quarantined"], row["kept_quarantined"], row["removed"]) == (1, 6, 0)


def test_a_held_run_records_nothing_removed(baseline):
    """A release the publish gate holds deletes nothing, and its row says removed=0 although
    the file it read lacks most published rows."""
    settings, engine = baseline
    edit_gci(settings, lambda f: f.head(100))

    [result] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert result.status == "held"
    row = _run_row(engine, result.run_id)
    assert (row["removed"], row["kept_quarantined"]) == (0, 0)


def test_etl_status_shows_removed_and_kept(baseline, monkeypatch):
    """`cyberindex etl status` has a removed and a kept column with the latest run's counts."""
    settings, engine = baseline
    edit_gci(settings, lambda f: set_cells(_drop_row("MAR", "2018")(f), "MAR", "2020",
                                           overall_score="83.65"))
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert result.status == "succeeded", result.reason
    for key, value in subprocess_env(settings).items():
        if key.startswith("CYBERINDEX_"):
            monkeypatch.setenv(key, value)

    shown = CliRunner().invoke(cli.main, ["etl", "status"])

    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    [header] = [line for line in lines if line.startswith("source")]
    [gci] = [line for line in lines if line.startswith("itu_gci ")]
    assert header.split()[:8] == ["source", "run", "status", "rows", "quar.", "removed", "kept",
                                  "age"]
    # source, run, status, rows, quarantined, removed, kept
    assert gci.split()[4:7] == ["1", "1", "6"]
