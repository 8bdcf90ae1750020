"""A refresh never publishes a value its input does not settle: a key given twice, a ledger
override its source would refuse, a snapshot dated after the run (audit findings 1, 3, 8)."""

from __future__ import annotations

import pandas as pd

from etl import pipeline, store
from tests.etl.bundled_support import reseal
from tests.etl.refresh_support import edit_gci, published


def _value(engine, indicator: str, iso3: str, edition: int) -> list:
    frame = published(engine)
    rows = frame[
        (frame["indicator_id"] == indicator)
        & (frame["iso3"] == iso3)
        & (frame["edition"] == edition)
    ]
    return rows[["value", "rank"]].values.tolist()


def test_a_key_given_twice_keeps_the_published_value(baseline):
    """A second MAR 2018 row (0.929, rank 9) after the real one (0.429, rank 93): both are
    quarantined, naming the key, and the published 0.429 stays (file order decides nothing)."""
    settings, engine = baseline
    before = _value(engine, "itu_gci.overall", "MAR", 2018)
    edit_gci(
        settings,
        lambda f: pd.concat(
            [
                f,
                f[(f["iso3"] == "MAR") & (f["edition"] == "2018")].assign(
                    overall_score="0.929", global_rank="9"
                ),
            ]
        ),
    )
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert result.status == "succeeded", result
    assert _value(engine, "itu_gci.overall", "MAR", 2018) == before == [[0.429, 93]]
    reasons = store.quarantine_frame(engine, "itu_gci")["reason"].tolist()
    assert (
        reasons
        == [
            "key: two rows for the same country and GCI edition "
            "(value {'iso3': 'MAR', 'edition': '2018'})"
        ]
        * 2
    )


def test_an_override_its_source_would_refuse_fails_the_run(baseline):
    """An applied override of MAR 2024 to 9.75 (a typo for 97.5, tier 1 kept) fails the run
    with the ledger's line; 97.5 stays published."""
    settings, engine = baseline
    ledger = settings.datasets_dir / "corrections.csv"
    ledger.write_text(
        ledger.read_text(encoding="utf-8")
        + (
            'itu_gci.overall,MAR,2024,override,9.75,"typo test: value from the ITU profile",'
            "2026-11-29,applied,https://www.itu.int/\n"
        ),
        encoding="utf-8",
    )
    reseal(ledger)
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert result.status == "failed"
    assert result.reason.startswith(
        "corrections.csv: invalid entries (line 5: override of itu_gci.overall MAR 2024 to "
        "9.75: 2024 tier inconsistent"
    ), result.reason
    assert _value(engine, "itu_gci.overall", "MAR", 2024)[0][0] == 97.5


def test_a_snapshot_dated_in_the_future_is_not_published(baseline):
    """An NCSI row for Oman dated 2031 (a typo for 2021) is quarantined as dated in the
    future; no 2031 edition appears."""
    settings, engine = baseline
    path = settings.datasets_dir / "ncsi_snapshots.csv"
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    extra = (
        rows[rows["iso3"] == "OMN"]
        .head(1)
        .assign(
            snapshot="country-page version 2031-05-01",
            ncsi_rank="3",
            ncsi_rank_text="3",
            ncsi_score="95.5",
            source_url="https://ncsi.ega.ee/country/om/",
        )
    )
    pd.concat([rows, extra]).to_csv(path, index=False)
    reseal(path)
    [result] = pipeline.run_sources(["ncsi"], settings, engine)
    assert result.status == "succeeded", result
    assert published(engine).query("indicator_id == 'ncsi.score' and edition > 2026").empty
    assert store.quarantine_frame(engine, "ncsi")["reason"].tolist() == [
        "dated in the future (after the date of this run)"
    ]
