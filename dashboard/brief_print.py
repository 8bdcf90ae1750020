"""The printed brief's page furniture: a running header and footer on every page.

A page taken out of the pile still says which brief it is and where it belongs: at its top the
brief's title (the country's name in the page's language) and the date its data were loaded,
at its bottom "Page 2 of 2" in the page's words and digits. They are CSS ``@page`` margin boxes
(Chromium 131 and later) written into the brief's own stylesheet, so the reader's own print and
the server's PDF (the same page printed by headless Chromium) carry the same ones; a browser
that knows no margin boxes prints the brief without them. The texts are CSS strings made here
from the translations (no script: the pages' policy allows none inline, and needs none).

Margin boxes are placed on the page, not in the text's flow: in Arabic the title is on the
right and the date on the left, written right to left, in the Arabic fonts of the page.
"""

from __future__ import annotations

import string

from dashboard.i18n import N_, arabic_indic, t, text_direction

# Translators: the running header of every printed page of a country brief, opposite its title:
# the day the brief's data were loaded into cyberindex ({date}: "30 November 2026").
MSG_DATA_DATE = N_("Data loaded on {date}")
# Translators: the footer of every printed page of a country brief. {page} and {pages} are
# numbers the printer writes (in Arabic-Indic digits when those are chosen): keep both.
MSG_PAGE_OF = N_("Page {page} of {pages}")
PAGE_FIELDS = frozenset({"page", "pages"})
# The furniture's look: small and grey, in the page's fonts (a margin box does not take the
# root element's font in every Chromium), so that it reads as furniture, not as the brief.
FONTS = {"ltr": 'system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif',
         "rtl": '"Noto Sans Arabic", "Noto Naskh Arabic", "Segoe UI", Tahoma, "DejaVu Sans", '
                'sans-serif'}
BOX_STYLE = "font-size: 8pt; color: #57606a; font-family: {fonts}; direction: {direction};"
# Near the text, a little apart from it (the page's margins, 14 mm, leave room for a line).
HEADER_STYLE = "vertical-align: bottom; padding-bottom: 3mm;"
FOOTER_STYLE = "vertical-align: top; padding-top: 3mm;"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string or the stylesheet early: a
    quote, a backslash, a line break and ``<`` (``</style>``) are escaped."""
    escaped = "".join(
        "\\" + char if char in '"\\' else
        f"\\{ord(char):x} " if char in "\n\r\f<>" else char
        for char in text)
    return f'"{escaped}"'


def page_counter_content(lang: str) -> str:
    """The ``content`` of the footer: "Page {page} of {pages}" in ``lang``, its fields the
    page counters in the reader's digits (``arabic-indic`` for ٢ من ٣); the English words when
    a translation names other fields."""
    style = "arabic-indic" if arabic_indic(lang) else "decimal"
    for template in (t(MSG_PAGE_OF, lang), MSG_PAGE_OF):
        try:
            pieces = list(string.Formatter().parse(template))
        except ValueError:
            continue
        if {name for _, name, _, _ in pieces if name is not None} != PAGE_FIELDS:
            continue
        parts = []
        for literal, name, _, _ in pieces:
            if literal:
                parts.append(css_string(literal))
            if name is not None:
                parts.append(f"counter({name}, {style})")
        return " ".join(parts)
    raise AssertionError(f"{MSG_PAGE_OF!r} names its own fields")  # pragma: no cover


def page_furniture_css(title: str, data_date: str | None, lang: str) -> str:
    """The ``@page`` margin boxes of a brief: ``title`` at the top on the side the text starts
    from, "Data loaded on {date}" at the other (none without a date), the page and the number
    of pages at the bottom centre. ``data_date`` is written as given (digits as chosen)."""
    direction = text_direction(lang)
    style = BOX_STYLE.format(fonts=FONTS[direction], direction=direction)
    start, end = ("right", "left") if direction == "rtl" else ("left", "right")
    boxes = [f"@top-{start} {{ content: {css_string(title)}; {style} "
             f"text-align: {start}; {HEADER_STYLE} }}",
             f"@bottom-center {{ content: {page_counter_content(lang)}; {style} "
             f"{FOOTER_STYLE} }}"]
    if data_date:
        said = t(MSG_DATA_DATE, lang, date=data_date)
        boxes.insert(1, f"@top-{end} {{ content: {css_string(said)}; {style} "
                        f"text-align: {end}; {HEADER_STYLE} }}")
    return "@page { " + " ".join(boxes) + " }"
