"""Data page: the table names countries in the page's language; downloads hold the same rows."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from etl import export
from tests.dashboard.tree_support import find

MOROCCO = {"en": "Morocco", "fr": "Maroc", "ar": "المغرب"}
OMAN = {"en": "Oman", "fr": "Oman", "ar": "عُمان"}


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_table_rows_name_countries_in_the_page_language(pages, app_context, lang):
    """Each row of the laid-out table carries the country's name in ``lang`` (MAR in Arabic:
    المغرب), on every row and for every country of the filter."""
    page = pages["data"]
    root = page.layout(lang=lang, country="MAR,OMN", indicator="itu_gci.overall")
    rows = find(root, page.ID_TABLE).data
    assert rows and {r["iso3"] for r in rows} == {"MAR", "OMN"}
    names = {r["iso3"]: r["country"] for r in rows}
    assert names == {"MAR": MOROCCO[lang], "OMN": OMAN[lang]}
    assert all(r["country"] == names[r["iso3"]] for r in rows)


def test_callback_rows_name_countries_in_the_page_language(pages, dash_app):
    """A change of filter re-reads the rows in the page's language (the callback's answer)."""
    page = pages["data"]
    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        _search, rows, _count, _links = page.update_view(
            ["itu_gci.overall"], ["MAR"], [], [2024], [], "ar")
    assert [(r["iso3"], r["country"], r["edition"]) for r in rows] == [("MAR", "المغرب", 2024)]


def test_localised_column_sorts_and_filters_as_text(pages, app_context):
    """The country column holds the localised name itself (not a display of the English
    one), so the table's native sort and filter work on what the reader sees."""
    page = pages["data"]
    root = page.layout(lang="fr", indicator="itu_gci.overall", edition="2024")
    table = find(root, page.ID_TABLE)
    column = next(c for c in table.columns if c["id"] == "country")
    assert column["name"] == "Pays" and column.get("type") in (None, "text", "any")
    assert table.sort_action == "native" and table.filter_action == "native"
    names = [r["country"] for r in table.data]
    assert "Maroc" in names and "Morocco" not in names
    assert "Allemagne" in names  # DEU: a name that differs in French


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_download_holds_the_table_rows(pages, dash_app, lang):
    """What the page's CSV link downloads is the table's rows (same filter, order and values),
    countries named as the table names them, in the page's language."""
    page = pages["data"]
    with dash_app.server.test_request_context(f"/data?lang={lang}"):
        root = page.layout(lang=lang, country="MAR,OMN", edition="2020,2024")
    rows = find(root, page.ID_TABLE).data
    href = find(root, "data-download-csv").href
    assert f"lang={lang}" in href and "country=MAR,OMN" in href
    with dash_app.server.test_client() as client:
        response = client.get(href)
    assert response.status_code == 200
    downloaded = pd.read_csv(io.StringIO(response.get_data(as_text=True)),
                             keep_default_na=False, na_values=[""])
    assert list(downloaded.columns) == list(export.EXPORT_COLUMNS)
    assert len(downloaded) == len(rows)
    assert downloaded["iso3"].tolist() == [r["iso3"] for r in rows]
    for column in ("indicator", "country", "edition", "value", "source", "snapshot_sha256"):
        shown = [r[column] for r in rows]
        got = [None if pd.isna(v) else v for v in downloaded[column].tolist()]
        assert got == shown, column
    assert set(downloaded["country"]) == {MOROCCO[lang], OMAN[lang]}
