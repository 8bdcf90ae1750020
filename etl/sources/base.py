"""What every source module declares, so the pipeline can treat them alike.

A source module exposes ``INFO`` (a :class:`SourceInfo`), ``INDICATORS``, ``SCHEMA`` (a pandera
model in :mod:`etl.schemas`) and three functions:

- ``fetch(settings) -> Fetched``: the only I/O; raw bytes and where they came from;
- ``parse(raw: bytes) -> DataFrame``: pure; the rows as read, values still as text;
- ``to_observations(valid: DataFrame) -> DataFrame``: pure; validated rows to the tidy
  observation columns of :data:`OBSERVATION_COLUMNS` (minus ``snapshot_sha256``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import warnings
from dataclasses import dataclass
from datetime import date
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
    A bundled file says the day its data was retrieved from the publisher (its sidecar's
    ``copied_on``, :func:`read_bundled`); a live source leaves it None: its retrieval is its
    fetch.
    """

    body: bytes
    origin: str
    not_modified: bool = False
    validators: tuple[Validator, ...] = ()
    retrieved_on: date | None = None


OBSERVATION_COLUMNS = (
    "indicator_id", "iso3", "edition", "value", "scale", "rank", "rank_text", "tier",
    "tier_label", "source_document", "source_url", "channel", "verification", "source_note",
)


class SourceFileError(Exception):
    """A source's raw input is missing or unreadable (the run fails, data stays as it was)."""


# What a bundled file's provenance sidecar must say for the file to be read (the run fails
# with one of these otherwise, nothing of it published; the Status page shows the reason).
SIDECAR_MISSING = ("bundled file {path} has no provenance sidecar {sidecar}: add one giving "
                   "the file's copied_on (the day its data was copied from the publisher), "
                   "sha256 and bytes")
SIDECAR_UNREADABLE = ("provenance sidecar {sidecar} of bundled file {path} is unreadable "
                      "({problem}): it must give the file's copied_on (YYYY-MM-DD), sha256 "
                      "and bytes")
SIDECAR_MISMATCH = ("bundled file {path} does not match its provenance sidecar {sidecar} (the "
                    "sidecar says sha256 {expected_sha256}, {expected_bytes} bytes: the file "
                    "has sha256 {sha256}, {bytes} bytes): restore the file, or if its data was "
                    "changed on purpose, update the sidecar's sha256, bytes and copied_on")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def sidecar_path(path: Path) -> Path:
    """The provenance sidecar of a bundled file (``name.csv``: ``name.provenance.json``)."""
    return path.with_suffix(".provenance.json")


def read_bundled(path: Path) -> Fetched:
    """Read a curated file from ``datasets/`` as raw bytes, checked against its provenance
    sidecar (:func:`sidecar_path`): its ``sha256`` and ``bytes`` must be the file's, and its
    ``copied_on`` (the day the data was copied from its publisher) becomes the retrieval
    date. A missing or malformed sidecar, or one the file does not match (the file edited,
    the sidecar not), is a :class:`SourceFileError` naming both: no date is given to bytes
    it was not written for."""
    try:
        body = path.read_bytes()
    except FileNotFoundError as exc:
        raise SourceFileError(f"bundled file not found: {path}") from exc
    except OSError as exc:
        raise SourceFileError(f"cannot read bundled file {path}: {exc.strerror or exc}") from exc
    return Fetched(body=body, origin=f"datasets/{path.name}",
                   retrieved_on=_checked_copy_date(path, body))


def _checked_copy_date(path: Path, body: bytes) -> date:
    """The sidecar's ``copied_on`` once its ``sha256`` and ``bytes`` are ``body``'s."""
    sidecar = sidecar_path(path)
    names = {"path": str(path), "sidecar": sidecar.name}
    try:
        meta = json.loads(sidecar.read_bytes().decode("utf-8"))
    except FileNotFoundError as exc:
        raise SourceFileError(SIDECAR_MISSING.format(**names)) from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        problem = getattr(exc, "strerror", None) or f"not JSON: {exc}"
        raise SourceFileError(SIDECAR_UNREADABLE.format(**names, problem=problem)) from exc
    problem = _sidecar_problem(meta)
    if problem:
        raise SourceFileError(SIDECAR_UNREADABLE.format(**names, problem=problem))
    sha256 = hashlib.sha256(body).hexdigest()
    if meta["sha256"] != sha256 or meta["bytes"] != len(body):
        raise SourceFileError(SIDECAR_MISMATCH.format(
            **names, expected_sha256=meta["sha256"], expected_bytes=meta["bytes"],
            sha256=sha256, bytes=len(body)))
    return date.fromisoformat(meta["copied_on"])


def _sidecar_problem(meta: object) -> str | None:
    """What a sidecar lacks or gives wrongly (None when its three fields are sound)."""
    if not isinstance(meta, dict):
        return "not a JSON object"
    copied_on, sha256, size = meta.get("copied_on"), meta.get("sha256"), meta.get("bytes")
    if not isinstance(copied_on, str) or not _DAY.fullmatch(copied_on):
        return f"copied_on {copied_on!r} is not a YYYY-MM-DD date"
    try:
        date.fromisoformat(copied_on)
    except ValueError:
        return f"copied_on {copied_on!r} is not a YYYY-MM-DD date"
    if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        return f"sha256 {sha256!r} is not 64 lower-case hex digits"
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        return f"bytes {size!r} is not a whole number"
    return None


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
        frame = csv_frame(text, na_values=[""])
    except (pd.errors.ParserError, ValueError) as exc:
        raise SourceFileError(f"unreadable CSV: {exc}") from exc
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise SourceFileError(f"CSV header lacks column(s): {', '.join(missing)}")
    return frame


def csv_frame(text: str, **options) -> pd.DataFrame:
    """CSV text to a frame of strings ("NA" stays text); every row must fit the header.

    A first row with more cells than the header raises ``ParserError`` as a later one does:
    pandas would otherwise take its first cells for an index, every column shifted one to the
    right (or, told not to, drop the extra cells), and load values under other columns' names.
    So does a header that names a column twice.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                                index_col=False, **options)
        except pd.errors.ParserWarning as warning:
            raise pd.errors.ParserError(
                "the first row has more cells than the header") from warning
    # pandas renames a repeated name ("iso3", "iso3.1") and the first is read: which of the
    # two columns holds the data is unknown.
    names = next(csv.reader(io.StringIO(text)), [])
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise pd.errors.ParserError(f"the header repeats column(s): {', '.join(repeated)}")
    return frame


def json_document(text: str | bytes) -> object:
    """``json.loads``; a document nested deeper than Python can decode (``[[[[...``) raises
    ``JSONDecodeError`` ("nested too deeply") as other malformed JSON does, not RecursionError."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        doc = text if isinstance(text, str) else text[:64].decode("utf-8", "replace")
        raise json.JSONDecodeError("nested too deeply to read", doc, 0) from exc


# A part of a JSON answer not shaped as its API documents it (a list where an object is due,
# an object where a single value is): the run fails, nothing of it loads. ``where`` is the
# URL or label of the answer.
JSON_SHAPE_ERROR = "{where}: unexpected JSON shape ({what} is not {kind})"


def json_object(value: object, what: str, where: str) -> dict:
    """``value`` when it is a JSON object (null: an empty one)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SourceFileError(JSON_SHAPE_ERROR.format(where=where, what=what, kind="an object"))
    return value


def json_objects(value: object, what: str, where: str) -> list[dict]:
    """``value`` when it is a list of JSON objects (null or ``{}``: none)."""
    if value is None or value == {}:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise SourceFileError(JSON_SHAPE_ERROR.format(where=where, what=what,
                                                      kind="a list of objects"))
    return value


def json_scalar(value: object, what: str, where: str) -> object:
    """``value`` when it is a single JSON value, as given (null: None); an object or a list is
    none."""
    if isinstance(value, dict | list):
        raise SourceFileError(JSON_SHAPE_ERROR.format(where=where, what=what,
                                                      kind="a single value"))
    return value
