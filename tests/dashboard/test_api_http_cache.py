"""The API's HTTP hygiene: conditional requests (a strong ETag of the release and the request,
``Cache-Control: no-cache``, a 304 that computes nothing), ``OPTIONS`` and ``Allow`` naming only
the methods that work, and every error the OpenAPI document lists for a route being one the
route can answer, in the documented body."""

from __future__ import annotations

import dataclasses

import pytest
import schemathesis

from dashboard import api_conditional
from dashboard.api import create_api_app
from dashboard.api_conditional import tagged
from dashboard.openapi import openapi_document
from dashboard.security import install_security
from etl import changelog_export, export, news_export, pipeline, releases, store
from tests.etl.refresh_support import edit_gci, morocco_drops_to_tier_2, published_copy

ROUTE_METHODS = {"GET", "HEAD", "OPTIONS"}
OTHER_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# A known id for each path parameter of the document, and one that names nothing.
KNOWN_IDS = {"indicator_id": "itu_gci.overall", "iso3": "MAR", "group_id": "gcc",
             "source_id": "itu_gci", "format": "csv"}
DOCUMENT = openapi_document()
TEMPLATES = list(DOCUMENT["paths"])


def takes(template: str, name: str) -> bool:
    """Whether the route of ``template`` takes the query parameter ``name``."""
    refs = DOCUMENT["components"]["parameters"]
    operation = DOCUMENT["paths"].get(template, {}).get("get", {})
    for parameter in operation.get("parameters", []):
        if "$ref" in parameter:
            parameter = refs[parameter["$ref"].rsplit("/", 1)[-1]]
        if parameter["name"] == name and parameter["in"] == "query":
            return True
    return False


def url_of(template: str, unknown: bool = False) -> str:
    """A URL of the route (an unknown id or format with ``unknown``), small: Morocco only
    where the route takes a country."""
    path = template
    for name, value in KNOWN_IDS.items():
        path = path.replace("{" + name + "}", "no-such-thing" if unknown else value)
    return path + ("?country=MAR" if takes(template, "country") else "")


def get(client, url: str, **headers: str):
    response = client.get(url, headers=headers)
    response.get_data()  # a streamed body is read within the request
    return response


# ---------------------------------------------------------------- ETag, Cache-Control, 304


TAGGED = [t for t in TEMPLATES if tagged(t)]
UNTAGGED_TEMPLATES = [t for t in TEMPLATES if not tagged(t)]


@pytest.mark.parametrize("template", [*TAGGED, "/api/v1/", "/api/v1/openapi.json"])
def test_an_answer_carries_a_strong_etag_and_no_cache(client, template):
    """Every answer the data release decides has a strong ETag and Cache-Control: no-cache."""
    response = get(client, url_of(template))
    assert response.status_code == 200
    etag, weak = response.get_etag()
    assert etag and not weak
    assert response.headers["Cache-Control"] == "no-cache"


def test_answers_that_change_without_a_release_are_never_tagged(client):
    """The news lists (articles come in, claims are checked again), the runs and the sources
    change without a data release: no ETag (a tag kept while they changed would answer 304
    with an old list), no-cache, and If-None-Match never gets a 304."""
    assert {"/api/v1/runs", "/api/v1/sources", "/api/v1/indicators",
            "/api/v1/downloads/articles.{format}",
            "/api/v1/downloads/claims.{format}"} <= set(UNTAGGED_TEMPLATES)
    for template in UNTAGGED_TEMPLATES:
        url = url_of(template)
        response = get(client, url)
        assert response.status_code == 200 and "ETag" not in response.headers, url
        assert response.headers["Cache-Control"] == "no-cache"
        assert get(client, url, **{"If-None-Match": "*"}).status_code == 200
        assert "304" not in DOCUMENT["paths"][template]["get"]["responses"]


def test_the_etag_changes_with_the_reference_data(client, loaded_engine):
    """Country names and groups come from the reference files, loaded without a release:
    a new reference changes the tag (the answer names countries)."""
    url = "/api/v1/observations?country=MAR&lang=fr"
    before = get(client, url).headers["ETag"]
    with loaded_engine.begin() as conn:
        saved = store.reference_sha256(conn)
        store.save_reference_sha256(conn, "0" * 64)
    try:
        assert get(client, url).headers["ETag"] != before
    finally:
        with loaded_engine.begin() as conn:
            store.save_reference_sha256(conn, saved)
    assert get(client, url).headers["ETag"] == before


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx", "parquet", "zip"])
def test_a_strong_etag_means_the_same_bytes(client, fmt):
    """Two answers to one request with one strong tag are the same bytes; the files that hold
    the time they were made (xlsx, parquet, zip) differ a second later, and their tag is weak.
    A weak tag revalidates as well."""
    import time

    url = f"/api/v1/downloads/observations.{fmt}?country=MAR&edition=2024"
    first = get(client, url)
    time.sleep(1.1)  # the files write the time to the second
    second = get(client, url)
    assert first.headers["ETag"] == second.headers["ETag"]
    tag, weak = first.get_etag()
    assert weak == (first.get_data() != second.get_data()) == (fmt in ("xlsx", "parquet", "zip"))
    response = get(client, url, **{"If-None-Match": first.headers["ETag"]})
    assert response.status_code == 304 and response.headers["ETag"] == first.headers["ETag"]


@pytest.mark.parametrize("template", TAGGED)
def test_if_none_match_gets_a_304_without_a_body(client, template):
    """Sent back, the ETag gets a 304 with no body, the same ETag and Cache-Control."""
    url = url_of(template)
    etag = get(client, url).headers["ETag"]
    response = get(client, url, **{"If-None-Match": etag})
    assert response.status_code == 304
    assert response.get_data() == b""
    assert response.headers["ETag"] == etag
    assert response.headers["Cache-Control"] == "no-cache"
    # A list of tags holding it, or the tag as weak (If-None-Match compares weakly): 304 too.
    assert get(client, url, **{"If-None-Match": f'"other", {etag}'}).status_code == 304
    assert get(client, url, **{"If-None-Match": "W/" + etag}).status_code == 304
    assert get(client, url, **{"If-None-Match": '"other"'}).status_code == 200


@pytest.mark.parametrize("url", [
    pytest.param("/api/v1/downloads/observations.csv?country=MAR", id="download-csv"),
    pytest.param("/api/v1/downloads/observations.zip?country=MAR", id="download-zip"),
    pytest.param("/api/v1/observations?format=csv&country=MAR", id="observations-csv"),
    pytest.param("/api/v1/observations?country=MAR", id="observations-json"),
    pytest.param("/api/v1/downloads/statements.csv", id="statements"),
    pytest.param("/api/v1/downloads/crossindex.csv?country=MAR", id="crossindex"),
    pytest.param("/api/v1/downloads/changes.csv", id="changes"),
])
def test_a_304_computes_no_answer(client, monkeypatch, url):
    """A revalidated download is not made again: with every function that reads or writes
    the rows broken, the 304 still comes (a 200 would have had to call one)."""
    etag = get(client, url).headers["ETag"]

    def broken(*args, **kwargs):
        raise AssertionError("the answer was computed for a 304")

    for module, name in ((export, "prepare_export"), (export, "iter_csv"),
                         (export, "render_rows"), (news_export, "rows_of"),
                         (changelog_export, "changes_rows"), (store, "observations_frame")):
        monkeypatch.setattr(module, name, broken)
    response = get(client, url, **{"If-None-Match": etag})
    assert response.status_code == 304, response.get_data(as_text=True)


def test_the_etag_follows_what_changes_the_answer(client):
    """The path (and the format in it), each parameter's values, format and lang change the
    tag; the order of different parameters does not (the same answer); the order of one
    parameter's values does (sort reads them in turn)."""
    base = "/api/v1/downloads/observations.csv?country=MAR&edition=2024"
    variants = [base, base.replace(".csv", ".json"), base + "&lang=fr", base + "&lang=ar",
                base.replace("MAR", "OMN"), base + "&sort=value:desc",
                "/api/v1/observations?country=MAR&edition=2024",
                "/api/v1/observations?country=MAR&edition=2024&format=csv",
                "/api/v1/downloads/observations.csv?country=MAR&edition=2024&sort=value&"
                "sort=edition",
                "/api/v1/downloads/observations.csv?country=MAR&edition=2024&sort=edition&"
                "sort=value"]
    tags = [get(client, url).headers["ETag"] for url in variants]
    assert len(set(tags)) == len(tags)
    same = get(client, "/api/v1/downloads/observations.csv?edition=2024&country=MAR")
    assert same.headers["ETag"] == tags[0]


def test_a_new_release_of_the_code_changes_the_etag(client, monkeypatch):
    """A deployment of other code (another fingerprint of the modules and catalogs) answers
    the old tag with a 200 and a new tag: a client never keeps the old code's answer."""
    url = "/api/v1/observations?country=MAR&edition=2024"
    first = get(client, url)
    assert get(client, url, **{"If-None-Match": first.headers["ETag"]}).status_code == 304
    monkeypatch.setattr(api_conditional, "code_release", lambda: "0123456789abcdef")
    again = get(client, url, **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200
    assert again.headers["ETag"] != first.headers["ETag"]


def test_a_new_release_changes_the_etag(tmp_path):
    """After a publication the old tag gets the new answer (200, new tag), not a 304."""
    settings = published_copy(tmp_path)
    engine = store.make_engine(settings.database_url)
    try:
        client = create_api_app(settings, engine).test_client()
        url = "/api/v1/observations?country=MAR&edition=2024&indicator=itu_gci.overall"
        first = get(client, url)
        assert first.get_json()["data"][0]["value"] == 97.5
        assert get(client, url, **{"If-None-Match": first.headers["ETag"]}).status_code == 304
        edit_gci(settings, morocco_drops_to_tier_2)
        assert pipeline.run_sources(["itu_gci"], settings, engine)[0].release_id == 2
        again = get(client, url, **{"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 200
        assert again.get_json()["data"][0]["value"] == 90.0
        assert again.headers["ETag"] != first.headers["ETag"]
    finally:
        engine.dispose()


def test_a_signed_in_answer_is_private(loaded_settings):
    """Behind a login the answer is ``private, no-cache``: a shared cache keeps none, the
    browser revalidates it as any other."""
    from dashboard.app import create_app

    signed = dataclasses.replace(loaded_settings, auth="header", secret_key="s" * 32,
                                 rate_limit="")
    client = create_app(signed).server.test_client()
    response = get(client, "/api/v1/countries",
                   **{"X-Forwarded-User": "sam", "X-Forwarded-Role": "analyst"})
    assert response.status_code == 200 and response.headers["ETag"]
    assert response.headers["Cache-Control"] == "private, no-cache"


@pytest.mark.parametrize("url, status", [
    pytest.param("/api/v1/observations?country=XXX", 400, id="unknown-country"),
    pytest.param("/api/v1/observations?nope=1", 400, id="unknown-parameter"),
    pytest.param("/api/v1/indicators/nope", 404, id="unknown-id"),
    pytest.param("/api/v1/downloads/observations.nope", 404, id="unknown-format"),
    pytest.param("/api/v1/nothing", 404, id="unknown-path"),
])
def test_an_error_carries_no_etag_and_is_never_a_304(client, url, status):
    """An error has no ETag; If-None-Match: * (which any tag meets) does not turn it into a
    304, while a good request with it gets one."""
    for headers in ({}, {"If-None-Match": "*"}):
        response = get(client, url, **headers)
        assert response.status_code == status
        assert "ETag" not in response.headers
    assert get(client, "/api/v1/countries", **{"If-None-Match": "*"}).status_code == 304


# ---------------------------------------------------------------- OPTIONS and Allow


@pytest.mark.parametrize("template", [*TEMPLATES, "/api/v1/", "/api/v1/openapi.json",
                                      "/api/v1/docs"])
def test_options_and_allow_name_only_the_methods_that_work(client, template):
    """OPTIONS answers Allow: GET, HEAD, OPTIONS; each of them works, and every other method
    is a 405 naming the same three."""
    url = url_of(template)
    options = client.options(url)
    assert options.status_code == 204 and options.get_data() == b""
    allowed = {m.strip() for m in options.headers["Allow"].split(",")}
    assert allowed == ROUTE_METHODS
    assert get(client, url).status_code == 200
    assert client.head(url).status_code == 200
    for method in OTHER_METHODS:
        response = client.open(url, method=method)
        assert response.status_code == 405, method
        assert {m.strip() for m in response.headers["Allow"].split(",")} == ROUTE_METHODS
        assert response.get_json()["error"]["status"] == 405


def test_options_of_an_unknown_path_is_a_404(client):
    response = client.options("/api/v1/nothing")
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404
    assert "Allow" not in response.headers


# ---------------------------------------------------------------- documented errors


@pytest.fixture(scope="module")
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def provoke(status: str, template: str, client, loaded_settings, loaded_engine, monkeypatch):
    """A response of ``template``'s route with ``status``, made the way it really comes
    (None when the route has no way to give it)."""
    if status == "400":
        return get(client, url_of(template) + ("&" if "?" in url_of(template) else "?")
                   + "no_such_parameter=1")
    if status == "404":
        return get(client, url_of(template, unknown=True)) if "{" in template else None
    if status == "429":  # the dashboard's rate limit: one request a minute
        limited = create_api_app(dataclasses.replace(loaded_settings, rate_limit="1/minute"),
                                 loaded_engine)
        install_security(limited, limited.config["CYBERINDEX_SETTINGS"])
        with limited.test_client() as limited_client:
            get(limited_client, url_of(template))
            return get(limited_client, url_of(template))
    if status == "503":  # releases kept landing while the answer was read
        def publishing(engine, reader):
            raise releases.ReleaseChanged("a release landed")

        monkeypatch.setattr(releases, "read_at_pinned_release", publishing)
        try:
            return get(client, url_of(template))
        finally:
            monkeypatch.undo()
    return None


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_documented_error_can_happen(client, api_schema, loaded_settings, loaded_engine,
                                           monkeypatch, template):
    """Each error status the document lists for a route is one the route answers, with the
    documented Error body (and Retry-After where documented); the 304 is documented too."""
    responses = DOCUMENT["paths"][template]["get"]["responses"]
    assert ("304" in responses) == tagged(template)
    errors = [code for code in responses if code[0] in "45"]
    assert {"400", "429", "503"} <= set(errors)
    for code in errors:
        response = provoke(code, template, client, loaded_settings, loaded_engine,
                           monkeypatch)
        assert response is not None, f"{template} documents {code}, which it cannot answer"
        assert response.status_code == int(code), (code, response.get_data(as_text=True))
        assert response.get_json()["error"]["status"] == int(code)
        api_schema[template]["GET"].validate_response(response)
        if code in ("429", "503"):
            assert response.headers["Retry-After"]

