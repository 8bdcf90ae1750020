"""A conflict is shown where the value is shown (audit findings 2, 5, 6, 7).

Oman 2024 (97.02: the ITU profile figure the press quotes, SSPI has 97.01; the corrections
ledger flags it) and Kuwait 2020 (75.07, bipa 75.05: verification ``conflict``, no ledger
entry) carry the pages' words beside the value in the brief, the Compare ranking and the chart
hovers; the distance to a GCI 2024 tier is never told with 2020 pillars; the Compare ranking
sorts ties in a documented order and downloads as shown; "sources disagree" names SSPI's
97.01 as a transcription, not as the ITU report.
"""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import unquote

import pandas as pd
import pytest
from dash import html

from dashboard import brief, brief_data, brief_html, data, figures, provenance, rank_texts
from dashboard.i18n import as_typed, t
from etl import collation
from tests.dashboard.tree_support import find, texts, walk

MARKS = {
    # (Oman 2024: flagged and disputed, Kuwait 2020: disputed)
    "en": ("⚑ Flagged and sources disagree (see note)", "⚑ sources disagree (see note)"),
    "fr": (
        "⚑ Signalé et les sources divergent (voir la note)",
        "⚑ les sources divergent (voir la note)",
    ),
    "ar": ("⚑ مُعلَّم والمصادر متباينة (انظر الملاحظة)", "⚑ المصادر متباينة (انظر الملاحظة)"),
}


def _plain(document: str) -> str:
    """An HTML document's text, tags dropped and spaces folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", document))


# ---------------------------------------------------------------- one decision for every view


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_one_helper_decides_the_mark(lang):
    """The ledger's label and the Verification column's words, nothing for a plain value."""
    both = {"verification": "conflict", "correction": "flag: Sources differ by 0.01"}
    assert rank_texts.value_mark_text(both, lang) == MARKS[lang][0]
    assert (
        rank_texts.value_mark_text({"verification": "conflict", "correction": None}, lang)
        == MARKS[lang][1]
    )
    assert (
        rank_texts.value_marks({"verification": "single_source", "correction": float("nan")}, lang)
        == []
    )
    assert rank_texts.value_marks(
        {
            "verification": "verified_2_sources",
            "correction": "override: 0.5 [reported 2026-01-02; x]",
        },
        lang,
    ) == [t(data.CORRECTION_LABELS["override"], lang)]


# ---------------------------------------------------------------- the brief (HTML; the PDF prints it)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_brief_marks_omans_2024_score_where_it_is_shown(app_context, lang):
    """Headline, trend table and "Other indices": each 97.02 carries the mark; the ledger's
    reason is under the headline (as the Overview's badge gives it)."""
    document = brief.render_brief(data.current_engine(), "OMN", lang)
    mark = MARKS[lang][0]
    lead = re.search(r'<p class="lead">(.*?)</p>', document, re.S).group(1)
    assert mark in _plain(lead)
    trend = document[document.index('class="trend-section"') :]
    row_2024 = next(r for r in re.findall(r"<tr>.*?</tr>", trend, re.S) if re.search(r">2024<", r))
    assert mark in _plain(row_2024)
    indices = document[document.index('class="indices"') :]
    gci_row = re.findall(r"<tr>.*?</tr>", indices, re.S)[1]  # after the header row
    assert mark in _plain(gci_row)
    if lang == "en":
        assert "Flagged: Sources differ by 0.01" in _plain(document)
    # A value without a mark carries none: Oman 2020 (verified in two sources).
    row_2020 = next(r for r in re.findall(r"<tr>.*?</tr>", trend, re.S) if re.search(r">2020<", r))
    assert "⚑" not in _plain(row_2020)


def test_brief_marks_kuwaits_2020_conflict(app_context):
    """Kuwait 2020 (75.07, bipa 75.05): a conflict without a ledger entry is marked too."""
    document = brief.render_brief(data.current_engine(), "KWT", "en")
    trend = document[document.index('class="trend-section"') :]
    row = next(r for r in re.findall(r"<tr>.*?</tr>", trend, re.S) if ">2020<" in r)
    assert "75.07" in row and MARKS["en"][1] in _plain(row)


# ---------------------------------------------------------------- Compare and chart hovers


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_compare_ranking_marks_kuwaits_2020_score(pages, app_context, lang):
    compare = pages["compare"]
    members = list(data.group_members(data.current_engine(), "gcc"))
    view = compare.compare_view(data.current_engine(), members, 2020, lang)
    rows = {r["iso3"]: r for r in view["ranking_rows"]}
    assert rows["KWT"]["country"].endswith(MARKS[lang][1])
    assert "⚑" not in rows["SAU"]["country"]
    assert t(compare.MSG_CONFLICT_NOTE, lang, flag=rank_texts.FLAG) in view["ranking_note"]


def _hover(figure, iso3: str, edition: int) -> str:
    for trace in figure["data"]:
        if (
            (trace.get("meta") or {}).get("iso3") == iso3
            and trace.get("text") is not None
            and edition in list(trace["x"])
        ):
            return list(trace["text"])[list(trace["x"]).index(edition)]
    raise AssertionError(f"no point {iso3} {edition}")


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_compare_trend_hover_marks_conflicts(pages, app_context, lang):
    compare = pages["compare"]
    view = compare.compare_view(data.current_engine(), ["OMN", "KWT", "MAR"], 2024, lang)
    figure = (
        view["trend"].to_plotly_json()
        if hasattr(view["trend"], "to_plotly_json")
        else view["trend"]
    )
    assert MARKS[lang][0] in _hover(figure, "OMN", 2024)
    assert MARKS[lang][1] in _hover(figure, "KWT", 2020)
    assert "⚑" not in _hover(figure, "MAR", 2020)


def test_country_page_trend_hover_and_table_mark_the_conflict(pages, app_context):
    country = pages["country"]
    root = country.layout(iso3="KWT", lang="en")
    graph = find(root, country.ID_TREND)
    figure = graph.figure if isinstance(graph.figure, dict) else graph.figure.to_plotly_json()
    assert MARKS["en"][1] in _hover(figure, "KWT", 2020)
    badges = [
        texts(n)
        for n in walk(root)
        if isinstance(n, html.Span) and getattr(n, "className", "") == "ci-badge ci-conflict"
    ]
    assert MARKS["en"][1] in badges


def test_trend_hover_is_a_pure_function_of_the_columns():
    """figures takes the verification and correction columns: no store read."""
    row = {
        "iso3": "KWT",
        "country": "Kuwait",
        "edition": 2020,
        "score_100": 75.07,
        "scale": "0-100",
        "value": 75.07,
        "rank": 65,
        "tier": None,
        "verification": "conflict",
        "correction": None,
    }
    figure = figures.gci_trend_figure(pd.DataFrame([row]), "en")
    assert MARKS["en"][1] in _hover(figure.to_plotly_json(), "KWT", 2020)


# ---------------------------------------------------------------- F5: one edition's pillars


@pytest.mark.parametrize("iso3", ["TUN", "KWT"])
def test_2024_tier_distance_uses_no_2020_pillars(pages, app_context, iso3):
    """Tunisia and Kuwait have no GCI 2024 pillars: no per-pillar distance, a note saying so;
    the 2020 pillar values appear nowhere under the 2024 distance."""
    engine = data.current_engine()
    found = brief_data.standing(engine, iso3, brief_data.default_group(engine, iso3), "en")
    assert found["distance_edition"] == 2024 and found["distance"]["kind"] == "next"
    assert found["distance_pillars"] == []
    pillars_2020 = data.gci_pillars(engine, [iso3], editions=[2020], lang="en")
    info = brief_data.brief_data(engine, iso3, brief_data.default_group(engine, iso3), "en")
    section = brief_html.section_distance(info, "en")
    assert "GCI 2024 publishes no pillar scores" in section and "<table" not in section
    assert "headroom in each pillar" not in section
    page = pages["country"]
    standing = find(page.layout(iso3=iso3, lang="en"), page.ID_STANDING)
    said = texts(standing)
    assert "GCI 2024 publishes no pillar scores" in said
    assert not any(
        isinstance(n, html.Div) and getattr(n, "className", "") == "ci-table-scroll"
        for n in walk(standing)
    )
    assert not pillars_2020.empty  # the 2020 pillars exist, and are not used
    for value in pillars_2020["value"]:
        assert f">{value:g}<" not in section


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_distance_table_names_its_edition(app_context, lang):
    """Oman has 2024 pillars: the table is of 2024 and its caption says so."""
    info = brief_data.brief_data(data.current_engine(), "OMN", "gcc", lang)
    section = brief_html.section_distance(info, lang)
    caption = re.search(r"<caption>(.*?)</caption>", section).group(1)
    assert "GCI 2024" in caption and t("Distance to the next tier, per pillar", lang) in caption


# ---------------------------------------------------------------- F6: ties, and the download


def test_ranking_ties_sort_by_rank_then_name_whatever_the_input_order(pages):
    compare = pages["compare"]
    frame = pd.DataFrame(
        {
            "iso3": ["SAU", "EGY", "ARE", "QAT", "OMN"],
            "country": ["Saudi Arabia", "Egypt", "United Arab Emirates", "Qatar", "Oman"],
            "score_100": [100.0, 100.0, 100.0, 100.0, 97.02],
            "rank": [None, None, None, None, None],
        }
    )
    expected = ["EGY", "QAT", "SAU", "ARE", "OMN"]
    for seed in range(4):
        shuffled = frame.sample(frac=1, random_state=seed)
        assert compare.ranking_order(shuffled)["iso3"].tolist() == expected
    # Equal scores with ranks: the rank first, then the name.
    ranked = frame.assign(rank=[2, 2, 1, 3, 4])
    assert compare.ranking_order(ranked)["iso3"].tolist() == ["ARE", "EGY", "SAU", "QAT", "OMN"]
    # French: Égypte among the E's, before Émirats arabes unis.
    french = frame.assign(
        country=["Arabie saoudite", "Égypte", "Émirats arabes unis", "Qatar", "Oman"]
    )
    assert compare.ranking_order(french)["iso3"].tolist() == ["SAU", "EGY", "ARE", "QAT", "OMN"]


def _csv_rows(block) -> list[list[str]]:
    [link] = [n for n in walk(block) if isinstance(n, html.A)]
    assert link.href.startswith("data:text/csv;charset=utf-8,") and link.download
    text = unquote(link.href.split(",", 1)[1])
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_ranking_downloads_as_shown(pages, app_context, lang):
    """The table's rows, in its sort, its columns (change, places gained) under their
    headings, then each value's mark, verification and source links."""
    compare = pages["compare"]
    root = compare.layout(lang=lang, group="gcc", edition="2020")
    table = find(root, compare.ID_RANKING)
    block = find(root, compare.ID_RANKING_DOWNLOADS)
    rows = _csv_rows(block)
    header, body = rows[0], rows[1:]
    # The headings as typed: the page keeps "Score (0-100)" whole with word joiners (and in
    # Arabic bidi isolates), a file holds none of them.
    assert header[: len(table.columns)] == [as_typed(c["name"]) for c in table.columns]
    assert not any(set(cell) & {"\u2060", "\u2066", "\u2069"} for row in rows for cell in row)
    assert {"en": "Score (0-100)", "fr": "Score (0-100)"}[lang] in header
    assert t("Places gained", lang) in header and t("Source links", lang) in header
    assert [r[0] for r in body] == [r["name"] for r in table.data]
    kuwait = next(r for r in body if r[header.index(t("ISO3 code", lang))] == "KWT")
    assert kuwait[header.index(t("Mark on the value", lang))] == MARKS[lang][1]
    assert kuwait[header.index(as_typed(t("Score (0-100)", lang)))] == "75.07"
    assert "github.com" in kuwait[header.index(t("Source links", lang))]
    # Each row's provenance, as every other file carries it: publisher, retrieval time and
    # the raw snapshot's SHA-256 (the ranking's file had none of them).
    assert kuwait[header.index(t("Publisher", lang))].startswith("International Telecommunication")
    assert kuwait[header.index(t("Retrieved (UTC)", lang))][:2] == "20"
    assert len(kuwait[header.index(t("Snapshot (SHA-256)", lang))]) == 64
    # Sorted by country (descending): the download follows the table.
    down = compare.sorted_ranking([{"column_id": "country", "direction": "desc"}], table.data)
    again = _csv_rows(compare.ranking_downloads(down, table.columns, lang, 2020))
    assert [r[0] for r in again[1:]] == [r["name"] for r in down]
    assert [r[0] for r in again[1:]] == collation.sorted_texts([r[0] for r in body])[::-1]


def test_ranking_download_neutralises_formula_like_cells(pages, app_context):
    """The ranking's file is written by the export route's CSV writer: a cell a spreadsheet
    would run as a formula (a hostile source's document title) is neutralised, as in every
    other download (the page wrote it with csv.writer, as it came)."""
    compare = pages["compare"]
    root = compare.layout(lang="en", group="gcc", edition="2020")
    table = find(root, compare.ID_RANKING)
    hostile = [{**table.data[0], "source_document": '=HYPERLINK("http://x")'}]
    rows = _csv_rows(compare.ranking_downloads(hostile, table.columns, "en", 2020))
    cell = rows[1][rows[0].index(t("Source document", "en"))]
    assert cell != '=HYPERLINK("http://x")' and cell.endswith('=HYPERLINK("http://x")')


# ---------------------------------------------------------------- F7: who printed which value


def _items(frame: pd.DataFrame, observations: pd.DataFrame, lang: str) -> dict[str, str]:
    """Each disputed value's text (value -> "per ..." and marks), sources' notes left out."""
    out = {}
    for item in walk(html.Ul(provenance.disagreement_items(frame, observations, lang))):
        if (
            isinstance(item, html.Li)
            and item.children
            and isinstance(item.children[0], html.Strong)
        ):
            said = " ".join(c for c in item.children if isinstance(c, str))
            shown = [texts(c) for c in item.children if isinstance(c, html.Span)]
            out[item.children[0].children] = said + " ".join(shown)
    return out


def test_oman_2024_names_sspi_as_a_transcription_and_the_press_value_as_shown(app_context):
    """97.01 is SSPI's transcription, 97.02 the press's (the ITU profile figure, kept)."""
    engine = data.current_engine()
    frame = data.disagreements(engine, ["OMN"])
    frame = frame[(frame["edition"] == 2024) & (frame["field"] == "overall_score")]
    observations = data.gci_observations(engine, ["OMN"], "en")
    said = _items(frame, observations, "en")
    assert "per SSPI transcription of the ITU report" in said["97.01"]
    assert "the ITU report, read through" not in said["97.01"]
    assert "per press or official statement" in said["97.02"]
    assert "the value shown here" in said["97.02"]


def test_morocco_2020_names_the_report_and_its_transcription(app_context):
    engine = data.current_engine()
    frame = data.disagreements(engine, ["MAR"])
    frame = frame[(frame["edition"] == 2020) & (frame["field"] == "overall_score")]
    said = _items(frame, data.gci_observations(engine, ["MAR"], "en"), "en")
    assert (
        "per the ITU report, read through Blavatnik ITU-PDF extraction; SSPI "
        "transcription of the ITU report"
    ) in said["82.41"]
    assert "per press or official statement" in said["83.65"]
