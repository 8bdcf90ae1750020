"""Data page: the table names countries in the page's language; downloads hold the same rows."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from dash import html

from dashboard import data, table_cells
from etl import export
from tests.dashboard.tree_support import find, texts, walk

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


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_source_text_reads_left_to_right_in_an_arabic_table(pages, app_context, lang):
    """In Arabic, cells holding the sources' own text (links, ids) are laid out left to right,
    so a long one is cut at its end, not its start; a document's title each in the direction
    of its text ("ITU Global Cybersecurity Ind…" where the catalog does not translate it); the
    country (in Arabic) and the numbers are not."""
    page = pages["data"]
    table = find(page.layout(lang=lang, country="MAR"), page.ID_TABLE)
    ltr = {rule["if"]["column_id"] for rule in table.style_cell_conditional
           if rule.get("direction") == "ltr"}
    if lang == "en":
        assert ltr == set() and not table.css
    else:
        assert {"indicator", "source_url", "snapshot_sha256"} <= ltr
        assert not ltr & {"country", "indicator_name", "value", "rank", "tier", "edition"}
        assert any("'source'" in rule["selector"] and "plaintext" in rule["rule"]
                   for rule in table.css)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_indicators_are_named_in_the_page_language(pages, app_context, lang):
    """Beside its id, each row names its indicator in the page's language ("Indice…" in
    French), under a header that says which column is the name and which the id."""
    from dashboard.i18n import t

    page = pages["data"]
    table = find(page.layout(lang=lang, country="MAR", indicator="itu_gci.overall,un_egdi.egdi"),
                 page.ID_TABLE)
    headers = {c["id"]: c["name"] for c in table.columns}
    assert headers["indicator_name"] == t("Indicator", lang)
    assert headers["indicator"] == t("Indicator id", lang)
    names = {r["indicator"]: r["indicator_name"] for r in table.data}
    assert names == {"itu_gci.overall": t("GCI overall score", lang),
                     "un_egdi.egdi": t("UN E-Government Development Index (EGDI)", lang)}
    if lang != "en":
        assert names["itu_gci.overall"] != "GCI overall score"


def test_callback_rows_name_countries_in_the_page_language(pages, dash_app):
    """A change of filter re-reads the rows in the page's language (the callback's answer)."""
    page = pages["data"]
    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        _search, rows, _count, _links, _pages, _page, _notices, _notes = page.update_view(
            ["itu_gci.overall"], ["MAR"], [], [2024], [], "", 0, "ar")
    assert [(r["iso3"], r["country"], r["edition"]) for r in rows] == [("MAR", "المغرب", 2024)]


SHARED = {"en": "GCI 2014 placed countries in shared positions",
          "fr": "GCI 2014", "ar": "2014"}


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_a_gci_2014_rank_is_said_to_be_a_shared_position(pages, app_context, dash_app, lang):
    """Morocco's GCI 2014 rank is a bare 10 in the table: the page says beside it, in its
    language, that 2014 ranks are shared positions (the Country page's "Position 10 of 29"),
    as long as the rows hold one; the downloads' column help says it too."""
    page = pages["data"]
    note = pages["compare"].rank_texts.shared_ranks_note(lang)
    root = page.layout(lang=lang, country="MAR", indicator="itu_gci.overall", edition="2014")
    assert [r["rank"] for r in find(root, page.ID_TABLE).data] == [10]
    assert note == texts(find(root, page.ID_TABLE_NOTES)) and SHARED[lang] in note
    assert note not in texts(find(root, page.ID_NOTICES))  # not a notice about the link
    root = page.layout(lang=lang, country="MAR", indicator="itu_gci.overall", edition="2020")
    assert texts(find(root, page.ID_TABLE_NOTES)) == ""
    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        *_, notes = page.update_view(["itu_gci.overall"], ["MAR"], [], [2014, 2020], [], "",
                                     0, lang)
        assert note in texts(html.Div(notes))
        *_, notes = page.update_view(["itu_gci.overall"], ["MAR"], [], [2014], [],
                                     "{rank} > 10", 0, lang)  # no 2014 rank left in the rows
        assert note not in texts(html.Div(notes))
    assert "29" in export.COLUMN_DESCRIPTIONS["rank"]


def test_localised_column_sorts_and_filters_as_text(pages, app_context):
    """The country column holds the localised name itself (not a display of the English
    one), and the server sorts it in the language's collation order: in French Égypte and
    États-Unis sit among the E's, not after Zimbabwe as code points would put them."""
    page = pages["data"]
    root = page.layout(lang="fr", indicator="itu_gci.overall", edition="2024",
                       sort="country:asc")
    table = find(root, page.ID_TABLE)
    column = next(c for c in table.columns if c["id"] == "country")
    assert column["name"] == "Pays" and column.get("type") in (None, "text", "any")
    assert (table.sort_action, table.filter_action, table.page_action) == ("custom",) * 3
    assert table.sort_by == [{"column_id": "country", "direction": "asc"}]
    assert len(table.data) == page.PAGE_SIZE and table.page_count > 1
    names = [r["country"] for r in table.data]
    assert "Allemagne" in names  # DEU: a name that differs in French
    every = page.table_page(data.current_engine(), export.ExportFilter.with_view(
        sort="country:asc", indicators=("itu_gci.overall",), editions=(2024,)), "fr", 0)
    assert every[0] == table.data
    all_rows = export.export_frame(data.current_engine(), export.ExportFilter.with_view(
        sort="country:asc", indicators=("itu_gci.overall",), editions=(2024,)), "fr")
    order = all_rows["country"].tolist()
    assert order.index("Égypte") < order.index("Espagne") < order.index("États-Unis") \
        < order.index("Zimbabwe")


def test_filter_row_and_sort_go_to_the_server_and_the_links(pages, dash_app):
    """What the reader types in the table's filter row and the sort they click filter and
    order the rows on the server, go into the URL, and into every download link."""
    page = pages["data"]
    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        search, rows, count, links, pages_, shown, _notices, _notes = page.update_view(
            ["itu_gci.overall"], [], [], [2024],
            [{"column_id": "value", "direction": "desc"}, {"column_id": "country",
                                                          "direction": "asc"}],
            "{value} >= 95 && {country} icontains a", 3, "fr")
    assert shown == 0  # a new filter starts on the first page
    assert rows and all(r["value"] >= 95 and "a" in r["country"].casefold() for r in rows)
    values = [r["value"] for r in rows]
    assert values == sorted(values, reverse=True)
    assert "where=%7Bvalue%7D" in search and "sort=value:desc,country:asc" in search
    hrefs = [a.href for a in walk(links) if getattr(a, "href", None)]
    assert hrefs and all("where=" in h and "sort=value:desc,country:asc" in h for h in hrefs)
    with dash_app.server.test_client() as client:
        response = client.get(next(h for h in hrefs if ".csv" in h))
    downloaded = pd.read_csv(io.StringIO(response.get_data(as_text=True)))
    assert downloaded["iso3"].tolist()[:len(rows)] == [r["iso3"] for r in rows]
    assert pages_ == -(-len(downloaded) // page.PAGE_SIZE)
    assert f"{len(downloaded)} lignes" in texts(count).replace("\u202f", "")
    assert (downloaded["value"] >= 95).all()


def test_a_filter_the_server_cannot_apply_is_said_not_dropped(pages, dash_app):
    """``||`` (or a typo) in the filter row: a notice says the rows are not filtered by it,
    and neither the URL nor the downloads claim a filter that was not applied."""
    page = pages["data"]
    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        search, rows, count, links, *_, notices, _notes = page.update_view(
            ["itu_gci.overall"], [], [], [2024], [], "{value} > 90 || {value} < 5", 0, "en")
        total = len(export.export_frame(data.current_engine(), export.ExportFilter(
            indicators=("itu_gci.overall",), editions=(2024,))))
    said = texts(html.Div(notices))
    assert "Cannot filter the rows" in said and "&&" in said
    assert "where=" not in search
    hrefs = [a.href for a in walk(links) if getattr(a, "href", None)]
    assert hrefs and all("where=" not in href for href in hrefs)
    assert f"{total} rows" in texts(count)


def test_a_bad_filter_in_a_link_gives_a_notice(pages, app_context):
    page = pages["data"]
    root = page.layout(lang="en", indicator="itu_gci.overall", where="{nope} = 1")
    assert "Cannot filter the rows" in texts(find(root, page.ID_NOTICES))
    assert find(root, page.ID_TABLE).filter_query == ""


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_download_holds_the_table_rows(pages, dash_app, lang):
    """What the page's CSV link downloads is the table's rows (same filter, order and values),
    countries named as the table names them, in the page's language."""
    page = pages["data"]
    with dash_app.server.test_request_context(f"/data?lang={lang}"):
        root = page.layout(lang=lang, country="MAR,OMN", edition="2020,2024")
    table = find(root, page.ID_TABLE)
    rows = table.data  # the first page; the download holds every page
    href = find(root, "data-download-csv").href
    assert f"lang={lang}" in href and "country=MAR,OMN" in href
    with dash_app.server.test_client() as client:
        response = client.get(href)
    assert response.status_code == 200
    downloaded = pd.read_csv(io.StringIO(response.get_data(as_text=True)),
                             keep_default_na=False, na_values=[""])
    assert list(downloaded.columns) == list(export.EXPORT_COLUMNS)
    assert len(downloaded) > len(rows) == page.PAGE_SIZE and table.page_count == -(
        -len(downloaded) // page.PAGE_SIZE)
    first = downloaded.iloc[:len(rows)]
    assert first["iso3"].tolist() == [r["iso3"] for r in rows]
    for column in ("indicator", "country", "edition", "value", "source", "snapshot_sha256"):
        shown = [r[column] for r in rows]
        got = [None if pd.isna(v) else table_cells.cell_text(column, v, lang)
               for v in first[column].tolist()]
        assert got == shown, column
    assert downloaded["source"].str.startswith("ITU Global Cybersecurity Index").any()
    assert set(downloaded["country"]) == {MOROCCO[lang], OMAN[lang]}


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", "les conditions se joignent par &&"),
    ("ar", "تُربط الشروط بالرمز &&"),
])
def test_why_a_filter_cannot_be_applied_is_said_in_the_page_language(pages, dash_app, lang,
                                                                      said):
    page = pages["data"]
    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        *_, notices, _notes = page.update_view(["itu_gci.overall"], [], [], [2024], [],
                                       "{value} > 90 || {value} < 5", 0, lang)
        root = page.layout(lang=lang, indicator="itu_gci.overall", where="{nope} = 1")
    assert said in texts(html.Div(notices))
    assert "joined" not in texts(html.Div(notices))
    linked = texts(find(root, page.ID_NOTICES))
    assert "nope" in linked and "unknown column" not in linked


@pytest.mark.parametrize("rows, lang, said", [
    (1, "en", "1 row"), (2, "en", "2 rows"), (1, "fr", "1 ligne"), (3, "fr", "3 lignes"),
    (1, "ar", "1 صف"), (2, "ar", "صفّان"), (7, "ar", "7 صفوف"), (25, "ar", "25 صفًا"),
])
def test_row_count_agrees_with_its_number(pages, rows, lang, said):
    """The count above the table takes the form its number needs in each language (one row,
    Arabic's dual and its forms for 3-10 and 11-99), never "1 rows"."""
    assert pages["data"].count_text(rows, lang) == said


def test_edition_choices_are_written_in_the_chosen_digits(pages, app_context):
    """The editions to pick read ٢٠٢٤ with Arabic-Indic digits chosen (their values stay the
    years), as on the Compare page; Western digits otherwise. (The Data page's are a dropdown,
    the Compare page's radio items.)"""
    from dash import dcc

    from dashboard.i18n import use_digits

    choices = dcc.Dropdown | dcc.Checklist | dcc.RadioItems
    for name, box in (("data", "ID_EDITIONS"), ("compare", "ID_EDITION")):
        page = pages[name]
        with use_digits("arab"):
            [choice] = [n for n in walk(page.layout(lang="ar"))
                        if isinstance(n, choices) and n.id == getattr(page, box)]
        labels = {o["value"]: o["label"] for o in choice.options}
        assert labels[2024] == "٢٠٢٤"
        plain = [n for n in walk(page.layout(lang="ar"))
                 if isinstance(n, choices) and n.id == getattr(page, box)]
        assert {o["value"]: o["label"] for o in plain[0].options}[2024] == "2024"


def test_no_row_says_the_filters_match_none(pages):
    """An empty table says why rather than showing a bare grid under "0 rows"."""
    from dashboard.i18n import t

    for lang in ("en", "fr", "ar"):
        said = pages["data"].count_text(0, lang)
        assert said == t("No row matches these filters: remove one to see more.", lang)
        assert lang == "en" or said != "No row matches these filters: remove one to see more."
