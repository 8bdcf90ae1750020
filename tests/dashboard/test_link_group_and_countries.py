"""A link naming both a peer group and a list of countries (``group=gcc&country=MAR,TUN``):
the list is kept and the group is not applied (the picker holds other countries than the
preset selects), and the page says so; it dropped the group silently. PRODUCT.md: "a bad
link degrades with a notice". A link whose countries are exactly what the preset selects
keeps the preset, with no notice."""

from __future__ import annotations

import pytest

from dashboard import url_state
from dashboard.i18n import t
from tests.dashboard.tree_support import find, texts

GCC_AND_MAROCCO = ["MAR", "OMN", "BHR", "KWT", "QAT", "SAU", "ARE"]
PAGES = ["compare", "crossindex"]


def said(lang: str = "en") -> str:
    return t(url_state.MSG_GROUP_AND_COUNTRIES, lang,
             group=t("Gulf Cooperation Council (GCC)", lang))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_group_and_countries_keeps_the_list_and_says_so(pages, app_context, page, lang):
    module = pages[page]
    root = module.layout(lang=lang, group="gcc", country="MAR,TUN")
    assert find(root, module.ID_COUNTRIES).value == ["MAR", "TUN"]
    assert find(root, module.ID_GROUP).value is None
    assert said(lang) in texts(find(root, module.ID_NOTICES))


def test_the_notice_names_the_group_in_the_words_of_the_page():
    assert said("en") == ("The link names the group “Gulf Cooperation Council (GCC)” and a "
                          "list of countries: the list is kept, the group is not applied.")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("query", [
    pytest.param({"group": "gcc"}, id="group-alone"),
    pytest.param({"group": "gcc", "country": ",".join(GCC_AND_MAROCCO[::-1])},
                 id="group-and-what-it-selects"),
    pytest.param({"group": "gcc", "country": ""}, id="emptied-picker"),
    pytest.param({"country": "MAR,TUN"}, id="countries-alone"),
])
def test_no_notice_when_nothing_is_dropped(pages, app_context, page, query):
    module = pages[page]
    root = module.layout(lang="en", **query)
    assert texts(find(root, module.ID_NOTICES)) == ""
