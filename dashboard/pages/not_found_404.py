"""Not found: any unknown path gets the site's chrome and a way back (Dash calls this page)."""

from __future__ import annotations

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
