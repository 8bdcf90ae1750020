"""What a published run changed: old and new value, rank and tier of each observation.

:func:`diff_observations` is pure (the published rows before, the new rows after); the
pipeline writes its result to the ``changes`` table in the transaction that publishes, so
the changelog and the data it describes commit together.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

# What makes an observation "changed" for the public changelog; a new source note or URL
# alone updates the row but is not a change in the figures.
COMPARED = ("value", "rank", "tier")


def _plain(value: Any) -> Any:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.item() if hasattr(value, "item") else value


def _differs(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return (a is None) != (b is None)
    if isinstance(a, float) or isinstance(b, float):
        return not math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-9)
    return a != b


def _int(value: Any) -> int | None:
    value = _plain(value)
    return None if value is None else int(value)


def _float(value: Any) -> float | None:
    value = _plain(value)
    return None if value is None else float(value)


def _column(frame: pd.DataFrame, name: str, kind: type) -> list:
    """A column as plain Python values of ``kind`` (missing: None), without a dict per row."""
    if name not in frame.columns:
        return [None] * len(frame)
    column = frame[name]
    missing = column.isna().tolist()
    values = column.tolist()
    return [None if gone else kind(v) for v, gone in zip(values, missing, strict=True)]


def diff_observations(old: dict[tuple, dict[str, Any]], new: pd.DataFrame) -> list[dict[str, Any]]:
    """Added, changed and removed observations, keyed by (indicator_id, iso3, edition)."""
    rows: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    if not new.empty:
        keys = zip(new["indicator_id"].tolist(), new["iso3"].tolist(),
                   (int(e) for e in new["edition"].tolist()), strict=True)
        afters = zip(_column(new, "value", float), _column(new, "rank", int),
                     _column(new, "tier", int), strict=True)
        for key, (value, rank, tier) in zip(keys, afters, strict=True):
            seen.add(key)
            after = {"value": value, "rank": rank, "tier": tier}
            before = old.get(key) if old else None
            if before is None:
                rows.append(_row(key, "added", None, after))
                continue
            before = {"value": _float(before["value"]), "rank": _int(before["rank"]),
                      "tier": _int(before["tier"])}
            if any(_differs(before[f], after[f]) for f in COMPARED):
                rows.append(_row(key, "changed", before, after))
    for key in sorted(set(old) - seen):
        gone = old[key]
        before = {"value": _float(gone["value"]), "rank": _int(gone["rank"]),
                  "tier": _int(gone["tier"])}
        rows.append(_row(key, "removed", before, None))
    return rows


def _row(key: tuple, kind: str, before: dict | None, after: dict | None) -> dict[str, Any]:
    before, after = before or {}, after or {}
    return {
        "indicator_id": key[0], "iso3": key[1], "edition": key[2], "kind": kind,
        "old_value": before.get("value"), "new_value": after.get("value"),
        "old_rank": before.get("rank"), "new_rank": after.get("rank"),
        "old_tier": before.get("tier"), "new_tier": after.get("tier"),
    }


def removed_keys(diff: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    return [(d["indicator_id"], d["iso3"], d["edition"]) for d in diff if d["kind"] == "removed"]
