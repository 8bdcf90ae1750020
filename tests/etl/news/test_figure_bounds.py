"""Numbers that are not the country's level give no claim: bounds and hedges, thresholds, gaps,
changes stated with a bare verb, percentiles, aims, EGDI sub-indices, pillars in percent.
Sentences from the claim check's second audit (its case ids are the test ids), with the near
misses that must keep their figure."""

import pytest

from etl.news import figures
from etl.news.claims import extract_claims
from etl.news.normalize import fold


def claims(text):
    """(country, metric, value, scope, bound) of each claim of a text."""
    return [(c.iso3, c.metric, c.value, c.scope, c.bound) for c in extract_claims(text)]


def read(sentence):
    """(metric, value, scope, bound) of each figure of a sentence, folded."""
    found, _ = figures.figures_and_years(fold(sentence))
    return [(f.metric, f.value, f.scope, f.bound) for f in found]


@pytest.mark.parametrize(
    "text",
    [
        # A bound or a hedge.
        pytest.param(
            "وحصل المغرب على أكثر من 95 نقطة في مؤشر الأمن السيبراني العالمي 2024.", id="A07"
        ),
        pytest.param(
            "وتجاوزت سلطنة عمان عتبة 95 نقطة في مؤشر الأمن السيبراني العالمي 2020.", id="A08"
        ),
        pytest.param(
            "Le Maroc a obtenu plus de 95 points dans l'indice mondial de cybersécurité 2024.",
            id="F08",
        ),
        pytest.param(
            "Morocco scored more than 95 points in the Global Cybersecurity Index 2024.", id="E14"
        ),
        pytest.param("Oman's EGDI exceeded 0.85 in the UN E-Government Survey 2024.", id="E15"),
        pytest.param(
            "Morocco scored nearly 97 points in the Global Cybersecurity Index 2024.", id="nearly"
        ),
        # A gap or a distance.
        pytest.param(
            "The gap between Morocco and Oman was just 0.48 points in the Global "
            "Cybersecurity Index 2024.",
            id="E20",
        ),
        pytest.param(
            "L'écart entre le Maroc et Oman n'est que de 0,48 point dans l'indice mondial "
            "de cybersécurité 2024.",
            id="F11",
        ),
        pytest.param(
            "Morocco is only 2.5 points short of a perfect score in the Global "
            "Cybersecurity Index 2024.",
            id="E19",
        ),
        pytest.param(
            "Le Maroc n'est qu'à 2,5 points du score parfait dans l'indice mondial de "
            "cybersécurité 2024.",
            id="F12",
        ),
        # A change stated with a verb alone.
        pytest.param(
            "Morocco's score rose 15.09 points in the Global Cybersecurity Index 2024.", id="E16"
        ),
        pytest.param("Oman's EGDI rose 9.5% in the UN E-Government Survey 2024.", id="E17"),
        pytest.param("قفز رصيد المغرب 15.09 نقطة في مؤشر الأمن السيبراني العالمي 2024.", id="A09"),
        # A percentile.
        pytest.param(
            "Morocco is among the top 30% of countries in the Global Cybersecurity Index 2020.",
            id="E18",
        ),
        pytest.param(
            "وجاء المغرب ضمن أفضل 30% من الدول في مؤشر الأمن السيبراني العالمي 2020.", id="A10"
        ),
        # An aim.
        pytest.param(
            "ويسعى المغرب إلى التواجد ضمن أفضل 20 دولة في النسخة المقبلة من مؤشر الأمن "
            "السيبراني العالمي.",
            id="A25",
        ),
        # An EGDI sub-index.
        pytest.param(
            "وبلغ مؤشر الخدمات الإلكترونية للمغرب 0.5618 ضمن مؤشر تطوير الحكومة الإلكترونية 2024.",
            id="A29",
        ),
        pytest.param(
            "Au sein de l'indice de développement de l'e-gouvernement 2024, l'indice des "
            "services en ligne du Maroc atteint 0,5618.",
            id="F22",
        ),
        pytest.param(
            "In the UN E-Government Survey 2024, Morocco's Online Services Index reached 0.5618.",
            id="E24",
        ),
        # A pillar in percent (pillars are out of 20: not converted).
        pytest.param(
            "وحصل المغرب على 100% في محور التدابير القانونية ضمن مؤشر الأمن السيبراني "
            "العالمي 2024.",
            id="A23",
        ),
    ],
)
def test_number_that_is_not_the_level_gives_no_claim(text):
    assert claims(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Le Maroc figure au niveau 1, réservé aux pays ayant obtenu au moins 95 points, de "
            "l'indice mondial de cybersécurité 2024.",
            [("MAR", "tier", 1, "world", "eq")],
            id="F25",
        ),
        pytest.param(
            "Morocco is in Tier 1 of the Global Cybersecurity Index 2024, which groups countries "
            "scoring 95 or more.",
            [("MAR", "tier", 1, "world", "eq")],
            id="E21",
        ),
        pytest.param(
            "Le Maroc, qui ambitionne d'intégrer le top 3 africain, a obtenu 97,5 points dans "
            "l'indice mondial de cybersécurité 2024.",
            [("MAR", "score", 97.5, "world", "eq")],
            id="F24",
        ),
    ],
)
def test_threshold_or_aim_leaves_the_stated_level(text, expected):
    assert claims(text) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "morocco's score rose to 97.5 points", [("score", 97.5, "world", "eq")], id="rose-to"
        ),
        pytest.param(
            "ارتفع رصيد المغرب إلى 97.5 نقطة", [("score", 97.5, "world", "eq")], id="irtafa-ila"
        ),
        pytest.param("morocco is in the top 10", [("rank", 10, "world", "top")], id="top-10"),
        pytest.param("ضمن أفضل 10 دول", [("rank", 10, "world", "top")], id="afdal-10"),
        pytest.param(
            "morocco scored 20/20 in legal measures",
            [("legal", 20, "world", "eq")],
            id="pillar-out-of-20",
        ),
        pytest.param(
            "morocco scored 97.5, while the gap to oman narrowed",
            [("score", 97.5, "world", "eq")],
            id="gap-in-another-clause",
        ),
        pytest.param(
            "morocco scored 0.8 in the egdi", [("score", 0.8, "world", "eq")], id="egdi-itself"
        ),
    ],
)
def test_levels_next_to_bound_words(sentence, expected):
    assert read(sentence) == expected
