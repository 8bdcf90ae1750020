"""Cross-index: GCI, NCSI and EGDI side by side for a list of countries or a peer group, with
INTERPOL findings as cited statements (never as scores: each with the figure it gives for the
country and the source's note; the project's own claim check shown apart and not counted) and
the methodology breaks.

For each index the latest edition of each country is shown as published, and as a percentile
within the selection computed only among countries of that same edition (see
:mod:`etl.crossindex`), on the score where one is published, else on the rank; the page says
which edition and basis each percentile stands on. The percentile is the share of the other
selected countries (same edition) it scores at or above: 100 = best of the group, ties
included; 0 = below all the others; alone in its edition, 100. A peer-group preset selects
its members and the watched countries, as on the Compare page (:mod:`dashboard.peer_selection`),
and the line under the picker names the selection ("Gulf Cooperation Council (GCC) + Morocco
— 7 countries"). The URL holds the view (``?v=1&group=maghreb&lang=ar``,
``?v=1&country=MAR,OMN,SAU``, see :mod:`dashboard.url_state`), writing only what differs
from the defaults; changing the preset or the picker pushes a history entry without reloading
(Back returns to the previous selection). Editing the picker to anything but what the preset
selects clears the preset; emptied, the URL says so (``?v=1&country=&group=``: no country, no
preset), as the Compare page writes an empty picker. A link naming a preset and other
countries keeps the countries, with a notice that the preset is not applied. Older links (``countries=MAR,OMN``) still open; unknown
values are left out with a notice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import parse_qsl

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html, no_update
from sqlalchemy.engine import Engine

from dashboard import data, figures, peer_selection, provenance, rank_texts, url_state
from dashboard.downloads import download_links
from dashboard.elements import aria_attrs
from dashboard.figures_crossindex import (
    INDEX_KEYS,
    basis_short,
    basis_text,
    percentile_dots_figure,
)
from dashboard.i18n import N_, fill, format_day, format_number, normalize_lang, t, tn
from dashboard.layout import (
    CREDIT_CROSS_INDEX,
    catalog_element,
    catalog_text,
    dropdown_labels,
    figure_block,
    href,
    html_table,
    link_list,
    notice,
    page_shell,
    scroll_region,
    table_twin,
)
from dashboard.statement_texts import (
    MSG_ANALYSIS,
    figure_text,
    is_own_analysis,
    statement_element,
    statement_note,
    verdict_element,
)
from etl import collation
from etl.crossindex import INDICES
from etl.export import ExportFilter

dash.register_page(__name__, path="/cross-index", name="Cross-index", order=3,
                   title="cyberindex", nav_label=N_("Cross-index"))

PATH = "/cross-index"
PREFIX = "crossindex"
ID_URL = "crossindex-url"
DEFAULT_GROUP = "gcc"
ID_LANG = "crossindex-lang"
ID_GROUP = "crossindex-group"
ID_COUNTRIES = "crossindex-countries"
ID_NOTICES = "crossindex-notices"
ID_SELECTION = "crossindex-selection"
ID_CHART = "crossindex-chart"
ID_TWIN = "crossindex-twin"
ID_BASIS = "crossindex-basis"
ID_TABLE = "crossindex-table"
ID_BREAKS = "crossindex-breaks"
ID_STATEMENTS = "crossindex-statements"
INTERPOL_SOURCE = "interpol_act"

# What the percentile is (etl.crossindex.percentile_within), as the page says it.
LEDE = N_("Each index is shown as its publisher gives it, and as a percentile within the "
          "countries selected here: the share of the other selected countries it scores at or "
          "above (100 = best of the group, ties included; 0 = below all the others; a country "
          "alone in its edition reads 100). A percentile only compares countries in the same "
          "edition of an index, on the score where one is published, else on the rank (a "
          "lower rank is better).")

# Short names for the chart's rows and the table's column groups.
INDEX_SHORT: dict[str, str] = {
    "gci": data.INDEX_SHORT_NAMES["itu_gci"],
    "ncsi": data.INDEX_SHORT_NAMES["ncsi"],
    "egdi": data.INDEX_SHORT_NAMES["un_egdi"],
}


def index_labels(lang: str) -> dict[str, str]:
    return {key: t(label, lang) for key, label in INDEX_SHORT.items()}


# ---------------------------------------------------------------- view pieces (plain functions)


def value_cell(row: pd.Series, key: str, lang: str) -> object:
    """An index's latest value as published: score and scale, edition, rank or tier, badge."""
    edition = row.get(f"{key}_edition")
    if edition is None or pd.isna(edition):
        return "–"
    parts: list = []
    value = row.get(f"{key}_value")
    if value is not None and not pd.isna(value):
        parts.append(html.Strong(format_number(value, lang, data.PUBLISHED_DIGITS)))
        parts.append(" " + rank_texts.scale_words(row.get(f"{key}_scale"), lang))
    else:
        parts.append(t("no score published", lang))
    extra = [t("edition {edition}", lang, edition=int(edition))]
    tier, label = row.get(f"{key}_tier"), data.tier_msgid(row.get(f"{key}_tier"))
    if bool(row.get(f"{key}_held_out", False)):  # a flagged placeholder: placed nowhere
        extra.append(rank_texts.not_placed_text(lang))
    elif key == "gci" and label:
        extra.append(t("Tier {tier}: {label}", lang, tier=int(tier), label=t(label, lang)))
    elif row.get(f"{key}_rank") is not None and not pd.isna(row.get(f"{key}_rank")):
        extra.append(t("Rank {rank}", lang, rank=format_number(row[f"{key}_rank"], lang, 0)))
    parts += [html.Br(), html.Span(" · ".join(extra), className="ci-cell-detail")]
    badge = provenance.correction_badge(row.get(f"{key}_correction"), lang)
    if badge:
        parts += [html.Br(), badge]
    # Sources that disagree on the value say so here as on every other page (the ledger's
    # badge above, when there is one, is a separate mark: a conflict needs no ledger entry).
    disputed = provenance.conflict_badge(row.get(f"{key}_verification"), lang)
    if disputed:
        parts += [html.Br(), disputed]
    return html.Span(parts)


def percentile_cell(row: pd.Series, key: str, lang: str) -> object:
    """``100 (by score, 7 countries)``: at or above all 6 others; "–" without a percentile.
    The percentile on a line of its own, what it stands on under it, smaller (in a phone's
    narrow column the whole had wrapped a word a line)."""
    value = row.get(f"{key}_percentile")
    if value is None or pd.isna(value):
        return "–"
    said = tn("{percentile} ({basis}, {n} country)", "{percentile} ({basis}, {n} countries)",
              row.get(f"{key}_group_n"), lang, percentile="{percentile}",
              basis=basis_short(row.get(f"{key}_basis"), lang),
              n=format_number(row.get(f"{key}_group_n"), lang, 0))
    pieces = fill(said, "{percentile}", percentile=html.Span(format_number(value, lang, 0),
                                                             className="ci-percentile"))
    return html.Span([html.Span(piece, className="ci-percentile-basis")
                      if isinstance(piece, str) else piece for piece in pieces],
                     className="ci-percentile-cell")


def side_by_side_table(frame: pd.DataFrame, lang: str) -> dict:
    """One row per country: for each index the value as published and the percentile."""
    labels = index_labels(lang)
    rows = []
    for _, r in frame.iterrows():
        cells: list = [html.A(r["country"], href=href(f"/country/{r['iso3']}", lang))]
        for key in INDEX_KEYS:
            cells += [value_cell(r, key, lang), percentile_cell(r, key, lang)]
        # INTERPOL's report is African: outside its scope a count of 0 would read as "none".
        cells.append(format_number(r["interpol_statements"], lang, 0)
                     if bool(r.get("interpol_covered", True))
                     else t("not covered by the report", lang))
        rows.append(cells)
    headers = [t("Country", lang)]
    for key in INDEX_KEYS:
        headers += [t("{index}: latest value", lang, index=labels[key]),
                    t("{index}: percentile among the selected countries", lang,
                      index=labels[key])]
    headers.append(t("INTERPOL statements (count, not a score)", lang))
    return html_table(headers, rows, t("GCI, NCSI and EGDI side by side", lang),
                      table_id=ID_TABLE, numeric=(2, 4, 6, 7))


def percentile_table(frame: pd.DataFrame, lang: str) -> dict:
    """Table twin of the chart: the percentile per country and index."""
    labels = index_labels(lang)
    rows = [[r["country"], *[percentile_cell(r, key, lang) for key in INDEX_KEYS]]
            for _, r in frame.iterrows()]
    return html_table([t("Country", lang), *[labels[k] for k in INDEX_KEYS]], rows,
                      t("Percentile within the selected countries, by index", lang),
                      numeric=(1, 2, 3))


def basis_lines(frame: pd.DataFrame, lang: str) -> list[str]:
    """Per index and edition: how many countries the percentiles compare, on what basis."""
    if frame.empty:  # the picker cleared
        return [t("Choose one or more countries above to compare them.", lang)]
    labels = index_labels(lang)
    lines = []
    for key in INDEX_KEYS:
        column = f"{key}_edition"
        part = frame[frame[column].notna()] if column in frame else frame.iloc[0:0]
        if part.empty:
            lines.append(t("{index}: no value for these countries.", lang, index=labels[key]))
            continue
        held = part[f"{key}_held_out"] if f"{key}_held_out" in part else part[column].isna()
        note = rank_texts.held_out_note(pd.DataFrame(
            {"country": part.loc[held, "country"], "edition": part.loc[held, column]}), lang)
        part = part[~held]
        for (edition, basis), rows in part.groupby([f"{key}_edition", f"{key}_basis"],
                                                   sort=True, dropna=False):
            lines.append(t("{index} {edition}: percentile {basis}, among {n} of the selected "
                           "countries.", lang, index=labels[key], edition=int(edition),
                           basis=basis_text(basis, lang), n=format_number(len(rows), lang, 0)))
        if note:
            lines.append(note)
    return lines


def breaks_block(breaks: pd.DataFrame, lang: str) -> html.Div:
    """The methodology breaks of the three indices (as the sources declare them)."""
    labels = {indicator_id: index_labels(lang)[key]
              for key, (indicator_id, _) in INDICES.items()}
    items = [
        html.Li([
            html.Strong(t("{index}, {edition}:", lang, index=labels.get(r.indicator_id,
                                                                        r.indicator_id),
                          edition=int(r.edition))),
            " ", catalog_text(r.note, lang), " ",
            *(link_list([r.source_url]) if isinstance(r.source_url, str) and r.source_url
              else []),
        ])
        for r in breaks.itertuples(index=False)
    ]
    body = html.Ul(items, className="ci-breaks") if items else html.P(
        t("No methodology break is declared for these indices.", lang))
    return html.Div([html.H2(t("Methodology breaks", lang)),
                     html.P(t("Values on either side of a break are not comparable; "
                              "percentiles only compare countries within one edition.", lang),
                            className="ci-note"),
                     body], id=ID_BREAKS)


def published_text(value: str, lang: str) -> str:
    """"published <date>" in ``lang``: a date as the language writes it, a date told in words
    ("2024 (article 30 May 2024)") as the catalog translates it."""
    when = t(value, lang) if any(c.isalpha() for c in value) else format_day(value, lang)
    return t("published {date}", lang, date=when)


def statement_item(r: Any, names: dict[str, str], lang: str) -> html.Li:
    """One cited finding: the statement, the figure it gives for the country with its unit,
    the source's note, the citation with the kind of source, and its links. The statement,
    the report, the kind of source and the note in the page's language where the catalog has
    them (dashboard.i18n.DATA_MESSAGES), else in English, marked so."""
    cite = [catalog_element(html.Cite, r.report_title, lang)
            if isinstance(r.report_title, str) and r.report_title
            else html.Cite(r.source_id, lang="en")]
    if isinstance(r.publication_date, str) and r.publication_date:
        cite.append(" · " + published_text(r.publication_date, lang))
    if isinstance(r.source_kind, str) and r.source_kind:
        cite += [" · ", t("Source kind:", lang), " ",
                 catalog_element(html.Span, r.source_kind, lang)]
    figure = figure_text(r, lang)
    return html.Li([
        statement_element(html.Blockquote, r, names, lang, className="ci-statement"),
        html.Div(figure, className="ci-statement-figure") if figure else None,
        note_element(r, lang),
        html.Div(cite, className="ci-citation"),
        html.Div(link_list(data.split_urls(r.source_url)), className="ci-source-links"),
    ])


def note_element(r: object, lang: str) -> html.Div | None:
    """"Note: ..." of a statement (how to read it, a conflict between outlets); None
    without one."""
    note = statement_note(r)
    if note is None:
        return None
    return html.Div([t("Note:", lang), " ", catalog_element(html.Span, note, lang)],
                    className="ci-statement-note")


def analysis_item(r: Any, lang: str) -> html.Li:
    """The project's own check of a claim against the cited sources, said to be so (not a
    quote, not counted with them): its text, its verdict, its note and the sources read."""
    verdict = verdict_element(r, lang)
    return html.Li([
        html.P(t(MSG_ANALYSIS, lang), className="ci-note"),
        catalog_element(html.P, r.statement, lang, className="ci-analysis"),
        html.Div(verdict, className="ci-statement-figure") if verdict else None,
        note_element(r, lang),
        html.Div(link_list(data.split_urls(r.source_url)), className="ci-source-links"),
    ])


def statements_block(statements: pd.DataFrame, names: dict[str, str], lang: str,
                     order: Sequence[str] = ()) -> html.Div:
    """Cited findings per country, as text with citation and source kind (never scores), then
    the project's own analyses of them, apart. The countries come in ``order`` (the table's
    rows), any other after them by name: never in the order the database returned them."""
    sections: list[html.Section | html.P] = []
    place = {code: i for i, code in enumerate(order)}
    groups = dict(tuple(statements.groupby("iso3", sort=False)))
    for iso3 in sorted(groups, key=lambda c: (place.get(c, len(place)),
                                              collation.sort_key(names.get(c, c)))):
        rows = groups[iso3]
        ordered = rows.sort_values("edition", na_position="first").itertuples(index=False)
        cited, own = [], []
        for r in ordered:
            if is_own_analysis(r):
                own.append(analysis_item(r, lang))
            else:
                cited.append(statement_item(r, names, lang))
        sections.append(html.Section([
            html.H3(names.get(iso3, iso3)),
            html.Ul(cited, className="ci-statements") if cited else None,
            html.Ul(own, className="ci-statements ci-analyses") if own else None,
        ]))
    if not sections:
        sections = [html.P(t("No cited statement about these countries.", lang))]
    return html.Div([
        html.H2(t("INTERPOL findings and other statements", lang)),
        html.P(t("These are findings quoted from reports and the press, shown as text with "
                 "their citation and the kind of source. They are not scores and are not "
                 "ranked or averaged.", lang), className="ci-note"),
        *sections,
    ], id=ID_STATEMENTS)


def crossindex_view(engine: Engine, countries: list[str], lang: str) -> dict:
    """Every output of the page for a selection."""
    frame = data.cross_index(engine, countries) if countries else pd.DataFrame(
        columns=["iso3", "country", "interpol_statements"])
    names = data.country_names(engine, lang)
    frame["country"] = frame["iso3"].map(names).fillna(frame["country"])
    statements = data.statements(engine, countries) if countries else pd.DataFrame(
        columns=["iso3"])
    breaks = data.methodology_breaks(engine, [ind for ind, _ in INDICES.values()])
    labels = index_labels(lang)
    focus = data.current_settings().watched_countries
    return {
        # Each country keeps its Compare colour and symbol (its place in the selection; the
        # watched countries' colours are theirs alone); the watched countries are drawn on
        # top as rings, as on the Compare page.
        "figure": percentile_dots_figure(frame, labels, lang,
                                         styles=figures.country_styles(countries, focus),
                                         focus=focus),
        "twin": table_twin(percentile_table(frame, lang), lang),
        "basis": html.Ul([html.Li(line) for line in basis_lines(frame, lang)]),
        "table": scroll_region(side_by_side_table(frame, lang),
                               t("GCI, NCSI and EGDI side by side", lang)),
        "breaks": breaks_block(breaks, lang),
        "statements": statements_block(statements, names, lang, order=list(frame["iso3"])),
    }


def update_downloads(countries: list[str] | None, lang: str | None
                     ) -> tuple[html.Div | None, html.Div | None]:
    """Callback: the download links of the table and of the statements for the picker."""
    lang = normalize_lang(lang)
    engine = data.current_engine()
    known = data.known_iso3(engine)
    return downloads(engine, [c for c in data.parse_iso3_list(countries or []) if c in known],
                     lang)


def downloads(engine: Engine, countries: list[str], lang: str
              ) -> tuple[html.Div | None, html.Div | None]:
    """Download links of the side-by-side table and of the statements, for the selection (the
    routes of the one export path, :mod:`etl.export`: the same rows from the API and the CLI),
    each with the link to this view; none without a country (the page shows none)."""
    if not countries:
        return None, None
    wanted = ExportFilter(countries=tuple(countries))
    path = PATH + encode(engine, url_state.ViewState(countries=tuple(countries), lang=lang))
    view = url_state.view_link(path)
    return (download_links(wanted, lang, view=view, id_prefix=ID_TABLE, dataset="crossindex",
                           label=t("Download this table:", lang)),
            download_links(wanted, lang, view=view, id_prefix=ID_STATEMENTS,
                           dataset="statements", label=t("Download these statements:", lang)))


# ---------------------------------------------------------------- callbacks (plain functions)


def countries_for_group(group_id: str | None, lang: str | None = None) -> list[str] | object:
    """The picker's value for a peer-group preset: its members and the watched countries,
    the watched first, then by name in ``lang`` (:mod:`dashboard.peer_selection`)."""
    if not group_id:
        return no_update
    return peer_selection.preset_countries(data.current_engine(), group_id,
                                           normalize_lang(lang))


def preset_for_picker(group_id: str | None, countries: list[str] | None) -> str | None | object:
    """The preset's value once the reader changed the picker: none when it no longer holds
    exactly what the preset selects (its members and the watched countries; emptied
    included: a preset shown over other countries would name a group they are not), else
    as it was."""
    if group_id and not peer_selection.is_preset(data.current_engine(), group_id, countries):
        return None
    return no_update


def sync_controls(group_id: str | None, countries: list[str] | None, lang: str | None = None,
                  trigger: str | None = None) -> tuple[object, object]:
    """Callback: (preset, picker). Choosing a preset fills the picker with what it selects;
    editing the picker to anything else clears the preset. One callback for both, as Dash
    wants for two controls that set each other; ``trigger`` is the id that changed (Dash's
    by default)."""
    trigger = trigger or dash.ctx.triggered_id
    if trigger == ID_COUNTRIES:
        return preset_for_picker(group_id, countries), no_update
    return no_update, countries_for_group(group_id, lang)


def update_selection(group_id: str | None, countries: list[str] | None,
                     lang: str | None) -> str:
    """Callback: the selection in words (the preset shown only over what it selects)."""
    lang = normalize_lang(lang)
    engine = data.current_engine()
    known = data.known_iso3(engine)
    picked = [c for c in data.parse_iso3_list(countries or []) if c in known]
    group = peer_selection.preset_shown(engine, group_id, picked)
    return peer_selection.selection_text(engine, group, picked, lang)


def update_view(countries: list[str] | None, lang: str | None):
    """Outputs of the page for the picked countries (in the order of the callback)."""
    lang = normalize_lang(lang)
    engine = data.current_engine()
    known = data.known_iso3(engine)
    picked = [c for c in data.parse_iso3_list(countries or []) if c in known]
    view = crossindex_view(engine, picked, lang)
    return (view["figure"], view["twin"], view["basis"], view["table"], view["breaks"],
            view["statements"])


def update_url(group: str | None, countries: list[str] | None, lang: str | None,
               search: str | None) -> str | object:
    """Callback: the URL of the controls' view (only what differs from the defaults; the
    Arabic digits already in the URL are kept). Never raises."""
    try:
        engine = data.current_engine()
        known = data.known_iso3(engine)
        picked = tuple(c for c in data.parse_iso3_list(countries or []) if c in known)
        # The preset's value may reach this callback before it is cleared: the URL names a
        # preset only over what it selects.
        group = peer_selection.preset_shown(engine, str(group) if group else None, picked)
        state = url_state.ViewState(countries=picked, groups=(group,) if group else (),
                                    lang=normalize_lang(lang))
        return url_state.with_passed_through(encode(engine, state), search)
    except Exception:  # noqa: BLE001 - the address bar must never break the page
        return no_update


def register_callbacks(app: dash.Dash) -> None:
    """Wire the page's callbacks on ``app``."""
    peer_selection.register_picker_callbacks(app, ID_GROUP, ID_COUNTRIES, ID_SELECTION, ID_LANG,
                                             sync_controls, update_selection)
    app.callback(
        Output(ID_CHART, "figure"),
        Output(ID_TWIN, "children"),
        Output(ID_BASIS, "children"),
        Output(ID_TABLE + "-box", "children"),
        Output(ID_BREAKS + "-box", "children"),
        Output(ID_STATEMENTS + "-box", "children"),
        Input(ID_COUNTRIES, "value"),
        State(ID_LANG, "data"),
        prevent_initial_call=True,
    )(update_view)
    app.callback(
        Output(ID_TABLE + "-downloads", "children"),
        Output(ID_STATEMENTS + "-downloads", "children"),
        Input(ID_COUNTRIES, "value"),
        State(ID_LANG, "data"),
        prevent_initial_call=True,
    )(update_downloads)
    app.callback(
        Output(ID_URL, "search"),
        Input(ID_GROUP, "value"),
        Input(ID_COUNTRIES, "value"),
        State(ID_LANG, "data"),
        State(ID_URL, "search"),
        prevent_initial_call=True,
    )(update_url)
    url_state.register_permalink_callback(app, PREFIX, ID_URL)


# ---------------------------------------------------------------- layout


def read_query(engine: Engine, countries: object, group: object, lang: str,
               empty: bool = False) -> tuple[list[str], str | None, list[str]]:
    """The selection a URL asks for (default: the GCC preset, its members and the watched
    countries), the preset it asks for, and notices for what in it was not understood.
    ``empty``: the link asks for no country (``country=``), an empty picker whatever the
    preset. A preset without countries selects what the preset selects
    (:mod:`dashboard.peer_selection`), in ``lang``'s order."""
    notices: list[str] = []
    known = data.known_iso3(engine)
    group_ids = {o["value"] for o in data.group_options(engine)}
    chosen_group = str(group) if group else None
    if chosen_group and chosen_group not in group_ids:
        notices.append(t("Unknown peer group “{group}”: ignored.", lang, group=chosen_group))
        chosen_group = None
    wanted = data.parse_iso3_list(countries)
    dropped = [c for c in wanted if c not in known]
    if dropped:
        notices.append(t("Unknown country codes, left out: {codes}.", lang,
                         codes=", ".join(dropped)))
    picked = [c for c in wanted if c in known]
    if empty:
        return [], chosen_group, notices
    if picked and chosen_group and not peer_selection.is_preset(engine, chosen_group, picked):
        # The link's list is kept and shows no preset (read_state): say the group is not.
        notices.append(t(url_state.MSG_GROUP_AND_COUNTRIES, lang,
                         group=peer_selection.group_label(engine, chosen_group, lang)))
    if not picked and chosen_group:
        picked = peer_selection.preset_countries(engine, chosen_group, lang)
    if not picked:
        chosen_group = DEFAULT_GROUP if DEFAULT_GROUP in group_ids else None
        picked = peer_selection.preset_countries(engine, chosen_group, lang) or list(
            peer_selection.watched())
    return picked, chosen_group, notices


def page_defaults(engine: Engine, lang: str = "en") -> url_state.ViewState:
    """The view of a bare ``/cross-index``: the GCC preset (its members and the watched
    countries)."""
    picked, group, _ = read_query(engine, None, None, lang)
    return url_state.ViewState(countries=tuple(picked), groups=(group,) if group else ())


def encode(engine: Engine, state: url_state.ViewState) -> str:
    """The query of a view (``""`` for the default); a preset alone when the picker holds
    what it selects (in any order: each language orders it by its names)."""
    defaults = page_defaults(engine)
    if state.groups and peer_selection.is_preset(engine, state.groups[0], state.countries):
        defaults = dataclasses.replace(defaults, countries=state.countries)
    elif state.countries and not state.groups:
        # Countries that are not the default preset's show no preset when reopened: no need
        # to write "group=" (an emptied picker still writes it, as it always has).
        defaults = dataclasses.replace(defaults, groups=())
    return url_state.encode_state(state, defaults)


KNOWN = url_state.known_from(indicators=(), editions=(), tabs=(), sort_columns=())


def read_state(engine: Engine, query: Mapping[str, object] | None,
               lang: object = None) -> tuple[url_state.ViewState, list[str]]:
    """The view a URL asks for (``country=`` or the older ``countries=``, ``group=``) and
    translated notices for what in it was left out. ``country=`` with nothing in it is an
    empty picker (as on the Compare page), with the preset the link names and none by
    default (the default preset goes with the default countries). Never raises."""
    query = dict(query or {})
    if lang is not None:
        query["lang"] = lang
    try:
        state, found = url_state.decode_state(
            {k: v for k, v in query.items() if k not in url_state.PASSED_THROUGH}, KNOWN,
            url_state.ViewState())
        lang = state.lang
        empty = url_state.asks_for_none(query, "countries")
        picked, group, notices = read_query(engine, list(state.countries),
                                            state.groups[0] if state.groups else None, lang,
                                            empty=empty)
    except Exception:  # noqa: BLE001 - a link must never break the page
        lang = normalize_lang(lang)
        picked, group, notices = read_query(engine, None, None, lang)
        return (url_state.ViewState(countries=tuple(picked), groups=(group,) if group else (),
                                    lang=lang), [t(url_state.MSG_KEY, lang, name="?")])
    if group is None and not empty and not any(k in query for k in url_state.KEYS["groups"]):
        group = page_defaults(engine).groups[0] if page_defaults(engine).groups else None
    # The preset shows only over what it selects: a link naming other countries (or none) is
    # a selection of the reader's own, whichever preset it names.
    group = peer_selection.preset_shown(engine, group, picked)
    return (dataclasses.replace(state, countries=tuple(picked),
                                groups=(group,) if group else ()),
            [*notices, *(n.text(lang) for n in found)])


def layout(lang: str = "en", **query: object) -> html.Div:
    """The cross-index page in ``lang`` for the selection in the URL."""
    engine = data.current_engine()
    state, notices = read_state(engine, query, lang)
    lang = state.lang
    picked = list(state.countries)
    chosen_group = state.groups[0] if state.groups else None
    search = url_state.with_passed_through(encode(engine, state), query)
    view = crossindex_view(engine, picked, lang)
    table_downloads, statement_downloads = downloads(engine, picked, lang)
    names = data.country_names(engine, lang)
    options = sorted(({"label": names.get(c, c), "value": c} for c in data.known_iso3(engine)),
                     key=lambda o: collation.sort_key(o["label"]))
    group_options = [{"label": t(o["label"], lang), "value": o["value"]}
                     for o in data.group_options(engine)]
    dropdown_texts = dropdown_labels(lang)
    controls = html.Div([
        html.Div([
            html.Label(t("Peer group preset", lang), htmlFor=ID_GROUP),
            dcc.Dropdown(id=ID_GROUP, options=group_options, value=chosen_group,
                         placeholder=t("Choose a group to fill the picker", lang),
                         clearable=True, labels=dropdown_texts),
        ], className="ci-control"),
        html.Div([
            html.Label(t("Countries", lang), htmlFor=ID_COUNTRIES),
            dcc.Dropdown(id=ID_COUNTRIES, options=options, value=picked, multi=True,
                         placeholder=t("Choose countries", lang), labels=dropdown_texts),
        ], className="ci-control ci-control-wide"),
    ], className="ci-controls", role="group", **aria_attrs(label=t("Selection", lang)))
    chart_label = t("Percentile within the selected countries, by index", lang)
    content = [
        html.H1(t("GCI, NCSI and EGDI side by side", lang)),
        html.P(t(LEDE, lang), className="ci-lede"),
        dcc.Location(id=ID_URL, refresh=False),
        dcc.Store(id=ID_LANG, data=lang),
        controls,
        html.P(peer_selection.selection_text(engine, chosen_group, picked, lang),
               id=ID_SELECTION, className="ci-selection", **aria_attrs(live="polite")),
        html.Div([notice(n, "warning") for n in notices], id=ID_NOTICES),
        url_state.permalink_control(PREFIX, lang, url=PATH + search),
        html.H2(t("Editions and basis of the percentiles", lang)),
        html.Div(view["basis"], id=ID_BASIS),
        figure_block(ID_CHART, view["figure"], chart_label,
                     html.Div(view["twin"], id=ID_TWIN), lang=lang, credit=CREDIT_CROSS_INDEX),
        html.H2(t("Values as published", lang)),
        html.Div(view["table"], id=ID_TABLE + "-box"),
        html.Div(table_downloads, id=ID_TABLE + "-downloads"),
        html.Div(view["breaks"], id=ID_BREAKS + "-box"),
        html.Div(view["statements"], id=ID_STATEMENTS + "-box"),
        html.Div(statement_downloads, id=ID_STATEMENTS + "-downloads"),
    ]
    params = dict(parse_qsl(encode(engine, dataclasses.replace(state, lang="en")).lstrip("?"),
                            keep_blank_values=True))
    return page_shell(lang, PATH, content, params)
