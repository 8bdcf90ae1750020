"""What a checked claim's explanation says, in English, French and Arabic (audit findings
C18-C21 of the claim check): a "top N" claim is said against its top N; the Arabic preposition
ل is attached to a name as Arabic writes it ("للمغرب", not "لـالمغرب"); a claimed figure "is"
another country's only when equal as printed, else it is close to theirs, each figure given; an
edition that gives a figure for no country says so, from the data, instead of blaming the
country."""

from __future__ import annotations

import re

import pandas as pd
import pycountry
import pytest

from etl import reference
from etl.news.claims import Claim, check_claims, extract_claims
from etl.news.explain import MESSAGES, arabic_li, explain

SOURCE_2020 = "ITU Global Cybersecurity Index 2020"


def said(text: str, official: pd.DataFrame, language: str = "en") -> list:
    """The checked claims of one sentence."""
    return check_claims(extract_claims(text, language), official)


def checked(official: pd.DataFrame, **fields: object):
    """One hand-made claim checked (a wording test independent of how sentences are read)."""
    claim = Claim(**{"text": "", "iso3": "MAR", "index": "itu_gci", "metric": "rank",
                     "value": 10, "edition": 2020, **fields})
    [result] = check_claims([claim], official)
    return result


# C18: a "top N" claim --------------------------------------------------------------------


@pytest.mark.parametrize(("iso3", "top", "verdict", "expected"), [
    ("MAR", 10, "contradicted", {
        "en": f"Contradicted: ITU GCI 2020 gives Morocco rank 50, not in the top 10 (source: "
              f"{SOURCE_2020}).",
        "fr": f"Contredit\u00a0: Maroc — le GCI de l'UIT 2020 donne le rang 50, hors des 10 premiers "
              f"(source\u00a0: {SOURCE_2020}).",
        "ar": f"مناقض: يعطي المؤشر العالمي للأمن السيبراني 2020 المغرب المرتبة 50، خارج المراتب "
              f"الـ10 الأولى (المصدر: \u2068{SOURCE_2020}\u2069).",
    }),
    ("OMN", 25, "consistent", {
        "en": f"Consistent: ITU GCI 2020 gives Oman rank 21, within the top 25 (source: "
              f"{SOURCE_2020}).",
        "fr": f"Conforme\u00a0: Oman — le GCI de l'UIT 2020 donne le rang 21, parmi les 25 premiers "
              f"(source\u00a0: {SOURCE_2020}).",
        "ar": f"متوافق: يعطي المؤشر العالمي للأمن السيبراني 2020 عُمان المرتبة 21، ضمن المراتب "
              f"الـ25 الأولى (المصدر: \u2068{SOURCE_2020}\u2069).",
    }),
])
def test_a_world_top_n_claim_is_said_against_its_top_n(official, iso3, top, verdict, expected):
    """"not in the top 10" / "within the top 25", not "rank 50, not 10" nor a bare "rank 21"."""
    result = checked(official, iso3=iso3, value=top, bound="top")
    assert result.verdict == verdict
    assert result.explanations == expected


@pytest.mark.parametrize(("scope", "top", "verdict", "words"), [
    ("africa", 5, "contradicted", {
        "en": "Contradicted: computed from official scores, Morocco ranks 7 of 54 (Africa) in "
              "ITU GCI 2020, not in the top 5 (source",
        "fr": "Contredit\u00a0: Maroc — rang 7 sur 54 (Afrique) dans le GCI de l'UIT 2020, calculé à "
              "partir des scores officiels, hors des 5 premiers (source",
        "ar": "في المؤشر العالمي للأمن السيبراني 2020، خارج المراتب الـ5 الأولى (المصدر",
    }),
    ("africa", 10, "consistent", {
        "en": "Consistent: computed from official scores, Morocco ranks 7 of 54 (Africa) in "
              "ITU GCI 2020, within the top 10 (source",
        "fr": "Conforme\u00a0: Maroc — rang 7 sur 54 (Afrique) dans le GCI de l'UIT 2020, calculé à "
              "partir des scores officiels, parmi les 10 premiers (source",
        "ar": "في المؤشر العالمي للأمن السيبراني 2020، ضمن المراتب الـ10 الأولى (المصدر",
    }),
])
def test_a_regional_top_n_claim_is_said_against_its_top_n(official, scope, top, verdict, words):
    result = checked(official, value=top, bound="top", scope=scope)
    assert result.verdict == verdict
    for language, text in words.items():
        assert text in result.explanations[language], result.explanations[language]
    assert "ترتيب المغرب هو 7 من أصل 54 (أفريقيا)" in result.explanations["ar"]


@pytest.mark.parametrize(("text", "language", "verdict", "words"), [
    ("Morocco is among the top 10 in the Global Cybersecurity Index 2020.", "en",
     "contradicted", "rank 50, not in the top 10 ("),
    ("Oman is among the top 25 in the Global Cybersecurity Index 2020.", "en", "consistent",
     "rank 21, within the top 25 ("),
    ("Morocco is among the top 5 in Africa in the Global Cybersecurity Index 2020.", "en",
     "contradicted", "7 of 54 (Africa) in ITU GCI 2020, not in the top 5 ("),
    ("Le Maroc figure dans le top 10 de l'indice mondial de cybersécurité 2020.", "fr",
     "contradicted", "le rang 50, hors des 10 premiers ("),
    ("جاء المغرب ضمن أفضل 50 دولة في مؤشر الأمن السيبراني العالمي 2020.", "ar", "consistent",
     "المرتبة 50، ضمن المراتب الـ50 الأولى ("),
    # Near-misses: a plain rank keeps its plain message.
    ("Morocco ranked 93rd in the Global Cybersecurity Index 2020.", "en", "contradicted",
     "gives Morocco rank 50, not 93 ("),
    ("Morocco ranked 7th in Africa in the Global Cybersecurity Index 2020.", "en", "consistent",
     "Morocco ranks 7 of 54 (Africa) in ITU GCI 2020 (source"),
])
def test_top_n_sentences(official, text, language, verdict, words):
    [result] = said(text, official, language)
    assert result.verdict == verdict
    assert words in result.explanation, result.explanation


def test_a_plain_rank_never_speaks_of_a_top(official):
    result = checked(official, value=50)
    assert result.verdict == "consistent"
    assert not any(w in text for text in result.explanations.values()
                   for w in ("top", "premiers", "الأولى"))


# C19: the Arabic preposition ل -----------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("المغرب", "للمغرب"),
    ("الأردن", "للأردن"),
    ("الإمارات العربية المتحدة", "للإمارات العربية المتحدة"),
    ("الجزائر", "للجزائر"),
    ("اللاذقية", "للاذقية"),  # ل + الل…: one lam of the three goes with the alif
    ("عمان", "لعمان"),
    ("عُمان", "لعُمان"),  # CLDR's spelling, with its damma
    ("سلطنة عمان", "لسلطنة عمان"),
    ("مصر", "لمصر"),
    ("لبنان", "للبنان"),
    ("إسرائيل", "لإسرائيل"),
    ("XKX", "لـXKX"),  # a name fallen back to its code
])
def test_arabic_li_attaches_as_arabic_writes_it(name, expected):
    assert arabic_li(name) == expected


def test_no_arabic_message_writes_li_before_a_name_by_hand():
    """ل before a name is {li_country} or {li_other}: never "لـ{country}" ("الـ{claimed}", the
    article before a number, is not a preposition)."""
    by_hand = re.compile(r"(?<!ا)لـ?\{")
    assert [key for key, text in MESSAGES["ar"].items() if by_hand.search(text)] == []


@pytest.mark.parametrize(("iso3", "expected"), [
    ("MAR", "للمغرب"), ("JOR", "للأردن"), ("ARE", "للإمارات العربية المتحدة"),
    ("EGY", "لمصر"), ("OMN", "لعُمان"),
])
def test_no_figure_in_arabic_attaches_li(iso3, expected):
    text = explain("ar", "no_figure", iso3=iso3, index_id="itu_gci", edition=2024,
                   metric_id="legal")
    assert f"({'درجة الركيزة القانونية'}) {expected} في " in text, text


def test_no_country_name_reads_li_then_the_article():
    """Every country's Arabic name (the countries table's: CLDR's or the bundled override)
    after ل: never "لـال…" nor "لال…"."""
    for country in pycountry.countries:
        text = explain("ar", "no_figure", iso3=country.alpha_3, index_id="itu_gci",
                       edition=2024, metric_id="score")
        name = reference.country_name(country.alpha_3, "ar")
        assert "لـال" not in text and " لال" not in text, text
        assert arabic_li(name) in text


def test_another_countrys_figure_takes_li_in_arabic(official):
    """The audit's ar04 wording: Morocco's 82.41 said of Oman is "للمغرب"."""
    [result] = said("حصلت سلطنة عمان على 82.41 نقطة في مؤشر الأمن السيبراني العالمي 2020.",
                    official, "ar")
    assert result.verdict == "contradicted"
    assert result.explanation.endswith(" القيمة 82.41 هي القيمة الرسمية للمغرب في هذا الإصدار.")


# C20: the claimed figure and other countries' -----------------------------------------------


def test_a_figure_close_to_others_is_not_said_to_be_theirs(official):
    """97.5 against GCI 2020: Australia 97.47, India 97.49, Türkiye 97.49 are within the
    tolerance, none is 97.5: "close to", each with its figure."""
    [result] = said("Oman scored 97.5 in the Global Cybersecurity Index 2020.", official)
    assert result.verdict == "contradicted"
    assert result.official["claimed_value_of"] == ["AUS", "IND", "TUR"]
    texts = result.explanations
    assert texts["en"].endswith(" 97.5 is close to the official figure of Australia (97.47), "
                                "India (97.49), Türkiye (97.49) in that edition.")
    assert texts["fr"].endswith(" 97,5 est proche d'un chiffre officiel de cette édition\u00a0: "
                                "Australie (97,47), Inde (97,49), Turquie (97,49).")
    assert texts["ar"].endswith(" القيمة 97.5 قريبة من القيمة الرسمية لأستراليا (97.47) والهند "
                                "(97.49) وتركيا (97.49) في هذا الإصدار.")
    assert not any("is the official figure" in t or "est le chiffre officiel" in t
                   or "هي القيمة الرسمية" in t for t in texts.values())


def test_a_pillar_figure_close_to_another_countrys_score(official):
    """The audit's fr19: Oman's technical 18.39 read as a score; Afghanistan's is 18.41."""
    [result] = said("Oman scored 18.39 in the Global Cybersecurity Index 2024.", official)
    assert result.explanations["fr"].endswith(
        " 18,39 est proche d'un chiffre officiel de cette édition\u00a0: Afghanistan (18,41).")


def test_a_figure_equal_as_printed_is_theirs_and_only_theirs(official):
    """65.87 in GCI 2024 is Colombia's and Algeria's (North Macedonia's 65.89 is only close):
    the equal ones are named, without the close one."""
    [result] = said("Morocco scored 65.87 in the Global Cybersecurity Index 2024.", official)
    texts = result.explanations
    assert texts["en"].endswith(" 65.87 is the official figure of Colombia, Algeria in that "
                                "edition.")
    assert texts["ar"].endswith(" القيمة 65.87 هي القيمة الرسمية لكولومبيا والجزائر في هذا "
                                "الإصدار.")
    assert "Macédoine" not in texts["fr"] and "MKD" in result.official["claimed_value_of"]


def test_malta_stays_the_owner_of_its_figure(official):
    [result] = said("Morocco scored 83.65 in the Global Cybersecurity Index 2020.", official)
    assert result.explanation.endswith(" 83.65 is the official figure of Malta in that edition.")


def test_a_figure_read_on_the_editions_scale_is_said_as_read(official):
    """0.82 in GCI 2024 (a 0-100 edition) is read as 82, Tunisia's figure: the explanation says
    82 is Tunisia's, not the 0.82 printed (which is no country's figure)."""
    [result] = said("Morocco scored 0.82 in the Global Cybersecurity Index 2024.", official)
    assert result.verdict == "contradicted"
    texts = result.explanations
    assert ", not 0.82 " in texts["en"]
    assert texts["en"].endswith(" 82 is the official figure of Tunisia in that edition."), texts
    assert texts["fr"].endswith(" 82 est le chiffre officiel d'un autre pays dans cette "
                                "édition\u00a0: Tunisie."), texts
    assert "0.82 is" not in texts["en"] and "0,82 est" not in texts["fr"]


# C21: a figure an edition gives for no country -------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Morocco was in Tier 2 of the Global Cybersecurity Index 2020.", {
        "en": "Unverifiable: ITU GCI 2020 gives ranks, not tiers (tiers from the 2024 edition on).",
        "fr": "Invérifiable\u00a0: le GCI de l'UIT 2020 donne des rangs, pas de niveaux (niveaux à "
              "partir de l'édition 2024).",
        "ar": "غير قابل للتحقق: يعطي المؤشر العالمي للأمن السيبراني 2020 مراتب لا مستويات (تعطى "
              "مستويات ابتداء من إصدار 2024).",
    }),
    ("Oman ranked 50th in the Global Cybersecurity Index 2024.", {
        "en": "Unverifiable: ITU GCI 2024 gives tiers, not ranks (ranks up to the 2020 edition).",
        "fr": "Invérifiable\u00a0: le GCI de l'UIT 2024 donne des niveaux, pas de rangs (rangs "
              "jusqu'à l'édition 2020).",
        "ar": "غير قابل للتحقق: يعطي المؤشر العالمي للأمن السيبراني 2024 مستويات لا مراتب (تعطى "
              "مراتب حتى إصدار 2020).",
    }),
])
def test_an_edition_without_tiers_or_ranks_says_so(official, text, expected):
    """Not "no official tier for Morocco": ITU gave no tier to anyone in 2020."""
    [result] = said(text, official)
    assert result.verdict == "unverifiable"
    assert result.explanations == expected


def ncsi_rows(*rows: tuple) -> pd.DataFrame:
    """Official NCSI rows: (iso3, edition, score, rank)."""
    return pd.DataFrame(
        [{"indicator": "ncsi.score", "iso3": iso3, "edition": edition, "value": value,
          "scale": "0-100", "rank": rank, "tier": None, "source": "NCSI", "source_url": "u"}
         for iso3, edition, value, rank in rows])


NCSI = ncsi_rows(("EST", 2018, 80.5, 3), ("OMN", 2018, 50.0, 60), ("EST", 2020, None, 3),
                 ("CZE", 2020, None, 2), ("EST", 2022, 85.0, 4), ("EST", 2025, None, 1))


@pytest.mark.parametrize(("fields", "expected"), [
    # 2020 gives ranks only, between editions with scores: no "from"/"up to".
    ({"metric": "score", "value": 60.5, "edition": 2020}, {
        "en": "Unverifiable: NCSI 2020 gives no scores.",
        "fr": "Invérifiable\u00a0: le NCSI 2020 ne donne pas de scores.",
        "ar": "غير قابل للتحقق: لا يعطي المؤشر الوطني للأمن السيبراني 2020 درجات.",
    }),
    ({"metric": "score", "value": 60.5, "edition": 2025}, {
        "en": "Unverifiable: NCSI 2025 gives no scores (scores up to the 2022 edition).",
        "fr": "Invérifiable\u00a0: le NCSI 2025 ne donne pas de scores (scores jusqu'à l'édition 2022).",
        "ar": "غير قابل للتحقق: لا يعطي المؤشر الوطني للأمن السيبراني 2025 درجات (تعطى درجات "
              "حتى إصدار 2022).",
    }),
    ({"metric": "tier", "value": 1, "edition": 2020}, {
        "en": "Unverifiable: NCSI 2020 gives ranks, not tiers.",
        "fr": "Invérifiable\u00a0: le NCSI 2020 donne des rangs, pas de niveaux.",
        "ar": "غير قابل للتحقق: يعطي المؤشر الوطني للأمن السيبراني 2020 مراتب لا مستويات.",
    }),
    ({"metric": "tier", "value": 1, "edition": None}, {
        "en": "Unverifiable: NCSI gives no tiers.",
        "fr": "Invérifiable\u00a0: le NCSI ne donne pas de niveaux.",
        "ar": "غير قابل للتحقق: لا يعطي المؤشر الوطني للأمن السيبراني مستويات.",
    }),
    ({"metric": "rank", "value": 3, "edition": 2020, "scope": "arab"}, {
        "en": "Unverifiable: NCSI 2020 gives no scores. A regional rank is computed from "
              "official scores.",
        "fr": "Invérifiable\u00a0: le NCSI 2020 ne donne pas de scores. Un rang régional est calculé "
              "à partir des scores officiels.",
        "ar": "غير قابل للتحقق: لا يعطي المؤشر الوطني للأمن السيبراني 2020 درجات. تحسب المرتبة "
              "الإقليمية من الدرجات الرسمية.",
    }),
])
def test_what_an_edition_gives_is_read_from_its_rows(fields, expected):
    """Said from the rows, no year written in the code: which editions give the figure and
    what the edition gives instead."""
    result = checked(NCSI, iso3="OMN", index="ncsi", **fields)
    assert result.verdict == "unverifiable"
    assert result.explanations == expected


def test_editions_that_gave_tiers_once_are_read_from_the_rows(official):
    """Tiers in a 2018 edition only (made up): 2020 says they stop at 2018, not that they start
    with 2024."""
    rows = official.copy()
    rows.loc[(rows["indicator"] == "itu_gci.overall") & (rows["edition"] == 2018), "tier"] = 3
    rows = rows[rows["edition"] != 2024]
    result = checked(rows, metric="tier", value=2)
    assert result.explanations["en"] == ("Unverifiable: ITU GCI 2020 gives ranks, not tiers "
                                         "(tiers up to the 2018 edition).")


def test_a_country_missing_from_an_edition_that_has_the_figure_is_named(official):
    """An edition that gives the figure to others: the country has none (as before)."""
    result = checked(official, metric="legal", value=18.4, edition=2024, iso3="EGY")
    assert result.explanations["en"] == ("Unverifiable: no official legal pillar score for Egypt "
                                         "in ITU GCI 2024.")
    assert "لمصر في" in result.explanations["ar"]


def test_no_data_at_all_has_no_stray_edition():
    """An index with no official row at all, edition not stated: "no official data for UN
    EGDI." (was "for UN EGDI .")."""
    result = checked(NCSI, iso3="OMN", index="un_egdi", metric="score", value=0.7,
                     edition=None)
    assert result.explanations["en"] == "Unverifiable: no official data for UN EGDI."
    assert result.explanations["fr"] == ("Invérifiable\u00a0: pas de données officielles pour "
                                         "l'EGDI de l'ONU.")


# A5: a rank in a region the data does not rank --------------------------------------------


def test_a_rank_in_a_region_no_data_ranks_is_unverifiable(official):
    """ "first in the Middle East": unverifiable, said so in every language (not a world rank,
    not "no official rank for Oman"), with no official row."""
    result = checked(official, iso3="OMN", value=1, edition=2017, scope="middle_east")
    assert (result.verdict, result.official) == ("unverifiable", None)
    assert result.explanations == {
        "en": "Unverifiable: the official data hold no ranking for the Middle East in ITU GCI; "
              "regional ranks are computed from official scores only for Africa, the Arab "
              "states and the GCC.",
        "fr": "Invérifiable\u00a0: les données officielles ne donnent aucun classement pour le "
              "Moyen-Orient dans le GCI de l'UIT\u202f; les rangs régionaux ne sont calculés à partir "
              "des scores officiels que pour l'Afrique, les États arabes et le CCG.",
        "ar": "غير قابل للتحقق: لا تتضمن البيانات الرسمية ترتيبا للشرق الأوسط في المؤشر "
              "العالمي للأمن السيبراني، ولا تحسب المراتب الإقليمية من النتائج الرسمية إلا لأفريقيا "
              "والدول العربية ومجلس التعاون الخليجي.",
    }


@pytest.mark.parametrize(("text", "language", "metric"), [
    pytest.param("Oman ranked first in the Middle East in the Global Cybersecurity Index 2017.",
                 "en", "rank_in_middle_east", id="en37"),
    pytest.param("تصدرت سلطنة عمان دول الشرق الأوسط في مؤشر الأمن السيبراني العالمي 2017.", "ar",
                 "rank_in_middle_east", id="ar31"),
    pytest.param("Le Maroc se classe premier en Afrique du Nord dans l'indice mondial de "
                 "cybersécurité 2024.", "fr", "rank_in_north_africa", id="fr21"),
    pytest.param("Le Maroc est premier au Maghreb dans l'indice mondial de cybersécurité 2020.",
                 "fr", "rank_in_maghreb", id="fr29"),
    pytest.param("Oman is among the top five in the Middle East in the Global Cybersecurity "
                 "Index 2020.", "en", "top_n_in_middle_east", id="top-n"),
])
def test_regional_ranks_the_data_does_not_rank_are_listed_unverifiable(official, text, language,
                                                                       metric):
    from etl.news.article import analyse_article

    [claim] = analyse_article(text, language, official)["claims"]
    assert (claim["metric"], claim["verdict"]) == (metric, "unverifiable")
    assert claim["explanation"].startswith(MESSAGES[language]["region_not_ranked"][:16])


def test_every_unranked_region_has_a_name_in_every_language():
    from etl.news.explain import REGION_NAMES
    from etl.news.lexicon import UNRANKED_REGIONS_BY_SCOPE

    for language in MESSAGES:
        assert set(UNRANKED_REGIONS_BY_SCOPE) <= set(REGION_NAMES[language]), language
        for scope in UNRANKED_REGIONS_BY_SCOPE:
            said = explain(language, "region_not_ranked", region_id=scope, index_id="ncsi")
            name = REGION_NAMES[language][scope]
            assert (arabic_li(name) if language == "ar" else name) in said
            assert "{" not in said and "  " not in said
