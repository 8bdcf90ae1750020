"""Country names to ISO 3166-1 alpha-3, by exact match only.

A name matches when, after trimming and folding case and runs of spaces, it equals one of: the
ISO 3166 name, official name or common name (pycountry), the CLDR English short name (Babel), or
a row of ``datasets/country_name_aliases.csv`` (each alias cites where the form is used). No fuzzy
matching: a name found in none of them is *unmatched*, and the caller quarantines the row with
that name rather than guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import pycountry
from babel import Locale

from etl.sources.base import read_bundled, read_csv_text

ALIASES_FILE = "country_name_aliases.csv"


def fold(name: str) -> str:
    """The comparison form of a name: trimmed, single spaces, case-folded."""
    return " ".join(str(name).split()).casefold()


class AmbiguousNameError(ValueError):
    """A name form that would map to two different countries (the reference is inconsistent)."""


def _add(index: dict[str, str], name: str | None, iso3: str) -> None:
    if not name:
        return
    key = fold(name)
    if index.get(key, iso3) != iso3:
        raise AmbiguousNameError(f"name {name!r} maps to both {index[key]} and {iso3}")
    index[key] = iso3


@lru_cache(maxsize=4)
def name_index(datasets_dir: Path) -> Mapping[str, str]:
    """Folded name to ISO3, from pycountry, CLDR English and the alias table."""
    territories = Locale.parse("en").territories
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            _add(index, getattr(country, attr, None), country.alpha_3)
        _add(index, territories.get(country.alpha_2), country.alpha_3)
    aliases = read_csv_text(read_bundled(datasets_dir / ALIASES_FILE).body,
                            ("name", "iso3", "source_url"))
    for row in aliases.to_dict("records"):
        _add(index, row["name"], row["iso3"])
    return index


def iso3_for_name(name: str | None, index: Mapping[str, str]) -> str | None:
    """The ISO3 code of an exactly matching name, or None (never a guess)."""
    if name is None:
        return None
    return index.get(fold(name))
