"""dashboard.data reads through the store and derives changes on the 0-100 basis."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from dashboard import data
from etl import collation


def test_rescale_multiplies_only_0_1_scores():
    """0.868 published on 0-1 becomes 86.8; 0-100 and 0-20 values stay as they are."""
    frame = pd.DataFrame({"value": [0.868, 96.04, 18.4], "scale": ["0-1", "0-100", "0-20"]})
    assert data.rescale_to_100(frame)["score_100"].tolist() == [86.8, 96.04, 18.4]


def test_changes_on_the_loaded_store(loaded_engine):
    """Morocco: +39.51 since 2018 on 0-100 (rank 93 to 50); 2024 has a score change only."""
    overall = data.gci_overall(loaded_engine, ["MAR"])
    by_edition = overall.set_index("edition")
    assert by_edition.at[2020, "change_100"] == pytest.approx(82.41 - 42.9)
    assert by_edition.at[2020, "rank_change"] == 43
    assert by_edition.at[2020, "prev_scale"] == "0-1"
    assert bool(by_edition.at[2024, "across_break"])
    assert pd.isna(by_edition.at[2024, "rank_change"])
    assert by_edition.at[2024, "change_100"] == pytest.approx(15.09)
    assert pd.isna(by_edition.at[2014, "prev_edition"])


def test_morocco_2024_is_97_5_tier_1(loaded_engine):
    """The verified 2024 figure comes back as published, with its tier."""
    row = data.gci_overall(loaded_engine, ["MAR"]).set_index("edition").loc[2024]
    assert row["value"] == 97.5 and int(row["tier"]) == 1
    assert data.tier_msgid(row["tier"]) == "Role-modelling"


def test_country_names_come_from_the_countries_table(loaded_engine):
    """CLDR names per language, and localised names in observation frames."""
    assert data.country_names(loaded_engine, "fr")["MAR"] == "Maroc"
    assert data.country_names(loaded_engine, "ar")["MAR"] == "المغرب"
    frame = data.gci_observations(loaded_engine, ["OMN"], "fr")
    assert set(frame["country"]) == {"Oman"}
    assert set(data.gci_observations(loaded_engine, ["OMN"], "ar")["country"]) == {"عُمان"}


def test_empty_selection_reads_nothing(loaded_engine):
    """An empty country list selects no rows (not every row)."""
    assert data.gci_observations(loaded_engine, [], "en").empty


def test_pillars_of_the_pillar_editions(loaded_engine):
    """Five pillars in 2020 and 2024 for Morocco, and nothing else."""
    pillars = data.gci_pillars(loaded_engine, ["MAR"])
    assert sorted(pillars["edition"].unique()) == [2020, 2024]
    assert set(pillars["indicator_id"]) == set(data.GCI_PILLARS)
    assert len(pillars) == 10


def test_group_members_and_options(loaded_engine):
    """GCC members from the groups table; unknown or empty groups give nothing."""
    assert data.group_members(loaded_engine, "gcc") == ["ARE", "BHR", "KWT", "OMN", "QAT", "SAU"]
    assert data.group_members(loaded_engine, "nope") == []
    assert data.group_members(loaded_engine, None) == []
    ids = [o["value"] for o in data.group_options(loaded_engine)]
    assert {"gcc", "arab_league", "maghreb", "african_union", "mena", "global_leaders"} <= set(ids)


def test_country_options_are_sorted_by_localised_name(loaded_engine):
    """Only countries with a GCI score, sorted by their name as the language sorts (Égypte
    among the E's, not after Zimbabwe as code points would put it)."""
    options = data.gci_country_options(loaded_engine, "fr")
    labels = [o["label"] for o in options]
    assert labels == collation.sorted_texts(labels)
    assert labels.index("Égypte") < labels.index("Espagne") < labels.index("Zimbabwe")
    assert {"label": "Maroc", "value": "MAR"} in options
    assert len(options) > 150


def test_source_status_and_quarantine(loaded_engine):
    """The latest run per source with its title and age; quarantined rows with reasons."""
    status = data.source_status(loaded_engine)
    row = status.set_index("source_id").loc["itu_gci"]
    assert row["title"] == "Global Cybersecurity Index"
    assert row["status"] == "succeeded" and row["age_seconds"] >= 0
    rows = data.quarantined_rows(loaded_engine)
    assert len(rows) == row["quarantined"] == 0  # the bundled data holds nothing back
    assert {"source_id", "reason", "row_json"} <= set(rows.columns)


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("a | b", ["a", "b"], id="two"),
    pytest.param("https://x.org/p", ["https://x.org/p"], id="one"),
    pytest.param(None, [], id="missing"),
    pytest.param(" | ", [], id="blank"),
])
def test_split_urls(text, expected):
    """source_url cells split on " | " into single URLs."""
    assert data.split_urls(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("mar,omn", ["MAR", "OMN"], id="lower"),
    pytest.param("MAR, MAR ,OMN", ["MAR", "OMN"], id="dupes-spaces"),
    pytest.param(["MAR", "SAU"], ["MAR", "SAU"], id="list"),
    pytest.param(None, [], id="none"),
])
def test_parse_iso3_list(text, expected):
    """URL country lists are upper-cased and de-duplicated."""
    assert data.parse_iso3_list(text) == expected


def test_age_seconds_treats_naive_times_as_utc():
    """A naive timestamp one hour old is 3600 s old; missing is None."""
    now = datetime(2025, 1, 1, 12, tzinfo=UTC)
    assert data.age_seconds(pd.Timestamp("2025-01-01 11:00"), now) == 3600
    assert data.age_seconds(None, now) is None
