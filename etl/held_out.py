"""Which GCI values nothing may be derived from: the held-out rule, and its keys in the store.

A value the corrections ledger flags stays shown, with its flag and the ledger's reason, and
so does every export of it. What is *derived* from a value is another matter: a tier placed by
the thresholds, a change against another edition, places gained, a group's median, a
percentile. Those are not derived from a flagged value that no second source gives (El
Salvador's and Palau's GCI 2024 score of 0, a placeholder in the one transcription that gives
them: ITU's own tier counts leave both out of tier 5). A flagged value two sources give alike
stands: the flag then records a disagreement with a third source over a value that was kept
(Oman 2024: 97.02 in two articles quoting ITU's profile, 97.01 in a transcription), and its
tier and change stay.

One rule for every view: :func:`held_out` decides it, :func:`held_out_keys` reads it from the
store (through :mod:`etl.store`), and the dashboard's pages and the Cross-index export take
those keys and never decide it themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from etl import store
from etl.corrections import parse_correction
from etl.sources import itu_gci, itu_gci_evidence
from etl.store.content import agrees_within_rounding, printed_places

# The GCI's indicators (overall score, then the pillars), as its source module declares them.
GCI_INDICATORS = tuple(indicator.id for indicator in itu_gci.INDICATORS)
# How many documents must give a flagged value alike for it to stand.
CONFIRMING_SOURCES = 2


def is_flag(correction: object) -> bool:
    """Whether a ledger mark is an applied ``flag`` (an open report, an override or a drop is
    not: an override's value is the ledger's own, and an open report is undecided)."""
    found = parse_correction(correction)
    return found is not None and found["action"] == "flag"


def confirming_sources(row: Mapping[str, Any], evidence: pd.DataFrame) -> int:
    """How many documents (distinct URLs) of ``evidence`` give the row's value, within the
    rounding they print it to (:func:`etl.store.content.agrees_within_rounding`; ``places``,
    when ``evidence`` has it, is :func:`etl.store.content.printed_places` over whole
    documents)."""
    if evidence.empty or row.get("value") is None or pd.isna(row.get("value")):
        return 0
    same = evidence[(evidence["indicator_id"] == row["indicator_id"])
                    & (evidence["iso3"] == row["iso3"])
                    & (evidence["edition"].astype(int) == int(row["edition"]))
                    & (evidence["field"] == itu_gci_evidence.own_field(str(row["indicator_id"])))
                    & evidence["value"].notna()]
    if same.empty:
        return 0
    places = same["places"] if "places" in same else printed_places(same)
    value = float(row["value"])
    agreeing = [url for url, given, p in zip(same["source_url"], same["value"], places,
                                             strict=True)
                if agrees_within_rounding(float(given), int(p), value, int(p))]
    return len(set(agreeing))


def held_out(frame: pd.DataFrame, evidence: pd.DataFrame) -> pd.Series:
    """Which rows must not feed a derived figure: an applied ledger ``flag`` on a value that
    fewer than :data:`CONFIRMING_SOURCES` documents of ``evidence`` give alike."""
    if frame.empty or "correction" not in frame:
        return pd.Series(False, index=frame.index, dtype=bool)
    flagged = frame["correction"].map(is_flag).astype(bool)
    out = pd.Series(False, index=frame.index, dtype=bool)
    for index, row in frame[flagged].iterrows():
        out.at[index] = confirming_sources(row, evidence) < CONFIRMING_SOURCES
    return out


def held_out_keys(engine: Engine) -> frozenset[tuple[str, str, int]]:
    """(indicator, country, edition) of every GCI value held out of derived figures
    (:func:`held_out`), from the flagged values and their evidence (the dashboard reads it once
    per release)."""
    # Only the values a ledger mark is on can be flagged (a few of the thousands).
    frame = store.observations_frame(engine, list(GCI_INDICATORS), None, marked_only=True)
    flagged = frame[frame["correction"].map(is_flag).astype(bool)]
    if flagged.empty:
        return frozenset()
    # Every country's values of those indicators: a document's precision is all of it.
    evidence = store.source_values_frame(engine, None, sorted(set(flagged["indicator_id"])))
    evidence = evidence.assign(places=printed_places(evidence)) if len(evidence) else evidence
    held = flagged[held_out(flagged, evidence)]
    return frozenset(zip(held["indicator_id"], held["iso3"], (int(e) for e in held["edition"]),
                         strict=True))
