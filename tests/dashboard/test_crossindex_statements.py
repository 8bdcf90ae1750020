"""Cross-index statements: each INTERPOL finding with the figure it gives for the country (its
unit, the reader's notation) and the source's note; the count of INTERPOL statements leaves out
the project's own check of a claim, which is shown apart as what it is."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from dash import html

from dashboard import statement_texts
from dashboard.i18n import t, use_digits
from tests.dashboard.tree_support import texts, walk

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT / "datasets" / "interpol_africa_cyberthreat_facts.csv"
SPAM_SHARE = ("Share of sender IP addresses of detected extortion spam geolocated in the "
              "country (global distribution)")
SPAM_NOTE = "INTERPOL reads this as compromised servers/botnets in the country"
GUARDIAN_NOTE = ("Egypt/South Africa order conflicts with the INTERPOL release wording; other "
                 "values single-source")
# Morocco's 2.13 % (file line 23) as each language writes it.
SPAM_FIGURE = {"en": "Figure cited: 2.13%", "fr": "Chiffre cité\u00a0: 2,13\u00a0%",
               "ar": "الرقم المذكور: 2.13%"}
LANGS = [pytest.param(code, id=code) for code in ("en", "fr", "ar")]


def facts() -> list[dict]:
    with FACTS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def items(statements) -> list[html.Li]:
    return [n for n in walk(statements) if isinstance(n, html.Li)]


def item_saying(statements, text: str) -> html.Li:
    [found] = [li for li in items(statements) if text in texts(li)]
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_a_finding_shows_its_figure_and_the_sources_note(pages, app_context, lang):
    """"Share of sender IP addresses..." gives Morocco 2.13 % (value_text 2.13, unit percent):
    the page shows it with its unit in the reader's notation, and the note that INTERPOL reads
    it as compromised servers (translated like the statement)."""
    *_, statements = pages["crossindex"].update_view(["MAR"], lang)
    item = item_saying(statements, t(SPAM_SHARE, lang))
    said = texts(item)
    assert SPAM_FIGURE[lang] in said
    assert t("Note:", lang) in said and t(SPAM_NOTE, lang) in said
    if lang == "fr":
        assert "INTERPOL y voit des serveurs compromis" in said


@pytest.mark.parametrize("lang", LANGS)
def test_the_guardian_top_ten_keeps_its_note(pages, app_context, lang):
    """The Guardian Nigeria top-10 says its Egypt/South Africa order conflicts with INTERPOL's
    release (the brief said so; the page did not), and gives Morocco's 1,076 detections."""
    *_, statements = pages["crossindex"].update_view(["MAR"], lang)
    item = item_saying(statements, t(GUARDIAN_NOTE, lang))
    figure = {"en": "Figure cited: 1,076 detections", "fr": "Chiffre cité\u00a0: 1\u202f076 détections",
              "ar": "الرقم المذكور: 1,076 حالة رصد"}[lang]
    assert figure in texts(item)


def test_morocco_has_eight_interpol_statements_not_nine(pages, app_context):
    """The facts file has 9 rows about Morocco; one is the claim check (source kind "analysis
    of sources above", report "claim check"), the project's own reading, not INTERPOL's: the
    count is 8 (lines 5, 12, 15, 16, 18, 23, 44 and 54 of the file, checked by hand)."""
    morocco = [r for r in facts() if r["iso3"] == "MAR"]
    own = [r for r in morocco if r["source_kind"].startswith("analysis")]
    assert (len(morocco), len(own), own[0]["report_title"]) == (9, 1, "claim check")
    _, _, _, table, _, _ = pages["crossindex"].update_view(["MAR", "OMN"], "en")
    rows = [texts(n).split("\n") for n in walk(table) if isinstance(n, html.Tr)]
    counts = {row[0]: row[-1] for row in rows[1:]}
    assert counts == {"Morocco": "8", "Oman": "not covered by the report"}  # African report


@pytest.mark.parametrize("lang", LANGS)
def test_the_claim_check_is_shown_apart_as_the_projects_own(pages, app_context, lang):
    """The claim check comes after the cited findings, said to be cyberindex's own check (not
    quoted, not counted), with its verdict in the page's language."""
    *_, statements = pages["crossindex"].update_view(["MAR"], lang)
    [claim] = [r for r in facts() if r["source_kind"].startswith("analysis")]
    found = items(statements)
    analysis = item_saying(statements, t(statement_texts.MSG_ANALYSIS, lang))
    assert analysis is found[-1]
    quotes = [texts(q) for q in walk(statements) if isinstance(q, html.Blockquote)]
    assert not any(t(claim["statement"], lang) in q for q in quotes)
    verdict = {"en": "Verdict: not supported", "fr": "Verdict\u00a0: non étayée",
               "ar": "الحكم: غير مدعوم"}[lang]
    assert verdict in texts(analysis).replace("\n", "")
    assert t("Source kind:", lang) not in texts(analysis)


@pytest.mark.parametrize(("value", "unit", "lang", "expected"), [
    pytest.param("2.13", "percent", "fr", "2,13\u00a0%", id="percent-fr"),
    pytest.param("69", "percent", "en", "69%", id="percent-whole"),
    pytest.param(">90", "percent", "fr", ">90\u00a0%", id="percent-text-kept"),
    pytest.param("2", "position in list", "fr", "position 2 dans la liste", id="position-fr"),
    pytest.param("1", "detections", "en", "1 detection", id="singular"),
    pytest.param("18827", "detections", "fr", "18\u202f827 détections", id="grouped-fr"),
    pytest.param("13002", "attempts", "ar", "13,002 محاولة", id="arabic-form"),
    pytest.param(">3 billion", "USD", "en", ">3 billion USD", id="text-as-written"),
    pytest.param("7", "servers", "fr", "7 servers", id="unknown-unit-as-written"),
    pytest.param("12.5", "", "fr", "12,5", id="no-unit"),
    pytest.param("2/3", "fraction", "fr", "2/3", id="fraction-as-written"),
])
def test_figure_value(value, unit, lang, expected):
    """A plain number in the reader's notation to its written decimals; any other text as the
    source wrote it; the unit as the language says it (an unknown one as written)."""
    assert statement_texts.figure_value(value, unit, lang) == expected


def test_a_figure_follows_the_arabic_indic_digits():
    """With Arabic-Indic digits the figure is written in them, its decimal mark too; a value
    that is not a plain number keeps its text, its digits turned as localize_numbers turns
    a sentence's (a number against a Latin word, "3 billion", is left as written)."""
    with use_digits("arab"):
        assert statement_texts.figure_value("2.13", "percent", "ar") == "٢٫١٣٪"
        assert statement_texts.figure_value(">90", "percent", "ar") == ">٩٠%"
        assert statement_texts.figure_value(">3 billion", "USD", "ar") == \
            ">3 billion دولار أمريكي"


def test_every_unit_of_the_facts_file_is_said_in_each_language():
    """Each unit the INTERPOL file uses has its message (an unknown one would be shown in
    English, as written)."""
    units = {r["unit"] for r in facts() if r["unit"]}
    assert units and units <= set(statement_texts.UNIT_TEXTS)


def test_no_figure_for_an_ncsi_snapshot_or_the_claim_check():
    """An NCSI snapshot's statement says its figures already; the claim check's value is a
    verdict, not a figure."""
    assert statement_texts.figure_text(
        {"source_id": "ncsi", "value_text": "rank 36", "unit": "NCSI rank"}, "en") is None
    assert statement_texts.figure_text(
        {"source_id": "interpol_act", "value_text": "not supported",
         "source_kind": "analysis of sources above"}, "en") is None
    assert statement_texts.figure_text(
        {"source_id": "interpol_act", "value_text": "8", "unit": "percent"}, "en") == \
        "Figure cited: 8%"


@pytest.mark.parametrize("lang", LANGS)
def test_country_sections_follow_the_tables_rows(pages, app_context, lang):
    """The statements' country sections come in the order of the table's rows, never in the
    order the database returned the statements (SQLite and PostgreSQL differ there)."""
    countries = ["NGA", "EGY", "MAR", "KEN", "ZAF", "TUN"]
    _, _, _, table, _, statements = pages["crossindex"].update_view(countries, lang)
    rows = [texts(n).split("\n")[0] for n in walk(table) if isinstance(n, html.Tr)][1:]
    headings = [texts(n) for n in walk(statements) if isinstance(n, html.H3)]
    assert len(headings) >= 4
    assert headings == [name for name in rows if name in headings]
