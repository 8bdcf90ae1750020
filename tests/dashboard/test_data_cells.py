"""Data page: the table writes codes, channels, times and scales as the page's language writes
them; the downloads keep the stored values; the filter row and sort still work on them."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from dash import html

from dashboard import data, table_cells
from dashboard.i18n import LANGUAGES, format_moment, t, use_digits
from dashboard.layout import channel_text
from etl import export, viewquery
from tests.dashboard.tree_support import find, texts, walk

# A live source's retrieval time, or a bundled file's day alone (its sidecar's copied_on).
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\dZ)?")
WESTERN_DIGITS = set("0123456789")
CODES = set(data.VERIFICATION_LABELS)
WORDED = ("scale", "channel", "verification", "retrieved_at")
# Morocco's GCI overall score: five editions, each with a channel, a code, a time and a scale.
MOROCCO_GCI = {"country": "MAR", "indicator": "itu_gci.overall"}


def table_of(page, lang: str, **query):
    return find(page.layout(lang=lang, **query), page.ID_TABLE)


def download(dash_app, href: str) -> pd.DataFrame:
    with dash_app.server.test_client() as client:
        response = client.get(href)
    assert response.status_code == 200
    if ".json" in href:
        return pd.DataFrame(json.loads(response.get_data(as_text=True)))
    return pd.read_csv(io.StringIO(response.get_data(as_text=True)), keep_default_na=False,
                       na_values=[""])


def where_of(href: str) -> str:
    """The row filter a download link asks the API for."""
    return parse_qs(urlsplit(href).query)["where"][0]


def links_of(links) -> dict[str, str]:
    """The download links by format (``csv``, ``json``...)."""
    return {a.href.split("observations.", 1)[1].split("?", 1)[0]: a.href
            for a in walk(links) if getattr(a, "href", None) and "observations." in a.href}


# ---------------------------------------------------------------- what the cells say


# A bundled file's retrieval is a day (its sidecar's copied_on: no time of day is known), a
# live source's a UTC time; both as the page's language writes them.
@pytest.mark.parametrize(("lang", "verification", "channel", "when"), [
    ("en", "single source", "SSPI transcription", r"[A-Z][a-z]{2} \d{1,2}, \d{4}(, \d\d:\d\d UTC)?"),
    ("fr", "source unique", "transcription SSPI", r"\d{1,2} [a-zéû]+\.? \d{4}(, \d\d:\d\d UTC)?"),
    ("ar", "مصدر واحد", "نسخ SSPI", r"\d{1,2} \S+ \d{4}(، \d\d:\d\d UTC)?"),
])
def test_table_says_codes_channels_and_times_in_the_page_language(
        pages, app_context, lang, verification, channel, when):
    """Verification in words ("source unique", not single_source), the channel translated as
    the Country page translates it, the retrieval time as other pages write a time (not ISO)."""
    rows = table_of(pages["data"], lang, **MOROCCO_GCI).data
    assert len(rows) == 5
    assert verification in {r["verification"] for r in rows}
    assert channel in {r["channel"] for r in rows}
    assert all(re.fullmatch(when, r["retrieved_at"]) for r in rows), rows[0]["retrieved_at"]
    assert not {r["verification"] for r in rows} & CODES


def test_cells_reuse_the_dashboards_own_translators(pages, app_context):
    """The words are those of the Country page and the other pages, not a second copy: each
    cell is the shared translator's text for the stored value."""
    page = pages["data"]
    stored = export.export_frame(data.current_engine(), export.ExportFilter(
        indicators=("itu_gci.overall",), countries=("MAR",)), "fr")
    rows = table_of(page, "fr", **MOROCCO_GCI).data
    for row, (_, kept) in zip(rows, stored.iterrows(), strict=True):
        assert row["verification"] == t(data.VERIFICATION_LABELS[kept["verification"]], "fr")
        assert row["channel"] == channel_text(kept["channel"], "fr")
        assert row["retrieved_at"] == format_moment(kept["retrieved_at"], "fr")
        assert row["scale"] == kept["scale"]  # Western digits: the scale as stored


def test_arabic_indic_digits_reach_scales_and_times(pages, app_context):
    """With Arabic-Indic digits chosen, the scale reads ٠-١٠٠ and the time ١٨:٣٤ as the value
    reads ٩٧٫٥; with Western digits they stay 0-100 and 18:34."""
    page = pages["data"]
    with use_digits("arab"):
        rows = table_of(page, "ar", **MOROCCO_GCI).data
    assert {r["scale"] for r in rows} == {"٠-١", "٠-١٠٠"}
    assert all(not set(r["retrieved_at"]) & WESTERN_DIGITS for r in rows)
    assert all(not set(r["scale"]) & WESTERN_DIGITS for r in rows)
    latin = table_of(page, "ar", **MOROCCO_GCI).data
    assert {r["scale"] for r in latin} == {"0-1", "0-100"}


@pytest.mark.parametrize(("scale", "said"), [
    ("0-20", "٠-٢٠"), ("0-1", "٠-١"),
    ("per 100 people", "per 100 people"),  # a number inside English words stays as written
])
def test_scale_text_writes_its_numbers_in_arabic_indic_digits(pages, scale, said):
    with use_digits("arab"):
        assert table_cells.scale_text(scale, "ar") == said
        assert table_cells.scale_text(scale, "fr") == scale  # those digits are Arabic's


def test_a_missing_value_stays_a_blank_cell(pages):
    """A missing channel or time is a blank cell (as other missing values), not "–": "is
    blank" in the filter row finds it."""
    row = {"channel": None, "retrieved_at": None, "verification": "conflict", "value": 1.5}
    shown = table_cells.shown_records([row], "fr")[0]
    assert shown == {"channel": None, "retrieved_at": None, "value": 1.5,
                     "verification": t(data.VERIFICATION_LABELS["conflict"], "fr")}


def test_arabic_words_are_laid_out_right_to_left(pages, app_context):
    """In Arabic the translated columns read right to left as the page does; the scale stays
    left to right ("0-20" must not read "20-0"), as the sources' ids and links do; a title, a
    publisher, a note or a correction (Arabic where translated, else English) each in the
    direction of its own text."""
    page = pages["data"]
    table = find(page.layout(lang="ar", country="MAR"), page.ID_TABLE)
    ltr = {rule["if"]["column_id"] for rule in table.style_cell_conditional
           if rule.get("direction") == "ltr"}
    assert not ltr & {"verification", "channel", "retrieved_at"}
    assert {"scale", "source_url", "snapshot_sha256"} <= ltr
    assert not ltr & set(table_cells.SOURCE_TEXT_COLUMNS)
    by_text = {rule["selector"].split("'")[1] for rule in table.css
               if "unicode-bidi: plaintext" in rule["rule"]}
    assert by_text == set(table_cells.SOURCE_TEXT_COLUMNS)


# ---------------------------------------------------------------- downloads keep the stored values


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_downloads_keep_codes_and_iso_times_and_the_tables_rows(pages, dash_app, lang):
    """The files hold the stored values (single_source, the channel as the source names it,
    2026-11-29T18:34:17Z) and exactly the table's rows in its order: each table row is the
    downloaded row with its worded cells written in the page's language."""
    page = pages["data"]
    with dash_app.server.test_request_context(f"/data?lang={lang}"):
        with use_digits("arab"):
            root = page.layout(lang=lang, country="MAR,OMN", edition="2020,2024",
                               sort="verification:desc,indicator:asc")
        table = find(root, page.ID_TABLE)
        hrefs = links_of(find(root, page.ID_DOWNLOADS))
        for fmt in ("csv", "json"):
            got = download(dash_app, hrefs[fmt])
            assert set(got["verification"]) <= CODES
            assert got["retrieved_at"].map(lambda s: bool(ISO_TIME.fullmatch(s))).all()
            assert got["channel"].str.contains("SSPI transcription").any()
            assert not set("".join(got["scale"])) & set("٠١٢٣٤٥٦٧٨٩")
            first = export.frame_to_records(got.iloc[:len(table.data)])
            with use_digits("arab"):  # as the table was written
                shown = table_cells.shown_records(first, lang)
            for column in ("iso3", "indicator", "edition", *WORDED):
                assert [r[column] for r in shown] == [r[column] for r in table.data], column
    assert len(got) > len(table.data) == page.PAGE_SIZE


# ---------------------------------------------------------------- sort and filter row


def test_worded_columns_sort_by_their_stored_value(pages, app_context):
    """Sorting the verification column orders the codes (as the downloads are ordered), not
    the words: conflict, single_source, verified_2_sources whatever the language."""
    page = pages["data"]
    rows = table_of(page, "fr", indicator="itu_gci.overall", edition="2024",
                    sort="verification:asc").data
    stored = export.export_frame(data.current_engine(), export.ExportFilter.with_view(
        sort="verification:asc", indicators=("itu_gci.overall",), editions=(2024,)), "fr")
    codes = stored["verification"].tolist()
    assert codes == sorted(codes)
    assert [r["verification"] for r in rows] == [
        t(data.VERIFICATION_LABELS[c], "fr") for c in codes[:len(rows)]]


def filtered(page, dash_app, where: str, lang: str, **controls):
    """The callback's answer to ``where`` typed in the filter row: URL search, rows, count,
    download links (by format), notices."""
    with dash_app.server.test_request_context("/_dash-update-component", method="POST"):
        search, rows, count, links, _pages, _page, notices, _notes = page.update_view(
            controls.get("indicators", ["itu_gci.overall"]), controls.get("countries", []), [],
            controls.get("editions", []), [], where, 0, lang)
    return search, rows, texts(count), links_of(links), texts(html.Div(notices))


def test_typed_words_filter_the_rows_and_the_downloads(pages, dash_app):
    """"unique" typed in the French Verification filter finds the single-source rows (the cell
    says "source unique"); the URL keeps what was typed, the download's filter names the code,
    and the file holds the same rows."""
    page = pages["data"]
    search, rows, count, hrefs, notices = filtered(
        page, dash_app, "{verification} icontains unique", "fr")
    assert rows and {r["verification"] for r in rows} == {"source unique"}
    assert "unique" in search and not notices
    assert where_of(hrefs["csv"]) == "{verification} s= single_source"
    got = download(dash_app, hrefs["csv"])
    assert set(got["verification"]) == {"single_source"}
    assert f"{len(got)} lignes" in count.replace("\u202f", "")
    assert got["iso3"].tolist()[:len(rows)] == [r["iso3"] for r in rows]


@pytest.mark.parametrize(("where", "lang", "codes"), [
    pytest.param("{verification} icontains single", "fr", {"single_source"}, id="code-typed"),
    pytest.param("{verification} icontains unique", "en", {"single_source"},
                 id="french-word-on-english-page"),
    pytest.param('{verification} = "مصدر واحد"', "ar", {"single_source"}, id="arabic-equal"),
    pytest.param('{verification} != "source unique"', "fr",
                 {"verified_2_sources", "conflict"}, id="not-equal"),
    pytest.param("{verification} icontains source", "en",
                 {"verified_2_sources", "conflict", "single_source"}, id="every-value"),
    pytest.param("{verification} icontains zzz", "fr", set(), id="none"),
])
def test_filter_row_matches_words_and_codes(pages, dash_app, app_context, where, lang,
                                            codes):
    """A worded column's filter meets a row when the stored code or its words in any language
    meet it (a link or the language switch carries the typed filter); != leaves out the rows
    whose words equal the text. The download holds the same rows."""
    page = pages["data"]
    _search, rows, _count, hrefs, notices = filtered(page, dash_app, where, lang,
                                                     editions=[2020, 2024])
    assert not notices
    got = download(dash_app, hrefs["json"])
    in_scope = set(export.export_frame(data.current_engine(), export.ExportFilter(
        indicators=("itu_gci.overall",), editions=(2020, 2024)))["verification"])
    assert codes <= in_scope or not codes
    assert set(got.get("verification", ())) == codes
    assert [r["iso3"] for r in rows] == got["iso3"].tolist()[:len(rows)] if codes else not rows


def test_several_channels_meant_by_one_word(pages, dash_app, app_context):
    """"SSPI" meets several stored channels ("SSPI transcription + …"): all of them, each
    shown translated, and the download holds the same rows (the filter has no "or": the
    server leaves the other channels out one by one)."""
    page = pages["data"]
    _search, rows, _count, hrefs, _notices = filtered(
        page, dash_app, "{channel} icontains transcription", "fr", editions=[2020, 2024])
    got = download(dash_app, hrefs["json"])
    assert got["channel"].str.contains("SSPI transcription").all()
    assert got["channel"].nunique() > 1
    assert all("transcription SSPI" in r["channel"] for r in rows)
    assert [r["iso3"] for r in rows] == got["iso3"].tolist()[:len(rows)]
    everything = export.export_frame(data.current_engine(), export.ExportFilter(
        indicators=("itu_gci.overall",), editions=(2020, 2024)))
    assert len(got) == everything["channel"].str.contains("SSPI").sum()


def test_typed_date_words_and_digits_filter_the_times(pages, dash_app, app_context):
    """The retrieval time filters by what the cell says ("nov."), by Arabic-Indic digits,
    or by the ISO text; a comparison (>) compares the stored ISO time."""
    page = pages["data"]
    stored = export.export_frame(data.current_engine(), export.ExportFilter(
        indicators=("itu_gci.overall",), countries=("MAR",)))["retrieved_at"].iloc[0]
    day = format_moment(stored, "fr").split(",")[0]  # "29 nov. 2026"
    with use_digits("arab"):
        arabic = format_moment(stored, "ar").split("،")[0]
    for where, lang in ((f'{{retrieved_at}} icontains "{day}"', "fr"),
                        (f'{{retrieved_at}} icontains "{arabic}"', "ar"),
                        (f"{{retrieved_at}} icontains {stored[:7]}", "en"),
                        (f"{{retrieved_at}} > {int(stored[:4]) - 1}", "fr")):
        _search, rows, *_ = filtered(page, dash_app, where, lang, countries=["MAR"])
        assert len(rows) == 5, where
    _search, rows, *_ = filtered(page, dash_app, f"{{retrieved_at}} > {int(stored[:4]) + 1}",
                                 "fr", countries=["MAR"])
    assert rows == []


# ---------------------------------------------------------------- the rewrite, without a store


VALUES = ("conflict", "single_source", "verified_2_sources", None)


def rows_meant(page, condition, values=VALUES) -> list:
    """The stored values a frame of ``values`` keeps under the rewritten ``condition``."""
    frame = pd.DataFrame({condition.column: list(values)})
    rewritten = table_cells.worded_conditions(condition, values)
    kept = viewquery.apply_where(frame, rewritten, export.NUMERIC_COLUMNS)[condition.column]
    return [None if pd.isna(v) else v for v in kept]


@pytest.mark.parametrize(("op", "value", "kept"), [
    ("contains", "unique", ["single_source"]),
    ("contains", "sources", ["conflict", "verified_2_sources"]),  # not "single source"
    ("contains", "source", ["conflict", "single_source", "verified_2_sources"]),
    ("contains", "vérifi", ["verified_2_sources"]),
    ("eq", "single_source", ["single_source"]),
    ("ne", "source unique", ["conflict", "verified_2_sources", None]),
    ("contains", "nothing like it", []),
])
def test_rewritten_conditions_keep_the_values_meant(pages, op, value, kept):
    """Applied by the export's own filter, the rewritten conditions keep exactly the stored
    values the typed text means (missing ones only under !=, as != keeps them)."""
    condition = viewquery.Condition("verification", op, value, "i")
    assert rows_meant(pages["data"], condition) == kept


def test_rewritten_conditions_survive_the_download_link(pages):
    """The rewritten conditions are written into the link and read back by the API as they
    are (quoted channels with spaces, brackets and "+", a word they share, the "contains
    nothing" guard)."""
    values = ("SSPI transcription", "UN EGOV_DATA file (mirror) + press or official release",
              "UNU-EGOV mirror", "SSPI transcription + Blavatnik ITU-PDF extraction", None)
    typed = (viewquery.Condition("channel", "contains", "copie", "i"),  # the two mirrors
             viewquery.Condition("channel", "contains", "presse", "i"),
             viewquery.Condition("channel", "ne", "transcription SSPI", "i"),
             viewquery.Condition("channel", "contains", "Blavatnik", "i"))
    rewritten = tuple(part for c in typed for part in table_cells.worded_conditions(c, values))
    assert len(rewritten) == 4 and rewritten[0] == viewquery.Condition(
        "channel", "contains", "mirror", "i")
    guarded = table_cells._narrowest("channel", values[:2], values, typed[0])
    assert guarded[0] == viewquery.Condition("channel", "contains", "", "i")  # nothing shared
    for conditions in (rewritten, guarded):
        text = viewquery.where_text(conditions)
        assert viewquery.parse_where(text, export.EXPORT_COLUMNS) == conditions


@pytest.mark.parametrize("condition", [
    viewquery.Condition("verification", "lt", "single"),
    viewquery.Condition("verification", "is blank"),
    viewquery.Condition("country", "contains", "source unique"),
])
def test_comparisons_and_other_columns_stay_as_typed(pages, condition):
    assert table_cells.worded_conditions(condition, VALUES) == (condition,)


def test_too_many_rewritten_conditions_keep_the_typed_ones(pages, monkeypatch):
    """Past the filter's limit of conditions (which the API would refuse), the typed
    conditions are kept, meeting the stored values alone: the download still works."""
    # "channel 1" meets 11 of them (1, 10-19): the 29 others, one condition each, are too many.
    many = tuple(f"channel {i}" for i in range(2 * viewquery.MAX_CONDITIONS))
    monkeypatch.setattr(table_cells, "stored_values", lambda _engine: {"channel": many})
    typed = (viewquery.Condition("channel", "contains", "channel 1", "i"),)
    assert table_cells.worded_where(object(), typed) == typed
    few = many[:4]
    monkeypatch.setattr(table_cells, "stored_values", lambda _engine: {"channel": few})
    assert len(table_cells.worded_where(object(), typed)) == 1  # "channel 1" alone: = it


def test_spellings_cover_every_language_and_digit_system(pages):
    words = table_cells.spellings("verification", "single_source")
    assert {"single_source", *(t("single source", lang) for lang in LANGUAGES)} <= words
    with use_digits("arab"):
        arabic_scale = table_cells.scale_text("0-20", "ar")
    assert arabic_scale in table_cells.spellings("scale", "0-20")
