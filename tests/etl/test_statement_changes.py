"""The public changelog lists what a release changed in the cited statements and per-source
values (``content_changes``), in the transaction that publishes them, on SQLite and
PostgreSQL as the store fixtures go."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from etl import changes, pipeline, store
from tests.etl.content_support import (
    DROPPED_METRIC,
    EDITED_METRIC,
    EDITED_NEW,
    EDITED_OLD,
    INTERPOL,
    PRESS_URL,
    content_store,
    edit_file,
    interpol_edit_and_drop,
    refresh_with_edits,
)

STATEMENT = {"statement_key": "k1", "source_id": "interpol_act", "edition": 2023,
             "iso3": "MAR", "metric": "share", "value_text": "69", "unit": "percent",
             "statement": "Morocco: 69%", "report_title": "Report 2023",
             "source_url": "https://example.org/a", "source_note": "note"}
VALUE = {"value_key": "v1", "indicator_id": "itu_gci.overall", "iso3": "MAR", "edition": 2020,
         "field": "overall_score", "value": 83.65, "value_text": "83.65",
         "source_id": "press_or_official", "source_url": "https://example.org/p",
         "source_note": "press"}


def _columns(*rows: dict) -> dict[str, list]:
    return {k: [r[k] for r in rows] for k in rows[0]}


@pytest.mark.parametrize(("target", "before", "after", "expected"), [
    pytest.param("statements", STATEMENT, {**STATEMENT, "statement": "Morocco: 71%"},
                 [("changed", "Morocco: 69%", "Morocco: 71%", "69", "69")], id="words"),
    pytest.param("statements", STATEMENT, {**STATEMENT, "value_text": "71"},
                 [("changed", "Morocco: 69%", "Morocco: 69%", "69", "71")], id="figure"),
    pytest.param("statements", STATEMENT, {**STATEMENT, "source_note": "other",
                                            "report_title": "Report", "unit": "share"},
                 [], id="citation-alone"),
    pytest.param("statements", STATEMENT, STATEMENT, [], id="same"),
    pytest.param("source_values", VALUE, {**VALUE, "value": 82.41, "value_text": "82.41"},
                 [("changed", 83.65, 82.41, "83.65", "82.41")], id="value"),
    pytest.param("source_values", VALUE, {**VALUE, "value_text": "83.650"},
                 [("changed", 83.65, 83.65, "83.65", "83.650")], id="printed-text"),
    pytest.param("source_values", VALUE, {**VALUE, "value": 83.65 + 1e-12}, [],
                 id="float-noise"),
])
def test_diff_compares_words_and_figures_not_the_citation(target, before, after, expected):
    """A statement changes with its words or its printed figure, a per-source value with its
    value or its printed text; a new note, title or unit alone is not a change."""
    key = changes.CONTENT_FIELDS[target]["row_key"]
    diff = changes.diff_content(target, {before[key]: before}, _columns(after))
    said = "text" if target == "statements" else "value"
    assert [(d["kind"], d[f"old_{said}"], d[f"new_{said}"], d["old_value_text"],
             d["new_value_text"]) for d in diff] == expected


def test_diff_lists_added_and_removed_keys_with_what_they_said():
    """A key the new rows add is added (new side only), one they lack is removed (old side
    only), each with its country, edition, metric and citation."""
    gone = {**STATEMENT, "statement_key": "k0", "iso3": None, "edition": None}
    new = {**STATEMENT, "statement_key": "k2", "statement": "Oman: 3%", "iso3": "OMN"}
    diff = changes.diff_content("statements", {"k0": gone, "k1": STATEMENT},
                                _columns(STATEMENT, new))
    assert [(d["kind"], d["row_key"], d["iso3"], d["edition"], d["old_text"], d["new_text"])
            for d in diff] == [("added", "k2", "OMN", 2023, None, "Oman: 3%"),
                               ("removed", "k0", None, None, "Morocco: 69%", None)]
    assert diff[0]["metric"] == "share" and diff[0]["source_url"] == "https://example.org/a"
    [value] = changes.diff_content("source_values", {}, _columns(VALUE))
    assert (value["indicator_id"], value["metric"], value["printed_by"], value["new_value"],
            value["old_value"], value["old_text"]) == ("itu_gci.overall", "overall_score",
                                                       "press_or_official", 83.65, None, None)


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    """Rows as dicts, missing as None."""
    part = frame[columns].astype(object)
    return part.where(part.notna(), None).to_dict("records")


def _logged(engine, release_id: int | None = None) -> pd.DataFrame:
    frame = store.content_changes_frame(engine)
    return frame if release_id is None else frame[frame["release_id"] == release_id]


@pytest.fixture
def published_content(tmp_path):
    settings, engine = content_store(tmp_path)
    yield settings, engine
    engine.dispose()


def test_first_publication_lists_every_row_added(published_content):
    """A source's first publication adds every statement and per-source value it loaded,
    copied from the rows written (what diff_content gives against nothing), in its release."""
    settings, engine = published_content
    statements = store.statements_frame(engine)
    values = store.source_values_frame(engine)
    logged = _logged(engine)
    assert (logged["kind"] == "added").all()
    assert logged.groupby(["release_id", "source_id", "target"]).size().to_dict() == {
        (1, "interpol_act", "statements"): len(statements),
        (2, "itu_gci_evidence", "source_values"): len(values)}
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(sa.select(store.source_values))]
    expected = changes.diff_content("source_values", {}, _columns(*rows))
    ours = logged[logged["target"] == "source_values"].sort_values("change_id")
    columns = [*changes.CONTENT_IDENTITY, "new_value", "new_value_text"]
    got = [tuple(r.values()) for r in _records(ours, columns)]
    assert sorted(got, key=str) == sorted(
        (tuple(d[c] for c in columns) for d in expected), key=str)
    text = logged.set_index("metric").loc[EDITED_METRIC]
    assert text["new_text"] == EDITED_OLD and pd.isna(text["old_text"])


def test_refresh_lists_a_changed_and_a_removed_statement_with_their_text(published_content):
    """INTERPOL's file with one finding reworded and one dropped: its release lists one
    changed statement (old and new words and figure) and one removed (its old words), with
    run, release, source, snapshot, time, country and edition; the GCI evidence release lists
    the press value that changed, old and new."""
    settings, engine = published_content
    interpol, evidence = refresh_with_edits(settings, engine)
    assert (interpol.release_id, evidence.release_id) == (3, 4)

    rows = _logged(engine, 3).sort_values("kind")
    assert _records(rows, ["kind", "metric", "old_text", "new_text", "old_value_text",
                           "new_value_text"]) == [
        {"kind": "changed", "metric": EDITED_METRIC, "old_text": EDITED_OLD,
         "new_text": EDITED_NEW, "old_value_text": "69", "new_value_text": "71"},
        {"kind": "removed", "metric": DROPPED_METRIC, "old_text": rows["old_text"].iloc[1],
         "new_text": None, "old_value_text": "13002", "new_value_text": None}]
    assert rows["old_text"].iloc[1].startswith("Trend Micro data in the report")
    assert set(rows["iso3"]) == {"MAR"} and set(rows["edition"]) == {2023}
    assert set(rows["target"]) == {"statements"} and set(rows["source_id"]) == {"interpol_act"}
    assert set(rows["run_id"]) == {interpol.run_id}
    assert set(rows["snapshot_sha256"]) == {interpol.snapshot_sha256}
    release = store.releases_frame(engine).set_index("release_id").loc[3]
    assert release["run_id"] == interpol.run_id
    moment = pd.to_datetime(rows["changed_at"], utc=True)
    published = pd.to_datetime(pd.Series([release["published_at"]]), utc=True)[0]
    assert (abs(moment - published) < pd.Timedelta("5s")).all()

    [value] = _records(_logged(engine, 4), list(_logged(engine).columns))
    assert (value["kind"], value["target"], value["source_id"], value["indicator_id"],
            value["iso3"], value["edition"], value["metric"], value["printed_by"],
            value["source_url"], value["old_value"], value["new_value"]) == (
        "changed", "source_values", "itu_gci_evidence", "itu_gci.overall", "MAR", 2020,
        "overall_score", "press_or_official", PRESS_URL, 83.65, 82.41)
    assert value["snapshot_sha256"] == evidence.snapshot_sha256
    assert value["run_id"] == evidence.run_id


def test_a_refresh_with_nothing_changed_writes_no_rows(published_content):
    """The same files again make no release and no changelog row; a note edited alone
    updates the statement (a release) but lists nothing."""
    settings, engine = published_content
    before = len(_logged(engine))
    results = pipeline.run_sources(["interpol_act", "itu_gci_evidence"], settings, engine)
    assert [r.release_id for r in results] == [None, None]
    assert len(_logged(engine)) == before

    def new_note(frame):
        edited = (frame["iso3"] == "MAR") & (frame["metric"] == EDITED_METRIC)
        frame.loc[edited, "source_note"] = "a new note"
        return frame

    edit_file(settings, INTERPOL, new_note)
    [result] = pipeline.run_sources(["interpol_act"], settings, engine)
    assert result.status == "succeeded" and result.counts["updated"] == 1
    assert len(_logged(engine)) == before


def test_changelog_and_statements_commit_together(published_content, monkeypatch):
    """When writing the changelog fails, the refresh fails and the statements stay as
    published: never new statements without their changelog rows."""
    settings, engine = published_content
    before = store.statements_frame(engine)
    logged = len(_logged(engine))
    edit_file(settings, INTERPOL, interpol_edit_and_drop)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "write_content_changes", broken)
    [result] = pipeline.run_sources(["interpol_act"], settings, engine)
    assert result.status == "failed" and "disk full" in result.reason
    pd.testing.assert_frame_equal(store.statements_frame(engine), before)
    assert len(_logged(engine)) == logged
    assert store.current_release(engine)["release_id"] == 2


def test_a_quarantined_statement_is_kept_not_listed(published_content):
    """The edited finding sent twice (two rows, one key) is quarantined: its published words
    stay, and the changelog lists neither a change nor a removal for it; the finding dropped
    from the same file is still listed removed."""
    settings, engine = published_content

    def edited_twice(frame):
        frame = interpol_edit_and_drop(frame)
        edited = frame[(frame["iso3"] == "MAR") & (frame["metric"] == EDITED_METRIC)]
        return pd.concat([frame, edited.assign(statement=EDITED_OLD)], ignore_index=True)

    edit_file(settings, INTERPOL, edited_twice)
    [result] = pipeline.run_sources(["interpol_act"], settings, engine)
    assert result.status == "succeeded", result.reason
    assert (result.counts["quarantined"], result.counts["kept_quarantined"]) == (2, 1)
    kept = store.statements_frame(engine, ["MAR"]).set_index("metric").loc[EDITED_METRIC]
    assert kept["statement"] == EDITED_OLD
    assert _records(_logged(engine, result.release_id), ["kind", "metric"]) == [
        {"kind": "removed", "metric": DROPPED_METRIC}]
