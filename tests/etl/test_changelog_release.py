"""The changelog is read at one release: a publication landing between the read of the
observations' changes and that of the statements' is listed whole or not at all (finding 7)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from etl import changelog_export, store
from etl.cli import main
from tests.etl.release_support import (
    ncsi_store,
    publish_after_first_changes_read,
    publish_ncsi,
    releases_by_target,
)


@pytest.fixture
def published(tmp_path):
    settings, engine = ncsi_store(tmp_path)
    yield settings, engine
    engine.dispose()


def test_changes_rows_never_list_a_release_half(published, monkeypatch):
    settings, engine = published
    landed = publish_after_first_changes_read(monkeypatch, settings, engine)
    rows = changelog_export.changes_rows(engine, iso3s=["MAR"]).to_dict("records")
    assert landed, "the publication was not interleaved"
    # Read up to the release before the publication: none of it, rather than its statement
    # without its observation.
    assert landed[0] not in releases_by_target(rows)
    monkeypatch.undo()
    after = changelog_export.changes_rows(engine, iso3s=["MAR"]).to_dict("records")
    assert releases_by_target(after) == {landed[0]: {"observations", "statements"}}


def test_cli_changes_table_never_lists_a_release_half(published, monkeypatch):
    settings, engine = published
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(settings.raw_dir))
    landed = publish_after_first_changes_read(monkeypatch, settings, engine)
    out = CliRunner().invoke(main, ["changes", "--country", "MAR", "--kind", "changed"])
    assert out.exit_code == 0, out.output
    # The first publication only added rows: nothing changed up to the release read first.
    assert landed and out.output.strip() == "no changes"


def test_changelog_frames_are_bounded_by_one_release(published):
    settings, engine = published
    second = publish_ncsi(settings, engine, forward=True)
    third = publish_ncsi(settings, engine, forward=False)
    release, observed, content = store.changelog_frames(engine, iso3s=["MAR"])
    assert release == third == second + 1
    assert {second, third} <= set(observed["release_id"]) & set(content["release_id"])
    older = store.changes_frame(engine, iso3s=["MAR"], up_to_release=second)
    assert set(older["release_id"]) == {1, second}
