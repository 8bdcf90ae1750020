"""GCI 2014 ranks are shared positions (Oman, Australia and Malaysia all 3rd): no places gained
are counted from them, and the Compare ranking says why its column is empty."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import data


@pytest.fixture(scope="module")
def changes(loaded_engine) -> pd.DataFrame:
    observations = data.gci_observations(loaded_engine, ["MAR", "OMN", "SAU"], "en")
    return data.with_changes(observations[observations["indicator_id"] == data.GCI_OVERALL]) \
        .set_index(["iso3", "edition"])


def test_no_places_gained_from_the_shared_positions_of_2014(changes):
    """Morocco was at the shared position 10 in 2014 and 49th in 2017: that is not "39
    places lost". From 2017 to 2018 ranks are places in one list and the change is given."""
    assert changes.at[("MAR", 2014), "rank"] == 10 and changes.at[("MAR", 2017), "rank"] == 49
    assert pd.isna(changes.at[("MAR", 2017), "rank_change"])
    assert pd.isna(changes.at[("SAU", 2017), "rank_change"])
    later = changes.loc[("MAR", 2018)]
    assert later["rank_change"] == later["prev_rank"] - later["rank"]


def test_the_2017_ranking_is_blank_in_places_gained_and_says_why(pages, app_context):
    compare = pages["compare"]
    view = compare.compare_view(data.current_engine(), ["MAR", "OMN", "SAU"], 2017, "en")
    assert [row["rank_change"] for row in view["ranking_rows"]] == [None, None, None]
    assert "No places gained are counted from 2014" in view["ranking_note"]
    assert "Oman, Australia and Malaysia were all 3rd" in view["ranking_note"]
    assert "shared positions" in compare.ranking_note(2014, "en")
    assert "shared" not in compare.ranking_note(2020, "en")


# ---------------------------------------------------------------- shared ranks in words

def test_rank_holders_are_counted_over_every_country_not_the_selection(loaded_engine):
    """Morocco alone in the frame still reads the 3 countries at GCI 2014's 10th position and
    the edition's last position (29); the UK and Saudi Arabia share 2nd place in GCI 2020."""
    alone = data.gci_overall(loaded_engine, ["MAR"]).set_index("edition")
    assert (alone.at[2014, "rank"], alone.at[2014, "rank_holders"]) == (10, 3)
    assert alone.at[2014, "last_rank"] == 29
    assert alone.at[2020, "rank_holders"] == 1 and alone.at[2020, "last_rank"] == 182
    assert pd.isna(alone.at[2024, "rank_holders"]) and pd.isna(alone.at[2024, "last_rank"])
    pair = data.gci_overall(loaded_engine, ["GBR", "SAU"])
    assert pair.loc[pair["edition"] == 2020, ["rank", "rank_holders"]].values.tolist() == \
        [[2, 2], [2, 2]]


@pytest.mark.parametrize(("iso3", "edition", "lang", "text"), [
    ("MAR", 2014, "en", "Position 10 of 29, shared by 3 countries"),
    ("MAR", 2014, "fr", "Position 10 sur 29, partagée par 3 pays"),
    ("MAR", 2014, "ar", "المركز 10 من 29، تشترك فيه 3 دول"),
    ("MAR", 2020, "en", "Rank 50"),
    ("SAU", 2020, "en", "Rank 2, shared by 2 countries"),
    ("SAU", 2020, "ar", "المرتبة 2، تشترك فيها دولتان"),
    ("MAR", 2024, "en", "Tier 1: Role-modelling"),
])
def test_a_rank_says_when_it_is_shared_and_2014_is_a_position_of_29(
        loaded_engine, iso3, edition, lang, text):
    from dashboard.rank_texts import rank_or_tier_text

    frame = data.gci_overall(loaded_engine, [iso3])
    assert rank_or_tier_text(frame[frame["edition"] == edition].iloc[0], lang) == text


def test_every_page_writes_the_shared_rank(pages, app_context, loaded_engine):
    """The Country page's table, the chart's hover and the brief take the one rank text."""
    from dashboard import brief, figures

    country = pages["country"]
    names = data.country_names(loaded_engine, "en")
    content = str(country.country_content(
        "OMN", names["OMN"], data.gci_observations(loaded_engine, ["OMN"], "en"), "en"))
    assert "Position 3 of 29, shared by 3 countries" in content
    overall = data.gci_overall(loaded_engine, ["OMN"])
    hover = str(figures.gci_trend_figure(overall, "en").to_plotly_json())
    assert "Position 3 of 29, shared by 3 countries" in hover
    assert "Position 3 of 29, shared by 3 countries" in brief.render_brief(loaded_engine, "OMN", "en")
