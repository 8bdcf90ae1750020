"""The public changelog as a file: the values releases added, changed or removed, for the
"What changed" page's filter (countries, indicator, kinds, since), latest first.

One path behind ``/api/v1/downloads/changes.{csv,json}``, the page's download links and
``cyberindex changes --format csv|json``. Each row is one value of one release: old and new
value, rank and tier, the raw snapshot it came from, the release and run that published it;
the country named in the file's language. CSV and JSON are written as every export writes them
(:func:`etl.export.frame_to_csv`, formula-like text neutralised).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy.engine import Engine

from etl import export, store
from etl.export_texts import normalize_lang

CHANGE_COLUMNS = (
    "changed_at", "release_id", "run_id", "source_id", "indicator_id", "iso3", "country",
    "edition", "kind", "old_value", "new_value", "old_rank", "new_rank", "old_tier", "new_tier",
    "snapshot_sha256",
)
KINDS = ("added", "changed", "removed")
FORMATS = export.LIST_FORMATS


def changes_rows(engine: Engine, since: object = None, iso3s: Sequence[str] | None = None,
                 indicator_ids: Sequence[str] | None = None, kinds: Sequence[str] | None = None,
                 lang: str = "en") -> pd.DataFrame:
    """The changelog rows of the filter, latest first (``kinds`` empty: every kind)."""
    frame = store.changes_frame(engine, since=since, iso3s=iso3s or None,
                                indicator_ids=indicator_ids or None)
    if kinds:
        frame = frame[frame["kind"].isin(list(kinds))]
    if frame.empty:
        return pd.DataFrame(columns=list(CHANGE_COLUMNS))
    lang = normalize_lang(lang)
    names = store.countries_frame(engine).set_index("iso3")[f"name_{lang}"]
    out = frame.assign(changed_at=export.utc_text(frame["changed_at"]),
                       country=frame["iso3"].map(names).fillna(frame["country"]))
    return out.loc[:, list(CHANGE_COLUMNS)].reset_index(drop=True)


render = export.render_rows
