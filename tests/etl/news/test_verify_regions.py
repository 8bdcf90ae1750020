"""Regional ranks are computed only from an edition that scores (nearly) every member of the
region (second audit, A5): an edition holding one or two rows ("Oman ranks 1 of 1 (Arab
League)") gives no regional rank, and a claim on one is unverifiable, said so in en/fr/ar."""

from __future__ import annotations

import pandas as pd
import pytest

from etl.news.article import analyse_article
from etl.news.claims import Claim, check_claims
from etl.news.regions import ARAB_LEAGUE

# Near-empty editions as the store holds them: EGDI 2020 with Morocco (a rank, no value) and
# Oman; NCSI 2022 with Morocco alone.
SPARSE = pd.DataFrame([
    {"indicator": "un_egdi.egdi", "iso3": "MAR", "edition": 2020, "value": None, "rank": 106,
     "source": "UN E-Government Survey 2020"},
    {"indicator": "un_egdi.egdi", "iso3": "OMN", "edition": 2020, "value": 0.7749, "rank": 50,
     "source": "UN E-Government Survey 2020"},
    {"indicator": "ncsi.score", "iso3": "MAR", "edition": 2022, "value": 49.35, "rank": 71,
     "source": "NCSI snapshot"},
])


@pytest.mark.parametrize(("text", "language", "metric"), [
    pytest.param("Oman ranked fourth in the Arab world in the UN E-Government Development Index "
                 "2020.", "en", "rank_in_arab", id="E25"),
    pytest.param("وحلت سلطنة عمان في المرتبة الرابعة عربيا في مؤشر تطوير الحكومة الإلكترونية "
                 "2020.", "ar", "rank_in_arab", id="A14"),
    pytest.param("Le Maroc se classe premier en Afrique dans l'indice national de cybersécurité "
                 "(NCSI) 2022.", "fr", "rank_in_africa", id="F23"),
    pytest.param("وتصدر المغرب الدول العربية في المؤشر الوطني للأمن السيبراني 2022.", "ar",
                 "rank_in_arab", id="A15"),
])
def test_a_regional_rank_from_a_near_empty_edition_is_unverifiable(text, language, metric):
    """Not "contradicted: ranks 1 of 1" nor "consistent: 1 of 1"."""
    [claim] = analyse_article(text, language, SPARSE)["claims"]
    assert (claim["metric"], claim["verdict"], claim["official"]) == (metric, "unverifiable", None)


def test_the_explanation_says_the_edition_scores_too_few_members():
    claim = Claim(text="", iso3="OMN", index="un_egdi", metric="rank", value=4, edition=2020,
                  scope="arab")
    [result] = check_claims([claim], SPARSE)
    assert result.explanations == {
        "en": "Unverifiable: UN EGDI 2020 scores only 1 of the 22 members of the region (Arab "
              "League), too few to compute a regional rank.",
        "fr": "Invérifiable\u00a0: l'EGDI de l'ONU 2020 ne donne le score que de 1 des 22 membres de "
              "la région (Ligue arabe), trop peu pour calculer un rang régional.",
        "ar": "غير قابل للتحقق: لا يعطي مؤشر تطوير الحكومة الإلكترونية 2020 درجات إلا لعدد 1 من "
              "أصل 22 من أعضاء المنطقة (الدول العربية)، وهو عدد لا يكفي لحساب مرتبة إقليمية.",
    }


def _arab_rank(official: pd.DataFrame, dropped: set[str]):
    rows = official[~(official["iso3"].isin(dropped) & (official["edition"] == 2020))]
    claim = Claim(text="", iso3="OMN", index="itu_gci", metric="rank", value=3, edition=2020,
                  scope="arab")
    [result] = check_claims([claim], rows)
    return result


def test_an_edition_missing_one_arab_state_still_ranks_the_arab_states(official):
    """The EGDI surveys UN members: 21 of the Arab League's 22 (not Palestine). That edition
    ranks the Arab states (Oman 3rd of 21 in GCI 2020 without Palestine's row)."""
    result = _arab_rank(official, {"PSE"})
    assert (result.verdict, result.official["regional_rank"], result.official["of"]) == (
        "consistent", 3, 21)


def test_an_edition_missing_two_arab_states_does_not_rank_them(official):
    """20 of 22 (under 95 %): a missing state could rank above: unverifiable."""
    assert {"PSE", "SOM"} <= ARAB_LEAGUE
    result = _arab_rank(official, {"PSE", "SOM"})
    assert (result.verdict, result.official) == ("unverifiable", None)
    assert "20 of the 22 members" in result.explanations["en"]
