"""ITU Global Cybersecurity Index, all editions (2014, 2017, 2018, 2020, 2024).

ITU publishes no machine-readable table or API for the GCI, so it ships as curated data
(`datasets/gci_scores.csv`), each row citing the ITU report and the channel it was read
through. Values stay on the publisher's scale: 0-1 up to 2018, 0-100 from 2020 with five
pillars out of 20; 2024 publishes tiers and no ranks.

A wide row's `verification` and `source_url` describe its overall score. Each pillar carries
the provenance of its own field instead: :func:`attribute_pillars` (called by
:func:`etl.targets.attributed` inside the run's load transaction with the per-source values
source :data:`EVIDENCE_SOURCE` has published, the values as each source gave them) gives a
pillar the URLs of the sources that printed it, their channel, and a verification judged on
those values alone. Only published values are used: a `gci_source_values.csv` the publish gate
holds never reaches the pillars through this source.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from etl import schemas
from etl.settings import Settings
from etl.sources import itu_gci_evidence
from etl.sources.base import Fetched, Indicator, SourceInfo, read_bundled, read_csv_text

log = logging.getLogger(__name__)

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

# The source whose published per-source values (`source_values` rows it loaded) attribute the
# pillars: :func:`etl.targets.attributed` reads them in this source's load transaction, and a
# release of that source has this one run again right after (:func:`etl.targets.runs_after`).
EVIDENCE_SOURCE = itu_gci_evidence.INFO.id

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
# SSPI pillar): a pillar without evidence (see attribute_pillars) is read through the row's
# other channels.
OVERALL_ONLY_CHANNELS = ("SSPI transcription",)
# A 2024 row at 100 overall whose note says its pillars were derived (100 forces 20 in each of
# the five): no source printed them.
DERIVED_PILLARS_NOTE = "pillars derived"
DERIVED_CHANNEL = "derived from the overall score"
# A row's ``source_note`` judges its overall score (datasets/README.md): a pillar carries it only
# when it speaks of the pillars themselves (derived from an overall of 100; published
# independently) or names that pillar ("cooperation: press 19.4 vs bipa 19.41"). "ITU-profile
# pillars (bipa) sum to 75.07" or "83.65 printed in ... is Malta's score" are the overall's.
PILLAR_NOTES = (DERIVED_PILLARS_NOTE, "independently published pillar scores")


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


def pillar_notes(notes: pd.Series, pillar: str) -> pd.Series:
    """The rows' notes that also speak of ``pillar`` (:data:`PILLAR_NOTES`, or one that names
    it first); missing for the notes on the overall score only."""
    text = notes.fillna("")
    return notes.where(text.str.startswith(PILLAR_NOTES) | text.str.startswith(f"{pillar}:"))


# A ``rank_check`` that says a press or official figure disagrees with the row's rank
# ("rank conflict: press 29"): said in the overall's note too, where the exports and the Data
# page give why a value is marked "conflict" (its score's note alone told of the score only).
RANK_CONFLICT = "rank conflict"


def overall_notes(valid: pd.DataFrame) -> pd.Series:
    """Each row's note on its overall score: its ``source_note``, then (joined by "; ") its
    ``rank_check`` where that names a rank conflict."""
    notes = valid["source_note"]
    if "rank_check" not in valid:
        return notes
    check = valid["rank_check"].fillna("").astype(str)
    conflict = check.str.startswith(RANK_CONFLICT)
    joined = notes.fillna("").astype(str).str.cat(check, sep="; ").str.removeprefix("; ")
    return notes.where(~conflict, joined)


def to_observations(valid: pd.DataFrame) -> pd.DataFrame:
    """Validated wide rows to tidy observations: overall score plus each pillar."""
    frames = []
    overall_note = overall_notes(valid)
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
                    "source_note": overall_note[part.index] if is_overall
                    else pillar_notes(part["source_note"], field),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


URL_SEPARATOR = " | "


def _codes(*columns) -> np.ndarray:
    """One integer per row for the combination of its values in ``columns`` (equal rows, equal
    codes): what a merge or a groupby on those columns would key on, without text keys."""
    code = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        codes, distinct = pd.factorize(np.asarray(column, dtype=object))
        code = code * (len(distinct) + 1) + codes
    return code


def _document_places(text: np.ndarray, document: np.ndarray) -> np.ndarray:
    """The decimals each evidence value was printed to: the most its document prints for the
    same edition and field (``document``: their :func:`_codes`), as
    :func:`etl.store.content.printed_places` has it: a table's "20" beside its 19.59 is 20.00,
    an article's "19.4" a rounding of 19.41."""
    text = np.char.strip(text.astype(str))
    point = np.char.find(text, ".")
    own = np.where(point >= 0, np.char.str_len(text) - point - 1, 0)
    _, group = np.unique(document, return_inverse=True)
    most = np.zeros(group.max() + 1 if len(group) else 0, dtype=own.dtype)
    np.maximum.at(most, group, own)
    return most[group]


def attribute_pillars(obs: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """The observations with each pillar's provenance taken from its own field's evidence.

    ``evidence`` is the published per-source values of :data:`EVIDENCE_SOURCE` (or its
    validated `gci_source_values.csv`: ``iso3, edition, field, value, value_text, source_url``,
    one row per value and source). For a pillar with evidence rows:

    - ``source_url``: their distinct URLs joined by " | ", in the order of the row's own
      ``source_url``, then any others in the evidence's order;
    - ``verification``: ``conflict`` when any of their values does not agree with the pillar's
      within rounding (the rule of :func:`etl.store.content.agrees_within_rounding`, at the
      decimals the evidence printed: the consolidated file prints pillars to two decimals),
      else ``verified_2_sources`` from two distinct URLs, else ``single_source``;
    - ``channel``: :func:`channel_of` those URLs.

    Pillars of a row marked derived (:data:`DERIVED_PILLARS_NOTE`) keep :data:`DERIVED_CHANNEL`
    and the overall score's URLs and verification, what they were derived from. A pillar with a
    value and no evidence row keeps the row's provenance (its channel less the overall-only
    ones) and is named in a warning. Other observations are returned as they are. Pure, and
    vectorised: hash lookups and array operations, no Python step per observation.
    """
    field = obs["indicator_id"].str.removeprefix("itu_gci.")
    derived = obs["source_note"].str.startswith(DERIVED_PILLARS_NOTE).fillna(False)
    at = np.flatnonzero((field.isin(list(PILLAR_NAMES)) & ~derived.astype(bool)).to_numpy())
    if not len(at):
        return obs
    iso3 = obs["iso3"].to_numpy(dtype=object)[at]
    edition = obs["edition"].to_numpy(dtype=np.int64)[at]
    fields = field.to_numpy(dtype=object)[at]
    given = evidence["field"].isin(list(PILLAR_NAMES)).to_numpy()
    e_field = evidence["field"].to_numpy(dtype=object)[given]
    e_edition = evidence["edition"].to_numpy(dtype=np.int64)[given]
    e_url = evidence["source_url"].to_numpy(dtype=object)[given]
    places = _document_places(evidence["value_text"].to_numpy(dtype=object)[given],
                              _codes(e_url, e_edition, e_field))
    # Each evidence row to the position (in ``at``) of its pillar's observation, or -1.
    keys = _codes(np.r_[iso3, evidence["iso3"].to_numpy(dtype=object)[given]],
                  np.r_[edition, e_edition], np.r_[fields, e_field])
    observed = pd.Index(keys[:len(at)])
    if not observed.is_unique:
        twice = observed.duplicated()
        raise ValueError("itu_gci: more than one value for the same country, edition and "
                         f"pillar ({iso3[twice][0]} {edition[twice][0]} {fields[twice][0]}): "
                         "the file must hold one row per country and edition")
    slot = observed.get_indexer(keys[len(at):])
    found = slot >= 0
    slot, places, url = slot[found], places[found], e_url[found]
    value = evidence["value"].to_numpy(dtype=float)[given][found]
    has_evidence = np.bincount(slot, minlength=len(at)) > 0
    if not has_evidence.all():
        missing = ~has_evidence
        log.warning("itu_gci: %d pillar value(s) have no evidence row among the values of "
                    "%s and keep their row's sources: %s", missing.sum(), EVIDENCE_SOURCE, ", ".join(
                        f"{i} {e} {f}" for i, e, f in zip(
                            iso3[missing], edition[missing], fields[missing], strict=True)))
    if not len(slot):
        return obs
    consolidated = obs["value"].to_numpy(dtype=float)[at][slot]
    # agrees_within_rounding(value, places, consolidated, places), row by row.
    agrees = np.abs(value - consolidated) <= 0.5 * 10.0 ** -places.astype(float) + 1e-9
    conflict = np.bincount(slot[~agrees], minlength=len(at)) > 0
    # Each URL by where it stands in its row's own list (read once per distinct list: rows of
    # an edition mostly cite the same ones); URLs the row does not cite come after, in the
    # evidence's order. A URL giving the field twice counts once.
    row_list, lists = pd.factorize(obs["source_url"].to_numpy(dtype=object)[at][slot])
    listed = pd.Series(lists, dtype=object).str.split("|").explode().str.strip()
    keys = _codes(np.r_[listed.index.to_numpy(), row_list], np.r_[listed.to_numpy(), url])
    listed_keys = pd.Index(keys[:len(listed)])
    first = np.flatnonzero(~listed_keys.duplicated())
    place = listed_keys[first].get_indexer(keys[len(listed):])
    rank = np.where(place >= 0, first[place], len(listed) + np.arange(len(slot)))
    order = np.lexsort((rank, slot))
    keep = order[~pd.Index(_codes(slot, url)[order]).duplicated()]
    slot, url = slot[keep], url[keep]
    # Joined per pillar: one pass per position within a pillar's list (a handful of them).
    starts = np.r_[True, slot[1:] != slot[:-1]]
    nth = np.arange(len(slot)) - np.maximum.accumulate(np.where(starts, np.arange(len(slot)), 0))
    urls = np.full(len(at), None, dtype=object)
    for n in range(int(nth.max()) + 1):
        this = nth == n
        urls[slot[this]] = url[this] if n == 0 else urls[slot[this]] + URL_SEPARATOR + url[this]
    count = np.bincount(slot, minlength=len(at))
    verification = np.where(conflict, "conflict", np.where(
        count >= 2, "verified_2_sources", "single_source")).astype(object)
    codes, distinct = pd.factorize(urls[has_evidence])
    channels = np.array([channel_of(u) for u in distinct], dtype=object)[codes]
    rows = at[has_evidence]
    out = obs.copy(deep=False)  # copy-on-write: only the three columns set are copied
    for column, values in (("source_url", urls[has_evidence]),
                           ("verification", verification[has_evidence]),
                           ("channel", channels)):
        new = out[column].to_numpy(dtype=object).copy()
        new[rows] = values
        out[column] = pd.Series(new, index=out.index, dtype=out[column].dtype)
    return out


# What etl.targets.attributed calls with the published evidence (see EVIDENCE_SOURCE).
attribute_evidence = attribute_pillars
