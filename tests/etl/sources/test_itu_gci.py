"""ITU GCI source: the bundled file parses, reshapes to tidy rows, and keeps provenance."""

from __future__ import annotations

import pytest

from etl.schemas import split_valid
from etl.settings import Settings
from etl.sources import itu_gci
from etl.sources.base import SourceFileError


@pytest.fixture(scope="module")
def observations():
    raw = itu_gci.fetch(Settings.from_env()).body
    checked = split_valid(itu_gci.parse(raw), itu_gci.SCHEMA)
    return itu_gci.to_observations(checked.valid), checked


def test_every_edition_present(observations):
    """All five editions load, each for at least 190 countries."""
    obs, _ = observations
    overall = obs[obs["indicator_id"] == "itu_gci.overall"]
    counts = overall.groupby("edition")["iso3"].nunique().to_dict()
    assert set(counts) == {2014, 2017, 2018, 2020, 2024}
    assert all(n >= 189 for n in counts.values())


def test_declared_conflicts_shown_not_held_back(observations):
    """Finland and Romania 2020, whose overall (one transcription) and pillars (the ITU
    profile) disagree, are marked conflicts by the source: they load as printed, marked so,
    with the note saying what each source gave, and with ITU's ranks. Nothing is held back."""
    obs, checked = observations
    assert checked.quarantined == []
    rows = obs[(obs["edition"] == 2020) & obs["iso3"].isin(["FIN", "ROU"])]
    overall = rows[rows["indicator_id"] == "itu_gci.overall"].set_index("iso3")
    assert overall.loc["FIN", "value"] == pytest.approx(95.78)
    assert overall.loc["FIN", "rank"] == 22 and overall.loc["ROU", "rank"] == 62
    assert set(rows["verification"]) == {"conflict"}
    assert "sum to 92.07" in overall.loc["FIN", "source_note"]
    assert len(rows) == 12  # overall and five pillars each


def test_scales_and_no_2024_rank(observations):
    """Values stay on the publisher's scale; 2024 carries tiers and no ranks."""
    obs, _ = observations
    overall = obs[obs["indicator_id"] == "itu_gci.overall"].set_index(["iso3", "edition"])
    assert overall.loc[("OMN", 2017), "value"] == pytest.approx(0.871)
    assert overall.loc[("OMN", 2017), "scale"] == "0-1"
    assert overall.loc[("MAR", 2024), "scale"] == "0-100"
    y2024 = obs[(obs["indicator_id"] == "itu_gci.overall") & (obs["edition"] == 2024)]
    assert y2024["rank"].isna().all()
    assert y2024["tier"].notna().all()


def test_provenance_per_row(observations):
    """Each row names its document, source URLs, channel and verification."""
    obs, _ = observations
    mar = obs[(obs["iso3"] == "MAR") & (obs["edition"] == 2020)
              & (obs["indicator_id"] == "itu_gci.overall")].iloc[0]
    assert mar["source_document"] == "ITU Global Cybersecurity Index 2020 (4th edition)"
    assert "dailymorocco.com" in mar["source_url"]
    assert "Blavatnik" in mar["channel"]
    assert mar["verification"] == "verified_2_sources"


@pytest.mark.parametrize(
    "urls, channel",
    [
        pytest.param("https://github.com/tjmisko/sspi-data-webapp/x.csv", "SSPI transcription",
                     id="sspi"),
        pytest.param("https://github.com/blavatnik-index/bipa2024_sourcedata/x.csv",
                     "Blavatnik ITU-PDF extraction", id="bipa"),
        pytest.param("https://dgssi.gov.ma/en/x", "press or official release", id="press"),
    ],
)
def test_channel_of(urls: str, channel: str):
    """The channel is read off the cited URLs."""
    assert itu_gci.channel_of(urls) == channel


@pytest.mark.parametrize(
    "raw, message",
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b"iso3;edition;overall_score\nMAR;2020;82.41\n", "lacks column",
                     id="wrong-delimiter"),
        pytest.param(b"\xff\xfe\x00garbage", "not UTF-8", id="binary"),
    ],
)
def test_unreadable_input_is_a_clear_error(raw: bytes, message: str):
    """Unreadable input raises SourceFileError with a reason, not a stack of pandas errors."""
    with pytest.raises(SourceFileError, match=message):
        itu_gci.parse(raw)


def test_pillars_name_the_channels_that_print_pillars(observations):
    """The SSPI transcription gives overall scores and ranks only: no pillar is said to be
    read through it. The 2024 pillars of a country at 100, which no source printed (100
    forces 20 in each), say they are derived; Morocco's 2024 pillars come from the press."""
    obs, _ = observations
    pillars = obs[obs["indicator_id"] != "itu_gci.overall"]
    assert not pillars["channel"].str.contains("SSPI").any()
    overall = obs[obs["indicator_id"] == "itu_gci.overall"]
    assert overall["channel"].str.contains("SSPI").sum() > 900
    derived = pillars[pillars["channel"] == itu_gci.DERIVED_CHANNEL]
    assert sorted(set(derived["iso3"])) == ["ARE", "DNK", "EGY", "FIN", "GBR", "IDN", "ITA",
                                             "KOR", "QAT", "TUR"]
    assert set(derived["edition"]) == {2024} and set(derived["value"]) == {20.0}
    morocco = pillars[(pillars["iso3"] == "MAR") & (pillars["edition"] == 2024)]
    assert set(morocco["channel"]) == {"press or official release"}
