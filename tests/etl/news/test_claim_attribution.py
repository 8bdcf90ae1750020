"""Which edition (year) and which country each figure of a claim sentence goes to.

The sentences are the truth audit's cases (ids as in its findings, A1 and A2) and the near
misses that must keep working; verdicts are checked against the official GCI rows of
``official_gci.csv`` (2018: MAR 93rd 0.429, OMN 16th 0.868; 2020: MAR 50th 82.41, OMN 21st
96.04, EGY 23rd 95.48, TUN 45th 86.23; 2024: MAR 97.5, OMN 97.02).
"""

import pytest

from etl.news import check_claims, extract_claims

G = "itu_gci"


def claims(text, language=None):
    """(iso3, index, metric, value, edition) of each claim, in text order."""
    return [(c.iso3, c.index, c.metric, c.value, c.edition) for c in extract_claims(text, language)]


# A1: the edition of each figure. A2: the country of each figure.
AUDIT_CASES = [
    # A1: a year attached to the figure wins over the index's.
    pytest.param(
        "Morocco jumped from 93rd in 2018 to 50th in 2020 in the Global Cybersecurity Index.",
        [("MAR", G, "rank", 93, 2018), ("MAR", G, "rank", 50, 2020)],
        id="en08",
    ),
    pytest.param(
        "تقدم المغرب من المرتبة 93 سنة 2018 إلى المرتبة 50 سنة 2020 في مؤشر الأمن السيبراني العالمي.",
        [("MAR", G, "rank", 93, 2018), ("MAR", G, "rank", 50, 2020)],
        id="ar19",
    ),
    pytest.param(
        "Morocco's score rose from 82.41 in 2020 to 97.5 in the Global Cybersecurity Index 2024.",
        [("MAR", G, "score", 82.41, 2020), ("MAR", G, "score", 97.5, 2024)],
        id="en09",
    ),
    pytest.param(
        "Le Maroc a obtenu 82,41 en 2020 puis 97,5 dans l'indice mondial de cybersécurité 2024.",
        [("MAR", G, "score", 82.41, 2020), ("MAR", G, "score", 97.5, 2024)],
        id="fr18",
    ),
    pytest.param(
        "Morocco scored 97.5 in the Global Cybersecurity Index 2024, up from 82.41 in 2020.",
        [("MAR", G, "score", 97.5, 2024), ("MAR", G, "score", 82.41, 2020)],
        id="en28",
    ),
    pytest.param(
        "Le Maroc obtient 97,5 dans l'indice mondial de cybersécurité 2024, contre 82,41 en 2020.",
        [("MAR", G, "score", 97.5, 2024), ("MAR", G, "score", 82.41, 2020)],
        id="fr24",
    ),
    pytest.param(
        "Oman scored 96.04 in the ITU GCI 2020, while Morocco ranked 93rd in 2018.",
        [("OMN", G, "score", 96.04, 2020), ("MAR", G, "rank", 93, 2018)],
        id="en36",
    ),
    # A1: a comparison year before the index loses to the year attached to the index.
    pytest.param(
        "Compared with 2018, the Global Cybersecurity Index 2020 ranks Morocco 50th.",
        [("MAR", G, "rank", 50, 2020)],
        id="en41",
    ),
    pytest.param(
        "Par rapport à 2018, l'indice mondial de cybersécurité 2020 place le Maroc au 50e rang.",
        [("MAR", G, "rank", 50, 2020)],
        id="fr31",
    ),
    pytest.param(
        "مقارنة بعام 2018، صنف مؤشر الأمن السيبراني العالمي 2020 المغرب في المرتبة 50.",
        [("MAR", G, "rank", 50, 2020)],
        id="ar33",
    ),
    # A1: a publication year is a date, not the edition.
    pytest.param(
        "Released in 2019, the Global Cybersecurity Index 2018 ranked Oman 16th.",
        [("OMN", G, "rank", 16, 2018)],
        id="en42",
    ),
    # A2: a country named after the figure with a preposition of attribution.
    pytest.param(
        "حصلت سلطنة عمان على 96.04 نقطة مقابل 82.41 نقطة للمغرب في مؤشر الأمن السيبراني العالمي 2020.",
        [("OMN", G, "score", 96.04, 2020), ("MAR", G, "score", 82.41, 2020)],
        id="ar04",
    ),
    pytest.param(
        "In the Global Cybersecurity Index 2020, Oman's score of 96.04 compares with 82.41 for Morocco.",
        [("OMN", G, "score", 96.04, 2020), ("MAR", G, "score", 82.41, 2020)],
        id="en04",
    ),
    # A2: "respectively" lists pair countries and figures in order.
    pytest.param(
        "Morocco, Egypt and Tunisia ranked 50th, 23rd and 45th respectively in the Global "
        "Cybersecurity Index 2020.",
        [("MAR", G, "rank", 50, 2020), ("EGY", G, "rank", 23, 2020), ("TUN", G, "rank", 45, 2020)],
        id="en27",
    ),
    pytest.param(
        "Le Maroc, l'Égypte et la Tunisie se classent respectivement 50e, 23e et 45e dans l'indice "
        "mondial de cybersécurité 2020.",
        [("MAR", G, "rank", 50, 2020), ("EGY", G, "rank", 23, 2020), ("TUN", G, "rank", 45, 2020)],
        id="fr23",
    ),
    # B13: an Arabic plural rank word before numbers joined by و, "respectively".
    pytest.param(
        "احتل المغرب والسعودية ومصر المراتب 50 و2 و23 على التوالي في مؤشر الأمن السيبراني العالمي "
        "2020.",
        [("MAR", G, "rank", 50, 2020), ("SAU", G, "rank", 2, 2020), ("EGY", G, "rank", 23, 2020)],
        id="ar27",
    ),
    # B16: both countries are given the figure.
    pytest.param(
        "Le Maroc et Oman figurent tous deux au niveau 1 de l'indice mondial de cybersécurité 2024.",
        [("MAR", G, "tier", 1, 2024), ("OMN", G, "tier", 1, 2024)],
        id="fr25",
    ),
    # A tie: two countries named side by side share the rank (second audit, A24).
    pytest.param(
        "وتقاسمت السعودية والمملكة المتحدة المرتبة الثانية عالميا في مؤشر الأمن السيبراني العالمي "
        "2020.",
        [("SAU", G, "rank", 2, 2020), ("GBR", G, "rank", 2, 2020)],
        id="A24-taqasamat",
    ),
]


def test_a_tie_gives_the_rank_to_both():
    """"Ex aequo" gives both countries the rank (second audit, F13): Morocco's is then
    contradicted (it was 50th), Tunisia's consistent, where Tunisia alone got it before."""
    text = "Le Maroc et la Tunisie sont ex aequo au 45e rang de l'indice mondial de cybersécurité 2020."
    assert claims(text) == [("MAR", G, "rank", 45, 2020), ("TUN", G, "rank", 45, 2020)]


@pytest.mark.parametrize(("text", "expected"), AUDIT_CASES)
def test_audit_case_claims(text, expected):
    """Each figure of an audit sentence gets its own edition and country."""
    assert claims(text) == expected


@pytest.mark.parametrize(("text", "expected"), AUDIT_CASES)
def test_audit_case_verdicts(official, text, expected):
    """Read that way, every figure of these true sentences is consistent with the official rows."""
    assert [c.verdict for c in check_claims(extract_claims(text), official)] == [
        "consistent"
    ] * len(expected)


def test_date_loses_to_the_index_year(official):
    """en05: "On June 29th, 2021" is a date: the score is checked against GCI 2020, not 2021
    (the spurious rank read from "29th" is the figures' concern, not this test's)."""
    text = (
        "On June 29th, 2021, the ITU released the Global Cybersecurity Index 2020, in which Oman "
        "scored 96.04."
    )
    found = extract_claims(text)
    assert {c.edition for c in found} == {2020}
    [score] = [c for c in check_claims(found, official) if c.claim.metric == "score"]
    assert (score.claim.iso3, score.claim.value, score.claim.edition, score.verdict) == (
        "OMN",
        96.04,
        2020,
        "consistent",
    )


NEAR_MISSES = [
    # One country, one index, one year: as before.
    pytest.param(
        "Oman scored 86.8% in the Global Cybersecurity Index 2018, ranking 16th.",
        [("OMN", G, "score", 86.8, 2018), ("OMN", G, "rank", 16, 2018)],
        id="one-year-two-figures",
    ),
    pytest.param(
        "احتل المغرب المرتبة 50 عالميا في المؤشر العالمي للأمن السيبراني لسنة 2020.",
        [("MAR", G, "rank", 50, 2020)],
        id="lisanat-2020",
    ),
    pytest.param(
        "Morocco ranked 50th in the 2020 Global Cybersecurity Index.",
        [("MAR", G, "rank", 50, 2020)],
        id="year-before-index",
    ),
    pytest.param(
        "Morocco is 32nd in the National Cyber Security Index with a score of 70.13 in 2022.",
        [("MAR", "ncsi", "rank", 32, 2022), ("MAR", "ncsi", "score", 70.13, 2022)],
        id="year-after-the-other-metric",
    ),
    # Several countries, nearest before: as before.
    pytest.param(
        "In the Global Cybersecurity Index 2020, Oman ranked 21st and Morocco 50th.",
        [("OMN", G, "rank", 21, 2020), ("MAR", G, "rank", 50, 2020)],
        id="nearest-country-before",
    ),
    pytest.param(
        "Oman scored 96.04 in the Global Cybersecurity Index 2020, ahead of Morocco.",
        [("OMN", G, "score", 96.04, 2020)],
        id="country-after-without-for",
    ),
    # Attribution after the figure, French and Arabic ل on a name without the article.
    pytest.param(
        "Oman obtient 96,04 points contre 82,41 pour le Maroc dans l'indice mondial de "
        "cybersécurité 2020.",
        [("OMN", G, "score", 96.04, 2020), ("MAR", G, "score", 82.41, 2020)],
        id="pour-le-maroc",
    ),
    pytest.param(
        "حصلت سلطنة عمان على 96.04 نقطة مقابل 95.48 نقطة لمصر في مؤشر الأمن السيبراني العالمي 2020.",
        [("OMN", G, "score", 96.04, 2020), ("EGY", G, "score", 95.48, 2020)],
        id="li-misr",
    ),
    # Year directly before the figure; and before it, but when the index with its year follows.
    pytest.param(
        "In 2018, Morocco ranked 93rd in the Global Cybersecurity Index.",
        [("MAR", G, "rank", 93, 2018)],
        id="year-before-figure",
    ),
    pytest.param(
        "Oman scored 96.04 in the ITU GCI 2020, while in 2018 Morocco ranked 93rd.",
        [("OMN", G, "score", 96.04, 2020), ("MAR", G, "rank", 93, 2018)],
        id="year-before-figure-beats-earlier-index",
    ),
    pytest.param(
        "In 2021, Oman scored 96.04 in the Global Cybersecurity Index 2020.",
        [("OMN", G, "score", 96.04, 2020)],
        id="index-year-after-figure-wins",
    ),
    pytest.param(
        "Compared with 2018, Morocco ranks 50th in the Global Cybersecurity Index 2020.",
        [("MAR", G, "rank", 50, 2020)],
        id="comparison-before-figure",
    ),
    pytest.param(
        "Morocco ranked 93rd in the Global Cybersecurity Index in 2018 and 50th in 2020.",
        [("MAR", G, "rank", 93, 2018), ("MAR", G, "rank", 50, 2020)],
        id="index-in-year",
    ),
    pytest.param(
        "Morocco ranked 50th in the Global Cybersecurity Index 2020, compared with 93rd in 2018.",
        [("MAR", G, "rank", 50, 2020), ("MAR", G, "rank", 93, 2018)],
        id="compared-with-figure-in-year",
    ),
    # "from X to Y": the index's year is Y's; X without a year of its own gives no claim.
    pytest.param(
        "Morocco's score rose from 82.41 to 97.5 in the Global Cybersecurity Index 2024.",
        [("MAR", G, "score", 97.5, 2024)],
        id="from-to",
    ),
    pytest.param(
        "Le score du Maroc est passé de 82,41 à 97,5 dans l'indice mondial de cybersécurité 2024.",
        [("MAR", G, "score", 97.5, 2024)],
        id="de-a",
    ),
    pytest.param(
        "ارتفع رصيد المغرب من 82.41 نقطة إلى 97.5 نقطة في مؤشر الأمن السيبراني العالمي 2024.",
        [("MAR", G, "score", 97.5, 2024)],
        id="min-ila",
    ),
    # A year taken by another figure of the same metric does not date this one.
    pytest.param(
        "Morocco ranked 93rd in 2018 and 50th in the Global Cybersecurity Index.",
        [("MAR", G, "rank", 93, 2018)],
        id="year-of-the-other-rank",
    ),
    pytest.param(
        "In 2018 and 2020, Morocco ranked 93rd and 50th in the Global Cybersecurity Index.",
        [],
        id="two-years-two-ranks",
    ),
    # "respectively" also pairs years; counts that differ give no claim.
    pytest.param(
        "Morocco ranked 93rd and 50th in 2018 and 2020 respectively in the Global Cybersecurity "
        "Index.",
        [("MAR", G, "rank", 93, 2018), ("MAR", G, "rank", 50, 2020)],
        id="respectively-years",
    ),
    pytest.param(
        "Oman et le Maroc obtiennent respectivement 96,04 et 82,41 dans l'indice mondial de "
        "cybersécurité 2020.",
        [("OMN", G, "score", 96.04, 2020), ("MAR", G, "score", 82.41, 2020)],
        id="respectivement-scores",
    ),
    pytest.param(
        "جاء المغرب ومصر في المرتبة 50 و المرتبة 23 على التوالي في مؤشر الأمن السيبراني العالمي 2020.",
        [("MAR", G, "rank", 50, 2020), ("EGY", G, "rank", 23, 2020)],
        id="ala-attawali",
    ),
    pytest.param(
        "Oman and Morocco scored 96.04 and 82.41 respectively, while Egypt ranked 23rd in the "
        "Global Cybersecurity Index 2020.",
        [
            ("OMN", G, "score", 96.04, 2020),
            ("MAR", G, "score", 82.41, 2020),
            ("EGY", G, "rank", 23, 2020),
        ],
        id="respectively-and-a-single-rank",
    ),
    pytest.param(
        "Morocco and Egypt ranked 50th, 23rd and 45th respectively in the Global Cybersecurity "
        "Index 2020.",
        [],
        id="respectively-counts-differ",
    ),
    pytest.param(
        "جاء المغرب ومصر في المرتبة 50 على الترتيب في مؤشر الأمن السيبراني العالمي 2020.",
        [],
        id="respectively-one-figure-two-countries",
    ),
    # Arabic plural and dual rank words before a list of ranks (ar27's variants).
    pytest.param(
        "احتل المغرب والسعودية ومصر على التوالي المراتب 50 و2 و23 في مؤشر الأمن السيبراني العالمي "
        "2020.",
        [("MAR", G, "rank", 50, 2020), ("SAU", G, "rank", 2, 2020), ("EGY", G, "rank", 23, 2020)],
        id="ala-attawali-before-the-list",
    ),
    pytest.param(
        "احتل المغرب والسعودية ومصر المراكز ٥٠ و٢ و٢٣ على التوالي في مؤشر الأمن السيبراني العالمي "
        "٢٠٢٠.",
        [("MAR", G, "rank", 50, 2020), ("SAU", G, "rank", 2, 2020), ("EGY", G, "rank", 23, 2020)],
        id="al-marakiz-arabic-indic-digits",
    ),
    pytest.param(
        "احتل المغرب والسعودية ومصر المراتب 50، 2 و 23 على الترتيب في مؤشر الأمن السيبراني العالمي "
        "2020.",
        [("MAR", G, "rank", 50, 2020), ("SAU", G, "rank", 2, 2020), ("EGY", G, "rank", 23, 2020)],
        id="ala-attartib-comma-list",
    ),
    pytest.param(
        "احتل المغرب ومصر المرتبتين 50 و23 على التوالي في مؤشر الأمن السيبراني العالمي 2020.",
        [("MAR", G, "rank", 50, 2020), ("EGY", G, "rank", 23, 2020)],
        id="dual-al-martabatayn",
    ),
    pytest.param(
        "احتل المغرب والسعودية المراتب 50 و2 و23 على التوالي في مؤشر الأمن السيبراني العالمي 2020.",
        [],
        id="plural-list-fewer-countries",
    ),
    pytest.param(
        "احتل المغرب والسعودية ومصر المراتب 50 و2 على التوالي في مؤشر الأمن السيبراني العالمي "
        "2020.",
        [],
        id="plural-list-fewer-ranks",
    ),
    # Without "respectively", countries listed then as many figures listed with only a verb
    # between are paired in order too; a range, "or", or countries named elsewhere are not.
    pytest.param(
        "احتل المغرب والسعودية ومصر المراتب 50 و2 و23 في مؤشر الأمن السيبراني العالمي 2020.",
        [("MAR", G, "rank", 50, 2020), ("SAU", G, "rank", 2, 2020), ("EGY", G, "rank", 23, 2020)],
        id="plural-list-without-respectively",
    ),
    pytest.param(
        "Egypt and Morocco ranked 23rd and 50th in the Global Cybersecurity Index 2020.",
        [("EGY", G, "rank", 23, 2020), ("MAR", G, "rank", 50, 2020)],
        id="listed-in-order",
    ),
    pytest.param(
        "L'Égypte, la Tunisie et le Maroc sont 23e, 45e et 50e dans l'indice mondial de "
        "cybersécurité 2020.",
        [("EGY", G, "rank", 23, 2020), ("TUN", G, "rank", 45, 2020), ("MAR", G, "rank", 50, 2020)],
        id="listed-in-order-fr",
    ),
    pytest.param(
        "Egypt and Morocco ranked between 23rd and 50th in the Global Cybersecurity Index 2020.",
        [],
        id="listed-range-is-no-pairing",
    ),
    pytest.param(
        "Egypt or Morocco ranked 23rd and 50th in the Global Cybersecurity Index 2020.",
        [],
        id="listed-with-or-is-no-pairing",
    ),
    pytest.param(
        "Egypt and Morocco ranked 23rd and 50th, ahead of Algeria, in the Global Cybersecurity "
        "Index 2020.",
        [],
        id="listed-with-another-country-is-no-pairing",
    ),
    pytest.param(
        "تصدرت سلطنة عمان الدول العربية للمرة الثالثة على التوالي في مؤشر الأمن السيبراني "
        "العالمي 2020 متقدمة على المغرب.",
        [("OMN", G, "rank", 1, 2020)],
        id="ala-attawali-in-a-row",
    ),
    # Two values of one metric for one country in one edition: neither is sure.
    pytest.param(
        "Oman, like Morocco, scored 97.5 and 97.02 in the Global Cybersecurity Index 2024.",
        [],
        id="two-scores-one-country",
    ),
    pytest.param(
        "Morocco and Oman scored 97.5 and 97.02 in the Global Cybersecurity Index 2024.",
        [("MAR", G, "score", 97.5, 2024), ("OMN", G, "score", 97.02, 2024)],
        id="two-scores-listed-in-order",
    ),
    # "both"; and a later mention of one of them is not "both".
    pytest.param(
        "Both Morocco and Oman are in Tier 1 of the Global Cybersecurity Index 2024.",
        [("MAR", G, "tier", 1, 2024), ("OMN", G, "tier", 1, 2024)],
        id="both",
    ),
    pytest.param(
        "Morocco and Oman both improved, and Oman reached Tier 1 in the Global Cybersecurity "
        "Index 2024.",
        [("OMN", G, "tier", 1, 2024)],
        id="both-then-one",
    ),
]


@pytest.mark.parametrize(("text", "expected"), NEAR_MISSES)
def test_near_misses(text, expected):
    """What must keep working, and where the sentence does not say for sure: no claim."""
    assert claims(text) == expected


def test_undated_after_a_comparison_year():
    """ "compared with 2018" is no edition: the claim is undated (checked against the latest)."""
    assert claims("Morocco ranked 50th in the Global Cybersecurity Index, compared with 2018.") == [
        ("MAR", G, "rank", 50, None)
    ]


def test_date_is_no_edition():
    """ "published in June 2021" dates the publication: the claim is undated, not GCI 2021."""
    text = "Oman scored 96.04 in the Global Cybersecurity Index published in June 2021."
    assert claims(text) == [("OMN", G, "score", 96.04, None)]


def test_article_years_leave_dates_out():
    """An undated sentence takes the article's year for its index, not a date's year."""
    text = (
        "On June 29, 2021, the ITU published the Global Cybersecurity Index 2020. "
        "Morocco scored 82.41 in the Global Cybersecurity Index."
    )
    assert claims(text) == [("MAR", G, "score", 82.41, 2020)]


# Second audit, A1: a country named as a comparison ("which trails Egypt", "ahead of",
# "followed by", "derrière", "qui devance", "بعد", "التي تتقدم على") or a capital named as a place
# ("speaking in Rabat", "في الرباط") is not the subject of the figure: the figure goes to the
# subject, or to no one; never to the comparison country.
COMPARISONS = [
    pytest.param("Morocco, which trails Egypt, ranked 50th in the Global Cybersecurity Index "
                 "2020.", "en", [("MAR", G, "rank", 50, 2020)], id="E04"),
    pytest.param("Egypt, ahead of Morocco, scored 95.48 in the Global Cybersecurity Index 2020.",
                 "en", [("EGY", G, "score", 95.48, 2020)], id="E05"),
    pytest.param("Oman trailed Saudi Arabia and the UAE, ranking third among Arab states in the "
                 "Global Cybersecurity Index 2020.", "en", [("OMN", G, "rank", 3, 2020)],
                 id="E01"),
    pytest.param("Oman, which came after Saudi Arabia (2nd) and the UAE (5th), ranked 21st in the "
                 "Global Cybersecurity Index 2020.", "en",
                 [("SAU", G, "rank", 2, 2020), ("ARE", G, "rank", 5, 2020),
                  ("OMN", G, "rank", 21, 2020)], id="E02"),
    pytest.param("Saudi Arabia, followed by the UAE and Oman, led the Arab world in the Global "
                 "Cybersecurity Index 2020.", "en", [("SAU", G, "rank", 1, 2020)], id="E03"),
    pytest.param("Egypt's minister, speaking in Rabat, said the country ranked 23rd in the Global "
                 "Cybersecurity Index 2020.", "en", [("EGY", G, "rank", 23, 2020)], id="E06"),
    pytest.param("Le Maroc, qui devance l'Algérie, se classe 50e dans l'indice mondial de "
                 "cybersécurité 2020.", "fr", [("MAR", G, "rank", 50, 2020)], id="F03"),
    pytest.param("Oman se place derrière l'Arabie saoudite et les Émirats arabes unis, au 3e rang "
                 "arabe de l'indice mondial de cybersécurité 2020.", "fr",
                 [("OMN", G, "rank", 3, 2020)], id="F04"),
    pytest.param("وسجلت مصر، التي تتقدم على المغرب، 95.48 نقطة في مؤشر الأمن السيبراني العالمي "
                 "2020.", "ar", [("EGY", G, "score", 95.48, 2020)], id="A32"),
    pytest.param("قال وزير الاتصالات المصري في الرباط إن بلاده احتلت المرتبة 23 عالميا في المؤشر "
                 "العالمي للأمن السيبراني 2020.", "ar", [("EGY", G, "rank", 23, 2020)], id="A02"),
    # The comparison country's own figure, right after its name (first audit en16, en25).
    pytest.param("Morocco scored 97.5 in the Global Cybersecurity Index 2024, ahead of Oman at "
                 "97.02.", "en", [("MAR", G, "score", 97.5, 2024), ("OMN", G, "score", 97.02, 2024)],
                 id="en16"),
    pytest.param("With 82.41 points, Morocco trails Oman, which scored 96.04, in the Global "
                 "Cybersecurity Index 2020.", "en",
                 [("MAR", G, "score", 82.41, 2020), ("OMN", G, "score", 96.04, 2020)], id="en25"),
    # The subject not named, or the figure inside the comparison: no claim, not Algeria's.
    pytest.param("Morocco made a leap. It ranked 50th in the Global Cybersecurity Index 2020, ahead "
                 "of Algeria.", "en", [], id="E32"),
    pytest.param("حقق المغرب قفزة نوعية في الأمن السيبراني. وجاء في المرتبة 50 عالميا متقدما على "
                 "الجزائر في المؤشر العالمي للأمن السيبراني 2020.", "ar", [], id="A13"),
    pytest.param("وجاءت سلطنة عمان بعد السعودية والإمارات في المرتبة الثالثة عربيا في مؤشر الأمن "
                 "السيبراني العالمي 2020.", "ar", [], id="A03"),
    pytest.param("Oman ranked behind Saudi Arabia, the UAE and Qatar in 4th place in the Global "
                 "Cybersecurity Index 2020.", "en", [], id="listed-comparison"),
    # Each its own: brackets, relative clauses, comparisons on either side.
    pytest.param("Le Maroc se classe 50e, derrière l'Égypte (23e) et devant la Tunisie (45e), dans "
                 "l'indice mondial de cybersécurité 2020.", "fr",
                 [("MAR", G, "rank", 50, 2020), ("EGY", G, "rank", 23, 2020),
                  ("TUN", G, "rank", 45, 2020)], id="derriere-devant"),
    pytest.param("وحل المغرب في المرتبة 50 خلف مصر التي جاءت في المرتبة 23 في المؤشر العالمي للأمن "
                 "السيبراني 2020.", "ar", [("MAR", G, "rank", 50, 2020), ("EGY", G, "rank", 23, 2020)],
                 id="khalf-allati"),
    pytest.param("Oman ranked 21st, ahead of Egypt, in the Global Cybersecurity Index 2020, while "
                 "Morocco was 50th.", "en", [("OMN", G, "rank", 21, 2020), ("MAR", G, "rank", 50, 2020)],
                 id="ahead-then-while"),
    # "after" may say when: the sentence's only country keeps its figures.
    pytest.param("After Morocco ranked 93rd in the Global Cybersecurity Index 2018, it rose to 50th "
                 "in the Global Cybersecurity Index 2020.", "en",
                 [("MAR", G, "rank", 93, 2018), ("MAR", G, "rank", 50, 2020)], id="after-when"),
]


@pytest.mark.parametrize(("text", "language", "expected"), COMPARISONS)
def test_a_comparison_or_a_place_is_not_the_figure_s_country(official, text, language, expected):
    assert claims(text, language) == expected
    verdicts = [c.verdict for c in check_claims(extract_claims(text, language), official)]
    assert verdicts == ["consistent"] * len(expected)


# Second audit, A7: the edition from the right place. A year attached to another index's mention
# dates that index only; "today" is not the year another sentence gives; a figure goes to the
# index named in its own clause.
E = "un_egdi"
EDITIONS_A7 = [
    pytest.param("Oman, 21st in the Global Cybersecurity Index 2020, ranks 41st in the EGDI.",
                 "en", [("OMN", G, "rank", 21, 2020), ("OMN", E, "rank", 41, None)], id="E26"),
    pytest.param("وتحتل سلطنة عمان، صاحبة المرتبة 21 في مؤشر الأمن السيبراني العالمي 2020، المرتبة "
                 "41 في مؤشر تطوير الحكومة الإلكترونية.", "ar",
                 [("OMN", G, "rank", 21, 2020), ("OMN", E, "rank", 41, None)], id="A19"),
    pytest.param("Oman, 21e du GCI 2020 de l'UIT, est 41e de l'EGDI.", "fr",
                 [("OMN", G, "rank", 21, 2020), ("OMN", E, "rank", 41, None)], id="F28"),
    pytest.param("Oman ranked 21st in the Global Cybersecurity Index 2020 and improved in the "
                 "EGDI. Oman ranks 41st in the EGDI.", "en",
                 [("OMN", G, "rank", 21, 2020), ("OMN", E, "rank", 41, None)],
                 id="article-year-of-another-index"),
    pytest.param("En 2018, le Maroc était 93e du GCI de l'UIT. Aujourd'hui, le Maroc affiche 97,5 "
                 "points au GCI.", "fr",
                 [("MAR", G, "rank", 93, 2018), ("MAR", G, "score", 97.5, None)], id="F16"),
    pytest.param("In 2018, Morocco was 93rd in the ITU GCI. Today Morocco scores 97.5 in the GCI.",
                 "en", [("MAR", G, "rank", 93, 2018), ("MAR", G, "score", 97.5, None)],
                 id="today"),
    pytest.param("Dans l'indice mondial de cybersécurité 2020 de l'UIT, le Maroc est 50e et dans "
                 "l'EGDI 2022 101e.", "fr", [("MAR", G, "rank", 50, 2020), ("MAR", E, "rank", 101, 2022)],
                 id="F14"),
    pytest.param("Dans l'indice mondial de cybersécurité 2020 et dans l'EGDI 2022, le Maroc est "
                 "50e.", "fr", [], id="two-indices-no-clause"),
    # What must keep working: each index in the figure's own clause; one index named twice.
    pytest.param("Morocco ranked 50th in the Global Cybersecurity Index 2020 and 101st in the "
                 "EGDI 2022.", "en", [("MAR", G, "rank", 50, 2020), ("MAR", E, "rank", 101, 2022)],
                 id="two-clauses"),
    pytest.param("Le Maroc est 101e de l'EGDI 2022, tandis qu'il est 50e dans l'indice mondial de "
                 "cybersécurité 2020.", "fr",
                 [("MAR", E, "rank", 101, 2022), ("MAR", G, "rank", 50, 2020)], id="tandis-que"),
]


@pytest.mark.parametrize(("text", "language", "expected"), EDITIONS_A7)
def test_each_figure_is_dated_by_its_own_index(text, language, expected):
    assert claims(text, language) == expected


def test_the_itu_s_cybersecurity_ranking_is_the_gci():
    """E27: "the ITU's cybersecurity ranking" names the GCI, so each rank of the sentence has its
    own index (before, both went to the EGDI and, differing, neither gave a claim); the GCI's has
    no year of its own (2022 dates the EGDI)."""
    text = (
        "Morocco ranked 101st in the EGDI 2022, while in the ITU's cybersecurity ranking it "
        "came 50th."
    )
    assert claims(text) == [("MAR", E, "rank", 101, 2022), ("MAR", G, "rank", 50, None)]


# --- Third pass on the press corpus's misses (tests/etl/news/press_corpus.py).


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param(
            "Saudi Arabia shared second place with the UK in the Global Cybersecurity Index 2020.",
            "en", [("SAU", G, "rank", 2, 2020), ("GBR", G, "rank", 2, 2020)], id="E29-shared-with",
        ),
        pytest.param(
            "Saudi Arabia tied for second place with the UK in the Global Cybersecurity Index "
            "2020.",
            "en", [("SAU", G, "rank", 2, 2020), ("GBR", G, "rank", 2, 2020)], id="tied-for-with",
        ),
        pytest.param(
            "Le Maroc partage la 50e place avec la Tunisie dans l'indice mondial de cybersécurité "
            "2020.",
            "fr", [("MAR", G, "rank", 50, 2020), ("TUN", G, "rank", 50, 2020)], id="partage-avec",
        ),
        pytest.param(
            "تقاسمت السعودية المركز الثاني مع المملكة المتحدة في مؤشر الأمن السيبراني العالمي 2020.",
            "ar", [("SAU", G, "rank", 2, 2020), ("GBR", G, "rank", 2, 2020)], id="taqasamat-maa",
        ),
        # No word of sharing in the rank's clause: the rank is the subject's alone.
        pytest.param(
            "Saudi Arabia shared the podium, ranking second with the UK in the Global "
            "Cybersecurity Index 2020.",
            "en", [("SAU", G, "rank", 2, 2020)], id="share-in-another-clause",
        ),
        pytest.param(
            "Saudi Arabia ranked second with the UK far behind in the Global Cybersecurity Index "
            "2020.",
            "en", [("SAU", G, "rank", 2, 2020)], id="with-and-no-sharing",
        ),
        pytest.param(
            "Oman shared its 97.02 points with nobody, unlike Morocco in the Global "
            "Cybersecurity Index 2024.",
            "en", [("OMN", G, "score", 97.02, 2024)], id="a-score-is-not-shared",
        ),
    ],
)
def test_a_rank_shared_with_the_country_after_it(text, language, expected):
    """ "A shared second place with B": the rank is both countries'."""
    assert claims(text, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Morocco ranked 93rd and 50th in 2018 and 2020 in the Global Cybersecurity Index.",
            [],
            id="years-listed-without-respectively",
        ),
        pytest.param(
            "Morocco ranked 93rd and 50th in 2018 and 2020 respectively in the Global "
            "Cybersecurity Index.",
            [("MAR", G, "rank", 93, 2018), ("MAR", G, "rank", 50, 2020)],
            id="years-listed-respectively",
        ),
        pytest.param(
            "Morocco ranked 93rd in 2018 and 50th in 2020 in the Global Cybersecurity Index.",
            [("MAR", G, "rank", 93, 2018), ("MAR", G, "rank", 50, 2020)],
            id="each-its-own-year",
        ),
    ],
)
def test_the_first_of_a_list_of_years_is_no_figure_s_own(text, expected):
    """ "93rd and 50th in 2018 and 2020": 2018 is not the 50th's own year (it was read so, and
    2020 went to the 93rd: two wrong verdicts); without "respectively", no claim."""
    assert claims(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Le Maroc a grimpé du 93e au 50e rang de l'indice mondial de cybersécurité 2020.",
            [("MAR", G, "rank", 50, 2020)],
            id="grimpe-du-au",
        ),
        pytest.param(
            "Le Maroc va du 93e au 50e rang de l'indice mondial de cybersécurité 2020.",
            [("MAR", G, "rank", 50, 2020)],
            id="du-au",
        ),
        pytest.param(
            "Morocco climbed to 50th place in the Global Cybersecurity Index 2020, up from 93rd "
            "in the previous edition.",
            [("MAR", G, "rank", 50, 2020)],
            id="E33-up-from-undated",
        ),
        pytest.param(
            "Morocco climbed to 50th place in the Global Cybersecurity Index 2020, up from 93rd "
            "in 2018.",
            [("MAR", G, "rank", 50, 2020), ("MAR", G, "rank", 93, 2018)],
            id="up-from-dated",
        ),
        pytest.param(
            "Morocco rose from 93rd in the Global Cybersecurity Index 2020.",
            [],
            id="rose-from-alone-is-not-the-index-year-s",
        ),
    ],
)
def test_a_change_gives_its_current_value(text, expected):
    """A change "from X to Y", "up from X", "passé du X au Y": Y is dated as usual, X only by a
    year of its own."""
    assert claims(text) == expected


def test_ranks_listed_before_one_scope_take_it_when_paired_in_order():
    """ "Oman and Morocco ranked 3rd and 5th in the Arab world": the scope after the list is
    every rank's, paired in order (Oman's 3rd is no world rank)."""
    text = (
        "Oman and Morocco ranked 3rd and 5th in the Arab world in the Global Cybersecurity Index "
        "2020."
    )
    assert [(c.iso3, c.metric, c.scope, c.value) for c in extract_claims(text)] == [
        ("OMN", "rank", "arab", 3),
        ("MAR", "rank", "arab", 5),
    ]


# A country named in an aside on the subject (a relative clause, an apposition set off by a
# comma) is not the figure's: the subject is ("Morocco, which borders Algeria, ranked 50th").
ASIDES = [
    pytest.param("Morocco, which borders Algeria, ranked 50th in the Global Cybersecurity Index "
                 "2020.", "en", [("MAR", G, "rank", 50, 2020)], id="which-borders"),
    pytest.param("Morocco, neighbouring Algeria, ranked 50th in the Global Cybersecurity Index "
                 "2020.", "en", [("MAR", G, "rank", 50, 2020)], id="neighbouring"),
    pytest.param("Oman, a neighbour of the UAE, ranked 21st in the Global Cybersecurity Index "
                 "2020.", "en", [("OMN", G, "rank", 21, 2020)], id="a-neighbour-of"),
    pytest.param("Morocco, Algeria's neighbour, ranked 50th in the Global Cybersecurity Index "
                 "2020.", "en", [("MAR", G, "rank", 50, 2020)], id="possessive-neighbour"),
    pytest.param("Oman, which shares borders with Saudi Arabia and Yemen, ranked 21st in the "
                 "Global Cybersecurity Index 2020.", "en", [("OMN", G, "rank", 21, 2020)],
                 id="relative-with-a-list"),
    pytest.param("Le Maroc, pays voisin de l'Algérie, se classe 50e dans l'indice mondial de "
                 "cybersécurité 2020.", "fr", [("MAR", G, "rank", 50, 2020)], id="pays-voisin-de"),
    pytest.param("Le Maroc, qui partage une frontière avec l'Algérie, se classe 50e dans l'indice "
                 "mondial de cybersécurité 2020.", "fr", [("MAR", G, "rank", 50, 2020)],
                 id="qui-partage"),
    pytest.param("احتل المغرب، الذي يجاور الجزائر، المرتبة 50 عالميا في المؤشر العالمي للأمن "
                 "السيبراني 2020.", "ar", [("MAR", G, "rank", 50, 2020)], id="alladhi-yujawir"),
    pytest.param("المغرب، جار الجزائر، احتل المرتبة 50 في المؤشر العالمي للأمن السيبراني 2020.",
                 "ar", [("MAR", G, "rank", 50, 2020)], id="jar"),
    # A relative clause with no comma to end it, or the figure inside it: whose? No claim.
    pytest.param("سلطنة عمان التي تحد الإمارات حلت في المرتبة 21 عالميا في مؤشر الأمن السيبراني "
                 "العالمي 2020.", "ar", [], id="relative-without-commas"),
    pytest.param("Morocco, whose neighbour Algeria ranked 104th, came 50th in the Global "
                 "Cybersecurity Index 2020.", "en", [("MAR", G, "rank", 50, 2020)],
                 id="figure-inside-the-relative"),
    # Not an aside: the country named after "while", its own clause; a list of countries.
    pytest.param("Morocco ranked 50th in the Global Cybersecurity Index 2020, while neighbouring "
                 "Algeria ranked 104th.", "en",
                 [("MAR", G, "rank", 50, 2020), ("DZA", G, "rank", 104, 2020)], id="while-neighbouring"),
    pytest.param("Morocco, Egypt and Tunisia ranked 50th, 23rd and 45th respectively in the "
                 "Global Cybersecurity Index 2020.", "en",
                 [("MAR", G, "rank", 50, 2020), ("EGY", G, "rank", 23, 2020),
                  ("TUN", G, "rank", 45, 2020)], id="a-list-is-no-aside"),
    pytest.param("Saudi Arabia, which scored 99.54, and Oman, which scored 96.04, were praised in "
                 "the Global Cybersecurity Index 2020.", "en",
                 [("SAU", G, "score", 99.54, 2020), ("OMN", G, "score", 96.04, 2020)],
                 id="each-its-own-relative"),
]


@pytest.mark.parametrize(("text", "language", "expected"), ASIDES)
def test_a_country_in_an_aside_is_not_the_figure_s(official, text, language, expected):
    assert claims(text, language) == expected
    verdicts = [c.verdict for c in check_claims(extract_claims(text, language), official)]
    assert verdicts == ["consistent"] * len(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Oman and Morocco ranked 3rd and 7th respectively in the Arab world in the "
                     "Global Cybersecurity Index 2020.",
                     [("OMN", "arab", 3), ("MAR", "arab", 7)], id="respectively"),
        pytest.param("Oman and Morocco ranked, in the Arab world, 3rd and 7th respectively in the "
                     "Global Cybersecurity Index 2020.",
                     [("OMN", "arab", 3), ("MAR", "arab", 7)], id="scope-before"),
        pytest.param("احتلت عمان والمغرب المرتبة الثالثة والسابعة عربيا على التوالي في مؤشر الأمن "
                     "السيبراني العالمي 2020.", [("OMN", "arab", 3), ("MAR", "arab", 7)],
                     id="ar-ordinal-words"),
        # One country: "21st and 3rd in the Arab world" is a world rank and an Arab one.
        pytest.param("Oman ranked 21st and 3rd in the Arab world in the Global Cybersecurity Index "
                     "2020.", [("OMN", "world", 21), ("OMN", "arab", 3)], id="one-country"),
        # Not paired with the countries, or two scopes named: whose, and where? No claim.
        pytest.param("Oman ranked 21st and 3rd in the Arab world in the Global Cybersecurity Index "
                     "2020, ahead of Qatar.", [], id="not-paired"),
        pytest.param("Oman and Morocco ranked globally 3rd and 7th in the Arab world in the Global "
                     "Cybersecurity Index 2020.", [], id="two-scopes"),
        # Each rank with its own scope: as written.
        pytest.param("Oman and Morocco ranked 3rd in the Arab world and 50th worldwide respectively "
                     "in the Global Cybersecurity Index 2020.",
                     [("OMN", "arab", 3), ("MAR", "world", 50)], id="own-scopes"),
    ],
)
def test_a_scope_after_a_paired_list_of_ranks_is_every_rank_s(text, expected):
    """ "Oman and Morocco ranked 3rd and 5th respectively in the Arab world": both Arab ranks."""
    assert [(c.iso3, c.scope, c.value) for c in extract_claims(text)] == expected
