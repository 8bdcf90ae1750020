"""/api/v1/observations: a ``where`` value its column cannot be compared with is a 400 naming
``where``, the column and the value; ``lang`` names countries and indicators as the downloads
and the CLI do (and nothing else), so a download's filter gives the same rows here."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard.api import create_api_app
from dashboard.openapi import openapi_document


@pytest.fixture(scope="module")
def client(loaded_settings, loaded_engine):
    app = create_api_app(loaded_settings, loaded_engine)
    app.config["TESTING"] = True
    return app.test_client()


@pytest.mark.parametrize(("where", "column", "value"), [
    pytest.param("{value} > abc", "value", "abc", id="value"),
    pytest.param("{edition} = twenty", "edition", "twenty", id="edition"),
])
@pytest.mark.parametrize("path", ["/api/v1/observations", "/api/v1/downloads/observations.csv",
                                  "/api/v1/downloads/observations.zip"])
def test_a_value_that_cannot_be_compared_is_a_400_naming_where(client, path, where, column,
                                                               value):
    response = client.get(path, query_string={"where": where, "country": "MAR"})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["parameter"] == "where"
    assert error["message"].startswith(f"{column} holds numbers") and f"'{value}'" in \
        error["message"]


def test_a_number_still_filters(client):
    body = client.get("/api/v1/observations", query_string={
        "where": "{value} >= 95 && {edition} = 2024", "indicator": "itu_gci.overall"}).get_json()
    assert body["total"] > 0 and all(r["value"] >= 95 for r in body["data"])


def test_lang_names_countries_and_indicators_and_changes_nothing_else(client):
    query = {"indicator": "itu_gci.overall", "country": "MAR,OMN", "edition": "2024"}
    english = client.get("/api/v1/observations", query_string=query).get_json()
    french = client.get("/api/v1/observations", query_string={**query, "lang": "fr"})
    assert french.status_code == 200
    body = french.get_json()
    assert {r["country"] for r in body["data"]} == {"Maroc", "Oman"}
    assert {r["indicator_name"] for r in body["data"]} == {"Score global du GCI"}
    for en_row, fr_row in zip(english["data"], body["data"], strict=True):
        assert {k: v for k, v in en_row.items() if k not in ("country", "indicator_name")} == \
            {k: v for k, v in fr_row.items() if k not in ("country", "indicator_name")}
    assert body["filter"] == english["filter"]
    assert all("lang=fr" in body["links"][name] for name in ("self", "first", "last", "csv"))
    assert "lang=" not in english["links"]["self"]


def test_a_downloads_filter_gives_the_same_rows_from_the_api(client):
    """``{country} contains Maroc`` with lang=fr: the same rows from the paged API, its CSV
    and the download; a bad lang is a 400 naming it."""
    query = {"indicator": "itu_gci.overall", "where": "{country} contains Maroc", "lang": "fr"}
    paged = client.get("/api/v1/observations", query_string=query).get_json()
    csv = pd.read_csv(io.BytesIO(client.get("/api/v1/observations", query_string={
        **query, "format": "csv"}).get_data()))
    download = pd.read_csv(io.BytesIO(client.get("/api/v1/downloads/observations.csv",
                                                 query_string=query).get_data()))
    assert {r["iso3"] for r in paged["data"]} == {"MAR"} and paged["total"] == len(download)
    assert csv["edition"].tolist() == download["edition"].tolist()
    bad = client.get("/api/v1/observations?lang=xx")
    assert bad.status_code == 400 and bad.get_json()["error"]["parameter"] == "lang"


def test_the_openapi_document_says_what_lang_changes():
    parameters = openapi_document()["paths"]["/api/v1/observations"]["get"]["parameters"]
    [lang] = [p for p in parameters if p.get("name") == "lang"]
    assert lang["schema"]["enum"] == ["en", "fr", "ar"]
    assert "Nothing else changes" in lang["description"]
    where = openapi_document()["components"]["parameters"]["where"]["description"]
    assert "400 naming the column and the value" in where
