"""The Cross-index page's downloads (its table and its cited statements) and what every download
says about itself: the page's links, the API and `cyberindex export` give the same rows; the
headers carry the filter, the view, the release and the time; CSV downloads start with a BOM."""

from __future__ import annotations

import io
import json
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from click.testing import CliRunner
from dash import html

from dashboard import data
from dashboard.i18n import t
from etl.cli import main
from tests.dashboard.tree_support import find, texts, walk

PICKED = ["MAR", "OMN", "EGY", "SAU"]
BOM = b"\xef\xbb\xbf"


@pytest.fixture
def client(dash_app):
    return dash_app.server.test_client()


@pytest.fixture
def cli_env(loaded_settings, monkeypatch):
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", loaded_settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(loaded_settings.raw_dir))


def links(component) -> dict[str, str]:
    return {
        a.id: a.href
        for a in walk(component)
        if isinstance(a, html.A) and getattr(a, "id", None) and "-download-" in a.id
    }


def page_links(pages, lang: str = "en") -> dict[str, str]:
    layout = pages["crossindex"].layout(lang=lang, country=",".join(PICKED))
    return links(layout)


def cli_rows(args: list[str]) -> list[dict]:
    result = CliRunner().invoke(main, ["export", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def plain(rows: list[dict]) -> list[dict]:
    """Rows comparable across JSON, frames and CSV: missing as None, whole floats as ints."""
    out = []
    for row in rows:
        clean = {}
        for key, value in row.items():
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            clean[key] = value
        out.append(clean)
    return out


def test_the_page_offers_its_table_and_statements_in_every_format(pages, app_context):
    """Two download blocks, each with CSV, Excel, Parquet, JSON and ZIP, carrying the page's
    selection, its language and the link back to the view."""
    found = page_links(pages, "fr")
    for dataset, prefix in (
        ("crossindex", "crossindex-table"),
        ("statements", "crossindex-statements"),
    ):
        for fmt in ("csv", "xlsx", "parquet", "json", "zip"):
            url = urlsplit(found[f"{prefix}-download-{fmt}"])
            query = parse_qs(url.query)
            assert url.path == f"/api/v1/downloads/{dataset}.{fmt}"
            assert query["country"] == [",".join(PICKED)] and query["lang"] == ["fr"]
            assert query["view"][0].startswith("/cross-index?")


def test_no_download_without_a_country(pages, app_context):
    layout = pages["crossindex"].layout(lang="en", country="")
    assert links(layout) == {}


def test_the_callback_follows_the_picker(pages, app_context):
    table, statements = pages["crossindex"].update_downloads(["MAR"], "ar")
    assert "country=MAR&" in links(table)["crossindex-table-download-csv"]
    assert t("Download these statements:", "ar") in texts(statements)


def test_statements_same_rows_from_page_api_and_cli(pages, app_context, client, cli_env):
    """The statements the page lists for its selection are the rows of its download link,
    of /api/v1/statements and of `cyberindex export --dataset statements`, with provenance."""
    shown = data.statements(data.current_engine(), PICKED)
    keys = ["source_id", "edition", "iso3", "metric", "value_text", "source_url"]
    expected = plain(shown.loc[:, keys].to_dict("records"))
    assert len(expected) > 10
    href = page_links(pages)["crossindex-statements-download-json"]
    downloaded = client.get(href)
    assert downloaded.status_code == 200
    api = client.get("/api/v1/statements", query_string={"country": ",".join(PICKED)})
    cli = cli_rows(["--dataset", "statements", *sum((["--country", c] for c in PICKED), [])])
    for rows in (json.loads(downloaded.data), api.get_json()["data"], cli):
        assert plain([{k: r[k] for k in keys} for r in rows]) == expected
        assert all(
            r["snapshot_sha256"] and r["source_url"] and r["publisher"] and r["retrieved_at"]
            for r in rows
        )
    # Morocco's figures, e.g. the 2023 banking-trojan detections, are there as printed.
    assert any(
        r["iso3"] == "MAR" and r["value_text"] == "18827" and r["unit"] == "detections" for r in cli
    )


def test_crossindex_same_rows_from_page_api_and_cli(pages, app_context, client, cli_env):
    """The table's values, editions, ranks/tiers and percentiles (within the selection) are
    the page's, from the download link, the CSV and the CLI."""
    frame = data.cross_index(data.current_engine(), PICKED)
    keys = [
        "iso3",
        *(
            f"{k}_{f}"
            for k in ("gci", "ncsi", "egdi")
            for f in ("value", "edition", "rank", "tier", "percentile", "basis")
        ),
        "interpol_statements",
    ]
    expected = plain(frame.loc[:, keys].to_dict("records"))
    href = page_links(pages)["crossindex-table-download-json"]
    downloaded = json.loads(client.get(href).data)
    csv = client.get(href.replace(".json", ".csv"))
    assert csv.data.startswith(BOM)
    from_csv = pd.read_csv(io.BytesIO(csv.data)).to_dict("records")
    cli = cli_rows(["--dataset", "crossindex", *sum((["--country", c] for c in PICKED), [])])
    for rows in (downloaded, from_csv, cli):
        assert plain([{k: r[k] for k in keys} for r in rows]) == expected


def test_gulf_countries_are_not_covered_by_the_african_report(pages, app_context, client):
    """Oman and Saudi Arabia: "not covered by the report" on the page and an empty count in
    the download; Morocco 8 and Egypt 5 (covered, counted)."""
    rows = json.loads(
        client.get(
            "/api/v1/downloads/crossindex.json", query_string={"country": ",".join(PICKED)}
        ).data
    )
    by = {r["iso3"]: (r["interpol_covered"], r["interpol_statements"]) for r in rows}
    assert by == {"MAR": (True, 8), "OMN": (False, None), "EGY": (True, 5), "SAU": (False, None)}
    table = find(
        pages["crossindex"].layout(lang="fr", country=",".join(PICKED)), "crossindex-table"
    )
    cells = [texts(r).split("\n")[-1] for r in walk(table) if isinstance(r, html.Tr)][1:]
    assert cells == [
        "8",
        t("not covered by the report", "fr"),
        "5",
        t("not covered by the report", "fr"),
    ]


@pytest.mark.parametrize("dataset", ["observations", "statements", "crossindex"])
@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_downloads_say_what_they_are(client, dataset, fmt):
    """Filter, view link, language, time and release in headers and file name; CSV with a BOM,
    JSON still a bare list."""
    view = "http://localhost/cross-index?v=1&country=MAR,OMN"
    answer = client.get(
        f"/api/v1/downloads/{dataset}.{fmt}",
        query_string={"country": "MAR,OMN", "view": view, "lang": "fr"},
    )
    assert answer.status_code == 200
    release = answer.headers["X-Data-Release"]
    assert f'filename="cyberindex-{dataset}-r{release}-' in answer.headers["Content-Disposition"]
    assert answer.headers["X-Export-Filter"] == "country=MAR,OMN"
    assert answer.headers["X-Export-Dataset"] == dataset
    assert answer.headers["X-Export-Language"] == "fr"
    assert answer.headers["X-Export-Generated-At"].endswith("Z")
    assert answer.headers["Link"] == f'<{view}>; rel="related"; type="text/html"'
    if fmt == "csv":
        assert answer.data.startswith(BOM)
        assert not answer.data[3:].startswith(b"#")
    if fmt == "json":
        assert isinstance(json.loads(answer.data), list)


def test_list_csv_downloads_start_with_a_bom(client):
    for kind in ("articles", "claims", "changes"):
        assert client.get(f"/api/v1/downloads/{kind}.csv").data.startswith(BOM), kind


def test_the_api_csv_answer_has_no_bom(client):
    """/observations?format=csv is read by programs: no BOM there."""
    answer = client.get("/api/v1/observations", query_string={"country": "MAR", "format": "csv"})
    assert answer.data.startswith(b"indicator,")


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/statements?source=nope", "source"),
        ("/api/v1/statements?country=XXX", "country"),
        ("/api/v1/statements?edition=1999", "edition"),
        ("/api/v1/statements?edition=abc", "edition"),
        ("/api/v1/statements?indicator=itu_gci.overall", "indicator"),
        ("/api/v1/downloads/crossindex.csv?edition=2020", "edition"),
        ("/api/v1/downloads/statements.csv?where=x", "where"),
    ],
)
def test_bad_statement_filters_are_400s(client, path, parameter):
    answer = client.get(path)
    assert answer.status_code == 400
    assert answer.get_json()["error"]["parameter"] == parameter


def test_openapi_documents_the_new_routes_and_headers(client):
    document = client.get("/api/v1/openapi.json").get_json()
    for path in (
        "/api/v1/statements",
        "/api/v1/downloads/statements.{format}",
        "/api/v1/downloads/crossindex.{format}",
    ):
        assert path in document["paths"]
    headers = document["paths"]["/api/v1/downloads/observations.{format}"]["get"]["responses"][
        "200"
    ]["headers"]
    assert {"X-Export-Filter", "Link", "X-Data-Release"} <= set(headers)
