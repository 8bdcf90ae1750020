"""The API and the downloads give the same columns (rank_text, tier_label and source_note
included), documented in the OpenAPI document with their help."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard.api import create_api_app
from dashboard.openapi import openapi_document
from etl import export

NCSI = {"indicator": "ncsi.score", "country": "SAU,QAT,GHA,SGP"}
RANGES = {"QAT": "14-17", "SGP": "14-17", "SAU": "41-42", "GHA": "41-42"}


@pytest.fixture(scope="module")
def client(loaded_settings, loaded_engine):
    flask_app = create_api_app(loaded_settings, loaded_engine)
    flask_app.config["TESTING"] = True
    return flask_app.test_client()


def columns_of(fmt: str, data: bytes) -> list[str]:
    if fmt == "csv":
        return list(pd.read_csv(io.BytesIO(data)).columns)
    if fmt == "json":
        return list(json.loads(data)[0])
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return list(next(book.worksheets[0].iter_rows(values_only=True)))
    if fmt == "parquet":
        return pq.read_table(io.BytesIO(data)).column_names
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        return list(pd.read_csv(bundle.open("data.csv")).columns)


def test_api_and_every_download_give_the_same_columns(client):
    """The JSON page (an object per row, its keys in the documented order: a DataFrame of the
    rows has the CSV's columns), the streamed CSV and every download format have the export's
    columns, in its order, and the OpenAPI document describes each with its help."""
    query = {"indicator": "itu_gci.overall", "country": "MAR"}
    response = client.get("/api/v1/observations", query_string=query)
    page = response.get_json()
    expected = list(export.EXPORT_COLUMNS)
    assert page["data"] and all(list(row) == expected for row in page["data"])
    assert list(json.loads(response.data)["data"][0]) == expected  # the bytes, not a re-sort
    assert list(pd.DataFrame(page["data"]).columns) == expected
    streamed = client.get("/api/v1/observations", query_string={**query, "format": "csv"})
    assert columns_of("csv", streamed.data) == expected
    for fmt in export.FORMATS:
        response = client.get(f"/api/v1/downloads/observations.{fmt}", query_string=query)
        assert response.status_code == 200
        assert columns_of(fmt, response.data) == expected, fmt
    schema = openapi_document()["components"]["schemas"]["Observation"]
    assert list(schema["properties"]) == expected
    for column in ("rank_text", "tier_label", "source_note"):
        described = schema["properties"][column]
        assert described["nullable"] is True and described["type"] == "string"
        assert described["description"] == export.COLUMN_DESCRIPTIONS[column]
    held_out = schema["properties"]["held_out"]  # a flag, as the Cross-index table's
    assert held_out["type"] == "boolean" and "nullable" not in held_out
    assert held_out["description"] == export.COLUMN_DESCRIPTIONS["held_out"]


def test_api_gives_ncsi_ranges_and_the_morocco_note(client):
    """The API's rows carry what the downloads carry: NCSI 2018 ranges in rank_text, the note
    on Morocco's GCI 2020 score, the name of its 2024 tier."""
    rows = client.get("/api/v1/observations",
                      query_string={**NCSI, "edition": "2018"}).get_json()["data"]
    assert {r["iso3"]: r["rank_text"] for r in rows} == RANGES
    assert all(r["rank"] is None and r["value"] is None for r in rows)
    rows = client.get("/api/v1/observations", query_string={
        "indicator": "itu_gci.overall", "country": "MAR", "edition": "2020,2024"}
    ).get_json()["data"]
    by_edition = {r["edition"]: r for r in rows}
    assert "Malta's score" in by_edition[2020]["source_note"]
    assert by_edition[2024]["tier_label"] == "Role-modelling"


def test_the_audited_download_has_the_ranges(client):
    """The audit's request: /api/v1/downloads/observations.csv?indicator=ncsi.score&country=
    SAU,QAT,GHA,SGP gives each 2018 range (it gave GHA,2018,,0-100,, and nothing else)."""
    response = client.get("/api/v1/downloads/observations.csv", query_string=NCSI)
    frame = pd.read_csv(io.BytesIO(response.data), dtype=str)
    ranges = frame[frame["edition"] == "2018"]
    assert dict(zip(ranges["iso3"], ranges["rank_text"], strict=True)) == RANGES
    json_rows = json.loads(client.get("/api/v1/downloads/observations.json",
                                      query_string={**NCSI, "edition": "2018"}).data)
    assert {r["iso3"]: r["rank_text"] for r in json_rows} == RANGES


def test_statement_rows_keep_the_documented_column_order(client):
    rows = client.get("/api/v1/statements", query_string={"country": "MAR"}).get_json()["data"]
    assert rows and all(list(row) == list(export.STATEMENT_COLUMNS) for row in rows)


def test_the_dashboard_api_keeps_the_column_order_too(dash_app):
    """The served app registers the API blueprint itself (dashboard.app), not through
    create_api_app: its rows keep the documented order as well."""
    response = dash_app.server.test_client().get(
        "/api/v1/observations", query_string={"country": "MAR", "per_page": 2})
    rows = json.loads(response.data)["data"]
    assert rows and all(list(row) == list(export.EXPORT_COLUMNS) for row in rows)
