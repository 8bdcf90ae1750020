"""What every source module declares, so the pipeline can treat them alike.

A source module exposes ``INFO`` (a :class:`SourceInfo`), ``INDICATORS``, ``SCHEMA`` (a pandera
model in :mod:`etl.schemas`) and three functions:

- ``fetch(settings) -> Fetched``: the only I/O; raw bytes and where they came from;
- ``parse(raw: bytes) -> DataFrame``: pure; the rows as read, values still as text;
- ``to_observations(valid: DataFrame) -> DataFrame``: pure; validated rows to the tidy
  observation columns of :data:`OBSERVATION_COLUMNS` (minus ``snapshot_sha256``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class SourceInfo:
    """Who publishes a source and how it is gathered."""

    id: str
    publisher: str
    title: str
    url: str
    licence: str
    cadence: str
    kind: str  # "bundled" (curated file in datasets/) or "live" (fetched over HTTP)


@dataclass(frozen=True)
class Indicator:
    """A series a source provides, with what its numbers mean."""

    id: str
    name: str
    unit: str
    scale: str
    higher_is_better: bool
    methodology_note: str


@dataclass(frozen=True)
class Validator:
    """What a server said about one URL's body, to make the next request conditional."""

    url: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class Fetched:
    """Raw bytes exactly as received, and their origin (URL or bundled file path).

    Live sources also say whether nothing changed since the last run (every conditional
    request answered 304: nothing new to keep or load) and the validators to send next time.
    """

    body: bytes
    origin: str
    not_modified: bool = False
    validators: tuple[Validator, ...] = ()


OBSERVATION_COLUMNS = (
    "indicator_id", "iso3", "edition", "value", "scale", "rank", "rank_text", "tier",
    "tier_label", "source_document", "source_url", "channel", "verification", "source_note",
)


class SourceFileError(Exception):
    """A source's raw input is missing or unreadable (the run fails, data stays as it was)."""


def read_bundled(path: Path) -> Fetched:
    """Read a curated file from ``datasets/`` as raw bytes."""
    try:
        return Fetched(body=path.read_bytes(), origin=f"datasets/{path.name}")
    except FileNotFoundError as exc:
        raise SourceFileError(f"bundled file not found: {path}") from exc
    except OSError as exc:
        raise SourceFileError(f"cannot read bundled file {path}: {exc.strerror or exc}") from exc


def read_csv_text(raw: bytes, required: tuple[str, ...]) -> pd.DataFrame:
    """CSV bytes to a frame of strings (empty cells missing); checks the header."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceFileError(f"not UTF-8 text: {exc}") from exc
    if not text.strip():
        raise SourceFileError("empty file")
    try:
        # Only an empty cell is missing ("NA" or "null" stay text); read as missing at once
        # rather than replaced afterwards (same frame, a pass over every column saved).
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, ValueError) as exc:
        raise SourceFileError(f"unreadable CSV: {exc}") from exc
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise SourceFileError(f"CSV header lacks column(s): {', '.join(missing)}")
    return frame
