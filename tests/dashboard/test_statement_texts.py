"""NCSI snapshots kept as cited statements, said in the page's language from their parts (the
country's name, each figure in the reader's notation and digits, the methodology), while the
store and the exports keep the ETL's English text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dash import html

from dashboard import data, statement_texts
from dashboard.i18n import LRI, LRO, PDF, PDI, WORD_JOINER, as_typed, t, use_digits
from dashboard.layout import catalog_element
from etl import schemas
from etl.sources import ncsi
from tests.dashboard.tree_support import english_parts, texts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def etl_statements() -> list[dict]:
    """Every statement etl.sources.ncsi writes from the bundled snapshots, as stored."""
    body = (ROOT / "datasets" / ncsi.FILE_NAME).read_bytes()
    valid = schemas.split_valid(ncsi.parse(body), ncsi.SCHEMA).valid
    return ncsi.to_statements(valid).to_dict("records")


def digits_of(text: str) -> list[str]:
    """The numbers of a text as digit strings (decimal marks and digit systems set aside)."""
    western = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    return re.findall(r"\d+", western)


def test_every_statement_the_etl_writes_reads_back_to_itself(etl_statements):
    """Each NCSI statement of the bundled data is read into its parts, and its parts said in
    English give the stored text back, character for character (no number changed)."""
    assert len(etl_statements) >= 10
    for row in etl_statements:
        found = statement_texts.read_ncsi_statement(row)
        assert found is not None, row["statement"]
        said = t(statement_texts.MSG_NCSI_STATEMENT, "en", country=found.country,
                 values=statement_texts.values_text(found.values, "en"),
                 methodology=t(statement_texts.METHODOLOGY_NAMES[found.methodology], "en"),
                 snapshot=found.snapshot)
        assert as_typed(said) == row["statement"]  # its "2016-2023" kept on one line


def test_every_methodology_the_etl_names_is_known():
    """The methodology names etl.sources.ncsi writes are each translated here."""
    assert set(ncsi.METHODOLOGY_LABELS.values()) <= set(statement_texts.METHODOLOGY_NAMES)


MAR_SAID = {
    "fr": "Maroc\u00a0: rang 36\u202f; score NCSI 79,17\u202f; développement numérique 57,17 "
          "(méthodologie NCSI 2016-2023\u202f; ",
    "ar": "المغرب: المرتبة 36؛ درجة المؤشر الوطني للأمن السيبراني 79.17؛ مستوى التنمية الرقمية 57.17 "
          "(منهجية المؤشر الوطني للأمن السيبراني 2016-2023؛ ",
}

LABEL_SAID = {
    "fr": "tableau de classement sur ncsi.ega.ee/add/?version_id=1007 (date non indiquée)",
    "ar": "جدول الترتيب على ncsi.ega.ee/add/?version_id=1007 (التاريخ غير مذكور)",
}


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_morocco_snapshot_reads_in_the_page_language(app_context, lang):
    """Morocco's undated NCSI snapshot (a statement in the store) reads in French or Arabic,
    the snapshot's label (a data file's text) too: nothing is left in English."""
    engine = data.current_engine()
    [row] = [r for r in data.statements(engine, ["MAR"]).to_dict("records")
             if r["source_id"] == "ncsi"]
    names = data.country_names(engine, lang)
    shown = statement_texts.statement_element(html.Blockquote, row, names, lang,
                                              className="ci-statement")
    assert shown.className == "ci-statement"
    text = as_typed("".join(texts(shown).splitlines()))  # "2016-2023" kept whole
    assert text.startswith(MAR_SAID[lang]), text
    assert english_parts(shown) == []
    assert LABEL_SAID[lang] in text
    for word in ("rank", "score 79", "digital development", "Morocco", "date not shown"):
        assert word not in text
    assert digits_of(text) == digits_of(row["statement"])


def test_arabic_indic_digits_and_a_rank_range_kept_in_order(etl_statements):
    """With Arabic-Indic digits every figure is written in them, the same digits as stored;
    a rank range (Egypt's 33-35) is kept left to right inside the Arabic sentence."""
    [egypt] = [r for r in etl_statements if r["iso3"] == "EGY"]
    [morocco] = [r for r in etl_statements if r["iso3"] == "MAR"]
    with use_digits("arab"):
        said = texts(statement_texts.statement_element(html.Blockquote, morocco,
                                                       {"MAR": "المغرب"}, "ar"))
        assert "المرتبة ٣٦؛ درجة المؤشر الوطني للأمن السيبراني ٧٩٫١٧؛ مستوى التنمية الرقمية ٥٧٫١٧" in said
        range_said = texts(statement_texts.statement_element(html.Blockquote, egypt,
                                                             {"EGY": "مصر"}, "ar"))
        # An isolate alone does not order Arabic-Indic digits: an override inside it.
        assert f"المرتبة {LRI}{LRO}٣٣{WORD_JOINER}-{WORD_JOINER}٣٥{PDF}{PDI}" in range_said


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_other_statements_are_shown_as_before(lang):
    """A statement of another source, and any statement on the English page, is shown as
    catalog_element shows it; so is an NCSI row whose text is not the ETL's own wording."""
    interpol = {"source_id": "interpol_act", "iso3": "MAR", "metric": "x", "value_text": "",
                "statement": "Morocco is the most affected", "data_period": "2022"}
    tampered = {"source_id": "ncsi", "iso3": "MAR", "metric": "ncsi_snapshot_date_unknown",
                "value_text": "rank 36", "data_period": "some page",
                "statement": "Morocco: rank 36 (edited by hand; some page)"}
    for row in (interpol, tampered):
        shown = statement_texts.statement_element(html.Blockquote, row, {"MAR": "Maroc"}, lang)
        assert shown.to_plotly_json() == catalog_element(html.Blockquote, row["statement"],
                                                         lang).to_plotly_json()


@pytest.mark.parametrize(("value_text", "expected"), [
    pytest.param("rank 36; NCSI score 79.17; digital development 57.17",
                 (("rank", "36"), ("score", "79.17"), ("level", "57.17")), id="three"),
    pytest.param("rank 33-35", (("rank", "33-35"),), id="range"),
    pytest.param("NCSI score 85", (("score", "85"),), id="score-only"),
    pytest.param("rank 36; rank 37", None, id="twice"),
    pytest.param("NCSI score 79.17; rank 36", None, id="out-of-order"),
    pytest.param("rank 36; about 80 points", None, id="unknown-part"),
    pytest.param("", None, id="empty"),
])
def test_value_text_is_read_strictly(value_text, expected):
    """Only the parts the ETL writes, each once and in its order, are read back."""
    assert statement_texts.read_values(value_text) == expected


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_cross_index_page_says_the_ncsi_snapshot(pages, app_context, lang):
    """The Cross-index page's statements say Morocco's NCSI snapshot in the page's language."""
    *_, statements = pages["crossindex"].update_view(["MAR"], lang)
    text = as_typed("".join(texts(statements).splitlines()))
    assert MAR_SAID[lang] in text and "NCSI score" not in text
