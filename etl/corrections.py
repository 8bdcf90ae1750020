"""The corrections ledger (`datasets/corrections.csv`), applied after validation.

Raw files are never edited. Each ledger entry names a value (indicator, iso3, edition), an
action and a reason:
- ``flag``: the value stays; its ``correction`` column says why it is doubtful;
- ``override``: the value is replaced by the ledger's; the original is kept in ``source_note``
  and ``correction`` says so;
- ``drop``: the row is not loaded (a published one is removed by the publish step); the run's
  ``corrections_log`` keeps a record with the original value.
Only ``status = applied`` entries change or drop values; ``open`` entries (reported, not yet
decided) mark the value in ``correction`` and leave it as it is. Every application is written
to ``corrections_log`` with the run.

An override's value is checked as the source's own would be (:class:`etl.schemas.Observations`:
its scale, the GCI 2024 tier, the GCI pillars adding up): one that fails fails the ledger,
naming its line, as a malformed entry does; nothing is published with it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from etl import schemas
from etl.sources.base import SourceFileError, read_bundled, read_csv_text

LEDGER_FILE = "corrections.csv"
COLUMNS = ("indicator", "iso3", "edition", "action", "value", "reason", "reported_date",
           "status", "source_url")
# What a mark in an observation's ``correction`` column says was done (:func:`parse_correction`):
# an applied entry's action, or ``open`` for a report not yet decided.
MARK_ACTIONS = (*schemas.CORRECTION_ACTIONS, "open")
_MARK = re.compile(
    r"^(?P<head>[^:]+):\s*(?P<reason>.*?)(?:\s*\[reported (?P<date>[^;\]]*);\s*(?P<url>[^\]]*)\])?$",
    re.S,
)


# The last content validated of each bundled side file (the ledger, the GCI evidence), by the
# SHA-256 of its bytes: a refresh applies the ledger to every source, and validating the same
# bytes again gives the same frame. The file is read each time, so an edited file is validated
# (and a bad entry fails) at the next use.
_validated: dict[tuple, tuple[str, pd.DataFrame]] = {}


def read_validated(path: Path, parse: Callable[[bytes], pd.DataFrame],
                   schema: type[pa.DataFrameModel]) -> pd.DataFrame:
    """A bundled side file's rows, parsed and validated once per content (a copy each call).

    Raises :class:`SourceFileError` naming the file when it is missing or unreadable, or when
    any row fails ``schema`` (every failing line is listed): nothing of it is used then.
    """
    body = read_bundled(path).body
    digest = hashlib.sha256(body).hexdigest()
    slot = (parse, schema)
    cached = _validated.get(slot)
    if cached is None or cached[0] != digest:
        try:
            checked = schemas.split_valid(parse(body), schema)
        except SourceFileError as exc:
            raise SourceFileError(f"{path.name}: {exc}") from exc
        except SchemaErrors as exc:  # a failure about the whole file, e.g. a column's type
            why = "; ".join(sorted({f"{c.column}: {c.check}"
                                    for c in exc.failure_cases.itertuples()}))
            raise SourceFileError(f"{path.name}: invalid file ({why})") from exc
        if checked.quarantined:
            bad = "; ".join(f"line {q['row_number']}: {q['reason']}"
                            for q in checked.quarantined)
            raise SourceFileError(f"{path.name}: invalid entries ({bad})")
        _validated[slot] = cached = (digest, checked.valid)
    return cached[1].copy()


def _parse_ledger(raw: bytes) -> pd.DataFrame:
    return read_csv_text(raw, COLUMNS)


def read_ledger(datasets_dir: Path) -> pd.DataFrame:
    """The validated ledger (empty when the file is absent); a bad entry fails loudly."""
    path = datasets_dir / LEDGER_FILE
    if not path.exists():
        return pd.DataFrame(columns=list(COLUMNS))
    return read_validated(path, _parse_ledger, schemas.CorrectionsLedger)


def _label(entry: dict[str, Any]) -> str:
    head = (f"open report ({entry['action']})" if entry["status"] == "open"
            else entry["action"])
    return f"{head}: {entry['reason']} [reported {entry['reported_date']}; {entry['source_url']}]"


def parse_correction(text: object) -> dict[str, str] | None:
    """A ledger mark of an observation (``"flag: reason [reported date; url]"``, as
    :func:`apply_ledger` writes it) as its action (one of :data:`MARK_ACTIONS`), reason, date
    and URL; None when there is none. A mark of another form is a ``flag`` with the whole text
    as its reason."""
    if not isinstance(text, str) or not text.strip():
        return None
    found = _MARK.match(text.strip())
    if not found:
        return {"action": "flag", "reason": text.strip(), "date": "", "url": ""}
    head = found["head"].strip()
    action = "open" if head.startswith("open report") else head
    return {"action": action if action in MARK_ACTIONS else "flag",
            "reason": found["reason"].strip(), "date": (found["date"] or "").strip(),
            "url": (found["url"] or "").strip()}


def apply_ledger(obs: pd.DataFrame, ledger: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """Observations with the ledger applied, and one log record per entry that applied."""
    if obs.empty or ledger.empty:
        return obs, []
    # A shallow copy: pandas copies a column on write (copy-on-write), so only the columns
    # an entry edits are copied, never the caller's frame.
    out = obs.copy(deep=False)
    out["correction"] = (out["correction"].astype(object) if "correction" in out.columns
                         else pd.Series(None, index=out.index, dtype=object))
    # Only the rows whose indicator and country some entry names can match one: the key
    # lookup is built over those few, not cell by cell over every observation (the last row
    # of a key wins, as over the whole frame).
    near = out[out["indicator_id"].isin(ledger["indicator"].unique())
               & out["iso3"].isin(ledger["iso3"].unique())]
    keyed = dict(zip(zip(near["indicator_id"], near["iso3"], (int(e) for e in near["edition"]),
                         strict=True), near.index, strict=True))
    drops, log, overridden = [], [], {}
    for line, entry in zip(ledger.index, ledger.to_dict("records"), strict=True) if keyed else ():
        index = keyed.get((entry["indicator"], entry["iso3"], int(entry["edition"])))
        if index is None:
            continue  # not this source's value, or not in this run
        original = out.at[index, "value"]
        original = None if pd.isna(original) else float(original)
        corrected = None
        out.at[index, "correction"] = _label(entry)
        if entry["status"] == "applied" and entry["action"] == "override":
            corrected = float(entry["value"])
            out.at[index, "value"] = corrected
            overridden[index] = (int(line) + 2, entry)  # the file's line: header is line 1
            note = out.at[index, "source_note"]
            out.at[index, "source_note"] = (
                (f"{note}; " if isinstance(note, str) and note else "")
                + f"original value {original} replaced by {corrected} (corrections ledger)"
            )
        elif entry["status"] == "applied" and entry["action"] == "drop":
            drops.append(index)
        log.append({
            "indicator_id": entry["indicator"], "iso3": entry["iso3"],
            "edition": int(entry["edition"]), "action": entry["action"],
            "status": entry["status"], "original_value": original,
            "corrected_value": corrected, "reason": entry["reason"],
            "reported_date": entry["reported_date"],
        })
    _check_overrides(out, overridden)
    return (out.drop(index=drops) if drops else out).reset_index(drop=True), log


def _check_overrides(out: pd.DataFrame, overridden: dict[Any, tuple[int, dict]]) -> None:
    """Raise :class:`SourceFileError` naming each ledger line whose override fails the checks
    of an observation (with the other values of its country and edition, for the rules across
    them: the GCI pillars must add up to the overall score)."""
    if not overridden:
        return
    touched = {(out.at[i, "iso3"], int(out.at[i, "edition"])) for i in overridden}
    pairs = pd.Series(list(zip(out["iso3"], out["edition"].astype(int), strict=True)),
                      index=out.index)
    around = out[pairs.isin(touched)].drop(columns=["correction"])
    failed = schemas.split_valid(around.reset_index(drop=True), schemas.Observations)
    reasons = {around.index[q["row_number"] - 2]: q["reason"] for q in failed.quarantined}
    bad = [f"line {line}: override of {entry['indicator']} {entry['iso3']} {entry['edition']} "
           f"to {float(entry['value'])}: {reasons[index]}"
           for index, (line, entry) in sorted(overridden.items(), key=lambda i: i[1][0])
           if index in reasons]
    if bad:
        raise SourceFileError(f"{LEDGER_FILE}: invalid entries ({'; '.join(bad)})")
