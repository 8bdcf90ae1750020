"""One rule for country codes: the Data page and the API call the same codes unknown.

A code is known when the store has that country (``dashboard.data.known_iso3``), with data
or not: the Data page once checked the codes with observations instead, and called 33
countries of the store (Taiwan, Western Sahara, Réunion...) unknown that the API answered.
"""

from __future__ import annotations

import pytest

from dashboard import data, url_state
from dashboard.api import create_api_app
from etl import store
from tests.dashboard.tree_support import find, texts

# Codes that are no country of the store: made up, too short or long, ISO2, a World Bank
# aggregate, a group's id, blanks around a real one's letters.
BAD_CODES = ("XXX", "ZZZ", "MA", "MARO", "WLD", "ARB", "EUU", "GCC", "gcc", "M-R", "123")


@pytest.fixture(scope="module")
def client(loaded_settings, loaded_engine):
    """The API on the loaded store (without the dashboard's rate limit: the sweep is long)."""
    return create_api_app(loaded_settings, loaded_engine).test_client()


def codes_to_sweep(engine) -> list[str]:
    """Every code the store holds anywhere a country is named (the countries table, the
    observations, the statements, the groups' members), the groups' ids, and bad ones."""
    codes = set(store.countries_frame(engine)["iso3"])
    codes |= set(store.observations_frame(engine)["iso3"])
    codes |= set(store.group_members_frame(engine)["iso3"])
    codes |= {c for c in store.statements_frame(engine)["iso3"].dropna() if c}
    codes |= set(store.groups_frame(engine)["group_id"])
    return sorted(codes) + list(BAD_CODES)


def page_calls_unknown(page, engine, code: str) -> bool:
    """Whether a link to the Data page naming ``code`` gets the notice and loses the code
    (what the page's layout does with the link: decode_state against known_values)."""
    state, notices = url_state.decode_state({"country": code}, page.known_values(engine),
                                            page.DEFAULTS)
    unknown = any(n.msgid == url_state.MSG_COUNTRY for n in notices)
    assert unknown == (code.upper() not in state.countries)
    return unknown


def test_page_and_api_agree_on_every_code(pages, app_context, client, loaded_engine):
    """Every code from the store, and bad ones, through both: the page leaves a code out with
    a notice exactly when the API answers it with a 400 naming country; otherwise the API
    answers 200 (rows, or none)."""
    page = pages["data"]
    disagree = []
    for code in codes_to_sweep(loaded_engine):
        response = client.get("/api/v1/observations", query_string={"country": code,
                                                                     "per_page": 1})
        body = response.get_json()
        if response.status_code == 400:
            assert body["error"]["parameter"] == "country", (code, body)
        else:
            assert response.status_code == 200, (code, body)
        if page_calls_unknown(page, loaded_engine, code) != (response.status_code == 400):
            disagree.append(code)
    assert not disagree, f"the Data page and the API disagree on: {disagree}"


def test_a_country_without_data_is_known_to_both(pages, app_context, client, loaded_engine):
    """Taiwan is a country of the store without a value in any index: the Data page shows an
    empty table without a notice (and offers it), every API route taking country answers it
    (no rows); a made-up code is unknown to all of them."""
    assert "TWN" in data.known_iso3(loaded_engine)
    assert "TWN" not in set(store.observations_frame(loaded_engine)["iso3"])
    page = pages["data"]
    root = page.layout(lang="en", country="TWN")
    assert "TWN" in {o["value"] for o in find(root, page.ID_COUNTRIES).options}
    assert not texts(find(root, page.ID_NOTICES)).strip()
    assert find(root, page.ID_TABLE).data == []
    for route in ("observations", "statements", "downloads/observations.json",
                  "downloads/statements.json", "downloads/crossindex.json",
                  "downloads/changes.json", "downloads/articles.json",
                  "downloads/claims.json"):
        ok = client.get(f"/api/v1/{route}?country=twn")
        assert ok.status_code == 200, (route, ok.get_data(as_text=True)[:200])
        bad = client.get(f"/api/v1/{route}?country=XXX")
        assert bad.status_code == 400, route
        assert bad.get_json()["error"] == {"status": 400, "parameter": "country",
                                           "message": "unknown country: XXX"}
