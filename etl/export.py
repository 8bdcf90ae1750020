"""The one code path behind every export: filter checked against known ids, tidy rows out.

The CLI (`cyberindex export`), the API and the dashboard's downloads all call
:func:`export_frame` with an :class:`ExportFilter`, so the same filter gives the same rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Engine

from etl import store

EXPORT_COLUMNS = (
    "indicator", "iso3", "country", "edition", "value", "scale", "rank", "tier", "source",
    "source_url", "snapshot_sha256",
    # Provenance beyond the core columns: who published, how it was read, when it was taken.
    "publisher", "channel", "verification", "retrieved_at",
)


class UnknownValueError(ValueError):
    """A filter value that names nothing known; says which parameter and value."""

    def __init__(self, parameter: str, values: Sequence[str]):
        self.parameter = parameter
        self.values = list(values)
        super().__init__(f"unknown {parameter}: {', '.join(map(str, self.values))}")


@dataclass(frozen=True)
class ExportFilter:
    """What to export; empty means all."""

    indicators: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    editions: tuple[int, ...] = ()


def check_filter(engine: Engine, wanted: ExportFilter) -> None:
    """Raise :class:`UnknownValueError` for the first parameter naming unknown ids."""
    known_indicators = set(store.indicators_frame(engine)["indicator_id"])
    known_countries = set(store.countries_frame(engine)["iso3"])
    known_groups = set(store.groups_frame(engine)["group_id"])
    known_editions = set(store.editions_available(engine))
    for parameter, values, known in (
        ("indicator", wanted.indicators, known_indicators),
        ("country", wanted.countries, known_countries),
        ("group", wanted.groups, known_groups),
        ("edition", wanted.editions, known_editions),
    ):
        bad = [v for v in values if v not in known]
        if bad:
            raise UnknownValueError(parameter, bad)


def countries_in_scope(engine: Engine, wanted: ExportFilter) -> tuple[str, ...]:
    """Countries named directly plus members of the named groups (empty: no restriction)."""
    iso3s = set(wanted.countries)
    if wanted.groups:
        members = store.group_members_frame(engine, wanted.groups)
        iso3s |= set(members["iso3"])
    return tuple(sorted(iso3s))


def export_frame(engine: Engine, wanted: ExportFilter) -> pd.DataFrame:
    """Tidy rows for a checked filter, with provenance columns, in a stable order."""
    check_filter(engine, wanted)
    iso3s = countries_in_scope(engine, wanted)
    if (wanted.countries or wanted.groups) and not iso3s:
        iso3s = ("",)  # a group with no members selects nothing, not everything
    frame = store.observations_frame(
        engine, wanted.indicators or None, iso3s or None, wanted.editions or None
    )
    out = frame.rename(columns={"indicator_id": "indicator", "source_document": "source"})
    out["retrieved_at"] = pd.to_datetime(out["retrieved_at"], utc=True).dt.strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    return out.loc[:, list(EXPORT_COLUMNS)].reset_index(drop=True)


def frame_to_csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def frame_to_records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain Python values (missing as None), for JSON."""
    plain = frame.astype(object).where(frame.notna(), None)
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            for row in plain.to_dict("records")]


def frame_to_json(frame: pd.DataFrame) -> str:
    return json.dumps(frame_to_records(frame), ensure_ascii=False, indent=1) + "\n"
