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
