"""What is not a figure to check: negated statements, regions the data does not rank, days of a
month, changes; and figures that were missed: a pillar named further on, "monde arabe", ordinal
words above ten, "المرتبة الـ50", "came second globally". Cases from the claim-check audit (IDs
in the test ids), with the near misses that must keep their figure.
"""

import random

import pytest

from etl.news import figures, lexicon, ordinals
from etl.news.claims import extract_claims
from etl.news.mentions import find_hits
from etl.news.normalize import fold
from etl.news.text import Article


def claims(text):
    """(country, metric, value, scope, bound) of each claim of a text (editions are left out:
    they are the attribution's)."""
    return [(c.iso3, c.metric, c.value, c.scope, c.bound) for c in extract_claims(text)]


def read(sentence):
    """(metric, value, scope, bound) of each figure of a sentence, folded."""
    found, _ = figures.figures_and_years(fold(sentence))
    return [(f.metric, f.value, f.scope, f.bound) for f in found]


# --- A3: a negated statement is not checked; a negation elsewhere keeps the other clauses.


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Morocco did not make it into the top 10 of the Global Cybersecurity Index 2020.",
            id="en02",
        ),
        pytest.param(
            "Le Maroc ne figure pas dans le top 10 de l'indice mondial de cybersécurité 2020.",
            id="fr04",
        ),
        pytest.param(
            "لم يدخل المغرب ضمن العشر الأوائل في مؤشر الأمن السيبراني العالمي 2020.", id="ar25"
        ),
        pytest.param(
            "Morocco is not among the top 10 countries in Africa in the Global Cybersecurity "
            "Index 2020.",
            id="en30",
        ),
        pytest.param(
            "Morocco isn’t among the top 10 in the Global Cybersecurity Index 2020.", id="isnt"
        ),
        pytest.param(
            "Le Maroc n’est plus dans le top 10 de l’indice mondial de cybersécurité 2020.",
            id="n-est-plus",
        ),
        pytest.param(
            "وليس المغرب ضمن العشر الأوائل في مؤشر الأمن السيبراني العالمي 2020.", id="wa-laysa"
        ),
    ],
)
def test_negated_statement_gives_no_claim(text):
    assert claims(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Morocco ranked 50th in the Global Cybersecurity Index 2020, but it did not make it "
            "into the top 10.",
            [("MAR", "rank", 50, "world", "eq")],
            id="negation-after-comma",
        ),
        pytest.param(
            "Although the ITU did not publish ranks in 2024, Morocco scored 97.5 in the Global "
            "Cybersecurity Index 2024.",
            [("MAR", "score", 97.5, "world", "eq")],
            id="negation-in-first-clause",
        ),
        pytest.param(
            "L'Égypte se classe 23e, tandis que le Maroc ne figure pas dans le top 10 de "
            "l'indice mondial de cybersécurité 2020.",
            [("EGY", "rank", 23, "world", "eq")],
            id="tandis-que",
        ),
        pytest.param(
            "Morocco is not only first in Africa but also 50th in the Global Cybersecurity "
            "Index 2020.",
            [("MAR", "rank", 1, "africa", "eq"), ("MAR", "rank", 50, "world", "eq")],
            id="not-only",
        ),
        pytest.param(
            "لا يزال المغرب في المرتبة 50 في مؤشر الأمن السيبراني العالمي 2020.",
            [("MAR", "rank", 50, "world", "eq")],
            id="la-yazal-still",
        ),
        pytest.param(
            "Le Maroc ne se classe qu'au 50e rang de l'indice mondial de cybersécurité 2020.",
            [("MAR", "rank", 50, "world", "eq")],
            id="ne-que-only",
        ),
    ],
)
def test_negation_elsewhere_keeps_the_figure(text, expected):
    assert claims(text) == expected


# --- A4: "monde arabe" / "العالم العربي" is the Arab scope.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Le Sultanat d'Oman se classe 21e au niveau mondial et 3e dans le monde arabe dans "
            "l'indice mondial de cybersécurité 2020.",
            [("OMN", "rank", 21, "world", "eq"), ("OMN", "rank", 3, "arab", "eq")],
            id="fr10",
        ),
        pytest.param(
            "وحلت سلطنة عمان في المرتبة الثالثة على مستوى العالم العربي في مؤشر الأمن السيبراني "
            "العالمي 2020.",
            [("OMN", "rank", 3, "arab", "eq")],
            id="ar23",
        ),
        pytest.param(
            "Oman was ranked 3rd in the Arab world in the Global Cybersecurity Index 2020.",
            [("OMN", "rank", 3, "arab", "eq")],
            id="en26-arab-world",
        ),
        pytest.param(
            "Morocco ranked fourth globally in the Global Cybersecurity Index 2020.",
            [("MAR", "rank", 4, "world", "eq")],
            id="fourth-globally",
        ),
        pytest.param(
            "Morocco is first in Africa in the Global Cybersecurity Index 2020.",
            [("MAR", "rank", 1, "africa", "eq")],
            id="first-in-africa",
        ),
        pytest.param(
            "Le Maroc se classe 50e mondial et 7e en Afrique dans l'indice mondial de "
            "cybersécurité 2020.",
            [("MAR", "rank", 50, "world", "eq"), ("MAR", "rank", 7, "africa", "eq")],
            id="fr01",
        ),
    ],
)
def test_scope(text, expected):
    assert claims(text) == expected


# --- A5: a rank in a region the data does not rank keeps that region as its scope (checked as
# unverifiable), never a world rank.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Oman ranked first in the Middle East in the Global Cybersecurity Index 2017.",
            [("OMN", "rank", 1, "middle_east", "eq")],
            id="en37",
        ),
        pytest.param(
            "تصدرت سلطنة عمان دول الشرق الأوسط في مؤشر الأمن السيبراني العالمي 2017.",
            [("OMN", "rank", 1, "middle_east", "eq")],
            id="ar31",
        ),
        pytest.param(
            "Le Maroc se classe premier en Afrique du Nord dans l'indice mondial de "
            "cybersécurité 2024.",
            [("MAR", "rank", 1, "north_africa", "eq")],
            id="fr21",
        ),
        pytest.param(
            "Le Maroc est premier au Maghreb dans l'indice mondial de cybersécurité 2020.",
            [("MAR", "rank", 1, "maghreb", "eq")],
            id="fr29",
        ),
        pytest.param(
            "Oman est classé premier au Moyen-Orient dans l'indice mondial de cybersécurité 2017.",
            [("OMN", "rank", 1, "middle_east", "eq")],
            id="moyen-orient",
        ),
        pytest.param(
            "Morocco ranked first in North Africa in the Global Cybersecurity Index 2020.",
            [("MAR", "rank", 1, "north_africa", "eq")],
            id="north-africa",
        ),
        pytest.param(
            "احتل المغرب المرتبة الأولى في شمال إفريقيا في مؤشر الأمن السيبراني العالمي 2020.",
            [("MAR", "rank", 1, "north_africa", "eq")],
            id="shamal-ifriqiya",
        ),
        pytest.param(
            "Tunisia is classed first in the Maghreb in the Global Cybersecurity Index 2020.",
            [("TUN", "rank", 1, "maghreb", "eq")],
            id="maghreb",
        ),
        pytest.param(
            "تصدرت تونس دول المغرب العربي في مؤشر الأمن السيبراني العالمي 2020.",
            [("TUN", "rank", 1, "maghreb", "eq")],
            id="al-maghrib-al-arabi",
        ),
        pytest.param(
            "Oman ranked first in the Middle East and North Africa in the Global Cybersecurity "
            "Index 2020.",
            [("OMN", "rank", 1, "mena", "eq")],
            id="mena-before-middle-east",
        ),
        pytest.param(
            "Oman is among the top five in the Middle East in the Global Cybersecurity Index 2020.",
            [("OMN", "rank", 5, "middle_east", "top")],
            id="top-n-in-the-middle-east",
        ),
    ],
)
def test_unranked_region_is_the_ranks_scope(text, expected):
    assert claims(text) == expected


def test_unranked_region_keeps_the_other_ranks():
    """ "21st globally and first in the Middle East": each rank its own scope."""
    text = (
        "Oman ranked 21st globally and first in the Middle East in the Global Cybersecurity "
        "Index 2020."
    )
    assert claims(text) == [
        ("OMN", "rank", 21, "world", "eq"),
        ("OMN", "rank", 1, "middle_east", "eq"),
    ]


def test_every_unranked_region_is_a_scope_of_the_pattern():
    """Each region of the lexicon is a named group of SCOPE, the claim's scope."""
    assert set(lexicon.UNRANKED_REGIONS_BY_SCOPE) <= set(figures.SCOPE.groupindex)


def test_morocco_alone_is_still_found_next_to_the_maghreb():
    """المغرب is Morocco; المغرب العربي is a region only for a rank's scope."""
    article = Article("تقدم المغرب في مؤشر الأمن السيبراني العالمي ضمن دول المغرب العربي.")
    assert [h.key for h in find_hits(article) if h.kind == "country"] == ["MAR", "MAR"]
    assert read("احتل المغرب المرتبة 50 عالميا") == [("rank", 50, "world", "eq")]


# --- A6: the day of a date is no rank.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Publié le 1er septembre, l'indice mondial de cybersécurité 2020 de l'UIT crédite "
            "le Maroc de 82,41 points.",
            [("MAR", "score", 82.41, "world", "eq")],
            id="fr06",
        ),
        pytest.param(
            "On June 29th, 2021, the ITU released the Global Cybersecurity Index 2020, in which "
            "Oman scored 96.04.",
            [("OMN", "score", 96.04, "world", "eq")],
            id="en05",
        ),
        pytest.param(
            "Le 1er juillet, l'indice mondial de cybersécurité 2020 a classé le Maroc 50e.",
            [("MAR", "rank", 50, "world", "eq")],
            id="le-1er-juillet",
        ),
        pytest.param(
            "In September 2021, Morocco ranked 50th in the Global Cybersecurity Index 2020.",
            [("MAR", "rank", 50, "world", "eq")],
            id="month-then-rank",
        ),
        pytest.param(
            "In September 2021, Morocco came 50th in the Global Cybersecurity Index 2020.",
            [("MAR", "rank", 50, "world", "eq")],
            id="month-then-ordinal",
        ),
    ],
)
def test_day_of_a_date_is_no_rank(text, expected):
    assert claims(text) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "le 1er septembre",
        "on june 29th",
        "obtenu le 29 juin",
        "le premier juillet",
        "the first of june",
    ],
)
def test_date_alone_gives_no_figure(sentence):
    assert read(sentence) == []


# --- A7: a pillar named after its number, with only "in the ... measures" between.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Oman obtient 18,39 dans les mesures techniques de l'indice mondial de cybersécurité "
            "2024.",
            [("OMN", "technical", 18.39, "world", "eq")],
            id="fr19",
        ),
        pytest.param(
            "حصلت سلطنة عمان على 19.59 نقطة في محور التدابير القانونية ضمن مؤشر الأمن السيبراني "
            "العالمي 2024.",
            [("OMN", "legal", 19.59, "world", "eq")],
            id="ar24",
        ),
        pytest.param(
            "Morocco scored 97.5, with full marks in legal measures, in the Global Cybersecurity "
            "Index 2024.",
            [("MAR", "score", 97.5, "world", "eq")],
            id="full-marks-stays-a-score",
        ),
    ],
)
def test_pillar_named_after_the_number(text, expected):
    assert claims(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Morocco scored 20/20 in legal measures and 97.5 overall in the Global Cybersecurity "
            "Index 2024.",
            [("MAR", "legal", 20, "world", "eq"), ("MAR", "score", 97.5, "world", "eq")],
            id="E23",
        ),
        pytest.param(
            "Le Maroc obtient 20/20 en mesures juridiques et 97,5 points au total dans l'indice "
            "mondial de cybersécurité 2024.",
            [("MAR", "legal", 20, "world", "eq"), ("MAR", "score", 97.5, "world", "eq")],
            id="fr-au-total",
        ),
        pytest.param(
            "Morocco scored 20/20 in legal measures and 18.12 in technical measures in the Global "
            "Cybersecurity Index 2024.",
            [("MAR", "legal", 20, "world", "eq"), ("MAR", "technical", 18.12, "world", "eq")],
            id="pillars-without-overall-stay-pillars",
        ),
    ],
)
def test_a_score_said_overall_is_no_pillar(text, expected):
    """A score followed by "overall" ("au total", "إجمالا") is the overall score, not the
    pillar named just before it."""
    assert claims(text) == expected


# --- A8: a change is not a score.


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Morocco's score improved by 15.09 points in the Global Cybersecurity Index 2024.",
            id="en13",
        ),
        pytest.param(
            "Le Maroc a progressé de 15,09 points dans l'indice mondial de cybersécurité 2024 "
            "par rapport à 2020.",
            id="fr08",
        ),
        pytest.param(
            "Morocco's score was up 15.09 points in the Global Cybersecurity Index 2024.", id="up"
        ),
        pytest.param(
            "Morocco gained +15.09 points in the Global Cybersecurity Index 2024.", id="plus"
        ),
        pytest.param(
            "ارتفع رصيد المغرب بـ 15.09 نقطة في مؤشر الأمن السيبراني العالمي 2024.",
            id="ar22-spaced",
        ),
        pytest.param(
            "حقق المغرب نتيجة بزيادة 15.09 نقطة في مؤشر الأمن السيبراني العالمي 2024.",
            id="bi-ziyada",
        ),
        pytest.param(
            "Morocco posted a 15.09-point increase in the Global Cybersecurity Index 2024.",
            id="point-increase",
        ),
    ],
)
def test_change_is_not_a_score(text):
    assert claims(text) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "تصدرت السعودية بـ 99.54 نقطة",
            [("rank", 1, "world", "eq"), ("score", 99.54, "world", "eq")],
            id="bi-without-a-verb-of-change",
        ),
        pytest.param(
            "morocco's score rose from 82.41 in 2020 to 97.5 in 2024",
            [("score", 82.41, "world", "eq"), ("score", 97.5, "world", "eq")],
            id="from-to-levels",
        ),
        pytest.param(
            "morocco scored 97.5 points, 15.09 points more than in 2020",
            [("score", 97.5, "world", "eq")],
            id="points-more",
        ),
        pytest.param(
            "morocco obtained 97.5 out of 100", [("score", 97.5, "world", "eq")], id="out-of-100"
        ),
    ],
)
def test_levels_next_to_changes(sentence, expected):
    assert read(sentence) == expected


# --- B10, B11, B12, B14: ranks that were missed.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "احتلت سلطنة عمان المركز الحادي والعشرين عالميا في مؤشر الأمن السيبراني العالمي 2020.",
            [("OMN", "rank", 21, "world", "eq")],
            id="ar08",
        ),
        pytest.param(
            "Le Maroc est classé cinquantième dans l'indice mondial de cybersécurité 2020.",
            [("MAR", "rank", 50, "world", "eq")],
            id="fr09",
        ),
        pytest.param(
            "احتل المغرب المرتبة الـ50 في مؤشر الأمن السيبراني العالمي لعام 2020.",
            [("MAR", "rank", 50, "world", "eq")],
            id="ar11",
        ),
        pytest.param(
            "Saudi Arabia topped the Arab world and came second globally in the Global "
            "Cybersecurity Index 2020.",
            [("SAU", "rank", 1, "arab", "eq"), ("SAU", "rank", 2, "world", "eq")],
            id="en34",
        ),
    ],
)
def test_missed_ranks(text, expected):
    assert claims(text) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "المراتب 50 و2 و23 على التوالي",
            [("rank", 50, "world", "eq"), ("rank", 2, "world", "eq"), ("rank", 23, "world", "eq")],
            id="plural-list",
        ),
        pytest.param(
            "المراتب 1 و3 و4 عربيا على التوالي",
            [("rank", 1, "arab", "eq"), ("rank", 3, "arab", "eq"), ("rank", 4, "arab", "eq")],
            id="one-scope-for-the-list",
        ),
        pytest.param(
            "المرتبتين 50 و 82.41 نقطة",
            [("score", 82.41, "world", "eq")],
            id="no-list-into-a-decimal",
        ),
        pytest.param("المراتب المتقدمة 50 و2", [], id="list-right-after-the-word-only"),
    ],
)
def test_rank_list_after_a_plural_rank_word(sentence, expected):
    """B13: each number of a list after المراتب/المراكز/المرتبتين is a rank, one scope for all."""
    assert read(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "rank"),
    [
        ("المرتبة الحادية عشرة", 11),
        ("المرتبة الثانية والعشرين", 22),
        ("المركز الخمسين", 50),
        ("المرتبة التاسعة والتسعين", 99),
        ("classé vingt et unième", 21),
        ("classé soixante et onzième", 71),
        ("classé quatre-vingt-treizième", 93),
        ("classé quatre-vingt-dix-neuvième", 99),
        ("ranked twenty-first", 21),
        ("ranked eleventh", 11),
    ],
)
def test_ordinal_words_above_ten(sentence, rank):
    assert read(sentence) == [("rank", rank, "world", "eq")]


@pytest.mark.parametrize(
    ("sentence", "rank"),
    [
        ("au cinquantième rang", 50),
        ("au quarante-cinquième rang", 45),
        ("à la vingt-troisième place", 23),
        ("en trentième position", 30),
        ("au soixante-dixième rang", 70),
        ("au dix-septième rang", 17),
        ("au centième rang", 100),
        ("au cent-sixième rang", 106),
        ("au cent vingt-troisième rang", 123),
        ("au cent quatre-vingt-treizième rang", 193),
        ("classé cent-sixième", 106),
        ("twenty-first place", 21),
        ("the fiftieth place", 50),
        ("ranked twentyfirst", 21),
    ],
)
def test_ordinal_words_above_ten_before_a_rank_noun(sentence, rank):
    """B11: "au cinquantième rang" is read where "au 50e rang" is ("au quarante-cinquième rang"
    was rank 5, "twenty-first place" rank 1: the last word alone); up to "cent
    quatre-vingt-treizième" (193, the GCI's and the EGDI's last ranks)."""
    assert read(sentence) == [("rank", rank, "world", "eq")]


@pytest.mark.parametrize(
    "sentence",
    [
        "le vingtième siècle",
        "vingt pays et cent experts",
        "le centre national",
        "the twenty-first of june",
    ],
)
def test_ordinal_words_above_ten_without_a_rank_noun_are_no_rank(sentence):
    assert read(sentence) == []


def test_french_ordinal_above_ten_before_rang_gives_a_claim():
    """The known missed claim: "se classe au cinquantième rang de l'indice ... 2020"."""
    text = "Le Maroc se classe au cinquantième rang de l'indice mondial de cybersécurité 2020."
    assert claims(text) == [("MAR", "rank", 50, "world", "eq")]


def test_pillar_after_a_blanked_name_is_no_pillar():
    """A run of spaces is a blanked name (claims.py blanks the index): "97.5 in the <index> for
    legal measures" stays an overall score."""
    blanked = "morocco scored 97.5 in the" + " " * 12 + "for legal measures"
    assert read(blanked) == [("score", 97.5, "world", "eq")]


def test_ordinal_above_ten_needs_a_rank_word():
    """ "القرن الحادي والعشرين" (the 21st century) is no rank."""
    assert read("تحديات القرن الحادي والعشرين في المنطقة") == []


# --- The automaton pass: a sentence it finds no cue of a kind in gives what a search of every
# pattern gives.


def _generated(count):
    """Sentences of the new cue words, rank words, ordinals and numbers (seeded)."""
    rng = random.Random(12)
    words = [
        fold(w)
        for table in (
            lexicon.NEGATIONS,
            lexicon.NOT_NEGATING_AFTER,
            lexicon.UNRANKED_REGIONS,
            lexicon.MONTHS,
            lexicon.CHANGE_BEFORE,
            lexicon.CHANGE_AFTER,
            lexicon.CHANGE_VERBS_AR,
            lexicon.CHANGE_LINKS_AR,
            lexicon.BOUNDS_BEFORE,
            lexicon.BOUND_VERBS_AR,
            lexicon.SCORE_NOUNS_AR,
            lexicon.BOUNDS_AFTER,
            lexicon.GAPS,
            lexicon.AIMS,
            lexicon.SUB_INDICES,
            lexicon.PREVIOUS_BEFORE,
            lexicon.SCALE_MAXIMUM_BEFORE,
        )
        for w in table
    ]
    words += list(ordinals.ORDINALS) + list(ordinals.BIG_ORDINAL_PARTS)
    words += "ranked classe المرتبه المركز the le in en score points نقطه ب ال don't n'est".split()
    words += "didn't ne figure plus africa arab world monde arabe العالم العربي".split()
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randrange(3, 14)):
            if rng.random() < 0.3:
                parts.append(rng.choice(["2020", "50th", "1er", "15.09", "97,5", "+3", "29"]))
            else:
                parts.append(rng.choice(words))
        out.append("".join(p + rng.choice([" ", " ", ", ", "-", "   "]) for p in parts))
    return out


def test_cue_kinds_leave_out_only_what_cannot_match(monkeypatch):
    """With every cue kind said present (as for a sentence the word cut cannot read), the
    figures are the same: a kind the automaton does not report had nothing to find."""
    corpus = _generated(3000)
    expected = [figures.figures_and_years(s) for s in corpus]
    real = figures.starts_and_cues
    monkeypatch.setattr(figures, "starts_and_cues", lambda s: (*real(s)[:3], None))
    assert [figures.figures_and_years(s) for s in corpus] == expected


# --- Second audit, A3: ordinal or lead words that are no rank.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Le Premier ministre a salué les 82,41 points obtenus par le Maroc dans l'indice "
            "mondial de cybersécurité 2020.",
            [("MAR", "score", 82.41, "world", "eq")],
            id="F05",
        ),
        pytest.param(
            "Pour la première fois, le Maroc intègre le top 50 de l'indice mondial de "
            "cybersécurité 2020.",
            [("MAR", "rank", 50, "world", "top")],
            id="F06",
        ),
        pytest.param(
            "وحقق المغرب للمرة الأولى في تاريخه 82.41 نقطة في مؤشر الأمن السيبراني العالمي 2020.",
            [("MAR", "score", 82.41, "world", "eq")],
            id="A11",
        ),
        pytest.param(
            "Oman, the first Arab country to set up a national CERT, ranked 21st in the Global "
            "Cybersecurity Index 2020.",
            [("OMN", "rank", 21, "world", "eq")],
            id="E10",
        ),
        pytest.param(
            "Oman, le premier pays arabe à avoir créé un CERT national, se classe 21e dans "
            "l'indice mondial de cybersécurité 2020.",
            [("OMN", "rank", 21, "world", "eq")],
            id="F19",
        ),
        pytest.param(
            "Morocco, Africa's leading digital hub, ranked 50th in the Global Cybersecurity "
            "Index 2020.",
            [("MAR", "rank", 50, "world", "eq")],
            id="E09",
        ),
    ],
)
def test_ordinal_or_lead_word_that_is_no_rank(text, expected):
    assert claims(text) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "morocco took the first place", [("rank", 1, "world", "eq")], id="the-first-place"
        ),
        pytest.param(
            "le maroc est le premier en afrique", [("rank", 1, "africa", "eq")], id="le-premier-en"
        ),
        pytest.param(
            "oman was the third-best performer among arab states",
            [("rank", 3, "arab", "eq")],
            id="third-best",
        ),
        pytest.param("oman leads the gcc", [("rank", 1, "gcc", "eq")], id="leads"),
        pytest.param("qatar was leading", [("rank", 1, "world", "eq")], id="was-leading"),
        pytest.param("africa's 3rd", [("rank", 3, "africa", "eq")], id="africas-3rd"),
        pytest.param(fold("جاء الأول عربيا"), [("rank", 1, "arab", "eq")], id="al-awwal-arabiyan"),
    ],
)
def test_ordinals_and_lead_words_still_ranks(sentence, expected):
    assert read(sentence) == expected


# --- Second audit, A2: a scope read from an outlet's name; A6: a headline list's scope.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Oman ranked 21st, Al Arabiya reported, citing the Global Cybersecurity Index 2020.",
            [("OMN", "rank", 21, "world", "eq")],
            id="E07",
        ),
        pytest.param(
            "The UAE ranked 5th, Gulf News said, in the Global Cybersecurity Index 2020.",
            [("ARE", "rank", 5, "world", "eq")],
            id="E08",
        ),
        pytest.param(
            "Le Maroc se classe 50e, selon Jeune Afrique, dans l'indice mondial de "
            "cybersécurité 2020.",
            [("MAR", "rank", 50, "world", "eq")],
            id="F02",
        ),
        pytest.param(
            "واحتلت سلطنة عمان المرتبة 21، بحسب ما أوردته قناة العربية، في مؤشر الأمن السيبراني "
            "العالمي 2020.",
            [("OMN", "rank", 21, "world", "eq")],
            id="A05",
        ),
        pytest.param(
            "وذكرت صحيفة الشرق الأوسط أن المغرب احتل المرتبة 50 في المؤشر العالمي للأمن "
            "السيبراني 2020.",
            [("MAR", "rank", 50, "world", "eq")],
            id="A06",
        ),
        pytest.param(
            "ونقلت صحيفة الخليج أن الإمارات حلت في المرتبة الخامسة في مؤشر الأمن السيبراني "
            "العالمي 2020.",
            [("ARE", "rank", 5, "world", "eq")],
            id="A27",
        ),
        pytest.param(
            "Global Cybersecurity Index 2020: Saudi Arabia 1st, UAE 2nd, Oman 3rd in the Arab "
            "world",
            [
                ("SAU", "rank", 1, "arab", "eq"),
                ("ARE", "rank", 2, "arab", "eq"),
                ("OMN", "rank", 3, "arab", "eq"),
            ],
            id="E11",
        ),
        pytest.param(
            "GCI 2020 de l'UIT : Arabie saoudite 1re, Émirats 2e, Oman 3e dans le monde arabe",
            [
                ("SAU", "rank", 1, "arab", "eq"),
                ("ARE", "rank", 2, "arab", "eq"),
                ("OMN", "rank", 3, "arab", "eq"),
            ],
            id="F20",
        ),
        pytest.param(
            "مؤشر الأمن السيبراني العالمي 2020: السعودية الأولى والإمارات الثانية وعمان الثالثة "
            "عربيا",
            [
                ("SAU", "rank", 1, "arab", "eq"),
                ("ARE", "rank", 2, "arab", "eq"),
                ("OMN", "rank", 3, "arab", "eq"),
            ],
            id="A22",
        ),
        pytest.param(
            "Le Maroc se classe 50e, premier en Afrique, dans l'indice mondial de cybersécurité "
            "2020.",
            [("MAR", "rank", 50, "world", "eq"), ("MAR", "rank", 1, "africa", "eq")],
            id="no-list-without-a-name",
        ),
        pytest.param(
            "وجاء المغرب في صدارة الدول العربية، بحسب صحيفة الخليج، في مؤشر الأمن السيبراني "
            "العالمي 2020.",
            [("MAR", "rank", 1, "arab", "eq")],
            id="scope-beside-an-outlet",
        ),
    ],
)
def test_scope_from_a_rank_phrase_not_a_name(text, expected):
    assert claims(text) == expected


# --- A tier written as a digit ordinal ("1er niveau", "1st tier") is a tier, as "premier niveau",
# "first tier", "niveau 1" and "المستوى الأول" are; a digit ordinal before another noun stays a rank.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Le Maroc se hisse au 1er niveau de l'indice mondial de cybersécurité 2024.",
            [("tier", 1, "world", "eq")],
            id="F07",
        ),
        pytest.param(
            "Morocco is in the 1st tier of the Global Cybersecurity Index 2024.",
            [("tier", 1, "world", "eq")],
            id="en-1st-tier",
        ),
        pytest.param(
            "L'Égypte est au 2e niveau et la Tunisie en 3ème catégorie.",
            [("tier", 2, "world", "eq"), ("tier", 3, "world", "eq")],
            id="fr-2e-niveau",
        ),
        pytest.param(
            "Le Maroc se hisse au premier niveau de l'indice.",
            [("tier", 1, "world", "eq")],
            id="fr-premier-niveau",
        ),
        pytest.param(
            "صنف المغرب في المستوى الأول في المؤشر.",
            [("tier", 1, "world", "eq")],
            id="ar-first-level",
        ),
        pytest.param(
            "Le Maroc est 1er au niveau africain.",
            [("rank", 1, "africa", "eq")],
            id="1er-au-niveau-africain-is-a-rank",
        ),
        pytest.param(
            "Le Maroc est 1er de l'indice.", [("rank", 1, "world", "eq")], id="1er-alone-is-a-rank"
        ),
    ],
)
def test_digit_ordinal_tiers(sentence, expected):
    assert [f for f in read(sentence) if f[0] in ("tier", "rank")] == expected


# --- Third pass on the press corpus's misses (tests/etl/news/press_corpus.py).


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Morocco climbed to 50th place in the index, up from 93rd in the previous edition.",
            [("rank", 50, "world", "eq")],
            id="up-from-previous-edition",
        ),
        pytest.param(
            "Morocco ranked 25th out of 61 countries, up from 32nd.",
            [("rank", 25, "world", "eq")],
            id="up-from",
        ),
        pytest.param(
            "Le Maroc est passé du 93e au 50e rang de l'indice.",
            [("rank", 50, "world", "eq")],
            id="passe-du-au",
        ),
        pytest.param(
            "Morocco scored 97.5, down from the 98.1 it had.",
            [("score", 97.5, "world", "eq")],
            id="down-from-score",
        ),
        pytest.param(
            "Morocco rose from 93rd in the index.",
            [],
            id="rose-from-alone",
        ),
        # Dated by its own year, the previous value is a figure (etl.news.attribution dates it).
        pytest.param(
            "Morocco climbed to 50th place, up from 93rd in 2018.",
            [("rank", 50, "world", "eq"), ("rank", 93, "world", "eq")],
            id="up-from-dated",
        ),
        pytest.param(
            "Le Maroc est passé de la 93e place en 2018 à la 50e place.",
            [("rank", 93, "world", "eq"), ("rank", 50, "world", "eq")],
            id="passe-de-la-dated",
        ),
        # "from" alone is no word of change here.
        pytest.param(
            "Morocco, far from 1st place, ranked 50th.",
            [("rank", 1, "world", "eq"), ("rank", 50, "world", "eq")],
            id="far-from-is-no-change",
        ),
    ],
)
def test_previous_value_of_a_change_is_no_figure(sentence, expected):
    """The previous value of a change ("up from 93rd", "passé du 93e au 50e") is no level to
    check unless its own year follows it."""
    assert read(sentence) == expected


def test_from_a_number_to_points_is_no_rank():
    """ "From 1 to 5 points" states no rank (the first of "from X to Y" is left to the
    attribution, which dates it only by a year of its own)."""
    assert [f for f in read("Its score went from 1 to 5 points.") if f[0] == "rank"] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Le Maroc a obtenu 97,5, tout près de la note maximale de 100.",
            [("score", 97.5, "world", "eq")],
            id="F26-note-maximale",
        ),
        pytest.param(
            "Morocco scored 97.5 points, close to a perfect score of 100.",
            [("score", 97.5, "world", "eq")],
            id="perfect-score-of",
        ),
        # The sentence's only score: a level ("full marks").
        pytest.param(
            "Le Maroc a obtenu la note maximale de 20 en mesures juridiques.",
            [("legal", 20, "world", "eq")],
            id="note-maximale-alone-is-a-level",
        ),
        pytest.param(
            "Morocco ranked 50th with the maximum score of 20 in legal measures.",
            [("rank", 50, "world", "eq"), ("legal", 20, "world", "eq")],
            id="after-a-rank-is-a-level",
        ),
    ],
)
def test_scale_maximum_after_a_score_is_no_figure(sentence, expected):
    """"La note maximale de 100" after a score is the scale's maximum, not a second score."""
    assert read(sentence) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Morocco ranked 50th in the Global Cybersecurity Index 2020 and did not make the "
            "African top five.",
            [("MAR", "rank", 50, "world", "eq")],
            id="E30-and-did-not",
        ),
        pytest.param(
            "Morocco ranked 50th in the Global Cybersecurity Index 2020 and not 93rd.",
            [("MAR", "rank", 50, "world", "eq")],
            id="and-not",
        ),
        pytest.param(
            "Le Maroc est 50e de l'indice mondial de cybersécurité 2020 et n'a pas intégré le "
            "top 10.",
            [("MAR", "rank", 50, "world", "eq")],
            id="et-n-a-pas",
        ),
        pytest.param(
            "احتل المغرب المرتبة 50 في مؤشر الأمن السيبراني العالمي 2020 ولم يدخل قائمة أفضل 10 دول.",
            [("MAR", "rank", 50, "world", "eq")],
            id="wa-lam",
        ),
        pytest.param(
            "لم يعد المغرب في المرتبة 93 بل أصبح في المرتبة 50 في مؤشر الأمن السيبراني العالمي 2020.",
            [("MAR", "rank", 50, "world", "eq")],
            id="A21-bal",
        ),
    ],
)
def test_negation_after_and_opens_its_clause(text, expected):
    """A negation after "and" ("and did not", "ولم") or before بل negates its own clause only."""
    assert claims(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Morocco did not rank 50th and 93rd in the Global Cybersecurity Index 2020.",
            id="negation-before-both",
        ),
        pytest.param(
            "Morocco and Oman did not make the top 10 of the Global Cybersecurity Index 2020.",
            id="and-between-countries",
        ),
        pytest.param(
            "لم يحتل المغرب المرتبة 50 ولم يدخل قائمة أفضل 10 دول في مؤشر الأمن السيبراني العالمي "
            "2020.",
            id="lam-then-wa-lam",
        ),
    ],
)
def test_negation_before_and_still_negates(text):
    assert claims(text) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "En 2018, le Maroc n'était que quatre-vingt-treizième dans l'indice.",
            [("rank", 93, "world", "eq")],
            id="F32-dans",
        ),
        pytest.param("Au vingt-et-unième siècle dans le monde.", [], id="siecle-is-no-rank"),
    ],
)
def test_ordinal_word_above_ten_before_dans(sentence, expected):
    assert read(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "Le Maroc obtient respectivement 20, 18,12 et 20 en mesures juridiques, techniques "
            "et organisationnelles.",
            [("legal", 20, "world", "eq"), ("technical", 18.12, "world", "eq"),
             ("organizational", 20, "world", "eq")],
            id="F27-respectivement-before",
        ),
        pytest.param(
            "Morocco scored 20, 18.12 and 20 in legal, technical and organizational measures "
            "respectively.",
            [("legal", 20, "world", "eq"), ("technical", 18.12, "world", "eq"),
             ("organizational", 20, "world", "eq")],
            id="respectively-after",
        ),
        # As many numbers as pillars, else no figure (whose is which? not a score of 20 and a
        # legal 18.12).
        pytest.param(
            "Morocco scored 20 and 18.12 in legal, technical and organizational measures "
            "respectively.",
            [],
            id="fewer-numbers",
        ),
        pytest.param(
            "Le Maroc a obtenu respectivement 20, 18,12, 20 et 19,38 en mesures juridiques, "
            "techniques et organisationnelles.",
            [],
            id="more-numbers",
        ),
        # Without "respectively", a list before a list of pillars gives no figure either.
        pytest.param(
            "Morocco scored 20 and 18.12 in legal and technical measures.",
            [],
            id="no-respectively",
        ),
        # Not a list before the pillars: read as before.
        pytest.param(
            "Morocco scored 97.5 overall and 18.12 in technical measures.",
            [("score", 97.5, "world", "eq"), ("technical", 18.12, "world", "eq")],
            id="no-list",
        ),
    ],
)
def test_pillar_scores_listed_respectively(sentence, expected):
    """Pillar scores listed with "respectively" go to the pillars listed after them, in order;
    a list read no other way gives no figure."""
    assert read(sentence) == expected
