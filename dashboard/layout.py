"""Shared page chrome and building blocks: header, navigation, language switch, footer,
table twins, source lists and notices.

Every page's layout returns ``page_shell(lang, path, content, params)``: the shell carries
``lang`` and ``dir`` (``rtl`` for Arabic) and keeps the language in every link. The navigation
lists the registered pages that pass ``nav_label=N_("...")`` to ``dash.register_page``, in their
``order``, so a new page appears in the menu by declaring itself.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any
from urllib.parse import urlencode, urlsplit

import dash
import pandas as pd
from dash import dcc, html

from dashboard.data import (
    CHANNEL_JOIN,
    CHANNEL_LABELS,
    GCI_PILLARS,
    VERIFICATION_LABELS,
    split_urls,
)
from dashboard.elements import Children, aria_attrs, data_attrs, element, is_element
from dashboard.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    arabic_indic,
    current_digits,
    data_text,
    expressions_kept_whole,
    format_names,
    localize_numbers,
    normalize_lang,
    t,
    text_direction,
)

API_DOCS_PATH = "/api/v1/docs"  # dashboard.api_docs.DOCS_PATH (a test holds them equal)
# The mode bar (zoom, pan, plotly's own download) shows while the pointer is over the chart, not
# over a phone-width chart's title; "Save the chart" below each chart is the keyboard's way.
# No "Share chart..." button: it would send the chart's data to Plotly's cloud (an outside
# service, unreachable from a ministry's network); "Save the chart" and the view link share it.
GRAPH_CONFIG: dcc.Graph.Config = {
    "displaylogo": False, "displayModeBar": "hover", "showSendToCloud": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendChartToCloud", "sendDataToCloud"]}
# plotly's own words on the charts (mode bar tooltips, legend hints), in English in its bundle:
# translated here and handed to plotly as the page language's locale (no locale file to load).
PLOTLY_WORDS = (
    N_("Download plot as a PNG"), N_("Download plot"), N_("Zoom"), N_("Pan"), N_("Zoom in"),
    N_("Zoom out"), N_("Autoscale"), N_("Reset axes"), N_("Reset"), N_("Toggle Spike Lines"),
    N_("Show closest data on hover"), N_("Compare data on hover"),
    N_("Double-click on legend to isolate one trace"), N_("Double-click to zoom back out"),
)


@cache
def graph_config(lang: str) -> dcc.Graph.Config:
    """The charts' config in ``lang``: :data:`GRAPH_CONFIG`, with plotly's words and the
    month and day names (CLDR, for date axes) as the language's plotly locale."""
    lang = normalize_lang(lang)
    if lang == DEFAULT_LANGUAGE:
        return GRAPH_CONFIG
    from babel.dates import get_day_names, get_month_names

    def names(kind, width: str) -> list[str]:
        found = kind(width, locale=lang)
        return [found[i] for i in sorted(found)]

    days = names(get_day_names, "wide")  # Monday first in CLDR, Sunday first in plotly
    short_days = names(get_day_names, "abbreviated")
    return {**GRAPH_CONFIG, "locale": lang, "locales": {lang: {
        "dictionary": {word: t(word, lang) for word in PLOTLY_WORDS},
        "format": {"months": names(get_month_names, "wide"),
                   "shortMonths": names(get_month_names, "abbreviated"),
                   "days": days[-1:] + days[:-1], "shortDays": short_days[-1:] + short_days[:-1]},
    }}}


def href(path: str, lang: str, **params: object) -> str:
    """A link to ``path`` that keeps the language (English is the default, left implicit)
    and, in Arabic, the chosen digits, and carries the other query parameters that are set."""
    query = {k: v for k, v in params.items() if v not in (None, "", [], ())}
    lang = normalize_lang(lang)
    if lang != DEFAULT_LANGUAGE:
        if arabic_indic(lang) and "digits" not in query:
            query = {"digits": current_digits(), **query}
        query = {"lang": lang, **query}
    return path + ("?" + urlencode(query, safe=",") if query else "")


def switch_href(path: str, lang: str, params: Mapping[str, object] | None = None,
                **extra: object) -> str:
    """A link to the same view in ``lang``, which always names its language (``lang=en``
    too: it overrides and resets the remembered language, see :mod:`dashboard.preferences`)."""
    query = {k: v for k, v in {**(params or {}), **extra}.items()
             if k not in ("lang",) and v not in (None, "", [], ())}
    return path + "?" + urlencode({"lang": normalize_lang(lang), **query}, safe=",")


def nav_pages() -> list[dict]:
    """Registered pages that ask to be in the navigation, in their order."""
    return [page for page in dash.page_registry.values() if page.get("nav_label")]


def _nav(lang: str, active_path: str) -> html.Nav:
    items = []
    for page in nav_pages():
        current = page["path"] == active_path
        target = href(page["relative_path"], lang)
        label = t(page["nav_label"], lang)
        # dcc.Link takes no aria attributes: the current page is a plain link that says so.
        link = (html.A(label, href=target, className="ci-nav-link is-active",
                       **aria_attrs(current="page"))
                if current else dcc.Link(label, href=target, className="ci-nav-link"))
        items.append(html.Li(link))
    return html.Nav(html.Ul(items, className="ci-nav-list"), className="ci-nav",
                    **aria_attrs(label=t("Main navigation", lang)))


DIGIT_LABELS = {"latn": "0-9", "arab": "٠-٩"}


def language_switch(lang: str, path: str, params: Mapping[str, object] | None = None) -> html.Nav:
    """Links to the same view in each language (full reloads, so <html lang> follows); in
    Arabic, also the choice of digits (Western 0-9 or Arabic-Indic ٠-٩)."""
    lang = normalize_lang(lang)
    params = {k: v for k, v in (params or {}).items() if k not in ("lang", "digits")}
    links = []
    for code in LANGUAGES:
        label = LANGUAGE_NAMES[code]
        if code == lang:
            links.append(html.Li(html.Span(label, lang=code, className="ci-lang is-active",
                                           **aria_attrs(current="true"))))
        else:
            links.append(html.Li(html.A(label, href=switch_href(path, code, params), lang=code,
                                        hrefLang=code, className="ci-lang")))
    children: list = [html.Ul(links, className="ci-lang-list")]
    if lang == "ar":
        chosen = current_digits()
        names = {"latn": t("Western digits", lang), "arab": t("Arabic-Indic digits", lang)}
        digit_links = []
        for code, label in DIGIT_LABELS.items():
            # The visible digits (a range read left to right, as every range of the page:
            # "٠-٩" had read "٩-٠" beside "0-9"), then their name for screen readers (label in
            # name).
            text: list[Children] = [expressions_kept_whole(label, lang), html.Span(
                " " + names[code], className="ci-visually-hidden")]
            if code == chosen:
                digit_links.append(html.Li(html.Span(text, className="ci-lang is-active",
                                                     title=names[code],
                                                     **aria_attrs(current="true"))))
            else:
                digit_links.append(html.Li(html.A(
                    text, href=switch_href(path, lang, params, digits=code),
                    className="ci-lang ci-digits-link", title=names[code])))
        children.append(html.Ul(digit_links, className="ci-lang-list ci-digits-list",
                                role="list", **aria_attrs(label=t("Digits", lang))))
    return html.Nav(children, className="ci-lang-switch",
                    **aria_attrs(label=t("Language", lang)))


VERBATIM = "ci-verbatim"  # class of text quoted as published: its digits are the source's


def localize_tree(node: object, lang: str) -> Children:
    """The text of a component tree with Arabic-Indic digits when they are chosen, each
    expression of numbers kept whole (:func:`dashboard.i18n.expressions_kept_whole`).

    Only ``children`` text changes (never ids, links or data), a number at a time
    (:func:`dashboard.i18n.localize_numbers`: Latin names and codes keep their digits); parts
    marked with another language (``lang="en"``: source titles, notes, raw rows), code, and
    text quoted as published (class :data:`VERBATIM`: article titles, snippets, the sentences
    claims come from) are left as written.
    """
    if not arabic_indic(lang):
        return node
    return _localize(node, lang)


def _localize(node: object, lang: str) -> Children:
    if isinstance(node, str):
        # Kept whole once in these digits: Arabic-Indic digits are never joined across "-"
        # (a table's "٠-١" read "١-٠"), a text of t() already was (its isolates are kept).
        return expressions_kept_whole(localize_numbers(node, lang), lang)
    if isinstance(node, list | tuple):
        return [_localize(child, lang) for child in node]
    if is_element(node):
        return _localize_element(node, lang)
    if isinstance(node, html.Code | html.Pre) or not hasattr(node, "children"):
        return node
    own = getattr(node, "lang", None)
    if (own and normalize_lang(own) != "ar") or VERBATIM in str(getattr(node, "className", "")
                                                                or "").split():
        return node
    children = getattr(node, "children", None)
    if children is not None:
        node.children = _localize(children, lang)
    return node


def _localize_element(node: dict, lang: str) -> dict:
    props = node["props"]
    own = props.get("lang")
    if (node["type"] in ("Code", "Pre") or (own and normalize_lang(own) != "ar")
            or VERBATIM in str(props.get("className") or "").split()):
        return node
    if props.get("children") is not None:
        props["children"] = _localize(props["children"], lang)
    return node


def page_shell(lang: str, path: str, content: object,
               params: Mapping[str, object] | None = None) -> html.Div:
    """The whole page: header (brand, navigation, language switch), main content, footer."""
    lang = normalize_lang(lang)
    header = html.Header([
        dcc.Link("cyberindex", href=href("/", lang), className="ci-brand"),
        html.Span(t("National cybersecurity indices, with their sources", lang),
                  className="ci-tagline"),
        _nav(lang, path),
        language_switch(lang, path, params),
    ], className="ci-header")
    footer = html.Footer([
        html.P(t("Figures are kept on the publisher's scale and cite the document and channel "
                 "they were read through. ITU publishes no machine-readable GCI table; these "
                 "values are curated from its reports.", lang)),
        html.P(dcc.Link(t("Data status and quarantined rows", lang), href=href("/status", lang))),
        html.P(api_docs_link(lang)),
    ], className="ci-footer")
    main = html.Main(localize_tree(content, lang), id="main", className="ci-main", tabIndex="-1")
    # Names for the repairs of dashboard/assets/a11y.js (icon-only buttons of Dash components).
    a11y: dict[str, Any] = {  # data-* attributes, typed as dashboard.elements.data_attrs's
        "data-a11y-first-page": t("First page", lang),
        "data-a11y-previous-page": t("Previous page", lang),
        "data-a11y-next-page": t("Next page", lang),
        "data-a11y-last-page": t("Last page", lang),
        "data-a11y-current-page": t("Page number", lang),
        # Tables' header controls: {column} is filled in with the column's header text.
        # Translators: the name of a table's sort button; {column} is the column's header.
        "data-a11y-sort": t("Sort by {column}", lang),
        # Translators: the name of a table's filter box; {column} is the column's header.
        "data-a11y-filter": t("Filter {column}", lang),
        # Translators: the name of the "Aa" toggle beside a table's filter box.
        "data-a11y-match-case": t("Match case", lang),
        # The date picker's month buttons (Dash names them in English only).
        "data-a11y-previous-month": t("Previous month", lang),
        "data-a11y-next-month": t("Next month", lang),
    }
    return html.Div([header, main, localize_tree(footer, lang)],
                    className="ci-page", lang=lang, dir=text_direction(lang), **a11y)


def dropdown_labels(lang: str) -> dcc.Dropdown.Labels:
    """The texts a ``dcc.Dropdown`` draws itself (select all, "3 selected", search...), in
    ``lang``; ``{num_selected}`` is filled in by the component."""
    return {
        "select_all": t("Select all", lang), "deselect_all": t("Deselect all", lang),
        "selected_count": t("{num_selected} selected", lang), "search": t("Search", lang),
        "clear_search": t("Clear search", lang), "clear_selection": t("Clear selection", lang),
        "no_options_found": t("No options found", lang),
    }


def api_docs_link(lang: str) -> html.A:
    """The API's reference page (/api/v1/docs), a server page (html.A: a full load) in English
    as the API is: said so on a French or Arabic page, which it goes back to."""
    code = normalize_lang(lang)
    if code == DEFAULT_LANGUAGE:
        # Translators: a link to the API's reference page.
        return html.A(t("API documentation", lang), href=API_DOCS_PATH)
    # Translators: a link to the API's reference page, which is written in English only.
    return html.A(t("API documentation (in English)", lang), hrefLang="en",
                  href=f"{API_DOCS_PATH}?lang={code}")


def catalog_text(text: str, lang: str) -> html.Span | str:
    """An English text that comes from data or from the ETL's code (a source's title, an
    indicator's name, a methodology note, a check's message, a note or finding of the bundled
    data files: :data:`dashboard.i18n.DATA_MESSAGES`) in ``lang`` where the catalog has it;
    else as written, marked English and isolated from the Arabic text around it."""
    said = data_text(text, lang)
    # English kept as written, its ranges on one line (left to right in its own span).
    return html.Span(expressions_kept_whole(text, DEFAULT_LANGUAGE), lang="en", dir="ltr") \
        if said is None else said


# A "+" between two digits: a sum's terms ("19.59+18.39+20"), which no browser breaks (a digit
# and a plus sign hold together), so a long sum widened a phone's Value column by itself.
_SUM_PLUS = re.compile("(?<=[0-9\u0660-\u0669]\\+)(?=\u2060?[0-9\u0660-\u0669])")


def sums_breakable(text: object) -> Children:
    """``text`` with a line break allowed after each "+" of a sum (``<wbr>``: nothing is
    drawn, nothing added when the text is copied); a text without a sum as it is."""
    if not isinstance(text, str) or "+" not in text:
        return text
    parts = _SUM_PLUS.split(text)
    if len(parts) == 1:
        return text
    out: list = [parts[0]]
    for part in parts[1:]:
        out += [html.Wbr(), part]
    return out


def catalog_element(component: type, text: str, lang: str, **props: object) -> Children:
    """``component`` (``html.Span``, ``html.Blockquote``...) holding a text of the data or the
    ETL, as :func:`catalog_text` says it: in ``lang`` where the catalog translates it; else as
    written and marked English (``lang="en"``, and left to right on a page in another
    language), which is how an English page marks it too. A sum in it may break after each
    "+" (:func:`sums_breakable`)."""
    code = normalize_lang(lang)
    said = data_text(text, lang) if code != DEFAULT_LANGUAGE else None
    if said is not None:
        return component(sums_breakable(said), **props)
    return component(sums_breakable(expressions_kept_whole(text, DEFAULT_LANGUAGE)), lang="en",
                     **({"dir": "ltr"} if code != DEFAULT_LANGUAGE else {}), **props)


def notice(text: Children, kind: str = "info") -> html.Div:
    """A visible notice; warnings are announced to screen readers."""
    role = "alert" if kind == "warning" else "status"
    return html.Div(text, className=f"ci-notice ci-notice-{kind}", role=role)


def html_table(headers: Sequence[str], rows: Iterable[Sequence[object]], caption: str,
               table_id: str | None = None, numeric: Sequence[int] = (),
               details: Sequence[tuple[str, object] | None] | None = None) -> dict:
    """An accessible table: caption, header cells with scope, numeric columns aligned.

    ``details``, one per row (None for a row without): a ``(label, content)`` said on a line
    of its own under the row, across the whole table (a run's reason under its counts: in a
    last column it had started off a desktop screen), its label first. The row's first cell
    is then its header (``<th scope="row">``), which names the line's cell as its header too,
    and each row is a group (``<tbody>``) with its line.

    Built of plain elements (:mod:`dashboard.elements`): a table sends one per cell.
    """
    head = element("Thead", element("Tr", [
        element("Th", h, scope="col", className="ci-num" if i in numeric else None)
        for i, h in enumerate(headers)]))
    if details is None:
        body = [element("Tbody", [
            element("Tr", [
                element("Td", cell, className="ci-num" if i in numeric else None)
                for i, cell in enumerate(row)
            ])
            for row in rows
        ])]
    else:
        body = [_row_with_detail(row, detail, len(headers), f"{table_id or 'ci-table'}-row-{n}",
                                 numeric)
                for n, (row, detail) in enumerate(zip(rows, details, strict=True))]
    return element("Table", [element("Caption", caption), head, *body], className="ci-table",
                   id=table_id or None)


def _row_with_detail(row: Sequence[object], detail: tuple[str, object] | None, width: int,
                     row_id: str, numeric: Sequence[int]) -> dict:
    """A row headed by its first cell and, when it has one, its line under it (:func:
    `html_table`'s ``details``): one cell across the table, in a box as wide as the table's
    scrolling box shows, which stays in view while the table scrolls sideways."""
    cells = [element("Th", cell, scope="row", id=row_id) if i == 0
             else element("Td", cell, className="ci-num" if i in numeric else None)
             for i, cell in enumerate(row)]
    lines = [element("Tr", cells)]
    if detail is not None:
        label, content = detail
        lines.append(element("Tr", [element("Td", element("Div", [
            element("Span", label, className="ci-detail-label"), " ", content,
        ], className="ci-detail"), colSpan=width, headers=row_id)], className="ci-detail-row"))
    return element("Tbody", lines, className="ci-has-detail" if detail is not None else None)


# A range of numbers as the texts write it ("0-1", "0-100", "2014-2018"), in any digits.
_NUMBER_RANGE = re.compile(r"\d+(?:[.,٫]\d+)?-\d+(?:[.,٫]\d+)?")


def whole_ranges(text: object) -> Children:
    """``text`` with each range of numbers ("0-1", "2014-2018") kept on one line: an Arabic
    line had ended on "0-" and the next begun with "1". The characters and their order are
    unchanged (a non-breaking hyphen would reverse an Arabic range); a text without a range
    comes back as it is."""
    if not isinstance(text, str):
        return text
    pieces: list = []
    at = 0
    for found in _NUMBER_RANGE.finditer(text):
        pieces += [text[at:found.start()]] if found.start() > at else []
        pieces.append(element("Span", found.group(), className="ci-one-line"))
        at = found.end()
    if not pieces:
        return text
    return pieces + ([text[at:]] if at < len(text) else [])


def moment_element(text: str) -> dict:
    """A time as :func:`dashboard.i18n.format_moment` writes it ("Nov 30, 2026, 06:00 UTC"),
    in a table cell: its day and its time each kept whole, on one line where the column has
    room, else on two ("Nov 30, / 2026, / 06:00 / UTC" had taken four lines)."""
    parts = text.rsplit(" ", 2)
    if len(parts) != 3 or parts[2] != "UTC":  # a day alone, "–"
        return element("Span", text, className="ci-one-line")
    return element("Span", [element("Span", parts[0], className="ci-one-line"), " ",
                            element("Span", f"{parts[1]} {parts[2]}", className="ci-one-line")],
                   className="ci-moment")


def table_twin(table: object, lang: str, open_: bool = False) -> html.Details:
    """The table view of a chart, in a <details> element right below it."""
    # The table scrolls in its own box (named, reachable by keyboard): a wide one made a
    # phone's whole page scroll sideways (694 px of 390 in French).
    label = t("Table view of this chart", lang)
    return html.Details([html.Summary(label), scroll_region(table, label)],
                        className="ci-twin", open=open_)


def scroll_region(content: Children, label: str, **props: Any) -> html.Div:
    """A wide table in its own scrolling box, named ``label`` and reachable by keyboard (a
    box that scrolls must take focus, so it can be scrolled without a pointer: WCAG 2.1.1)."""
    return html.Div(content, className="ci-table-scroll", tabIndex="0", role="region",
                    **aria_attrs(label=label), **props)


# Who a saved chart's figures come from, written under the image (:func:`chart_export`).
CREDIT_GCI = N_("ITU, Global Cybersecurity Index")
CREDIT_CROSS_INDEX = N_("ITU, Global Cybersecurity Index; e-Governance Academy, National Cyber "
                        "Security Index; UN DESA, E-Government Development Index")
CREDIT_NEWS = N_("news articles collected by cyberindex")
# Translators: first line of the credit under a saved chart image: who published the figures
# (e.g. "ITU, Global Cybersecurity Index").
MSG_CREDIT_SOURCE = N_("Source: {sources}.")
# Translators: second line of the credit under a saved chart image, before the address of the
# view it was saved from (on a line of its own); {date} is the day it was saved (YYYY-MM-DD).
MSG_CREDIT_VIEW = N_("Chart: cyberindex, saved {date}. Every figure's document and link are "
                     "listed at:")


def figure_block(graph_id: str, figure: object, label: str, twin: html.Details | html.Div,
                 sources: Children = None, *, lang: str, credit: str = CREDIT_GCI) -> html.Figure:
    """A chart with its label, buttons saving it as PNG or SVG (the image credits ``credit``,
    an untranslated msgid naming the figures' publishers), its table twin (or a box a callback
    fills with it) and its sources."""
    children = [
        dcc.Graph(id=graph_id, figure=figure, config=graph_config(lang), className="ci-graph"),
        chart_export(graph_id, lang, credit),
        twin,
    ]
    if sources is not None:
        children.append(sources)
    return html.Figure([html.Figcaption(label, className="ci-visually-hidden"), *children],
                       className="ci-figure")


def chart_export(graph_id: str, lang: str, credit: str = CREDIT_GCI) -> html.Div:
    """"Save the chart" as PNG and SVG: buttons that assets/chart-export.js answers with
    plotly's own image export of the chart as drawn (its language, its selection), a credit
    under it (``data-credit``, one line per row: who published the figures, the day it was
    saved, which the script fills in, then the view's address), so a forwarded image still says
    where it is from."""
    lines = [t(MSG_CREDIT_SOURCE, lang, sources=t(credit, lang)),
             t(MSG_CREDIT_VIEW, lang, date="{date}")]
    return html.Div([
        html.Span(t("Save the chart:", lang), className="ci-chart-export-label"),
        *[html.Button(label, type="button", className="ci-chart-export-button",
                      title=t("Save the chart as {format}", lang, format=label),
                      **data_attrs(graph=graph_id, format=fmt))
          for fmt, label in (("png", "PNG"), ("svg", "SVG"))],
    ], className="ci-chart-export", role="group",
        **aria_attrs(label=t("Save the chart", lang)), **data_attrs(credit="\n".join(lines)))


def brief_links(country: str, page_href: str, pdf_href: str, lang: str) -> html.P:
    """"Printable brief of Morocco · PDF": the brief's page (to read or print) and its PDF,
    each link saying what it opens (one link said "(PDF)" and opened the page)."""
    return html.P([
        html.A(t("Printable brief of {country}", lang, country=country), href=page_href,
               className="ci-brief-link"),
        " · ",
        html.A(t("PDF", lang), href=pdf_href,
               **aria_attrs(label=t("Brief of {country} as a PDF file", lang,
                                    country=country))),
    ])


def link_text(url: str) -> str:
    """A short, readable name for a source URL: its host without ``www.``."""
    host = urlsplit(url).netloc
    return host.removeprefix("www.") or url


def link_names(urls: Iterable[str]) -> list[str]:
    """The name of each URL of a list: its host, and where two share a host, the host and
    the first path segment ("github.com/tjmisko", the repository's owner), where two of them
    had read "github.com · github.com"."""
    urls = list(urls)
    hosts = [link_text(url) for url in urls]
    names = []
    for url, host in zip(urls, hosts, strict=True):
        first = urlsplit(url).path.strip("/").split("/")[0] if hosts.count(host) > 1 else ""
        names.append(f"{host}/{first}" if first else host)
    return names


def link_list(urls: Iterable[str]) -> list:
    """Each URL as its own link, named by :func:`link_names` (the full URL in the title)."""
    urls = list(urls)
    out: list = []
    for url, name in zip(urls, link_names(urls), strict=True):
        if out:
            out.append(" · ")
        out.append(html.A(name, href=url, title=url, className="ci-source-link",
                          rel="noopener noreferrer"))
    return out


def verification_text(code: object, lang: str) -> str:
    """A value's verification status in ``lang`` ("single source", "source unique", "مصدر
    واحد"); an unknown code as stored."""
    label = VERIFICATION_LABELS.get(str(code))
    return t(label, lang) if label else str(code)


def channel_text(channel: object, lang: str) -> str:
    """The channel(s) of a value in ``lang``: each known part of "A + B" translated, an
    unknown one as written; "–" when there is none."""
    if not isinstance(channel, str) or not channel.strip():
        return "–"
    parts = channel.split(CHANNEL_JOIN)
    return CHANNEL_JOIN.join(t(CHANNEL_LABELS[p], lang) if p in CHANNEL_LABELS else p
                             for p in parts)


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _role_texts(values: list[tuple[str | None, bool]], said, lang: str) -> str:  # noqa: ANN001
    """One text for values that are all alike; else each with what it is of: "… (overall
    score); … (pillars)" (the overall score's first)."""
    if len({value for value, _ in values}) == 1:
        return said(values[0][0], lang)
    ordered = sorted(values, key=lambda v: not v[1])
    return t("; ", lang).join(
        t("{channel} (overall score)", lang, channel=said(value, lang)) if overall
        else t("{channel} (pillars)", lang, channel=said(value, lang))
        for value, overall in ordered)


@dataclasses.dataclass
class SourceEntry:
    """One entry of a Sources list: a document of an edition, the channels, verification
    statuses and links its values cite, as (value, of the overall score) pairs, its notes, and
    the countries it is the source of."""

    edition: object
    document: str
    channels: list[tuple[str | None, bool]]
    verifications: list[tuple[str | None, bool]]
    urls: list[str]
    notes: list[str]
    countries: list[str]


def _role_pairs(parts: list[tuple], at: int) -> list[tuple[str | None, bool]]:
    """The distinct (value at ``at``, of the overall score) pairs of an entry's parts."""
    return list(dict.fromkeys((part[at], part[3]) for part in parts))


def source_entries(frame: pd.DataFrame) -> list[SourceEntry]:
    """The Sources list's entries: one per document and edition for a country, holding its
    overall score's and its pillars' provenance (each pillar carries its own, from the evidence
    of that field: the overall score's links are not the pillars'); countries whose entries
    read alike share one, which names them."""
    columns = ["edition", "source_document", "iso3", "country", "indicator_id", "verification",
               "source_url", "source_note", "channel"]
    rows = frame.reindex(columns=columns).sort_values("edition", kind="stable")
    by_country: dict[tuple, dict] = {}
    for r in rows.itertuples(index=False):
        who = r.iso3 if not _missing(r.iso3) else r.country
        entry = by_country.setdefault((r.edition, r.source_document, who), {
            "country": None if _missing(r.country) else r.country, "parts": [], "notes": []})
        overall = r.indicator_id not in GCI_PILLARS
        part = (None if _missing(r.channel) else r.channel,
                None if _missing(r.verification) else r.verification,
                None if _missing(r.source_url) else r.source_url, overall)
        if part not in entry["parts"]:
            entry["parts"].append(part)
        if isinstance(r.source_note, str) and r.source_note.strip() \
                and r.source_note not in entry["notes"]:
            entry["notes"].append(r.source_note)
    merged: dict[tuple, SourceEntry] = {}
    for (edition, document, _who), found in by_country.items():
        parts = sorted(found["parts"], key=lambda p: not p[3])
        key = (edition, document, tuple(parts), tuple(found["notes"]))
        shared = merged.get(key)
        if shared is None:
            shared = merged[key] = SourceEntry(
                edition, str(document), _role_pairs(parts, 0), _role_pairs(parts, 1),
                list(dict.fromkeys(u for p in parts for u in split_urls(p[2]))),
                found["notes"], [])
        if found["country"] and found["country"] not in shared.countries:
            shared.countries.append(found["country"])
    return list(merged.values())


def sources_block(frame: pd.DataFrame, lang: str, title: str | None = None) -> html.Div:
    """The sources behind the rows of ``frame``: per edition the document, channel,
    verification status, note and every source link (:func:`source_entries`). One entry per
    document, links and note: where the overall score and the pillars were read through
    different channels, or verified differently, the entry says each ("… (overall score); …
    (pillars)"), not two entries that look alike."""
    entries = source_entries(frame)
    # With several countries, each entry names the ones it is the source of: the same report
    # is read through different channels for different countries, and the entries looked alike.
    several = sum(1 for _ in {c for e in entries for c in e.countries}) > 1
    items = []
    for entry in entries:
        first = entry.verifications[0][0] if entry.verifications else None
        parts = [
            # The document's title (with its edition) as the catalog gives it in the page's
            # language, else as published (in English, marked so).
            catalog_element(html.Strong, entry.document, lang),
            *([html.Span([" · ", t("Countries: {countries}", lang,
                                   countries=format_names(entry.countries, lang))])]
              if several and entry.countries else []),
            html.Span([" · ", t("Channel: {channel}", lang,
                                channel=_role_texts(entry.channels, channel_text, lang))]),
            html.Span([" · ", t("Verification: {status}", lang,
                                status=_role_texts(entry.verifications, verification_text,
                                                   lang))],
                      className=f"ci-verification ci-{first}"),
        ]
        for note in entry.notes:
            # The note in the page's language where the catalog has it, else in English.
            parts.append(html.Div(
                [t("Note:", lang), " ", catalog_element(html.Span, note, lang)],
                className="ci-source-note"))
        parts.append(html.Div([t("Links:", lang), " ", *link_list(entry.urls)],
                              className="ci-source-links"))
        items.append(html.Li(parts))
    return html.Div([
        html.H3(title or t("Sources", lang), className="ci-sources-title"),
        html.Ul(items, className="ci-sources-list"),
    ], className="ci-sources")
