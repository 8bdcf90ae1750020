"""The country and peer-group reference: ISO codes, CLDR names, groups with their sources.

Names in English, French and Arabic come from CLDR through Babel, never typed by hand; the
focus list (with GDELT FIPS codes) and group memberships are data in ``datasets/``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pycountry
from babel import Locale
from sqlalchemy.engine import Connection

from etl import store
from etl.settings import Settings
from etl.sources.base import read_bundled, read_csv_text

LANGUAGES = ("en", "fr", "ar")


def cldr_name(iso2: str, language: str, fallback: str) -> str:
    """The CLDR short name of a territory in a language."""
    return Locale.parse(language).territories.get(iso2, fallback)


def country_rows(settings: Settings) -> list[dict[str, Any]]:
    """Every ISO 3166-1 country with its names, and the focus list's extra codes."""
    focus = read_csv_text(read_bundled(settings.datasets_dir / "countries.csv").body,
                          ("iso3", "gdelt_fips", "group"))
    extra = {r["iso3"]: r for r in focus.to_dict("records")}
    rows = []
    for country in pycountry.countries:
        fallback = getattr(country, "common_name", None) or country.name
        info = extra.get(country.alpha_3, {})
        rows.append(
            {
                "iso3": country.alpha_3,
                "iso2": country.alpha_2,
                **{f"name_{lang}": cldr_name(country.alpha_2, lang, fallback) for lang in LANGUAGES},
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
    for row in country_rows(settings):
        store.upsert_by_key(conn, store.countries, "iso3", row)
    groups, members = group_frames(settings)
    for row in groups.to_dict("records"):
        store.upsert_by_key(conn, store.groups, "group_id", row)
    store.replace_rows(conn, store.group_members, members.drop_duplicates().to_dict("records"))
