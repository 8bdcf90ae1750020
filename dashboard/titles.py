"""Each page's document title, in the page's language: "Compare – cyberindex", "Maroc –
cyberindex", "المغرب – cyberindex" (WCAG 2.4.2: tabs, bookmarks and the history tell pages
apart; every page was titled "cyberindex").

Dash reads a page's ``title`` when it serves the page (the meta tags), and again in the
routing callback that draws it, which writes ``document.title``; a callable title is called
there with the path's variables (a country page's ``iso3``). The language is the request's
(:func:`dashboard.preferences.request_lang`): the page's URL, or the page URL a callback
carries. One line in ``create_app``: ``titles.install_titles(app)``.
"""

from __future__ import annotations

from collections.abc import Callable

import dash

from dashboard import data
from dashboard.i18n import N_, t
from dashboard.preferences import request_lang

BRAND = "cyberindex"
# Pages outside the navigation (no nav_label), named here.
OTHER_NAMES = {"Country": N_("Country"), "Not found": N_("Page not found")}


def title_text(name: str, lang: str) -> str:
    """The document title of a page called ``name`` (already in ``lang``)."""
    return t("{page} – {brand}", lang, page=name, brand=BRAND)


def _country_name(iso3: str, lang: str) -> str:
    """The country's name in ``lang``, or "Country not found" (as the page's heading says, and
    as it answers 404) when the store has no such country."""
    code = str(iso3).upper()
    return data.country_names(data.current_engine(), lang).get(code) or t("Country not found",
                                                                          lang)


def page_title(page: dict) -> Callable[..., str]:
    """The callable title of a registered ``page`` (its navigation label, else its name;
    a country page is named after the country)."""
    label = page.get("nav_label") or OTHER_NAMES.get(page.get("name", ""), page.get("name"))

    def title(**path_variables: str) -> str:
        lang = request_lang()
        if path_variables.get("iso3"):
            return title_text(_country_name(path_variables["iso3"], lang), lang)
        return title_text(t(label, lang), lang) if label else BRAND

    return title


def install_titles(app: dash.Dash) -> None:
    """Give every registered page its translated title (the pages are registered by now)."""
    del app  # the registry is Dash's, global; ``app`` says when to call this
    for page in dash.page_registry.values():
        page["title"] = page_title(page)


def index_title(path: str) -> str:
    """The ``<title>`` of the page served at ``path`` (the routing callback writes the same
    once the page is drawn; this one is what a reader without scripts, or a link preview,
    sees)."""
    from dash._pages import _path_to_page  # Dash's own path matching, used by its router

    try:
        page, variables = _path_to_page(path.strip("/"))
    except Exception:  # noqa: BLE001 - a private helper: never break the page over a title
        return BRAND
    if not page:  # an unknown path: Dash draws the not-found page, under its title
        page = next((p for module, p in dash.page_registry.items()
                     if module.split(".")[-1] == "not_found_404"), {})
    title = page.get("title")
    return title(**(variables or {})) if callable(title) else BRAND
