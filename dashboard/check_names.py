"""The checks a row or a schema failed, in the page's language (Status page: quarantined rows'
reasons, a failed run's schema reason; :mod:`dashboard.run_reasons` reads the reasons).

Our checks' messages are said by the catalogs; pandera's built-in ones (``less_than_or_equal_to(1)``,
``isin([...])``, ``not_nullable``...) in words (:data:`PANDERA_CHECKS`), their arguments in the
reader's notation; a check of another name stays as written, code marked English. A duplicated
key's values are said as a list (:func:`key_view`). An English page shows every reason as stored.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from dash import html

from dashboard.i18n import (
    N_,
    catalog,
    fill,
    format_number,
    localize_digits,
    normalize_lang,
    plural_catalog,
    t,
    tn,
)
from dashboard.layout import catalog_text
from etl import schemas


@cache
def _check_messages() -> frozenset[str]:
    return frozenset(schemas.check_messages())


# Translators: between the values of a list (the values a check allows, a key's values): a
# comma.
MSG_LIST_SEPARATOR = N_(", ")
# Translators: a check a value failed: it was missing (empty) where the column needs one.
MSG_MISSING = N_("missing value")
# Translators: a quarantined row's reason: other rows have the same key (the values that name
# one figure: a country, a year...); {check} is the rule's message, {values} the key's values
# as read, joined as a list.
MSG_SHARED_KEY = N_("{check} (duplicated key: {values})")


class CheckWords(NamedTuple):
    """A pandera check said: its message (the msgid; a counted one's singular), its text in
    the language and in English (a counted one's form for its number) and its fields (the
    check's arguments as shown)."""

    message: str
    text: str
    english: str
    fields: dict[str, object]

    @classmethod
    def of(cls, msgid: str, lang: str, **fields: object) -> CheckWords:
        """A message said as it is (not counted)."""
        return cls(msgid, t(msgid, lang), msgid, fields)


ReadCheck = Callable[[str | None, str], CheckWords | None]
"""What reads a pandera check's arguments (the text between its parentheses, None when it has
none) in a language; None when they are not as pandera writes them."""

_NUMBER_ARGUMENT = re.compile(r"-?\d+(?:\.\d+)?")
_QUOTED_ARGUMENT = re.compile(r"'(?P<text>.*)'", re.S)
_LENGTH_ARGUMENTS = re.compile(r"(?P<minimum>None|\d+), (?P<maximum>None|\d+)|(?P<exact>\d+)")


def _number(text: str, lang: str) -> object:
    """A check's number as written ("0", "20.0", "2100") in the reader's notation, all its
    decimals kept; a year-like whole number (1000 to 9999) without grouping ("2100", not
    "2,100"); anything else kept as written, as code."""
    if not _NUMBER_ARGUMENT.fullmatch(text):
        return html.Code(text, dir="ltr")
    value = float(text)
    if value.is_integer() and 1000 <= abs(value) < 10_000:
        return localize_digits(str(int(value)), lang)
    return format_number(value, lang, len(text.partition(".")[2]))


def _listed(items: list, lang: str) -> html.Span:
    out: list = []
    for item in items:
        out += [t(MSG_LIST_SEPARATOR, lang), item] if out else [item]
    return html.Span(out)


def _value_shown(value: object, lang: str) -> object:
    """A value a check allows: a number in the reader's notation, a text (a code, a label) as
    written, as code."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number(repr(value), lang)
    return html.Code(value if isinstance(value, str) else repr(value), dir="ltr")


def _compared(msgid: str) -> ReadCheck:
    """A comparison with one number (``greater_than(0)``)."""

    def read(arguments: str | None, lang: str) -> CheckWords | None:
        return CheckWords.of(msgid, lang, value=_number(arguments, lang)) if arguments else None

    return read


def _in_range(arguments: str | None, lang: str) -> CheckWords | None:
    low, comma, high = (arguments or "").partition(", ")
    if not comma:
        return None
    return CheckWords.of(PANDERA_MESSAGES["in_range"], lang, minimum=_number(low, lang),
                         maximum=_number(high, lang))


def _values(msgid: str) -> ReadCheck:
    """A check against a list of values (``isin(['a', 'b'])``)."""

    def read(arguments: str | None, lang: str) -> CheckWords | None:
        try:
            values = ast.literal_eval(arguments or "")
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
        if not isinstance(values, list | tuple | set | frozenset) or not values:
            return None
        return CheckWords.of(msgid, lang,
                             values=_listed([_value_shown(v, lang) for v in values], lang))

    return read


def _one_text(field: str, msgid: str) -> ReadCheck:
    """A check with one text, in quotes as pandera writes it (``str_startswith('http')``):
    the text kept as written (a pattern, a prefix, a type's name), as code."""

    def read(arguments: str | None, lang: str) -> CheckWords | None:
        found = _QUOTED_ARGUMENT.fullmatch(arguments or "")
        if found is None:
            return None
        return CheckWords.of(msgid, lang, **{field: html.Code(found["text"], dir="ltr")})

    return read


def _bare(msgid: str) -> ReadCheck:
    """A check without arguments (``not_nullable``)."""

    def read(arguments: str | None, lang: str) -> CheckWords | None:
        return CheckWords.of(msgid, lang) if arguments is None else None

    return read


def _length_text(kind: str, n: int, lang: str) -> str:
    """str_length's message of ``kind`` (at most, at least, between, exactly) in ``lang``, in
    the form for ``n`` characters (the last number of the message)."""
    if kind == "maximum":
        # Translators: a check a text failed: its length must be {count} characters or fewer.
        return tn("at most {count} character", "at most {count} characters", n, lang)
    if kind == "minimum":
        # Translators: a check a text failed: its length must be {count} characters or more.
        return tn("at least {count} character", "at least {count} characters", n, lang)
    if kind == "range":
        # Translators: a check a text failed: its length must lie from {minimum} to {maximum}
        # characters.
        return tn("between {minimum} and {maximum} character",
                  "between {minimum} and {maximum} characters", n, lang)
    # Translators: a check a text failed: its length must be exactly {count} characters.
    return tn("exactly {count} character", "exactly {count} characters", n, lang)


def _str_length(arguments: str | None, lang: str) -> CheckWords | None:
    """``str_length(None, 200)``, ``str_length(10, 3000)``, ``str_length(5)``: counted in
    characters."""
    found = _LENGTH_ARGUMENTS.fullmatch(arguments or "")
    if found is None:
        return None
    low, high = (int(v) if v and v != "None" else None
                 for v in (found["minimum"], found["maximum"]))
    if found["exact"]:
        kind, n = "exact", int(found["exact"])
    elif low is not None and high is not None:
        kind, n = "range", high
    elif low is not None:
        kind, n = "minimum", low
    elif high is not None:
        kind, n = "maximum", high
    else:
        return None
    fields: dict[str, object] = (
        {"minimum": format_number(low, lang, 0), "maximum": format_number(high, lang, 0)}
        if kind == "range" else {"count": format_number(n, lang, 0)})
    return CheckWords(_length_text(kind, 1, "en"), _length_text(kind, n, lang),
                      _length_text(kind, n, "en"), fields)


# What says each of pandera's built-in checks (their arguments as {fields}); the messages say
# what the value must be, after "column <name>:".
PANDERA_MESSAGES: dict[str, str] = {
    # Translators: a check a value failed: it must be greater than {value} (a number).
    "greater_than": N_("greater than {value}"),
    # Translators: a check a value failed: it must be {value} (a number) or more.
    "greater_than_or_equal_to": N_("at least {value}"),
    # Translators: a check a value failed: it must be less than {value} (a number).
    "less_than": N_("less than {value}"),
    # Translators: a check a value failed: it must be {value} (a number) or less.
    "less_than_or_equal_to": N_("at most {value}"),
    # Translators: a check a value failed: it must be {value}.
    "equal_to": N_("equal to {value}"),
    # Translators: a check a value failed: it must not be {value}.
    "not_equal_to": N_("other than {value}"),
    # Translators: a check a value failed: it must lie from {minimum} to {maximum} (numbers).
    "in_range": N_("between {minimum} and {maximum}"),
    # Translators: a check a value failed: it must be one of the values listed ({values}).
    "isin": N_("one of: {values}"),
    # Translators: a check a value failed: it must be none of the values listed ({values}).
    "notin": N_("none of: {values}"),
    # Translators: a check a text failed: it must match the regular expression {pattern},
    # kept as written.
    "str_matches": N_("text matching the pattern {pattern}"),
    # Translators: a check a text failed: it must contain a match of the regular expression
    # {pattern}, kept as written.
    "str_contains": N_("text containing the pattern {pattern}"),
    # Translators: a check a text failed: it must start with {text} (kept as written: "http").
    "str_startswith": N_("text starting with {text}"),
    # Translators: a check a text failed: it must end with {text} (kept as written).
    "str_endswith": N_("text ending with {text}"),
    "not_nullable": MSG_MISSING,
    # Translators: a check a column failed: its values are not of the type {dtype} (a type's
    # name as pandas writes it: float64, Int64, string[pyarrow]).
    "dtype": N_("wrong type (expected {dtype})"),
    # Translators: a check a column failed: its values cannot be converted to the type {dtype}
    # (a type's name as pandas writes it: float64, Int64).
    "coerce_dtype": N_("cannot be converted to {dtype}"),
    # Translators: a check a file failed: a column it needs is not there.
    "column_in_dataframe": N_("column missing"),
    # Translators: a check a value failed: it appears more than once in a column where each
    # value must be unique.
    "field_uniqueness": N_("repeated value (each must be unique)"),
}
PANDERA_CHECKS: dict[str, ReadCheck] = {
    **{name: _compared(PANDERA_MESSAGES[name])
       for name in ("greater_than", "greater_than_or_equal_to", "less_than",
                    "less_than_or_equal_to", "equal_to", "not_equal_to")},
    "in_range": _in_range,
    "isin": _values(PANDERA_MESSAGES["isin"]),
    "notin": _values(PANDERA_MESSAGES["notin"]),
    "str_matches": _one_text("pattern", PANDERA_MESSAGES["str_matches"]),
    "str_contains": _one_text("pattern", PANDERA_MESSAGES["str_contains"]),
    "str_startswith": _one_text("text", PANDERA_MESSAGES["str_startswith"]),
    "str_endswith": _one_text("text", PANDERA_MESSAGES["str_endswith"]),
    "str_length": _str_length,
    "dtype": _one_text("dtype", PANDERA_MESSAGES["dtype"]),
    "coerce_dtype": _one_text("dtype", PANDERA_MESSAGES["coerce_dtype"]),
    **{name: _bare(PANDERA_MESSAGES[name])
       for name in ("not_nullable", "column_in_dataframe", "field_uniqueness")},
}
# A pandera check as it names it in a failure: its name, and its arguments in parentheses.
_PANDERA_CALL = re.compile(r"(?P<name>[a-z_]+)(?:\((?P<arguments>.*)\))?", re.S)


def check_words(check: str, lang: str) -> CheckWords | None:
    """What says pandera's check ``check`` (as a failure names it) in ``lang``; None for a
    check of another name, or of arguments not as pandera writes them."""
    found = _PANDERA_CALL.fullmatch(check)
    if found is None:
        return None
    read = PANDERA_CHECKS.get(found["name"])
    return read(found["arguments"], lang) if read else None


def translated(words: CheckWords, lang: str) -> bool:
    """The catalog of ``lang`` translates the check's message."""
    code = normalize_lang(lang)
    return words.message in catalog(code) or words.message in _counted_messages(code)


@cache
def _counted_messages(code: str) -> frozenset[str]:
    return frozenset(singular for singular, _ in plural_catalog(code))


def check_view(check: str, lang: str) -> object:
    """A check a row or a schema failed, in ``lang``: our check's message as the catalogs
    translate it; pandera's built-in check in words, its arguments in the reader's notation
    (``less_than_or_equal_to(1)``: "au plus 1"); a check of another name, an English page's
    or one whose words are not translated, kept as written (code, marked English)."""
    if check in _check_messages():
        return catalog_text(check, lang)
    words = check_words(check, lang) if normalize_lang(lang) != "en" else None
    if words is None or not translated(words, lang):
        return html.Code(check, lang="en", dir="ltr")
    return html.Span(fill(words.text, words.english, **words.fields))


def _literal(node: ast.expr) -> object:
    """A value as a reason quotes it (its repr): a literal, or a call of one literal
    (``np.int64(2016)``, ``Timestamp('2016-01-01 00:00:00')``) read as that literal's text."""
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        return str(ast.literal_eval(node.args[0]))
    return ast.literal_eval(node)


def _key_values(text: str) -> list[object] | None:
    """A key's values as :func:`etl.schemas._key_reason` writes them (``{'iso3': 'AFG',
    'year': '2016'}``), in order; None when ``text`` is not such a mapping."""
    try:
        tree = ast.parse(text, mode="eval").body
        if not isinstance(tree, ast.Dict) or not tree.values:
            return None
        return [_literal(value) for value in tree.values]
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None


def key_view(column: str, check: str, value: str, lang: str) -> list | None:
    """A quarantined row's key failure (``key: <message> (value {...})``,
    :func:`etl.schemas._key_reason`) in ``lang``: the rule's message as the catalogs say it,
    then the key's values as read, joined as a list ("AFG, 2016"; a missing one said so).
    None for another part, an English page (shown as stored) or untranslated words."""
    values = _key_values(value) if column == schemas.KEY_REASON_COLUMN else None
    code = normalize_lang(lang)
    if values is None or code == "en" or MSG_SHARED_KEY not in catalog(code):
        return None
    shown = [t(MSG_MISSING, lang) if v is None else html.Code(str(v), dir="ltr")
             for v in values]
    return fill(t(MSG_SHARED_KEY, lang), MSG_SHARED_KEY, check=check_view(check, lang),
                values=_listed(shown, lang))
