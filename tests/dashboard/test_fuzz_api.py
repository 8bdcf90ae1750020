"""Every route the OpenAPI document lists, asked anything (known and unknown ids, hostile values,
unknown, empty and repeated parameters, any Accept header), answers a status the document lists
for it: a 200 of a documented media type whose rows honour every filter it was given, or a
JSON error naming the parameter at fault; never a 500. The document lists exactly the
parameters, formats and methods each route takes, and docs/api.md's examples run as their
comments say. Then the defects the fuzzing found, each pinned by a plain example. Routes and
parameters come from the document, so a new route is fuzzed too. Derandomised and bounded."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dashboard import url_state
from dashboard.openapi import openapi_document
from tests.dashboard.test_fuzz_pages import HOSTILE

FUZZ = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DOCUMENT = openapi_document()
ROUTES = sorted(DOCUMENT["paths"])
DOCS = Path(__file__).parents[2] / "docs" / "api.md"
ACCEPTS = [None, "*/*", "application/json", "text/csv", "application/xml", "text/html",
           "application/json;q=0, text/csv", "\x00"]
# Names a route may be sent that no route takes, beside every name some route takes.
STRANGERS = ["countries", "Country", "country ", "", "x", "_", "callback", "fields", "offset"]
# Conditions of ``where`` with what each keeps, so a 200 can be checked row by row.
WHERE_CHECKS = {
    "{value} >= 50": lambda rows: rows["value"].astype(float) >= 50,
    "{edition} = 2020": lambda rows: rows["edition"].astype(int) == 2020,
    "{iso3} = MAR": lambda rows: rows["iso3"] == "MAR",
    "{rank} is blank": lambda rows: rows["rank"].isna(),
    "{value} < 10 && {edition} >= 2018": lambda rows: (rows["value"].astype(float) < 10)
    & (rows["edition"].astype(int) >= 2018),
}
SORT_CHECKS = {"value:desc": ("value", False), "edition:asc": ("edition", True),
               "iso3:asc": ("iso3", True)}


def parameters(template: str) -> list[dict]:
    """The operation's parameters, references resolved."""
    refs = DOCUMENT["components"]["parameters"]
    return [refs[p["$ref"].rsplit("/", 1)[-1]] if "$ref" in p else p
            for p in DOCUMENT["paths"][template]["get"].get("parameters", [])]


def query_names(template: str) -> set[str]:
    return {p["name"] for p in parameters(template) if p["in"] == "query"}


def path_names(template: str) -> list[str]:
    return re.findall(r"{(\w+)}", template)


ALL_NAMES = sorted(set().union(*(query_names(t) for t in ROUTES)))


def enum_of(parameter: dict) -> list[str]:
    schema = parameter["schema"]
    return [str(v) for v in schema.get("items", schema).get("enum", [])]


def given_values(query: list[tuple[str, str]], name: str, split: bool = True) -> list[str]:
    """A parameter's values as the API documents them: repeated or comma separated (``where``
    and ``outlet`` are not split), blanks dropped."""
    values = []
    for key, raw in query:
        if key == name:
            for part in raw.split(",") if split else [raw]:
                if part.strip() and part.strip() not in values:
                    values.append(part.strip())
    return values


def dataset(template: str) -> str:
    """What a route lists: ``observations``, ``claims``, ``countries``..."""
    return template.removeprefix("/api/v1/").removeprefix("downloads/").split(".")[0] \
        .split("/")[0]


@pytest.fixture(scope="module")
def known(client) -> dict:
    """Values each parameter may take on the session's store, read from the API itself (a
    few of each: the fuzzing mixes them with hostile ones)."""
    def ids(path: str, key: str) -> list[str]:
        return [row[key] for row in client.get(f"/api/v1/{path}").get_json()["data"]]

    groups = {g["group_id"]: g["members"] for g in
              client.get("/api/v1/groups").get_json()["data"]}
    return {
        "country": ["MAR", "OMN", "mar", "SAU", "EGY", "JOR", "TWN", "MAR,OMN"],
        "indicator": ["itu_gci.overall", "ncsi.overall", ids("indicators", "indicator_id")[0]],
        "group": sorted(groups), "members": groups,
        "edition": ["2018", "2020", "2024", "2023", "2020,2024"],
        "source": ["interpol_act", "ncsi", "itu_gci"],
        "sources": ids("sources", "source_id"),
        "where": list(WHERE_CHECKS), "sort": list(SORT_CHECKS),
        "language": ["en", "fr", "ar"], "outlet": ["cyberindex samples"],
        "since": ["2019-01-01", "2025-02-20", "2025-03-01"],
        "until": ["2025-03-01", "2020-01-01", "2025-12-31"],
        "samples": ["1", "1", "0"], "page": ["1", "2", "3"], "per_page": ["1", "7", "1000"],
        "limit": ["1", "5"], "view": ["/data?v=1&country=MAR", "http://localhost/news"],
        "countries": ids("countries", "iso3"), "indicators": ids("indicators", "indicator_id"),
    }


def plausible(name: str, parameter: dict | None, known: dict,
              hostile: bool = True) -> st.SearchStrategy[str]:
    """A value for ``name``: mostly one the store knows, sometimes (when ``hostile``) one of
    :data:`HOSTILE` or any text."""
    choices = known.get(name, []) + (enum_of(parameter) if parameter else [])
    if not hostile:
        return st.sampled_from(choices)
    others = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8))
    if not choices:
        return others
    return st.one_of(st.sampled_from(choices), st.sampled_from(choices),
                     st.sampled_from(choices), others)


def path_value(template: str, name: str, known: dict,
               hostile: bool) -> st.SearchStrategy[str]:
    if name == "format":
        formats = enum_of(next(p for p in parameters(template) if p["name"] == "format"))
        if not hostile:
            return st.sampled_from(formats)
        # Hostile queries often ask for the whole table: in a quick format (a whole workbook
        # takes seconds); the other formats are asked narrowed.
        return st.sampled_from([f for f in formats if f in ("csv", "json")]
                               + ["xml", "CSV", "csv.zip"])
    pool = {"iso3": known["countries"], "indicator_id": known["indicators"],
            "group_id": known["group"], "source_id": known["sources"]}[name]
    good = st.sampled_from(pool[:40] + (["mar", "omn"] if name == "iso3" else []))
    return st.one_of(good, st.sampled_from(HOSTILE)) if hostile else good


@st.composite
def requests(draw, template: str, known: dict,
             hostile: bool = True) -> tuple[str, list[tuple[str, str]], str | None]:
    """A path of ``template``, a query (its own parameters, sometimes repeated; when
    ``hostile``, sometimes a name it does not take and hostile values) and an Accept
    header."""
    path = template
    for name in path_names(template):
        value = draw(path_value(template, name, known, hostile), label=name)
        path = path.replace("{" + name + "}", quote(value, safe="", errors="surrogatepass"))
    documented = {p["name"]: p for p in parameters(template) if p["in"] == "query"}
    strangers = st.sampled_from(sorted(set(ALL_NAMES) - set(documented)) + STRANGERS)
    if documented:
        names = st.sampled_from(sorted(documented))
        names = st.one_of(names, names, names, strangers) if hostile else names
    else:
        names = strangers if hostile else st.nothing()
    chosen = draw(st.lists(names, max_size=4 if documented or hostile else 0), label="names")
    query = [(name, draw(plausible(name, documented.get(name), known, hostile), label=name))
             for name in chosen]
    if not hostile and "samples" in documented:
        query.append(("samples", "1"))  # the store's articles are its samples
    if not hostile and "country" in documented and not {"country", "group"} & set(chosen):
        # A whole table takes seconds to write (the hostile examples ask for some): narrowed.
        query.insert(0, ("country", draw(st.sampled_from(known["country"]), label="country")))
    return path, query, draw(st.sampled_from(ACCEPTS), label="Accept")


def encoded(path: str, query: list[tuple[str, str]]) -> str:
    text = "&".join(f"{quote(k, safe='', errors='surrogatepass')}="
                    f"{quote(v, safe='', errors='surrogatepass')}" for k, v in query)
    return path + ("?" + text if text else "")


# ---------------------------------------------------------------- reading a 200's rows


def rows_of(response) -> pd.DataFrame | None:
    """The rows of a list or a download, whatever its format (None: not a list)."""
    body = response.get_data()
    kind = response.mimetype
    if kind == "application/json":
        data = response.get_json()
        data = data.get("data") if isinstance(data, dict) else data
        return pd.DataFrame(data) if isinstance(data, list) else None
    if kind == "text/csv":
        return pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", keep_default_na=False,
                           na_values=[""])
    if kind.endswith("parquet"):
        return pd.read_parquet(io.BytesIO(body))
    if kind.endswith("spreadsheetml.sheet"):
        return pd.read_excel(io.BytesIO(body), sheet_name=0, keep_default_na=False,
                             na_values=[""])
    if kind == "application/zip":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return pd.read_csv(archive.open("data.csv"), encoding="utf-8-sig",
                               keep_default_na=False, na_values=[""])
    return None


def _text(value) -> str:
    """A cell as text, a whole number without its ``.0`` (a column with a blank is float)."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _in(rows: pd.DataFrame, column: str, allowed) -> pd.Series:
    return rows[column].map(_text).isin({_text(a) for a in allowed})


def utc(text) -> pd.Series:
    return pd.to_datetime(text, utc=True)


def unmet(template: str, query: list[tuple[str, str]], rows: pd.DataFrame,
          members: dict[str, list[str]]) -> list[str]:
    """The filters of ``query`` some row of a 200 does not meet (each filter a route documents
    has its check here: a new one fails until it has)."""
    if rows.empty:
        return []
    name = dataset(template)
    got = {n: given_values(query, n, split=n not in ("where", "outlet")) for n, _ in query}
    failures = []

    def need(label: str, kept: pd.Series) -> None:
        if not bool(kept.all()):
            failures.append(f"{label}: {rows[~kept].head(3).to_dict('records')}")

    countries = [c.upper() for c in got.get("country", [])]
    wanted = countries + [m for g in got.get("group", []) for m in members.get(g, [])]
    if name == "crossindex" and wanted:  # those named in their order, then the members
        named = list(dict.fromkeys(countries))
        assert list(rows["iso3"][:len(named)]) == named, (query, list(rows["iso3"]))
        assert set(rows["iso3"]) == set(wanted), (query, list(rows["iso3"]))
    elif name == "articles" and countries:
        need("country", rows["countries"].fillna("").map(lambda s: bool(set(s.split())
                                                                         & set(countries))))
    elif wanted:
        need("country/group", _in(rows, "iso3", wanted))
    for param, column in (("indicator", "indicator" if name == "observations" else
                           "indicator_id"), ("edition", "edition"), ("kind", "kind"),
                          ("language", "language"), ("outlet", "outlet"),
                          ("verdict", "verdict"),
                          ("source", "source_id" if name in ("statements", "runs")
                           else "source")):
        if got.get(param) and column in rows and not (name == "articles"
                                                       and param == "verdict"):
            need(param, _in(rows, column, [int(v) if param == "edition" else v
                                           for v in got[param]]))
    if name == "changes" and got.get("indicator"):
        need("indicator keeps no statement", rows["target"] != "statements")
    if name == "articles" and (got.get("verdict") or got.get("claim") == ["yes"]):
        need("claim", rows["n_claims"].astype(int) > 0)
    if name == "articles" and got.get("claim") == ["no"]:
        need("claim", rows["n_claims"].astype(int) == 0)
    if "is_sample" in rows and got.get("samples") != ["1"]:
        need("samples", ~rows["is_sample"].astype(str).str.lower().isin(["true", "1"]))
    moment = "changed_at" if name == "changes" else "published_at"
    if got.get("since") and moment in rows:
        need("since", utc(rows[moment]) >= utc(got["since"][0]))
    if got.get("until") and moment in rows:
        need("until", utc(rows[moment]) < utc(got["until"][0]) + pd.Timedelta(days=1))
    for where in got.get("where", []):
        if where in WHERE_CHECKS:
            need(where, WHERE_CHECKS[where](rows).fillna(False).astype(bool))
    for sort in got.get("sort", []):
        if sort in SORT_CHECKS:
            column, ascending = SORT_CHECKS[sort]
            present = rows[column].dropna().tolist()
            assert present == sorted(present, reverse=not ascending), sort
            assert rows[column].isna().cumsum().iloc[-1] == rows[column].isna().sum()
    if got.get("limit"):
        assert len(rows) <= int(got["limit"][0])
    return failures


CHECKED = {"country", "group", "indicator", "edition", "kind", "language", "outlet", "verdict",
           "source", "claim", "samples", "since", "until", "where", "sort", "limit"}
# Not filters: they choose the page, the format, the names' language or the link written in.
NOT_FILTERS = {"page", "per_page", "format", "lang", "view"}


def test_every_documented_parameter_has_a_row_check():
    """A parameter added to the document is either a filter checked by :func:`unmet` or
    named here as not narrowing the rows."""
    assert set(ALL_NAMES) <= CHECKED | NOT_FILTERS, set(ALL_NAMES) - CHECKED - NOT_FILTERS


# ---------------------------------------------------------------- the fuzzing


def check_answer(template: str, path: str, query: list[tuple[str, str]], response,
                 known: dict) -> str:
    """Assert the documented status, media type and error body; a 200's rows honour its
    filters. Returns what the answer was, for the statistics."""
    where = (encoded(path, query), response.status_code, response.get_data()[:300])
    documented = DOCUMENT["paths"][template]["get"]["responses"]
    assert str(response.status_code) in documented, where
    if response.status_code != 200:
        assert response.mimetype == "application/json", where
        error = response.get_json()["error"]
        assert error["status"] == response.status_code and error["message"], where
        if response.status_code == 400:  # a query parameter's fault, named
            assert error.get("parameter") in {name for name, _ in query}, where
        else:
            assert "{" in template and "parameter" not in error, where
        return f"{response.status_code}"
    assert response.mimetype in documented["200"]["content"], where
    rows = rows_of(response)
    if rows is None:
        return "200"
    assert not unmet(template, query, rows, known["members"]), (where, unmet(
        template, query, rows, known["members"]))
    if template == "/api/v1/observations" and response.mimetype == "application/json":
        page = response.get_json()
        start = (page["page"] - 1) * page["per_page"]
        assert len(rows) == max(0, min(page["per_page"], page["total"] - start)), where
    for name in path_names(template):
        if name != "format":
            wanted = path.rsplit("/", 1)[-1]
            assert str(response.get_json()[name]).upper() == wanted.upper(), where
    return "200 with rows" if len(rows) else "200 empty"


def fuzz(client, known, template: str, hostile: bool) -> list[str]:
    """Ask ``template``'s route the fuzzing's requests; what each answer was."""
    seen: list[str] = []

    @FUZZ
    @given(request=requests(template, known, hostile))
    def ask(request):
        path, query, accept = request
        headers = {"Accept": accept} if accept else {}
        with client.get(encoded(path, query), headers=headers) as response:
            seen.append(check_answer(template, path, query, response, known))
        event(seen[-1])

    ask()
    return seen


@pytest.mark.parametrize("template", ROUTES)
def test_any_request_gets_a_documented_answer(client, known, template):
    """Hostile values, unknown names, any Accept header: a status in the route's documented
    set; an error is JSON naming the parameter at fault; a 200 as below."""
    seen = fuzz(client, known, template, hostile=True)
    assert {s for s in seen if s.startswith("400")}, (template, sorted(set(seen)))


@pytest.mark.parametrize("template", ROUTES)
def test_a_200_honours_every_filter_it_was_given(client, known, template):
    """Values the store knows, combined (each query narrowed by a country: a whole table is
    slow to write): a 200 of a documented media type whose rows meet every filter given (and
    the page the paging says); Accept changes nothing of that. Many answers have rows (the
    row checks are not vacuous)."""
    seen = fuzz(client, known, template, hostile=False)
    with_rows = seen.count("200 with rows") + seen.count("200")
    assert with_rows >= len(seen) // 4, (template, sorted(set(seen)))


# ---------------------------------------------------------------- the document, both ways


def sample_path(template: str, fmt: str = "json") -> str:
    """``template`` with a known id (and ``fmt``) in its placeholders."""
    ids = {"format": fmt, "iso3": "MAR", "indicator_id": "itu_gci.overall", "group_id": "gcc",
           "source_id": "itu_gci"}
    return re.sub(r"{(\w+)}", lambda m: ids[m.group(1)], template)


def first_value(name: str, parameter: dict | None, known: dict) -> str:
    return (known.get(name) or (enum_of(parameter) if parameter else []) or ["x"])[0]


@pytest.mark.parametrize("template", ROUTES)
def test_the_document_lists_exactly_what_a_route_takes(client, known, template):
    """Each documented query parameter is read (a known value answers 200); each name another
    route takes is a 400 naming it here; each documented format answers in a documented media
    type and another is a 404; the path's placeholders are its documented path parameters."""
    documented = {p["name"]: p for p in parameters(template) if p["in"] == "query"}
    assert set(path_names(template)) == {p["name"] for p in parameters(template)
                                         if p["in"] == "path"}
    # A whole table is slow to write: a route taking country is asked about one.
    narrow = [("country", "MAR")] if "country" in documented else []
    for name in sorted(set(ALL_NAMES) | set(documented)):
        value = first_value(name, documented.get(name), known)
        query = [*(narrow if name not in ("country", "group") else []), (name, value)]
        with client.get(encoded(sample_path(template), query)) as response:
            if name in documented:
                assert response.status_code == 200, (name, response.get_data()[:300])
            else:
                assert response.status_code == 400, (name, response.status_code)
                assert response.get_json()["error"]["parameter"] == name
    content = DOCUMENT["paths"][template]["get"]["responses"]["200"]["content"]
    formats = enum_of(documented.get("format") or next(
        (p for p in parameters(template) if p["name"] == "format"), {"schema": {}}))
    for fmt in formats:
        query = narrow + ([("format", fmt)] if "format" in documented else [])
        with client.get(encoded(sample_path(template, fmt), query)) as response:
            assert response.status_code == 200, (fmt, response.get_data()[:300])
            assert response.mimetype in content, (fmt, response.mimetype)
    if "{format}" in template:
        assert client.get(sample_path(template, "xml")).status_code == 404


@pytest.mark.parametrize("template", ROUTES)
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_another_method_is_the_documented_405(client, template, method):
    """Not GET, HEAD or OPTIONS: the document's MethodNotAllowed (JSON, Allow naming them)."""
    assert "MethodNotAllowed" in DOCUMENT["components"]["responses"]
    response = client.open(sample_path(template), method=method)
    assert response.status_code == 405 and response.get_json()["error"]["status"] == 405
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"


# ---------------------------------------------------------------- docs/api.md


def doc_examples() -> list[tuple[str, int, str | None]]:
    """docs/api.md's curl examples of the API: URL, the status its comment says (200 when it
    says none) and the parameter it says the error names. A conditional example (-H with
    a tag to fill in) is left out."""
    found = []
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        match = re.match(r'\s*curl [^"]*"\$BASE([^"]*)"(.*)', line)
        if match and "-H" not in line:
            status = re.search(r"#\s*(\d{3})\b", match.group(2))
            parameter = re.search(r'parameter "(\w+)"', match.group(2))
            found.append(("/api/v1" + match.group(1), int(status.group(1)) if status else 200,
                          parameter.group(1) if parameter else None))
    return found


@pytest.mark.parametrize("url, status, parameter", doc_examples())
def test_every_example_of_the_docs_runs_as_its_comment_says(client, url, status, parameter):
    with client.get(url) as response:
        assert response.status_code == status, (url, response.get_data()[:300])
        if parameter:
            assert response.get_json()["error"]["parameter"] == parameter


def test_the_docs_error_example_is_the_real_answer(client):
    """The Errors section's JSON is what ``country=XXX`` answers."""
    text = DOCS.read_text(encoding="utf-8")
    example = re.search(r"## Errors.*?```json\n(.*?)\n```", text, re.S).group(1)
    assert client.get("/api/v1/observations?country=XXX").get_json() == json.loads(example)


def test_the_docs_list_every_route_and_its_formats():
    """The endpoint table names every path of the document, a download with exactly the
    formats the document gives it."""
    text = DOCS.read_text(encoding="utf-8")
    for template in ROUTES:
        short = template.removeprefix("/api/v1")
        if "{format}" not in short:
            assert re.search(re.escape(short) + r"[`,?]", text), template
            continue
        listed = re.search(re.escape(short.split("{")[0]) + r"\{([a-z,]+)\}", text)
        assert listed, template
        formats = enum_of(next(p for p in parameters(template) if p["name"] == "format"))
        assert sorted(listed.group(1).split(",")) == sorted(formats), template


# ---------------------------------------------------------------- what the fuzzing found


@pytest.mark.parametrize("method", ["TRACE", "PROPFIND", "CONNECT"])
def test_a_method_no_route_lists_is_the_json_405_or_404(client, method):
    """TRACE and the like got Werkzeug's HTML 405, its Allow naming POST, PUT... (405s too),
    and on an unknown API path a 405 where GET says 404."""
    response = client.open("/api/v1/observations", method=method)
    assert response.status_code == 405 and response.get_json()["error"]["status"] == 405
    assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
    unknown = client.open("/api/v1/no/such/path", method=method)
    assert unknown.status_code == 404 and unknown.get_json()["error"]["status"] == 404


def test_since_with_an_offset_is_that_moment(client):
    """``since`` with a UTC offset (``05:42+01:00``) was read on SQLite as that wall time in
    UTC: an hour of changes silently left out of the file."""
    latest = utc(client.get("/api/v1/downloads/changes.json?country=MAR").get_json()[0]
                 ["changed_at"])
    moment = latest - pd.Timedelta(minutes=30)
    answers = [client.get("/api/v1/downloads/changes.json", query_string={
        "country": "MAR", "since": moment.tz_convert(zone).isoformat()}).get_json()
        for zone in ("UTC", "Etc/GMT-1", "Asia/Muscat")]  # +00:00, +01:00, +04:00
    assert answers[0] and answers[1] == answers[0] and answers[2] == answers[0]


@pytest.mark.parametrize("value", ["\u0662\u0660\u0662\u0664", "\uff12\uff10\uff12\uff14",
                                   "20_24", "+2024"])
@pytest.mark.parametrize("url", ["/api/v1/observations", "/api/v1/statements",
                                 "/api/v1/downloads/observations.csv"])
def test_an_edition_is_written_in_ascii_digits(client, url, value):
    """``edition=٢٠٢٤`` (or ``20_24``, ``+2024``: Python's int() reads them all) answered the
    2024 rows where the Data page calls the same link's edition unknown: one rule, a 400."""
    error = client.get(url, query_string={"edition": value}).get_json()["error"]
    assert error == {"status": 400, "parameter": "edition",
                     "message": f"edition must be a year such as 2020, not: {value}"}
    state, notices = url_state.decode_state({"edition": value})
    assert not state.editions and notices


@pytest.mark.parametrize("name", ["since", "until"])
def test_a_news_day_is_written_in_ascii_digits(client, name):
    """``since=٢٠٢٥-01-01`` passed ``strptime`` (which reads any digits) and the store."""
    error = client.get("/api/v1/downloads/articles.csv",
                       query_string={name: "\u0662\u0660\u0662\u0665-01-01"}).get_json()["error"]
    assert error["parameter"] == name and "YYYY-MM-DD" in error["message"]


@pytest.mark.parametrize("url, name, value", [
    ("/api/v1/downloads/articles.csv?samples=1", "samples", "1"),
    ("/api/v1/downloads/articles.csv", "claim", "yes"),
    ("/api/v1/downloads/articles.csv", "since", "2025-01-01"),
    ("/api/v1/downloads/changes.csv?country=MAR", "since", "2025-01-01"),
    ("/api/v1/downloads/observations.csv?country=MAR", "view", "/data"),
    ("/api/v1/observations", "format", "csv"),
    ("/api/v1/runs", "source", "itu_gci"),
])
def test_a_parameter_taken_once_given_twice_says_so(client, url, name, value):
    """Given twice, even with the same value, a parameter read once is a 400 saying so (it
    said "samples must be one of 0, 1, not: 1, 1", or for view that the link was not of
    this site)."""
    twice = f"{url}{'&' if '?' in url else '?'}{name}={quote(value)}&{name}={quote(value)}"
    error = client.get(twice).get_json()["error"]
    assert error == {"status": 400, "parameter": name, "message": f"{name} given more than once"}
