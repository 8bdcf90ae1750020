"""Text in the order a reader of the language expects: the Unicode Collation Algorithm (pyuca,
the default table of UTS #10), not code points.

By code point, "Égypte", "Émirats arabes unis" and "États-Unis" come after "Zimbabwe"; by the
collation they sit among the E's, accents counting only between words otherwise equal. The
default table is the root collation CLDR builds French on; for Arabic it orders the letters of
the alphabet as code points mostly do, and leaves vowel marks to the second level. Every list a
page or a download sorts by a name goes through :func:`sort_key` or :func:`collated_order`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache

import pandas as pd


@cache
def _collator():  # noqa: ANN202 - pyuca.Collator: its table is read once per process (~10 MB)
    from pyuca import Collator

    return Collator()


def sort_key(text: object) -> tuple[int, ...]:
    """The collation key of a text (missing values and non-texts as their ``str``)."""
    return _collator().sort_key(str(text))


def sorted_texts(texts: Iterable[str], key: Callable[[str], object] | None = None) -> list:
    """``texts`` (or items named by ``key``) in collation order; equal keys keep their order."""
    if key is None:
        return sorted(texts, key=sort_key)
    return sorted(texts, key=lambda item: sort_key(key(item)))


def collated_codes(values: pd.Series) -> pd.Series:
    """Each value's rank among the distinct values in collation order (missing: NA), for
    sorting a column: the keys are computed once per distinct value, not once per row."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    order = sorted(range(len(uniques)), key=lambda i: sort_key(uniques[i]))
    rank = [0] * len(uniques)
    for position, unique in enumerate(order):
        rank[unique] = position
    ranked = [rank[c] if c >= 0 else None for c in codes]
    return pd.Series(ranked, index=values.index, dtype="Int64")


def collated_order(frame: pd.DataFrame, by: Sequence[tuple[str, bool]],
                   text_columns: Iterable[str]) -> pd.DataFrame:
    """``frame`` sorted by ``(column, ascending)`` pairs, the text columns in collation order,
    the others by value; missing values last either way; a stable sort (ties keep order)."""
    if frame.empty or not by:
        return frame
    texts = set(text_columns)
    keys = {}
    for column, _ in by:
        series = frame[column]
        keys[column] = collated_codes(series) if column in texts else series
    sortable = pd.DataFrame(keys, index=frame.index)
    order = sortable.sort_values(
        [c for c, _ in by], ascending=[a for _, a in by], na_position="last", kind="stable")
    return frame.loc[order.index]
