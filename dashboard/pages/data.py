"""Data: filter the observations (indicators, countries or peer groups, editions), read them in
a sortable, filterable table with their provenance, and download exactly that.

The rows come from :func:`etl.export.export_frame`, the path behind ``cyberindex export`` and
the API, so the table, the downloads and the API agree. The table's filter row and sort are
applied by the server (:mod:`etl.viewquery`; names sorted in the page language's collation
order), which sends one page of rows at a time, and the download links carry them: a file holds
exactly the rows the table holds, in its order. The table shows every export column
(:data:`etl.export.EXPORT_COLUMNS`, the files' columns, notes included: a cell cut at its width
has its whole text as its tooltip). It writes a verification code, a channel, a retrieval time,
a scale, a rank as printed, a tier's name, a document's title, a publisher, a source's note and
a corrections-ledger entry as the other pages write them
(:data:`dashboard.table_cells.SHOWN_AS`: words, dates and digits of the page's language, texts
of the sources translated where the catalog has them), the files keep the stored values (a line
under the download links says so). A value held out of derived figures (:mod:`etl.held_out`:
El Salvador's and Palau's GCI 2024 placeholder 0) has no tier, in the table as in the files;
its ``held_out`` cell says "⚑ Not placed: flagged score" (:data:`SHOWN_AS`), as the Compare
page's tier cell does, and a note by the table names it and says why (:func:`held_out_notes`).
What the reader
types in the filter row of such a column is read as the stored values it means
(:func:`dashboard.table_cells.worded_where`), and such a column sorts by its stored value. A
number typed as the page writes its numbers ("19,5", "1 000,5" in French) is read as that number,
and goes to the URL and the downloads in the neutral notation ("19.5"; :mod:`dashboard.typed_filter`).
The view lives in the URL
(``?v=1&country=MAR,OMN&edition=2020,2024&sort=value:desc&where={value} > 50``, see
:mod:`dashboard.url_state`):
changing a control pushes a new history entry without reloading, the back button goes back to
the previous view, and opening a link reproduces it (a stale value is left out with a notice).
Downloads are plain links to the API's download route, streamed by Flask. The table's pages
are turned by the page's own pager under it (:func:`pager`: named buttons, "Page 2 of 566" in
the page's language and digits, arrows in the reading direction), not the table's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple
from urllib.parse import parse_qsl

import dash
import pandas as pd
from dash import Input, Output, State, ctx, dash_table, dcc, html, no_update
from dash.exceptions import MissingCallbackContextException
from sqlalchemy.engine import Engine

from dashboard import data, provenance, rank_texts, typed_filter, url_state
from dashboard.downloads import download_links
from dashboard.elements import aria_attrs
from dashboard.i18n import (
    N_,
    format_number,
    localize_digits,
    ltr_isolated,
    normalize_lang,
    t,
    table_locale,
    text_direction,
    tn,
)
from dashboard.layout import api_docs_link, dropdown_labels, notice, page_shell
from dashboard.table_cells import (
    RLM,
    SHOWN_AS,
    SOURCE_TEXT_COLUMNS,
    shown_records,
    worded_where_said,
)
from etl import collation, export, store, viewquery
from etl.held_out import held_out_keys

dash.register_page(__name__, path="/data", name="Data", order=50, title="cyberindex",
                   nav_label=N_("Data"))

PATH = "/data"
PREFIX = "data"
ID_URL = "data-url"
ID_LANG = "data-lang"
ID_INDICATORS = "data-indicators"
ID_COUNTRIES = "data-countries"
ID_GROUPS = "data-groups"
ID_EDITIONS = "data-editions"
ID_CONTROLS = "data-controls"
ID_NOTICES = "data-notices"
ID_COUNT = "data-count"
ID_TABLE_NOTES = "data-table-notes"  # what the rows' figures mean (a GCI 2014 rank), by the table
ID_TABLE = "data-table"
ID_DOWNLOADS = "data-downloads"
ID_PAGER = "data-pager"
ID_PAGER_STATUS = "data-pager-status"
ID_PAGER_FIRST = "data-pager-first"
ID_PAGER_PREVIOUS = "data-pager-previous"
ID_PAGER_NEXT = "data-pager-next"
ID_PAGER_LAST = "data-pager-last"
PAGE_SIZE = 25

# The pager's buttons in reading order: id, name, arrow on a left-to-right page, arrow on a
# right-to-left one (in Arabic "previous" points right, the way back in the reading). These
# arrows are not mirrored by the Unicode bidi algorithm (‹ › « » are: an Arabic page would
# turn them round a second time), so each page shows the arrow chosen here.
PAGER_BUTTONS = (
    (ID_PAGER_FIRST, N_("First page"), "⇤", "⇥"),
    (ID_PAGER_PREVIOUS, N_("Previous page"), "←", "→"),
    (ID_PAGER_NEXT, N_("Next page"), "→", "←"),
    (ID_PAGER_LAST, N_("Last page"), "⇥", "⇤"),
)
# The pager's properties that the server renders with each page (update_view_and_pager), in
# the order of PagerState.outputs.
PAGER_OUTPUTS = ((ID_PAGER, "hidden"), (ID_PAGER_STATUS, "children"),
                 *((id_, "disabled") for id_, *_ in PAGER_BUTTONS))

DEFAULTS = url_state.ViewState()  # everything: the Data page starts from the whole table
COLUMN_LABELS = {
    "indicator": N_("Indicator id"), "indicator_name": N_("Indicator"), "iso3": N_("ISO3"), "country": N_("Country"),
    "edition": N_("Edition"), "value": N_("Value"), "scale": N_("Scale"), "rank": N_("Rank"),
    # Translators: Data table header: the rank as the source printed it (a range like 14-17).
    "rank_text": N_("Rank as printed"),
    "tier": N_("Tier"),
    # Translators: Data table header: the GCI tier's name (Role-modelling ... Building).
    "tier_label": N_("Tier name"),
    "source": N_("Source document"), "source_url": N_("Source URL"),
    "snapshot_sha256": N_("Snapshot (SHA-256)"), "publisher": N_("Publisher"),
    "channel": N_("Channel"), "verification": N_("Verification"),
    # Translators: Data table header: the source's note on a value (which one was kept...).
    "source_note": N_("Source note"),
    "retrieved_at": N_("Retrieved (UTC)"), "correction": N_("Correction"),
    # Translators: Data table header: whether the value is held out of derived figures (a
    # flagged placeholder: no tier is placed from it). The cells say "⚑ Not placed...".
    "held_out": N_("Held out"),
}
# A cell longer than this (characters) may be cut at the cell's width (style_cell's maxWidth,
# an ellipsis at its end): its whole text is its tooltip (cell_tooltips), so a long note never
# widens the table yet can still be read in full. It is in every download in full.
TOOLTIP_FROM_CHARS = 40
NUMERIC_COLUMNS = export.NUMERIC_COLUMNS


# ---------------------------------------------------------------- plain functions


def known_values(engine: Engine) -> url_state.Known:
    """What a link to this page may name: ids in the store, editions with data. A country
    code is known by the API's rule (:func:`dashboard.data.known_iso3`: a country of the
    store, with data or not), so a code this page leaves out as unknown is a 400 there and
    one it keeps answers there; a country without data gives an empty table, not a notice."""
    return url_state.known_from(
        indicators=store.indicators_frame(engine)["indicator_id"].tolist(),
        countries=sorted(data.known_iso3(engine)),
        groups=store.groups_frame(engine)["group_id"].tolist(),
        editions=store.editions_available(engine),
        sort_columns=export.EXPORT_COLUMNS,
    )


def table_page(engine: Engine, wanted: export.ExportFilter, lang: str,
               page: int) -> tuple[list[dict], int, int, int]:
    """One page of the table's rows: the export rows (:func:`etl.export.export_frame`, the
    path of the downloads, with the filter's ``where`` and ``sort``), each country named in
    ``lang`` as the downloads name it, and the cells of :data:`SHOWN_AS` written as the page
    writes them (:func:`shown_records`). Returns the rows, the page shown (the last one when
    ``page`` is past it), the number of pages and of rows."""
    return table_page_and_notes(engine, wanted, lang, page)[:4]


def table_page_and_notes(engine: Engine, wanted: export.ExportFilter, lang: str, page: int
                         ) -> tuple[list[dict], int, int, int, list[html.Div]]:
    """:func:`table_page`, and the notes the filter's rows need beside the table: what a GCI
    2014 rank is, when the rows hold one (a bare "10" there is a position among 29, shared;
    the Country and Compare pages say it in every cell, the table cannot), and which values
    have no tier and why (:func:`held_out_notes`)."""
    frame = data.read_unmemoised(export.export_frame, engine, wanted, lang,
                                 data.read(held_out_keys, engine))  # once a release
    pages = max(1, -(-len(frame) // PAGE_SIZE))
    page = min(max(int(page or 0), 0), pages - 1)
    shown = frame.iloc[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    notes = ([notice(rank_texts.shared_ranks_note(lang))]
             if rank_texts.has_shared_ranks(frame) else [])
    notes += held_out_notes(frame, lang)
    return (shown_records(export.frame_to_records(shown), lang), page, pages, len(frame),
            notes)


def held_out_notes(frame: pd.DataFrame, lang: str) -> list[html.Div]:
    """The note by the table when the filter's rows (export rows) hold a value held out of
    derived figures: whose, and why it has no tier (:func:`dashboard.rank_texts.held_out_note`,
    the Compare page's words); none otherwise."""
    held = data.held_out_rows(frame).drop_duplicates(["iso3", "edition"])
    said = rank_texts.held_out_note(held, lang)
    return [notice(said)] if said else []


def table_filter(engine: Engine, state: url_state.ViewState) -> export.ExportFilter:
    """The filter the table and its downloads apply for the view (:func:`table_filter_said`)."""
    return table_filter_said(engine, state)[0]


def table_filter_said(engine: Engine,
                      state: url_state.ViewState) -> tuple[export.ExportFilter, tuple[str, ...]]:
    """The filter the table and its downloads apply for the view: the controls, the sort and
    the filter row, its conditions on worded columns over the stored values; and the columns
    whose condition meets the published text alone
    (:func:`dashboard.table_cells.worded_where_said`). Raises
    :class:`etl.viewquery.ViewQueryError` as :meth:`url_state.ViewState.table_filter` does (a
    value a numeric column cannot be compared with included), before any row is read."""
    wanted = state.table_filter()
    where, published_only = worded_where_said(engine, wanted.where)
    return dataclasses.replace(wanted, where=where), published_only


def link_where(query: dict) -> tuple[dict, list[url_state.Notice]]:
    """The link's query without a ``where`` the table cannot apply, and the notice saying why.
    Read here against the table's columns in their order (an unknown column's notice lists
    them so, as the API does) and checked against their types (``{value} > abc``)."""
    raw = query.get("where")
    text = str((raw[-1] if raw else "") if isinstance(raw, list | tuple) else raw or "").strip()
    if not text:
        return query, []
    try:
        viewquery.parse_where(text, export.EXPORT_COLUMNS, export.NUMERIC_COLUMNS)
    except viewquery.ViewQueryError as exc:
        rest = {name: value for name, value in query.items() if name != "where"}
        return rest, [url_state.Notice(url_state.MSG_WHERE, {"value": text[:60], "reason": exc})]
    return query, []


def published_only_notice(columns: Sequence[str], lang: str) -> list:
    """A notice for each column whose filter meets the published text alone: the words the
    page shows it in match too many texts to carry to the download (none: nothing)."""
    # Translators: Data page; {column} is a column's header. The filter typed in that column
    # matched too many translated texts: it is applied to the text as published (in English).
    return [notice(t("The filter of the column “{column}” matches too many of the texts shown "
                     "translated: it is applied to the published text, as the download holds "
                     "it.", lang, column=t(COLUMN_LABELS.get(c, c), lang)), "warning")
            for c in columns]


def table_columns(lang: str) -> list[dict]:
    """The table's columns: each export column under its name in ``lang``, the numeric ones
    typed so that the table's locale writes their digits."""
    columns = []
    for column in export.EXPORT_COLUMNS:
        spec: dict = {"id": column, "name": t(COLUMN_LABELS.get(column, column), lang)}
        if column in NUMERIC_COLUMNS:
            # The format (an empty d3 specifier: the number as it is) lets the table's
            # locale write the digits and marks of the page's language.
            spec.update(type="numeric", format={"specifier": ""})
        columns.append(spec)
    return columns


# Columns whose text is as the sources write it (ids, links, hashes, scales): in an Arabic
# table each reads left to right, so a long one is cut at its end, not its start. The scale and
# a printed rank stay such ("0-20" must not turn into "20-0", nor "14-17" into "17-14"); the
# other worded columns are Arabic, but for the texts of the sources (SOURCE_TEXT_COLUMNS).
LATIN_TEXT_COLUMNS = tuple(
    c for c in export.EXPORT_COLUMNS
    if c not in NUMERIC_COLUMNS and c not in ("country", "indicator_name")
    and (c not in SHOWN_AS or c in ("scale", "rank_text")))


def latin_text_cells(lang: str) -> list[dict]:
    """The table's ``style_cell_conditional``: in Arabic, :data:`LATIN_TEXT_COLUMNS` laid out
    left to right (still at the right of their cells, as the page is). (The cells of
    :data:`dashboard.table_cells.SOURCE_TEXT_COLUMNS` take their direction from their text:
    :func:`source_text_css`.)"""
    if normalize_lang(lang) != "ar":
        return []
    return [{"if": {"column_id": column}, "direction": "ltr", "textAlign": "right"}
            for column in LATIN_TEXT_COLUMNS]


def source_text_css(lang: str) -> list[dict]:
    """The table's ``css``: in Arabic, each cell of
    :data:`dashboard.table_cells.SOURCE_TEXT_COLUMNS`, a translation (Arabic) or a text the
    catalog does not translate (English), laid out in the direction of its own first letter
    (``unicode-bidi: plaintext``; a translation opens with a right-to-left mark), so an
    English note reads left to right and is cut at its end, an Arabic one right to left and
    cut at its end too. On the cell's text block: the table isolates that text from its cell,
    where plaintext would find no letter."""
    if normalize_lang(lang) != "ar":
        return []
    return [{"selector": f"td.dash-cell[data-dash-column='{column}'] .dash-cell-value",
             "rule": "display: block; unicode-bidi: plaintext; text-align: right; "
                     "overflow: hidden; text-overflow: ellipsis"}
            for column in SOURCE_TEXT_COLUMNS]



def cell_tooltips(rows: Sequence[dict], lang: str = "en") -> list[dict]:
    """The table's ``tooltip_data`` for ``rows`` (the page shown): each text cell longer than
    :data:`TOOLTIP_FROM_CHARS` has its whole text as its tooltip (plain text, never markup:
    notes and titles are written by others). In Arabic, the text of
    :data:`LATIN_TEXT_COLUMNS` is isolated left to right, as its cell is laid out."""
    isolate = normalize_lang(lang) == "ar"

    def tip(column: str, text: str) -> dict:
        if isolate and (column in LATIN_TEXT_COLUMNS or (
                column in SOURCE_TEXT_COLUMNS and not text.startswith(RLM))):
            # An Arabic tooltip is laid out right to left: an English note inside it would
            # read "printed in 83.65" for "83.65 printed in" (a translated one is Arabic).
            text = ltr_isolated(text)
        return {"value": text, "type": "text"}

    return [{column: tip(column, value) for column, value in row.items()
             if isinstance(value, str) and len(value) > TOOLTIP_FROM_CHARS}
            for row in rows]


def downloads_block(wanted: export.ExportFilter, lang: str,
                    state: url_state.ViewState) -> html.Div:
    """The download links of the view, and a line saying that the files keep the published
    values the table writes in the page's words (codes and times in words on every page)."""
    return html.Div([
        download_links(wanted, lang, view=page_url(state), id_prefix=PREFIX),
        html.P(t("The table writes its cells in this page's words; the files keep the values "
                 "as published (codes, ISO 8601 times, and titles, notes and corrections in "
                 "English), as analysts' tools read them.", lang),
               className="ci-note", id=f"{PREFIX}-downloads-note"),
    ])


def page_url(state: url_state.ViewState) -> str:
    """The absolute link to the view (absolute when serving a request, else a path)."""
    return url_state.view_link(PATH + url_state.encode_state(state, DEFAULTS))


def count_text(rows: int, lang: str) -> str:
    """How many rows the table holds; with none, that the filters match none (an empty grid
    said nothing)."""
    if not rows:
        return t("No row matches these filters: remove one to see more.", lang)
    return tn("{count} row", "{count} rows", rows, lang, count=format_number(rows, lang, 0))


# A NamedTuple, not a dataclass: Dash runs a page's module before it is in sys.modules, which
# a dataclass's annotations need.
class PagerState(NamedTuple):
    """What the pager under the table shows for one page of the table."""

    status: str
    """The text between the arrows ("Page 2 of 566"), in the page's language and digits."""
    at_first: bool
    """On the first page: First and Previous are disabled."""
    at_last: bool
    """On the last page: Next and Last are disabled."""
    hidden: bool
    """One page (or none): nothing to turn, no pager."""

    def disabled(self) -> dict[str, bool]:
        """Whether each of the pager's buttons is disabled, by id."""
        return {ID_PAGER_FIRST: self.at_first, ID_PAGER_PREVIOUS: self.at_first,
                ID_PAGER_NEXT: self.at_last, ID_PAGER_LAST: self.at_last}

    def outputs(self) -> tuple:
        """The values of :data:`PAGER_OUTPUTS`, in their order."""
        disabled = self.disabled()
        return (self.hidden, self.status, *(disabled[id_] for id_, *_ in PAGER_BUTTONS))


def pager_state(page: int, pages: int, lang: str) -> PagerState:
    """The pager's state on ``page`` (from 0, as the table counts) of ``pages``; numbers
    written as :func:`count_text` writes them (Arabic-Indic digits when the reader chose them).
    """
    pages = max(int(pages or 0), 1)  # an empty table still has its one (empty) page
    page = min(max(int(page or 0), 0), pages - 1)
    # Translators: the Data table's pager, between its arrows; {page} and {pages} are numbers.
    status = t("Page {page} of {pages}", lang, page=format_number(page + 1, lang, 0),
               pages=format_number(pages, lang, 0))
    return PagerState(status=status, at_first=page == 0, at_last=page == pages - 1,
                      hidden=pages == 1)


def page_after(button: object, page: int, pages: int) -> int:
    """The table's page (from 0) after a click on the pager's ``button`` (its id) on ``page``
    of ``pages``: never before the first page nor past the last; another id stays put."""
    last = max(int(pages or 1) - 1, 0)
    page = min(max(int(page or 0), 0), last)
    after: dict[object, int] = {ID_PAGER_FIRST: 0, ID_PAGER_PREVIOUS: max(page - 1, 0),
                                ID_PAGER_NEXT: min(page + 1, last), ID_PAGER_LAST: last}
    return after.get(button, page)


def state_of(indicators, countries, groups, editions, sort_by, lang,
             filter_query=None) -> url_state.ViewState:
    """The view state of the controls (values the controls can hold are trusted as is; the
    table's filter query is read, and dropped if it cannot be: see :func:`update_view`)."""
    years = []
    for edition in url_state.control_values(editions):
        try:
            years.append(int(edition))
        except (TypeError, ValueError):
            continue
    return url_state.ViewState(
        indicators=tuple(url_state.control_values(indicators)),
        countries=tuple(url_state.control_values(countries)),
        groups=tuple(url_state.control_values(groups)), editions=tuple(sorted(set(years))),
        sort=url_state.sort_text(sort_by), where=(filter_query or "").strip() or None,
        lang=normalize_lang(lang),
    )


def column_header(column: str, lang: str) -> str:
    """A column's header in ``lang`` (an id the table does not have: as it is)."""
    return t(COLUMN_LABELS[column], lang) if column in COLUMN_LABELS else column


def filter_problem(typed: str, exc: viewquery.ViewQueryError, lang: str) -> str:
    """Why the filter the reader typed cannot be applied, in ``lang``, without the filter's
    syntax: the condition at fault as typed under its column's header ("Valeur >= abc", the
    number as the reader wrote it) and the reason naming that header; a filter that does not
    read is quoted as it is. (The API's messages name the column ids: its parameter is that
    syntax.)"""
    fields = dict(exc.fields)
    column = fields.get("column")
    if isinstance(column, str):
        fields["column"] = column_header(column, lang)
    compared = exc.template in (viewquery.NOT_A_NUMBER, viewquery.NOT_WHOLE)
    condition = typed_filter.refused_condition(typed, lang) if compared else None
    if condition is None:
        value = typed
    else:
        value = typed_filter.condition_said(condition, lambda c: column_header(c, lang))
        fields["value"] = condition.value[:40]
    return t("Cannot filter the rows by “{value}” ({reason}); all rows.", lang, value=value,
             reason=t(exc.template, lang, **fields))


def _paged_only() -> bool:
    """Did only the table's page change (then the page stays; any other change goes back to
    the first page)? False when called as a plain function (tests)."""
    try:
        fired = set(ctx.triggered_prop_ids)
    except MissingCallbackContextException:
        return False
    return fired == {f"{ID_TABLE}.page_current"}


def update_view(indicators, countries, groups, editions, sort_by, filter_query, page_current,
                lang, old_search=None):
    """The view's outputs (the callback is :func:`update_view_and_pager`): URL search, the page
    of rows, row count, download links, page count, page, notices (the link's notices give
    way to the first change; a filter that cannot be applied says so) and the notes on what the
    rows' figures mean (:func:`table_page_and_notes`).

    The server filters (the controls, then the table's filter row), sorts (names in the page
    language's collation order) and pages the rows, and the downloads carry the same filter
    and sort: the files hold exactly the table's rows in the table's order. A change of filter
    goes back to the first page. The Arabic digits already in the URL (``digits=``) are kept.
    """
    typed = (filter_query or "").strip()
    # A number typed as the page writes it ("19,5" in French) goes on as the neutral one.
    state = state_of(indicators, countries, groups, editions, sort_by, lang,
                     typed_filter.neutral_where(typed, normalize_lang(lang)))
    lang = state.lang
    problems = []
    engine = data.current_engine()
    try:
        viewquery.parse_sort(state.sort, export.EXPORT_COLUMNS)
    except viewquery.ViewQueryError as exc:  # a column the table does not have (a page older
        # than the server's columns, or a hand-made request): said, and the default order
        problems.append(notice(t(exc.template, lang, **exc.fields), "warning"))
        state = dataclasses.replace(state, sort=None)
    try:
        wanted, published_only = table_filter_said(engine, state)
    except viewquery.ViewQueryError as exc:  # a filter cell the server cannot apply
        problems.append(notice(filter_problem(typed, exc, lang), "warning"))
        state = dataclasses.replace(state, where=None)
        wanted, published_only = table_filter_said(engine, state)
    problems += published_only_notice(published_only, lang)
    search = url_state.with_passed_through(url_state.encode_state(state, DEFAULTS), old_search)
    page = page_current if _paged_only() else 0
    try:
        rows, page, pages, total, notes = table_page_and_notes(engine, wanted, lang, page or 0)
    except export.UnknownValueError as exc:
        # The options only offer known ids; a store refreshed under an open page can differ.
        return (search, [], notice(t("Unknown {parameter}: {values}", lang,
                                     parameter=exc.parameter,
                                     values=", ".join(map(str, exc.values))), "warning"),
                no_update, 1, 0, no_update, [])
    return (search, rows, count_text(total, lang),
            downloads_block(wanted, lang, state), pages, page, problems, notes)


def update_view_and_pager(indicators, countries, groups, editions, sort_by, filter_query,
                          page_current, lang, old_search=None):
    """Callback: :func:`update_view`'s outputs, then the pager's for the page they show
    (:meth:`PagerState.outputs`), rendered by the server in the page's language and digits,
    then the tooltips of the rows shown (:func:`cell_tooltips`). (:func:`update_view` keeps its
    own outputs: callers read them as they are.)"""
    view = update_view(indicators, countries, groups, editions, sort_by, filter_query,
                       page_current, lang, old_search)
    pages, page = view[4], view[5]
    return (*view, *pager_state(page, pages, normalize_lang(lang)).outputs(),
            cell_tooltips(view[1], lang))


def turn_page(_first, _previous, _next, _last, page_current, page_count):
    """Callback: the table's page after a click on one of the pager's buttons (nothing when
    it stays: a disabled end button cannot be clicked, but a double click can race)."""
    page = page_after(ctx.triggered_id, page_current, page_count)
    return no_update if page == (page_current or 0) else page


def register_callbacks(app: dash.Dash) -> None:
    """Wire the page's callbacks on ``app``."""
    app.callback(
        Output(ID_URL, "search"),
        Output(ID_TABLE, "data"),
        Output(ID_COUNT, "children"),
        Output(ID_DOWNLOADS, "children"),
        Output(ID_TABLE, "page_count"),
        Output(ID_TABLE, "page_current"),
        Output(ID_NOTICES, "children"),
        Output(ID_TABLE_NOTES, "children"),
        *(Output(id_, prop) for id_, prop in PAGER_OUTPUTS),
        Output(ID_TABLE, "tooltip_data"),
        Input(ID_INDICATORS, "value"),
        Input(ID_COUNTRIES, "value"),
        Input(ID_GROUPS, "value"),
        Input(ID_EDITIONS, "value"),
        Input(ID_TABLE, "sort_by"),
        Input(ID_TABLE, "filter_query"),
        Input(ID_TABLE, "page_current"),
        State(ID_LANG, "data"),
        State(ID_URL, "search"),
        prevent_initial_call=True,
    )(update_view_and_pager)
    # The pager only turns the table's page; update_view (above, fired by page_current) reads
    # that page and renders the pager. update_view also sets page_current: hence the duplicate.
    app.callback(
        Output(ID_TABLE, "page_current", allow_duplicate=True),
        *(Input(id_, "n_clicks") for id_, *_ in PAGER_BUTTONS),
        State(ID_TABLE, "page_current"),
        State(ID_TABLE, "page_count"),
        prevent_initial_call=True,
    )(turn_page)
    url_state.register_permalink_callback(app, PREFIX, ID_URL)


# ---------------------------------------------------------------- layout


def edition_options(editions: Iterable[int] | None, lang: str) -> list[dict]:
    """The editions to pick, newest first (the likeliest choice at the top of a list reaching
    back to 1960), each labelled in the reader's digits; typing Western digits still finds
    one written in Arabic-Indic digits (its ``search`` text)."""
    return [{"label": localize_digits(str(e), lang), "value": e, "search": str(e)}
            for e in sorted(editions or (), reverse=True)]


def controls(engine: Engine, state: url_state.ViewState, known: url_state.Known,
             lang: str) -> html.Div:
    """The filters above the table: indicators, countries, peer groups and editions, each a
    searchable multi-select (none chosen: all)."""
    names = data.country_names(engine, lang)
    country_options = sorted(
        ({"label": f"{names.get(c, c)} ({c})", "value": c} for c in known.countries or ()),
        key=lambda o: collation.sort_key(o["label"]))
    indicators = store.indicators_frame(engine)
    titles = dict(zip(indicators["indicator_id"], indicators["name"], strict=True))
    indicator_options = [{"label": f"{provenance.indicator_text(iid, titles, lang)} ({iid})",
                          "value": iid} for iid in titles]
    group_options = [{"label": t(o["label"], lang), "value": o["value"]}
                     for o in data.group_options(engine)]
    labels = dropdown_labels(lang)

    def dropdown(id_: str, label: str, options: list, value: tuple, placeholder: str,
                 wide: bool = False, **extra: Any) -> html.Div:
        return html.Div([
            html.Label(label, htmlFor=id_, id=f"{id_}-label"),
            dcc.Dropdown(id=id_, options=options, value=list(value), multi=True,
                         placeholder=placeholder, labels=labels, **extra),
        ], className="ci-control" + (" ci-control-wide" if wide else ""))

    return html.Div([
        dropdown(ID_INDICATORS, t("Indicators", lang), indicator_options, state.indicators,
                 t("All indicators", lang), wide=True),
        dropdown(ID_COUNTRIES, t("Countries", lang), country_options, state.countries,
                 t("All countries", lang), wide=True),
        dropdown(ID_GROUPS, t("Peer groups (their members are added)", lang), group_options,
                 state.groups, t("No peer group", lang)),
        # A multi-select, not a checkbox per year: 51 editions (1960-2025) filled a phone's
        # screen before the table. Searched results keep the options' order (newest first).
        dropdown(ID_EDITIONS, t("Editions", lang), edition_options(known.editions, lang),
                 state.editions, t("All editions", lang), search_order="original"),
    ], id=ID_CONTROLS, className="ci-controls", role="group",
       **aria_attrs(label=t("Filter", lang)))


def pager(state: PagerState, lang: str) -> html.Nav:
    """The pager under the table: First, Previous, "Page 2 of 566" (announced when it
    changes), Next, Last. It replaces the table's own (hidden by assets/data-page.css), which
    has no names, writes only Western digits and does not mirror in Arabic. Each button shows an
    arrow pointing the reading direction and is named by its translated ``aria-label``."""
    rtl = text_direction(lang) == "rtl"
    disabled = state.disabled()

    def button(id_: str, name: str, ltr_arrow: str, rtl_arrow: str) -> html.Button:
        named = t(name, lang)
        return html.Button(html.Span(rtl_arrow if rtl else ltr_arrow, **aria_attrs(hidden="true")),
                           id=id_, type="button", className="ci-pager-button",
                           disabled=disabled[id_], title=named, **aria_attrs(label=named))

    first, previous, next_, last = (button(*spec) for spec in PAGER_BUTTONS)
    status = html.Span(state.status, id=ID_PAGER_STATUS, className="ci-pager-status",
                       role="status", **aria_attrs(live="polite"))
    return html.Nav([first, previous, status, next_, last], id=ID_PAGER, className="ci-pager",
                    hidden=state.hidden, **aria_attrs(label=t("Table pages", lang)))


def layout(lang: str = "en", **query: object) -> html.Div:
    """The Data page for the view in the URL (bad values left out, with a notice)."""
    engine = data.current_engine()
    known = known_values(engine)
    query, bad_where = link_where(query)
    state, notices = url_state.decode_state({**query, "lang": lang}, known, DEFAULTS)
    notices = [*bad_where, *notices]
    lang = state.lang
    # link_where kept only a where that reads and compares; decode_state a sort that reads.
    wanted, published_only = table_filter_said(engine, state)
    rows, _page, pages, total, notes = table_page_and_notes(engine, wanted, lang, 0)
    content = [
        dcc.Location(id=ID_URL, refresh=False),
        dcc.Store(id=ID_LANG, data=lang),
        html.H1(t("Data", lang)),
        html.P([t("Every value with its source. Filter, sort and download exactly what the "
                  "table holds; the same filter gives the same rows from the API and the "
                  "command line.", lang), " ",
                api_docs_link(lang)],
               className="ci-lede"),
        html.Div([*(notice(n.text(lang), "warning") for n in notices),
                  *published_only_notice(published_only, lang)], id=ID_NOTICES),
        controls(engine, state, known, lang),
        url_state.permalink_control(PREFIX, lang),
        html.Div(downloads_block(wanted, lang, state), id=ID_DOWNLOADS),
        html.P(count_text(total, lang), id=ID_COUNT, className="ci-note",
               role="status", **aria_attrs(live="polite")),
        html.Div(notes, id=ID_TABLE_NOTES),
        # (dash_table's __init__ is untyped, "# type: ignore" on the whole file)
        dash_table.DataTable(  # type: ignore[attr-defined]
            id=ID_TABLE, columns=table_columns(lang), data=rows, locale_format=table_locale(lang),
            # Filtered, sorted and paged by the server (update_view), as the downloads are:
            # text sorts in the page language's collation order, not by code point.
            sort_action="custom", sort_mode="multi", sort_by=url_state.sort_by(state.sort),
            # A link's numbers in the page's notation (19,5 in French), as its reader types them.
            filter_action="custom", filter_query=typed_filter.page_where(state.where, lang) or "",
            page_action="custom", page_current=0, page_count=pages, page_size=PAGE_SIZE,
            filter_options={"case": "insensitive", "placeholder_text": t("filter…", lang)},
            cell_selectable=False,
            style_table={"overflowX": "auto"},
            style_cell={"textAlign": "right" if lang == "ar" else "left",
                        "fontFamily": "inherit", "padding": "6px", "maxWidth": "24em",
                        "overflow": "hidden", "textOverflow": "ellipsis"},
            style_cell_conditional=latin_text_cells(lang), css=source_text_css(lang),
            style_header={"fontWeight": "600", "whiteSpace": "normal"},
            # A cut cell's whole text on hover (a long note must not widen the table).
            tooltip_data=cell_tooltips(rows, lang), tooltip_duration=None,
        ),
        pager(pager_state(0, pages, lang), lang),
    ]
    return page_shell(lang, PATH, content, _shell_params(state))


def _shell_params(state: url_state.ViewState) -> dict[str, object]:
    """The view's query for the language switch (which adds ``lang`` itself)."""
    search = url_state.encode_state(dataclasses.replace(state, lang="en"), DEFAULTS)
    return dict(parse_qsl(search.lstrip("?")))
