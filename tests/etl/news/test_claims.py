"""Claim extraction from sentences and the check against official ITU GCI rows."""

import pytest

from etl.news import analyse_article, check_claims, extract_claims


def figures(text, language=None):
    return [
        (c.iso3, c.index, c.metric, c.value, c.edition, c.scope, c.bound)
        for c in extract_claims(text, language)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "حصل المغرب على ٩٧٫٥ نقطة في مؤشر الأمن السيبراني العالمي 2024.",
            ("MAR", "itu_gci", "score", 97.5, 2024, "world", "eq"),
            id="arabic-indic-digits",
        ),
        pytest.param(
            "Le Maroc obtient 97,5 dans l’indice mondial de cybersécurité 2024.",
            ("MAR", "itu_gci", "score", 97.5, 2024, "world", "eq"),
            id="decimal-comma",
        ),
        pytest.param(
            "Morocco scored 97.5% in the Global Cybersecurity Index 2024.",
            ("MAR", "itu_gci", "score", 97.5, 2024, "world", "eq"),
            id="percent",
        ),
        pytest.param(
            "Le Maroc est classé 50e dans le GCI 2020 de l’UIT.",
            ("MAR", "itu_gci", "rank", 50, 2020, "world", "eq"),
            id="50e",
        ),
        pytest.param(
            "Morocco ranked 50th in the Global Cybersecurity Index 2020.",
            ("MAR", "itu_gci", "rank", 50, 2020, "world", "eq"),
            id="50th",
        ),
        pytest.param(
            "Morocco is at rank 50 in the Global Cybersecurity Index 2020.",
            ("MAR", "itu_gci", "rank", 50, 2020, "world", "eq"),
            id="rank-50",
        ),
        pytest.param(
            "احتل المغرب المرتبة 50 في مؤشر الأمن السيبراني العالمي 2020.",
            ("MAR", "itu_gci", "rank", 50, 2020, "world", "eq"),
            id="almartaba-50",
        ),
        pytest.param(
            "صُنّف المغرب ضمن الفئة الأولى في مؤشر الأمن السيبراني العالمي 2024.",
            ("MAR", "itu_gci", "tier", 1, 2024, "world", "eq"),
            id="alfia-alula",
        ),
        pytest.param(
            "Le Maroc est au niveau 1 de l’indice mondial de cybersécurité 2024.",
            ("MAR", "itu_gci", "tier", 1, 2024, "world", "eq"),
            id="niveau-1",
        ),
        pytest.param(
            "Morocco scored 18.12 in technical measures in the Global Cybersecurity Index 2024.",
            ("MAR", "itu_gci", "technical", 18.12, 2024, "world", "eq"),
            id="pillar",
        ),
        pytest.param(
            "Morocco is first in Africa in the Global Cybersecurity Index 2020.",
            ("MAR", "itu_gci", "rank", 1, 2020, "africa", "eq"),
            id="first-in-africa",
        ),
        pytest.param(
            "Le Maroc est premier en Afrique dans l’indice mondial de cybersécurité 2020.",
            ("MAR", "itu_gci", "rank", 1, 2020, "africa", "eq"),
            id="premier-en-afrique",
        ),
        pytest.param(
            "جاء المغرب الأول عربيا في مؤشر الأمن السيبراني العالمي 2020.",
            ("MAR", "itu_gci", "rank", 1, 2020, "arab", "eq"),
            id="alawal-arabiyan",
        ),
        pytest.param(
            "تصدر المغرب الدول الإفريقية في مؤشر الأمن السيبراني العالمي 2020.",
            ("MAR", "itu_gci", "rank", 1, 2020, "africa", "eq"),
            id="tasaddara",
        ),
        pytest.param(
            "Oman is among the top five Arab states in the Global Cybersecurity Index 2020.",
            ("OMN", "itu_gci", "rank", 5, 2020, "arab", "top"),
            id="top-five-arab",
        ),
        pytest.param(
            "Oman leads the GCC in the Global Cybersecurity Index 2020.",
            ("OMN", "itu_gci", "rank", 1, 2020, "gcc", "eq"),
            id="leads-gcc",
        ),
    ],
)
def test_claim_extraction(text, expected):
    """Each written form of a figure gives the claim (country, index, metric, value, edition, scope)."""
    assert figures(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Morocco ranked 75th in the GCI, the Global Competitiveness Index 2019.", id="other-gci"
        ),
        pytest.param("Morocco ranked 50th in the 2020 world football table.", id="no-index"),
        pytest.param(
            "The Global Cybersecurity Index 2024 gave 97.5 to one country.", id="no-country"
        ),
        pytest.param(
            "وقعت سلطنة عمان اتفاقية لتنفيذ رؤية عمان 2040 في مؤشر الأمن السيبراني العالمي.",
            id="vision-year-no-figure",
        ),
    ],
)
def test_no_claim(text):
    """A sentence without country, index or figure gives no claim."""
    assert extract_claims(text) == []


def verdicts(sample, official):
    result = analyse_article(sample["text"], sample["language"], official)
    return {(c["iso3"], c["metric"], c["value"]): c["verdict"] for c in result["claims"]}


@pytest.mark.parametrize(
    ("name", "claim", "verdict"),
    [
        pytest.param(
            "en_morocco_gci2024_tier1", ("MAR", "score", 97.5), "consistent", id="en-consistent"
        ),
        pytest.param("en_morocco_gci2024_tier1", ("MAR", "tier", 1), "consistent", id="en-tier"),
        pytest.param(
            "en_morocco_gci2024_tier1", ("MAR", "rank", 1), "unverifiable", id="en-rank-2024"
        ),
        pytest.param(
            "en_gci2020_misquote", ("MAR", "score", 83.65), "contradicted", id="en-malta-score"
        ),
        pytest.param(
            "en_gci2020_misquote", ("OMN", "score", 96.04), "consistent", id="en-oman-2020"
        ),
        pytest.param("en_amman_conference", ("OMN", "rank", 2), "unverifiable", id="en-ncsi-2030"),
        pytest.param("fr_maroc_gci2024", ("MAR", "score", 97.5), "consistent", id="fr-consistent"),
        pytest.param("fr_maroc_gci2024", ("MAR", "rank", 1), "unverifiable", id="fr-rank-2024"),
        pytest.param(
            "fr_maroc_gci2020_erreur", ("MAR", "score", 83.65), "contradicted", id="fr-contradicted"
        ),
        pytest.param(
            "fr_maroc_gci2020_erreur", ("MAR", "rank", 50), "consistent", id="fr-rank-50e"
        ),
        pytest.param(
            "fr_maroc_gci2020_erreur", ("MAR", "rank_in_africa", 1), "contradicted", id="fr-africa"
        ),
        pytest.param("fr_oman_sultanat", ("OMN", "rank", 21), "consistent", id="fr-oman-21e"),
        pytest.param(
            "ar_morocco_gci2024", ("MAR", "score", 97.5), "consistent", id="ar-consistent"
        ),
        pytest.param("ar_morocco_gci2024", ("MAR", "rank", 1), "unverifiable", id="ar-rank-2024"),
        pytest.param(
            "ar_gci2020_oman_morocco", ("MAR", "score", 83.65), "contradicted", id="ar-contradicted"
        ),
        pytest.param("ar_gci2020_oman_morocco", ("OMN", "rank", 21), "consistent", id="ar-oman-21"),
        pytest.param(
            "ar_oman_ncsi_2030", ("OMN", "score", 90.0), "unverifiable", id="ar-ncsi-2030"
        ),
    ],
)
def test_sample_verdicts(official, load_sample, name, claim, verdict):
    """The sample articles' claims get the expected verdict against the official GCI rows."""
    assert verdicts(load_sample(name), official)[claim] == verdict


@pytest.mark.parametrize("name", ["en_competitiveness_gci", "ar_amman_forum"])
def test_samples_without_claims(official, load_sample, name):
    """Samples about another GCI, or about Amman, give no claim."""
    assert verdicts(load_sample(name), official) == {}


def check(text, official, language=None):
    return check_claims(extract_claims(text, language), official)


def test_contradicted_value_names_the_country_it_belongs_to(official):
    """Morocco 83.65 in GCI 2020 is contradicted by 82.41, and 83.65 is said to be Malta's score."""
    [result] = check("Morocco scored 83.65 in the Global Cybersecurity Index 2020.", official)
    assert result.verdict == "contradicted"
    assert result.official["value"] == 82.41
    assert result.official["claimed_value_of"] == ["MLT"]
    assert "82.41" in result.explanation_en and "Malta" in result.explanation_en


def test_explanations_in_article_language_and_english(official):
    """Each checked claim explains itself in the article's language and in English."""
    [result] = check("حصل المغرب على 83.65 نقطة في مؤشر الأمن السيبراني العالمي 2020.", official)
    assert "مناقض" in result.explanation and "مالطا" in result.explanation
    assert result.explanation_en.startswith("Contradicted")


def test_explanations_in_every_language(official):
    """A checked claim is also explained in every language the dashboard speaks, the article's
    own and English among them; French writes its figures with a decimal comma."""
    [result] = check("Morocco scored 83.65 in the Global Cybersecurity Index 2020.", official)
    said = result.explanations
    assert set(said) == {"en", "fr", "ar"}
    assert said["en"] == result.explanation == result.explanation_en
    assert said["fr"].startswith("Contredit") and "82,41" in said["fr"] and "83,65" in said["fr"]
    assert "Malte" in said["fr"] and "82.41" not in said["fr"]
    assert said["ar"].startswith("مناقض") and "82.41" in said["ar"]
    # The English source title is a bidi isolate inside the Arabic line (its brackets kept).
    source = result.official["source"]
    assert f"\u2068{source}\u2069" in said["ar"] and "\u2068" not in said["en"] + said["fr"]
    assert result.to_dict()["explanations"] == said


def test_latest_edition_when_not_stated(official):
    """Without an edition, the latest edition with that figure is used and the explanation says so."""
    [score] = check("Morocco scored 97.5 in the Global Cybersecurity Index.", official)
    [rank] = check("Morocco ranked 50th in the Global Cybersecurity Index.", official)
    assert (score.verdict, score.official["edition"]) == ("consistent", 2024)
    assert (rank.verdict, rank.official["edition"]) == ("consistent", 2020)
    assert "latest edition" in rank.explanation_en


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        pytest.param(
            "Oman scored 86.8% in the Global Cybersecurity Index 2018.",
            "consistent",
            id="percent-0-1",
        ),
        pytest.param(
            "Oman scored 0.868 in the Global Cybersecurity Index 2018.", "consistent", id="0-1"
        ),
        pytest.param(
            "Oman scored 87.1% in the Global Cybersecurity Index 2018.",
            "contradicted",
            id="percent-off",
        ),
        pytest.param(
            "Morocco scored 97.50 in the Global Cybersecurity Index 2024.",
            "consistent",
            id="trailing-zero",
        ),
        pytest.param(
            "Morocco scored 97.54 in the Global Cybersecurity Index 2024.",
            "consistent",
            id="within-0.05",
        ),
        pytest.param(
            "Morocco scored 97.6 in the Global Cybersecurity Index 2024.",
            "contradicted",
            id="beyond-0.05",
        ),
        pytest.param(
            "Morocco ranked 49th in the Global Cybersecurity Index 2020.",
            "contradicted",
            id="wrong-rank",
        ),
        pytest.param(
            "Morocco ranked 1st in the Global Cybersecurity Index 2024.",
            "unverifiable",
            id="rank-2024",
        ),
        pytest.param(
            "Morocco scored 80 in the National Cyber Security Index 2023.",
            "unverifiable",
            id="no-data",
        ),
        pytest.param(
            "Morocco ranks first in Africa on malware, says INTERPOL 2022 report.",
            "unverifiable",
            id="interpol",
        ),
        pytest.param(
            "Oman leads the GCC in the Global Cybersecurity Index 2020.",
            "contradicted",
            id="gcc-computed",
        ),
        pytest.param(
            "Oman is among the top five Arab states in the Global Cybersecurity Index 2020.",
            "consistent",
            id="top-five-computed",
        ),
    ],
)
def test_verdicts(official, text, verdict):
    """Scales, tolerance, missing ranks, missing data and regional orders give the right verdict."""
    assert [c.verdict for c in check(text, official)] == [verdict]


def test_regional_claim_is_computed_from_official_scores(official):
    """A regional rank is checked against the order of official scores within the region."""
    [result] = check(
        "Oman is among the top five Arab states in the Global Cybersecurity Index 2020.", official
    )
    assert result.official["computed_from"] == "official scores"
    assert result.official["regional_rank"] <= 5
    assert "computed from official scores" in result.explanation_en


def test_custom_regions(official):
    """Regions can be passed in: Oman leads a region made of Oman and Morocco."""
    claims = extract_claims("Oman leads the GCC in the Global Cybersecurity Index 2020.")
    [result] = check_claims(claims, official, {"gcc": {"OMN", "MAR"}})
    assert result.verdict == "consistent"


def test_analyse_article_keys(official, load_sample):
    """analyse_article gives exactly the keys the CLI prints."""
    sample = load_sample("en_gci2020_misquote")
    result = analyse_article(sample["text"], official=official)
    assert list(result) == ["language", "countries", "indices", "claims"]
    assert list(result["countries"][0]) == ["iso3", "count", "forms"]
    assert list(result["indices"][0]) == ["id", "count"]
    assert list(result["claims"][0]) == [
        "text",
        "iso3",
        "index",
        "metric",
        "value",
        "edition",
        "verdict",
        "official",
        "explanation",
    ]


@pytest.mark.parametrize("language", ["ar", "fr", "en"])
def test_samples_cover_every_verdict_per_language(official, language):
    """Per language, the samples hold a consistent, a contradicted and an unverifiable claim."""
    import json
    from pathlib import Path

    folder = Path(__file__).parents[3] / "datasets" / "news_samples"
    seen = set()
    for path in folder.glob(f"{language}_*.json"):
        sample = json.loads(path.read_text(encoding="utf-8"))
        assert sample["sample"] is True and sample["url"].startswith("https://example.org/samples/")
        seen |= {
            c["verdict"] for c in analyse_article(sample["text"], language, official)["claims"]
        }
    assert {"consistent", "contradicted", "unverifiable"} <= seen


def test_claims_are_built_with_every_field_of_the_dataclass():
    """Claims built without ``__init__`` hold exactly the dataclass fields and equal one built by it."""
    from dataclasses import fields

    from etl.news.claims import Claim

    (claim,) = extract_claims("Morocco scored 97.5% in the Global Cybersecurity Index 2024.")
    assert list(vars(claim)) == [f.name for f in fields(Claim)]
    rebuilt = Claim(**vars(claim))
    assert claim == rebuilt and hash(claim) == hash(rebuilt) and repr(claim) == repr(rebuilt)


def test_french_explanations_never_put_a_country_after_a_preposition():
    """French names take an article ("le Maroc") that CLDR does not give: no explanation may
    read "pour Maroc" or "de : Malte"; the country leads instead ("Maroc — …")."""
    import re

    from etl.news.explain import MESSAGES, explain

    bad = re.compile(r"\b(pour|de|du|à)( :)? \{(country|other)\}")
    assert [m for m in MESSAGES["fr"].values() if bad.search(m)] == []
    said = explain("fr", "consistent", iso3="MAR", index_id="itu_gci", edition=2024,
                   metric_id="score", official="97.5", source="ITU GCI 2024")
    assert said.startswith("Conforme\u00a0: Maroc — ") and "97,5" in said


@pytest.mark.parametrize("metric", ["score", "rank", "tier", "legal", "cooperation"])
@pytest.mark.parametrize(("lang", "bad"), [("en", " a "), ("en", " of "), ("fr", "(un "),
                                           ("fr", " de)"), ("fr", "(le ")])
def test_no_figure_names_the_metric_as_a_noun(metric, lang, bad):
    """"no official score for Oman", not "no official a score of": the message has no figure
    after the metric, so it takes the metric's noun, not the words that lead a figure."""
    from etl.news.explain import explain

    said = explain(lang, "no_figure", iso3="OMN", index_id="ncsi", edition=2020,
                   metric_id=metric)
    assert bad not in said, said


def test_no_figure_reads_whole():
    from etl.news.explain import explain

    assert explain("en", "no_figure", iso3="OMN", index_id="ncsi", edition=2020,
                   metric_id="score") == "Unverifiable: no official score for Oman in NCSI 2020."
    assert explain("fr", "no_figure", iso3="OMN", index_id="ncsi", edition=2020,
                   metric_id="rank") == ("Invérifiable\u00a0: Oman — aucune valeur officielle (rang) "
                                         "dans le NCSI 2020.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Le Maroc est 50e ; Oman est 21e, selon l'indice mondial de cybersécurité 2020.",
            [("MAR", "itu_gci", "rank", 50, 2020), ("OMN", "itu_gci", "rank", 21, 2020)],
            id="F17-semicolon",
        ),
        pytest.param(
            "Morocco is 50th; Oman is 21st in the Global Cybersecurity Index 2020.",
            [("MAR", "itu_gci", "rank", 50, 2020), ("OMN", "itu_gci", "rank", 21, 2020)],
            id="semicolon-en",
        ),
        # The first clause goes on after its figure: another index may be named there.
        pytest.param(
            "Le Maroc est 101e dans l'e-gouvernement ; Oman est 21e, selon l'indice mondial de "
            "cybersécurité 2020.",
            [("OMN", "itu_gci", "rank", 21, 2020)],
            id="clause-going-on-after-its-figure",
        ),
        # A full stop ends the sentence: its figures take no index from the next one.
        pytest.param(
            "Le Maroc est 50e. Oman est 21e, selon l'indice mondial de cybersécurité 2020.",
            [("OMN", "itu_gci", "rank", 21, 2020)],
            id="full-stop",
        ),
    ],
)
def test_clause_before_a_semicolon_takes_the_next_one_s_index(text, expected):
    """A clause ending with its figures before ";" ("Le Maroc est 50e ; ...") is read with the
    next clause, which names the index; the next clause's own claims are as without it."""
    assert [(c.iso3, c.index, c.metric, c.value, c.edition) for c in extract_claims(text)] == (
        expected
    )
