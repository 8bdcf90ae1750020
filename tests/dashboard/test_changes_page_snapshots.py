"""The "What changed" page and its downloads give a changelog row's two snapshots: the one
its old side was published from, an arrow the way the text reads, the new one (one for an
added row; "–" where the old one is not known); the API's file carries the column."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from dash import html

from dashboard.app import create_app
from etl import pipeline, store
from tests.dashboard.tree_support import walk
from tests.etl.refresh_support import edit_gci, morocco_drops_to_tier_2, published_copy

OLD, NEW = "a" * 64, "b" * 64


def _codes(cell) -> list[tuple[str, str, object]]:
    return [(c.children, c.title, getattr(c, "dir", None)) for c in walk(cell)
            if isinstance(c, html.Code)]


@pytest.mark.parametrize(("lang", "arrow"), [("en", "→"), ("fr", "→"), ("ar", "←")])
def test_a_changed_row_shows_the_old_snapshot_then_the_new(pages, lang, arrow):
    cell = pages["changes"].snapshots_cell(pd.Series(
        {"kind": "changed", "snapshot_sha256": NEW, "old_snapshot_sha256": OLD}), lang)
    assert _codes(cell) == [(OLD[:12], OLD, "ltr"), (NEW[:12], NEW, "ltr")]
    assert cell.children[1] == f" {arrow} "


def test_an_added_row_shows_one_and_an_unknown_old_one_a_dash(pages):
    page = pages["changes"]
    added = page.snapshots_cell(pd.Series(
        {"kind": "added", "snapshot_sha256": NEW, "old_snapshot_sha256": None}), "en")
    assert [(c.children, c.title) for c in walk(added) if isinstance(c, html.Code)] == [
        (NEW[:12], NEW)]
    unknown = page.snapshots_cell(pd.Series(
        {"kind": "removed", "snapshot_sha256": NEW, "old_snapshot_sha256": float("nan")}), "en")
    assert unknown.children[0] == "–" and _codes(unknown) == [(NEW[:12], NEW, "ltr")]


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    """Morocco's GCI 2024 changed in release 2 of itu_gci: (settings, engine, app, first
    snapshot, second snapshot)."""
    settings = published_copy(tmp_path_factory.mktemp("changes-old-snapshot"))
    engine = store.make_engine(settings.database_url)
    [first] = store.changes_frame(engine)["snapshot_sha256"].unique()
    edit_gci(settings, morocco_drops_to_tier_2)
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert result.status == "succeeded" and result.release_id == 2, result
    yield settings, engine, create_app(settings), first, result.snapshot_sha256
    engine.dispose()


def test_the_page_and_the_api_file_give_both_snapshots(pages, refreshed):
    settings, engine, app, first, second = refreshed
    with app.server.app_context():
        table, _summary, _link = pages["changes"].update_changes(
            ["MAR"], "itu_gci.overall", ["changed"], None, "en")
    assert [c.title for c in walk(table) if isinstance(c, html.Code)
            and getattr(c, "className", "") == "ci-hash"] == [first, second]
    with app.server.test_client() as client:
        response = client.get("/api/v1/downloads/changes.json",
                              query_string={"country": "MAR", "kind": "changed"})
    assert response.status_code == 200
    rows = json.loads(response.get_data())
    assert rows and {(r["old_snapshot_sha256"], r["snapshot_sha256"]) for r in rows} == {
        (first, second)}
