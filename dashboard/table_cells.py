"""The Data table's cells in the page's words: a verification code, a channel, a retrieval
time, a scale, a rank as printed, a tier's name, a document's title, a publisher, a source's
note and a corrections-ledger entry written as the other pages write them (words, dates and
digits of the page's language; a text of the sources translated where the catalog has it, else
as published), while the downloads keep the stored values; and the filter row's conditions on
those columns read as the stored values they mean, so a file still holds the table's rows.
Used by :mod:`dashboard.pages.data`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard import data
from dashboard.i18n import (
    DIGIT_SYSTEMS,
    LANGUAGES,
    N_,
    as_typed,
    data_text,
    expressions_kept_whole,
    format_day,
    format_moment,
    localize_numbers,
    ltr_isolated,
    normalize_lang,
    t,
    use_digits,
)
from dashboard.layout import channel_text, verification_text
from dashboard.rank_texts import not_placed_text
from etl import export, viewquery
from etl.news.explain import document_name

# Opens a translated cell of an Arabic table: the cell's direction follows its first strong
# character (unicode-bidi: plaintext, see dashboard.pages.data.latin_text_cells), and a
# translation may start with a Latin name ("Yabiladi (2024) عن ...").
RLM = "\u200f"

# The publishers of the sources whose values the table holds (etl/sources/*.py INFO.publisher),
# marked for the catalogs: the table says them in the page's language, as it says a
# document's title.
PUBLISHER_NAMES = (
    # Translators: publisher of an index (Data table); the official name in your language.
    N_("International Telecommunication Union (ITU)"),
    # Translators: publisher of the NCSI (Data table); Estonia is the country it is based in.
    N_("e-Governance Academy (Estonia)"),
    # Translators: publisher of the EGDI (Data table); the official name in your language.
    N_("United Nations Department of Economic and Social Affairs (UN DESA)"),
    # Translators: publisher of the World Development Indicators (Data table).
    N_("World Bank"),
)


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


def published_text(text: object, lang: str) -> str:
    """A text of the sources (a document's title, a publisher, a source's note) in ``lang``
    where the catalog translates it, as the other pages show it
    (:func:`dashboard.layout.catalog_text`), else as published; in Arabic a translation opens
    with :data:`RLM`."""
    text, code = str(text), normalize_lang(lang)
    said = data_text(text, lang) if code != "en" else None
    if said is None:
        return text
    return RLM + said if code == "ar" else said


def document_text(title: object, lang: str) -> str:
    """A document's title in ``lang`` as a checked claim's explanation names it
    (:func:`etl.news.explain.document_name`: a whole title the catalog translates, or a
    titled template such as "UN E-Government Survey {year}"), else :func:`published_text`."""
    code = normalize_lang(lang)
    name = document_name(title, code)
    if code == "en" or not name or name == str(title):
        return published_text(title, lang)
    name = expressions_kept_whole(name, lang)  # "2016-2023" as the other pages show it
    return RLM + name if code == "ar" else name


def correction_text(entry: object, lang: str) -> str:
    """A corrections-ledger entry (``flag: reason [reported date; url]``) as the Country page's
    badge says it: the action's word, the reason in ``lang`` where the catalog has it, since
    when the ledger holds it, its link ("Signalé : Les sources diffèrent de 0,01 … (au
    registre des corrections depuis le 29 nov. 2026) · https://…")."""
    found = data.parse_correction(entry)
    if found is None:
        return str(entry)
    code = normalize_lang(lang)
    reason = published_text(found["reason"], lang).removeprefix(RLM)
    if code == "ar" and reason == found["reason"]:
        reason = ltr_isolated(reason)  # English inside Arabic keeps its order
    # Translators: a corrections-ledger entry in a Data table cell: {action} is its word
    # ("Flagged", "Corrected"...), {reason} why (the Country page shows them as a badge).
    said = t("{action}: {reason}", lang, action=t(data.CORRECTION_LABELS[found["action"]], lang),
             reason=reason)
    if found["date"]:
        said += " " + t("(in the corrections ledger since {date})", lang,
                        date=format_day(found["date"], lang))
    if found["url"]:
        said += " · " + (ltr_isolated(found["url"]) if code == "ar" else found["url"])
    return RLM + said if code == "ar" else said


def held_out_text(value: object, lang: str) -> str | None:
    """A value held out of derived figures (``held_out`` true): "⚑ Not placed: flagged score",
    the Compare page's words for it (:func:`dashboard.rank_texts.not_placed_text`); blank
    otherwise (the files hold true or false)."""
    return not_placed_text(lang) if data.is_held_out({"held_out": value}) else None


# The columns the table writes as the rest of the dashboard writes them (the Country page's
# words for a verification code, a channel, a tier's name or a correction, format_moment's
# dates, the reader's digits, the catalog's titles, publishers and notes), each with the
# function giving a stored value's cell. The downloads (and the API) keep the stored values:
# codes, channels and tier names as the sources name them, ranks as printed, ISO 8601 times,
# titles, publishers, notes and ledger entries as published (English).
SHOWN_AS: dict[str, Callable[[object, str], str | None]] = {
    "scale": scale_text,
    "rank_text": rank_text_cell,
    "tier_label": tier_label_text,
    "source": document_text,
    "publisher": published_text,
    "channel": channel_text,
    "verification": verification_text,
    "source_note": published_text,
    "retrieved_at": format_moment,
    "correction": correction_text,
    "held_out": held_out_text,
}
# Of those, the texts of the sources, translated where the catalog has them: an Arabic cell
# may be Arabic or English (see RLM).
SOURCE_TEXT_COLUMNS = ("source", "publisher", "source_note", "correction")


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
# 2026", "Banque mondiale", a word of a translated note), the store holds codes, ISO times and
# the published (English) texts. The server reads such a condition as the stored values it
# means and rewrites it over them (worded_where), for the table and its downloads alike: the
# API applies the rewritten conditions to the stored values, so a file still holds the table's
# rows. A stored value is meant
#  - by =, contains and datestartswith when it, or one of its spellings, meets the condition:
#    its cell in any of the dashboard's languages and digits (a link or the language switch
#    carries the typed filter into another language; a code typed as such still works);
#  - by != when no spelling equals the typed text (missing values kept, as != keeps them).
# <, <=, >, >= and "is blank" stay on the stored value, as the sort does: an ISO time orders as
# time, the words of a date would not (so both sort and compare by the stored value).
REWORDED_OPS = ("eq", "ne", "contains", "datestartswith")
# Marks a cell may carry that nobody types (RLM, isolates around English inside Arabic).
_MARKS = re.compile("[\u200e\u200f\u2066-\u2069]")


def stored_values(engine: Engine) -> dict[str, tuple[object, ...]]:
    """The distinct values each column of :data:`SHOWN_AS` holds in the store, as the export
    writes them (None when some are missing), in a stable order."""
    frame = export.export_frame(engine, export.ExportFilter())
    return {column: tuple(sorted(frame[column].dropna().unique().tolist()))
            + ((None,) if frame[column].isna().any() else ()) for column in SHOWN_AS}


def spellings(column: str, value: object) -> set[str]:
    """Every text the table may show for a stored ``value`` of ``column``: the value itself
    and its cell in each language and digit system (with and without its direction marks)."""
    words = {str(value)}
    for digits in DIGIT_SYSTEMS:
        with use_digits(digits):
            words.update(str(cell_text(column, value, lang)) for lang in LANGUAGES)
    # As typed too: without the marks, and a range's no-break hyphen a hyphen (as_typed).
    return words | {_MARKS.sub("", word) for word in words} | {as_typed(word) for word in words}


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


def _met(conditions: Sequence[viewquery.Condition], column: str,
         values: Sequence[object]) -> set[object]:
    """The stored ``values`` of ``column`` (missing ones as None) that ``conditions`` meet."""
    frame = pd.DataFrame({column: list(values)}, dtype=object)
    kept = viewquery.apply_where(frame, conditions, export.NUMERIC_COLUMNS)[column]
    return {None if pd.isna(v) else v for v in kept}


def _leaving_out(column: str, values: Sequence[object]) -> list[viewquery.Condition]:
    return [viewquery.Condition(column, "ne", str(v), "s") for v in values]


def _narrowest(column: str, kept: Sequence[object], values: Sequence[object],
               typed: viewquery.Condition) -> tuple[viewquery.Condition, ...]:
    """The fewest conditions (the filter has no "or") meeting exactly the stored values
    ``kept`` (two or more) of ``values`` (None for missing ones, which are never kept): the
    typed condition itself when it meets just those; else a text they all hold ("pillars"
    for the notes "pilier" means) or nothing, with every other value it meets left out one by
    one."""
    wanted = set(kept)
    present = [v for v in values if v is not None]
    if _met([typed], column, present) == wanted:
        return (typed,)  # = and contains never meet a missing value
    # Nothing: != keeps missing values, so "contains nothing" (true of any text) leaves them out.
    bases: list[tuple[viewquery.Condition, ...]] = [
        (viewquery.Condition(column, "contains", "", "i"),) if None in values else ()]
    # A word of the first value, or its start ("pillar" of "pillars"), that all of them hold.
    texts = [str(v).casefold() for v in kept]
    words = {word[:end] for word in re.findall(r"\w{3,}", texts[0])
             for end in range(3, len(word) + 1)}
    bases += [(viewquery.Condition(column, "contains", word, "i"),)
              for word in sorted(words) if all(word in text for text in texts)]
    best: tuple[viewquery.Condition, ...] = ()
    best_size: tuple[int, int, int] | None = None
    for base in bases:
        met = _met(base, column, present)
        others = _leaving_out(column, [v for v in present if v in met and v not in wanted])
        # Fewest conditions, then the shortest link; of equals, the longest word ("pillar",
        # not "pil": the link reads better).
        size = (len(base) + len(others), len(viewquery.where_text(others)),
                -len(base[0].value) if base else 0)
        if best_size is None or size < best_size:
            best, best_size = (*base, *others), size
    return best


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
        return tuple(_leaving_out(column, [v for v in present if v in equal]))
    kept = meant_values(condition, present)
    if not kept:  # no stored value meets it: nor does the condition as typed
        return (condition,)
    if len(kept) == 1:
        return (viewquery.Condition(column, "eq", str(kept[0]), "s"),)
    return _narrowest(column, kept, values, condition)


def worded_where_said(
        engine: Engine, conditions: Sequence[viewquery.Condition],
) -> tuple[tuple[viewquery.Condition, ...], tuple[str, ...]]:
    """The filter row's ``conditions`` with those on worded columns rewritten over the stored
    values (:func:`worded_conditions`; the store read only when there are some), and the
    columns whose condition meets the published text alone, unlike the page's words.

    The API refuses a filter of more than :data:`etl.viewquery.MAX_CONDITIONS` conditions or
    :data:`etl.viewquery.MAX_TEXT` characters: past either, the longest rewrites give way to
    their conditions as typed, which meet the stored values alone (the download still holds
    the table's rows); a column where that differs from what the page's words meet is named.
    """
    if not any(c.column in SHOWN_AS for c in conditions):
        return tuple(conditions), ()
    values = data.read(stored_values, engine)
    rewrites = [worded_conditions(c, values.get(c.column, ())) for c in conditions]

    def fits(parts: list[tuple[viewquery.Condition, ...]]) -> bool:
        flat = [c for part in parts for c in part]
        return (len(flat) <= viewquery.MAX_CONDITIONS
                and len(viewquery.where_text(flat)) <= viewquery.MAX_TEXT)

    chosen = list(rewrites)
    by_size = sorted(range(len(conditions)), key=lambda i: -len(viewquery.where_text(rewrites[i])))
    typed_back: list[int] = []
    for index in by_size:
        if fits(chosen):
            break
        chosen[index] = (conditions[index],)
        typed_back.append(index)
    published_only = []
    for index in sorted(typed_back):
        condition = conditions[index]
        column_values = values.get(condition.column, ())
        if condition.column in SHOWN_AS and _met([condition], condition.column, column_values) \
                != _met(rewrites[index], condition.column, column_values):
            published_only.append(condition.column)
    return tuple(c for part in chosen for c in part), tuple(dict.fromkeys(published_only))


def worded_where(engine: Engine,
                 conditions: Sequence[viewquery.Condition]) -> tuple[viewquery.Condition, ...]:
    """The filter row's ``conditions`` rewritten over the stored values
    (:func:`worded_where_said`, without the columns it names)."""
    return worded_where_said(engine, conditions)[0]
