"""A page's view in its URL: encode a :class:`ViewState` to a query string and back.

Only what differs from the page's defaults is written, after a version key (``v=1``) so that a
later change of format can still read today's links. Decoding never raises: a bad or stale
value (unknown country, an edition without data, garbage) is left out and reported as a
:class:`Notice`, shown on the page in its language (``Notice.text(lang)`` goes through
:func:`dashboard.i18n.t`).

Query keys are those of the API and ``cyberindex export`` (``indicator``, ``country``,
``group``, ``edition``), so a page's query is also its download's filter. Lists are comma
separated (``country=MAR,OMN``); repeated keys and the plural spellings (``countries=``) used
by earlier links are read too.

The copy-link control (:func:`permalink_control`) is a read-only field holding the current
URL and a ``dcc.Clipboard`` that copies it; :func:`register_permalink_callback` keeps the field
in step with a page's ``dcc.Location``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from dash import Input, Output, dcc, html
from flask import has_request_context, request

from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, t
from etl.export import ExportFilter
from etl.viewquery import ViewQueryError, parse_where, where_text, whole_number

VERSION = 1
VERSION_KEY = "v"
MAX_VALUES = 300  # more values than any real view has: the rest of a garbage link is ignored
MAX_QUERY_LENGTH = 8000

# Field of ViewState -> the query key written, then older spellings still read.
KEYS: dict[str, tuple[str, ...]] = {
    "indicators": ("indicator", "indicators"),
    "countries": ("country", "countries"),
    "groups": ("group", "groups"),
    "editions": ("edition", "editions"),
    "tab": ("tab",),
    "sort": ("sort",),
    "where": ("where",),
    "lang": ("lang",),
}
LIST_FIELDS = ("indicators", "countries", "groups", "editions")
# Query keys a page keeps but does not own: the Arabic digits (dashboard.preferences). They are
# read by the preferences, never reported as unknown, and kept in the URL a page pushes.
PASSED_THROUGH = ("digits",)


@dataclass(frozen=True)
class ViewState:
    """What a page shows: the filter, the tab, the sort and the language."""

    indicators: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    editions: tuple[int, ...] = ()
    tab: str | None = None
    sort: str | None = None  # "column:asc" or "column:desc", several comma separated
    where: str | None = None  # a table's row filter (etl.viewquery), the Data page's
    lang: str = DEFAULT_LANGUAGE

    def export_filter(self) -> ExportFilter:
        """The export filter of this view (for downloads and the API)."""
        return ExportFilter(self.indicators, self.countries, self.groups, self.editions)

    def table_filter(self) -> ExportFilter:
        """The export filter with the table's row filter and sort (the Data page, whose table
        sorts by export columns: a state decoded against them always reads)."""
        return ExportFilter.with_view(
            self.where, self.sort, indicators=self.indicators, countries=self.countries,
            groups=self.groups, editions=self.editions)


@dataclass(frozen=True)
class Known:
    """What a page accepts; ``None`` means "anything" for that field."""

    indicators: frozenset[str] | None = None
    countries: frozenset[str] | None = None
    groups: frozenset[str] | None = None
    editions: frozenset[int] | None = None
    tabs: frozenset[str] | None = None
    sort_columns: frozenset[str] | None = None


@dataclass(frozen=True)
class Notice:
    """Something in a link that was not understood; a msgid and its fields."""

    msgid: str
    fields: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The notice in ``lang`` (a field that is a filter's error said in it too)."""
        fields = {k: t(v.template, lang, **v.fields) if isinstance(v, ViewQueryError) else v
                  for k, v in self.fields.items()}
        return t(self.msgid, lang, **fields)


MSG_COUNTRY = N_("Unknown country code in the link, left out: {values}.")
MSG_INDICATOR = N_("Unknown indicator in the link, left out: {values}.")
MSG_GROUP = N_("Unknown peer group in the link, left out: {values}.")
MSG_EDITION = N_("No data for edition {values} in the link; left out.")
MSG_TAB = N_("Unknown tab “{value}” in the link; showing the default.")
MSG_WHERE = N_("Cannot filter the rows by “{value}” from the link ({reason}); all rows.")
MSG_SORT = N_("Cannot sort by “{value}” from the link; default order.")
MSG_LANG = N_("Unknown language “{value}” in the link; showing English.")
MSG_KEY = N_("The link's “{name}” setting is not known here and was ignored.")
MSG_VERSION = N_("This link comes from a different version (v={value}); some settings may "
                 "be ignored.")
# Translators: a link naming a peer group and a list of countries (group=gcc&country=MAR,TUN):
# the page shows the countries and no preset; {group} is the group's name.
MSG_GROUP_AND_COUNTRIES = N_("The link names the group “{group}” and a list of countries: the "
                             "list is kept, the group is not applied.")
MSG_TOO_MANY = N_("The link names too many values for {name}; the first {limit} are used.")


# ---------------------------------------------------------------- encode


def sort_text(sort: str | Iterable[object] | None) -> str | None:
    """A DataTable ``sort_by`` list or a string, as ``col:dir,...``."""
    if not sort:
        return None
    if isinstance(sort, str):
        return sort
    parts = []
    for item in sort:
        if isinstance(item, Mapping) and item.get("column_id"):
            parts.append(f"{item['column_id']}:{item.get('direction') or 'asc'}")
    return ",".join(parts) or None


def sort_by(sort: str | None) -> list[dict[str, str]]:
    """The DataTable ``sort_by`` of a state's ``sort`` text."""
    out = []
    for part in (sort or "").split(","):
        column, _, direction = part.partition(":")
        if column:
            out.append({"column_id": column, "direction": direction or "asc"})
    return out


def view_link(path: str) -> str:
    """The link to a view (``path`` with its query): absolute when serving a request, so that
    a copied link or a downloaded file's ``Link`` opens it from anywhere; the path otherwise."""
    return request.host_url.rstrip("/") + path if has_request_context() else path


def encode_state(state: ViewState, defaults: ViewState = ViewState()) -> str:
    """``?v=1&...`` with only what differs from ``defaults``; ``""`` when nothing does."""
    pairs: list[tuple[str, str]] = []
    for name, keys in KEYS.items():
        value = getattr(state, name)
        if name == "sort":
            value = sort_text(value)
        if value == getattr(defaults, name) or (value in (None, ()) and
                                                 getattr(defaults, name) in (None, ())):
            continue
        if name in LIST_FIELDS:
            pairs.append((keys[0], ",".join(map(str, value))))  # "" means "explicitly none"
        elif value is not None:
            pairs.append((keys[0], str(value)))
    if not pairs:
        return ""
    return "?" + urlencode([(VERSION_KEY, str(VERSION)), *pairs], safe=",:")


def with_passed_through(search: str, old: object) -> str:
    """``search`` plus the passed-through parameters (``digits``) of the ``old`` query."""
    try:
        kept = [(k, v) for k, v in _pairs(old) if k in PASSED_THROUGH][-1:]
    except Exception:  # noqa: BLE001 - a link must never break the page
        kept = []
    if not kept:
        return search
    return (search + "&" if search else "?") + urlencode(kept)


# ---------------------------------------------------------------- decode


def _split(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


def _check(values: list, known: frozenset | None, msgid: str, notices: list[Notice]) -> tuple:
    if known is None:
        return tuple(values)
    bad = [v for v in values if v not in known]
    if bad:
        notices.append(Notice(msgid, {"values": ", ".join(map(str, bad))}))
    return tuple(v for v in values if v in known)


def decode_state(search: object, known: Known = Known(),
                 defaults: ViewState = ViewState()) -> tuple[ViewState, list[Notice]]:
    """The state a query string asks for, cleaned, and notices for what was left out.

    Accepts ``"?a=1"``, ``"a=1"``, ``None`` or a mapping of query values (as Dash pages pass
    them to ``layout``). Never raises.
    """
    notices: list[Notice] = []
    try:
        pairs = _pairs(search)
    except Exception:  # noqa: BLE001 - a link must never break the page
        return defaults, [Notice(MSG_KEY, {"name": "?"})]
    found: dict[str, list[str]] = {}
    for key, value in pairs:
        found.setdefault(key, []).append(value)
    version = found.pop(VERSION_KEY, [str(VERSION)])[-1]
    if version != str(VERSION):
        notices.append(Notice(MSG_VERSION, {"value": version[:20]}))
    values: dict[str, Any] = {}  # each field's own type
    for name, keys in KEYS.items():
        raw = [v for key in keys for v in found.pop(key, [])]
        if not raw:
            continue
        if name in LIST_FIELDS:
            values[name] = _decode_list(name, raw, known, notices)
        else:
            values[name] = _decode_single(name, raw[-1], known, notices)
    for key in found:
        if key and key != "_" and key not in PASSED_THROUGH:
            notices.append(Notice(MSG_KEY, {"name": key[:40]}))
    return dataclasses.replace(defaults, **values), notices


def asks_for_none(query: object, name: str) -> bool:
    """Whether ``query`` names the list field ``name`` with nothing in it (``country=``): the
    reader emptied that control, which is not the same as leaving the key out (the page's
    default). Takes what :func:`decode_state` takes; never raises."""
    try:
        values = [value for key, value in _pairs(query) if key in KEYS[name]]
    except Exception:  # noqa: BLE001 - a link must never break the page
        return False
    return bool(values) and not any(value.strip(" ,") for value in values)


def _pairs(search: object) -> list[tuple[str, str]]:
    if search is None:
        return []
    if isinstance(search, Mapping):
        pairs: list[tuple[str, str]] = []
        for key, value in search.items():
            items = value if isinstance(value, list | tuple) else [value]
            pairs.extend((str(key), "" if v is None else str(v)) for v in items)
        return pairs
    text = str(search)[:MAX_QUERY_LENGTH]
    return parse_qsl(text[1:] if text.startswith("?") else text, keep_blank_values=True)


def _decode_list(name: str, raw: list[str], known: Known, notices: list[Notice]) -> tuple:
    parts = _split(raw)
    if len(parts) > MAX_VALUES:
        notices.append(Notice(MSG_TOO_MANY, {"name": KEYS[name][0], "limit": MAX_VALUES}))
        parts = parts[:MAX_VALUES]
    if name == "countries":
        return _check(list(dict.fromkeys(p.upper() for p in parts)), known.countries,
                      MSG_COUNTRY, notices)
    if name == "indicators":
        return _check(parts, known.indicators, MSG_INDICATOR, notices)
    if name == "groups":
        return _check(parts, known.groups, MSG_GROUP, notices)
    years, bad = [], []
    for part in parts:
        if whole_number(part) and len(part) <= 4:
            years.append(int(part))
        else:
            bad.append(part[:20])
    if bad:
        notices.append(Notice(MSG_EDITION, {"values": ", ".join(bad)}))
    return _check(list(dict.fromkeys(years)), known.editions, MSG_EDITION, notices)


def _decode_single(name: str, value: str, known: Known, notices: list[Notice]) -> str | None:
    value = value.strip()
    if name == "lang":
        code = value.lower()
        if code not in LANGUAGES:
            notices.append(Notice(MSG_LANG, {"value": value[:20]}))
            return DEFAULT_LANGUAGE
        return code
    if name == "tab":
        if known.tabs is not None and value not in known.tabs:
            notices.append(Notice(MSG_TAB, {"value": value[:40]}))
            return None
        return value or None
    if name == "where":
        try:
            conditions = parse_where(value, tuple(known.sort_columns or ()))
        except ViewQueryError as exc:
            notices.append(Notice(MSG_WHERE, {"value": value[:60], "reason": exc}))
            return None
        return where_text(conditions) or None
    # sort: keep the parts naming a known column and a direction
    good, bad = [], []
    for part in value.split(","):
        column, _, direction = part.strip().partition(":")
        direction = direction or "asc"
        if not column:
            continue
        if direction in ("asc", "desc") and (known.sort_columns is None
                                             or column in known.sort_columns):
            good.append(f"{column}:{direction}")
        else:
            bad.append(part.strip()[:40])
    if bad:
        notices.append(Notice(MSG_SORT, {"value": ", ".join(bad)}))
    return ",".join(good) or None


# ---------------------------------------------------------------- the copy-link control


def permalink_ids(prefix: str) -> tuple[str, str]:
    """Ids of the link field and its copy button for a page prefix."""
    return f"{prefix}-permalink", f"{prefix}-copy-link"


def permalink_control(prefix: str, lang: str, url: str = "") -> html.Div:
    """A read-only field with the link to the current view and a button copying it."""
    field_id, copy_id = permalink_ids(prefix)
    return html.Div([
        html.Label(t("Link to this view", lang), htmlFor=field_id),
        dcc.Input(id=field_id, type="url", value=url, readOnly=True, debounce=True,
                  className="ci-permalink-field"),
        dcc.Clipboard(target_id=field_id, title=t("Copy link", lang),
                      id=copy_id, className="ci-copy-link",
                      style={"display": "inline-block", "cursor": "pointer",
                             "fontSize": "1.2em"}),
    ], className="ci-permalink", style={"display": "flex", "gap": "0.5em",
                                         "alignItems": "center", "flexWrap": "wrap"})


# The browser knows the full URL (scheme, host, port) behind any proxy; the server may not.
PERMALINK_JS = """
function(pathname, search) {
    var path = pathname || window.location.pathname;
    return window.location.origin + path + (search || "");
}
"""


def register_permalink_callback(app, prefix: str, location_id: str) -> None:
    """Keep the page's link field equal to the URL of its ``dcc.Location``."""
    field_id, _ = permalink_ids(prefix)
    app.clientside_callback(
        PERMALINK_JS,
        Output(field_id, "value"),
        Input(location_id, "pathname"),
        Input(location_id, "search"),
    )


def control_values(value: object) -> list:
    """A multi-select's value as a list. The renderer sends a list (or None); a lone value,
    which only a hand-made request sends (the callback guard lets one known id through), is
    a list of one, never read character by character or refused with a 500."""
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def state_from_filter(wanted: ExportFilter, **extra: object) -> ViewState:
    """A view state holding an export filter (plus tab, sort or lang)."""
    return ViewState(wanted.indicators, wanted.countries, wanted.groups, wanted.editions,
                     **extra)  # type: ignore[arg-type]


def known_from(indicators: Sequence[str] | None = None, countries: Sequence[str] | None = None,
               groups: Sequence[str] | None = None, editions: Sequence[int] | None = None,
               tabs: Sequence[str] | None = None,
               sort_columns: Sequence[str] | None = None) -> Known:
    """A :class:`Known` from plain sequences (``None`` leaves a field unchecked)."""
    def frozen(values):
        return None if values is None else frozenset(values)

    return Known(frozen(indicators), frozen(countries), frozen(groups), frozen(editions),
                 frozen(tabs), frozen(sort_columns))
