"""Compare's default view (a first visit, the reader chose nothing): the countries in the
order of every list of the page (the watched first, then by name in the page's language, as
the presets are), and the line under the picker calling it the page's default, not "your own
choice of countries"."""

from __future__ import annotations

import pytest

from dashboard import peer_selection
from tests.dashboard.tree_support import find, texts

LANGS = ["en", "fr", "ar"]


@pytest.fixture
def compare(pages, app_context):
    return pages["compare"]


@pytest.mark.parametrize("lang", LANGS)
def test_default_countries_are_in_name_order(compare, lang):
    """"Maroc, Oman, Arabie saoudite, Égypte, Émirats arabes unis, Qatar, Tunisie" in French
    (it was "…, Qatar, Tunisie, Égypte": the settings' order)."""
    engine = compare.data.current_engine()
    picked = find(compare.layout(lang=lang), compare.ID_COUNTRIES).value
    names = compare.data.country_names(engine, lang)
    assert picked == peer_selection.ordered(picked, names, peer_selection.watched())
    assert picked[:2] == ["MAR", "OMN"]
    assert set(picked) == set(compare.page_defaults(engine).countries)


def test_french_default_order(compare):
    """The order itself, as a French reader reads it: Égypte among the E's."""
    picked = find(compare.layout(lang="fr"), compare.ID_COUNTRIES).value
    assert picked == ["MAR", "OMN", "SAU", "EGY", "ARE", "QAT", "TUN"]


def test_the_line_calls_the_default_the_pages_default(compare):
    """On a first visit the line says the page chose (it said "your own choice of countries,
    no peer group"); the callback says the same while the picker holds the default, in any
    order, and "your own choice" once it is edited."""
    root = compare.layout(lang="en")
    picked = find(root, compare.ID_COUNTRIES).value
    said = texts(find(root, compare.ID_SELECTION))
    assert said == ("Selection: the page's default, Morocco and Oman with regional peers — "
                    f"{len(picked)} countries")
    assert compare.update_selection(None, picked[::-1], "en") == said
    edited = compare.update_selection(None, picked[:-1], "en")
    assert edited.startswith("Selection: your own choice of countries")


def test_the_default_in_any_order_writes_no_query(compare):
    """The default countries as a French or Arabic page orders them are still the default:
    the URL stays bare (a language's order is not a choice of the reader's)."""
    engine = compare.data.current_engine()
    for lang in LANGS:
        ordered = list(compare.page_defaults(engine, lang).countries)
        search, *_ = compare.update_url(None, ordered, 2024, [], lang, "")
        assert search in ("", f"?v=1&lang={lang}")
