"""URL state: views round-trip through the query string; bad links degrade with notices."""

from __future__ import annotations

import pytest

from dashboard.url_state import (
    MSG_COUNTRY,
    MSG_EDITION,
    MSG_KEY,
    MSG_LANG,
    MSG_SORT,
    MSG_TAB,
    MSG_VERSION,
    ViewState,
    decode_state,
    encode_state,
    known_from,
    sort_by,
)

KNOWN = known_from(
    indicators=["itu_gci.overall", "itu_gci.legal"], countries=["MAR", "OMN", "SAU"],
    groups=["gcc", "maghreb"], editions=[2018, 2020, 2024], tabs=["chart", "table"],
    sort_columns=["value", "country"],
)


@pytest.mark.parametrize("state", [
    pytest.param(ViewState(), id="defaults"),
    pytest.param(ViewState(countries=("MAR", "OMN"), editions=(2020, 2024)), id="filter"),
    pytest.param(ViewState(indicators=("itu_gci.overall",), groups=("gcc",), tab="table",
                           sort="value:desc,country:asc", lang="ar"), id="everything"),
])
def test_round_trip(state):
    """decode(encode(state)) gives the state back, with no notices."""
    assert decode_state(encode_state(state), KNOWN) == (state, [])


def test_only_differences_are_written():
    """Defaults are left out; the version key leads; the defaults alone give no query."""
    defaults = ViewState(countries=("MAR", "OMN"), editions=(2024,))
    assert encode_state(defaults, defaults) == ""
    assert encode_state(ViewState(countries=("MAR", "OMN"), editions=(2020,)), defaults) == \
        "?v=1&edition=2020"
    cleared = encode_state(ViewState(editions=(2024,)), defaults)
    assert cleared == "?v=1&country="
    assert decode_state(cleared, KNOWN, defaults)[0].countries == ()


@pytest.mark.parametrize("search, expected, msgids", [
    pytest.param("?v=1&country=MAR,XXX", ViewState(countries=("MAR",)), [MSG_COUNTRY],
                 id="unknown-country"),
    pytest.param("?country=mar&edition=2019", ViewState(countries=("MAR",)), [MSG_EDITION],
                 id="edition-without-data"),
    pytest.param("?edition=abc,2020", ViewState(editions=(2020,)), [MSG_EDITION],
                 id="edition-garbage"),
    pytest.param("?countries=MAR,OMN&editions=2020", ViewState(countries=("MAR", "OMN"),
                                                              editions=(2020,)), [],
                 id="old-plural-keys"),
    pytest.param("?country=MAR&country=OMN", ViewState(countries=("MAR", "OMN")), [],
                 id="repeated-keys"),
    pytest.param("?v=7&country=OMN", ViewState(countries=("OMN",)), [MSG_VERSION],
                 id="future-version"),
    pytest.param("?lang=xx", ViewState(), [MSG_LANG], id="unknown-language"),
    pytest.param("?tab=map", ViewState(), [MSG_TAB], id="unknown-tab"),
    pytest.param("?sort=value:sideways,country", ViewState(sort="country:asc"), [MSG_SORT],
                 id="bad-sort"),
    pytest.param("?zoom=3&_=123", ViewState(), [MSG_KEY], id="unknown-key"),
    pytest.param("%%%&&&==;\x00", ViewState(), [MSG_KEY], id="garbage"),
    pytest.param("?digits=arab&lang=ar", ViewState(lang="ar"), [], id="digits-passed-through"),
    pytest.param(None, ViewState(), [], id="none"),
    pytest.param("", ViewState(), [], id="empty"),
    pytest.param({"country": ["MAR", "OMN"], "lang": "fr"},
                 ViewState(countries=("MAR", "OMN"), lang="fr"), [], id="dash-query-mapping"),
])
def test_bad_or_stale_links_degrade(search, expected, msgids):
    """A bad or stale value is left out with a notice; decoding never raises."""
    state, notices = decode_state(search, KNOWN)
    assert state == expected
    assert [n.msgid for n in notices] == msgids


def test_huge_link_is_cut_not_fatal():
    """Thousands of values or a very long query are cut, with a notice, not an error."""
    state, notices = decode_state("?country=" + ",".join(["MAR"] + ["ZZZ"] * 5000), KNOWN)
    assert state.countries == ("MAR",) and notices


@pytest.mark.parametrize("lang, words", [
    pytest.param("en", "XXX", id="en"),
    pytest.param("fr", "XXX", id="fr"),
    pytest.param("ar", "XXX", id="ar"),
])
def test_notices_render_in_the_page_language(lang, words):
    """Notices render through i18n.t in each language and name the bad value."""
    _, notices = decode_state("?country=XXX", KNOWN)
    assert words in notices[0].text(lang)


def test_sort_text_and_sort_by():
    """The sort text round-trips with DataTable's sort_by."""
    spec = [{"column_id": "value", "direction": "desc"},
            {"column_id": "country", "direction": "asc"}]
    assert sort_by("value:desc,country:asc") == spec
    assert encode_state(ViewState(sort=spec)) == "?v=1&sort=value:desc,country:asc"


def test_export_filter_of_state():
    """A state's export filter carries its indicators, countries, groups and editions."""
    state = ViewState(("itu_gci.overall",), ("MAR",), ("gcc",), (2024,), tab="table")
    wanted = state.export_filter()
    assert (wanted.indicators, wanted.countries, wanted.groups, wanted.editions) == (
        ("itu_gci.overall",), ("MAR",), ("gcc",), (2024,))


def test_data_page_accepts_and_keeps_digits(pages, app_context):
    """``digits=`` (the Arabic digits) is no unknown setting on the Data page, and the URL the
    controls push keeps it."""
    from tests.dashboard.tree_support import find, texts

    page = pages["data"]
    root = page.layout(lang="ar", digits="arab", country="MAR")
    assert texts(find(root, page.ID_NOTICES)) == ""
    search, *_ = page.update_view([], ["MAR"], [], [], [], "", 0, "ar",
                                  "?v=1&lang=ar&digits=arab")
    assert search == "?v=1&country=MAR&lang=ar&digits=arab"
    search, *_ = page.update_view([], ["MAR"], [], [], [], "", 0, "en", None)
    assert search == "?v=1&country=MAR"


def test_data_page_downloads_carry_the_language(pages, app_context):
    """The Data page's download links ask for files in the page's language (issue 7)."""
    from tests.dashboard.tree_support import find

    page = pages["data"]
    root = page.layout(lang="fr", country="MAR")
    assert find(root, f"{page.PREFIX}-download-zip").href.endswith("&lang=fr")
    root = page.layout(lang="en", country="MAR")
    assert "lang=" not in find(root, f"{page.PREFIX}-download-xlsx").href
