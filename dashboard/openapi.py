"""The OpenAPI 3.0 description of ``/api/v1`` (served at ``/api/v1/openapi.json``).

Kept as data beside the code it describes (dashboard/api.py); tests validate real responses
against these schemas and fuzz the API from this document, so the two cannot drift apart.
"""

from __future__ import annotations

import copy
from typing import Any

from dashboard.api_conditional import tagged
from etl import changelog_export, export_texts
from etl.export import (
    COLUMN_DESCRIPTIONS,
    CROSSINDEX_FIELDS,
    EXPORT_COLUMNS,
    FORMATS,
    STATEMENT_COLUMNS,
    crossindex_columns,
)

MAX_PER_PAGE = 1000


def _string(description: str = "", nullable: bool = False, **extra: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", **extra}
    if description:
        schema["description"] = description
    if nullable:
        schema["nullable"] = True
    return schema


def _integer(description: str = "", nullable: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "integer"}
    if description:
        schema["description"] = description
    if nullable:
        schema["nullable"] = True
    return schema


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": properties,
            "required": required if required is not None else list(properties)}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _list_of(name: str) -> dict[str, Any]:
    return _object({"data": {"type": "array", "items": _ref(name)}})


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


# The errors a GET of the API can answer, each with the Error body. Every route: 400 (an
# unknown or bad parameter; any route refuses one it does not take), 429 (the dashboard's rate
# limit on /api/*, Retry-After) and 503 (releases kept landing while the answer was read,
# Retry-After). A route with an id or a format in its path: 404 too (an unknown one). A 405
# never answers a GET (other methods get it, with Allow: GET, HEAD, OPTIONS): it is described
# in components.responses, not under the GET operations.
ERROR_RESPONSES = {
    "400": "BadRequest", "404": "NotFound", "429": "TooManyRequests", "503": "Unavailable",
}


def route_errors(path: str) -> list[str]:
    """The error statuses a GET of ``path`` (a template of :data:`PATHS`) can answer."""
    return ["400", *(["404"] if "{" in path else []), "429", "503"]


def _errors(path: str) -> dict[str, Any]:
    return {code: {"$ref": f"#/components/responses/{ERROR_RESPONSES[code]}"}
            for code in route_errors(path)}


_RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before trying again",
                                "schema": {"type": "string"}}}
CACHE_HEADERS = {
    "ETag": {"description": "Validator of this answer (the data release, the reference data "
                            "and the request): "
                            "send it back as If-None-Match to get a 304 while it holds. "
                            "Strong, but weak (W/) for xlsx, parquet and zip files, which "
                            "hold the time they were made", "schema": {"type": "string"}},
    "Cache-Control": {"description": "no-cache: revalidate every time (a new data release "
                                     "is never missed)", "schema": {"type": "string"}},
}
NOT_MODIFIED = {"description": "Not Modified: the If-None-Match ETag is still this answer's "
                               "(no body)", "headers": CACHE_HEADERS}

# Types of the export columns; a column not listed here is documented as nullable text.
_OBSERVATION_TYPES: dict[str, dict[str, Any]] = {
    "indicator": {"type": "string"}, "indicator_name": {"type": "string"},
    "iso3": {"type": "string"},
    "country": {"type": "string"}, "edition": {"type": "integer"},
    "value": {"type": "number", "nullable": True}, "scale": {"type": "string"},
    "rank": {"type": "integer", "nullable": True}, "tier": {"type": "integer", "nullable": True},
    "source": {"type": "string"}, "source_url": {"type": "string"},
    "snapshot_sha256": {"type": "string"}, "publisher": {"type": "string"},
    "held_out": {"type": "boolean"},
}
OBSERVATION_PROPERTIES: dict[str, Any] = {
    column: {**_OBSERVATION_TYPES.get(column, {"type": "string", "nullable": True}),
             "description": COLUMN_DESCRIPTIONS.get(column, column)}
    for column in EXPORT_COLUMNS
}

_TEXT = {"type": "string", "nullable": True}
_STATEMENT_TYPES: dict[str, dict[str, Any]] = {
    "source_id": {"type": "string"}, "metric": {"type": "string"},
    "statement": {"type": "string"}, "source_url": {"type": "string"},
    "snapshot_sha256": {"type": "string"}, "edition": {"type": "integer", "nullable": True},
}
STATEMENT_PROPERTIES: dict[str, Any] = {
    column: {**_STATEMENT_TYPES.get(column, _TEXT),
             "description": export_texts.column_text("statements", column)}
    for column in STATEMENT_COLUMNS
}
_CROSSINDEX_TYPES: dict[str, dict[str, Any]] = {
    "value": {"type": "number", "nullable": True}, "percentile": {"type": "number",
                                                                  "nullable": True},
    **{f: {"type": "integer", "nullable": True} for f in ("edition", "rank", "tier", "group_n")},
    "held_out": {"type": "boolean"},
}
CROSSINDEX_PROPERTIES: dict[str, Any] = {
    column: {**({"type": "string"} if column == "iso3" else
                {"type": "boolean"} if column == "interpol_covered" else
                {"type": "integer", "nullable": True} if column.startswith("interpol_") else
                _CROSSINDEX_TYPES.get(column.split("_", 1)[1], _TEXT)
                if column.split("_", 1)[-1] in CROSSINDEX_FIELDS else _TEXT),
             "description": export_texts.column_text("crossindex", column)}
    for column in crossindex_columns()
}

SCHEMAS: dict[str, Any] = {
    "Error": _object({"error": _object(
        {"status": _integer("HTTP status"),
         "parameter": _string("The query parameter at fault, when one is"),
         "message": _string("What went wrong, naming the bad value")},
        required=["status", "message"])}),
    "Indicator": _object({
        "indicator_id": _string("e.g. itu_gci.overall"), "source_id": _string(),
        "name": _string(), "unit": _string(), "scale": _string(),
        "higher_is_better": {"type": "boolean"}, "methodology_note": _string()}),
    "Country": _object({
        "iso3": _string(), "iso2": _string(), "name_en": _string(), "name_fr": _string(),
        "name_ar": _string(), "gdelt_fips": _string("GDELT's FIPS code (not ISO)", True),
        "focus_group": _string("Focus list this country belongs to", True)}),
    "CountryDetail": {"allOf": [_ref("Country"), _object({
        "groups": {"type": "array", "items": _string()},
        "observations": _string("Link to this country's observations")})]},
    "Group": _object({
        "group_id": _string(), "name": _string(), "kind": _string(), "source_url": _string(),
        "source_note": _string(nullable=True),
        "members": {"type": "array", "items": _string("ISO3 code")}}),
    "Source": _object({
        "source_id": _string(), "publisher": _string(), "title": _string(), "url": _string(),
        "licence": _string(), "cadence": _string(), "kind": _string("bundled or live")}),
    "Run": _object({
        "run_id": _integer(), "source_id": _string(), "started_at": _string(),
        "finished_at": _string(nullable=True), "status": _string(),
        "reason": _string(nullable=True), "snapshot_sha256": _string(nullable=True),
        "fetched": _integer(), "valid": _integer(), "quarantined": _integer(),
        "inserted": _integer(), "updated": _integer(), "unchanged": _integer()}),
    "Observation": _object(OBSERVATION_PROPERTIES),
    "Statement": _object(STATEMENT_PROPERTIES),
    "CrossIndexRow": _object(CROSSINDEX_PROPERTIES),
    "StatementList": _object({
        "total": _integer("Statements matching the filter"),
        "filter": {"type": "object", "description": "The filter as understood",
                   "additionalProperties": {"type": "array", "items": {}}},
        "data": {"type": "array", "items": _ref("Statement")}}),
    "ObservationPage": _object({
        "total": _integer("Rows matching the filter"),
        "page": _integer(), "per_page": _integer(), "pages": _integer(),
        "filter": {"type": "object", "description": "The filter as understood",
                   "additionalProperties": {"type": "array", "items": {}}},
        "links": _object({
            "self": _string(), "first": _string(), "last": _string(),
            "next": _string("Next page; null on the last", True),
            "prev": _string("Previous page; null on the first", True),
            "csv": _string("The whole filtered table as CSV")}),
        "data": {"type": "array", "items": _ref("Observation")}}),
}

_FILTER_HELP = " Repeat the parameter or separate values with commas."
PARAMETERS: dict[str, Any] = {
    "indicator": {"name": "indicator", "in": "query", "required": False, "style": "form",
                  "explode": True, "schema": {"type": "array", "items": {"type": "string"}},
                  "description": "Indicator id(s), e.g. itu_gci.overall." + _FILTER_HELP},
    "country": {"name": "country", "in": "query", "required": False, "style": "form",
                "explode": True, "schema": {"type": "array", "items": {"type": "string"}},
                "description": "ISO3 code(s), e.g. MAR (case-insensitive)." + _FILTER_HELP},
    "group": {"name": "group", "in": "query", "required": False, "style": "form",
              "explode": True, "schema": {"type": "array", "items": {"type": "string"}},
              "description": "Peer group id(s), e.g. gcc: their members are added to the "
                             "countries." + _FILTER_HELP},
    "edition": {"name": "edition", "in": "query", "required": False, "style": "form",
                "explode": True, "schema": {"type": "array", "items": {"type": "integer"}},
                "description": "Edition year(s), e.g. 2020." + _FILTER_HELP},
    "where": {"name": "where", "in": "query", "required": False,
              "schema": {"type": "string", "maxLength": 2000},
              "description": "Row filter, as the Data page's table writes it: conditions "
                             "'{column} operator value' joined by '&&', e.g. '{value} >= 50 && "
                             "{country} contains Ma'. Operators =, !=, <, <=, >, >=, contains, "
                             "datestartswith, 'is blank'; an 's' before one makes a text "
                             "comparison case-sensitive. Against edition, value, rank or "
                             "tier, =, !=, <, <=, > and >= compare numbers: a value that is not "
                             "one ('{value} > abc') is a 400 naming the column and the value. "
                             "held_out reads true or false ('{held_out} = true'). "
                             "Text compares with the country and indicator names of the "
                             "request's lang. Not comma separated; several are joined "
                             "with '&&'."},
    "sort": {"name": "sort", "in": "query", "required": False, "schema": {"type": "string"},
             "description": "Row order: column:asc or column:desc, comma separated, the first "
                            "deciding first, e.g. value:desc,country:asc. Text in the "
                            "collation order of the language (Égypte among the E's), missing "
                            "values last."},
}
FILTER_REFS = [{"$ref": f"#/components/parameters/{name}"} for name in PARAMETERS]


def _query(name: str, description: str, schema: dict[str, Any] | None = None,
           many: bool = False) -> dict[str, Any]:
    item = schema or {"type": "string"}
    return {"name": name, "in": "query", "required": False, "description": description,
            **({"style": "form", "explode": True, "schema": {"type": "array", "items": item}}
               if many else {"schema": item})}


NEWS_PARAMETERS = [
    _query("country", "ISO3 code(s) of countries the articles name." + _FILTER_HELP,
           many=True),
    _query("language", "Article language(s), e.g. ar, fr, en." + _FILTER_HELP, many=True),
    _query("outlet", "Outlet name(s); repeat the parameter (names may hold commas).",
           many=True),
    _query("since", "First day, YYYY-MM-DD.", {"type": "string", "format": "date"}),
    _query("until", "Last day (whole), YYYY-MM-DD.", {"type": "string", "format": "date"}),
    _query("claim", "Articles with claims (yes), without (no) or any (the articles download "
                    "only: the claims download refuses it with a 400).",
           {"type": "string", "enum": ["any", "yes", "no"], "default": "any"}),
    _query("verdict", "consistent, contradicted or unverifiable." + _FILTER_HELP,
           {"type": "string", "enum": ["consistent", "contradicted", "unverifiable"]},
           many=True),
    _query("samples", "1 to include the synthetic sample articles.",
           {"type": "string", "enum": ["0", "1"], "default": "0"}),
    _query("lang", "Language of the claims' country names and explanations (the articles "
                   "file holds no translated words: accepted there, it changes nothing).",
           {"type": "string", "enum": ["en", "fr", "ar"], "default": "en"}),
]
# What each news download takes: the claims download does not apply claim (it refuses it).
NEWS_LIST_PARAMETERS = {
    "articles": NEWS_PARAMETERS,
    "claims": [p for p in NEWS_PARAMETERS if p["name"] != "claim"],
}


def _path_id(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"},
            "description": description}


def _get(summary: str, responses: dict[str, Any], parameters: list | None = None,
         description: str = "", tag: str = "reference") -> dict[str, Any]:
    operation: dict[str, Any] = {"summary": summary, "tags": [tag],
                                 "responses": dict(responses)}
    if description:
        operation["description"] = description
    if parameters:
        operation["parameters"] = parameters
    return {"get": operation}


def _list_download(summary: str, rows: str, parameters: list, description: str,
                   tag: str) -> dict[str, Any]:
    """A list download route (``.csv`` or ``.json`` by the path) with its filter parameters."""
    return _get(
        summary,
        {"200": {"description": f"{rows} (Content-Disposition: attachment); X-Total-Count "
                                "holds how many",
                 "content": {"text/csv": {"schema": {"type": "string"}},
                             "application/json": {"schema": {
                                 "type": "array", "items": {"type": "object"}}}}}},
        [{"name": "format", "in": "path", "required": True,
          "schema": {"type": "string", "enum": ["csv", "json"]}}, *parameters],
        description=description, tag=tag)


_BINARY = {"type": "string", "format": "binary"}


def download_content(row: str) -> dict[str, Any]:
    """The media types of a download route; JSON is a bare list of ``row`` objects."""
    return {
        FORMATS["csv"].media_type.split(";")[0]: {"schema": {"type": "string"}},
        FORMATS["json"].media_type: {"schema": {"type": "array", "items": _ref(row)}},
        FORMATS["xlsx"].media_type: {"schema": _BINARY},
        FORMATS["parquet"].media_type: {"schema": _BINARY},
        FORMATS["zip"].media_type: {"schema": _BINARY},
    }


DOWNLOAD_CONTENT = download_content("Observation")


def _header(description: str) -> dict[str, Any]:
    return {"description": description, "schema": {"type": "string"}}


# What a download says about itself beside its rows (CSV and JSON cannot hold it without
# changing their shape: the JSON stays a bare list, the CSV a bare table).
DOWNLOAD_HEADERS = {
    "Content-Disposition": _header(
        "attachment; filename=\"cyberindex-<dataset>-r<release>-<YYYYmmdd-HHMMSS>.<ext>\": "
        "the dataset, the data release and the generation time (UTC)"),
    "X-Data-Release": _header("The data release the rows were read from"),
    "X-Export-Dataset": _header("observations, statements or crossindex"),
    "X-Export-Filter": _header("The filter as a query string (lists comma separated, e.g. "
                               "country=MAR,OMN&edition=2024); empty for no filter"),
    "X-Export-Generated-At": _header("When the file was made (UTC, ISO 8601)"),
    "X-Export-Language": _header("lang of the names and of the words around the data"),
    "X-Total-Count": _header("How many rows"),
    "Link": _header("<view>; rel=\"related\"; type=\"text/html\": the view the download "
                    "comes from, when the request gave one"),
}
_CSV_NOTE = ("CSV downloads start with a UTF-8 byte order mark (Excel on Windows then reads "
             "Arabic and French names right); xlsx has a README sheet (filter, view, release, "
             "time, columns, sources) and its sheets read right to left with lang=ar.")
_LIST_VIEW = _query("view", "Link to the view the download comes from (a path, or an http(s) "
                           "URL of this site); given back in the Link header", {"type": "string",
                                                                   "maxLength": 2000})
_VIEW = {"name": "view", "in": "query", "required": False,
         "schema": {"type": "string", "maxLength": 2000},
         "description": "Link to the view the download comes from (a path, or an http(s) URL of this site); "
                        "written into the file's metadata and its Link header"}
_LANG = {"name": "lang", "in": "query", "required": False,
         "schema": {"type": "string", "enum": ["en", "fr", "ar"], "default": "en"},
         "description": "Language of the country names and of the words around the data "
                        "(xlsx sheets, zip README.txt); column ids never change"}
_FORMAT = {"name": "format", "in": "path", "required": True,
           "schema": {"type": "string", "enum": list(FORMATS)}}
STATEMENT_PARAMETERS = [
    {"$ref": "#/components/parameters/country"}, {"$ref": "#/components/parameters/group"},
    _query("source", "Source id(s) of the statements, e.g. interpol_act or ncsi." + _FILTER_HELP,
           many=True),
    _query("edition", "Edition year(s) of the report, e.g. 2023." + _FILTER_HELP,
           {"type": "integer"}, many=True),
]
_STATEMENTS_HELP = (
    "Cited statements (INTERPOL findings, NCSI snapshots kept as statements): text with its "
    "citation, never a score. With country or group, the statements about those countries; "
    "without, every statement, region-level ones (empty iso3) included. The project's own "
    "claim check (source_kind 'analysis of sources above') is included, as the Cross-index "
    "page shows it. The same rows as `cyberindex export --dataset statements` and the "
    "Cross-index page's statements download.")

PATHS: dict[str, Any] = {
    "/api/v1/indicators": _get("Every indicator", {"200": _json(_list_of("Indicator"),
                                                                "The indicators")}),
    "/api/v1/indicators/{indicator_id}": _get(
        "One indicator", {"200": _json(_ref("Indicator"), "The indicator")},
        [_path_id("indicator_id", "e.g. itu_gci.overall")]),
    "/api/v1/countries": _get("Every country (ISO 3166-1) with names in en, fr, ar",
                              {"200": _json(_list_of("Country"), "The countries")}),
    "/api/v1/countries/{iso3}": _get(
        "One country, its peer groups and a link to its observations",
        {"200": _json(_ref("CountryDetail"), "The country")},
        [_path_id("iso3", "ISO3 code, e.g. MAR (case-insensitive)")]),
    "/api/v1/groups": _get("Every peer group with its members and source",
                           {"200": _json(_list_of("Group"), "The groups")}),
    "/api/v1/groups/{group_id}": _get("One peer group",
                                      {"200": _json(_ref("Group"), "The group")},
                                      [_path_id("group_id", "e.g. gcc")]),
    "/api/v1/sources": _get("Every source with publisher, URL and licence",
                            {"200": _json(_list_of("Source"), "The sources")}),
    "/api/v1/sources/{source_id}": _get("One source",
                                        {"200": _json(_ref("Source"), "The source")},
                                        [_path_id("source_id", "e.g. itu_gci")]),
    "/api/v1/runs": _get(
        "Pipeline runs, newest first", {"200": _json(_list_of("Run"), "The runs")},
        [{"name": "source", "in": "query", "required": False, "schema": {"type": "string"},
          "description": "Only this source's runs"},
         {"name": "limit", "in": "query", "required": False,
          "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}}],
        tag="pipeline"),
    "/api/v1/observations": _get(
        "Observations of a filter (tidy rows with provenance)",
        {"200": {"description": "A page of rows (JSON) or every row (CSV, streamed)",
                 "content": {"application/json": {"schema": _ref("ObservationPage")},
                             "text/csv": {"schema": {"type": "string"}}}}},
        [*FILTER_REFS,
         {"name": "format", "in": "query", "required": False,
          "schema": {"type": "string", "enum": ["json", "csv"], "default": "json"}},
         {"name": "page", "in": "query", "required": False,
          "schema": {"type": "integer", "minimum": 1, "default": 1},
          "description": "JSON only; a page past the last is empty"},
         {"name": "per_page", "in": "query", "required": False,
          "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 100},
          "description": "JSON only"},
         {"name": "lang", "in": "query", "required": False,
          "schema": {"type": "string", "enum": ["en", "fr", "ar"], "default": "en"},
          "description": "Language of the country names (`country`) and indicator names "
                         "(`indicator_name`), as a download's lang: where and sort read "
                         "those names ({country} contains Maroc needs lang=fr). Nothing else "
                         "changes: ids, numbers, codes, sources, notes and times are as "
                         "published, and the column ids never change. The links carry it."}],
        description="The same rows as `cyberindex export` and the Data page for the same "
                    "filter. Filter values are checked against known ids: an unknown one is a "
                    "400 naming the parameter. Text cells of the CSV that start with = + - @ "
                    "tab or carriage return carry a leading apostrophe (CSV injection).",
        tag="data"),
    "/api/v1/downloads/observations.{format}": _get(
        "Download the rows of a filter as a file, with their sources",
        {"200": {"description": "The file (Content-Disposition: attachment)",
                 "headers": DOWNLOAD_HEADERS, "content": DOWNLOAD_CONTENT}},
        [{"name": "format", "in": "path", "required": True,
          "schema": {"type": "string", "enum": list(FORMATS)},
          "description": "csv, json, xlsx (sheets data and sources), parquet (metadata in the "
                         "file's key-value metadata) or zip (CSV, sources, metadata.json, "
                         "README.txt)"},
         *FILTER_REFS,
         {"name": "view", "in": "query", "required": False,
          "schema": {"type": "string", "maxLength": 2000},
          "description": "Link to the view the download comes from (a path, or an http(s) URL of this site); "
                         "written into the file's metadata"},
         {"name": "lang", "in": "query", "required": False,
          "schema": {"type": "string", "enum": ["en", "fr", "ar"], "default": "en"},
          "description": "Language of the country names (the `country` column, as the dashboard "
                         "shows them: CLDR's, or datasets/country_names.csv's), of the indicator names (`indicator_name`) "
                         "and of the words around the data: xlsx "
                         "sheet names and the sources sheet, the zip's README.txt. Data column "
                         "ids never change."}],
        description=_CSV_NOTE, tag="data"),
    "/api/v1/statements": _get(
        "Cited statements of a filter (all of them, no paging)",
        {"200": _json(_ref("StatementList"), "The statements")},
        [*STATEMENT_PARAMETERS, _LANG], description=_STATEMENTS_HELP, tag="data"),
    "/api/v1/downloads/statements.{format}": _get(
        "Download the cited statements of a filter as a file, with their sources",
        {"200": {"description": "The file (Content-Disposition: attachment)",
                 "headers": DOWNLOAD_HEADERS, "content": download_content("Statement")}},
        [_FORMAT, *STATEMENT_PARAMETERS, _VIEW, _LANG],
        description=_STATEMENTS_HELP + " " + _CSV_NOTE, tag="data"),
    "/api/v1/downloads/crossindex.{format}": _get(
        "Download the Cross-index table of a selection as a file, with its sources",
        {"200": {"description": "The file (Content-Disposition: attachment)",
                 "headers": DOWNLOAD_HEADERS, "content": download_content("CrossIndexRow")}},
        [_FORMAT, {"$ref": "#/components/parameters/country"},
         {"$ref": "#/components/parameters/group"}, _VIEW, _LANG],
        description="One row per country (those named, in their order, then the groups' "
                    "members; every country without either): for GCI, NCSI and EGDI the "
                    "latest value, edition, rank/tier, the percentile within the selection "
                    "(same edition only) and its basis, with provenance; then how many "
                    "statements INTERPOL's African report makes about the country (empty "
                    "where the report does not cover it: interpol_covered false). The same "
                    "rows as the Cross-index page's table download and `cyberindex export "
                    "--dataset crossindex`. " + _CSV_NOTE, tag="data"),
    "/api/v1/downloads/changes.{format}": _list_download(
        "Download the public changelog of the \"What changed\" page's filter",
        "One row per value a release added, changed, re-sourced or removed, latest first",
        [_query("country", "ISO3 code(s)." + _FILTER_HELP, many=True),
         _query("indicator", "Indicator id(s), e.g. itu_gci.overall." + _FILTER_HELP,
                many=True),
         _query("kind", "added, changed, provenance (the same value, rank and tier, another "
                        "source URL, channel or verification) or removed." + _FILTER_HELP,
                {"type": "string", "enum": list(changelog_export.KINDS)}, many=True),
         _query("since", "Changes published on or after this day or time (ISO 8601; naive "
                         "is UTC).", {"type": "string"}),
         _query("lang", "Language of the country names.",
                {"type": "string", "enum": ["en", "fr", "ar"], "default": "en"}), _LIST_VIEW],
        description="Each row: when, release and run, source, indicator, country, edition, "
                    "kind, old and new value, rank and tier, the raw snapshot's hash, and "
                    "where the value was read, old and new (old_source_url, new_source_url, "
                    "old_channel, new_channel, old_verification, new_verification: an added "
                    "row has the new side, a removed row the old one; empty in rows published "
                    "before the changelog kept them).",
        tag="data"),
    **{f"/api/v1/downloads/{kind}.{{format}}": _list_download(
        summary, "The rows, newest first", [*NEWS_LIST_PARAMETERS[kind], _LIST_VIEW],
        description="The News page's filter. Synthetic sample articles only with samples=1, "
                    "and every row says whether it is one (is_sample). More than 100,000 "
                    "matching rows is a 400 saying how many (narrow the filter), never a cut "
                    "file. Formula-like text cells are neutralised as in every export.",
        tag="news")
       for kind, summary in (
           ("articles", "Download the News page's articles (title, link, outlet, countries "
                        "named, claims) for its filter"),
           ("claims", "Download the checked claims of the News page's filter (verdict, "
                      "claimed and official figure, explanation, sentence, article)"))},
}


def _conditional(path: str, operation: dict[str, Any]) -> dict[str, Any]:
    """``operation`` with its 200's cache headers, its 304 and the errors the route can give."""
    responses = copy.deepcopy(operation["responses"])
    ok = responses["200"]
    if not tagged(path):  # changes without a data release: no-cache, never a tag or a 304
        ok["headers"] = {**ok.get("headers", {}), "Cache-Control": CACHE_HEADERS["Cache-Control"]}
        return {**operation, "responses": {"200": ok, **_errors(path)}}
    ok["headers"] = {**ok.get("headers", {}), **CACHE_HEADERS}
    return {**operation, "responses": {"200": ok, "304": NOT_MODIFIED, **_errors(path)}}


def _error(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response = _json(_ref("Error"), description)
    return {**response, "headers": headers} if headers else response


def openapi_document() -> dict[str, Any]:
    """A fresh copy of the OpenAPI 3.0 document (callers may change it freely)."""
    paths = {path: {method: _conditional(path, operation) for method, operation in item.items()}
             for path, item in PATHS.items()}
    return copy.deepcopy({
        "openapi": "3.0.3",
        "info": {
            "title": "cyberindex data API",
            "version": "1",
            "description": "National cybersecurity and digital-government indices (ITU GCI "
                           "and others) with their sources. Read-only; open to all unless the "
                           "server requires a login (then 401 without one, 403 for a viewer). "
                           "Errors are JSON {\"error\": {\"status\", \"parameter\", "
                           "\"message\"}}: 400 for a bad or unknown parameter (a filter "
                           "given empty, country=, too), 404 for an unknown path or id, 405 "
                           "for a method other than GET, HEAD or OPTIONS (Allow names them), "
                           "429 past the rate limit and 503 while new data is being published "
                           "(both with Retry-After). Every answer read from the data carries "
                           "Cache-Control: no-cache, and every answer the data release decides "
                           "an ETag (not the news lists, runs, sources or indicators, which "
                           "change without a release): If-None-Match with it gets a 304 while "
                           "the data release and the request are the same.",
        },
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "parameters": PARAMETERS,
            "responses": {
                "BadRequest": _error("A bad parameter, named in the error"),
                "NotFound": _error("Unknown path or id"),
                "MethodNotAllowed": _error(
                    "A method other than GET, HEAD or OPTIONS (never the answer to a GET)",
                    {"Allow": {"description": "GET, HEAD, OPTIONS",
                               "schema": {"type": "string"}}}),
                "TooManyRequests": _error("Too many requests from this client: slow down",
                                          _RETRY_AFTER),
                "Unavailable": _error("New data was being published; try again",
                                      _RETRY_AFTER),
            },
        },
    })
