"""Compare: a country picker with peer-group presets, the GCI over editions (not joined across
the 2024 break), the pillars of one edition and a sortable table with changes.

The URL holds the view (``?countries=MAR,OMN&edition=2024&group=gcc&lang=fr``); a bad value
degrades to the defaults with a notice, and the page offers a link to the current view.
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, State, dash_table, dcc, html, no_update
from sqlalchemy.engine import Engine

from dashboard import data, figures
from dashboard.i18n import N_, format_number, normalize_lang, t
from dashboard.layout import (
    figure_block,
    href,
    html_table,
    notice,
    page_shell,
    sources_block,
    table_twin,
)

dash.register_page(__name__, path="/compare", name="Compare", order=1, title="cyberindex",
                   nav_label=N_("Compare"))

PATH = "/compare"
ID_LANG = "compare-lang"
ID_GROUP = "compare-group"
ID_COUNTRIES = "compare-countries"
ID_EDITION = "compare-edition"
ID_NOTICES = "compare-notices"
ID_TREND = "compare-trend"
ID_TREND_TWIN = "compare-trend-twin"
ID_PILLARS = "compare-pillars"
ID_PILLARS_TWIN = "compare-pillars-twin"
ID_RANKING = "compare-ranking"
ID_RANKING_NOTE = "compare-ranking-note"
ID_SOURCES = "compare-sources"
ID_PERMALINK = "compare-permalink"


def default_countries(engine: Engine) -> list[str]:
    """The watched countries plus a few regional peers."""
    return [*data.current_settings().watched_countries, *data.DEFAULT_PEERS]


# ---------------------------------------------------------------- view pieces (plain functions)


def trend_table(overall: pd.DataFrame, lang: str) -> html.Table:
    """Table twin of the trend chart: every edition of every country, as published and 0-100."""
    rows = []
    for _, r in overall.sort_values(["country", "edition"]).iterrows():
        rank_or_tier = (
            t("Tier {tier}", lang, tier=int(r["tier"])) if not pd.isna(r["tier"])
            else format_number(r["rank"], lang, 0)
        )
        rows.append([r["country"], str(int(r["edition"])), format_number(r["value"], lang),
                     r["scale"], format_number(r["score_100"], lang), rank_or_tier])
    headers = [t("Country", lang), t("Edition", lang), t("Score as published", lang),
               t("Scale", lang), t("Score on 0-100", lang), t("Rank or tier", lang)]
    return html_table(headers, rows, t("GCI overall score by edition", lang),
                      numeric=(2, 4, 5))


def pillars_table(pillars: pd.DataFrame, lang: str, edition: int) -> html.Table:
    """Table twin of the pillars chart: one row per country, one column per pillar."""
    wide = pillars.pivot_table(index="country", columns="indicator_id", values="value")
    rows = [[country, *[format_number(wide.at[country, p], lang, 2) if p in wide.columns
                        else "–" for p in data.GCI_PILLARS]] for country in wide.index]
    headers = [t("Country", lang), *[t(label, lang) for label in data.GCI_PILLARS.values()]]
    return html_table(headers, rows, t("GCI {edition} pillars (each out of 20)", lang,
                                       edition=edition), numeric=range(1, 6))


def ranking_columns(edition: int, lang: str) -> list[dict]:
    """DataTable columns of the ranking for an edition (rank for 2020, tier for 2024)."""
    number = {"type": "numeric", "format": {"specifier": ",.2~f"}}
    columns = [
        {"id": "country", "name": t("Country", lang), "presentation": "markdown"},
        {"id": "score", "name": t("Score (0-100)", lang), **number},
    ]
    if edition >= data.BREAK_EDITION:
        columns.append({"id": "tier", "name": t("Tier", lang), "type": "text"})
    else:
        columns.append({"id": "rank", "name": t("Rank", lang), "type": "numeric"})
    columns.append({"id": "change", "name": t("Change vs previous edition (points, 0-100 basis)",
                                              lang),
                    "type": "numeric", "format": {"specifier": "+,.2~f"}})
    columns.append({"id": "previous", "name": t("Previous edition", lang), "type": "numeric"})
    if edition < data.BREAK_EDITION:
        columns.append({"id": "rank_change", "name": t("Places gained", lang),
                        "type": "numeric", "format": {"specifier": "+d"}})
    return columns


def ranking_rows(overall: pd.DataFrame, edition: int, lang: str) -> list[dict]:
    """Rows of the ranking table for one edition, best score first."""
    rows = []
    chosen = overall[overall["edition"] == edition].sort_values("score_100", ascending=False)
    for _, r in chosen.iterrows():
        label = data.tier_msgid(r["tier"])
        rows.append({
            "iso3": r["iso3"],
            "country": f"[{r['country']}]({href('/country/' + r['iso3'], lang)})",
            "score": float(r["score_100"]),
            "tier": t("{tier} – {label}", lang, tier=int(r["tier"]), label=t(label, lang))
            if label else None,
            "rank": None if pd.isna(r["rank"]) else int(r["rank"]),
            "change": None if pd.isna(r["change_100"]) else float(r["change_100"]),
            "previous": None if pd.isna(r["prev_edition"]) else int(r["prev_edition"]),
            "rank_change": None if pd.isna(r["rank_change"]) else int(r["rank_change"]),
        })
    return rows


def ranking_note(edition: int, lang: str) -> str:
    """What the change columns mean for the edition."""
    if edition >= data.BREAK_EDITION:
        return t("GCI {edition} publishes tiers, not ranks: there is no rank and no rank "
                 "change across the methodology break. Score changes are in points on 0-100.",
                 lang, edition=edition)
    return t("Changes against an edition published on 0-1 are computed on the rescaled 0-100 "
             "basis.", lang)


def compare_view(engine: Engine, countries: list[str], edition: int, lang: str) -> dict:
    """Every output of the page for a selection: figures, twins, table, sources, link."""
    observations = data.gci_observations(engine, countries, lang)
    overall = data.with_changes(observations[observations["indicator_id"] == data.GCI_OVERALL])
    pillars = data.gci_pillars(engine, countries, editions=[edition], lang=lang)
    # Keep the picker's order so colours follow the selection.
    order = {code: i for i, code in enumerate(countries)}
    overall = overall.sort_values(["iso3", "edition"], key=lambda s: s.map(order)
                                  if s.name == "iso3" else s)
    pillars = pillars.sort_values("iso3", key=lambda s: s.map(order))
    pillar_title = t("GCI {edition} pillars (each out of 20)", lang, edition=edition)
    shown = observations[observations["indicator_id"] == data.GCI_OVERALL]
    return {
        "trend": figures.gci_trend_figure(overall, lang),
        "trend_twin": trend_table(overall, lang),
        "pillars": figures.pillars_figure(pillars, lang, series="country", title=pillar_title),
        "pillars_twin": pillars_table(pillars, lang, edition),
        "ranking_columns": ranking_columns(edition, lang),
        "ranking_rows": ranking_rows(overall, edition, lang),
        "ranking_note": ranking_note(edition, lang),
        "sources": sources_block(shown, lang),
        "permalink": href(PATH, lang, countries=",".join(countries), edition=edition),
    }


# ---------------------------------------------------------------- callbacks (plain functions)


def countries_for_group(group_id: str | None) -> list[str] | object:
    """The picker's value for a peer-group preset: its members that have a GCI score."""
    if not group_id:
        return no_update
    engine = data.current_engine()
    with_gci = {o["value"] for o in data.gci_country_options(engine, "en")}
    return [code for code in data.group_members(engine, group_id) if code in with_gci]


def update_view(countries: list[str] | None, edition: int | str | None, lang: str | None):
    """Outputs of the page for the picker and edition (in the order of the callback)."""
    lang = normalize_lang(lang)
    try:
        year = int(edition) if edition is not None else data.BREAK_EDITION
    except (TypeError, ValueError):
        year = data.BREAK_EDITION
    view = compare_view(data.current_engine(), list(countries or []), year, lang)
    return (view["trend"], table_twin(view["trend_twin"], lang), view["pillars"],
            table_twin(view["pillars_twin"], lang), view["ranking_columns"],
            view["ranking_rows"], view["ranking_note"], view["sources"], view["permalink"])


def register_callbacks(app: dash.Dash) -> None:
    """Wire the page's callbacks on ``app``."""
    app.callback(
        Output(ID_COUNTRIES, "value"),
        Input(ID_GROUP, "value"),
        prevent_initial_call=True,
    )(countries_for_group)
    app.callback(
        Output(ID_TREND, "figure"),
        Output(ID_TREND_TWIN, "children"),
        Output(ID_PILLARS, "figure"),
        Output(ID_PILLARS_TWIN, "children"),
        Output(ID_RANKING, "columns"),
        Output(ID_RANKING, "data"),
        Output(ID_RANKING_NOTE, "children"),
        Output(ID_SOURCES, "children"),
        Output(ID_PERMALINK, "href"),
        Input(ID_COUNTRIES, "value"),
        Input(ID_EDITION, "value"),
        State(ID_LANG, "data"),
        prevent_initial_call=True,
    )(update_view)


# ---------------------------------------------------------------- layout


def read_query(engine: Engine, countries: object, group: object, edition: object,
               lang: str) -> tuple[list[str], str | None, int, list[str]]:
    """The selection a URL asks for, and notices for what in it was not understood."""
    notices: list[str] = []
    available = {o["value"] for o in data.gci_country_options(engine, "en")}
    group_ids = {o["value"] for o in data.group_options(engine)}
    chosen_group = str(group) if group else None
    if chosen_group and chosen_group not in group_ids:
        notices.append(t("Unknown peer group “{group}”: ignored.", lang, group=chosen_group))
        chosen_group = None
    wanted = data.parse_iso3_list(countries)
    if not wanted and chosen_group:
        wanted = data.group_members(engine, chosen_group)
    picked = [c for c in wanted if c in available]
    dropped = [c for c in wanted if c not in available]
    if dropped and countries:
        notices.append(t("No GCI score for these codes, left out: {codes}.", lang,
                         codes=", ".join(dropped)))
    if not picked:
        picked = [c for c in default_countries(engine) if c in available]
    try:
        year = int(str(edition)) if edition else data.BREAK_EDITION
    except ValueError:
        year = -1
    if year not in data.PILLAR_EDITIONS:
        notices.append(t("Edition “{edition}” has no pillar scores; showing {default}.", lang,
                         edition=edition, default=data.BREAK_EDITION))
        year = data.BREAK_EDITION
    return picked, chosen_group, year, notices


def layout(lang: str = "en", countries: str | None = None, group: str | None = None,
           edition: str | None = None, **_query: object) -> html.Div:
    """The compare page in ``lang`` for the selection in the URL."""
    lang = normalize_lang(lang)
    engine = data.current_engine()
    picked, chosen_group, year, notices = read_query(engine, countries, group, edition, lang)
    view = compare_view(engine, picked, year, lang)
    country_options = data.gci_country_options(engine, lang)
    group_options = [{"label": t(o["label"], lang), "value": o["value"]}
                     for o in data.group_options(engine)]
    dropdown_labels = {
        "select_all": t("Select all", lang), "deselect_all": t("Deselect all", lang),
        "selected_count": t("{num_selected} selected", lang), "search": t("Search", lang),
        "clear_search": t("Clear search", lang), "clear_selection": t("Clear selection", lang),
        "no_options_found": t("No options found", lang),
    }
    controls = html.Div([
        html.Div([
            html.Label(t("Peer group preset", lang), htmlFor=ID_GROUP, id=f"{ID_GROUP}-label"),
            dcc.Dropdown(id=ID_GROUP, options=group_options, value=chosen_group,
                         placeholder=t("Choose a group to fill the picker", lang),
                         clearable=True, labels=dropdown_labels),
        ], className="ci-control"),
        html.Div([
            html.Label(t("Countries", lang), htmlFor=ID_COUNTRIES,
                       id=f"{ID_COUNTRIES}-label"),
            dcc.Dropdown(id=ID_COUNTRIES, options=country_options, value=picked, multi=True,
                         placeholder=t("Choose countries", lang), labels=dropdown_labels),
        ], className="ci-control ci-control-wide"),
        html.Fieldset([
            html.Legend(t("Edition for the pillars and the table", lang)),
            dcc.RadioItems(id=ID_EDITION, value=year, inline=True,
                           options=[{"label": str(e), "value": e} for e in data.PILLAR_EDITIONS]),
        ], className="ci-control"),
    ], className="ci-controls", role="group", **{"aria-label": t("Selection", lang)})
    trend_label = t("GCI overall score by edition", lang)
    content = [
        html.H1(t("Compare countries", lang)),
        html.P(t("Scores from 2014 to 2018 were published on a 0-1 scale and are shown ×100. "
                 "The line stops before 2024: that edition uses tiers and publishes no ranks.",
                 lang), className="ci-lede"),
        dcc.Store(id=ID_LANG, data=lang),
        controls,
        html.Div([notice(n, "warning") for n in notices], id=ID_NOTICES),
        html.P(html.A(t("Link to this view", lang), id=ID_PERMALINK, href=view["permalink"]),
               className="ci-permalink"),
        figure_block(ID_TREND, view["trend"], trend_label,
                     html.Div(table_twin(view["trend_twin"], lang), id=ID_TREND_TWIN)),
        figure_block(ID_PILLARS, view["pillars"], t("GCI pillars", lang),
                     html.Div(table_twin(view["pillars_twin"], lang), id=ID_PILLARS_TWIN)),
        html.H2(t("Scores, ranks or tiers, and changes", lang)),
        html.P(view["ranking_note"], id=ID_RANKING_NOTE, className="ci-note"),
        dash_table.DataTable(
            id=ID_RANKING, columns=view["ranking_columns"], data=view["ranking_rows"],
            sort_action="native", sort_mode="single", cell_selectable=False,
            markdown_options={"link_target": "_self"},
            **({"locale_format": {"decimal": ",", "group": "\u202f"}} if lang == "fr" else {}),
            style_table={"overflowX": "auto"},
            style_cell={"textAlign": "right" if lang == "ar" else "left",
                        "fontFamily": "inherit", "padding": "6px"},
            style_header={"fontWeight": "600", "whiteSpace": "normal"},
        ),
        html.Div(view["sources"], id=ID_SOURCES),
    ]
    params = {"countries": ",".join(picked), "edition": year, "group": chosen_group}
    return page_shell(lang, PATH, content, params)
