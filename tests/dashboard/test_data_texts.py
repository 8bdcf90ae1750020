"""Texts of the bundled data files the pages show (a correction's reason, a note on a source, a
cited finding, its report and kind of source, a report's title with its edition) go through the
gettext catalog: extracted from the files into messages.pot, translated in French and Arabic
with their numbers kept, shown translated (an untranslated one stays English, marked so)."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from dash import html

from dashboard import i18n
from etl.sources import itu_gci
from tests.dashboard.tree_support import find, texts, walk

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "datasets"
# The columns of the bundled files whose texts a page shows (where, for the reader of a
# failure): they must be declared for extraction (dashboard.i18n.DATA_MESSAGES).
SHOWN_COLUMNS = {
    ("corrections.csv", "reason"): "correction badge (provenance.correction_badge)",
    ("gci_scores.csv", "source_note"): "Sources lists (layout.sources_block)",
    ("gci_source_values.csv", "source_note"): "sources disagree (provenance)",
    ("interpol_africa_cyberthreat_facts.csv", "statement"): "Cross-index statements, brief",
    ("interpol_africa_cyberthreat_facts.csv", "report_title"): "Cross-index citation, brief",
    ("interpol_africa_cyberthreat_facts.csv", "source_kind"): "Cross-index citation",
    ("interpol_africa_cyberthreat_facts.csv", "publication_date"): "Cross-index citation",
}
OMAN_REASON = ("Sources differ by 0.01: 97.02 is the ITU profile figure quoted by Oman News "
               "Agency, Zawya and ARY (kept); the SSPI transcription has 97.01, the sum of the "
               "rounded pillars (19.59+18.39+20+19.03+20)")


def column_texts(filename: str, column: str) -> set[str]:
    """The distinct texts of a column of a bundled file, read here (not by the extractor); a
    cell without a letter (a date) is not a text."""
    with (DATASETS / filename).open(encoding="utf-8-sig", newline="") as handle:
        return {row[column] for row in csv.DictReader(handle)
                if row[column] and re.search("[A-Za-z]", row[column])}


def shown_texts() -> dict[str, str]:
    """Every data text the pages show, to where it comes from: the columns above and the
    titles the ETL gives each GCI edition's report (source_document)."""
    found = {text: f"{filename}:{column}" for (filename, column) in SHOWN_COLUMNS
             for text in column_texts(filename, column)}
    found.update({title: "etl/sources/itu_gci.py:EDITION_DOCUMENTS"
                  for title in itu_gci.EDITION_DOCUMENTS.values()})
    return found


@pytest.fixture(scope="module")
def template() -> dict[str, object]:
    with (i18n.LOCALES_DIR / "messages.pot").open("rb") as handle:
        return {m.id: m for m in read_po(handle) if isinstance(m.id, str) and m.id}


# A number as each language writes it in a sentence: English groups thousands with "," and
# writes decimals with "."; French groups with a (narrow) no-break space and writes decimals
# with "," (or "." where the English code is kept); Arabic (Western digits) as English, or
# with the Arabic marks.
NUMBER = {
    "en": re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"),
    "fr": re.compile(r"\d{1,3}(?:[\u202f\u00a0]\d{3})+(?:,\d+)?(?!\d)|\d+(?:[.,]\d+)?"),
    "ar": re.compile(r"\d{1,3}(?:[,٬]\d{3})+(?:[.٫]\d+)?(?!\d)|\d+(?:[.٫]\d+)?"),
}


def numbers(text: str, lang: str) -> Counter:
    """The numbers of a sentence as one writing ("18,827", "18 827" and "97,02" read as
    18827 and 97.02; trailing zeros kept: 18.40 is not 18.4)."""
    found = Counter()
    for match in NUMBER[lang].finditer(text):
        number = re.sub("[\u202f\u00a0٬]", "", match.group())
        number = number.replace(",", "") if lang != "fr" else number.replace(",", ".")
        found[number.replace("٫", ".")] += 1
    return found


def test_every_shown_column_is_declared_for_extraction():
    declared = {(Path(f).name, column) for f, column, _ in i18n.DATA_MESSAGES}
    assert set(SHOWN_COLUMNS) <= declared, set(SHOWN_COLUMNS) - declared
    assert all(comment for _, _, comment in i18n.DATA_MESSAGES)


def test_every_shown_data_text_is_in_the_template(template):
    """Read from the files: each text is an entry of messages.pot, placed at its file."""
    shown = shown_texts()
    assert len(shown) > 300 and OMAN_REASON in shown and "press (3 outlets)" in shown
    missing = {text: where for text, where in shown.items() if text not in template}
    assert not missing, f"run `python -m dashboard.i18n extract`: {missing}"
    for text, where in shown.items():
        places = {filename for filename, _ in template[text].locations}
        assert where.split(":")[0].rsplit("/", 1)[-1] in {Path(p).name for p in places}, text


def test_a_cell_without_a_letter_is_not_a_message(template):
    """A date ("2023-03") is written as a date, not translated."""
    dates = {row["publication_date"] for row in csv.DictReader(
        (DATASETS / "interpol_africa_cyberthreat_facts.csv").open(encoding="utf-8"))}
    assert "2023-03" in dates and "2023-03" not in template
    assert "2024 (article 30 May 2024)" in template


def test_the_store_shows_the_texts_as_extracted(loaded_engine, template):
    """What the pages read from the store is what was extracted (the ETL keeps the texts as
    written): notes and titles of GCI figures, ledger reasons, disagreement notes, statements."""
    from etl import store
    from etl.store import content

    observations = store.observations_frame(loaded_engine, ["itu_gci.overall"])
    stored = set(observations["source_document"]) | {
        n for n in observations["source_note"].dropna() if n}
    stored |= {part for notes in content.disagreements_frame(loaded_engine)["source_notes"]
               for part in notes.split(" | ") if part}
    from dashboard import data
    stored |= {data.parse_correction(c)["reason"] for c in observations["correction"].dropna()
               if c}
    interpol = content.statements_frame(loaded_engine, source_id="interpol_act")
    for column in ("statement", "report_title", "source_kind"):
        stored |= set(interpol[column].dropna())
    assert OMAN_REASON in stored and len(stored) > 80
    # A GCI overall's note may end with its rank_check (etl.sources.itu_gci.overall_notes):
    # each part extracted, said part by part.
    assert sorted(text for text in stored - set(template)
                  if not all(part in template for part in text.split("; "))) == []


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_shown_data_text_is_translated(lang):
    translated = i18n.catalog(lang)
    missing = sorted(text for text in shown_texts() if not translated.get(text))
    assert not missing, f"{lang}: untranslated data texts: {missing}"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_translations_keep_every_number(lang):
    """Each data text's translation has the same numbers as its English (scores, ranks,
    counts, years): none dropped, added or changed."""
    translated = i18n.catalog(lang)
    changed = {text: (sorted(numbers(text, "en").elements()),
                      sorted(numbers(translated[text], lang).elements()))
               for text in shown_texts() if text in translated
               and numbers(text, "en") != numbers(translated[text], lang)}
    assert not changed, f"{lang}: numbers differ: {changed}"


@pytest.mark.parametrize(("english", "written", "lang", "kept"), [
    ("97.02 and 19.59+18.39", "97,02 et 19,59 + 18,39", "fr", True),
    ("18,827 detections in 2022", "18\u202f827 détections en 2022", "fr", True),
    ("18,827 detections in 2022", "18,827 حالة رصد في 2022", "ar", True),
    ("97.02 and 19.59+18.39", "97,02 et 19,59", "fr", False),  # a number dropped
    ("97.02 is kept", "97,03 est retenu", "fr", False),  # a number changed
    ("18.40+17.94", "18,4 + 17,94", "fr", False),  # a published precision lost
    ("18,827 detections", "18 827 détections", "fr", False),  # read as 18 and 827
    ("T1 46, T2 29", "T1 46، T2 92", "ar", False),
])
def test_the_number_check_fails_on_a_dropped_or_changed_number(english, written, lang, kept):
    assert (numbers(english, "en") == numbers(written, lang)) is kept


def test_arabic_translations_keep_western_digits():
    """The catalog holds 0-9; a page in Arabic-Indic digits localises them when it shows
    them (t() and the page shell), as for every other catalog entry."""
    translated = i18n.catalog("ar")
    assert not [text for text in shown_texts() if re.search("[٠-٩]", translated.get(text, ""))]
    assert "محور" not in "".join(translated.get(text, "") for text in shown_texts())


# ---------------------------------------------------------------- on the pages


def _badge(root) -> html.Span:
    badges = [n for n in walk(root)
              if isinstance(n, html.Span) and getattr(n, "className", None) == "ci-correction"]
    assert len(badges) == 1
    return badges[0]


def _oman_2024(pages, dash_app, lang: str, digits: str = "latn"):
    """The 2024 summary of Oman's card on the overview (its headline GCI figure)."""
    page = pages["overview"]
    with dash_app.server.test_request_context(f"/?lang={lang}&digits={digits}"), \
            i18n.use_digits(digits):
        root = page.layout(lang=lang)
    card = find(root, page.card_id("OMN"))
    summary = next(n for n in walk(card) if isinstance(n, html.Div)
                   and getattr(n, "className", None) == "ci-edition"
                   and find(n, page.score_id("OMN", 2024)) is not None)
    return card, summary


@pytest.mark.parametrize(("lang", "reason", "label"), [
    ("fr", "Les sources diffèrent de 0,01\u00a0: 97,02 est le chiffre du profil de l'UIT cité par "
           "Oman News Agency, Zawya et ARY (retenu)", "Signalé"),
    ("ar", "تختلف المصادر بفارق 0.01: الرقم 97.02 هو رقم الملف القُطري للاتحاد الدولي للاتصالات",
     "مُعلَّم"),
])
def test_oman_gci_2024_badge_gives_the_reason_in_the_page_language(pages, dash_app, lang,
                                                                   reason, label):
    _, summary = _oman_2024(pages, dash_app, lang)
    badge = _badge(summary)
    text = texts(badge)
    assert label in text and reason in text
    assert "Sources differ" not in text
    assert not [n for n in walk(badge) if getattr(n, "lang", None) == "en"]


def test_oman_badge_follows_the_arabic_digit_choice(pages, dash_app):
    """The translated reason reaches the page in Arabic-Indic digits when they are chosen."""
    _, summary = _oman_2024(pages, dash_app, "ar", "arab")
    text = texts(_badge(summary))
    assert "٩٧٫٠٢" in text and "97.02" not in text


def test_english_badge_and_sources_are_unchanged(pages, dash_app):
    """In English the reason, notes and titles are the stored texts, marked English as before
    (the reason's sum may break after each "+": a ``<wbr>`` there, nothing added to the text)."""
    card, summary = _oman_2024(pages, dash_app, "en")
    reason = [n for n in walk(_badge(summary)) if getattr(n, "lang", None) == "en"]
    assert ["".join(c for c in walk(n) if isinstance(c, str)) for n in reason] == [OMAN_REASON]
    assert len([n for n in walk(reason[0]) if isinstance(n, html.Wbr)]) == 4
    assert getattr(reason[0], "dir", None) is None
    titles = [n.children for n in walk(card) if isinstance(n, html.Strong)
              and getattr(n, "lang", None) == "en"]
    assert "ITU Global Cybersecurity Index 2024 (5th edition)" in titles


@pytest.mark.parametrize(("lang", "title", "note"), [
    ("fr", "Indice mondial de cybersécurité 2020 de l'UIT (4e édition)",
     "Le 83,65 publié par DailyMorocco/GlobalRealNews est le score de Malte"),
    ("ar", "المؤشر العالمي للأمن السيبراني 2020 (الاتحاد الدولي للاتصالات، الإصدار 4)",
     "الرقم 83.65 المنشور في DailyMorocco/GlobalRealNews هو درجة مالطا"),
])
def test_sources_list_gives_titles_and_notes_in_the_page_language(pages, dash_app, lang, title,
                                                                  note):
    """Morocco's card: the report's title with its edition and the note on the 2020 figure,
    and the notes of the sources that disagree, all translated, none marked English."""
    page = pages["overview"]
    with dash_app.server.test_request_context(f"/?lang={lang}"):
        card = find(page.layout(lang=lang), page.card_id("MAR"))
    sources = next(n for n in walk(card) if getattr(n, "className", None) == "ci-sources")
    text = texts(sources)
    assert title in text and note in text
    assert "(4th edition)" not in text and "83.65 printed" not in text
    assert not [n for n in walk(sources) if getattr(n, "lang", None) == "en"]
    disputed = [n for n in walk(card) if getattr(n, "className", None) == "ci-source-note"]
    assert disputed and not [n for d in disputed for n in walk(d)
                             if getattr(n, "lang", None) == "en"]


def test_cross_index_statements_read_in_arabic(pages, app_context):
    """INTERPOL's findings, their reports and kinds of source in Arabic; what stays English
    (marked so) is only the NCSI snapshots the ETL writes as sentences of its own."""
    _, _, _, _, _, statements = pages["crossindex"].update_view(["MAR", "OMN"], "ar")
    text = texts(statements)
    for translated in ("الصحافة (عدد المنابر: 3)", "بيان صحفي لجهة مساهمة (Group-IB)",
                       "تقرير الإنتربول لتقييم التهديدات السيبرانية في أفريقيا 2023",
                       "استأثر المغرب بنسبة 69% من الابتزاز الإلكتروني المرصود في أفريقيا"):
        assert translated in text, translated
    assert "press (3 outlets)" not in text and "Morocco accounted for" not in text
    interpol = column_texts("interpol_africa_cyberthreat_facts.csv", "statement")
    english = [n for n in walk(statements) if getattr(n, "lang", None) == "en"]
    assert all(isinstance(n, html.Blockquote) and n.children not in interpol
               and getattr(n, "dir", None) == "ltr" for n in english), english


def test_cross_index_statements_in_english_are_unchanged(pages, app_context):
    _, _, _, _, _, statements = pages["crossindex"].update_view(["MAR", "OMN"], "en")
    quotes = [n for n in walk(statements) if isinstance(n, html.Blockquote)]
    interpol = column_texts("interpol_africa_cyberthreat_facts.csv", "statement")
    assert len(quotes) >= 9
    assert all(q.lang == "en" and getattr(q, "dir", None) is None for q in quotes)
    assert {q.children for q in quotes} & interpol
    kinds = [n.children for n in walk(statements) if isinstance(n, html.Span)
             and getattr(n, "lang", None) == "en"]
    assert "press (3 outlets)" in kinds


@pytest.mark.parametrize(("lang", "written", "expected"), [
    ("en", "2024 (article 30 May 2024)", "published 2024 (article 30 May 2024)"),
    ("fr", "2024 (article 30 May 2024)", "publié 2024 (article du 30 mai 2024)"),
    ("fr", "2023-03", "publié mars 2023"),
])
def test_a_publication_date_told_in_words_is_translated(pages, lang, written, expected):
    assert pages["crossindex"].published_text(written, lang) == expected


def test_brief_gives_the_findings_and_titles_in_its_language(dash_app):
    client = dash_app.server.test_client()
    page = client.get("/brief/MAR?lang=fr").get_data(as_text=True)
    assert "Indice mondial de cybersécurité 2024 de l&#x27;UIT (5e édition)" in page
    assert "(4e éd.\u202f; tendances de 2024)" in page
    assert "(5th edition)" not in page and "Assessment Report" not in page
    english = client.get("/brief/MAR?lang=en").get_data(as_text=True)
    assert '<span lang="en">ITU Global Cybersecurity Index 2024 (5th edition)</span>' in english
