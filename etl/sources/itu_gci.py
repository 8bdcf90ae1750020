"""ITU Global Cybersecurity Index, all editions (2014, 2017, 2018, 2020, 2024).

ITU publishes no machine-readable table or API for the GCI, so it ships as curated data
(`datasets/gci_scores.csv`), each row citing the ITU report and the channel it was read
through. Values stay on the publisher's scale: 0-1 up to 2018, 0-100 from 2020 with five
pillars out of 20; 2024 publishes tiers and no ranks.
"""

from __future__ import annotations

import pandas as pd

from etl import schemas
from etl.settings import Settings
from etl.sources.base import Fetched, Indicator, SourceInfo, read_bundled, read_csv_text

INFO = SourceInfo(
    id="itu_gci",
    publisher="International Telecommunication Union (ITU)",
    title="Global Cybersecurity Index",
    url="https://www.itu.int/en/ITU-D/Cybersecurity/Pages/global-cybersecurity-index.aspx",
    licence="ITU publication; figures quoted with attribution",
    cadence="irregular editions (2014, 2017, 2018, 2020, 2024)",
    kind="bundled",
)

FILE_NAME = "gci_scores.csv"
SCHEMA = schemas.GciScores

EDITION_DOCUMENTS = {
    2014: "ITU Global Cybersecurity Index & Cyberwellness Profiles (1st edition, 2014 data)",
    2017: "ITU Global Cybersecurity Index 2017 (2nd edition)",
    2018: "ITU Global Cybersecurity Index 2018 (3rd edition)",
    2020: "ITU Global Cybersecurity Index 2020 (4th edition)",
    2024: "ITU Global Cybersecurity Index 2024 (5th edition)",
}

_BREAK = (
    "Methodology break in 2024: ITU publishes tiers (T1>=95, T2>=85, T3>=55, T4>=20, T5<20) "
    "and no ranks. Scores run 0-1 for 2014-2018 and 0-100 from 2020."
)
PILLAR_NAMES = {
    "legal": "Legal measures",
    "technical": "Technical measures",
    "organizational": "Organizational measures",
    "capacity_development": "Capacity development",
    "cooperation": "Cooperation",
}
INDICATORS = [
    Indicator("itu_gci.overall", "GCI overall score", "score", "0-1 (2014-2018); 0-100 (2020-)",
              True, _BREAK),
    *[
        Indicator(f"itu_gci.{key}", f"GCI pillar: {name}", "score", "0-20 (2020-)", True,
                  "Pillar scores published from the 2020 edition; each out of 20. " + _BREAK)
        for key, name in PILLAR_NAMES.items()
    ],
]

# Declared methodology breaks (table methodology_breaks): no continuous line across them.
BREAKS = [
    {"indicator_id": f"itu_gci.{key}", "edition": 2024,
     "note": "GCI 2024 (5th edition) changed method: countries are placed in tiers and no "
             "ranks are published, so no rank line continues into 2024.",
     "source_url": INFO.url}
    for key in ("overall", *PILLAR_NAMES)
] + [
    {"indicator_id": "itu_gci.overall", "edition": 2020,
     "note": "Scale changed from 0-1 (2014-2018) to 0-100 (from 2020): scores before 2020 "
             "are shown ×100, on the 0-100 scale.",
     "source_url": INFO.url},
]

REQUIRED_COLUMNS = (
    "iso3", "edition", "overall_score", "global_rank", "tier", "tier_label",
    *PILLAR_NAMES, "verification", "source_url", "source_note",
)


def fetch(settings: Settings) -> Fetched:
    """The curated bundled file, as bytes."""
    return read_bundled(settings.datasets_dir / FILE_NAME)


def parse(raw: bytes) -> pd.DataFrame:
    """Rows as read (text), one per country and edition."""
    return read_csv_text(raw, REQUIRED_COLUMNS)


# The SSPI transcription gives the overall score and rank only (gci_source_values.csv has no
# SSPI pillar): a pillar is read through the row's other channels.
OVERALL_ONLY_CHANNELS = ("SSPI transcription",)
# A 2024 row at 100 overall whose note says its pillars were derived (100 forces 20 in each of
# the five): no source printed them.
DERIVED_PILLARS_NOTE = "pillars derived"
DERIVED_CHANNEL = "derived from the overall score"


def channel_of(urls: str | None) -> str:
    """Which channel(s) a row was read through, from its cited URLs."""
    text = urls or ""
    names = []
    if "sspi" in text:
        names.append("SSPI transcription")
    if "bipa" in text or "blavatnik" in text:
        names.append("Blavatnik ITU-PDF extraction")
    if any(u.strip() and "github.com" not in u for u in text.split("|")):
        names.append("press or official release")
    return " + ".join(names) or "unknown"


def pillar_channel_of(urls: str | None, note: str | None) -> str:
    """Which channel(s) a row's pillars were read through: the row's, less those that give
    the overall score only; :data:`DERIVED_CHANNEL` where the note says they were derived."""
    if str(note or "").startswith(DERIVED_PILLARS_NOTE):
        return DERIVED_CHANNEL
    names = [n for n in channel_of(urls).split(" + ") if n not in OVERALL_ONLY_CHANNELS]
    return " + ".join(names) or "unknown"


def to_observations(valid: pd.DataFrame) -> pd.DataFrame:
    """Validated wide rows to tidy observations: overall score plus each pillar."""
    frames = []
    # Per wide row once, not once per indicator: the cited URLs' channel and the document.
    channels = valid["source_url"].map(channel_of)
    pillar_channels = pd.Series([pillar_channel_of(u, n) for u, n in zip(
        valid["source_url"], valid["source_note"], strict=True)], index=valid.index, dtype=object)
    documents = valid["edition"].map(EDITION_DOCUMENTS)
    for field, suffix, scale_of in (
        ("overall_score", "overall", lambda e: "0-1" if e < 2020 else "0-100"),
        *[(p, p, lambda e: "0-20") for p in PILLAR_NAMES],
    ):
        part = valid[valid[field].notna()]
        is_overall = field == "overall_score"
        frames.append(
            pd.DataFrame(
                {
                    "indicator_id": f"itu_gci.{suffix}",
                    "iso3": part["iso3"],
                    "edition": part["edition"].astype(int),
                    "value": part[field].astype(float),
                    "scale": part["edition"].map(scale_of),
                    "rank": part["global_rank"] if is_overall else pd.NA,
                    "rank_text": None,
                    "tier": part["tier"] if is_overall else pd.NA,
                    "tier_label": part["tier_label"] if is_overall else None,
                    "source_document": documents[part.index],
                    "source_url": part["source_url"],
                    "channel": (channels if is_overall else pillar_channels)[part.index],
                    "verification": part["verification"],
                    "source_note": part["source_note"],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)
