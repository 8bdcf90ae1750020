"""Data page: a document's title, a publisher, a source's note and a corrections-ledger entry
read in the page's language, as the other pages write them (the catalog's translations, the
Country page's correction badge), the downloads keep the published English; a filter typed on
those columns in the page's words finds the rows, and the download holds the same rows."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import data, table_cells
from dashboard.i18n import catalog, format_day, t
from etl import export, viewquery
from etl.sources import SOURCES
from tests.dashboard.test_data_cells import download, filtered, links_of, table_of, where_of
from tests.dashboard.tree_support import find, texts

GCI_2020_2024 = {"indicator": "itu_gci.overall", "country": "MAR,OMN", "edition": "2020,2024"}
MOROCCO_2020_NOTE = ("83.65 printed in DailyMorocco/GlobalRealNews is Malta's score (rank 49, "
                     "just above Morocco); ITU figure is 82.41 = "
                     "18.40+17.94+12.37+15.24+18.46")
GCI_2020 = "ITU Global Cybersecurity Index 2020 (4th edition)"
ITU = "International Telecommunication Union (ITU)"


def plain(text: str) -> str:
    """A cell without the direction marks an Arabic cell may carry."""
    return table_cells._MARKS.sub("", text)


def stored_rows(**controls) -> pd.DataFrame:
    return export.export_frame(data.current_engine(), export.ExportFilter(**controls))


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_titles_publishers_notes_and_corrections_in_the_page_language(pages, app_context,
                                                                      lang):
    """Morocco's and Oman's GCI rows: the report's title, ITU's name and Morocco's 2020 note
    as the catalog translates them (the Overview and Country pages' words), Oman's 2024
    correction as the Country page's badge says it; nothing left in English."""
    rows = {(r["iso3"], r["edition"]): r for r in table_of(pages["data"], lang,
                                                           **GCI_2020_2024).data}
    morocco, oman = rows[("MAR", 2020)], rows[("OMN", 2024)]
    assert plain(morocco["source"]) == t(GCI_2020, lang) != GCI_2020
    assert plain(morocco["publisher"]) == t(ITU, lang) != ITU
    # (the note's sum kept whole, an isolate in Arabic: plain on both sides)
    assert plain(morocco["source_note"]) == plain(t(MOROCCO_2020_NOTE, lang)) \
        != MOROCCO_2020_NOTE
    found = data.parse_correction(stored_rows(indicators=("itu_gci.overall",),
                                              countries=("OMN",), editions=(2024,))
                                  ["correction"].iloc[0])
    said = oman["correction"]
    assert said.startswith(table_cells.RLM if lang == "ar" else t("Flagged", lang))
    assert t("Flagged", lang) in said and t(found["reason"], lang) in said
    assert format_day(found["date"], lang) in said and found["url"] in said
    assert "flag:" not in said and found["reason"] not in said
    assert rows[("MAR", 2024)]["correction"] is None  # none: a blank cell


def test_english_page_writes_a_correction_as_the_country_page(pages, app_context):
    [row] = table_of(pages["data"], "en", indicator="itu_gci.overall", country="OMN",
                     edition="2024").data
    assert row["correction"].startswith("Flagged: Sources differ by 0.01")
    assert "(in the corrections ledger since Nov 29, 2026) · https://zawya.com" in \
        row["correction"]
    assert row["source"] == "ITU Global Cybersecurity Index 2024 (5th edition)"


def test_a_text_the_catalog_does_not_translate_stays_as_published(pages, app_context):
    """A note the catalog does not translate (a new source's, or one with a part it lacks) is
    the French cell as published (as the other pages show it, English), not a blank or a
    guess; a UN EGDI note, catalogued part by part, is French."""
    [row] = table_of(pages["data"], "fr", indicator="un_egdi.egdi", country="MAR",
                     edition="2022").data
    [note] = stored_rows(indicators=("un_egdi.egdi",), countries=("MAR",),
                         editions=(2022,))["source_note"]
    assert note not in catalog("fr") and row["source_note"] not in ("", note)
    unknown = f"{note}; a part no catalog holds"
    assert table_cells.cell_text("source_note", unknown, "fr") == unknown


def test_every_observation_publisher_is_marked_and_translated():
    """The publisher of every source with indicators is a message of the catalogs (a new
    source's publisher must be added to PUBLISHER_NAMES)."""
    publishers = {module.INFO.publisher for module in SOURCES.values() if module.INDICATORS}
    assert publishers <= set(table_cells.PUBLISHER_NAMES)
    for lang in ("fr", "ar"):
        assert all(catalog(lang).get(name) for name in table_cells.PUBLISHER_NAMES), lang


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_downloads_keep_the_published_english(pages, dash_app, lang):
    """The files of the same view hold the titles, publishers, notes and ledger entries as
    published, and the page says so under its download links."""
    page = pages["data"]
    with dash_app.server.test_request_context(f"/data?lang={lang}"):
        root = page.layout(lang=lang, **GCI_2020_2024)
    got = download(dash_app, links_of(find(root, page.ID_DOWNLOADS))["json"])
    rows = got.set_index(["iso3", "edition"])
    assert rows.loc[("MAR", 2020), "source"] == GCI_2020
    assert set(got["publisher"]) == {ITU}
    assert rows.loc[("MAR", 2020), "source_note"] == MOROCCO_2020_NOTE
    assert rows.loc[("OMN", 2024), "correction"].startswith("flag: Sources differ by 0.01")
    note = texts(find(root, f"{page.PREFIX}-downloads-note"))
    assert note == t("The table writes its cells in this page's words; the files keep the "
                     "values as published (codes, ISO 8601 times, and titles, notes and "
                     "corrections in English), as analysts' tools read them.", lang)


@pytest.mark.parametrize(("where", "lang", "controls", "column", "count"), [
    pytest.param('{publisher} icontains "Banque mondiale"', "fr",
                 {"indicators": ["wb2017.IT.NET.SECR.P6"]}, "publisher", None, id="publisher"),
    pytest.param("{source} icontains Indice", "fr", {"editions": [2020, 2024]}, "source", None,
                 id="title"),
    pytest.param("{source_note} icontains Malte", "fr", {}, "source_note", 1, id="note-one"),
    pytest.param("{source_note} icontains pilier", "fr", {}, "source_note", None,
                 id="note-many"),
    pytest.param("{correction} icontains signalé", "fr", {}, "correction", 3, id="correction"),
    pytest.param("{source_note} icontains الركائز", "ar", {}, "source_note", None,
                 id="note-arabic"),
])
def test_filter_typed_in_the_page_words_finds_rows_and_downloads(
        pages, dash_app, app_context, where, lang, controls, column, count):
    """What the reader types in the filter row of a translated column meets the cells that
    say it; the download's filter names the published text and the file holds the same rows,
    each the published value of the cell shown."""
    page = pages["data"]
    typed = viewquery.parse_where(where, export.EXPORT_COLUMNS)[0].value.casefold()
    _search, rows, _count, hrefs, notices = filtered(page, dash_app, where, lang, **controls)
    assert rows and not notices
    assert all(typed in plain(r[column]).casefold() for r in rows), [r[column] for r in rows]
    assert count is None or len(rows) == count
    got = download(dash_app, hrefs["json"])
    assert typed not in " ".join(got[column]).casefold()  # the file: published English
    assert [(r["iso3"], r["edition"]) for r in rows] == list(
        zip(got["iso3"], got["edition"], strict=True))[:len(rows)]
    assert [r[column] for r in rows] == [table_cells.cell_text(column, v, lang)
                                        for v in got[column][:len(rows)]]
    assert where_of(hrefs["json"]) != where  # rewritten over the published text


def test_all_rows_with_the_typed_words_are_kept(pages, dash_app, app_context):
    """"pilier" typed on the French notes keeps every row whose note says it, not some."""
    page = pages["data"]
    *_, hrefs, _notices = filtered(page, dash_app, "{source_note} icontains pilier", "fr")
    got = download(dash_app, hrefs["json"])
    everything = stored_rows(indicators=("itu_gci.overall",)).dropna(subset=["source_note"])
    said = everything["source_note"].map(lambda n: table_cells.cell_text("source_note", n, "fr"))
    assert len(got) == said.str.casefold().str.contains("pilier").sum() > 10


def test_a_filter_too_broad_to_rewrite_says_it_meets_the_published_text(pages, dash_app,
                                                                        monkeypatch):
    """Past the API's limit of conditions, a condition typed on a translated column is applied
    to the published text as typed: where that differs from what the page's words meet, a
    notice names the column (the table and its download still agree)."""
    page = pages["data"]
    monkeypatch.setattr(viewquery, "MAX_CONDITIONS", 1)
    _search, rows, _count, hrefs, notices = filtered(
        page, dash_app, "{source_note} icontains piliers", "fr")
    assert rows == [] and where_of(hrefs["csv"]) == "{source_note} contains piliers"
    assert t("Source note", "fr") in notices and "texte publié" in notices
    _search, rows, _count, _hrefs, notices = filtered(
        page, dash_app, "{source_note} icontains pillars", "fr")
    assert rows and not notices  # typed as published: the same rows either way
