"""The public changelog as a file: the values, cited statements and per-source values
releases added, changed or removed (and the values whose source alone changed), for the "What
changed" page's filter (countries, indicator, kinds, since), latest first.

One path behind ``/api/v1/downloads/changes.{csv,json}``, the page's download links and
``cyberindex changes --format csv|json``. Each row is one change of one release: ``target``
says what changed (``observations``, ``statements``, ``source_values``). An observation's row
gives old and new value, rank and tier, and where the value was read, old and new (source URL,
channel, verification; kind ``provenance`` when only that changed); a statement's its old and
new text and value as printed (``metric`` says what it states); a per-source value's its
indicator, field (``metric``), who printed it (``printed_by``) and old and new value. Every row names the raw snapshot it came
from (``snapshot_sha256``), the one its old side came from (``old_snapshot_sha256``, where
known) and the release and run that published it; the country is named in the file's language.
A filter on countries keeps the rows about them (not a region-level statement); one on
indicators the observations and per-source values of those indicators (not a statement). CSV
and JSON are written as every export writes them (:func:`etl.export.frame_to_csv`,
formula-like text neutralised).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pandas as pd
from sqlalchemy.engine import Engine

from etl import export, store
from etl.export_texts import normalize_lang

CHANGE_COLUMNS = (
    "changed_at", "release_id", "run_id", "source_id", "indicator_id", "iso3", "country",
    "edition", "kind", "old_value", "new_value", "old_rank", "new_rank", "old_tier", "new_tier",
    "snapshot_sha256",
    # Added after the observation columns: a reader of the earlier file, by name or position,
    # keeps working.
    "target", "metric", "printed_by", "source_url", "old_value_text", "new_value_text",
    "old_text", "new_text",
    # Then the observations' provenance, old and new (empty in the rows of the other targets,
    # and in rows published before the changelog kept it).
    "old_source_url", "new_source_url", "old_channel", "new_channel", "old_verification",
    "new_verification",
    # The raw snapshot the old side was published from ("snapshot_sha256" is the new side's):
    # empty in an added row, and in rows published before the changelog kept it where it
    # could not be told exactly.
    "old_snapshot_sha256",
)
OBSERVATIONS = "observations"  # the target of the rows of ``changes``
# "provenance": an observation's figures unchanged, its source URL, channel or verification not.
KINDS = ("added", "changed", "provenance", "removed")
FORMATS = export.LIST_FORMATS


def changes_rows(engine: Engine, since: datetime | str | None = None,
                 iso3s: Sequence[str] | None = None, indicator_ids: Sequence[str] | None = None,
                 kinds: Sequence[str] | None = None, lang: str = "en") -> pd.DataFrame:
    """The changelog rows of the filter, latest first (``kinds`` empty: every kind): a
    release's observations, then its statements and per-source values, every release whole
    (both tables read up to one release, :func:`etl.store.changelog_frames`)."""
    _release, observed, content = store.changelog_frames(
        engine, since=since, iso3s=iso3s or None, indicator_ids=indicator_ids or None)
    frame = merge_changes(observed.assign(target=OBSERVATIONS), content)
    if kinds:
        frame = frame[frame["kind"].isin(list(kinds))]
    if frame.empty:
        return pd.DataFrame(columns=list(CHANGE_COLUMNS))
    lang = normalize_lang(lang)
    names = store.countries_frame(engine).set_index("iso3")[f"name_{lang}"]
    out = frame.assign(changed_at=export.utc_text(frame["changed_at"]),
                       country=frame["iso3"].map(names).fillna(frame["country"]))
    # A per-source value that is a rank or a tier is a whole number (98, not 98.0).
    out = export.whole_metric_values(out, ("old_value", "new_value"))
    return out.loc[:, list(CHANGE_COLUMNS)].reset_index(drop=True)


def filter_query(since: object = None, iso3s: Sequence[str] | None = None,
                 indicator_ids: Sequence[str] | None = None,
                 kinds: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """The filter of :func:`changes_rows` as the download route's query parameters (a list
    repeated), for the file's ``X-Export-Filter``."""
    pairs = [("country", c) for c in iso3s or ()]
    pairs += [("indicator", i) for i in indicator_ids or ()]
    pairs += [("kind", k) for k in kinds or ()]
    return pairs + ([("since", str(since))] if since is not None else [])


INTEGER_COLUMNS = ("release_id", "run_id", "edition", "old_rank", "new_rank", "old_tier",
                   "new_tier")


def merge_changes(observations: pd.DataFrame, content: pd.DataFrame) -> pd.DataFrame:
    """The observations' and the statements' and per-source values' changelog rows (each
    latest first) as one frame, latest release first, a release's observations before its
    other rows; the columns one lacks are empty, whole numbers stay whole."""
    columns = list(dict.fromkeys([*observations.columns, *content.columns]))
    frames = [f for f in (observations, content) if not f.empty]
    if not frames:
        return pd.DataFrame(columns=columns)
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    frame = frame.reindex(columns=columns).sort_values("release_id", ascending=False,
                                                        kind="stable")
    for column in INTEGER_COLUMNS:
        if column in frame:
            frame[column] = frame[column].astype("Int64")
    for column in ("old_value", "new_value"):
        if column in frame:
            frame[column] = pd.to_numeric(frame[column])
    return frame.reset_index(drop=True)


render = export.render_rows
