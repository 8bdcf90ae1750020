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
