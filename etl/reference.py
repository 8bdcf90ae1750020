"""The country and peer-group reference: ISO codes, CLDR names, groups with their sources.

Names in English, French and Arabic come from CLDR through Babel, never typed by hand, except
where CLDR's short name is not the one these readers use: ``datasets/country_names.csv`` gives
the name shown instead (UN M49's: "State of Palestine" for a League of Arab States member CLDR
calls "Palestinian Territories"; the two Congos by their names, not their capitals), each row
cited. The focus list (with GDELT FIPS codes) and group memberships are data in ``datasets/``.

A reference file that cannot be loaded as it is (missing, not UTF-8, without its columns, with a
header and no rows, a row naming an unknown country or group, a group left without members)
fails the refresh with a :class:`ReferenceDataError`: one line naming the file, the line where
there is one, and what to do. Nothing of the reference is replaced then: an emptied or cut file
never silently empties the peer groups.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pandas as pd
import pycountry
from babel import Locale
from sqlalchemy.engine import Connection

from etl import store
from etl.settings import Settings
from etl.sources.base import SourceFileError, read_bundled, read_csv_text

LANGUAGES = ("en", "fr", "ar")
REFERENCE_FILES = ("countries.csv", "groups.csv", "country_groups.csv", "country_names.csv")
NAMES_FILE = "country_names.csv"
# Country codes and names come from these libraries: a new version may rename a country.
REFERENCE_LIBRARIES = ("babel", "pycountry")


class ReferenceDataError(ValueError):
    """A reference file in ``datasets/`` that cannot be loaded; the one-line message names the
    file (and line) and what to do. Nothing of the reference is replaced."""


NEWLINE = b"\n"
_FIX = "fix the file or restore it from the repository; nothing of the reference was replaced"


def _reference_bytes(path: Path) -> bytes:
    """A reference file's bytes; :class:`ReferenceDataError` when it cannot be read."""
    try:
        return read_bundled(path).body
    except SourceFileError as exc:
        raise ReferenceDataError(f"reference file {path.name}: {exc}; {_FIX}") from None


def reference_frame(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """A reference CSV as strings (line ``n`` of the file is row ``n - 2``), refused with a
    :class:`ReferenceDataError` when unreadable, without ``columns``, or without data rows."""
    body = _reference_bytes(path)
    try:
        frame = read_csv_text(body, columns)
    except SourceFileError as exc:
        where = ""
        if isinstance(exc.__cause__, UnicodeDecodeError):
            start = exc.__cause__.start
            where = f" line {body[:start].count(NEWLINE) + 1}"
            exc = SourceFileError(f"not UTF-8 text (byte {body[start]:#04x}); save it as UTF-8")
        raise ReferenceDataError(f"reference file {path}{where}: {exc}; {_FIX}") from None
    if frame.dropna(how="all").empty:
        raise ReferenceDataError(f"reference file {path} has a header and no data rows "
                                 f"(emptied or cut short?); {_FIX}")
    return frame


def _refuse_row(path: Path, index: int, problem: str) -> ReferenceDataError:
    return ReferenceDataError(f"reference file {path} line {index + 2}: {problem}; {_FIX}")


def name_overrides(datasets_dir: Path) -> dict[tuple[str, str], str]:
    """(iso3, language) -> the name shown in place of CLDR's (``country_names.csv``); raises
    :class:`ReferenceDataError` naming the row when one names an unknown country or language,
    repeats a pair, or gives no name or source."""
    path = datasets_dir / NAMES_FILE
    frame = reference_frame(path, ("iso3", "language", "name", "source_url", "source_note"))
    names: dict[tuple[str, str], str] = {}
    for index, row in enumerate(frame.to_dict("records")):
        key = (row["iso3"], row["language"])
        problem = _override_problem(row, key in names)
        if problem:
            raise _refuse_row(path, index, problem)
        names[key] = row["name"].strip()
    return names


def _override_problem(row: dict[str, Any], repeated: bool) -> str | None:
    """What is wrong with a row of ``country_names.csv`` (None when nothing)."""
    if not isinstance(row["name"], str) or not row["name"].strip():
        return "no name"
    if not isinstance(row["source_url"], str):
        return "no source_url"
    if pycountry.countries.get(alpha_3=str(row["iso3"])) is None:
        return f"unknown country {row['iso3']!r}"
    if row["language"] not in LANGUAGES:
        return f"language {row['language']!r} is not one of {', '.join(LANGUAGES)}"
    return f"{row['iso3']} in {row['language']} named twice" if repeated else None


@cache
def _bundled_overrides() -> dict[tuple[str, str], str]:
    return name_overrides(Settings().datasets_dir)


def country_name(iso3: str, language: str) -> str:
    """A country's name in ``language`` as the store names it (:func:`country_rows`): the
    bundled override, else CLDR's short name (``iso3`` when the code is unknown)."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    shown = _bundled_overrides().get((iso3, language))
    return shown or Locale.parse(language).territories.get(country.alpha_2, iso3)


def country_rows(settings: Settings) -> list[dict[str, Any]]:
    """Every ISO 3166-1 country with its names, and the focus list's extra codes."""
    path = settings.datasets_dir / "countries.csv"
    focus = reference_frame(path, ("iso3", "gdelt_fips", "group"))
    for index, iso3 in enumerate(focus["iso3"]):
        if not isinstance(iso3, str) or pycountry.countries.get(alpha_3=iso3) is None:
            raise _refuse_row(path, index, f"unknown country {iso3!r} (an ISO 3166-1 alpha-3 "
                                           "code is expected)")
    extra = {r["iso3"]: r for r in focus.to_dict("records")}
    # Each language's territory names looked up once, not parsed again for each of ~250
    # countries.
    names = {lang: Locale.parse(lang).territories for lang in LANGUAGES}
    shown = name_overrides(settings.datasets_dir)
    rows = []
    for country in pycountry.countries:
        fallback = getattr(country, "common_name", None) or country.name
        info = extra.get(country.alpha_3, {})
        rows.append(
            {
                "iso3": country.alpha_3,
                "iso2": country.alpha_2,
                **{f"name_{lang}": shown.get((country.alpha_3, lang))
                   or names[lang].get(country.alpha_2, fallback) for lang in LANGUAGES},
                "gdelt_fips": info.get("gdelt_fips"),
                "focus_group": info.get("group"),
            }
        )
    return rows


def group_frames(settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Groups (with source) and their members, as read from ``datasets/``.

    Raises :class:`ReferenceDataError` for a group without an id or listed twice, a member row
    naming an unknown group or country, and a group ``groups.csv`` lists that has no member
    (a cut ``country_groups.csv`` must not empty it silently).
    """
    groups_path = settings.datasets_dir / "groups.csv"
    members_path = settings.datasets_dir / "country_groups.csv"
    groups = reference_frame(groups_path,
                             ("group_id", "name", "kind", "source_url", "source_note"))
    members = reference_frame(members_path, ("group_id", "iso3"))
    known: set[str] = set()
    for index, group_id in enumerate(groups["group_id"]):
        if not isinstance(group_id, str):
            raise _refuse_row(groups_path, index, "no group_id")
        if group_id in known:
            raise _refuse_row(groups_path, index, f"group {group_id!r} listed twice")
        known.add(group_id)
    for index, row in enumerate(members.to_dict("records")):
        if row["group_id"] not in known:
            raise _refuse_row(members_path, index, f"unknown group {row['group_id']!r} (not "
                              f"in {groups_path.name}: {', '.join(sorted(known))})")
        if not isinstance(row["iso3"], str) or pycountry.countries.get(
                alpha_3=row["iso3"]) is None:
            raise _refuse_row(members_path, index, f"unknown country {row['iso3']!r} (an ISO "
                              "3166-1 alpha-3 code is expected)")
    empty = sorted(known - set(members["group_id"]))
    if empty:
        raise ReferenceDataError(
            f"reference file {members_path} gives no member to group(s) {', '.join(empty)} "
            f"listed in {groups_path.name} (cut short?); {_FIX}")
    return groups, members


def load_reference(conn: Connection, settings: Settings) -> None:
    """Upsert countries and groups; group memberships are replaced as a whole. Every file is
    read and checked before anything is written (:class:`ReferenceDataError`)."""
    countries = country_rows(settings)
    groups, members = group_frames(settings)
    store.upsert_rows(conn, store.countries, "iso3", countries)
    store.upsert_rows(conn, store.groups, "group_id", groups.to_dict("records"))
    store.replace_rows(conn, store.group_members, members.drop_duplicates().to_dict("records"))


def reference_sha256(settings: Settings) -> str:
    """SHA-256 over the bundled reference files and the CLDR/ISO libraries' versions."""
    digest = hashlib.sha256()
    for name in REFERENCE_FILES:
        body = _reference_bytes(settings.datasets_dir / name)
        digest.update(f"{name}\0{hashlib.sha256(body).hexdigest()}\n".encode())
    for package in REFERENCE_LIBRARIES:
        try:
            digest.update(f"{package}=={version(package)}\n".encode())
        except PackageNotFoundError:  # pragma: no cover - both are dependencies
            digest.update(f"{package}==?\n".encode())
    return digest.hexdigest()


def ensure_reference(conn: Connection, settings: Settings) -> bool:
    """Load the reference unless the same files were loaded already; True when it loaded.

    Reloading costs a CLDR lookup per country and a bulk upsert on every refresh; the hash
    makes an unchanged reference a single query.
    """
    sha256 = reference_sha256(settings)
    if store.reference_sha256(conn) == sha256:
        return False
    load_reference(conn, settings)
    store.save_reference_sha256(conn, sha256)
    return True
