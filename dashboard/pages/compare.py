"""Compare: a country picker with peer-group presets, the GCI over editions (not joined across
the 2024 break unless the reader ticks "join", ``join=1``, and then marked so), the pillars of one edition and a sortable table with changes.

The URL holds the whole view (``?v=1&country=MAR,OMN&group=gcc&edition=2020&sort=score:desc
&lang=fr``, see :mod:`dashboard.url_state`), writing only what differs from the page's
defaults: a peer-group preset alone is ``?v=1&group=gcc``. A preset selects its members and
the watched countries (:mod:`dashboard.peer_selection`, as on the Cross-index page), and the
line under the picker names the selection (the page's default said to be so); editing the
picker to anything else clears it, and a link naming a preset and other countries keeps the
countries, with a notice that the preset is not applied. Changing the picker, the preset, the
edition or the table's sort pushes a new history entry without reloading, so the back button
returns to the previous selection; older links (``countries=MAR,OMN``) still open. Emptying
the picker clears the preset too (``?v=1&country=``: no country, no preset), and that link
reopens empty, saying to choose countries. A bad or
stale value is left out with a notice and the rest of the view still loads. Under each chart,
links download that chart's rows (the API's download route, with a link back to the view).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from urllib.parse import parse_qsl, quote, urlencode

import dash
import pandas as pd
from dash import Input, Output, State, dash_table, dcc, html, no_update
from sqlalchemy.engine import Engine

from dashboard import data, figures, peer_selection, provenance, rank_texts, security, url_state
from dashboard.downloads import download_links
from dashboard.elements import aria_attrs, data_attrs
from dashboard.i18n import (
    N_,
    as_typed,
    format_names,
    format_number,
    localize_digits,
    normalize_lang,
    t,
    table_locale,
    tn,
)
from dashboard.layout import (
    dropdown_labels,
    figure_block,
    href,
    html_table,
    notice,
    page_shell,
    sources_block,
    table_twin,
    verification_text,
    whole_ranges,
)
from dashboard.rank_texts import held_out_note, not_placed_text, rank_or_tier_text
from etl import collation, export
from etl.export import ExportFilter

dash.register_page(__name__, path="/compare", name="Compare", order=1, title="cyberindex",
                   nav_label=N_("Compare"))

PATH = "/compare"
PREFIX = "compare"
ID_URL = "compare-url"
ID_LANG = "compare-lang"
ID_GROUP = "compare-group"
ID_COUNTRIES = "compare-countries"
ID_EDITION = "compare-edition"
ID_NOTICES = "compare-notices"
ID_SELECTION = "compare-selection"
ID_TREND = "compare-trend"
ID_TREND_TWIN = "compare-trend-twin"
ID_PILLARS = "compare-pillars"
ID_PILLARS_TWIN = "compare-pillars-twin"
ID_RANKING = "compare-ranking"
ID_RANKING_NOTE = "compare-ranking-note"
ID_SOURCES = "compare-sources"
ID_TREND_DOWNLOADS = "compare-trend-downloads"
ID_PILLARS_DOWNLOADS = "compare-pillars-downloads"
ID_RANKING_DOWNLOADS = "compare-ranking-downloads"
ID_LANG_SYNC = "compare-lang-sync"
ID_JOIN = "compare-join"
JOIN_KEY = "join"  # ``join=1``: the trend's lines joined across the 2024 break (default off)
JOIN_ON = "on"  # the checklist's value when ticked
RANKING_COLUMNS = ("country", "score", "tier", "rank", "change", "previous", "rank_change")
# The ranking table's rows, read back as state (checked by dashboard.security first).
security.register_input_rule(f"{ID_RANKING}.data", security.table_rows())
# Query keys the page leaves to others: the Arabic digits (dashboard.preferences).
PASSED_THROUGH = ("digits",)
MSG_NO_SCORE = N_("No GCI score for these codes, left out: {codes}.")
# Translators: under the Compare ranking, when a score in it is marked "sources disagree (see
# note)"; {flag} is the ⚑ sign.
MSG_CONFLICT_NOTE = N_("{flag} Sources disagree about a value marked so: each value printed, "
                       "and who printed it, is in the sources below and on the country's page.")
MSG_JOIN = N_("Unknown value “{value}” for joining the lines in the link; lines not joined.")


def default_countries(engine: Engine, lang: str = "en") -> list[str]:
    """The watched countries plus a few regional peers, in the order of every list of the
    page (:func:`peer_selection.ordered`: the watched first, then by name in ``lang``)."""
    return peer_selection.ordered([*peer_selection.watched(), *data.DEFAULT_PEERS],
                                  data.country_names(engine, lang), peer_selection.watched())


def is_default(engine: Engine, countries: object) -> bool:
    """Whether ``countries`` (in any order) are the page's default countries."""
    picked = set(countries) if isinstance(countries, list | tuple) else set()
    return bool(picked) and picked == set(page_defaults(engine).countries)


def selection_line(engine: Engine, group_id: str | None, countries: list[str],
                   lang: str) -> str:
    """The selection in words (:func:`peer_selection.selection_text`); the page's own default
    said to be so, not "your own choice" (the reader chose nothing)."""
    if group_id or not is_default(engine, countries):
        return peer_selection.selection_text(engine, group_id, countries, lang)
    names = data.country_names(engine, lang)
    watched = [names.get(c, c) for c in peer_selection.watched() if c in countries]
    n = len(countries)
    # Translators: the selection line under the Compare picker when it holds the page's own
    # default countries (a first visit: the reader chose nothing); {watched} names the
    # watched countries ("Morocco and Oman").
    return tn("Selection: the page's default, {watched} with regional peers — {n} country",
              "Selection: the page's default, {watched} with regional peers — {n} countries",
              n, lang, n=format_number(n, lang, 0), watched=format_names(watched, lang))


# ---------------------------------------------------------------- view pieces (plain functions)


def trend_table(overall: pd.DataFrame, lang: str) -> dict:
    """Table twin of the trend chart: every edition of every country, as published and 0-100."""
    rows = []
    for _, r in overall.sort_values(["country", "edition"]).iterrows():
        # A value the corrections ledger marks or whose sources disagree says so here too, in
        # the words the chart's hover gives it (the twin is the chart for a screen reader).
        marked = rank_texts.value_mark_text(r, lang)
        value = format_number(r["value"], lang)
        rows.append([r["country"], str(int(r["edition"])),
                     [value, " ", html.Span(marked, className="ci-badge ci-conflict")]
                     if marked else value,
                     whole_ranges(r["scale"]), format_number(r["score_100"], lang),
                     rank_or_tier_text(r, lang, "–")])
    headers = [t("Country", lang), t("Edition", lang), t("Score as published", lang),
               t("Scale", lang), whole_ranges(t("Score on 0-100", lang)),
               t("Rank or tier", lang)]
    return html_table(headers, rows, t("GCI overall score by edition", lang),
                      numeric=(2, 4))


def pillars_table(pillars: pd.DataFrame, lang: str, edition: int) -> dict:
    """Table twin of the pillars chart: one row per country, one column per pillar."""
    wide = pillars.pivot_table(index="country", columns="indicator_id", values="value")
    rows = [[country, *[format_number(wide.at[country, p], lang, 2) if p in wide.columns
                        else "–" for p in data.GCI_PILLARS]] for country in wide.index]
    headers = [t("Country", lang), *[t(label, lang) for label in data.GCI_PILLARS.values()]]
    return html_table(headers, rows, t("GCI {edition} pillars (each out of 20)", lang,
                                       edition=edition), numeric=range(1, 6))


# The ranking's cells wrap; the country keeps a width a name reads in (its mark wraps under
# it), a tier its label on one line ("1 – Role-modelling" took two lines on a desktop), the
# numbers their own. On a phone the country, the score and the rank or tier fit the screen;
# the change and the previous edition follow in the table's scroller, the change wide enough
# for its long heading (84 px wide, it took six lines and made the heading row 146 px tall;
# now three in English, five in French).
RANKING_CELL_WIDTHS = [{"if": {"column_id": "country"}, "minWidth": "7em"},
                       {"if": {"column_id": "tier"}, "minWidth": "10.5em"},
                       {"if": {"column_id": "change"}, "minWidth": "12em"}]
# A country's name is a markdown link, written as a paragraph: its margins (16 px above and
# below) made each row 64 px tall, a line of text in it.
RANKING_CSS = [{"selector": ".cell-markdown p", "rule": "margin: 0"}]


def ranking_columns(edition: int, lang: str) -> list[dict]:
    """DataTable columns of the ranking for an edition (rank for 2020, tier for 2024)."""
    number = {"type": "numeric", "format": {"specifier": ",.2~f"}}
    columns: list[dict] = [
        {"id": "country", "name": t("Country", lang), "presentation": "markdown"},
        {"id": "score", "name": t("Score (0-100)", lang), **number},
    ]
    if edition >= data.BREAK_EDITION:
        columns.append({"id": "tier", "name": t("Tier", lang), "type": "text"})
    else:
        columns.append({"id": "rank", "name": t("Rank", lang), "type": "numeric",
                        "format": {"specifier": ""}})
    columns.append({"id": "change", "name": t("Change vs previous edition (points, 0-100 basis)",
                                              lang),
                    "type": "numeric", "format": {"specifier": "+,.2~f"}})
    columns.append({"id": "previous", "name": t("Previous edition", lang), "type": "numeric",
                    "format": {"specifier": ""}})
    if edition < data.BREAK_EDITION:
        # Places gained as a plain integer: 3, −2 and 0 for an unchanged rank (d3's "+" sign
        # wrote "+0", and it has no sign for non-zero values only); the data stay numbers.
        columns.append({"id": "rank_change", "name": t("Places gained", lang),
                        "type": "numeric", "format": {"specifier": "d"}})
    return columns


def ranking_order(chosen: pd.DataFrame) -> pd.DataFrame:
    """The ranking's rows best first, ties broken so that equal scores (the countries at 100)
    keep one order on every load, in every language: score (descending), then rank (ascending,
    none last), then the country's name as the page shows it in the collation order
    (:mod:`etl.collation`), then the ISO3 code; a stable sort."""
    if chosen.empty:
        return chosen
    keys = chosen.assign(_score=chosen["score_100"].astype(float),
                         _rank=pd.to_numeric(chosen["rank"], errors="coerce"),
                         _name=chosen["country"].astype(str))
    order = collation.collated_order(
        keys, [("_score", False), ("_rank", True), ("_name", True), ("iso3", True)], ["_name"])
    return chosen.loc[order.index]


def ranking_rows(overall: pd.DataFrame, edition: int, lang: str) -> list[dict]:
    """Rows of the ranking table for one edition, best score first (:func:`ranking_order`)."""
    rows = []
    chosen = ranking_order(overall[overall["edition"] == edition])
    for _, r in chosen.iterrows():
        label = data.tier_msgid(r["tier"])
        # A value held out of derived figures (data.held_out) is ranked by its value as
        # published, and placed in no tier; its change is not computed (with_changes).
        tier = (not_placed_text(lang) if data.is_held_out(r) else
                t("{tier} – {label}", lang, tier=int(r["tier"]), label=t(label, lang))
                if label else None)
        # A value the corrections ledger marks (a placeholder 0 in a transcription) or whose
        # sources disagree says so where it is ranked, in the pages' words; the ledger's reason
        # is listed above the sources, the disagreement in the sources and the country page.
        marked = rank_texts.value_mark_text(r, lang)
        rows.append({
            "iso3": r["iso3"],
            "country": f"[{r['country']}]({href('/country/' + r['iso3'], lang)})"
                       + (f" {marked}" if marked else ""),
            "score": float(r["score_100"]),
            "tier": tier,
            "rank": None if pd.isna(r["rank"]) else int(r["rank"]),
            "change": None if pd.isna(r["change_100"]) else float(r["change_100"]),
            "previous": None if pd.isna(r["prev_edition"]) else int(r["prev_edition"]),
            "rank_change": None if pd.isna(r["rank_change"]) else int(r["rank_change"]),
            # Not columns of the table: what its download adds to each row (ranking_csv).
            "name": str(r["country"]), "edition": int(r["edition"]),
            "marks": marked, "verification": verification_text(r["verification"], lang),
            "source_document": None if pd.isna(r["source_document"])
            else str(r["source_document"]),
            "source_url": None if pd.isna(r["source_url"]) else str(r["source_url"]),
            **{key: None if pd.isna(r.get(key)) else str(r[key])
               for key in ("publisher", "retrieved_at", "snapshot_sha256")},
        })
    return rows


def ranking_csv(rows: list[dict], columns: list[dict], lang: str) -> str:
    """The ranking table as shown, as CSV: its columns under their headings in their order
    (the country by its name, numbers as numbers), its rows in the table's sort, then what
    each row's value rests on: ISO3 code, edition, its mark (:func:`rank_texts.value_marks`),
    verification, source document and links, publisher, retrieval time and the raw
    snapshot's SHA-256. The derived columns (change, places gained) are the page's own: the
    export route (etl.export) carries observations, not them; the text is written by that
    route's CSV writer (:func:`etl.export.frame_to_csv`: formula-like cells neutralised, as in
    every other file)."""
    shown = [c for c in columns if isinstance(c, dict) and c.get("id") in RANKING_COLUMNS]
    extra = [("iso3", t("ISO3 code", lang)), ("edition", t("Edition", lang)),
             ("marks", t("Mark on the value", lang)), ("verification", t("Verification", lang)),
             ("source_document", t("Source document", lang)),
             ("source_url", t("Source links", lang)), ("publisher", t("Publisher", lang)),
             ("retrieved_at", t("Retrieved (UTC)", lang)),
             ("snapshot_sha256", t("Snapshot (SHA-256)", lang))]
    # As typed, not as the page shows them: a file holds no word joiner nor bidi isolate
    # (i18n.expressions_kept_whole keeps "Score (0-100)" whole on the page).
    header = [as_typed(str(c.get("name", c["id"]))) for c in shown] + \
        [as_typed(name) for _, name in extra]
    cells = [[as_typed(value) if isinstance(value, str) else value
              for value in [row.get("name") if c["id"] == "country" else row.get(c["id"])
                            for c in shown] + [row.get(key) for key, _ in extra]]
             for row in rows]
    # Columns by position: two headings may read alike in a language.
    frame = pd.DataFrame(cells, columns=range(len(header)), dtype=object)
    return export.frame_to_csv(frame.set_axis(header, axis=1))


def ranking_downloads(rows: list[dict] | None, columns: list[dict] | None, lang: str | None,
                      edition: object = None) -> html.Div:
    """Callback (and the layout's): the link downloading the ranking table as shown (in its
    sort), a CSV written in the link itself (a UTF-8 BOM first, so a spreadsheet reads the
    Arabic and French names)."""
    lang = normalize_lang(lang)
    rows = [r for r in (rows or []) if isinstance(r, dict)]
    if not rows:
        return html.Div()
    text = "\ufeff" + ranking_csv(rows, columns if isinstance(columns, list) else [], lang)
    name = f"cyberindex-compare-ranking-{edition or rows[0].get('edition', '')}.csv"
    link = html.A(t("CSV", lang), href="data:text/csv;charset=utf-8," + quote(text),
                  download=name, className="ci-download-link", rel="nofollow",
                  id=f"{ID_RANKING}-download-csv", **data_attrs(format="csv"))
    label = t("Download this table as shown:", lang)
    return html.Div([
        html.Span(label, className="ci-download-label"),
        html.Ul([html.Li(link)], className="ci-download-list",
                style={"display": "inline-flex", "gap": "1em", "listStyle": "none",
                       "margin": "0", "padding": "0 0.5em"}),
    ], className="ci-downloads", role="group", **aria_attrs(label=label.rstrip(":")))


FLAG = rank_texts.FLAG


def corrections_block(shown: pd.DataFrame, lang: str) -> html.Div | None:
    """The selection's GCI scores the corrections ledger marks, each with its badge (the
    reason, the ledger's date and evidence); None when it marks none of them."""
    marked = shown[shown["correction"].notna()].sort_values(["edition", "country"])
    if marked.empty:
        return None
    items = [html.Li([t("{flag} {country}, GCI {edition}:", lang, flag=FLAG,
                        country=r["country"], edition=int(r["edition"])), " ",
                      provenance.value_with_correction(format_number(r["value"], lang),
                                                       r["correction"], lang)])
             for _, r in marked.iterrows()]
    return html.Div([html.H3(t("Values the corrections ledger marks", lang),
                             className="ci-sources-title"), html.Ul(items)],
                    className="ci-corrections")


def ranking_note(edition: int, lang: str) -> str:
    """What the change columns mean for the edition."""
    if edition >= data.BREAK_EDITION:
        return t("GCI {edition} publishes tiers, not ranks: there is no rank and no rank "
                 "change across the methodology break. Score changes are in points on 0-100.",
                 lang, edition=edition)
    rescaled = t("Changes against an edition published on 0-1 are computed on the rescaled "
                 "0-100 basis.", lang)
    if edition == data.SHARED_RANKS_EDITION:
        return " ".join([rank_texts.shared_ranks_note(lang), rescaled])
    previous = max((e for e in data.GCI_EDITIONS if e < edition), default=None)
    if previous == data.SHARED_RANKS_EDITION:
        return " ".join([rescaled, t("No places gained are counted from {previous}: its ranks "
                                     "are shared positions.", lang, previous=previous),
                         rank_texts.shared_ranks_note(lang)])
    return rescaled


def flag_note(overall: pd.DataFrame, edition: int, lang: str) -> list[str]:
    """What the flag beside a country in the ranking means, when one is there, and which
    countries' values were held out of the tiers and changes (:func:`data.held_out`)."""
    chosen = overall[overall["edition"] == edition]
    marked = chosen[chosen["correction"].notna()]
    # Held out: the edition's own values, and the previous ones a change would start from.
    against = {(r["iso3"], int(r["prev_edition"])) for _, r in chosen.iterrows()
               if bool(r.get("prev_held_out", False))}
    held = data.held_out_rows(overall)
    keys = zip(held["iso3"], held["edition"].astype(int), strict=True)
    said = held_out_note(held[[e == edition or (c, e) in against for c, e in keys]], lang)
    notes = [t("{flag} The corrections ledger marks this value: its reason is listed above "
               "the sources.", lang, flag=FLAG)] if len(marked) else []
    if (chosen["verification"].astype(str) == rank_texts.CONFLICT).any():
        notes.append(t(MSG_CONFLICT_NOTE, lang, flag=FLAG))
    return [*notes, *([said] if said else [])]


def compare_view(engine: Engine, countries: list[str], edition: int, lang: str,
                 join_break: bool = False) -> dict:
    """Every output of the page for a selection: figures, twins, table and sources (the trend's
    lines joined across the 2024 break, marked so, when ``join_break``)."""
    observations = data.gci_observations(engine, countries, lang)
    overall = data.with_changes(observations[observations["indicator_id"] == data.GCI_OVERALL])
    pillars = data.gci_pillars(engine, countries, editions=[edition], lang=lang)
    # Keep the picker's order: the legend follows it, and so do the colours and symbols, one
    # assignment for both charts (a country without pillar scores shifts no other's colour).
    order = {code: i for i, code in enumerate(countries)}
    overall = overall.sort_values(["iso3", "edition"], key=lambda s: s.map(order)
                                  if s.name == "iso3" else s)
    pillars = pillars.sort_values("iso3", key=lambda s: s.map(order))
    focus = data.current_settings().watched_countries
    # Morocco's and Oman's colours are theirs alone, in both charts (figures.country_styles).
    styles = figures.country_styles(countries, focus)
    names = data.country_names(engine, lang)
    selected = {code: names.get(code, code) for code in countries}
    pillar_title = t("GCI {edition} pillars (each out of 20)", lang, edition=edition)
    # The sources name their countries in one order: the watched first, then by name in
    # the page's language (as the picker's options), not by code.
    shown = observations[observations["indicator_id"] == data.GCI_OVERALL]
    listed = {code: i for i, code in enumerate(peer_selection.ordered(
        shown["iso3"], names, peer_selection.watched()))}
    shown = shown.sort_values("iso3", key=lambda s: s.map(listed), kind="stable")
    # No country chosen: say what to do, where the table and the sources would be empty.
    choose = t("Choose one or more countries above to compare them.", lang)
    return {
        "trend": figures.gci_trend_figure(overall, lang, join_break=join_break, styles=styles,
                                          focus=focus),
        "trend_twin": trend_table(overall, lang),
        "pillars": figures.pillars_figure(pillars, lang, series="country", title=pillar_title,
                                          styles=styles, selected=selected, edition=edition,
                                          focus=focus),
        "pillars_twin": pillars_table(pillars, lang, edition),
        "ranking_columns": ranking_columns(edition, lang),
        "ranking_rows": ranking_rows(overall, edition, lang),
        "ranking_note": (" ".join([ranking_note(edition, lang), *flag_note(overall, edition,
                                                                            lang)])
                         if countries else choose),
        "sources": html.Div([block for block in (corrections_block(shown, lang),
                                                  sources_block(shown, lang)) if block])
        if countries else html.Div(),
    }


# ---------------------------------------------------------------- the view in the URL


def with_score(engine: Engine) -> list[str]:
    """Countries with a GCI score: what the picker offers."""
    return [o["value"] for o in data.gci_country_options(engine, "en")]


def known_values(engine: Engine) -> url_state.Known:
    """What a link to this page may name: peer groups, the editions with pillar scores and the
    ranking's columns; no indicator and no tab. Countries are checked by :func:`read_state`."""
    return url_state.known_from(
        indicators=(), groups=[o["value"] for o in data.group_options(engine)],
        editions=data.PILLAR_EDITIONS, tabs=(), sort_columns=RANKING_COLUMNS,
    )


def page_defaults(engine: Engine, lang: str = "en") -> url_state.ViewState:
    """The view of a bare ``/compare``: the default countries with a score (in ``lang``'s
    order), the latest edition."""
    available = set(with_score(engine))
    return url_state.ViewState(
        countries=tuple(c for c in default_countries(engine, lang) if c in available),
        editions=(data.BREAK_EDITION,),
    )


def preset_members(engine: Engine, group_id: str, lang: str = "en") -> tuple[str, ...]:
    """What the preset puts in the picker: the group's members and the watched countries
    (:mod:`dashboard.peer_selection`) that have a GCI score, the watched first, then by name
    in ``lang``."""
    return tuple(peer_selection.preset_countries(engine, group_id, lang,
                                                 available=set(with_score(engine))))


def preset_shown(engine: Engine, group_id: str | None, countries: object) -> str | None:
    """The preset the page shows over ``countries``: ``group_id`` when they are what it
    selects (in any order), else none."""
    picked = list(countries) if isinstance(countries, list | tuple) else []
    return peer_selection.preset_shown(engine, group_id, picked,
                                       available=set(with_score(engine)))


def encode(engine: Engine, state: url_state.ViewState) -> str:
    """The query of a view; with a preset over what it selects (in any order: each language
    orders it by its names), just the preset."""
    defaults = page_defaults(engine)
    if (state.groups and preset_shown(engine, state.groups[0], state.countries)) or (
            not state.groups and is_default(engine, state.countries)):
        # the default countries in any language's order are the default: nothing to write
        defaults = dataclasses.replace(defaults, countries=state.countries)
    return url_state.encode_state(state, defaults)


def read_join(query: Mapping[str, object] | None) -> tuple[bool, list[url_state.Notice]]:
    """Whether a link asks for the lines joined across the break (``join=1``), and a notice for
    a value that is neither 1 nor 0 (then not joined). Never raises."""
    try:
        raw = dict(query or {}).get(JOIN_KEY)
        if isinstance(raw, list | tuple):
            raw = raw[-1] if raw else None
        if raw is None:
            return False, []
        value = str(raw).strip().lower()
        if value in ("1", "true", "on", "yes"):
            return True, []
        if value in ("0", "", "false", "off", "no"):
            return False, []
        return False, [url_state.Notice(MSG_JOIN, {"value": value[:20]})]
    except Exception:  # noqa: BLE001 - a link must never break the page
        return False, []


def join_of(value: object) -> bool:
    """Whether the join checklist is ticked."""
    return isinstance(value, list | tuple) and JOIN_ON in value


def with_join(search: str, join_break: bool) -> str:
    """``search`` plus ``join=1`` when the lines are joined (nothing at the default, off)."""
    if not join_break:
        return search
    if not search:
        return f"?{url_state.VERSION_KEY}={url_state.VERSION}&{JOIN_KEY}=1"
    return f"{search}&{JOIN_KEY}=1"


def read_state(engine: Engine, query: Mapping[str, object],
               lang: object = None) -> tuple[url_state.ViewState, list[url_state.Notice]]:
    """The view a URL asks for, cleaned, and a notice for each thing in it left out.

    Earlier links (``countries=MAR,OMN``) read too. A preset without countries fills the picker
    with its members; no usable country at all gives the default countries; ``country=`` with
    nothing in it is an empty picker, with no preset whatever the link names. One edition and
    one sort column are kept. Never raises.
    """
    query = {str(k): v for k, v in dict(query or {}).items()
             if k not in PASSED_THROUGH and k != JOIN_KEY}
    if lang is not None:
        query["lang"] = lang
    defaults = page_defaults(engine, normalize_lang(query.get("lang")))
    try:
        state, notices = url_state.decode_state(
            query, known_values(engine), dataclasses.replace(defaults, countries=()))
    except Exception:  # noqa: BLE001 - a link must never break the page (decode_state shouldn't)
        return defaults, [url_state.Notice(url_state.MSG_KEY, {"name": "?"})]
    available = set(with_score(engine))
    everyone = data.known_iso3(engine)
    unscored = [c[:20] for c in state.countries if c not in available and c in everyone]
    unknown = [c[:20] for c in state.countries if c not in everyone]
    if unknown:
        notices.insert(0, url_state.Notice(url_state.MSG_COUNTRY, {"values": ", ".join(unknown)}))
    if unscored:
        notices.insert(0, url_state.Notice(MSG_NO_SCORE, {"codes": ", ".join(unscored)}))
    countries = tuple(c for c in state.countries if c in available)
    listed = bool(countries)  # the link's own list of countries is what the page shows
    groups = state.groups[:1]
    if url_state.asks_for_none(query, "countries"):
        # An emptied picker has no preset (emptying it clears the preset): a link that names
        # one with no country, as this page wrote them before, reopens empty too.
        groups = ()
    elif not countries:
        countries = (preset_members(engine, groups[0], state.lang) if groups else ()) \
            or defaults.countries
    # The preset shows only over what it selects: a link naming other countries is a
    # selection of the reader's own, whichever preset it names, and the page says so.
    shown = preset_shown(engine, groups[0], countries) if groups else None
    if groups and not shown and listed:
        notices.append(url_state.Notice(url_state.MSG_GROUP_AND_COUNTRIES, {
            "group": peer_selection.group_label(engine, groups[0], state.lang)}))
    groups = (shown,) if shown else ()
    return dataclasses.replace(
        state, countries=countries, groups=groups, editions=state.editions[:1] or
        defaults.editions, sort=(state.sort or "").split(",")[0] or None), notices


def state_of(group: object, countries: object, edition: object, sort: list[dict] | None,
             lang: object) -> url_state.ViewState:
    """The view state of the controls (values the controls can hold are trusted as is)."""
    try:
        year = int(str(edition)) if edition is not None else data.BREAK_EDITION
    except ValueError:
        year = data.BREAK_EDITION
    if isinstance(countries, str):
        countries = [countries]
    picked = list(countries) if isinstance(countries, list | tuple) else []
    picked = list(dict.fromkeys(str(c) for c in picked))
    # A preset only over what it selects (sync_controls clears it otherwise, an emptied
    # picker included; its value may reach the URL callback before it is cleared).
    shown = preset_shown(data.current_engine(), str(group), picked) if group else None
    return url_state.ViewState(
        countries=tuple(picked), groups=(shown,) if shown else (), editions=(year,),
        sort=url_state.sort_text(sort), lang=normalize_lang(lang),
    )


def with_passed_through(search: str, old: str | Mapping[str, object] | None) -> str:
    """``search`` plus the parameters the page keeps but does not own (``digits``)."""
    if isinstance(old, Mapping):
        pairs = [(str(k), str(v)) for k, v in old.items() if not isinstance(v, list | tuple)]
    else:
        pairs = parse_qsl(str(old or "").lstrip("?"))
    kept = [(k, v) for k, v in pairs if k in PASSED_THROUGH][-1:]
    if not kept:
        return search
    return (search + "&" if search else "?") + urlencode(kept)


def page_url(search: str) -> str:
    """The link to the view: absolute when serving a request, else a path."""
    return url_state.view_link(PATH + search)


def trend_downloads(state: url_state.ViewState, view: str) -> html.Div:
    """Download links of the trend chart's rows: every edition's overall score of the picker."""
    if not state.countries:
        return html.Div(html.P(t("Choose countries to download their data.", state.lang),
                               className="ci-note"))
    wanted = ExportFilter(indicators=(data.GCI_OVERALL,), countries=state.countries)
    return download_links(wanted, state.lang, view=view, id_prefix=ID_TREND)


def pillars_downloads(state: url_state.ViewState, view: str) -> html.Div:
    """Download links of the pillars chart's rows: the five pillars in the chosen edition."""
    if not state.countries:
        return html.Div(html.P(t("Choose countries to download their data.", state.lang),
                               className="ci-note"))
    wanted = ExportFilter(indicators=tuple(data.GCI_PILLARS), countries=state.countries,
                          editions=state.editions[:1])
    return download_links(wanted, state.lang, view=view, id_prefix=ID_PILLARS)


def _shell_params(engine: Engine, state: url_state.ViewState) -> dict[str, object]:
    """The view's query for the language switch (which adds ``lang`` itself)."""
    search = encode(engine, dataclasses.replace(state, lang="en"))
    return dict(parse_qsl(search.lstrip("?"), keep_blank_values=True))


# ---------------------------------------------------------------- callbacks (plain functions)


def countries_for_group(group_id: str | None, lang: str | None = None) -> list[str] | object:
    """The picker's value for a peer-group preset: its members and the watched countries
    that have a GCI score, the watched first, then by name in ``lang``."""
    if not group_id:
        return no_update
    return list(preset_members(data.current_engine(), group_id, normalize_lang(lang)))


def preset_for_picker(group_id: str | None, countries: list[str] | None) -> str | None | object:
    """The preset's value once the reader changed the picker: none when it no longer holds
    exactly what the preset selects (emptied included: a preset shown over other countries
    names a group they are not, and its link reopened on the group), else as it was."""
    if group_id and not preset_shown(data.current_engine(), group_id, countries or []):
        return None
    return no_update


def sync_controls(group_id: str | None, countries: list[str] | None, lang: str | None = None,
                  trigger: str | None = None) -> tuple[object, object]:
    """Callback: (preset, picker). Choosing a preset fills the picker with what it selects
    (its members and the watched countries that have a score); editing the picker to
    anything else clears the preset. One callback for both, as Dash wants for two controls
    that set each other (as on the Cross-index page); ``trigger`` is the id that changed
    (Dash's by default)."""
    trigger = trigger or dash.ctx.triggered_id
    if trigger == ID_COUNTRIES:
        return preset_for_picker(group_id, countries), no_update
    return no_update, countries_for_group(group_id, lang)


def update_selection(group_id: str | None, countries: list[str] | None,
                     lang: str | None) -> str:
    """Callback: the selection in words (the preset shown only over what it selects)."""
    engine = data.current_engine()
    picked = [str(c) for c in countries or [] if isinstance(c, str)]
    return selection_line(engine, preset_shown(engine, group_id, picked), picked,
                          normalize_lang(lang))


def _link_text(cell: object) -> object:
    """The words of a markdown link cell (``[Égypte](/country/EGY)``), other cells as they are."""
    if isinstance(cell, str) and cell.startswith("[") and "](" in cell:
        return cell[1:cell.rindex("](")]
    return cell


def sorted_ranking(sort_by: list[dict] | None, rows: list[dict] | None) -> list[dict]:
    """Callback (and the layout's): the ranking rows in the table's sort, sorted by the server
    as the Data page's table is: numbers by value, the country and tier by their words in the
    collation order of the language (:mod:`etl.collation`: Égypte among the E's, not after
    Zimbabwe), missing values last. No sort: as given (best score first)."""
    rows = list(rows or [])
    item = sort_by[0] if sort_by else {}
    column = item.get("column_id") if isinstance(item, dict) else None
    if column not in RANKING_COLUMNS or not all(isinstance(r, dict) for r in rows):
        return rows
    keys = pd.DataFrame({"key": [_link_text(r.get(column)) for r in rows]})
    text = keys["key"].map(lambda v: isinstance(v, str)).any()
    try:
        order = collation.collated_order(keys, [("key", item.get("direction") != "desc")],
                                         ["key"] if text else [])
    except TypeError:  # rows the page did not write (mixed kinds in a column): left as sent
        return rows
    return [rows[i] for i in order.index]


def update_view(countries: list[str] | None, edition: int | str | None, lang: str | None,
                join: list[str] | None = None, sort: list[dict] | None = None):
    """Outputs of the page for the picker and edition (in the order of the callback); the
    ranking in the table's current sort.

    The URL and the download links follow in :func:`update_url`, which also hears the preset
    and the sort; this one keeps the inputs the callback guard's tests pin."""
    lang = normalize_lang(lang)
    try:
        year = int(edition) if edition is not None else data.BREAK_EDITION
    except (TypeError, ValueError):
        year = data.BREAK_EDITION
    view = compare_view(data.current_engine(), list(countries or []), year, lang,
                        join_break=join_of(join))
    return (view["trend"], table_twin(view["trend_twin"], lang), view["pillars"],
            table_twin(view["pillars_twin"], lang), view["ranking_columns"],
            sorted_ranking(sort, view["ranking_rows"]), view["ranking_note"], view["sources"])


def update_url(group: str | None, countries: list[str] | None, edition: int | str | None,
               sort: list[dict] | None, lang: str | None, search: str | None,
               join: list[str] | None = None):
    """Callback: the URL of the controls' view and the download links under both charts.

    Runs once per change (Dash waits for the preset to fill the picker), so each change is
    one history entry. The Arabic digits already in the URL are kept. The search goes to the
    language switch's store too (not read from the Location, whose first value is the raw URL).
    """
    state = state_of(group, countries, edition, sort, lang)
    engine = data.current_engine()
    new_search = with_passed_through(with_join(encode(engine, state), join_of(join)), search)
    view = page_url(new_search)
    return (new_search, new_search, trend_downloads(state, view), pillars_downloads(state, view))


def register_callbacks(app: dash.Dash) -> None:
    """Wire the page's callbacks on ``app``."""
    peer_selection.register_picker_callbacks(app, ID_GROUP, ID_COUNTRIES, ID_SELECTION, ID_LANG,
                                             sync_controls, update_selection)
    app.callback(
        Output(ID_TREND, "figure"),
        Output(ID_TREND_TWIN, "children"),
        Output(ID_PILLARS, "figure"),
        Output(ID_PILLARS_TWIN, "children"),
        Output(ID_RANKING, "columns"),
        Output(ID_RANKING, "data"),
        Output(ID_RANKING_NOTE, "children"),
        Output(ID_SOURCES, "children"),
        Input(ID_COUNTRIES, "value"),
        Input(ID_EDITION, "value"),
        State(ID_LANG, "data"),
        Input(ID_JOIN, "value"),
        State(ID_RANKING, "sort_by"),
        prevent_initial_call=True,
    )(update_view)
    app.callback(
        Output(ID_RANKING, "data", allow_duplicate=True),
        Input(ID_RANKING, "sort_by"),
        State(ID_RANKING, "data"),
        prevent_initial_call=True,
    )(sorted_ranking)
    # The ranking's download follows the table as shown: its rows, their sort, its columns.
    app.callback(
        Output(ID_RANKING_DOWNLOADS, "children"),
        Input(ID_RANKING, "data"),
        State(ID_RANKING, "columns"),
        State(ID_LANG, "data"),
        State(ID_EDITION, "value"),
        prevent_initial_call=True,
    )(ranking_downloads)
    # First input the preset, so the view callback stays the one whose first input is the
    # picker (the guard's tests find it so).
    app.callback(
        Output(ID_URL, "search"),
        Output(ID_LANG_SYNC, "data"),
        Output(ID_TREND_DOWNLOADS, "children"),
        Output(ID_PILLARS_DOWNLOADS, "children"),
        Input(ID_GROUP, "value"),
        Input(ID_COUNTRIES, "value"),
        Input(ID_EDITION, "value"),
        Input(ID_RANKING, "sort_by"),
        State(ID_LANG, "data"),
        State(ID_URL, "search"),
        Input(ID_JOIN, "value"),
        prevent_initial_call=True,
    )(update_url)
    url_state.register_permalink_callback(app, PREFIX, ID_URL)
    # The language switch is drawn with the page; after a pushed URL its links follow it
    # (its anchors have no ids, so the browser rewrites them; nothing is returned).
    app.clientside_callback(
        LANG_SWITCH_JS,
        Output(ID_LANG_SYNC, "modified_timestamp"),
        Input(ID_LANG_SYNC, "data"),
        prevent_initial_call=True,
    )


# Rewrites the language-switch links (each keeps its own lang and digits) to carry the view.
LANG_SWITCH_JS = """
function(search) {
    var view = new URLSearchParams(search || "");
    var links = document.querySelectorAll(".ci-lang-switch a[href]");
    for (var i = 0; i < links.length; i++) {
        var old = new URL(links[i].getAttribute("href"), window.location.origin);
        var next = new URLSearchParams();
        ["lang", "digits"].forEach(function(key) {
            if (old.searchParams.has(key)) { next.set(key, old.searchParams.get(key)); }
        });
        view.forEach(function(value, key) {
            if (key !== "lang" && key !== "digits") { next.append(key, value); }
        });
        links[i].setAttribute("href", window.location.pathname + "?" +
                              next.toString().replace(/%2C/g, ",").replace(/%3A/g, ":"));
    }
    return window.dash_clientside.no_update;
}
"""


# ---------------------------------------------------------------- layout


def layout(lang: str = "en", **query: object) -> html.Div:
    """The compare page for the view in the URL (bad values left out, with a notice)."""
    engine = data.current_engine()
    state, notices = read_state(engine, query, lang)
    join_break, join_notices = read_join(query)
    notices = [*notices, *join_notices]
    lang = state.lang
    picked, year = list(state.countries), state.editions[0]
    chosen_group = state.groups[0] if state.groups else None
    view = compare_view(engine, picked, year, lang, join_break=join_break)
    view_url = page_url(with_passed_through(with_join(encode(engine, state), join_break),
                                            query))
    country_options = data.gci_country_options(engine, lang)
    group_options = [{"label": t(o["label"], lang), "value": o["value"]}
                     for o in data.group_options(engine)]
    labels = dropdown_labels(lang)
    controls = html.Div([
        html.Div([
            html.Label(t("Peer group preset", lang), htmlFor=ID_GROUP, id=f"{ID_GROUP}-label"),
            dcc.Dropdown(id=ID_GROUP, options=group_options, value=chosen_group,
                         placeholder=t("Choose a group to fill the picker", lang),
                         clearable=True, labels=labels),
        ], className="ci-control"),
        html.Div([
            html.Label(t("Countries", lang), htmlFor=ID_COUNTRIES,
                       id=f"{ID_COUNTRIES}-label"),
            dcc.Dropdown(id=ID_COUNTRIES, options=country_options, value=picked, multi=True,
                         placeholder=t("Choose countries", lang), labels=labels),
        ], className="ci-control ci-control-wide"),
        html.Fieldset([
            html.Legend(t("Edition for the pillars and the table", lang)),
            dcc.RadioItems(id=ID_EDITION, value=year, inline=True,
                           options=[{"label": localize_digits(str(e), lang), "value": e}
                                    for e in data.PILLAR_EDITIONS]),
        ], className="ci-control"),
        html.Div([
            # A native checkbox inside its label: reachable with Tab, toggled with Space.
            dcc.Checklist(id=ID_JOIN, value=[JOIN_ON] if join_break else [],
                          options=[{"label": t("Join the lines across the 2024 break", lang),
                                    "value": JOIN_ON}]),
        ], className="ci-control"),
    ], className="ci-controls", role="group", **aria_attrs(label=t("Selection", lang)))
    trend_label = t("GCI overall score by edition", lang)
    ranked = sorted_ranking(url_state.sort_by(state.sort), view["ranking_rows"])
    content = [
        html.H1(t("Compare countries", lang)),
        html.P(whole_ranges(t("Scores from 2014 to 2018 were published on a 0-1 scale and are "
                              "shown ×100. The line stops before 2024: that edition uses "
                              "tiers and publishes no ranks.", lang)), className="ci-lede"),
        dcc.Location(id=ID_URL, refresh=False),
        dcc.Store(id=ID_LANG, data=lang),
        dcc.Store(id=ID_LANG_SYNC),
        controls,
        html.P(selection_line(engine, chosen_group, picked, lang),
               id=ID_SELECTION, className="ci-selection", **aria_attrs(live="polite")),
        html.Div([notice(n.text(lang), "warning") for n in notices], id=ID_NOTICES),
        url_state.permalink_control(PREFIX, lang, url=view_url),
        figure_block(ID_TREND, view["trend"], trend_label,
                     html.Div(table_twin(view["trend_twin"], lang), id=ID_TREND_TWIN),
                     lang=lang),
        html.Div(trend_downloads(state, view_url), id=ID_TREND_DOWNLOADS),
        figure_block(ID_PILLARS, view["pillars"], t("GCI pillars", lang),
                     html.Div(table_twin(view["pillars_twin"], lang), id=ID_PILLARS_TWIN),
                     lang=lang),
        html.Div(pillars_downloads(state, view_url), id=ID_PILLARS_DOWNLOADS),
        html.H2(t("Scores, ranks or tiers, and changes", lang)),
        html.P(view["ranking_note"], id=ID_RANKING_NOTE, className="ci-note"),
        # (dash_table's __init__ is untyped, "# type: ignore" on the whole file)
        dash_table.DataTable(  # type: ignore[attr-defined]
            id=ID_RANKING, columns=view["ranking_columns"],
            data=ranked,
            # Sorted by the server (sorted_ranking): names in the language's collation order.
            sort_action="custom", sort_mode="single", cell_selectable=False,
            sort_by=url_state.sort_by(state.sort),
            markdown_options={"link_target": "_self"},
            locale_format=table_locale(lang),
            style_table={"overflowX": "auto"},
            # Cells wrap (dash-table writes each on one line): a country's mark ("⚑ Flagged
            # and sources disagree (see note)") had made the Country column 412 px wide, and
            # the figures beside it were off a phone's screen.
            style_cell={"textAlign": "right" if lang == "ar" else "left",
                        "fontFamily": "inherit", "padding": "6px", "whiteSpace": "normal",
                        "height": "auto"},
            style_cell_conditional=RANKING_CELL_WIDTHS,
            style_header={"fontWeight": "600", "whiteSpace": "normal"},
            css=RANKING_CSS,
        ),
        html.Div(ranking_downloads(ranked, view["ranking_columns"], lang, year),
                 id=ID_RANKING_DOWNLOADS),
        html.Div(view["sources"], id=ID_SOURCES),
    ]
    params = _shell_params(engine, state)
    if join_break:
        params = {**params, url_state.VERSION_KEY: str(url_state.VERSION), JOIN_KEY: "1"}
    return page_shell(lang, PATH, content, params)
