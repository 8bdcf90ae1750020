"""The Data table's filter row as its reader types it: a number written the way the page writes
its numbers ("19,5" or "1 000,5" on a French page, whose table shows "19,38") reads as that
number, and the filter goes on in the language-neutral notation of :mod:`etl.viewquery`
(``19.5``), the one its URL, its downloads and the API read; so do Arabic-Indic digits, on any
page ("٩٥٫٥" is ``95.5``). A link's neutral numbers are shown back in the page's notation. A
condition is said with its column's header and its operator, not the filter's syntax
("Valeur >= 19,5", not "{value} i>= 19,5"). Used by :mod:`dashboard.pages.data`.

The conversion depends on the page's language only (Arabic-Indic digits, unambiguous, are read
on every page): "1,000" typed on an English page stays "1,000" (not a number there, refused as
before), and the where grammar, shared by the API and the links, is unchanged.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from dashboard.i18n import normalize_lang
from etl import export, viewquery

# Numbers as a page writes them, by language: a decimal comma and groups of three digits
# separated by a space (the table's locale writes U+202F, a keyboard types a space or
# U+00A0). Other pages read numbers as the where grammar does (82.5, and the Arabic ٨٢٫٥:
# etl.viewquery._number).
_GROUP = "[ \u00a0\u202f]"
PAGE_NUMBERS = {
    "fr": re.compile(rf"(?P<sign>[+-]?)(?P<whole>\d{{1,3}}(?:{_GROUP}\d{{3}})+|\d+)"
                     rf"(?:,(?P<decimals>\d+))?"),
}
# A neutral number with decimals, as a link writes it: shown back with the page's mark.
_NEUTRAL_DECIMAL = re.compile(r"[+-]?\d+\.\d+")
# Numbers in the digits of the Arabic script, as an Arabic (or Persian, Urdu) keyboard types
# them, on any page: Arabic-Indic (U+0660-0669) and Eastern Arabic-Indic (U+06F0-06F9) digits,
# the Arabic decimal separator (U+066B, or a point) and thousands separator (U+066C, only
# between groups of three). Unambiguous, unlike "1,000": read whatever the page's language.
_ARABIC_SCRIPT = str.maketrans({**{chr(0x0660 + i): str(i) for i in range(10)},
                                **{chr(0x06F0 + i): str(i) for i in range(10)},
                                "\u066b": "."})
_ARABIC_GROUP = "\u066c"
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:\u066c[0-9]{3})+(?:\.[0-9]+)?")
_NEUTRAL = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def _western_digits(value: str) -> str:
    """``value`` with the Arabic script's digits and separators as Western ones ("٩٥٫٥" is
    "95.5", "١٬٠٠٠" "1000"); as it is when it holds none, or a thousands separator out of
    place ("١٬٠")."""
    text = value.strip().translate(_ARABIC_SCRIPT)
    if text == value.strip():
        return value
    if _ARABIC_GROUP in text:
        if not _GROUPED.fullmatch(text):
            return value
        text = text.replace(_ARABIC_GROUP, "")
    return text


def _conditions(text: str | None) -> tuple[viewquery.Condition, ...] | None:
    """The conditions of ``text`` over the table's columns, values unchecked; None when it
    does not read (the page says why when it applies the filter)."""
    try:
        return viewquery.parse_where(text, export.EXPORT_COLUMNS, numeric_columns=())
    except viewquery.ViewQueryError:
        return None


def _compares_numbers(condition: viewquery.Condition) -> bool:
    return condition.column in export.NUMERIC_COLUMNS and condition.op in viewquery.NUMBER_OPS


def neutral_number(value: str, lang: str) -> str:
    """``value`` typed on a page in ``lang``, in the where grammar's notation: "19,5" and
    "1 000,5" on a French page are "19.5" and "1000.5"; on any page, Arabic-Indic digits are
    Western ones ("٩٥٫٥" is "95.5", "١٬٠٠٠" "1000"); anything else as it is."""
    western = _western_digits(value)
    pattern = PAGE_NUMBERS.get(normalize_lang(lang))
    found = pattern.fullmatch(western.strip()) if pattern else None
    if not found or not (found["decimals"] or found["whole"] != re.sub(_GROUP, "", found["whole"])):
        # Not the page's notation, or the same in both ("19", "-3"): Western digits when
        # they make a number.
        return western if western != value and _NEUTRAL.fullmatch(western) else value
    whole = re.sub(_GROUP, "", found["whole"])
    return found["sign"] + whole + ("." + found["decimals"] if found["decimals"] else "")


def neutral_conditions(conditions: Sequence[viewquery.Condition],
                       lang: str) -> tuple[viewquery.Condition, ...]:
    """``conditions`` with each number compared with a numeric column in the neutral notation
    (:func:`neutral_number`); other conditions as they are."""
    return tuple(dataclasses.replace(c, value=neutral_number(c.value, lang))
                 if _compares_numbers(c) else c for c in conditions)


def neutral_where(text: str | None, lang: str) -> str | None:
    """The filter row's ``text`` with the numbers the reader typed in the page's notation in
    the neutral one (``{value} i>= 19,5`` on a French page is ``{value} >= 19.5``); as it is
    when there are none, or when it does not read."""
    conditions = _conditions(text)
    if not conditions:
        return text
    neutral = neutral_conditions(conditions, lang)
    return text if neutral == conditions else viewquery.where_text(neutral)


def page_where(text: str | None, lang: str) -> str | None:
    """A link's neutral filter as the page's filter row shows it: a number with decimals
    compared with a numeric column written with the page's decimal mark (``{value} >= 19.5``
    is ``{value} >= 19,5`` on a French page), so the cell reads as the table's numbers do."""
    if normalize_lang(lang) not in PAGE_NUMBERS:
        return text
    conditions = _conditions(text)
    if not conditions:
        return text
    shown = tuple(dataclasses.replace(c, value=c.value.replace(".", ","))
                  if _compares_numbers(c) and _NEUTRAL_DECIMAL.fullmatch(c.value) else c
                  for c in conditions)
    return text if shown == conditions else viewquery.where_text(shown)


def refused_condition(text: str | None, lang: str) -> viewquery.Condition | None:
    """The condition of the filter row's ``text`` (as typed) whose value its column cannot be
    compared with once read in the neutral notation (the first, as
    :func:`etl.viewquery.check_values` refuses), or None."""
    for condition in _conditions(text) or ():
        try:
            viewquery.check_values(neutral_conditions([condition], lang),
                                   export.NUMERIC_COLUMNS)
        except viewquery.ViewQueryError:
            return condition
    return None


def condition_said(condition: viewquery.Condition, header: Callable[[str], str]) -> str:
    """``condition`` as the reader typed it in its column's filter cell, under the column's
    ``header``: "Valeur >= 19,5", "Pays contains maroc", "Rang is blank"."""
    if condition.op == "is blank":
        return f"{header(condition.column)} is blank"
    operator = viewquery.SYMBOLS.get(condition.op, condition.op)
    return f"{header(condition.column)} {operator} {condition.value}"
