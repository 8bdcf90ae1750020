"""The changelog as a file: the "What changed" page's filter gives the same rows from its
links, the API and the CLI, latest first, countries named in the file's language."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from dashboard.app import create_app
from etl import changelog_export, pipeline, store
from etl.cli import main
from tests.dashboard.tree_support import walk
from tests.etl.content_support import (
    DROPPED_METRIC,
    EDITED_METRIC,
    EDITED_NEW,
    EDITED_OLD,
    PRESS_URL,
    content_store,
    refresh_with_edits,
)
from tests.etl.refresh_support import edit_gci, morocco_drops_to_tier_2, published_copy


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    """Morocco's GCI 2024 went from 97.5 to 90 in release 2 of itu_gci."""
    settings = published_copy(tmp_path_factory.mktemp("changes-dl"))
    engine = store.make_engine(settings.database_url)
    edit_gci(settings, morocco_drops_to_tier_2)
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert result.status == "succeeded"
    yield settings, engine, create_app(settings)
    engine.dispose()


def _rows(client, query) -> tuple[int, list[dict], dict]:
    response = client.get("/api/v1/downloads/changes.json", query_string=query)
    body = response.get_data()
    return response.status_code, json.loads(body) if response.status_code == 200 else body, \
        dict(response.headers)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_page_links_download_the_filtered_changelog(pages, refreshed, lang):
    settings, engine, app = refreshed
    page = pages["changes"]
    with app.server.app_context():
        root = page.layout(lang=lang, country="MAR", indicator="itu_gci.overall",
                           kind="changed")
    links = {a.id: a.href for a in walk(root) if getattr(a, "href", None)
             and "/downloads/changes." in a.href}
    assert set(links) == {"changes-changes-download-csv", "changes-changes-download-json"}
    href = links["changes-changes-download-json"]
    assert "country=MAR" in href and "indicator=itu_gci.overall" in href and "kind=changed" in href
    # The file links back to this view (its Link header), as the observation downloads do.
    from urllib.parse import parse_qs, urlsplit
    view = urlsplit(parse_qs(urlsplit(href).query)["view"][0])
    assert view.path == "/changes" and parse_qs(view.query)["country"] == ["MAR"]
    with app.server.test_client() as client:
        rows = json.loads(client.get(href).get_data())
    assert [(r["iso3"], r["edition"], r["kind"], r["old_value"], r["new_value"],
             r["old_tier"], r["new_tier"]) for r in rows] == [("MAR", 2024, "changed", 97.5,
                                                               90.0, 1, 2)]
    names = store.countries_frame(engine).set_index("iso3")[f"name_{lang}"]
    assert rows[0]["country"] == names["MAR"]
    assert len(rows[0]["snapshot_sha256"]) == 64 and rows[0]["release_id"] == 2


def test_every_row_latest_first_and_filters_checked(refreshed):
    settings, engine, app = refreshed
    with app.server.test_client() as client:
        status, rows, headers = _rows(client, {"country": "MAR"})
        assert status == 200 and int(headers["X-Total-Count"]) == len(rows) > 1
        assert rows[0]["kind"] == "changed"  # release 2 first, then the first publication
        assert [r["release_id"] for r in rows] == sorted((r["release_id"] for r in rows),
                                                         reverse=True)
        csv = client.get("/api/v1/downloads/changes.csv", query_string={"country": "MAR"})
        frame = pd.read_csv(io.BytesIO(csv.get_data()))
        assert list(frame.columns) == list(changelog_export.CHANGE_COLUMNS)
        assert len(frame) == len(rows)
        for query, parameter in (({"kind": "moved"}, "kind"), ({"country": "XXX"}, "country"),
                                 ({"indicator": "nope"}, "indicator"),
                                 ({"since": "last week"}, "since")):
            status, body, _ = _rows(client, query)
            assert status == 400 and json.loads(body)["error"]["parameter"] == parameter


def test_cli_gives_the_api_rows(refreshed, monkeypatch):
    settings, engine, app = refreshed
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(settings.raw_dir))
    out = CliRunner().invoke(main, ["changes", "--country", "MAR", "--kind", "changed",
                                    "--format", "json", "--lang", "fr"])
    assert out.exit_code == 0, out.output
    with app.server.test_client() as client:
        _, rows, _ = _rows(client, {"country": "MAR", "kind": "changed", "lang": "fr"})
    assert json.loads(out.output) == rows and rows


@pytest.fixture(scope="module")
def content_refreshed(tmp_path_factory):
    """INTERPOL's findings and the GCI evidence published, then one finding reworded, one
    dropped and one press value changed (releases 3 and 4)."""
    settings, engine = content_store(tmp_path_factory.mktemp("changes-dl-content"))
    refresh_with_edits(settings, engine)
    yield settings, engine, create_app(settings)
    engine.dispose()


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_page_links_download_the_statement_and_value_changes(pages, content_refreshed, fmt):
    """The page's links (Morocco, changed and removed) give the changed and the removed
    finding with old and new words, and the changed press value old and new, latest release
    first, in JSON and CSV alike; the CLI gives the same rows."""
    settings, engine, app = content_refreshed
    page = pages["changes"]
    with app.server.app_context():
        root = page.layout(lang="fr", country="MAR", kind="changed,removed")
    [href] = [a.href for a in walk(root) if getattr(a, "href", None)
              and f"/downloads/changes.{fmt}" in a.href]
    with app.server.test_client() as client:
        body = client.get(href).get_data()
    rows = (json.loads(body) if fmt == "json" else pd.read_csv(
        io.BytesIO(body), keep_default_na=False, dtype=str).to_dict("records"))
    assert list(rows[0]) == list(changelog_export.CHANGE_COLUMNS)
    got = [(r["release_id"], r["target"], r["kind"], r["metric"]) for r in rows]
    release = 4 if fmt == "json" else "4"
    assert got[0] == (release, "source_values", "changed", "overall_score")
    assert sorted(got[1:]) == sorted([
        (3 if fmt == "json" else "3", "statements", "changed", EDITED_METRIC),
        (3 if fmt == "json" else "3", "statements", "removed", DROPPED_METRIC)])
    value = rows[0]
    assert (str(value["old_value"]), str(value["new_value"])) == ("83.65", "82.41")
    assert value["printed_by"] == "press_or_official" and value["source_url"] == PRESS_URL
    assert value["indicator_id"] == "itu_gci.overall" and value["country"] == "Maroc"
    changed = next(r for r in rows if r["kind"] == "changed" and r["target"] == "statements")
    assert (changed["old_text"], changed["new_text"]) == (EDITED_OLD, EDITED_NEW)
    assert (str(changed["old_value_text"]), str(changed["new_value_text"])) == ("69", "71")
    removed = next(r for r in rows if r["kind"] == "removed")
    assert removed["old_text"].startswith("Trend Micro") and not removed["new_text"]
    assert all(len(r["snapshot_sha256"]) == 64 for r in rows)
    assert {str(r["edition"]) for r in rows} == {"2020", "2023"}


def test_statement_changes_follow_the_filter(content_refreshed, monkeypatch):
    """A country keeps the rows about it (a region-level finding has no country: every
    country's view only); an indicator keeps its per-source values, not the statements; the
    CLI gives the API's rows."""
    settings, engine, app = content_refreshed
    with app.server.test_client() as client:
        _, every, _ = _rows(client, {})
        _, morocco, _ = _rows(client, {"country": "MAR"})
        _, indicator, _ = _rows(client, {"indicator": "itu_gci.overall", "kind": "changed"})
    regional = [r for r in every if r["target"] == "statements" and r["iso3"] is None]
    assert regional and all(r["country"] is None for r in regional)
    assert morocco and {r["iso3"] for r in morocco} == {"MAR"}
    assert [(r["target"], r["iso3"], r["old_value"], r["new_value"]) for r in indicator] == [
        ("source_values", "MAR", 83.65, 82.41)]
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(settings.raw_dir))
    out = CliRunner().invoke(main, ["changes", "--indicator", "itu_gci.overall", "--kind",
                                    "changed", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output) == indicator


def test_cli_table_lists_statement_and_value_changes(content_refreshed, monkeypatch):
    """``cyberindex changes`` (its table) lists the cited statements and per-source values
    that changed, after the observations: the reworded finding with its new words, the dropped
    one, and DailyMorocco's press value 83.65 -> 82.41; a filter on a kind applies to both."""
    from tests.etl.content_support import EDITED_NEW

    settings, _engine, _app = content_refreshed
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(settings.raw_dir))
    out = CliRunner().invoke(main, ["changes", "--country", "MAR", "--kind", "changed"])
    assert out.exit_code == 0, out.output
    assert "cited statements and per-source values:" in out.output
    lines = out.output.splitlines()
    assert any(EDITED_NEW in line and " changed " in line for line in lines)
    assert any("press_or_official" in line and "83.65->82.41" in line for line in lines)
    assert not any(" removed " in line for line in lines)
