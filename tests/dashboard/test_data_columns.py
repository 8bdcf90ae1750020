"""Data page: the table shows the columns the analyst downloads (a rank printed as a range, a
tier's name, the source's note), a long note cut at the cell's width with its whole text as a
tooltip, the tier's name and a printed rank in the page's words and digits."""

from __future__ import annotations

import pytest

from dashboard import data, table_cells
from dashboard.i18n import t, use_digits
from etl import export
from tests.dashboard.test_data_cells import download, filtered, where_of
from tests.dashboard.tree_support import find

NCSI_2018 = {"indicator": "ncsi.score", "country": "SAU,QAT,GHA,SGP", "edition": "2018"}
RANGES = {"QAT": "14-17", "SGP": "14-17", "SAU": "41-42", "GHA": "41-42"}


def table_of(page, lang: str, **query):
    return find(page.layout(lang=lang, **query), page.ID_TABLE)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_table_columns_are_the_download_columns(pages, app_context, lang):
    """Every export column is a table column, in the export's order, each under a header in
    the page's language (the catalog's words for its label)."""
    page = pages["data"]
    table = table_of(page, lang, country="MAR", indicator="itu_gci.overall")
    assert [c["id"] for c in table.columns] == list(export.EXPORT_COLUMNS)
    headers = {c["id"]: c["name"] for c in table.columns}
    for column in ("rank_text", "tier_label", "source_note"):
        assert column in page.COLUMN_LABELS
        assert headers[column] == t(page.COLUMN_LABELS[column], lang)
    assert all(set(row) == set(export.EXPORT_COLUMNS) for row in table.data)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_ncsi_ranges_show_in_the_table(pages, app_context, lang):
    """The NCSI 2018 rows, with no value nor rank, show the range the source printed."""
    rows = table_of(pages["data"], lang, **NCSI_2018).data
    assert {r["iso3"]: r["rank_text"] for r in rows} == RANGES
    assert all(r["rank"] is None and r["value"] is None for r in rows)


def test_printed_ranks_take_the_readers_digits(pages, app_context):
    """With Arabic-Indic digits chosen, "14-17" reads ١٤-١٧ (as the rank column's numbers do),
    and stays one left-to-right run; with Western digits, as printed."""
    page = pages["data"]
    with use_digits("arab"):
        rows = table_of(page, "ar", **NCSI_2018).data
    assert {r["iso3"]: r["rank_text"] for r in rows}["QAT"] == "١٤-١٧"
    table = table_of(page, "ar", **NCSI_2018)
    assert {r["iso3"]: r["rank_text"] for r in table.data} == RANGES
    ltr = {rule["if"]["column_id"] for rule in table.style_cell_conditional
           if rule.get("direction") == "ltr"}
    assert "rank_text" in ltr and "tier_label" not in ltr


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_tier_names_in_the_page_language(pages, app_context, lang):
    """Morocco 2024's tier is named as the other pages name it; the file keeps ITU's words."""
    rows = table_of(pages["data"], lang, country="MAR", indicator="itu_gci.overall",
                    edition="2024").data
    assert [r["tier_label"] for r in rows] == [t(data.TIER_LABELS[1], lang)]
    assert table_cells.cell_text("tier_label", "Role-modelling", lang) == t("Role-modelling",
                                                                             lang)
    assert table_cells.cell_text("tier_label", "Unknown tier", lang) == "Unknown tier"


def test_long_note_is_cut_with_its_whole_text_as_tooltip(pages, app_context):
    """Morocco's GCI 2020 note is in its row; the cell is bounded (a note cannot widen the
    table) and its whole text is the cell's tooltip, plain text; short cells have none."""
    page = pages["data"]
    table = table_of(page, "en", country="MAR", indicator="itu_gci.overall")
    rows = {r["edition"]: r for r in table.data}
    note = rows[2020]["source_note"]
    assert "Malta's score" in note
    style = table.style_cell
    assert style["maxWidth"] and style["overflow"] == "hidden"
    assert style["textOverflow"] == "ellipsis" and style.get("whiteSpace") != "normal"
    assert len(table.tooltip_data) == len(table.data)
    tips = {row["edition"]: tip for row, tip in zip(table.data, table.tooltip_data, strict=True)}
    assert tips[2020]["source_note"] == {"value": note, "type": "text"}
    assert "iso3" not in tips[2020] and "edition" not in tips[2020]
    assert "source_note" not in tips[2024]  # no note


def test_callback_sends_the_tooltips_of_the_page_shown(pages, dash_app):
    """A change of filter sends the new rows' tooltips with them (last output)."""
    page = pages["data"]
    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        values = page.update_view_and_pager(["itu_gci.overall"], ["MAR"], [], [2020], [], "",
                                            0, "fr")
    rows, tips = values[1], values[-1]
    assert len(rows) == len(tips) == 1
    assert tips[0]["source_note"]["value"] == rows[0]["source_note"]
    assert tips == page.cell_tooltips(rows, "fr")


def test_arabic_tooltips_keep_english_notes_left_to_right(pages, app_context):
    """An Arabic page lays a tooltip out right to left: an English note in it (one the
    catalog does not translate) is isolated left to right (so "UN DESA EGOV_DATA_2022.csv"
    keeps its order), as its cell is; Arabic words, a translated note included, are not;
    English and French tooltips are the text alone."""
    page = pages["data"]
    egdi = {"country": "MAR", "indicator": "un_egdi.egdi", "edition": "2022"}
    [row], [tip] = (lambda t_: (t_.data, t_.tooltip_data))(table_of(page, "ar", **egdi))
    assert row["source_note"].startswith(table_cells.RLM)  # Arabic: the catalog's, by parts
    assert tip["source_note"]["value"] == row["source_note"]
    assert tip["channel"]["value"] == row["channel"]  # in Arabic words, laid out as the page
    english = table_of(page, "en", **egdi)
    note = english.data[0]["source_note"]
    assert english.tooltip_data[0]["source_note"]["value"] == note
    unknown = f"{note}; a part no catalog holds"  # as a new source's note would be
    [its_tip] = page.cell_tooltips([{**row, "source_note": unknown}], "ar")
    assert its_tip["source_note"]["value"] == "\u2066" + unknown + "\u2069"
    gci = table_of(page, "ar", country="MAR", indicator="itu_gci.overall", edition="2020")
    [translated], [its_tip] = gci.data, gci.tooltip_data
    assert translated["source_note"].startswith(table_cells.RLM)  # Arabic: the catalog's
    assert its_tip["source_note"]["value"] == translated["source_note"]


def test_tier_name_typed_in_french_filters_rows_and_downloads(pages, dash_app):
    """"Exemplaire" typed in the French tier-name filter finds the Role-modelling rows; the
    download's filter names ITU's word and the file holds those rows."""
    page = pages["data"]
    word = t("Role-modelling", "fr")
    _search, rows, _count, hrefs, notices = filtered(
        page, dash_app, f"{{tier_label}} = {word}", "fr", editions=[2024])
    assert rows and {r["tier_label"] for r in rows} == {word} and not notices
    assert where_of(hrefs["csv"]) == "{tier_label} s= Role-modelling"
    got = download(dash_app, hrefs["csv"])
    assert set(got["tier_label"]) == {"Role-modelling"} and set(got["tier"]) == {1}
