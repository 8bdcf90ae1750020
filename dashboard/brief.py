"""Printable country brief: ``/brief/<ISO3>?lang=..&group=..`` and ``/brief/<ISO3>.pdf``.

A Flask route rendering one plain HTML page (no script, inline stylesheet, charts drawn as HTML
bars and a small inline SVG), made to print on one or two A4 pages: the GCI tier and pillars
against a peer group, the distance to the next tier per pillar, the trend across editions (the
2024 break marked, no line across it), the other indices (NCSI, EGDI, INTERPOL statements),
recent news claims when there are any, and the sources with the data date. The group median
is the median of the group's members, the country among them when it is one (as the Country
page's), less any value held out of derived figures (:func:`etl.held_out.held_out`: flagged
by the corrections ledger and given by no second source), which is named under it; such a
value of the country itself is placed in no tier. The INTERPOL count is of the statements
cited from its reports or the press (not the project's own claim check). A link's setting
the brief does not understand (a peer group, a language, a key) is said in a notice, on the
page and in the PDF, as the pages say it. Printed, every page names the brief and the date of
its data and says "Page 2 of 2" (:mod:`dashboard.brief_print`: ``@page`` margin boxes).

The PDF is the same page printed by headless Chromium from a temporary file (no request back to
this server, so it works behind a login and on a single worker); without Chromium the PDF route
answers 503 with a translated message. One line in ``create_app``: ``brief.install_brief(server)``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, request
from sqlalchemy.engine import Engine

from dashboard import data, url_state
from dashboard.brief_data import brief_data, default_group
from dashboard.brief_html import (
    date_text,
    e,
    section_distance,
    section_gci,
    section_indices,
    section_news,
    section_sources,
    section_trend,
)
from dashboard.brief_print import page_furniture_css
from dashboard.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    current_digits,
    localize_digits,
    normalize_lang,
    t,
    text_direction,
)
from dashboard.perf import FAVICON_PATH
from dashboard.url_state import Notice

# The dashboard's icon (Dash serves it): a page of its own asks for /favicon.ico otherwise, a 404.
ICON_LINK = f'<link rel="icon" href="{FAVICON_PATH}">'
PDF_TIMEOUT = 60  # seconds
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ISO3 = re.compile(r"^[A-Za-z]{3}$")
# The keys a brief's link may hold (brief_url writes them; ``v`` is the pages' link version).
QUERY_KEYS = frozenset({"lang", "group", "digits", "v", "_"})
# The brief's own stylesheet, inlined in its page (a brief is one file, printed as it is).
BRIEF_CSS = (Path(__file__).with_name("brief.css")).read_text(encoding="utf-8")


def toolbar(iso3: str, lang: str, group: str | None, groups: list[dict]) -> str:
    """Screen-only links and the peer-group chooser (hidden when printed)."""
    digits: dict[str, Any] = {"digits": current_digits()} if lang == "ar" else {}
    langs = " ".join(
        f'<a href="{e(brief_url(iso3, code, group, **(digits if code == "ar" else {})))}" '
        f'lang="{code}" hreflang="{code}">{e(LANGUAGE_NAMES[code])}</a>'
        for code in LANGUAGES if code != lang)
    options = "".join(
        f'<option value="{e(g["value"])}"{" selected" if g["value"] == group else ""}>'
        f'{e(t(g["label"], lang))}</option>' for g in groups)
    hidden = f'<input type="hidden" name="lang" value="{e(lang)}">' + (
        f'<input type="hidden" name="digits" value="{e(current_digits())}">' if lang == "ar"
        else "")
    back = "/country/" + iso3 + "?lang=" + lang
    words = {"options": t("Brief options", lang), "back": t("Back to the country page", lang),
             "pdf": t("Download as PDF", lang), "group": t("Peer group", lang),
             "show": t("Show", lang)}
    return (f'<nav class="toolbar" aria-label="{e(words["options"])}">'
            f'<a href="{e(back)}">{e(words["back"])}</a>'
            f'<a href="{e(brief_url(iso3, lang, group, pdf=True, **digits))}">'
            f'{e(words["pdf"])}</a>'
            f'<span class="langs">{langs}</span>'
            f'<form method="get" action="/brief/{e(iso3)}">{hidden}'
            f'<label for="brief-group">{e(words["group"])}</label> '
            f'<select id="brief-group" name="group">{options}</select> '
            f'<button type="submit">{e(words["show"])}</button></form></nav>')


def brief_url(iso3: str, lang: str, group: str | None = None, pdf: bool = False,
              **extra: str) -> str:
    """The brief's address (``.pdf`` for the PDF)."""
    from urllib.parse import urlencode

    query = {"lang": normalize_lang(lang), **({"group": group} if group else {}), **extra}
    return f"/brief/{iso3.upper()}{'.pdf' if pdf else ''}?{urlencode(query)}"


_TAG = re.compile(r"(<[^>]+>)")
_OPEN = re.compile(r"<([a-zA-Z0-9]+)([^>]*)>")
# A point between Arabic-Indic digits is the Arabic decimal mark (as Babel writes ٩٧٫٥): the
# digits of a number the page left in 0-9 ("bipa 19.41") are turned here, its point too.
_ARABIC_DECIMAL = re.compile(r"(?<=[\u0660-\u0669])\.(?=[\u0660-\u0669])")


def localize_html_digits(document: str, lang: str) -> str:
    """The text of an HTML fragment with Arabic-Indic digits when chosen (tags, attributes,
    styles and elements marked ``lang="en"`` untouched)."""
    if localize_digits("0", lang) == "0":
        return document
    out, skip_tag, depth = [], None, 0
    for part in _TAG.split(document):
        if part.startswith("<"):
            opened = _OPEN.match(part)
            if skip_tag is None and opened and ('lang="en"' in opened.group(2)
                                                or opened.group(1) == "style"):
                skip_tag, depth = opened.group(1), 0
            if skip_tag is not None and opened and opened.group(1) == skip_tag:
                depth += 1
            elif skip_tag is not None and part.startswith(f"</{skip_tag}"):
                depth -= 1
                if depth == 0:
                    skip_tag = None
            out.append(part)
        else:
            out.append(part if skip_tag is not None else
                       _ARABIC_DECIMAL.sub("\u066b", localize_digits(part, lang)))
    return "".join(out)


def read_query(args: Mapping[str, str]) -> tuple[str, str | None, list[Notice]]:
    """The language and peer group a brief's query asks for, and notices for what in it is
    not understood, as the pages give them (:mod:`dashboard.url_state`): an unknown language
    reads English, an unknown key is ignored. The group is checked by :func:`render_brief`."""
    notices = []
    raw_lang = args.get("lang")
    lang = DEFAULT_LANGUAGE if raw_lang is None else raw_lang.strip().lower()
    if lang not in LANGUAGES:
        notices.append(Notice(url_state.MSG_LANG, {"value": (raw_lang or "")[:20]}))
        lang = DEFAULT_LANGUAGE
    for key in args:
        if key not in QUERY_KEYS:
            notices.append(Notice(url_state.MSG_KEY, {"name": key[:40]}))
    return lang, (args.get("group") or "").strip() or None, notices


def notices_html(notices: Sequence[Notice], lang: str) -> str:
    """The notices of a brief (a link's setting not understood), in its language, above its
    sections on the screen and on paper."""
    if not notices:
        return ""
    items = "".join(f"<p>{e(n.text(lang))}</p>" for n in notices)
    return f'<div class="notices" role="status">{items}</div>'


def render_brief(engine: Engine, iso3: str, lang: str, group: str | None = None,
                 for_print: bool = False, notices: Sequence[Notice] = ()) -> str:
    """The brief of ``iso3`` as a whole HTML document; a group that is not one is left out
    with a notice (the brief compares with the country's default group), beside ``notices``."""
    lang = normalize_lang(lang)
    groups = data.group_options(engine)
    notices = list(notices)
    if group not in {g["value"] for g in groups}:
        if group:
            notices.append(Notice(url_state.MSG_GROUP, {"values": str(group)[:40]}))
        group = default_group(engine, iso3)
    group_label = t(data.GROUP_LABELS.get(group or "", group or ""), lang) if group else \
        t("no peer group", lang)
    info = brief_data(engine, iso3, group, lang)
    title = t("{country}: country brief", lang, country=info["name"])
    subtitle = t("National cybersecurity indices, with their sources", lang)
    body = [
        "" if for_print else toolbar(iso3, lang, group, groups),
        f'<header><p class="brand">cyberindex · {e(subtitle)}</p><h1>{e(title)}</h1></header>',
        '<main id="main">',
        notices_html(notices, lang),
        section_gci(info, lang, group_label if group else None),
        section_distance(info, lang),
        section_trend(info, lang, group_label),
        section_indices(info, lang),
        section_news(info, lang),
        section_sources(info, lang),
        "</main>",
    ]
    # Printed, every page says which brief it is, of when, and its place ("Page 2 of 2").
    loaded = date_text(info["release"]["published_at"], lang) if info["release"] else "–"
    furniture = page_furniture_css(title, None if loaded == "–" else loaded, lang)
    return (f'<!DOCTYPE html><html lang="{lang}" dir="{text_direction(lang)}"><head>'
            '<meta charset="utf-8"><meta name="viewport" content="width=device-width, '
            f'initial-scale=1"><title>{e(title)}</title>{ICON_LINK}'
            f'<style>{BRIEF_CSS}{furniture}</style></head>'
            f'<body>{localize_html_digits("".join(body), lang)}</body></html>')


# ---------------------------------------------------------------- PDF


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) executable, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_to_pdf(document: str, chromium: str, timeout: float = PDF_TIMEOUT) -> bytes:
    """``document`` (HTML) printed to PDF by headless Chromium, from a temporary file. The
    page's own ``@page`` margin boxes are its header and footer (as in the reader's print):
    Chromium's (the file's URL, the time) are left out."""
    with tempfile.TemporaryDirectory(prefix="cyberindex-brief-") as folder:
        source, target = Path(folder) / "brief.html", Path(folder) / "brief.pdf"
        source.write_text(document, encoding="utf-8")
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update",
                   "--disable-dev-shm-usage", f"--user-data-dir={Path(folder) / 'profile'}",
                   "--no-pdf-header-footer", f"--print-to-pdf={target}", source.as_uri()]
        subprocess.run(command, check=True, timeout=timeout, capture_output=True)
        return target.read_bytes()


def pdf_page_count(pdf: bytes) -> int:
    """Pages of a PDF (its ``/Type /Page`` objects; Chromium writes no object streams)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


# ---------------------------------------------------------------- the routes


def unavailable(lang: str, message: str, status: int) -> Response:
    """A small translated HTML page for an error."""
    page = (f'<!DOCTYPE html><html lang="{lang}" dir="{text_direction(lang)}"><head>'
            f'<meta charset="utf-8"><title>{status}</title>{ICON_LINK}<style>{BRIEF_CSS}</style>'
            '</head>'
            f'<body><main id="main"><h1>{status}</h1><p>{e(message)}</p>'
            f'<p><a href="/?lang={lang}">cyberindex</a></p></main></body></html>')
    return Response(page, status=status, mimetype="text/html")


def install_brief(server: Flask) -> None:
    """Add ``/brief/<ISO3>`` and ``/brief/<ISO3>.pdf`` to ``server``."""

    @server.get("/brief/<code>")
    def country_brief(code: str):
        lang, group, notices = read_query(request.args)
        pdf = code.lower().endswith(".pdf")
        iso3 = code[:-4].upper() if pdf else code.upper()
        engine = data.current_engine()
        if not ISO3.match(iso3) or iso3 not in data.known_iso3(engine):
            return unavailable(lang, t("No country has the ISO 3166-1 alpha-3 code “{code}”.",
                                       lang, code=iso3[:12]), 404)
        if not pdf:
            return Response(render_brief(engine, iso3, lang, group, notices=notices),
                            mimetype="text/html")
        chromium = find_chromium()
        if chromium is None:
            return unavailable(lang, t("The PDF cannot be made here: no Chromium is installed "
                                       "on the server. Print the brief from your browser "
                                       "instead.", lang), 503)
        document = render_brief(engine, iso3, lang, group, for_print=True, notices=notices)
        try:
            pdf_bytes = print_to_pdf(document, chromium)
        except (subprocess.SubprocessError, OSError):
            abort(500)
        stamp = datetime.now(UTC).strftime("%Y%m%d")
        response = Response(pdf_bytes, mimetype="application/pdf")
        response.headers["Content-Disposition"] = (
            f'attachment; filename="cyberindex-brief-{iso3}-{lang}-{stamp}.pdf"')
        return response
