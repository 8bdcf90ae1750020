"""The Data table's cells in the page's words: a verification code, a channel, a retrieval
time, a scale, a rank as printed and a tier's name written as the other pages write them
(words, dates and digits of the page's language), while the downloads keep the stored values; and the filter row's conditions on
those columns read as the stored values they mean, so a file still holds the table's rows.
Used by :mod:`dashboard.pages.data`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard import data
from dashboard.i18n import (
    DIGIT_SYSTEMS,
    LANGUAGES,
    format_moment,
    localize_numbers,
    t,
    use_digits,
)
from dashboard.layout import channel_text, verification_text
from etl import export, viewquery


def scale_text(scale: object, lang: str) -> str:
    """A scale with its numbers in the reader's digits ("0-20" as ٠-٢٠), words as stored
    ("per 100 people": a number inside English words stays as written, as elsewhere)."""
    return localize_numbers(str(scale), lang)


def rank_text_cell(rank: object, lang: str) -> str:
    """A rank as the source printed it ("14-17", a range) in the reader's digits (١٤-١٧ where
    the reader chose Arabic-Indic ones), as the rank column beside it writes its number."""
    return localize_numbers(str(rank), lang)


def tier_label_text(label: object, lang: str) -> str:
    """A GCI tier's name in ``lang`` as the other pages say it ("Role-modelling": "Exemplaire"
    in French); a name the dashboard does not know as stored."""
    known = set(data.TIER_LABELS.values())
    return t(label, lang) if label in known else str(label)


# The columns the table writes as the rest of the dashboard writes them (the Country page's
# words for a verification code, a channel or a tier's name, format_moment's dates, the
# reader's digits), each with the function giving a stored value's cell. The downloads (and
# the API) keep the stored values: codes, channels and tier names as the sources name them,
# ranks as printed, ISO 8601 times.
SHOWN_AS: dict[str, Callable[[object, str], str]] = {
    "scale": scale_text,
    "rank_text": rank_text_cell,
    "tier_label": tier_label_text,
    "channel": channel_text,
    "verification": verification_text,
    "retrieved_at": format_moment,
}


def cell_text(column: str, value: object, lang: str) -> object:
    """The table's cell for a stored ``value`` of ``column``: :data:`SHOWN_AS`'s text for
    its columns, anything else (and a missing value: a blank cell) as stored."""
    shown = SHOWN_AS.get(column)
    return value if shown is None or value is None else shown(value, lang)


def shown_records(records: list[dict], lang: str) -> list[dict]:
    """``records`` (export rows) as the table shows them: the same rows in the same order,
    with the cells of :data:`SHOWN_AS` in ``lang`` (:func:`cell_text`)."""
    return [{column: cell_text(column, value, lang) for column, value in row.items()}
            for row in records]


# The filter row on a worded column: the reader types what they read ("source unique", "nov.
# 2026"), the store holds codes and ISO times. The server reads such a condition as the stored
# values it means and rewrites it over them (worded_where), for the table and its downloads
# alike: the API applies the rewritten conditions to the stored values, so a file still holds
# the table's rows. A stored value is meant
#  - by =, contains and datestartswith when it, or one of its spellings, meets the condition:
#    its cell in any of the dashboard's languages and digits (a link or the language switch
#    carries the typed filter into another language; a code typed as such still works);
#  - by != when no spelling equals the typed text (missing values kept, as != keeps them).
# <, <=, >, >= and "is blank" stay on the stored value, as the sort does: an ISO time orders as
# time, the words of a date would not (so both sort and compare by the stored value).
REWORDED_OPS = ("eq", "ne", "contains", "datestartswith")


def stored_values(engine: Engine) -> dict[str, tuple[object, ...]]:
    """The distinct values each column of :data:`SHOWN_AS` holds in the store, as the export
    writes them (None when some are missing), in a stable order."""
    frame = export.export_frame(engine, export.ExportFilter())
    return {column: tuple(sorted(frame[column].dropna().unique().tolist()))
            + ((None,) if frame[column].isna().any() else ()) for column in SHOWN_AS}


def spellings(column: str, value: object) -> set[str]:
    """Every text the table may show for a stored ``value`` of ``column``: the value itself
    and its cell in each language and digit system."""
    words = {str(value)}
    for digits in DIGIT_SYSTEMS:
        with use_digits(digits):
            words.update(str(cell_text(column, value, lang)) for lang in LANGUAGES)
    return words


def meant_values(condition: viewquery.Condition, values: Sequence[object]) -> list[object]:
    """The stored ``values`` (missing left out) with a spelling meeting ``condition``, tested
    by the export's own filter (:func:`etl.viewquery.apply_where`)."""
    pairs = [(value, text) for value in values if value is not None
             for text in sorted(spellings(condition.column, value))]
    if not pairs:
        return []
    frame = pd.DataFrame(pairs, columns=["stored", condition.column])
    hit = set(viewquery.apply_where(frame, [condition], export.NUMERIC_COLUMNS)["stored"])
    return [value for value in values if value in hit]


def worded_conditions(condition: viewquery.Condition,
                      values: Sequence[object]) -> tuple[viewquery.Condition, ...]:
    """``condition`` as conditions on the stored values of its column (``values``: all of
    them, None for missing ones), keeping the values it means (the comment on
    :data:`REWORDED_OPS`); a condition on another column, or one compared with the stored
    value, as it is."""
    column = condition.column
    if column not in SHOWN_AS or condition.op not in REWORDED_OPS:
        return (condition,)
    present = [v for v in values if v is not None]
    if condition.op == "ne":
        equal = set(meant_values(dataclasses.replace(condition, op="eq"), present))
        kept = [v for v in present if v not in equal]
    else:
        kept = meant_values(condition, present)
        if not kept:  # no stored value meets it: nor does the condition as typed
            return (condition,)
        if len(kept) == 1:
            return (viewquery.Condition(column, "eq", str(kept[0]), "s"),)
    # Several values: the filter has no "or", so every other value is left out one by one.
    out = [viewquery.Condition(column, "ne", str(v), "s") for v in present if v not in kept]
    if condition.op != "ne" and None in values:
        # != keeps missing values, where = and contains never meet one: "contains nothing"
        # (true of any text) leaves them out.
        out.append(viewquery.Condition(column, "contains", "", "i"))
    return tuple(out)


def worded_where(engine: Engine,
                 conditions: Sequence[viewquery.Condition]) -> tuple[viewquery.Condition, ...]:
    """The filter row's ``conditions`` with those on worded columns rewritten over the stored
    values (:func:`worded_conditions`; the store read only when there are some). Rewritten
    past :data:`etl.viewquery.MAX_CONDITIONS` (the API would refuse the download's filter),
    the conditions stay as typed, meeting the stored values alone."""
    if not any(c.column in SHOWN_AS for c in conditions):
        return tuple(conditions)
    values = data.read(stored_values, engine)
    rewritten = tuple(part for c in conditions
                      for part in worded_conditions(c, values.get(c.column, ())))
    return rewritten if len(rewritten) <= viewquery.MAX_CONDITIONS else tuple(conditions)
