"""The country and peer-group reference: ISO codes, CLDR names, groups with their sources.

Names in English, French and Arabic come from CLDR through Babel, never typed by hand; the
focus list (with GDELT FIPS codes) and group memberships are data in ``datasets/``.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import pandas as pd
import pycountry
from babel import Locale
from sqlalchemy.engine import Connection

from etl import store
from etl.settings import Settings
from etl.sources.base import read_bundled, read_csv_text

LANGUAGES = ("en", "fr", "ar")
REFERENCE_FILES = ("countries.csv", "groups.csv", "country_groups.csv")
# Country codes and names come from these libraries: a new version may rename a country.
REFERENCE_LIBRARIES = ("babel", "pycountry")


def cldr_name(iso2: str, language: str, fallback: str) -> str:
    """The CLDR short name of a territory in a language."""
    return Locale.parse(language).territories.get(iso2, fallback)


def country_rows(settings: Settings) -> list[dict[str, Any]]:
    """Every ISO 3166-1 country with its names, and the focus list's extra codes."""
    focus = read_csv_text(read_bundled(settings.datasets_dir / "countries.csv").body,
                          ("iso3", "gdelt_fips", "group"))
    extra = {r["iso3"]: r for r in focus.to_dict("records")}
    # Each language's territory names looked up once (as cldr_name does, per call), not parsed
    # again for each of ~250 countries.
    names = {lang: Locale.parse(lang).territories for lang in LANGUAGES}
    rows = []
    for country in pycountry.countries:
        fallback = getattr(country, "common_name", None) or country.name
        info = extra.get(country.alpha_3, {})
        rows.append(
            {
                "iso3": country.alpha_3,
                "iso2": country.alpha_2,
                **{f"name_{lang}": names[lang].get(country.alpha_2, fallback)
                   for lang in LANGUAGES},
                "gdelt_fips": info.get("gdelt_fips"),
                "focus_group": info.get("group"),
            }
        )
    return rows


def group_frames(settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Groups (with source) and their members, as read from ``datasets/``."""
    groups = read_csv_text(read_bundled(settings.datasets_dir / "groups.csv").body,
                           ("group_id", "name", "kind", "source_url", "source_note"))
    members = read_csv_text(read_bundled(settings.datasets_dir / "country_groups.csv").body,
                            ("group_id", "iso3"))
    unknown = set(members["group_id"]) - set(groups["group_id"])
    if unknown:
        raise ValueError(f"country_groups.csv names unknown group(s): {sorted(unknown)}")
    return groups, members


def load_reference(conn: Connection, settings: Settings) -> None:
    """Upsert countries and groups; group memberships are replaced as a whole."""
    store.upsert_rows(conn, store.countries, "iso3", country_rows(settings))
    groups, members = group_frames(settings)
    store.upsert_rows(conn, store.groups, "group_id", groups.to_dict("records"))
    store.replace_rows(conn, store.group_members, members.drop_duplicates().to_dict("records"))


def reference_sha256(settings: Settings) -> str:
    """SHA-256 over the bundled reference files and the CLDR/ISO libraries' versions."""
    digest = hashlib.sha256()
    for name in REFERENCE_FILES:
        body = read_bundled(settings.datasets_dir / name).body
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
