"""Dash's date pickers reading in the page's language, set up from CLDR (Babel): a range
(News, "Published between") and a single date (What changed, "Published on or after").

Dash 4.4.1 has no locale prop. The page's month names come from ``assets/widgets-locale.js``,
which registers the page's locale with the picker's date-fns; what this module sets is the rest:
typed dates in digits in the language's order, month headers in CLDR's month-and-year order,
weeks starting on the language's first day, right to left in Arabic, and the language's
weekday headers, which ``assets/news.css`` draws in place of the picker's own (date-fns'
English, or names too wide for a column).
"""

from __future__ import annotations

import re

from babel import Locale
from dash import dcc, html

from dashboard.i18n import normalize_lang, text_direction

# Languages whose month names Dash's date picker writes itself: date-fns' built-in en-US, the
# only locale in Dash's bundles (another is a script filling window.dateFns.locale, picked by
# the browser's languages, not the page's). The others' typed dates are shown in digits.
PICKER_NAMED = frozenset({"en"})
PICKER_ISO = "YYYY-MM-DD"
# A weekday column of the picker is day_size (34 px) wide: CLDR's short names when they all fit
# in this many characters ("lu", "Mo"), else its narrow ones (Arabic "ن", not "ثلاثاء").
WEEKDAY_CHARS = 3
# The bounds Dash 4.4.1's is_RTL checks the wrong way round (see :func:`_localized_picker`).
BOUNDS = ("min_date_allowed", "max_date_allowed")
# Bidi marks in CLDR's Arabic patterns ("d\u200f/M\u200f/y"): a date typed without them would not
# parse, and a date in digits reads as one left-to-right run anyway.
_BIDI_MARKS = str.maketrans("", "", "\u200e\u200f\u061c")
_CLDR_FIELD = re.compile(r"([A-Za-z])\1*|'")


# ---------------------------------------------------------------- formats (CLDR)


def cldr_picker_format(pattern: str, names: bool) -> str | None:
    """A CLDR date pattern ("dd/MM/y", "MMM d, y") in the date picker's tokens ("DD/MM/YYYY",
    "MMM D, YYYY"): the year in four digits, bidi marks dropped. None when the pattern needs
    what the picker cannot write: a month name unless ``names``, a weekday, quoted text."""
    out, end = [], 0
    pattern = pattern.translate(_BIDI_MARKS)
    for field in _CLDR_FIELD.finditer(pattern):
        out.append(pattern[end:field.start()])
        end = field.end()
        token = field.group()
        if token[0] == "y":
            out.append("YYYY")
        elif token[0] == "d" and len(token) <= 2:
            out.append("D" * len(token))
        elif token[0] == "M" and (len(token) <= 2 or (names and len(token) <= 4)):
            out.append(token)
        else:
            return None
    return "".join([*out, pattern[end:]])


def picker_formats(lang: str) -> tuple[str, str]:
    """(display_format, month_format) of the date picker in ``lang`` written by date-fns alone:
    the language's own medium date and month names where the picker writes them (English),
    else its short date and month in digits ("DD/MM/YYYY", "MM/YYYY" in French), never an
    English month name."""
    code = normalize_lang(lang)
    locale = Locale.parse(code)
    named = code in PICKER_NAMED
    day = locale.date_formats["medium" if named else "short"].pattern
    month = locale.datetime_skeletons["yMMMM" if named else "yM"].pattern
    return (cldr_picker_format(day, named) or PICKER_ISO,
            cldr_picker_format(month, named) or "MM/YYYY")


def picker_month_format(lang: str) -> str:
    """The date picker's month headers in ``lang``: CLDR's month and year ("MMMM YYYY"), the
    month named. Dash 4.4.1 names months with date-fns in English only; assets/widgets-locale.js
    gives it the page language's names (the browser's CLDR data), so a French page reads
    "septembre 2024" where it read "09/2024". The typed dates stay in digits."""
    pattern = Locale.parse(normalize_lang(lang)).datetime_skeletons["yMMMM"].pattern
    return cldr_picker_format(pattern, names=True) or picker_formats(lang)[1]


def picker_first_day(lang: str) -> int:
    """The first day of the week in ``lang`` (CLDR) as the date picker counts days: 0 Sunday
    to 6 Saturday (Babel counts from Monday = 0)."""
    return (Locale.parse(normalize_lang(lang)).first_week_day + 1) % 7


def picker_weekdays(lang: str) -> list[str]:
    """The picker's seven weekday headers in ``lang``, in its column order (from
    :func:`picker_first_day`): CLDR's short names, or its narrow ones where a short one is
    wider than a column."""
    locale = Locale.parse(normalize_lang(lang))
    days = locale.days["stand-alone"]
    first = locale.first_week_day  # Babel's count: Monday = 0
    order = [(first + k) % 7 for k in range(7)]
    short = [days["short"][d] for d in order]
    return short if max(map(len, short)) <= WEEKDAY_CHARS else [days["narrow"][d] for d in order]


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string (for ``content``)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


# ---------------------------------------------------------------- the pickers


def _localized_picker(component: type, kind: str, lang: str, props: dict) -> html.Div:
    """``component`` (``dcc.DatePickerRange`` or ``dcc.DatePickerSingle``) with ``props``, set
    up to read in ``lang``, in a wrapper of class ``ci-date-picker`` and ``kind`` carrying the
    language's weekday headers (``--ci-weekday-1`` to ``-7``) and, right to left, ``is-rtl``."""
    display, _ = picker_formats(lang)
    rtl = text_direction(lang) == "rtl"
    if rtl:
        # Dash 4.4.1's is_RTL reverses what the month buttons do but not the bounds check
        # that enables them: with max_date_allowed this month, "back" was disabled and
        # "forward" did nothing. Right to left, the picker gets no bounds (a day ahead can be
        # picked; it matches nothing yet).
        props = {k: v for k, v in props.items() if k not in BOUNDS}
    picker = component(display_format=display, month_format=picker_month_format(lang),
                       first_day_of_week=picker_first_day(lang), is_RTL=rtl, **props)
    names = {f"--ci-weekday-{k}": css_string(name)
             for k, name in enumerate(picker_weekdays(lang), start=1)}
    return html.Div(picker, className=f"ci-date-picker {kind}" + (" is-rtl" if rtl else ""),
                    style=names)


def date_range_picker(id_: str, start: str | None, end: str | None, lang: str,
                      **props: object) -> html.Div:
    """A ``dcc.DatePickerRange`` reading in ``lang`` (see the module), in a wrapper of class
    ``ci-date-range``; ``start`` and ``end`` are ISO dates (``YYYY-MM-DD``) or None."""
    return _localized_picker(dcc.DatePickerRange, "ci-date-range", lang,
                             {"id": id_, "start_date": start, "end_date": end, **props})


def single_date_picker(id_: str, day: str | None, lang: str, **props: object) -> html.Div:
    """A ``dcc.DatePickerSingle`` reading in ``lang`` (see the module), in a wrapper of class
    ``ci-date-single``; ``day`` is an ISO date (``YYYY-MM-DD``) or None, and so is the
    picker's ``date`` a callback reads."""
    return _localized_picker(dcc.DatePickerSingle, "ci-date-single", lang,
                             {"id": id_, "date": day, **props})
