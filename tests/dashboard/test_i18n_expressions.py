"""Number expressions (ranges, years, sums) are shown whole: on one line in every language and,
in Arabic, read left to right (dashboard.i18n.expressions_kept_whole), in the texts of t() and
tn(), the data's notes and the pages, figures and brief that show them."""

from __future__ import annotations

import pytest
from dash import html

from dashboard import i18n
from dashboard.i18n import (
    LRI,
    LRO,
    PDF,
    PDI,
    WORD_JOINER,
    as_typed,
    expressions_kept_whole,
    ltr_isolated,
    t,
    tn,
    use_digits,
)
from tests.dashboard.tree_support import texts, walk

WJ = WORD_JOINER


def isolated(expression: str) -> str:
    return f"{LRI}{expression}{PDI}"


@pytest.mark.parametrize(("text", "lang", "shown"), [
    pytest.param("Score (0-100)", "ar", f"Score ({isolated(f'0{WJ}-{WJ}100')})", id="range-ar"),
    pytest.param("Score (0-100)", "en", f"Score (0{WJ}-{WJ}100)", id="range-en"),
    pytest.param("Score (0-100)", "fr", f"Score (0{WJ}-{WJ}100)", id="range-fr"),
    pytest.param("NCSI 2016-2023", "ar", f"NCSI {isolated(f'2016{WJ}-{WJ}2023')}", id="years"),
    pytest.param("2014–2018", "ar", isolated(f"2014{WJ}–{WJ}2018"), id="years-en-dash"),
    pytest.param("(19.59+18.39+20+19.03+20)", "ar", f"({isolated('19.59+18.39+20+19.03+20')})",
                 id="sum"),
    pytest.param("(19.59+18.39+20+19.03+20)", "en", "(19.59+18.39+20+19.03+20)", id="sum-en"),
    pytest.param("ITU figure is 82.41 = 18.40+17.94.", "ar",
                 f"ITU figure is {isolated('82.41 = 18.40+17.94')}.", id="equation"),
    pytest.param("82,41 = 18,40 + 17,94 ; 0,5-1,5", "ar",
                 f"{isolated('82,41 = 18,40 + 17,94')} ; {isolated(f'0,5{WJ}-{WJ}1,5')}",
                 id="decimal-comma"),
    pytest.param("10\u202f000-20\u202f000", "fr", f"10\u202f000{WJ}-{WJ}20\u202f000",
                 id="french-groups"),
    pytest.param("20/20 in each pillar", "ar", f"{isolated('20/20')} in each pillar",
                 id="fraction"),
    pytest.param("مقياس ٠-١٠٠", "ar", f"مقياس {LRI}{LRO}٠{WJ}-{WJ}١٠٠{PDF}{PDI}",
                 id="arabic-indic-overridden"),
    pytest.param("٨٢٫٤١ = ١٨٫٤٠+١٧٫٩٤", "ar", f"{LRI}{LRO}٨٢٫٤١ = ١٨٫٤٠+١٧٫٩٤{PDF}{PDI}",
                 id="arabic-indic-sum"),
    pytest.param("10%-20%", "ar", isolated(f"10%{WJ}-{WJ}20%"), id="percent"),
    pytest.param("2014-2018.", "en", f"2014{WJ}-{WJ}2018.", id="sentence-end"),
])
def test_an_expression_is_kept_whole(text, lang, shown):
    """Ranges, years, sums, equations, decimals and Arabic-Indic digits: joiners held by word
    joiners, an isolate (an override too for Arabic-Indic digits) in Arabic only."""
    assert expressions_kept_whole(text, lang) == shown
    assert as_typed(expressions_kept_whole(text, lang)) == text


@pytest.mark.parametrize("text", [
    pytest.param("Compare countries", id="no-number"),
    pytest.param("e-government, 2024 edition", id="hyphen-no-expression"),
    pytest.param("SHA-256 of worldbank_wdi_2017", id="codes"),
    pytest.param("https://example.org/2020/10/report-2018-2019?p=1-2", id="address"),
    pytest.param("GCI 2020 −1.5 points", id="year-then-change"),
    pytest.param("T5 = 14", id="glued-to-letter"),
    pytest.param(f"scale {ltr_isolated('https://a.b/1-2')}", id="isolated-address"),
    pytest.param(f"scale {LRI}0-100{PDI} here", id="already-isolated"),
    pytest.param(f"{i18n.FSI}2014-2018: tiers{PDI}", id="already-first-strong-isolated"),
])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_other_text_comes_back_as_the_same_object(text, lang):
    """No expression, or only inside an isolate already there: the very same string."""
    assert expressions_kept_whole(text, lang) is text


def test_isolated_text_is_left_but_the_rest_is_kept_whole():
    """An isolate is not wrapped again; an expression beside it is."""
    text = f"{LRI}0-100{PDI} and 2014-2018"
    assert expressions_kept_whole(text, "ar") == \
        f"{LRI}0-100{PDI} and {isolated(f'2014{WJ}-{WJ}2018')}"
    assert expressions_kept_whole(expressions_kept_whole(text, "ar"), "ar") == \
        expressions_kept_whole(text, "ar")


def test_a_range_isolated_then_put_in_arabic_indic_digits_gets_its_override():
    """A page's text localized after t() kept it whole ("0-1" then "٠-١") is still read
    left to right: an isolate alone does not order Arabic-Indic digits."""
    shown = isolated(f"٠{WJ}-{WJ}١")
    assert expressions_kept_whole(f"مقياس {shown}", "ar") == \
        f"مقياس {LRI}{LRO}٠{WJ}-{WJ}١{PDF}{PDI}"


def test_ltr_isolated_keeps_a_range_as_the_pages_do():
    """ltr_isolated: a lone expression is kept whole too; other text is only isolated."""
    assert ltr_isolated("0-100") == isolated(f"0{WJ}-{WJ}100")
    assert ltr_isolated("٠-١٠٠") == f"{LRI}{LRO}٠{WJ}-{WJ}١٠٠{PDF}{PDI}"
    assert ltr_isolated("see the README") == isolated("see the README")


def test_t_and_tn_show_their_texts_kept_whole():
    """After the fields are filled: a field's number joins the message's ("{low}-{high}")."""
    assert t("{low}-{high}", "ar", low=0, high=100) == isolated(f"0{WJ}-{WJ}100")
    assert t("{low}-{high}", "en", low=0, high=100) == f"0{WJ}-{WJ}100"
    assert isolated(f"0{WJ}-{WJ}100") in t("Score (0-100)", "ar")
    assert tn("{count} row of 0-100", "{count} rows of 0-100", 2, "en", count="2") == \
        f"2 rows of 0{WJ}-{WJ}100"
    with use_digits("arab"):
        assert f"{LRI}{LRO}٠{WJ}-{WJ}١٠٠{PDF}{PDI}" in t("Score (0-100)", "ar")


def test_a_note_of_the_data_is_kept_whole():
    """A source's note (translated from the catalog, or English kept as written)."""
    note = ("83.65 printed in DailyMorocco/GlobalRealNews is Malta's score (rank 49, just "
            "above Morocco); ITU figure is 82.41 = 18.40+17.94+12.37+15.24+18.46")
    assert isolated("82.41 = 18.40+17.94+12.37+15.24+18.46") in i18n.data_text(note, "ar")
    assert i18n.data_text("NCSI 2016-2023", "en") == f"NCSI 2016{WJ}-{WJ}2023"


# ------------------------------------------------------------------ the pages, in Arabic

ARABIC_PAGES = [
    pytest.param("overview", {}, [f"0{WJ}-{WJ}100", f"0{WJ}-{WJ}1",
                                  "82.41 = 18.40+17.94+12.37+15.24+18.46"], id="overview"),
    pytest.param("compare", {}, [f"0{WJ}-{WJ}100", f"2014{WJ}-{WJ}2018", f"0{WJ}-{WJ}1"],
                 id="compare"),
    pytest.param("country", {"iso3": "MAR"}, [f"0{WJ}-{WJ}100",
                                              "82.41 = 18.40+17.94+12.37+15.24+18.46"],
                 id="country-MAR"),
    pytest.param("crossindex", {}, [f"2014{WJ}-{WJ}2018", f"0{WJ}-{WJ}100",
                                    f"2016{WJ}-{WJ}2023"], id="cross-index"),
    pytest.param("changes", {}, [f"2016{WJ}-{WJ}2023"], id="what-changed"),
]


def bare_expressions(text: str) -> list[str]:
    """``text`` (one string of a page) when it holds an expression not kept whole beside Arabic
    words (where the bidi algorithm reversed it; a table cell "0-1" alone reads right)."""
    arabic = any("\u0600" <= c <= "\u06ff" and not c.isdigit() for c in text)
    return [text] if arabic and expressions_kept_whole(text, "ar") != text else []


@pytest.mark.parametrize(("page", "kwargs", "expressions"), ARABIC_PAGES)
def test_arabic_pages_show_their_ranges_isolated(pages, app_context, page, kwargs, expressions):
    """Each named page in Arabic carries its ranges, years and sums as isolates, and no text
    of its tree holds an expression left bare."""
    root = pages[page].layout(lang="ar", **kwargs)
    shown = texts(root).replace("+\n", "+")  # a sum's terms: strings around each <wbr>
    for expression in expressions:
        assert isolated(expression) in shown, (page, expression)
    bare = [s for node in walk(root) if isinstance(node, str) for s in bare_expressions(node)]
    assert not bare, bare


def test_arabic_chart_titles_keep_their_ranges(pages, app_context):
    """The Compare chart's (rotated) axis title: plotly draws the isolates as the page does."""
    from dash import dcc

    root = pages["compare"].layout(lang="ar")
    titles = [str(node.figure["layout"]["yaxis"]["title"]["text"]) for node in walk(root)
              if isinstance(node, dcc.Graph) and node.figure is not None
              and node.figure["layout"]["yaxis"]["title"]["text"]]
    assert titles and all(isolated(f"0{WJ}-{WJ}100") in title for title in titles), titles


def test_arabic_brief_keeps_its_ranges_and_sums(loaded_engine):
    """The printable brief (and so its PDF) in Arabic."""
    from dashboard import brief

    document = brief.render_brief(loaded_engine, "MAR", "ar")
    assert isolated(f"0{WJ}-{WJ}100") in document
    assert isolated("82.41 = 18.40+17.94+12.37+15.24+18.46") in document


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_left_to_right_pages_only_keep_ranges_on_one_line(pages, app_context, lang):
    """English and French: no isolate added, a range's hyphen held by word joiners."""
    shown = texts(pages["compare"].layout(lang=lang))
    assert f"0{WJ}-{WJ}100" in shown
    assert isolated(f"0{WJ}-{WJ}100") not in shown


@pytest.mark.parametrize(("page", "kwargs"), [
    pytest.param("compare", {}, id="compare"),
    pytest.param("country", {"iso3": "MAR"}, id="country-MAR"),
])
def test_arabic_indic_pages_override_their_ranges(pages, app_context, page, kwargs):
    """With Arabic-Indic digits a range is also overridden left to right (an isolate alone
    left "٠-١٠٠" reading "١٠٠-٠"), the table's cells too."""
    with use_digits("arab"):
        root = pages[page].layout(lang="ar", digits="arab", **kwargs)
    shown = texts(root)
    assert f"{LRI}{LRO}٠{WJ}-{WJ}١٠٠{PDF}{PDI}" in shown
    assert f"{LRI}{LRO}٠{WJ}-{WJ}١{PDF}{PDI}" in shown
    strings = [node for node in walk(root) if isinstance(node, str)]
    bare = [s for s in strings if any(c in s for c in "٠١٢٣٤٥٦٧٨٩") and "-" in s
            and LRO not in s and expressions_kept_whole(s, "ar") != s]
    assert not bare, bare


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_chart_titles_wrap_as_before_and_never_inside_an_isolate(lang):
    """A title's lines are counted in the characters a reader sees (the joiners and isolates
    of its ranges do not move a line break), and a sum kept whole is never cut in two."""
    from dashboard.figures import wrapped

    title = "Score (rescaled to 0-100; 2014-2018 published on 0-1)"
    assert [as_typed(line) for line in wrapped(expressions_kept_whole(title, lang), 31)] == \
        wrapped(title, 31)
    note = expressions_kept_whole("ITU figure: 82.41 = 18.40+17.94+12.37+15.24+18.46 here", lang)
    for line in wrapped(note, 20):
        assert line.count(LRI) == line.count(PDI)


def test_data_table_cells_keep_ranges_whole_and_match_what_is_typed():
    """A Data table cell shows "2016-2023" as the pages do (isolated in Arabic), and a typed
    filter still finds it as typed, without the isolate or the word joiners."""
    from dashboard import table_cells

    words = table_cells.spellings("source", "NCSI 2016-2023")
    arabic = "منهجية المؤشر الوطني للأمن السيبراني"
    assert f"{table_cells.RLM}{arabic} {isolated(f'2016{WJ}-{WJ}2023')}" in words
    assert f"{arabic} 2016-2023" in words and "méthodologie NCSI 2016-2023" in words


def test_english_kept_as_written_and_the_digits_switch_keep_their_ranges(app_context):
    """A text the catalog lacks, shown in English inside an Arabic page (left to right in its
    own span), keeps its range on one line; the switch's "٠-٩" reads as "0-9" beside it."""
    from dashboard.layout import catalog_element, catalog_text, language_switch

    text = "A note no catalog holds, on 2014-2018"
    for shown in (catalog_text(text, "ar"), catalog_element(html.Span, text, "ar")):
        assert shown.lang == "en" and shown.children == f"A note no catalog holds, on " \
            f"2014{WJ}-{WJ}2018"
    switch = texts(language_switch("ar", "/"))
    assert f"{LRI}0{WJ}-{WJ}9{PDI}" in switch
    assert f"{LRI}{LRO}٠{WJ}-{WJ}٩{PDF}{PDI}" in switch
