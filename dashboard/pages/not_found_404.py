"""Not found: any unknown path gets the site's chrome and a way back (Dash calls this page).

Dash serves the same document for every path and draws the page in the browser, so the HTTP
status is set apart (:func:`status_of`, called for each document served,
:meth:`dashboard.app.CyberindexDash.index`): 404 for a path that names no page, or whose
page's module says its path's variables name nothing (``exists(**variables)``: the country
page for an unknown ISO3 code), as ``/brief/XXX.pdf`` answers.
"""

from __future__ import annotations

import sys

import dash
from dash import dcc, html

from dashboard.i18n import normalize_lang, t
from dashboard.layout import href, notice, page_shell

dash.register_page(__name__, path="/404", name="Not found", title="cyberindex")


def layout(lang: str = "en", **_query: object) -> html.Div:
    """The not-found page in ``lang``."""
    lang = normalize_lang(lang)
    content = [
        html.H1(t("Page not found", lang)),
        notice(t("This address names no page of the dashboard.", lang), "warning"),
        html.P(dcc.Link(t("Back to the overview", lang), href=href("/", lang))),
    ]
    return page_shell(lang, "/404", content)


def status_of(path: str) -> int:
    """The HTTP status of the document served at ``path`` (relative, as Dash's router reads
    it): 404 when it names no page, this page, or nothing its page knows; else 200."""
    from dash._pages import _path_to_page  # Dash's own path matching, used by its router

    page, variables = _path_to_page(path.strip("/"))
    if not page or page.get("module") == __name__:
        return 404
    exists = getattr(sys.modules.get(page.get("module", "")), "exists", None)
    if callable(exists) and not exists(**(variables or {})):
        return 404
    return 200
