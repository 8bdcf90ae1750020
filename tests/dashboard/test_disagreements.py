"""Evidence beside values: "sources disagree" blocks and correction badges (issue 4)."""

from __future__ import annotations

import pandas as pd
import pytest
from dash import html

from dashboard import data, i18n, provenance
from dashboard.layout import catalog_element
from tests.dashboard.tree_support import find, serialises, texts, walk


def _badges(component) -> list[str]:
    return [texts(n) for n in walk(component)
            if isinstance(n, html.Span) and getattr(n, "className", None) == "ci-correction"]


@pytest.mark.parametrize(("lang", "values", "who"), [
    pytest.param("en", ("82.41", "83.65", "82.4"),
                 ("the ITU report, read through Blavatnik ITU-PDF extraction; "
                  "SSPI transcription of the ITU report", "press or official statement"), id="en"),
    pytest.param("fr", ("82,41", "83,65", "82,4"),
                 ("le rapport de l'UIT, lu par extraction des PDF de l'UIT (Blavatnik)\u202f; "
                  "transcription SSPI du rapport de l'UIT", "la presse ou un communiqué officiel"),
                 id="fr"),
    pytest.param("ar", ("82.41", "83.65", "82.4"),
                 ("تقرير الاتحاد الدولي للاتصالات كما نُقل عبر استخراج من ملفات PDF", "الصحافة أو البيانات الرسمية"),
                 id="ar"),
])
def test_country_page_lists_each_disputed_value_and_its_source(pages, app_context, lang,
                                                                values, who):
    """Morocco 2020: 82.41 per the ITU report (read through Blavatnik's PDF extraction) and
    per SSPI's transcription of it, 82.4 and 83.65 in the press."""
    page = pages["country"]
    root = page.layout(iso3="MAR", lang=lang)
    assert serialises(root)
    block = find(root, page.ID_DISAGREE)
    assert block is not None
    text = texts(block)
    for value in values:
        assert value in text.split("\n")
    for label in who:
        assert label in text
    assert {"en": "its overall '83.65' is Malta's score (rank 49), not Morocco's",
            "fr": "son score global «\u00a083,65\u00a0» est celui de Malte (rang 49), pas celui du Maroc",
            "ar": "ودرجته الإجمالية «83.65» هي درجة مالطا (المرتبة 49) لا درجة المغرب",
            }[lang] in text
    hosts = {n.children for n in walk(block) if isinstance(n, html.A)}
    assert {"dailymorocco.com", "artus-maroc.ma"} <= hosts
    assert any(host.startswith("github.com/") for host in hosts), hosts


def _titles(root) -> list[str]:
    return [texts(n) for n in walk(root)
            if isinstance(n, html.Span) and getattr(n, "className", None) == "ci-disputed-title"]


def test_disputed_titles_name_the_indicator_and_a_field_only_when_another(pages, app_context):
    """Oman's disputed GCI figures: an overall score is titled "GCI overall score, 2020" (not
    "...: Overall score"), a pillar by its name; a rank or tier says which."""
    titles = _titles(pages["country"].layout(iso3="OMN", lang="en"))
    titles += _titles(pages["country"].layout(iso3="MAR", lang="fr"))
    assert titles, "no disputed figure"
    assert not [title for title in titles if "itu_gci" in title
                or title.endswith((": Overall score", "\u00a0: Score global"))]
    assert "GCI overall score, 2024" in titles and "Score global du GCI, 2020" in titles, titles
    disputed = pd.DataFrame({
        "indicator_id": ["itu_gci.cooperation", "itu_gci.overall"], "edition": [2020, 2020],
        "field": ["cooperation", "global_rank"], "value": [19.4, 50.0],
        "sources": ["press", "bipa"], "n_citations": [1, 1], "source_urls": ["", ""],
        "source_notes": [None, None]})
    shown = pd.DataFrame(columns=["indicator_id", "edition", "value", "rank", "tier"])
    items = html.Ul(provenance.disagreement_items(disputed, shown, "en"))
    assert _titles(items) == ["GCI pillar: Cooperation, 2020", "GCI overall score, 2020: Global rank"]


def test_the_value_shown_is_marked(pages, app_context):
    """Only the value the dashboard publishes (82.41) says it is the one shown here; an
    article's 82.4 says it is that value rounded (it does not disagree); 83.65 says neither."""
    block = find(pages["country"].layout(iso3="MAR", lang="en"), pages["country"].ID_DISAGREE)
    values = {texts(item.children[0]): texts(item) for item in walk(block)
              if isinstance(item, html.Li) and item.children
              and isinstance(item.children[0], html.Strong)}
    assert "the value shown here" in values["82.41"] and "rounded" not in values["82.41"]
    assert "agrees with the value shown here, once rounded" in values["82.4"]
    assert "the value shown here" not in values["83.65"]


def test_no_block_without_disagreement(pages, app_context):
    """A country whose sources agree has no "sources disagree" block."""
    root = pages["country"].layout(iso3="TUN", lang="en")
    assert find(root, pages["country"].ID_DISAGREE) is None


@pytest.mark.parametrize(("iso3", "values"), [
    pytest.param("MAR", ("82.41", "83.65"), id="MAR"),
    pytest.param("OMN", ("97.01", "97.02"), id="OMN"),
])
def test_overview_cards_list_the_disputed_values(pages, app_context, iso3, values):
    """The card's disagreement block lists each value and its source for the shown editions."""
    page = pages["overview"]
    root = page.layout(lang="en")
    block = find(root, f"{page.card_id(iso3)}-disagreements")
    text = texts(block)
    assert "Sources disagree" in text
    for value in values:
        assert value in text.split("\n")


@pytest.mark.parametrize(("lang", "label"), [
    pytest.param("en", "Flagged", id="en"),
    pytest.param("fr", "Signalé", id="fr"),
    pytest.param("ar", "مُعلَّم", id="ar"),
])
def test_flagged_correction_is_shown_on_the_value(pages, app_context, lang, label):
    """Oman's GCI 2024 (ledger flag) carries a badge with the reason in the country tables."""
    page = pages["country"]
    root = page.layout(iso3="OMN", lang=lang)
    table = find(root, page.ID_FIGURES)
    rows = [r for r in table.children[2].children if texts(r).startswith("2024\n")]
    [overall] = [texts(r) for r in rows if _badges(r)]
    assert overall.split("\n")[2] == ("97,02" if lang == "fr" else "97.02")
    [badge] = _badges(table)
    assert badge.startswith(label)
    assert {"en": "Sources differ by 0.01: 97.02 is the ITU profile figure",
            "fr": "Les sources diffèrent de 0,01\u00a0: 97,02 est le chiffre du profil de l'UIT",
            "ar": "تختلف المصادر بفارق 0.01: الرقم 97.02 هو رقم الملف القُطري للاتحاد الدولي "
                  "للاتصالات"}[lang] in badge
    assert i18n.format_day("2026-11-29", lang) in badge and "zawya.com" in badge
    if lang == "en":  # the date is the ledger entry's, not the press report's
        assert "(in the corrections ledger since Nov 29, 2026)" in badge


def test_every_flagged_value_in_the_ledger_is_badged(pages, app_context, loaded_engine):
    """Each observation the ledger marks shows one badge on its country's figure table."""
    observations = data.gci_observations(loaded_engine)
    flagged = observations[observations["correction"].notna()]
    assert set(flagged["iso3"]) >= {"OMN", "PLW", "SLV"}
    for iso3, rows in flagged.groupby("iso3"):
        table = find(pages["country"].layout(iso3=iso3, lang="en"), pages["country"].ID_FIGURES)
        assert len(_badges(table)) == len(rows), iso3


def test_overview_badges_oman_2024(pages, app_context):
    """The overview's Oman card shows the flag on its 2024 score."""
    page = pages["overview"]
    card = find(page.layout(lang="en"), page.card_id("OMN"))
    assert any(b.startswith("Flagged") for b in _badges(card))


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("flag: doubtful [reported 2026-11-29; https://x.org/a]",
                 {"action": "flag", "reason": "doubtful", "date": "2026-11-29",
                  "url": "https://x.org/a"}, id="flag"),
    pytest.param("override: typo in the PDF [reported 2025-01-02; https://x.org]",
                 {"action": "override", "reason": "typo in the PDF", "date": "2025-01-02",
                  "url": "https://x.org"}, id="override"),
    pytest.param("open report (flag): maybe wrong: see note [reported 2025-03-04; https://y]",
                 {"action": "open", "reason": "maybe wrong: see note", "date": "2025-03-04",
                  "url": "https://y"}, id="open-report"),
    pytest.param("something free-form", {"action": "flag", "reason": "something free-form",
                                         "date": "", "url": ""}, id="free-form"),
    pytest.param(None, None, id="none"),
    pytest.param(float("nan"), None, id="nan"),
])
def test_parse_correction(text, expected):
    """Ledger marks parse into action, reason, date and URL; missing gives None."""
    assert data.parse_correction(text) == expected


def test_badge_is_empty_without_correction():
    """No ledger mark, no badge: the plain value stays a plain string."""
    assert provenance.correction_badge(None, "en") == ""
    assert provenance.value_with_correction("97.5", None, "en") == "97.5"


def _notes_by_edition(page, iso3: str, lang: str) -> dict[str, list[str]]:
    table = find(page.layout(iso3=iso3, lang=lang), page.ID_FIGURES)
    notes: dict[str, list[str]] = {}
    for row in table.children[2].children:
        cells = row.children
        notes.setdefault(texts(cells[0]), []).append(texts(cells[-1]))
    return notes


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_an_editions_note_is_written_once_in_the_country_table(pages, app_context, lang):
    """A note the edition's figures share (the UAE's 2024 pillars, derived from an overall of
    100) is written on the first and pointed to on the others, where it used to repeat six
    times. A note on the overall score alone (Oman's 97.02 / 97.01 disagreement) is written on
    the overall and not beside the pillars, which have their own sources."""
    page = pages["country"]
    engine = data.current_engine()
    for iso3, edition in (("ARE", 2024), ("OMN", 2024)):
        stored = data.gci_observations(engine, [iso3]).set_index(
            ["indicator_id", "edition"])["source_note"]
        said = texts(catalog_element(html.Span, stored[(data.GCI_OVERALL, edition)], lang))
        [first, *rest] = _notes_by_edition(page, iso3, lang)[str(edition)]
        assert first == said and len(rest) == 5
        if iso3 == "ARE":
            assert stored[(data.GCI_OVERALL, edition)].startswith("pillars derived")
            assert rest == [i18n.t("As above", lang)] * 5
        else:
            assert stored[(data.GCI_OVERALL, edition)].startswith("ITU profile figure 97.02")
            assert rest == [""] * 5
        if lang != "en":
            assert said != stored[(data.GCI_OVERALL, edition)]  # translated
    notes = _notes_by_edition(page, "OMN", lang)
    assert notes["2018"] == [""] * len(notes["2018"])
