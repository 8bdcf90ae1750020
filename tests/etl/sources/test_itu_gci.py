"""ITU GCI source: the bundled file parses, reshapes to tidy rows, and keeps provenance."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from etl import corrections, targets
from etl.schemas import split_valid
from etl.settings import Settings
from etl.sources import itu_gci, itu_gci_evidence
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


def test_a_rank_the_press_gives_otherwise_is_in_the_overall_note(observations):
    """Hungary and Sweden 2018: the press prints another score and another rank; the note on
    the overall score (what downloads and the Data page give) says both, in the page's
    language too; the pillars and the rows whose rank the press confirms carry no such part."""
    obs, _ = observations
    overall = obs[(obs["indicator_id"] == "itu_gci.overall") & (obs["edition"] == 2018)]
    notes = overall.set_index("iso3")["source_note"]
    assert notes["HUN"] == "other values seen: press=0.815; rank conflict: press 29"
    assert notes["SWE"] == "other values seen: press=0.814; rank conflict: press 30"
    assert obs["source_note"].fillna("").str.contains(itu_gci.RANK_CONFLICT).sum() == 2
    assert not obs["source_note"].fillna("").str.contains("confirmed by press").any()
    from dashboard import i18n

    said = i18n.data_text(notes["HUN"], "fr")
    assert said.startswith("autres valeurs relevées\u00a0: presse 0,815")
    assert said.endswith("rang divergent\u00a0: presse 29")
    assert "الصحافة 29" in i18n.data_text(notes["HUN"], "ar")


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


# ------------------------------------------------------------ per-field provenance of pillars

BIPA = ("https://github.com/blavatnik-index/bipa2024_sourcedata/blob/"
        "088271d0d6a9c1717d925073166fde8a54f0428b/data_raw/GCI_2020/gci_2020.csv")
SSPI = ("https://github.com/tjmisko/sspi-data-webapp/blob/"
        "24651797225ecf33163c33184c6d99bbcce0e2c9/local/CYBSEC/gci-local-indicator-summary.csv")
ZAWYA = "https://zawya.com/en/world/middle-east/oman-among-top-cyber-secure-countries-itu-c891maad?amp=1"
ARY = "https://arynews.tv/oman-ranks-among-worlds-top-cybersecurity-advanced-countries/"
DGSSI = ("https://dgssi.gov.ma/en/actualites/"
         "morocco-has-improved-its-position-global-cybersecurity-index-recently-published")
YABILADI = ("https://en.yabiladi.com/articles/details/154060/"
            "morocco-achieves-tier-global-cybersecurity.html")
ARTUS = "https://artus-maroc.ma/?p=54383"
PRESS = "press or official release"
PILLARS = [f"itu_gci.{p}" for p in itu_gci.PILLAR_NAMES]


@pytest.fixture(scope="module")
def attributed():
    """The observations as a run builds them (the corrections ledger applied), attributed from
    the bundled evidence file, as published by itu_gci_evidence."""
    settings = Settings.from_env()
    checked = split_valid(itu_gci.parse(itu_gci.fetch(settings).body), itu_gci.SCHEMA)
    obs, _ = targets.observations(itu_gci, checked.valid, settings)
    evidence = split_valid(itu_gci_evidence.parse(itu_gci_evidence.fetch(settings).body),
                           itu_gci_evidence.SCHEMA)
    assert evidence.quarantined == []
    return itu_gci.attribute_evidence(obs, evidence.valid)


def _of(obs, iso3: str, edition: int):
    rows = obs[(obs["iso3"] == iso3) & (obs["edition"] == edition)]
    return rows.set_index("indicator_id")


def test_oman_2024_pillars_cite_the_two_articles_that_print_them(attributed):
    """Oman 2024: Zawya and ARY News print every pillar alike, the SSPI transcription none:
    each pillar is verified by those two; only the overall (97.02 against SSPI's 97.01) is a
    conflict."""
    oman = _of(attributed, "OMN", 2024)
    pillars = oman.loc[PILLARS]
    assert set(pillars["verification"]) == {"verified_2_sources"}
    assert set(pillars["source_url"]) == {f"{ZAWYA} | {ARY}"}
    assert set(pillars["channel"]) == {PRESS}
    assert oman.loc["itu_gci.overall", "verification"] == "conflict"
    assert SSPI in oman.loc["itu_gci.overall", "source_url"]


def test_morocco_2024_pillars_cite_dgssi_and_yabiladi_only(attributed):
    """Morocco 2024: the pillars come from DGSSI and Yabiladi; SSPI and Artus Maroc, which
    give the overall only, are not cited for them."""
    morocco = _of(attributed, "MAR", 2024)
    pillars = morocco.loc[PILLARS]
    assert set(pillars["source_url"]) == {f"{DGSSI} | {YABILADI}"}
    assert set(pillars["channel"]) == {PRESS}
    assert set(pillars["verification"]) == {"verified_2_sources"}
    assert ARTUS in morocco.loc["itu_gci.overall", "source_url"]


def test_2020_pillars_are_read_through_the_bipa_extraction(attributed):
    """Saudi Arabia 2020: the row cites two press articles (overall and rank only); its
    pillars come from the ITU-PDF extraction alone. Only Morocco's and Oman's 2020 pillars were
    also printed by the press (and agree: Oman's cooperation "19.4" is 19.41 rounded)."""
    saudi = _of(attributed, "SAU", 2020)
    assert PRESS in saudi.loc["itu_gci.overall", "channel"]
    technical = saudi.loc["itu_gci.technical"]
    assert technical["value"] == pytest.approx(19.54)
    assert technical["source_url"] == BIPA
    assert technical["channel"] == "Blavatnik ITU-PDF extraction"
    assert technical["verification"] == "single_source"
    y2020 = attributed[(attributed["edition"] == 2020) & attributed["indicator_id"].isin(PILLARS)]
    assert sorted(set(y2020[y2020["channel"].str.contains(PRESS)]["iso3"])) == ["MAR", "OMN"]
    oman = _of(attributed, "OMN", 2020).loc["itu_gci.cooperation"]
    assert oman["value"] == pytest.approx(19.41)
    assert oman["verification"] == "verified_2_sources"
    assert oman["source_url"].split(" | ") == [
        BIPA, "https://onlinearabnews.com/oman-3rd-among-arab-world-21st-globally-in-"
        "cybersecurity-index-2020/"]


def test_derived_pillars_keep_the_overall_provenance(attributed):
    """A 2024 overall of 100 forces 20 in each pillar: those pillars say they were derived and
    cite what they were derived from, the overall score's sources and verification."""
    pillars = attributed[attributed["indicator_id"].isin(PILLARS)]
    derived = pillars[pillars["channel"] == itu_gci.DERIVED_CHANNEL]
    assert len(derived) == 50
    overall = attributed[attributed["indicator_id"] == "itu_gci.overall"].set_index(
        ["iso3", "edition"])
    for key, rows in derived.groupby(["iso3", "edition"]):
        assert set(rows["source_url"]) == {overall.loc[key, "source_url"]}, key
        assert set(rows["verification"]) == {overall.loc[key, "verification"]}, key
    uae = _of(attributed, "ARE", 2024)
    assert uae.loc["itu_gci.legal", "source_url"] == uae.loc["itu_gci.overall", "source_url"]


def test_a_note_on_the_overall_score_stays_off_its_pillars(observations):
    """A row's note judges its overall score: Morocco 2020's (83.65 is Malta's score) and Oman
    2024's (97.02 against sspi's 97.01) are not shown beside their pillars, which have their
    own sources; a note on the pillars (derived, independently published, or naming the
    pillar) stays on them. Every kind of note the bundled file gives a pillar is listed here,
    so a new kind is decided, not carried over by default."""
    frame, _ = observations
    notes = frame.set_index(["iso3", "edition", "indicator_id"])["source_note"]
    assert notes[("MAR", 2020, "itu_gci.overall")].startswith("83.65 printed")
    assert notes[("OMN", 2024, "itu_gci.overall")].startswith("ITU profile figure 97.02")
    for iso3, edition in (("MAR", 2020), ("OMN", 2024)):
        assert all(pd.isna(notes[(iso3, edition, f"itu_gci.{p}")]) for p in itu_gci.PILLAR_NAMES)
    assert notes[("OMN", 2020, "itu_gci.cooperation")] == "cooperation: press 19.4 vs bipa 19.41"
    assert pd.isna(notes[("OMN", 2020, "itu_gci.legal")])
    pillars = frame[frame["indicator_id"] != "itu_gci.overall"]
    kinds = {note.split(":")[0] for note in pillars["source_note"].dropna()}
    assert kinds == {"pillars derived", "independently published pillar scores sum to the "
                     "overall score", "cooperation"}


def test_every_bundled_pillar_has_evidence(caplog):
    """Each pillar value of the bundled file, but the derived ones, has evidence rows: none
    falls back to its row's provenance (which would be logged)."""
    settings = Settings.from_env()
    checked = split_valid(itu_gci.parse(itu_gci.fetch(settings).body), itu_gci.SCHEMA)
    evidence = corrections.read_validated(settings.datasets_dir / itu_gci_evidence.FILE_NAME,
                                          itu_gci_evidence.parse, itu_gci_evidence.SCHEMA)
    with caplog.at_level(logging.WARNING, logger=itu_gci.__name__):
        itu_gci.attribute_pillars(itu_gci.to_observations(checked.valid), evidence)
    assert [r.getMessage() for r in caplog.records] == []


GCI_HEADER = ("iso3,country,edition,score_scale,overall_score,global_rank,tier,tier_label,legal,"
              "technical,organizational,capacity_development,cooperation,verification,rank_check,"
              "source_url,source_note\n")
EVIDENCE_HEADER = "iso3,country,edition,field,value,source_id,source_url,source_note\n"
A, B, C = "https://a.example/gci", "https://b.example/gci", "https://c.example/gci"


def _observations(rows: str):
    checked = split_valid(itu_gci.parse((GCI_HEADER + rows).encode()), itu_gci.SCHEMA)
    assert checked.quarantined == []
    return itu_gci.to_observations(checked.valid)


def _evidence(rows: str):
    checked = split_valid(itu_gci_evidence.parse((EVIDENCE_HEADER + rows).encode()),
                          itu_gci_evidence.SCHEMA)
    assert checked.quarantined == []
    return checked.valid


def _evidence_rows(iso3: str, url: str, values: dict[str, str]) -> str:
    return "".join(f"{iso3},x,2024,{field},{value},press_or_official,{url},\n"
                   for field, value in values.items())


OMAN = dict(legal="19.59", technical="18.39", organizational="20", capacity_development="19.03",
            cooperation="20")


def test_a_pillar_a_source_gives_otherwise_is_a_conflict():
    """One source printing another technical score makes that pillar a conflict (and only
    that one); the others, printed alike by both, are verified by two sources."""
    obs = _observations(f"OMN,Oman,2024,0-100,97.02,,1,Role-modelling,19.59,18.39,20,19.03,20,"
                        f"verified_2_sources,,{A} | {B},\n")
    evidence = _evidence(_evidence_rows("OMN", A, OMAN)
                         + _evidence_rows("OMN", B, {**OMAN, "technical": "18.93"}))
    out = itu_gci.attribute_pillars(obs, evidence).set_index("indicator_id")
    assert out.loc["itu_gci.technical", "verification"] == "conflict"
    assert out.loc["itu_gci.technical", "source_url"] == f"{A} | {B}"
    others = [p for p in PILLARS if p != "itu_gci.technical"]
    assert set(out.loc[others, "verification"]) == {"verified_2_sources"}
    assert out.loc["itu_gci.overall", "verification"] == "verified_2_sources"


def test_rounding_is_judged_at_the_decimals_a_document_prints():
    """An article's "19.6" (or "20") is 19.59 rounded: they agree. A table printing another country's
    legal pillar as 19.38 prints two decimals, so its "20" is 20.00 and disagrees with 19.59
    (judged at the value's own text, "20", it would have passed as a rounding)."""
    obs = _observations(f"OMN,Oman,2024,0-100,97.02,,1,Role-modelling,19.59,18.39,20,19.03,20,"
                        f"verified_2_sources,,{A} | {B},\n")
    rounded = _evidence_rows("OMN", A, OMAN) + _evidence_rows("OMN", B, {"legal": "19.6"})
    out = itu_gci.attribute_pillars(obs, _evidence(rounded)).set_index("indicator_id")
    assert out.loc["itu_gci.legal", "verification"] == "verified_2_sources"
    article = _evidence_rows("OMN", A, OMAN) + _evidence_rows("OMN", B, {"legal": "20"})
    out = itu_gci.attribute_pillars(obs, _evidence(article)).set_index("indicator_id")
    assert out.loc["itu_gci.legal", "verification"] == "verified_2_sources"
    table = article + _evidence_rows("MAR", B, {"legal": "19.38"})
    out = itu_gci.attribute_pillars(obs, _evidence(table)).set_index("indicator_id")
    assert out.loc["itu_gci.legal", "verification"] == "conflict"


def test_urls_follow_the_row_order_then_the_evidence_order():
    """A pillar cites its sources in the row's order, then those the row does not cite, in the
    evidence's order; a source printing the pillar twice is cited once. One source alone is a
    single source."""
    obs = _observations(f"OMN,Oman,2024,0-100,97.02,,1,Role-modelling,19.59,18.39,20,19.03,20,"
                        f"verified_2_sources,,{SSPI} | {A} | {B},\n")
    # The repeated quotes (B's legal, A's technical) as a second frame: a file holding them
    # twice is refused by the evidence schema, but attribute_pillars still cites a URL once.
    evidence = pd.concat([
        _evidence(_evidence_rows("OMN", C, {"legal": "19.59"})
                  + _evidence_rows("OMN", B, OMAN) + _evidence_rows("OMN", A, OMAN)),
        _evidence(_evidence_rows("OMN", B, {"legal": "19.59"})
                  + _evidence_rows("OMN", A, {"technical": "18.39"}))], ignore_index=True)
    out = itu_gci.attribute_pillars(obs, evidence).set_index("indicator_id")
    assert out.loc["itu_gci.legal", "source_url"] == f"{A} | {B} | {C}"
    assert out.loc["itu_gci.technical", "source_url"] == f"{A} | {B}"
    single = _evidence(_evidence_rows("OMN", B, OMAN))
    out = itu_gci.attribute_pillars(obs, single).set_index("indicator_id")
    assert set(out.loc[PILLARS, "source_url"]) == {B}
    assert set(out.loc[PILLARS, "verification"]) == {"single_source"}
    assert set(out.loc[PILLARS, "channel"]) == {PRESS}


def test_a_pillar_without_evidence_keeps_its_row_provenance_and_is_reported(caplog):
    """A pillar no evidence row gives keeps the row's URLs, verification and pillar channel,
    and a warning names it; the others are attributed."""
    row_urls = f"{SSPI} | {A}"
    obs = _observations(f"OMN,Oman,2024,0-100,97.02,,1,Role-modelling,19.59,18.39,20,19.03,20,"
                        f"conflict,,{row_urls},\n")
    without_legal = {k: v for k, v in OMAN.items() if k != "legal"}
    with caplog.at_level(logging.WARNING, logger=itu_gci.__name__):
        out = itu_gci.attribute_pillars(
            obs, _evidence(_evidence_rows("OMN", A, without_legal))).set_index("indicator_id")
    legal = out.loc["itu_gci.legal"]
    assert (legal["source_url"], legal["verification"], legal["channel"]) == (
        row_urls, "conflict", PRESS)
    assert out.loc["itu_gci.technical", "source_url"] == A
    assert out.loc["itu_gci.technical", "verification"] == "single_source"
    [record] = caplog.records
    assert "1 pillar value(s) have no evidence row" in record.getMessage()
    assert "OMN 2024 legal" in record.getMessage()


def test_attribution_is_pure():
    """The caller's frames are left as they were."""
    obs = _observations(f"OMN,Oman,2024,0-100,97.02,,1,Role-modelling,19.59,18.39,20,19.03,20,"
                        f"conflict,,{SSPI} | {A},\n")
    evidence = _evidence(_evidence_rows("OMN", A, OMAN))
    obs_before, evidence_before = obs.copy(), evidence.copy()
    out = itu_gci.attribute_pillars(obs, evidence)
    pd.testing.assert_frame_equal(obs, obs_before)
    pd.testing.assert_frame_equal(evidence, evidence_before)
    assert set(out["source_url"]) == {A, f"{SSPI} | {A}"}
