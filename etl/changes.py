"""What a published run changed: old and new value, rank, tier and provenance (source URL,
channel, verification) of each observation, and old and new text and value of each cited
statement and per-source value; each with the raw snapshot its old side was published from
(``old_snapshot_sha256``; the new side's is the run's, given by the pipeline).

:func:`diff_observations` and :func:`diff_content` are pure (the published rows before, the
new rows after); the pipeline writes their results to the ``changes`` and ``content_changes``
tables in the transaction that publishes, so the changelog and the data it describes commit
together.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

# What makes an observation "changed" for the public changelog: its figures.
COMPARED = ("value", "rank", "tier")
# Where an observation's value was read. With the figures the same, a change of one of these is
# a "provenance" row of the changelog: the same value, now read from another document, through
# another channel, or verified otherwise ("single source" to "verified in two or more
# sources"). Every changelog row carries them, old_ and new_, as it carries the figures. A new
# source note or document title alone updates the row without a changelog row.
PROVENANCE_FIELDS = ("source_url", "channel", "verification")
# The observation fields a changelog row gives, old_ and new_.
LOGGED = COMPARED + PROVENANCE_FIELDS


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
    """Added, changed, re-sourced ("provenance") and removed observations, keyed by
    (indicator_id, iso3, edition): "changed" when a figure (:data:`COMPARED`) differs, else
    "provenance" when where it was read (:data:`PROVENANCE_FIELDS`) does."""
    rows: list[dict[str, Any]] = []
    seen: set[tuple] = set()
    if not new.empty:
        keys = zip(new["indicator_id"].tolist(), new["iso3"].tolist(),
                   (int(e) for e in new["edition"].tolist()), strict=True)
        afters = zip(_column(new, "value", float), _column(new, "rank", int),
                     _column(new, "tier", int),
                     *(_column(new, f, str) for f in PROVENANCE_FIELDS), strict=True)
        for key, values in zip(keys, afters, strict=True):
            seen.add(key)
            after = dict(zip(LOGGED, values, strict=True))
            before = old.get(key) if old else None
            if before is None:
                rows.append(_row(key, "added", None, after))
                continue
            logged = _logged(before)
            if any(_differs(logged[f], after[f]) for f in COMPARED):
                rows.append(_row(key, "changed", logged, after, _snapshot(before)))
            elif any(_differs(logged[f], after[f]) for f in PROVENANCE_FIELDS):
                rows.append(_row(key, "provenance", logged, after, _snapshot(before)))
    for key in sorted(set(old) - seen):
        rows.append(_row(key, "removed", _logged(old[key]), None, _snapshot(old[key])))
    return rows


def _snapshot(published: Mapping[str, Any]) -> str | None:
    """The raw snapshot a published row was loaded from (its ``snapshot_sha256``): where the
    old side of its changelog row can be read."""
    value = _plain(published.get("snapshot_sha256"))
    return None if value is None else str(value)


def _logged(row: Mapping[str, Any]) -> dict[str, Any]:
    """A published observation's figures and provenance as a changelog row gives them (a
    field the row lacks: None)."""
    out: dict[str, Any] = {"value": _float(row.get("value")), "rank": _int(row.get("rank")),
                           "tier": _int(row.get("tier"))}
    for field in PROVENANCE_FIELDS:
        value = _plain(row.get(field))
        out[field] = None if value is None else str(value)
    return out


def _row(key: tuple, kind: str, before: dict | None, after: dict | None,
         old_snapshot: str | None = None) -> dict[str, Any]:
    before, after = before or {}, after or {}
    row: dict[str, Any] = {"indicator_id": key[0], "iso3": key[1], "edition": key[2],
                           "kind": kind}
    for field in LOGGED:
        row[f"old_{field}"] = before.get(field)
        row[f"new_{field}"] = after.get(field)
    row["old_snapshot_sha256"] = old_snapshot
    return row


def removed_keys(diff: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    return [(d["indicator_id"], d["iso3"], d["edition"]) for d in diff if d["kind"] == "removed"]


# ---------------------------------------------------------------- statements, per-source values

# What makes a cited statement or a per-source value "changed" for the public changelog, as
# COMPARED is for an observation: what it says (a statement's words) and the figure as printed
# (the value, and the text it was printed as: "82.4" and "82.41" are two printings). Not its
# citation: the URL is part of the row's key (``statement_key``, ``value_key``: which document
# said it; for a per-source value its note too, which tells two printings by one source apart),
# so a new URL is a new row, listed removed and added; and a new report title, publication
# date, source kind or note alone updates the row in place without a changelog row, as a new
# source note or document title does for an observation. A statement's unit is left out as an
# observation's scale is: it names what the figure counts, and its words say it again.
CONTENT_COMPARED: dict[str, tuple[str, ...]] = {
    "statements": ("statement", "value_text"),
    "source_values": ("value", "value_text"),
}

# Per keyed target, the table column that fills each column of a changelog row (a column not
# named stays empty for that target): its key, where and what it is about, and the compared
# fields (``value``, ``value_text``, ``text``: written old_ and new_).
CONTENT_FIELDS: dict[str, dict[str, str]] = {
    "statements": {"row_key": "statement_key", "iso3": "iso3", "edition": "edition",
                   "metric": "metric", "source_url": "source_url",
                   "value_text": "value_text", "text": "statement"},
    "source_values": {"row_key": "value_key", "indicator_id": "indicator_id", "iso3": "iso3",
                      "edition": "edition", "metric": "field", "printed_by": "source_id",
                      "source_url": "source_url", "value": "value",
                      "value_text": "value_text"},
}
# The columns of a changelog row that say which row it is about (the same before and after:
# they are parts of its key), and those that hold what it said, old and new.
CONTENT_IDENTITY = ("row_key", "indicator_id", "iso3", "edition", "metric", "printed_by",
                    "source_url")
CONTENT_SAID = ("value", "value_text", "text")


def diff_content(target: str, old: Mapping[Any, Mapping[str, Any]],
                 new: Mapping[str, Sequence[Any]]) -> list[dict[str, Any]]:
    """Added, changed and removed rows of a keyed target (``statements``, ``source_values``),
    by key: ``old`` the published rows the new ones replace (by key), ``new`` the rows given,
    column by column (equal-length lists, as the load plans them). A row is changed when a
    field of :data:`CONTENT_COMPARED` differs; removed rows come last, in key-part order."""
    fields = CONTENT_FIELDS[target]
    compared = CONTENT_COMPARED[target]
    key = fields["row_key"]
    count = len(next(iter(new.values()))) if new else 0
    names = sorted({key, *compared, *fields.values()})
    columns = [new[name] if name in new else [None] * count for name in names]
    rows: list[dict[str, Any]] = []
    seen: set = set()
    for values in zip(*columns, strict=True):
        after = dict(zip(names, values, strict=True))
        seen.add(after[key])
        before = old.get(after[key]) if old else None
        if before is None:
            rows.append(_content_row(fields, "added", None, after))
        elif any(_differs(_plain(before.get(f)), _plain(after[f])) for f in compared):
            rows.append(_content_row(fields, "changed", before, after))
    gone = [old[k] for k in old if k not in seen] if old else []
    gone.sort(key=lambda r: tuple(str(_plain(r.get(fields[c])) or "")
                                  for c in CONTENT_IDENTITY[2:] if c in fields))
    rows += [_content_row(fields, "removed", before, None) for before in gone]
    return rows


def _content_row(fields: Mapping[str, str], kind: str, before: Mapping | None,
                 after: Mapping | None) -> dict[str, Any]:
    """A ``content_changes`` row (without the columns a release's rows share)."""
    either = after if after is not None else before
    if either is None:
        raise ValueError("a content change has a row before it or after it")
    row: dict[str, Any] = {"kind": kind}
    for column in CONTENT_IDENTITY:
        row[column] = _plain(either.get(fields[column])) if column in fields else None
    if row["edition"] is not None:
        row["edition"] = int(row["edition"])
    for column in CONTENT_SAID:
        name = fields.get(column)
        row[f"old_{column}"] = _plain(before.get(name)) if name and before else None
        row[f"new_{column}"] = _plain(after.get(name)) if name and after else None
    for side in ("old_value", "new_value"):
        row[side] = _float(row[side])
    row["old_snapshot_sha256"] = _snapshot(before) if before is not None else None
    return row


def added_content_columns(target: str) -> dict[str, str]:
    """The columns a first publication's "added" rows copy from the target's table
    (changelog column: table column), the new side of what it says."""
    fields = CONTENT_FIELDS[target]
    copied = {c: fields[c] for c in CONTENT_IDENTITY if c in fields}
    copied.update({f"new_{c}": fields[c] for c in CONTENT_SAID if c in fields})
    return copied
