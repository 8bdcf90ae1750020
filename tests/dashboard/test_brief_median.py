"""The brief's group median is the median of the group's members, the country among them when
it is one, as the Country page's "median of the group" and the brief's own label say, and the
brief says which it is (it left the country out without saying so: Maghreb 2014 read 23.5)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import brief_data, data

pytestmark = pytest.mark.usefixtures("dash_app")

# GCI overall scores on 0-100 of the Maghreb's members, 2014 and 2024 (the bundled data).
MAGHREB_2014 = {"DZA": 17.6, "LBY": 29.4, "MAR": 55.9, "MRT": 14.7, "TUN": 52.9}
MAGHREB_2024 = {"DZA": 65.87, "LBY": 68.09, "MAR": 97.5, "MRT": 39.33, "TUN": 82.0}


def test_the_maghreb_median_counts_morocco(app_context):
    """Morocco is a Maghreb member: 2014's median of the five is Libya's 29.4 (without Morocco
    it read 23.5), 2024's is 68.09 (not 66.98, the mean of Algeria and Libya). Against a group
    it is not in, the median is of the group's members alone."""
    engine = data.current_engine()
    info = brief_data.brief_data(engine, "MAR", "maghreb", "en")
    overall = data.with_changes(info["observations"])
    overall = overall[overall["indicator_id"] == data.GCI_OVERALL]
    for edition, scores in ((2014, MAGHREB_2014), (2024, MAGHREB_2024)):
        found = overall[overall["edition"] == edition].set_index("iso3")["score_100"]
        assert found.round(2).to_dict() == scores
    assert info["group_trend"][2014] == pytest.approx(29.4)
    assert info["group_trend"][2024] == pytest.approx(68.09)
    assert set(info["members"]) == set(MAGHREB_2014)
    # Against the GCC, a group Morocco is not in: the six members' median, Morocco not one.
    gcc = data.group_members(engine, "gcc")
    info = brief_data.brief_data(engine, "MAR", "gcc", "en")
    assert "MAR" not in info["members"]
    overall = data.with_changes(data.gci_observations(engine, gcc, "en"))
    overall = overall[(overall["indicator_id"] == data.GCI_OVERALL)
                      & (overall["edition"] == 2024)]
    assert info["group_trend"][2024] == pytest.approx(overall["score_100"].median())


@pytest.mark.parametrize(("query", "said"), [
    pytest.param("MAR?lang=en", "Group median: the median overall score of the members of the "
                 "Arab Maghreb Union (Maghreb) in each edition, Morocco included.", id="member"),
    pytest.param("MAR?lang=en&group=gcc", "(Morocco is not one of them)", id="not-member"),
    pytest.param("MAR?lang=fr", "Médiane du groupe\u00a0: médiane des scores globaux des membres du "
                 "groupe Union du Maghreb arabe (Maghreb) à chaque édition, Maroc compris.",
                 id="fr"),
])
def test_the_brief_says_what_its_median_is(dash_app, query, said):
    """Under the trend chart the brief says whose median it draws."""
    page = dash_app.server.test_client().get(f"/brief/{query}").get_data(as_text=True)
    assert said in page.split('<section class="trend-section">', 1)[1]


def test_pillar_median_counts_a_member_country_and_needs_another():
    """The pillars' median and best are the members' (the country too when it is one, as the
    Country page's "median of the group" reads); a country alone in its group gets none (a
    median of itself would only repeat its score)."""
    frame = pd.DataFrame([
        {"iso3": "MAR", "indicator_id": "itu_gci.legal", "value": 18.0},
        {"iso3": "TUN", "indicator_id": "itu_gci.legal", "value": 16.0},
        {"iso3": "DZA", "indicator_id": "itu_gci.legal", "value": 12.0},
    ])
    legal = brief_data.pillar_rows(frame, "MAR", ["MAR", "TUN", "DZA"])[0]
    assert (legal["median"], legal["best"], legal["peers"]) == (16.0, 18.0, 3)
    alone = brief_data.pillar_rows(frame[frame["iso3"] == "MAR"], "MAR", ["MAR", "TUN"])[0]
    assert (alone["median"], alone["best"], alone["peers"]) == (None, None, 0)


def test_the_country_page_and_the_brief_read_one_median(pages, app_context):
    """The Country page's distance table and the brief's come from one reading (standing):
    the GCC's pillar median for Oman counts Oman among the four members with pillar scores."""
    engine = data.current_engine()
    found = brief_data.standing(engine, "OMN", "gcc", "en")
    legal = next(r for r in found["pillars"] if r["pillar"] == "itu_gci.legal")
    pillars = data.gci_observations(engine, data.group_members(engine, "gcc"), "en")
    pillars = pillars[(pillars["indicator_id"] == "itu_gci.legal")
                      & (pillars["edition"] == found["pillar_edition"])]
    assert "OMN" in set(pillars["iso3"])
    assert legal["peers"] == len(pillars)
    assert legal["median"] == pytest.approx(pillars["value"].median())
    info = brief_data.brief_data(engine, "OMN", "gcc", "en")
    assert info["pillars"] == found["pillars"]
