"""A table view's row filter and sort, as text: what the Data page's table holds is what its
downloads, the API and the CLI give (:class:`etl.export.ExportFilter` carries both).

The filter is the query the table's filter row writes (Dash DataTable's syntax, the part of it
a filter cell produces): conditions joined by ``&&`` (or ``and``), each ``{column} operator
value``::

    {value} >= 50 && {country} icontains maroc && {retrieved_at} datestartswith 2025

Operators: ``=``, ``!=``, ``<``, ``<=``, ``>``, ``>=`` (or ``eq``, ``ne``, ``lt``, ``le``,
``gt``, ``ge``), ``contains``, ``datestartswith`` and ``is blank``. A leading ``s`` makes a
text comparison case-sensitive, ``i`` (or nothing: the table's setting) case-insensitive,
which also leaves accents and Arabic short vowels aside (:func:`folded`).
Against a numeric column ``=``, ``!=``, ``<``, ``<=``, ``>`` and ``>=`` compare numbers: a value
that is not one (``{value} > abc``, ``{edition} = twenty``) is refused, naming the column and
the value, rather than meeting no row, and so is a number with decimals against a column of
whole numbers (``{edition} = 2020.7``: years, ranks and tiers); ``contains`` and
``datestartswith`` compare the number's text. Other columns compare as text. Values with spaces are quoted with ``"``, ``'`` or a
backtick; an apostrophe inside a word needs none (``d'Ivoire``), and text compares ``'`` and
the typographic ``’`` (names are stored with it) as one. Anything else (``||``, brackets, ``!``) is refused with the reason: a filter that
cannot be applied must not be dropped silently.

The sort is ``column:asc`` or ``column:desc``, several comma separated, the first deciding
first; text columns in the collation order of :mod:`etl.collation`, missing values last.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection, Sequence, Set
from dataclasses import dataclass

import pandas as pd

from etl import collation

MAX_CONDITIONS = 20
MAX_TEXT = 2000


# Why a filter or sort cannot be applied: templates the dashboard's catalogs translate
# (dashboard.i18n.ETL_CONSTANT_MESSAGES); ``{at}`` quotes the text where reading stopped.
TOO_LONG = "the filter is longer than {limit} characters"
NOT_JOINED = "conditions must be joined by && (only 'and' is supported), at: {at}"
NOT_A_CONDITION = "cannot read a condition {{column}} operator value at: {at}"
UNKNOWN_COLUMN = "unknown column in the filter: {column} (known: {known})"
NO_VALUE = "no value to compare {column} with"
TOO_MANY = "more than {limit} conditions"
UNKNOWN_SORT_COLUMN = "unknown column to sort by: {column} (known: {known})"
BAD_DIRECTION = "sort direction must be asc or desc, not: {direction}"
# Why a value cannot be compared with its column (also in dashboard.i18n.ETL_CONSTANT_MESSAGES,
# each with its own translator comment).
NOT_A_NUMBER = ("{column} holds numbers: cannot compare it with '{value}' (write a number such "
                "as 82.5)")
NOT_WHOLE = ("{column} holds whole numbers: cannot compare it with '{value}' (write one "
             "without decimals, such as 2020)")
# The operators that compare a numeric column's numbers (contains and datestartswith read
# their text).
NUMBER_OPS = ("eq", "ne", "lt", "le", "gt", "ge")
# The export's numeric columns (etl.export.NUMERIC_COLUMNS) that hold whole numbers only:
# years, ranks and tiers. Compared with 2020.7 they meet no row (or every row), which an empty
# table would not explain: refused, as a word is.
WHOLE_NUMBER_COLUMNS = ("edition", "rank", "tier")


class ViewQueryError(ValueError):
    """A filter or sort that cannot be applied; ``parameter`` is ``where`` or ``sort``; the
    message is ``template`` filled with ``fields`` (for a page to say it in its language)."""

    def __init__(self, parameter: str, template: str, **fields: object):
        self.parameter = parameter
        self.template = template
        self.fields = fields
        super().__init__(template.format(**fields))


@dataclass(frozen=True)
class Condition:
    """``{column} op value``: op a value of :data:`OPERATORS` or ``is blank``; ``case`` ``i`` or
    ``s`` (sensitive)."""

    column: str
    op: str
    value: str = ""
    case: str = "i"

    def text(self) -> str:
        """The condition as the table writes it (canonical: the long operator names)."""
        prefix = "s" if self.case == "s" and self.op not in ("datestartswith", "is blank") else ""
        if self.op == "is blank":
            return f"{{{self.column}}} is blank"
        return f"{{{self.column}}} {prefix}{SYMBOLS.get(self.op, self.op)} {_quoted(self.value)}"


# Operator spellings -> canonical name.
OPERATORS = {"=": "eq", "eq": "eq", "!=": "ne", "ne": "ne", "<": "lt", "lt": "lt",
             "<=": "le", "le": "le", ">": "gt", "gt": "gt", ">=": "ge", "ge": "ge",
             "contains": "contains", "datestartswith": "datestartswith"}
SYMBOLS = {"eq": "=", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
_CONDITION = re.compile(
    r"""\s*\{(?P<column>[^{}]+)\}\s*
        (?:(?P<blank>is\s+blank)
         |(?P<case>[is])?(?P<op><=|>=|!=|=|<|>|(?:eq|ne|lt|le|gt|ge|contains)(?=\s|$))
         |(?P<date>datestartswith)(?=\s|$))
        \s*(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`|[^\s"'`][^\s"`]*)?\s*""",
    re.IGNORECASE | re.VERBOSE)
_JOIN = re.compile(r"(?:&&|and(?=\s))\s*", re.IGNORECASE)


def _quoted(value: str) -> str:
    if value and not re.search(r"[\s\"'`&|{}()]", value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unquoted(token: str | None) -> str:
    if not token:
        return ""
    if token[0] in "\"'`" and len(token) >= 2 and token[-1] == token[0]:
        return re.sub(r"\\(.)", r"\1", token[1:-1])
    return token


def _listed(columns: Collection[str]) -> str:
    """The known columns for a message: in their order (the table's), or sorted when given
    as a set (a message must not change from one run to the next)."""
    return ", ".join(sorted(columns) if isinstance(columns, Set) else columns)


def parse_where(text: str | None, columns: Sequence[str],
                numeric_columns: Sequence[str] | None = None) -> tuple[Condition, ...]:
    """The conditions of a filter query over ``columns``; :class:`ViewQueryError` says what
    cannot be read (an unknown column, an operator outside the list, a missing value) or
    compared (a value that is not a number against one of ``numeric_columns``: by default the
    export's, :data:`etl.export.NUMERIC_COLUMNS`, the table every caller reads), before any
    row is read."""
    text = (text or "").strip()
    if not text:
        return ()
    if len(text) > MAX_TEXT:
        raise ViewQueryError("where", TOO_LONG, limit=MAX_TEXT)
    conditions: list[Condition] = []
    position = 0
    while position < len(text):
        if conditions:
            joined = _JOIN.match(text, position)
            if not joined:
                raise ViewQueryError("where", NOT_JOINED, at=text[position:position + 40])
            position = joined.end()
        found = _CONDITION.match(text, position)
        if not found:
            raise ViewQueryError("where", NOT_A_CONDITION, at=text[position:position + 40])
        column = found["column"].strip()
        if column not in columns:
            raise ViewQueryError("where", UNKNOWN_COLUMN, column=column,
                                 known=_listed(columns))
        if found["blank"]:
            condition = Condition(column, "is blank")
        else:
            if found["value"] is None:
                raise ViewQueryError("where", NO_VALUE, column=column)
            op = "datestartswith" if found["date"] else OPERATORS[found["op"].lower()]
            case = (found["case"] or "i").lower()
            condition = Condition(column, op, _unquoted(found["value"]), case)
        conditions.append(condition)
        if len(conditions) > MAX_CONDITIONS:
            raise ViewQueryError("where", TOO_MANY, limit=MAX_CONDITIONS)
        # "is blank" takes no value: what the pattern read as one is the next join.
        position = found.end("blank") if found["blank"] else found.end()
        while position < len(text) and text[position].isspace():
            position += 1
    if numeric_columns is None:
        from etl.export import NUMERIC_COLUMNS  # here: etl.export imports this module

        numeric_columns = NUMERIC_COLUMNS
    check_values(conditions, numeric_columns)
    return tuple(conditions)


def where_text(conditions: Sequence[Condition]) -> str:
    """The filter query of conditions (``""`` for none), as :func:`parse_where` reads it."""
    return " && ".join(c.text() for c in conditions)


def parse_sort(text: str | None, columns: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """``column:asc,column:desc`` as ``(column, direction)`` pairs over ``columns``."""
    pairs: list[tuple[str, str]] = []
    for part in (text or "").split(","):
        part = part.strip()
        if not part:
            continue
        column, _, direction = part.partition(":")
        column, direction = column.strip(), (direction.strip() or "asc").lower()
        if column not in columns:
            raise ViewQueryError("sort", UNKNOWN_SORT_COLUMN, column=column,
                                 known=_listed(columns))
        if direction not in ("asc", "desc"):
            raise ViewQueryError("sort", BAD_DIRECTION, direction=direction)
        if column not in (c for c, _ in pairs):
            pairs.append((column, direction))
    return tuple(pairs)


def sort_text(pairs: Sequence[tuple[str, str]]) -> str:
    return ",".join(f"{column}:{direction}" for column, direction in pairs)


# ---------------------------------------------------------------- applying them to a frame


def whole_number(text: str) -> bool:
    """ASCII digits, as a year or a page is written in a link or an option (``٢٠٢٤``,
    ``20_24`` or ``+2024``, which Python's int() reads, are not): the rule for editions and
    page numbers of the Data page, the API and the CLI alike."""
    return text.isascii() and text.isdigit()


def _number(text: str) -> float | None:
    """``text`` as a finite number (``82.5``, ``-3``, ``1e3``; digits of any script, and the
    Arabic decimal separator: ``٨٢٫٥``), else None: "nan" or "inf" compare with nothing as a
    reader means."""
    try:
        number = float(text.replace("\u066b", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def check_values(conditions: Sequence[Condition], numeric_columns: Sequence[str]) -> None:
    """Raise :class:`ViewQueryError` (``where``) for the first condition comparing a numeric
    column with a value that is not a number, or one of :data:`WHOLE_NUMBER_COLUMNS` with a
    number that is not whole (``{edition} = 2020.7``): it would meet no row, and an empty
    table would not say why."""
    for condition in conditions:
        if condition.column not in numeric_columns or condition.op not in NUMBER_OPS:
            continue
        number = _number(condition.value)
        if number is None:
            raise ViewQueryError("where", NOT_A_NUMBER, column=condition.column,
                                 value=condition.value[:40])
        if condition.column in WHOLE_NUMBER_COLUMNS and not number.is_integer():
            raise ViewQueryError("where", NOT_WHOLE, column=condition.column,
                                 value=condition.value[:40])


# Apostrophes a keyboard does not type (names are stored with U+2019: "Côte d’Ivoire"), read
# as the one it does, on both sides of a text comparison: "d'Ivoire" finds "d’Ivoire".
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})


def _plain_apostrophes(texts: pd.Series) -> pd.Series:
    return texts.str.translate(_APOSTROPHES)


# What a case-insensitive comparison also leaves aside, on both sides: the marks a reader may or
# may not type. Decomposed (NFKD), a letter's accents and the Arabic short vowels, shadda,
# sukun and the hamza over or under an alef are combining marks: "Cote" finds "Côte d'Ivoire",
# "عمان" finds "عُمان" and "الامارات" finds "الإمارات" (they found nothing), as a search box
# does. The tatweel (U+0640), a stretch of the line, goes too. A case-sensitive comparison
# (``s``) compares the text exactly.
_MARKS = re.compile("[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def folded(texts: pd.Series) -> pd.Series:
    """``texts`` case-folded, decomposed and without their marks (:data:`_MARKS`)."""
    return texts.str.casefold().str.normalize("NFKD").str.replace(_MARKS, "", regex=True)


def folded_text(text: str) -> str:
    """One text as :func:`folded` folds a column."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def _mask(frame: pd.DataFrame, condition: Condition, numeric: set[str]) -> pd.Series:
    column = frame[condition.column]
    present = column.notna()
    if condition.op == "is blank":
        return ~present | (column.astype("string").str.strip() == "")
    number = _number(condition.value) if condition.column in numeric else None
    if number is not None and condition.op not in ("contains", "datestartswith"):
        values = pd.to_numeric(column, errors="coerce")
        compared = {"eq": values == number, "ne": values != number, "lt": values < number,
                    "le": values <= number, "gt": values > number, "ge": values >= number}
        return compared[condition.op].fillna(False).astype(bool) & present
    texts = _plain_apostrophes(column.astype("string").fillna(""))
    value = condition.value.translate(_APOSTROPHES)
    if condition.case == "i":
        texts, value = folded(texts), folded_text(value)
    if condition.op == "contains":
        result = texts.str.contains(value, regex=False)
    elif condition.op == "datestartswith":
        result = texts.str.startswith(value)
    else:
        result = {"eq": texts == value, "ne": texts != value, "lt": texts < value,
                  "le": texts <= value, "gt": texts > value, "ge": texts >= value}[condition.op]
    return result.fillna(False).astype(bool) & (present | (condition.op == "ne"))


def apply_where(frame: pd.DataFrame, conditions: Sequence[Condition],
                numeric_columns: Sequence[str]) -> pd.DataFrame:
    """The rows meeting every condition, in their order. :class:`ViewQueryError` for a value
    that cannot be compared with its column (:func:`check_values`), rows or none."""
    check_values(conditions, numeric_columns)
    if not conditions or frame.empty:
        return frame
    keep = pd.Series(True, index=frame.index)
    for condition in conditions:
        keep &= _mask(frame, condition, set(numeric_columns))
    return frame[keep]


def apply_sort(frame: pd.DataFrame, pairs: Sequence[tuple[str, str]],
               numeric_columns: Sequence[str]) -> pd.DataFrame:
    """The rows in the sort's order (text in collation order, missing last, ties kept)."""
    texts = [c for c, _ in pairs if c not in set(numeric_columns)]
    return collation.collated_order(frame, [(c, d == "asc") for c, d in pairs], texts)
