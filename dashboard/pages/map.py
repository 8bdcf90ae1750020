"""Map: where the countries of Africa and the Arab world stand on the GCI, as a tile map.

Every member of the African Union, the League of Arab States and the World Bank's MENA group
(:data:`dashboard.tile_layout.MAP_GROUPS`) is one equal square placed roughly where it lies
(:mod:`dashboard.tile_layout`): the map draws no border, so none that Morocco rejects. The
squares are coloured by the ITU Global Cybersecurity Index of one edition
(:func:`dashboard.figures_tile_map.tile_map_figure`): the tier in 2024, the score on its
published scale before; a country without a value in that edition is grey, never filled in.

Under the map: what a square is, the methodology note of the edition, the chart's table twin
(every country with a value, as published) and the download links of exactly those rows
through the one export route (the three groups, ``itu_gci.overall``, the edition).

The URL holds the view (``?v=1&edition=2020&lang=fr``, see :mod:`dashboard.url_state`),
writing only what differs from the default (the latest edition); a link naming an edition the
store does not hold opens the latest, with a notice. Choosing an edition pushes a history
entry without reloading.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from urllib.parse import parse_qsl

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html, no_update
from sqlalchemy.engine import Engine

from dashboard import data, rank_texts, security, url_state
from dashboard.downloads import download_links
from dashboard.elements import aria_attrs
from dashboard.figures_tile_map import tile_map_figure, tile_map_style
from dashboard.i18n import N_, format_number, localize_digits, normalize_lang, t
from dashboard.layout import (
    figure_block,
    href,
    html_table,
    notice,
    page_shell,
    sources_block,
    table_twin,
)
from dashboard.tile_layout import MAP_GROUPS, TILES
from etl import collation
from etl.export import ExportFilter

dash.register_page(__name__, path="/map", name="Map", order=1.5, title="cyberindex",
                   nav_label=N_("Map"))

PATH = "/map"
PREFIX = "map"
ID_URL = "map-url"
ID_LANG = "map-lang"
ID_EDITION = "map-edition"
ID_NOTICES = "map-notices"
ID_MAP = "map-tiles"
ID_TWIN = "map-twin"
ID_NOTE = "map-note"
ID_METHOD = "map-method"
ID_DOWNLOADS = "map-downloads"
# The edition picker sends one GCI edition as text (another value is a 400: the store's
# editions of other indices, such as 1999, are not the GCI's).
security.register_input_rule(f"{ID_EDITION}.value",
                             security.choice(str(e) for e in data.GCI_EDITIONS))

MSG_TITLE = N_("GCI {edition}: Africa and the Arab world")
MSG_NOTE = N_("Each square is a country, placed roughly where it lies; the map draws no "
              "border.")
MSG_LEDE = N_("The members of the African Union, the League of Arab States and the Middle "
              "East and North Africa group, each coloured by its ITU Global Cybersecurity "
              "Index in the edition chosen. A grey square has no value in that edition: "
              "none is filled in from another.")
MSG_TIERED = N_("GCI {edition} places countries in five tiers and publishes no ranks; its "
                "scores are not comparable with earlier editions. The colours give the tier.")
MSG_SCORED = N_("GCI {edition} published scores {scale}; the colours give the score on that "
                "scale. Colours compare countries within one edition only.")
MSG_DEFAULT_EDITION = N_("Showing the latest edition, {edition}.")
# Translators: under the tile map's table, when a value in it is marked "sources disagree (see
# note)"; {flag} is the ⚑ sign.
MSG_CONFLICT = N_("{flag} Sources disagree about a value marked so: each value printed, and "
                  "who printed it, is on the country's page.")


# ---------------------------------------------------------------- data of the view


def members(engine: Engine) -> list[str]:
    """The countries the map shows: the union of the mapped groups' members, by code."""
    return sorted({code for group in MAP_GROUPS for code in data.group_members(engine, group)})


def overall(engine: Engine, lang: str) -> pd.DataFrame:
    """Every GCI overall value of the mapped countries (names in ``lang``)."""
    frame = data.gci_observations(engine, members(engine), lang)
    return frame[frame["indicator_id"] == data.GCI_OVERALL].reset_index(drop=True)


def editions(frame: pd.DataFrame) -> list[int]:
    """The GCI editions of :func:`overall`'s frame, oldest first."""
    return sorted(int(e) for e in frame["edition"].unique())


def latest(found: list[int]) -> int:
    return found[-1] if found else data.GCI_EDITIONS[-1]


# ---------------------------------------------------------------- view pieces (plain functions)


def twin_table(rows: pd.DataFrame, edition: int, lang: str) -> dict:
    """The chart's table twin: every mapped country with a value in the edition, by name."""
    rows = rows.dropna(subset=["value"])
    ordered = sorted(rows.to_dict("records"), key=lambda r: collation.sort_key(str(r["country"])))
    body = [[dcc.Link(str(r["country"]), href=href(f"/country/{r['iso3']}", lang)),
             format_number(r["value"], lang), rank_texts.scale_words(r["scale"], lang),
             rank_texts.rank_or_tier_text(r, lang, "–"),
             rank_texts.value_mark_text(r, lang) or "–"]
            for r in ordered]
    headers = [t("Country", lang), t("Score as published", lang), t("Scale", lang),
               t("Rank or tier", lang), t("Mark on the value", lang)]
    return html_table(headers, body, t(MSG_TITLE, lang, edition=edition), numeric=(1,))


def method_block(engine: Engine, rows: pd.DataFrame, edition: int, lang: str) -> list:
    """What the colours of the edition are, the methodology break the source declares for it
    (GCI 2024), and what a mark in the table means when one is there."""
    tiered = rows["tier"].notna().any() if "tier" in rows else False
    scale = next((str(s) for s in rows["scale"].dropna()), "")
    scored = t(MSG_SCORED, lang, edition=edition, scale=rank_texts.scale_words(scale, lang))
    lines: list[html.P | html.Div] = [
        html.P(t(MSG_TIERED, lang, edition=edition) if tiered else scored, className="ci-note")]
    # (MSG_TIERED says what the break the source declares for 2024 means for a map: the line
    # charts' note speaks of rank lines, which a map has not.)
    if (rows["verification"].astype(str) == rank_texts.CONFLICT).any():
        lines.append(html.P(t(MSG_CONFLICT, lang, flag=rank_texts.FLAG), className="ci-note"))
    held = rank_texts.held_out_note(data.held_out_rows(rows), lang)
    if held:
        lines.append(html.P(held, className="ci-note"))
    # Every value's source beside the map, as under the other pages' charts: document,
    # channel, verification, note and links, per document.
    lines.append(sources_block(rows, lang))
    return lines


def map_view(engine: Engine, frame: pd.DataFrame, edition: int, lang: str) -> dict:
    """The figure, table twin and notes of one edition of :func:`overall`'s ``frame``."""
    rows = frame[frame["edition"] == edition]
    names = data.country_names(engine, lang)
    title = t(MSG_TITLE, lang, edition=edition)
    figure = tile_map_figure(rows, TILES, edition, lang, title, names,
                             data.current_settings().watched_countries)
    return {"figure": figure, "style": tile_map_style(figure),
            "twin": table_twin(twin_table(rows, edition, lang), lang),
            "method": method_block(engine, rows, edition, lang), "title": title}


def view_search(edition: int, lang: str, default: int) -> str:
    """The query of a view (``""`` for the ``default`` edition in English)."""
    return url_state.encode_state(url_state.ViewState(editions=(edition,), lang=lang),
                                  url_state.ViewState(editions=(default,)))


def downloads(edition: int, lang: str, search: str) -> html.Div:
    """Download links of exactly what the map shows: the GCI overall values of the three
    groups' members in the edition (the one export route, :mod:`etl.export`)."""
    wanted = ExportFilter(indicators=(data.GCI_OVERALL,), groups=MAP_GROUPS,
                          editions=(edition,))
    return download_links(wanted, lang, view=url_state.view_link(PATH + search),
                          id_prefix=PREFIX)


def sized_block(block: html.Figure, style: dict) -> html.Figure:
    """The map's block with its Graph sized by :func:`tile_map_style`: responsive, its height
    following its width, which the block measures (a query container: the style's ``cqw``)."""
    graph = next(c for c in block.children if getattr(c, "id", None) == ID_MAP)
    graph.responsive = True
    graph.style = style
    block.style = {"containerType": "inline-size"}  # type: ignore[attr-defined]  # a prop (untyped)
    return block


# ---------------------------------------------------------------- URL state


def read_state(found: list[int], query: Mapping[str, object] | None,
               lang: object = None) -> tuple[url_state.ViewState, list[str]]:
    """The view a URL asks for and translated notices for what in it was left out: an edition
    not among the ``found`` ones gives the latest. Never raises."""
    query = {str(k): v for k, v in dict(query or {}).items()
             if k not in url_state.PASSED_THROUGH}
    if lang is not None:
        query["lang"] = lang
    default = latest(found)
    known = url_state.known_from(indicators=(), countries=(), groups=(),
                                 editions=found, tabs=(), sort_columns=())
    try:
        state, left_out = url_state.decode_state(query, known,
                                                 url_state.ViewState(editions=(default,)))
    except Exception:  # noqa: BLE001 - a link must never break the page
        state, left_out = url_state.ViewState(lang=normalize_lang(lang)), [
            url_state.Notice(url_state.MSG_KEY, {"name": "?"})]
    notices = [n.text(state.lang) for n in left_out]
    if not state.editions:
        notices.append(t(MSG_DEFAULT_EDITION, state.lang, edition=default))
    return dataclasses.replace(state, editions=state.editions[:1] or (default,)), notices


# ---------------------------------------------------------------- callbacks


def update_view(edition: object, lang: object, search: object = None):
    """Callback: the map and its size (a colour bar and a legend take different room), its
    twin, the notes, the downloads and the URL for the edition picked (one the store holds,
    else the latest)."""
    lang = normalize_lang(lang)
    engine = data.current_engine()
    frame = overall(engine, lang)
    found = editions(frame)
    try:
        year = int(str(edition))
    except ValueError:
        year = latest(found)
    if year not in found:
        year = latest(found)
    view = map_view(engine, frame, year, lang)
    new_search = url_state.with_passed_through(view_search(year, lang, latest(found)), search)
    return (view["figure"], view["style"], view["twin"], view["method"],
            downloads(year, lang, new_search),
            new_search if new_search != (search or "") else no_update)


def register_callbacks(app: dash.Dash) -> None:
    """Wire the page's callbacks on ``app``."""
    app.callback(
        Output(ID_MAP, "figure"),
        Output(ID_MAP, "style"),
        Output(ID_TWIN, "children"),
        Output(ID_METHOD, "children"),
        Output(ID_DOWNLOADS, "children"),
        Output(ID_URL, "search"),
        Input(ID_EDITION, "value"),
        State(ID_LANG, "data"),
        State(ID_URL, "search"),
        prevent_initial_call=True,
    )(update_view)
    url_state.register_permalink_callback(app, PREFIX, ID_URL)


# ---------------------------------------------------------------- layout


def layout(lang: str = "en", **query: object) -> html.Div:
    """The map page in ``lang`` for the edition in the URL."""
    engine = data.current_engine()
    frame = overall(engine, normalize_lang(lang))  # the state's language is the page's
    found = editions(frame)
    state, notices = read_state(found, query, lang)
    lang, year = state.lang, state.editions[0]
    search = url_state.with_passed_through(view_search(year, lang, latest(found)), query)
    view = map_view(engine, frame, year, lang)
    picker = html.Fieldset([
        html.Legend(t("Edition", lang)),
        dcc.RadioItems(id=ID_EDITION, value=str(year), inline=True,
                       options=[{"label": localize_digits(str(e), lang), "value": str(e)}
                                for e in found]),
    ], className="ci-control")
    content = [
        html.H1(t("Map of the Global Cybersecurity Index", lang)),
        html.P(t(MSG_LEDE, lang), className="ci-lede"),
        dcc.Location(id=ID_URL, refresh=False),
        dcc.Store(id=ID_LANG, data=lang),
        html.Div(picker, className="ci-controls", role="group",
                 **aria_attrs(label=t("Selection", lang))),
        html.Div([notice(n, "warning") for n in notices], id=ID_NOTICES),
        url_state.permalink_control(PREFIX, lang, url=url_state.view_link(PATH + search)),
        sized_block(figure_block(ID_MAP, view["figure"], view["title"],
                                 html.Div(view["twin"], id=ID_TWIN), lang=lang), view["style"]),
        html.P(t(MSG_NOTE, lang), id=ID_NOTE, className="ci-note"),
        html.Div(view["method"], id=ID_METHOD),
        html.Div(downloads(year, lang, search), id=ID_DOWNLOADS),
    ]
    params = dict(parse_qsl(view_search(year, "en", latest(found)).lstrip("?"),
                            keep_blank_values=True))
    return page_shell(lang, PATH, content, params)
