"""The data API under ``/api/v1``: a Flask blueprint served by the dashboard's own server.

Observations go through :func:`etl.export.prepare_export` (the path the CLI and the Data page's
downloads use), so a filter gives the same rows everywhere. Every parameter is checked before
any query: filter values against known ids (:func:`etl.export.check_filter`), numbers as numbers,
and unknown parameter names are refused. Values reach SQL only as bound parameters, through
``etl.store``. Every error is JSON ``{"error": {"status", "parameter", "message"}}``: 400 for a
bad parameter (naming it; a filter given empty, ``country=``, too), 404 for an unknown path or
id, 405 for a wrong method (``Allow`` names the methods that work: GET, HEAD, OPTIONS, which
``OPTIONS`` answers too); bad input never gives a 500. A country code is known when the store
has that country (:func:`dashboard.data.known_iso3`, the Data page's rule too). Every answer
read from the data carries an ``ETag`` (the data release and the request; strong, weak for
the xlsx, parquet and zip files, which hold the time they were made) and
``Cache-Control: no-cache``: a client revalidates with ``If-None-Match`` and gets a 304 without
the answer being computed. The OpenAPI document (``/api/v1/openapi.json``) describes all of this.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

import pandas as pd
from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    jsonify,
    request,
    stream_with_context,
)
from sqlalchemy.engine import Engine
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from dashboard import data
from dashboard.api_conditional import answer_conditionally
from dashboard.api_docs import api_docs_html
from dashboard.openapi import openapi_document
from etl import changelog_export, export, export_texts, news_export, releases, store, viewquery
from etl.held_out import held_out_keys
from etl.settings import Settings

log = logging.getLogger(__name__)

PREFIX = "/api/v1"
EXTENSION_KEY = "cyberindex"  # same key as dashboard.data.current_engine reads
FILTER_PARAMS = ("indicator", "country", "group", "edition", "where", "sort")
STATEMENT_PARAMS = export.DATASETS["statements"]  # country, group, source, edition
CROSSINDEX_PARAMS = export.DATASETS["crossindex"]  # country, group
DEFAULT_PER_PAGE = 100
MAX_PER_PAGE = 1000
MAX_RUNS = 1000
MAX_VIEW_LENGTH = 2000
ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
# What every API route answers (HEAD and OPTIONS with GET): its Allow header, on a 405 too.
ROUTE_METHODS = ("GET", "HEAD", "OPTIONS")
DOWNLOAD_CHUNK = 64 * 1024
# Filters that narrow the rows: given with no value (``country=``, a shell variable left
# unset) each is a 400, never "no filter" (the whole table). ``sort`` only orders the rows.
NOT_EMPTY = ("indicator", "country", "group", "edition", "source", "where", "kind",
             "language", "outlet", "verdict")
UNSPLIT = ("where", "outlet")  # their values may hold commas


class ApiError(Exception):
    """An error answered as JSON: status, the parameter at fault (if any) and a message."""

    def __init__(self, status: int, message: str, parameter: str | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter


def error_response(status: int, message: str, parameter: str | None = None) -> Response:
    body: dict[str, Any] = {"status": status, "message": message}
    if parameter is not None:
        body["parameter"] = parameter
    response = jsonify({"error": body})
    response.status_code = status
    return response


# ---------------------------------------------------------------- request parsing


def _engine() -> Engine:
    return current_app.extensions[EXTENSION_KEY]["engine"]


def refuse_unknown_parameters(allowed: Iterable[str], not_applied: Mapping[str, str] | None = None,
                              args: MultiDict | None = None) -> None:
    """A misspelt parameter (``countries=``) is an error, not a silently ignored filter; so is
    one the endpoint does not apply (``not_applied``: its name and why), known elsewhere, and
    a filter of :data:`NOT_EMPTY` given with nothing in it (``country=`` or ``country=,``:
    an unset variable would otherwise ask for every country)."""
    allowed = set(allowed)
    for name in _args(args):
        if name in (not_applied or {}):
            raise ApiError(400, (not_applied or {})[name], name)
        if name not in allowed:
            known = ", ".join(sorted(allowed)) or "none"
            raise ApiError(400, f"unknown parameter: {name} (known: {known})", name)
        if name in NOT_EMPTY and not list_values(name, args, split=name not in UNSPLIT):
            raise ApiError(400, f"{name} is empty: give at least one value, or leave {name} "
                           "out for no filter on it", name)


def _args(args: MultiDict | None) -> MultiDict:
    """The parameters to read: ``args`` (the CLI's options, named as the query string's), or
    the request's query string."""
    return request.args if args is None else args


def list_values(name: str, args: MultiDict | None = None, split: bool = True) -> list[str]:
    """Values of a repeatable parameter; each may also be comma separated (unless not
    ``split``: a name that may hold commas); blanks dropped."""
    values: list[str] = []
    for raw in _args(args).getlist(name):
        for part in raw.split(",") if split else [raw]:
            part = part.strip()
            if part and part not in values:
                values.append(part)
    return values


def filter_from_request() -> export.ExportFilter:
    """The export filter named by the query string (editions must be whole numbers)."""
    editions: list[int] = []
    for text in list_values("edition"):
        if not viewquery.whole_number(text):
            raise ApiError(400, f"edition must be a year such as 2020, not: {text[:40]}",
                           "edition")
        editions.append(int(text))
    # where: one filter query (commas are part of its values: not split); several are joined.
    where = " && ".join(w for w in request.args.getlist("where") if w.strip())
    sort = ",".join(request.args.getlist("sort"))
    try:
        return export.ExportFilter.with_view(
            where, sort,
            indicators=tuple(list_values("indicator")),
            countries=tuple(dict.fromkeys(c.upper() for c in list_values("country"))),
            groups=tuple(list_values("group")),
            editions=tuple(dict.fromkeys(editions)),
            sources=tuple(list_values("source")),
        )
    except viewquery.ViewQueryError as exc:
        raise ApiError(400, str(exc), exc.parameter) from None


def single_value(name: str, args: MultiDict | None = None) -> str | None:
    """The one value of a parameter taken once (None when not given): given twice is a 400
    saying so, never the first read and the second ignored."""
    values = _args(args).getlist(name)
    if len(values) > 1:
        raise ApiError(400, f"{name} given more than once", name)
    return values[0] if values else None


def int_parameter(name: str, default: int, low: int, high: int | None = None) -> int:
    given = single_value(name)
    if given is None:
        return default
    text = given.strip()
    bound = f"between {low} and {high}" if high is not None else f"at least {low}"
    # A sign is read (per_page=-1 is out of range, and says the range), other marks are not.
    if not viewquery.whole_number(text.lstrip("+-")) or text[1:2] in ("+", "-"):
        raise ApiError(400, f"{name} must be a whole number {bound}, not: {given[:40]}",
                       name)
    value = int(text)
    if value < low or (high is not None and value > high):
        raise ApiError(400, f"{name} must be {bound}, not: {value}", name)
    return value


def choice_parameter(name: str, choices: Iterable[str], default: str,
                     args: MultiDict | None = None) -> str:
    value = single_value(name, args)
    if value is None:
        return default
    choices = list(choices)
    if value not in choices:
        raise ApiError(400, f"{name} must be one of {', '.join(choices)}, not: {value[:40]}",
                       name)
    return value


NEWS_PARAMS = ("country", "language", "outlet", "since", "until", "claim", "verdict",
               "samples", "lang", "view")
# What a news list does not apply, and why: refused with a 400 naming it, never ignored (the
# claims of the articles without claims would be the same claims as with it).
NEWS_NOT_APPLIED: dict[str, dict[str, str]] = {
    "articles": {},
    "claims": {"claim": "claim does not apply to claims: it selects articles by whether they "
                        "have claims (leave it out)"},
}


def news_params(kind: str) -> tuple[str, ...]:
    """The parameters the ``kind`` list (articles, claims) takes."""
    return tuple(p for p in NEWS_PARAMS if p not in NEWS_NOT_APPLIED[kind])


CHANGE_PARAMS = ("country", "indicator", "kind", "since", "lang", "view")


def date_parameter(name: str, args: MultiDict | None = None) -> str | None:
    """A day, ``YYYY-MM-DD`` (None when not given)."""
    given = single_value(name, args)
    if given is None:
        return None
    text = given.strip()
    try:
        if len(text) != 10 or not text.isascii():  # strptime reads ٢٠٢٤ too
            raise ValueError(text)
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise ApiError(400, f"{name} must be one day as YYYY-MM-DD, not: {given[:40]}",
                       name) from None
    return text


def moment_parameter(name: str) -> str | None:
    """A day or a time, ISO 8601 (``2025-01-01``, ``2025-01-01T12:00:00+01:00``; naive is
    UTC), None when not given. A time with an offset is given back in UTC: the store compares
    the wall time (on SQLite, ``05:42+01:00`` was read as 05:42 UTC, an hour of changes
    missing)."""
    given = single_value(name)
    if given is None:
        return None
    text = given.strip()
    try:
        if not text.isascii() or not text[:4].isdigit():
            raise ValueError(text)
        when = pd.Timestamp(text)
    except ValueError:
        raise ApiError(400, f"{name} must be one day or time in ISO 8601 (2025-01-01), not: "
                       f"{given[:40]}", name) from None
    return text if when.tzinfo is None else when.tz_convert(UTC).isoformat()


def plain_texts(name: str, max_length: int, args: MultiDict | None = None,
                split: bool = True) -> list[str]:
    """:func:`list_values` of a free-text parameter (a language, an outlet's name): short, and
    without control characters (PostgreSQL refuses a NUL in text; no name holds one)."""
    values = list_values(name, args, split)
    for value in values:
        if len(value) > max_length or any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
            raise ApiError(400, f"{name} must be text of at most {max_length} characters "
                           "without control characters", name)
    return values


def news_filter(args: MultiDict, engine: Engine, kind: str = "articles") -> store.ArticleFilter:
    """The News page's filter named by ``args`` (a query string, or `cyberindex news list`'s
    options under the same names), for the ``kind`` list: checked (known countries, languages
    and verdicts, days, claim any|yes|no, samples 0|1, nothing the list does not apply), a
    bad value an :class:`ApiError` naming its parameter."""
    refuse_unknown_parameters(news_params(kind), NEWS_NOT_APPLIED[kind], args)
    countries = tuple(dict.fromkeys(c.upper() for c in list_values("country", args)))
    known_ids(export.ExportFilter(countries=countries), engine)
    verdicts = tuple(list_values("verdict", args))
    bad = [v for v in verdicts if v not in store.VERDICTS]
    if bad:
        raise ApiError(400, f"verdict must be one of {', '.join(store.VERDICTS)}, not: "
                       f"{', '.join(bad)}", "verdict")
    claim = choice_parameter("claim", ("any", "yes", "no"), "any", args)
    languages = tuple(plain_texts("language", 20, args))
    if languages:
        # The languages of the stored articles (the News page's choices): another one would
        # answer an empty file as if no article were in it.
        bad, known = export.unknown_languages(engine, languages)
        if bad:
            allowed = ", ".join(known) or "none (no article is stored)"
            raise ApiError(400, f"language must be one of {allowed}, not: "
                           f"{', '.join(bad)[:60]}", "language")
    since, until = date_parameter("since", args), date_parameter("until", args)
    if since and until and until < since:
        raise ApiError(400, f"until ({until}) is before since ({since}): no day is in the range",
                       "until")
    return store.ArticleFilter(
        iso3s=countries, languages=languages,
        # An outlet is repeated, never comma separated: its name may hold commas.
        outlets=tuple(plain_texts("outlet", 200, args, split=False)),
        since=since, until=until,
        has_claim={"yes": True, "no": False}.get(claim), verdicts=verdicts,
        include_samples=choice_parameter("samples", ("0", "1"), "0", args) == "1",
    )


def list_file(name: str, frame: pd.DataFrame, fmt: str,
              query: Iterable[tuple[str, str]]) -> Response:
    """A list's rows as an attachment named and described as every download is
    (``cyberindex-<name>-r<release>-<time>.<fmt>``; filter, language, time, view link and
    count in headers: :func:`etl.export.download_headers`)."""
    generated_at = datetime.now(UTC)
    text = export.render_rows(frame, fmt)
    # A CSV download opens in Excel on Windows with its accents and Arabic intact (a BOM).
    response = Response(export.CSV_BOM + text if fmt == "csv" else text,
                        content_type=export.LIST_FORMATS[fmt])
    release = releases.current_release_id(_engine())  # the request's (read_at_pinned_release)
    filename = export.download_filename(name, release, generated_at, fmt)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers.update(export.download_headers(
        name, urlencode(list(query)), export_language(), generated_at, len(frame),
        view_parameter()))
    return response


def view_parameter() -> str | None:
    """The link to the view a download came from, written into the file: a path (not
    ``//host/...``, which a browser reads as another site) or an http(s) URL of this site (the
    request's host), no control characters. A link elsewhere would let anyone make a file of
    the site's that sends its reader off-site."""
    view = single_value("view")
    if view is None:
        return None
    if (len(view) > MAX_VIEW_LENGTH or not _is_own_link(view)
            or any(ord(ch) < 32 or ord(ch) == 127 for ch in view)):
        raise ApiError(400, "view must be one link of this site (a path, or an http(s) URL of "
                       f"{request.host}) of at most {MAX_VIEW_LENGTH} characters", "view")
    return view


def _is_own_link(view: str) -> bool:
    if view.startswith("/"):
        return not view.startswith(("//", "/\\"))
    try:
        parts = urlsplit(view)
    except ValueError:
        return False
    return (parts.scheme in ("http", "https")
            and parts.netloc.lower() == request.host.lower())


def export_language() -> str:
    """The ``lang`` of a download (en, fr, ar; English when not given)."""
    lang = single_value("lang")
    if lang is None:
        return export_texts.DEFAULT_LANGUAGE
    if lang not in export_texts.LANGUAGES:
        raise ApiError(400, f"lang must be one of {', '.join(export_texts.LANGUAGES)}, not: "
                       f"{lang[:40]}", "lang")
    return lang


def known_countries(countries: Iterable[str], engine: Engine | None = None) -> None:
    """A 400 naming ``country`` for codes no country of the store has: the one rule of which
    codes are known (:func:`dashboard.data.known_iso3`), the Data page's too, so a code the
    page calls unknown is a 400 here and one it accepts answers here (rows, or none)."""
    known = data.known_iso3(_engine() if engine is None else engine)
    bad = [code for code in countries if code not in known]
    if bad:
        raise ApiError(400, str(export.UnknownValueError("country", bad)), "country")


def known_ids(wanted: export.ExportFilter, engine: Engine | None = None) -> None:
    """:func:`etl.export.check_filter` for a route that names ids: a 400 naming the parameter
    (countries by :func:`known_countries`)."""
    known_countries(wanted.countries, engine)
    try:
        export.check_filter(_engine() if engine is None else engine, wanted)
    except export.UnknownValueError as exc:
        raise ApiError(400, str(exc), exc.parameter) from None


def checked_export(view: str | None = None, with_sources: bool = True,
                   lang: str = "en", dataset: str = "observations") -> export.Export:
    """The export of the request's filter (one of :data:`etl.export.DATASETS`), countries
    named in ``lang``; unknown ids, and a ``where`` value its column cannot be compared with
    (``{value} > abc``), become a 400 naming the parameter."""
    wanted = filter_from_request()
    known_countries(wanted.countries)
    try:
        engine = _engine()
        return export.prepare_export(engine, wanted, view_url=view, with_sources=with_sources,
                                     lang=lang, dataset=dataset,
                                     held=data.read(held_out_keys, engine))  # once a release
    except export.UnknownValueError as exc:
        raise ApiError(400, str(exc), exc.parameter) from None
    except viewquery.ViewQueryError as exc:  # raised where the rows are filtered
        raise ApiError(400, str(exc), exc.parameter) from None


# ---------------------------------------------------------------- response helpers


def plain(value: Any) -> Any:
    """A JSON-ready value: NaN/NA to None, numpy scalars to Python, times to ISO 8601 UTC."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp | datetime):
        when = pd.Timestamp(value)
        when = when.tz_localize(UTC) if when.tzinfo is None else when.tz_convert(UTC)
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def url_with(page: int | None = None, **params: Any) -> str:
    """This endpoint's absolute URL with the given query (lists repeat the parameter)."""
    query = {k: v for k, v in params.items() if v not in (None, [], ())}
    if page is not None:
        query["page"] = page
    return request.base_url + ("?" + urlencode(query, doseq=True) if query else "")


def _chunks(body: bytes) -> Iterator[bytes]:
    for start in range(0, len(body), DOWNLOAD_CHUNK):
        yield body[start:start + DOWNLOAD_CHUNK]


# ---------------------------------------------------------------- methods


def answers_get(path: str) -> bool:
    """Whether a GET of ``path`` reaches one of the API's routes (a redirect to one counts),
    not the catch-all's 404."""
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        endpoint, _ = adapter.match(path, method="GET")
    except RequestRedirect:
        return True
    except HTTPException:
        return False
    return not endpoint.endswith(".not_found")


# ---------------------------------------------------------------- the blueprint


def index_names() -> list[str]:
    """The index's endpoints: every list and download the OpenAPI document describes (a
    download by its CSV form), so a new endpoint is listed once documented."""
    names = []
    for path in openapi_document()["paths"]:
        name = path.removeprefix(PREFIX + "/")
        if name.endswith(".{format}"):
            names.append(name.removesuffix("{format}") + "csv")
        elif "{" not in name:
            names.append(name)
    return names


def api_blueprint() -> Blueprint:
    """A fresh ``/api/v1`` blueprint (one per app) reading the app's engine."""
    bp = Blueprint("api_v1", __name__, url_prefix=PREFIX)
    # A row's keys in the documented column order (docs/api.md), as the downloads and the CLI
    # write them: Flask's JSON sorts keys by default, so pd.DataFrame(rows) had other columns.
    # Set on whichever app registers the blueprint (the dashboard's, or create_api_app's).
    bp.record_once(lambda state: setattr(state.app.json, "sort_keys", False))

    @bp.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        return error_response(exc.status, exc.message, exc.parameter)

    @bp.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        response = error_response(exc.code or 500, exc.description or exc.name)
        allow = dict(exc.get_headers()).get("Allow")
        if allow:  # a 405 names the methods that work
            response.headers["Allow"] = allow
        return response

    @bp.before_request
    def _options():
        # Flask's own OPTIONS answer lists every method of every rule matching the path, the
        # catch-all's too (POST, PUT...: all 405): an API path answers GET, HEAD and OPTIONS
        # only, and an unknown one is a 404 as its GET is.
        if request.method != "OPTIONS":
            return None
        if not answers_get(request.path):
            raise NotFound(f"no such API path: {request.path}")
        response = Response(status=204)
        del response.headers["Content-Type"]  # no body
        response.headers["Allow"] = ", ".join(ROUTE_METHODS)
        return response

    @bp.before_app_request
    def _unrouted_methods():
        # A method no rule lists (TRACE, PROPFIND...) fails while routing, before the request
        # has a blueprint: it got Werkzeug's HTML 405, its Allow naming POST, PUT... (405s
        # too), even on an unknown path. Answered as POST is: the JSON 405, or a 404.
        path = request.path
        if (request.method in (*ROUTE_METHODS, *ALL_METHODS)
                or not (path == PREFIX or path.startswith(PREFIX + "/"))):
            return None
        if not answers_get(path):
            return error_response(404, f"no such API path: {path}")
        response = error_response(405, MethodNotAllowed.description)
        response.headers["Allow"] = ", ".join(ROUTE_METHODS)
        return response

    @bp.errorhandler(releases.ReleaseChanged)
    def _publishing(exc: releases.ReleaseChanged):
        # Releases kept landing while the answer was read, more times than the request is
        # answered again: no answer mixing two releases, a retry instead.
        response = error_response(503, "new data was being published; please try again")
        response.headers["Retry-After"] = "1"
        return response

    @bp.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("API error on %s", request.full_path)
        return error_response(500, "internal error; the request was logged")

    def get(rule: str, allowed: Iterable[str] = (),
            not_applied: Mapping[str, str] | None = None) -> Callable:
        """Register a GET view that refuses unknown query parameters first (and those it does
        not apply, saying why), and answers from the release pinned for the request (the one
        ``X-Data-Release`` names), conditionally (:func:`answer_conditionally`: ETag, 304)."""
        allowed = tuple(allowed)

        def register(view: Callable) -> Callable:
            def checked(**kwargs: Any):
                refuse_unknown_parameters(allowed, not_applied)
                return releases.read_at_pinned_release(
                    _engine(), lambda: answer_conditionally(_engine(), lambda: view(**kwargs)))

            bp.add_url_rule(rule, view.__name__, checked, methods=["GET"])
            return view

        return register

    @get("/")
    def index():
        base = request.host_url.rstrip("/") + PREFIX
        return jsonify({
            "name": "cyberindex data API",
            "version": 1,
            "openapi": f"{base}/openapi.json",
            "docs": f"{base}/docs",
            "endpoints": {name: f"{base}/{name}" for name in index_names()},
        })

    @get("/openapi.json")
    def openapi():
        return jsonify(openapi_document())

    @bp.get("/docs")
    def docs():
        # The reference page, from the same document; it reads no data, so it is not pinned
        # to a release (a page of text is never refused while data is being published).
        refuse_unknown_parameters(("lang",))
        lang = export_language()  # the page the reader came from: its links go back to it
        home = "/" if lang == export_texts.DEFAULT_LANGUAGE else f"/?lang={lang}"
        return Response(api_docs_html(openapi_document(), request.host_url, home),
                        content_type="text/html; charset=utf-8")

    @get("/indicators")
    def indicators():
        return jsonify({"data": records(store.indicators_frame(_engine()))})

    @get("/indicators/<indicator_id>")
    def indicator(indicator_id: str):
        frame = store.indicators_frame(_engine())
        hit = frame[frame["indicator_id"] == indicator_id]
        if hit.empty:
            raise ApiError(404, f"unknown indicator: {indicator_id}")
        return jsonify(records(hit)[0])

    @get("/countries")
    def countries():
        return jsonify({"data": records(store.countries_frame(_engine()))})

    @get("/countries/<iso3>")
    def country(iso3: str):
        engine = _engine()
        frame = store.countries_frame(engine)
        hit = frame[frame["iso3"] == iso3.upper()]
        if hit.empty:
            raise ApiError(404, f"unknown country: {iso3}")
        members = store.group_members_frame(engine)
        body = records(hit)[0]
        body["groups"] = sorted(members.loc[members["iso3"] == body["iso3"], "group_id"])
        body["observations"] = request.host_url.rstrip("/") + PREFIX + \
            f"/observations?country={body['iso3']}"
        return jsonify(body)

    def _groups(frame: pd.DataFrame) -> list[dict[str, Any]]:
        members = store.group_members_frame(_engine())
        by_group = members.groupby("group_id")["iso3"].apply(sorted).to_dict()
        out = records(frame)
        for row in out:
            row["members"] = list(by_group.get(row["group_id"], []))
        return out

    @get("/groups")
    def groups():
        return jsonify({"data": _groups(store.groups_frame(_engine()))})

    @get("/groups/<group_id>")
    def group(group_id: str):
        frame = store.groups_frame(_engine())
        hit = frame[frame["group_id"] == group_id]
        if hit.empty:
            raise ApiError(404, f"unknown group: {group_id}")
        return jsonify(_groups(hit)[0])

    @get("/sources")
    def sources():
        return jsonify({"data": records(store.sources_frame(_engine()))})

    @get("/sources/<source_id>")
    def source(source_id: str):
        frame = store.sources_frame(_engine())
        hit = frame[frame["source_id"] == source_id]
        if hit.empty:
            raise ApiError(404, f"unknown source: {source_id}")
        return jsonify(records(hit)[0])

    @get("/runs", allowed=("source", "limit"))
    def runs():
        engine = _engine()
        limit = int_parameter("limit", 100, 1, MAX_RUNS)
        source_id = single_value("source")
        if source_id is not None:
            known = set(store.sources_frame(engine)["source_id"]) | set(
                store.last_runs_frame(engine)["source_id"])
            if source_id not in known:
                raise ApiError(400, f"unknown source: {source_id}", "source")
        return jsonify({"data": records(store.runs_frame(engine, source_id, limit=limit))})

    @get("/observations", allowed=(*FILTER_PARAMS, "format", "page", "per_page", "lang"))
    def observations():
        fmt = choice_parameter("format", ("json", "csv"), "json")
        page = int_parameter("page", 1, 1)
        per_page = int_parameter("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
        # lang: the country and indicator names (country, indicator_name), which where and
        # sort then read, as a download's lang and `cyberindex export --lang` do; every other
        # value as stored. English when left out.
        lang = export_language()
        result = checked_export(with_sources=False, lang=lang)
        if fmt == "csv":
            # CSV is the whole filtered table, streamed; paging applies to JSON only.
            return Response(stream_with_context(export.iter_csv(result.frame)),
                            mimetype="text/csv", content_type="text/csv; charset=utf-8")
        total = len(result.frame)
        pages = max(1, math.ceil(total / per_page))
        start = (page - 1) * per_page
        rows = result.frame.iloc[start:start + per_page] if start < total else result.frame.iloc[:0]
        named = {"lang": lang} if lang != export_texts.DEFAULT_LANGUAGE else {}
        params = {**export.filter_params(result.wanted), "per_page": per_page, **named}
        return jsonify({
            "total": total,
            "page": page,
            "per_page": per_page,
            "pages": pages,
            "filter": export.filter_params(result.wanted),
            "links": {
                "self": url_with(page, **params),
                "first": url_with(1, **params),
                "last": url_with(pages, **params),
                "next": url_with(page + 1, **params) if page < pages else None,
                "prev": url_with(min(page - 1, pages), **params) if page > 1 else None,
                "csv": url_with(None, **export.filter_params(result.wanted), format="csv",
                                **named),
            },
            "data": export.frame_to_records(rows),
        })

    def download(dataset: str, fmt: str) -> Response:
        """One dataset's rows as a file in ``fmt``. What the file cannot say inside it (CSV,
        JSON) is in headers (:meth:`etl.export.Export.headers`: filter, view link, language,
        time; the release in ``X-Data-Release`` and the file name). CSV starts with a BOM."""
        if fmt not in export.FORMATS:
            raise ApiError(404, f"unknown download format: {fmt} "
                           f"(known: {', '.join(export.FORMATS)})")
        # lang: the countries' names, and the words around the data (Excel sheets, ZIP
        # README), as the page the download was taken from shows them.
        result = checked_export(view_parameter(), lang=export_language(), dataset=dataset)
        spec = export.FORMATS[fmt]
        if fmt == "csv":
            body: Iterable = stream_with_context(export.iter_csv(result.frame, bom=True))
        else:
            body = _chunks(result.render(fmt))
        response = Response(body, content_type=spec.media_type)
        response.headers["Content-Disposition"] = f'attachment; filename="{result.filename(fmt)}"'
        response.headers.update(result.headers())
        return response

    @get("/downloads/observations.<fmt>", allowed=(*FILTER_PARAMS, "view", "lang"))
    def download_observations(fmt: str):
        return download("observations", fmt)

    @get("/downloads/statements.<fmt>", allowed=(*STATEMENT_PARAMS, "view", "lang"))
    def download_statements(fmt: str):
        """The cited statements (INTERPOL findings, NCSI snapshots kept as statements)."""
        return download("statements", fmt)

    @get("/downloads/crossindex.<fmt>", allowed=(*CROSSINDEX_PARAMS, "view", "lang"))
    def download_crossindex(fmt: str):
        """The Cross-index page's table for its selection."""
        return download("crossindex", fmt)

    @get("/statements", allowed=(*STATEMENT_PARAMS, "lang"))
    def statements():
        """The cited statements of a filter, all of them (a few dozen rows: no paging)."""
        result = checked_export(with_sources=False, lang=export_language(), dataset="statements")
        return jsonify({"total": len(result.frame),
                        "filter": export.filter_params(result.wanted),
                        "data": export.frame_to_records(result.frame)})

    def news_download(kind: str, fmt: str):
        if fmt not in news_export.FORMATS:
            raise ApiError(404, f"unknown download format: {fmt} "
                           f"(known: {', '.join(news_export.FORMATS)})")
        wanted = news_filter(request.args, _engine(), kind)
        try:
            frame = news_export.rows_of(kind, _engine(), wanted, lang=export_language())
        except news_export.TooManyRows as exc:
            raise ApiError(400, str(exc)) from None
        return list_file(kind, frame, fmt, news_export.filter_query(wanted))

    @get("/downloads/changes.<fmt>", allowed=CHANGE_PARAMS)
    def download_changes(fmt: str):
        """The changelog of the "What changed" page's filter, latest first."""
        if fmt not in changelog_export.FORMATS:
            raise ApiError(404, f"unknown download format: {fmt} "
                           f"(known: {', '.join(changelog_export.FORMATS)})")
        countries = tuple(dict.fromkeys(c.upper() for c in list_values("country")))
        indicators = tuple(list_values("indicator"))
        known_ids(export.ExportFilter(indicators=indicators, countries=countries))
        kinds = tuple(list_values("kind"))
        unknown = [k for k in kinds if k not in changelog_export.KINDS]
        if unknown:
            raise ApiError(400, f"unknown kind: {', '.join(unknown)}", "kind")
        since = moment_parameter("since")
        frame = changelog_export.changes_rows(
            _engine(), since=since, iso3s=countries, indicator_ids=indicators,
            kinds=kinds, lang=export_language())
        return list_file("changes", frame, fmt,
                         changelog_export.filter_query(since, countries, indicators, kinds))

    @get("/downloads/articles.<fmt>", allowed=news_params("articles"))
    def download_articles(fmt: str):
        """The News page's articles (title, link, outlet, countries named, claims; newest
        first) for its filter; ``lang`` is not used (kept for one set of parameters)."""
        return news_download("articles", fmt)

    @get("/downloads/claims.<fmt>", allowed=news_params("claims"),
         not_applied=NEWS_NOT_APPLIED["claims"])
    def download_claims(fmt: str):
        """The checked claims of the News page's filter, country and explanation in ``lang``."""
        return news_download("claims", fmt)

    @bp.route("/<path:anything>", methods=ALL_METHODS)
    @bp.route("", methods=["POST", "PUT", "PATCH", "DELETE"])
    @bp.route("/", methods=["POST", "PUT", "PATCH", "DELETE"])  # the index's: a JSON 405
    def not_found(anything: str = ""):
        # Dash serves its pages from a catch-all route; without this one, an unknown API path
        # would get the dashboard's HTML with status 200.
        if answers_get(request.path):
            raise MethodNotAllowed(valid_methods=list(ROUTE_METHODS))
        raise NotFound(f"no such API path: {request.path}")

    return bp


def register_api(server: Flask, settings: Settings, engine: Engine | None = None) -> Flask:
    """Give ``server`` the API (and the engine it reads, unless the app already set one)."""
    state = server.extensions.setdefault(EXTENSION_KEY, {})
    if "engine" not in state:
        state["engine"] = engine or store.make_engine(settings.database_url)
    server.config.setdefault("CYBERINDEX_SETTINGS", settings)
    server.register_blueprint(api_blueprint())
    return server


def create_api_app(settings: Settings, engine: Engine | None = None) -> Flask:
    """A Flask app serving only the API (tests, or the API without the dashboard)."""
    return register_api(Flask(__name__), settings, engine)
