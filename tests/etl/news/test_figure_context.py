"""What the rest of a sentence says about its figures (third audit of the claim check): a scope
that opens the sentence, a question or a hypothesis, another index than those read, a region as
the subject, a lead shared by a list of countries, a rank's brackets, a possessive scope, and
"the 2020 edition". Each rule with the near misses that must keep their reading.
"""

import pytest

from etl.news.claims import extract_claims


def claims(text, language=None):
    """(country, metric, value, scope) of each claim of a text."""
    return [(c.iso3, c.metric, c.value, c.scope) for c in extract_claims(text, language)]


def dated(text, language=None):
    """(country, metric, value, edition) of each claim of a text."""
    return [(c.iso3, c.metric, c.value, c.edition) for c in extract_claims(text, language)]


GCI_EN = "the Global Cybersecurity Index 2020"
GCI_FR = "l'indice mondial de cybersécurité 2020"
GCI_AR = "مؤشر الأمن السيبراني العالمي 2020"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param(f"In the Arab world's ranking of {GCI_EN}, Oman and Morocco ranked 3rd and "
                     "7th respectively.", "en",
                     [("OMN", "rank", 3, "arab"), ("MAR", "rank", 7, "arab")], id="en-ranking"),
        pytest.param(f"Dans le classement arabe de {GCI_FR}, Oman et le Maroc se classent "
                     "respectivement 3e et 7e.", "fr",
                     [("OMN", "rank", 3, "arab"), ("MAR", "rank", 7, "arab")], id="fr-classement"),
        pytest.param(f"Au niveau africain, le Maroc occupe la septième place de {GCI_FR}, derrière "
                     "Maurice.", "fr", [("MAR", "rank", 7, "africa")], id="fr-niveau"),
        pytest.param(f"وعلى الصعيد العربي جاءت سلطنة عمان في {GCI_AR} الصادر عن الاتحاد الدولي "
                     "للاتصالات في المرتبة 3.", "ar", [("OMN", "rank", 3, "arab")],
                     id="ar-saeed"),
        # A rank naming its own scope keeps it.
        pytest.param(f"In the Arab world's ranking of {GCI_EN}, Oman came 3rd and 21st "
                     "worldwide.", "en",
                     [("OMN", "rank", 3, "arab"), ("OMN", "rank", 21, "world")], id="own-scope"),
        # The world's opening scope changes nothing; an outlet's name is no scope.
        pytest.param(f"Globally, Oman ranked 21st in {GCI_EN}, while Morocco came 50th.", "en",
                     [("OMN", "rank", 21, "world"), ("MAR", "rank", 50, "world")], id="globally"),
        pytest.param(f"In the Gulf News ranking of {GCI_EN}, Oman ranked 21st.", "en",
                     [("OMN", "rank", 21, "world")], id="outlet"),
    ],
)
def test_a_scope_opening_the_sentence_is_its_ranks(text, language, expected):
    assert claims(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Another clause after the opening one: is its rank still the scope's? No claim.
        pytest.param(f"In the Arab world, cyberattacks rose sharply, while Morocco ranked 50th in "
                     f"{GCI_EN}.", "en", id="later-clause"),
        pytest.param(f"عربيا، وبحسب {GCI_AR}، جاءت سلطنة عمان في المركز الثالث.", "ar",
                     id="ar-later-clause"),
        # Two scopes open the sentence: whose is which?
        pytest.param(f"In Africa and the Arab world, Oman and Morocco ranked 3rd and 7th "
                     f"respectively in {GCI_EN}.", "en", id="two-scopes"),
    ],
)
def test_a_rank_the_opening_scope_may_not_reach_gives_no_claim(text, language):
    assert claims(text, language) == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("Could Oman reach 10th place in the next Global Cybersecurity Index?", "en",
                     id="could-question"),
        pytest.param("If it keeps its pace, Morocco could reach the top 20 of the Global "
                     "Cybersecurity Index.", "en", id="if-could"),
        pytest.param("Le Maroc pourrait atteindre la 10e place du prochain indice mondial de "
                     "cybersécurité.", "fr", id="pourrait"),
        pytest.param(f"Le Maroc est-il vraiment 50e de {GCI_FR} ?", "fr", id="question-mark"),
        pytest.param("هل يحتل المغرب المرتبة العاشرة في النسخة المقبلة من مؤشر الأمن السيبراني "
                     "العالمي؟", "ar", id="ar-hal"),
    ],
)
def test_a_question_or_hypothesis_states_no_figure(text, language):
    assert claims(text, language) == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # The question or hypothesis is its own clause: the figure before it stays.
        pytest.param(f"Morocco ranked 50th in {GCI_EN}: what next?", "en",
                     [("MAR", "rank", 50, "world")], id="question-after-colon"),
        pytest.param(f"Morocco ranked 50th in {GCI_EN}, but could it reach the top 30?", "en",
                     [("MAR", "rank", 50, "world")], id="could-after-but"),
        pytest.param(f"Le Maroc, 50e de {GCI_FR}, pourrait progresser.", "fr",
                     [("MAR", "rank", 50, "world")], id="pourrait-own-clause"),
    ],
)
def test_a_question_or_hypothesis_leaves_the_other_clauses(text, language, expected):
    assert claims(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param(f"Oman, first in the Arab world in the Government AI Readiness Index, ranked "
                     f"21st in {GCI_EN}.", "en", [("OMN", "rank", 21, "world")], id="ai-readiness"),
        pytest.param("احتلت الإمارات المرتبة الأولى عربيا في مؤشر جاهزية الحكومات للذكاء "
                     f"الاصطناعي، فيما حلت سلطنة عمان في المرتبة 21 في {GCI_AR}.", "ar",
                     [("OMN", "rank", 21, "world")], id="ar-ai-readiness"),
        pytest.param(f"Le Maroc, 50e de {GCI_FR}, est 70e de l'indice mondial de l'innovation.",
                     "fr", [("MAR", "rank", 50, "world")], id="innovation"),
    ],
)
def test_a_figure_of_another_index_is_none_of_the_gci(text, language, expected):
    assert claims(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param(f"Africa ranks third worldwide in cyberattacks; Morocco came 50th in "
                     f"{GCI_EN}.", "en", [("MAR", "rank", 50, "world")], id="en-africa"),
        pytest.param(f"L'Afrique se classe troisième au niveau mondial en nombre d'attaques ; le "
                     f"Maroc est 50e dans {GCI_FR}.", "fr", [("MAR", "rank", 50, "world")],
                     id="fr-afrique"),
        pytest.param("أفريقيا تحتل المرتبة الثالثة عالميا في عدد الهجمات السيبرانية، فيما جاء "
                     f"المغرب في المرتبة 50 في {GCI_AR}.", "ar", [], id="ar-africa"),
        pytest.param(f"L'Afrique se classe troisième au niveau mondial en nombre d'attaques, selon "
                     f"{GCI_FR} qui place le Maroc 50e.", "fr", [], id="fr-afrique-selon"),
        pytest.param(f"Gulf states ranked high: Oman came 21st in {GCI_EN}.", "en", [],
                     id="no-scope-from-the-subject"),
        # A possessive is no subject; a heading with a colon is none either.
        pytest.param(f"Africa's top performer Mauritius ranked 17th in {GCI_EN}.", "en",
                     [("MUS", "rank", 17, "world")], id="possessive"),
        pytest.param(f"Arab states: Oman 3rd in the Arab world in {GCI_EN}", "en",
                     [("OMN", "rank", 3, "arab")], id="heading"),
    ],
)
def test_a_rank_of_a_region_as_subject_is_no_country_s(text, language, expected):
    assert claims(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param(f"Saudi Arabia and the UAE led the Arab world in {GCI_EN}.", "en", [],
                     id="and"),
        pytest.param(f"Saudi Arabia, the UAE and Oman topped the Arab rankings in {GCI_EN}.",
                     "en", [], id="list"),
        pytest.param(f"L'Arabie saoudite et les Émirats arabes unis sont en tête du monde arabe "
                     f"dans {GCI_FR}.", "fr", [], id="fr-sont-en-tete"),
        pytest.param(f"Saudi Arabia (2nd), the UAE (5th) and Oman (21st) led the Arab states in "
                     f"{GCI_EN}.", "en",
                     [("SAU", "rank", 2, "world"), ("ARE", "rank", 5, "world"),
                      ("OMN", "rank", 21, "world")], id="bracketed-ranks"),
        # One country leads: first place.
        pytest.param(f"Saudi Arabia led the Arab world in {GCI_EN}, ahead of the UAE.", "en",
                     [("SAU", "rank", 1, "arab")], id="one-leads"),
        pytest.param(f"L'Arabie saoudite est en tête du monde arabe dans {GCI_FR}.", "fr",
                     [("SAU", "rank", 1, "arab")], id="fr-one-leads"),
    ],
)
def test_a_lead_shared_by_a_list_is_no_one_s_first_place(text, language, expected):
    assert claims(text, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(f"Egypt, 23rd, was Africa's second in {GCI_EN}.",
                     [("EGY", "rank", 23, "world"), ("EGY", "rank", 2, "africa")],
                     id="possessive-after"),
        pytest.param(f"Egypt was Africa's 2nd in {GCI_EN}.", [("EGY", "rank", 2, "africa")],
                     id="possessive-before"),
        pytest.param(f"Oman (21st) beat most Arab states in {GCI_EN}.",
                     [("OMN", "rank", 21, "world")], id="brackets-close-the-rank"),
        pytest.param(f"Oman (3rd in the Arab world) ranked 21st in {GCI_EN}.",
                     [("OMN", "rank", 3, "arab"), ("OMN", "rank", 21, "world")],
                     id="scope-inside-brackets"),
    ],
)
def test_a_scope_after_a_rank_beyond_its_reach_is_not_its(text, expected):
    assert claims(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param("Morocco, ranked 50th in the 2020 edition, joined Tier 1 in the Global "
                     "Cybersecurity Index 2024.", "en",
                     [("MAR", "rank", 50, 2020), ("MAR", "tier", 1, 2024)], id="en-edition"),
        pytest.param("Le Maroc, 50e dans l'édition 2020, rejoint le niveau 1 de l'indice mondial "
                     "de cybersécurité 2024.", "fr",
                     [("MAR", "rank", 50, 2020), ("MAR", "tier", 1, 2024)], id="fr-edition"),
        pytest.param("حصلت سلطنة عمان على 96.04 نقطة في مؤشر الأمن السيبراني العالمي 2020 مقابل "
                     "97.02 نقطة في نسخة 2024.", "ar",
                     [("OMN", "score", 96.04, 2020), ("OMN", "score", 97.02, 2024)],
                     id="ar-nuskha"),
    ],
)
def test_a_figure_in_the_edition_of_a_year_takes_that_year(text, language, expected):
    assert dated(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # A scope word qualifying an event or one country is no scope of the rank after it.
        pytest.param(f"On Africa Day, Morocco said it ranked 50th in {GCI_EN}.", "en",
                     [("MAR", "rank", 50, "world")], id="africa-day"),
        pytest.param(f"At the GCC summit, Oman said it ranked 21st in {GCI_EN}.", "en",
                     [("OMN", "rank", 21, "world")], id="gcc-summit"),
        pytest.param(f"Au sommet arabe, Oman a rappelé sa 21e place dans {GCI_FR}.", "fr",
                     [("OMN", "rank", 21, "world")], id="sommet-arabe"),
        pytest.param(f"وفي القمة الخليجية أعلنت عمان أنها احتلت المرتبة 21 في {GCI_AR}.", "ar",
                     [("OMN", "rank", 21, "world")], id="ar-qimma"),
        pytest.param(f"A Gulf state, Oman ranked 21st in {GCI_EN}.", "en",
                     [("OMN", "rank", 21, "world")], id="a-gulf-state"),
        # A region and its ranking, or a heading, still are.
        pytest.param(f"Among Arab states, Morocco ranked 7th in {GCI_EN}, behind Oman.", "en",
                     [("MAR", "rank", 7, "arab")], id="among-arab-states"),
        pytest.param(f"Arab world: Oman 3rd in {GCI_EN}", "en", [("OMN", "rank", 3, "arab")],
                     id="heading"),
        pytest.param(f"خليجيا، احتلت عمان المرتبة 3 في {GCI_AR}.", "ar",
                     [("OMN", "rank", 3, "gcc")], id="ar-khalijiyan"),
        # Two regions open the sentence: whose is the rank? None.
        pytest.param(f"In Africa and the Arab world, Morocco ranked 7th in {GCI_EN}.", "en", [],
                     id="two-regions"),
    ],
)
def test_a_scope_word_of_an_event_is_no_scope(text, language, expected):
    assert claims(text, language) == expected
