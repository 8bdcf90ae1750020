"""A checked claim's explanation names the document of its official figure in the reader's
language, whatever index it is about: the GCI reports, the UN E-Government Survey of a year,
the NCSI snapshot a figure was read in. French and Arabic explanations (the News page, the
claims download, the API) hold no English document title."""

from __future__ import annotations

import json

import pytest

from dashboard import i18n
from etl import news_export, pipeline, store
from etl.news import reading
from etl.news.explain import document_name, explanation_in
from etl.news.verify import PILLARS, SCORE_INDICATORS
from etl.sources import ncsi, news_files, un_egdi
from tests.conftest import clone_store, make_settings

# Every indicator a claim is checked against (etl.news.verify).
CLAIMED = {*SCORE_INDICATORS.values(), *(f"itu_gci.{pillar}" for pillar in PILLARS)}

# Articles quoting EGDI and NCSI figures of the bundled data, in the three languages.
ARTICLES = {
    "egdi_en": (
        "en",
        "Morocco scored 0.6841 in the UN E-Government Development Index (EGDI) 2024, ranking 90th.",
    ),
    "egdi_fr": ("fr", "Le Maroc a obtenu un score de 0,70 dans l'EGDI 2022 des Nations unies."),
    "egdi_ar": ("ar", "حصل المغرب على 0.6841 في مؤشر تطوير الحكومة الإلكترونية لعام 2024."),
    "ncsi_en": (
        "en",
        "Morocco ranked 32nd in the National Cyber Security Index (NCSI) 2022 "
        "with a score of 70.13.",
    ),
    "ncsi_fr": (
        "fr",
        "Le Maroc est classé 25e dans l'indice national de cybersécurité (NCSI) 2025.",
    ),
    "ncsi_ar": ("ar", "احتل المغرب المرتبة 32 في المؤشر الوطني للأمن السيبراني لعام 2022."),
}


@pytest.fixture(scope="module")
def claimed_store(loaded_settings, tmp_path_factory):
    """The loaded store (bundled data and sample articles) plus the articles above, loaded as
    news files are: their claims checked against the official rows and stored."""
    tmp = tmp_path_factory.mktemp("document-names")
    folder = tmp / "news"
    folder.mkdir()
    for name, (lang, text) in ARTICLES.items():
        (folder / f"{name}.json").write_text(
            json.dumps(
                {
                    "title": f"Figures quoted ({name})",
                    "url": f"https://example.org/{name}",
                    "date": "2025-03-01",
                    "outlet": "example.org",
                    "language": lang,
                    "text": text,
                },
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    settings = make_settings(tmp, news_files_dir=folder)
    clone_store(loaded_settings.database_url, settings.database_url)
    engine = store.make_engine(settings.database_url)
    result = pipeline.run_source(news_files, settings, engine)
    assert result.status == "succeeded", result.reason
    yield engine
    engine.dispose()


def english_titles(engine) -> set[str]:
    """The English title of every document an official row a claim can be checked against
    names (as the store holds them)."""
    rows = reading.official_rows_of(engine)
    return set(rows.loc[rows["indicator"].isin(CLAIMED), "source"].dropna())


def test_the_articles_quote_every_kind_of_document(claimed_store):
    """The store's claims name a GCI report, an EGDI survey and an NCSI snapshot."""
    claims = store.claims_frame(claimed_store, include_samples=True, limit=None)
    sources = set(claims["official_source"].dropna())
    assert any(s.startswith("ITU Global Cybersecurity Index") for s in sources)
    assert {"UN E-Government Survey 2022", "UN E-Government Survey 2024"} <= sources
    assert {
        "NCSI snapshot: country-page version 2022-02-23",
        "NCSI snapshot: 2025 relaunch, 61 countries listed",
    } <= sources


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_explanations_name_no_document_in_english(claimed_store, lang):
    """Every stored claim's explanation in French and Arabic (as the News page and the API say
    it, and in the claims download) names its document in that language: no English title of
    any document left in it."""
    titles = english_titles(claimed_store)
    assert len(titles) > 10
    claims = store.claims_frame(claimed_store, include_samples=True, limit=None)
    named = claims[claims["official_source"].notna()]
    assert len(named) > 20
    for row in named.to_dict("records"):
        text, said_in = explanation_in(row, lang)
        assert said_in == lang, row["explanation_en"]
        assert not [title for title in titles if title in text], text
        assert document_name(row["official_source"], lang) in text
    download = news_export.claims_rows(
        claimed_store, store.ArticleFilter(include_samples=True), lang=lang
    )
    assert len(download) == len(claims)
    for text in download["explanation"]:
        assert not [title for title in titles if title in text], text


@pytest.mark.parametrize(
    ("lang", "egdi", "ncsi_2025"),
    [
        (
            "fr",
            "Enquête des Nations unies sur l'administration en ligne 2024",
            "Instantané du NCSI\u00a0: relance de 2025, 61 pays listés",
        ),
        (
            "ar",
            "مسح الأمم المتحدة للحكومة الإلكترونية 2024",
            "لقطة من المؤشر الوطني للأمن السيبراني (NCSI): إعادة إطلاق 2025، 61 دولة مدرجة",
        ),
    ],
)
def test_survey_and_snapshot_titles_read_in_the_language(lang, egdi, ncsi_2025):
    """The survey's year is kept as written; the snapshot said by its own catalog entry."""
    assert document_name("UN E-Government Survey 2024", lang) == egdi
    assert document_name("NCSI snapshot: 2025 relaunch, 61 countries listed", lang) == ncsi_2025
    assert document_name("UN E-Government Survey 2024", "en") == "UN E-Government Survey 2024"


def test_every_document_a_claim_can_name_is_translated(loaded_engine):
    """Each document title of the official rows claims are checked against has a French and
    an Arabic name."""
    titles = sorted(english_titles(loaded_engine))
    assert titles
    for title in titles:
        for lang in ("fr", "ar"):
            name = document_name(title, lang)
            assert name and name != title, (lang, title)


def test_a_title_with_an_untranslated_part_stays_whole():
    """A snapshot no catalog describes keeps the whole title in English, never half of it."""
    title = "NCSI snapshot: a page nobody described"
    assert document_name(title, "fr") == title
    assert document_name(None, "fr") is None and document_name("", "ar") is None


def test_titles_are_the_sources_own_and_catalog_entries():
    """The title templates are the ones the sources write, extracted from their modules."""
    assert un_egdi.DOCUMENT_TITLE.format(year=2022) == "UN E-Government Survey 2022"
    assert ncsi.DOCUMENT_TITLE.format(snapshot="x") == "NCSI snapshot: x"
    template = {str(m.id): m for m in i18n.extract_messages() if m.id}
    for title, module in (
        (un_egdi.DOCUMENT_TITLE, "etl/sources/un_egdi.py"),
        (ncsi.DOCUMENT_TITLE, "etl/sources/ncsi.py"),
    ):
        assert any(f == module for f, _ in template[title].locations), title
        for lang in ("fr", "ar"):
            assert i18n.catalog(lang).get(title), (lang, title)
