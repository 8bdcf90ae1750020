"""``{edition} = 2020.7``: a 400 naming ``where`` from the API, a notice on the Data page (typed
or linked), in the page's language; it met no row and said nothing."""

from __future__ import annotations

import pytest

from dashboard.api import create_api_app
from dashboard.i18n import t
from etl import viewquery
from tests.dashboard.test_data_cells import filtered
from tests.dashboard.tree_support import find, texts

REASONS = {
    "en": "edition holds whole numbers: cannot compare it with '2020.7'",
    "fr": "edition contient des nombres entiers\u00a0: impossible de le comparer à «\u00a02020.7\u00a0»",
    "ar": "العمود edition يحوي أعدادًا صحيحة: لا يمكن مقارنته بالقيمة «2020.7»",
}
# Typed in the Data page's filter row: the column's header, not its id.
TYPED_REASONS = {
    "en": "Edition holds whole numbers: cannot compare it with '2020.7'",
    "fr": "Édition contient des nombres entiers\u00a0: impossible de le comparer à «\u00a02020.7\u00a0»",
    "ar": "العمود الإصدار يحوي أعدادًا صحيحة: لا يمكن مقارنته بالقيمة «2020.7»",
}


@pytest.fixture(scope="module")
def client(loaded_settings, loaded_engine):
    app = create_api_app(loaded_settings, loaded_engine)
    app.config["TESTING"] = True
    return app.test_client()


@pytest.mark.parametrize("path", ["/api/v1/observations", "/api/v1/downloads/observations.csv"])
def test_the_api_answers_400_naming_where(client, path):
    response = client.get(path, query_string={"where": "{edition} = 2020.7", "country": "MAR"})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["parameter"] == "where" and error["message"].startswith(REASONS["en"])


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_data_page_says_why_when_typed(pages, dash_app, lang):
    page = pages["data"]
    search, rows, count, hrefs, notices = filtered(page, dash_app, "{edition} = 2020.7", lang)
    assert TYPED_REASONS[lang] in notices
    assert rows and "where" not in search and "where" not in hrefs["csv"]


def test_the_data_page_says_why_when_linked(pages, app_context):
    page = pages["data"]
    root = page.layout(lang="fr", indicator="itu_gci.overall", where="{edition} = 2020.7")
    said = texts(find(root, page.ID_NOTICES))
    assert REASONS["fr"] in said
    assert find(root, page.ID_TABLE).data


def test_the_reason_is_a_message_of_the_catalogs():
    from dashboard import i18n

    assert t(viewquery.NOT_WHOLE, "ar") != viewquery.NOT_WHOLE
    assert ("etl/viewquery.py", "NOT_WHOLE") in {
        (path, name) for path, name, _ in i18n.ETL_CONSTANT_MESSAGES
    }
