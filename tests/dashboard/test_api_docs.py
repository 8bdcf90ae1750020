"""/api/v1/docs: the API's reference page, from the OpenAPI document, linked from the dashboard."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from dash import dcc, html
from markupsafe import escape

from dashboard import api, api_docs
from dashboard.i18n import t
from dashboard.openapi import openapi_document
from tests.dashboard.tree_support import walk

ASSETS = Path(api_docs.__file__).parent / "assets"


class Page(HTMLParser):
    """What a test reads of the page: tags with their attributes, in order."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


@pytest.fixture(scope="module")
def client(dash_app):
    return dash_app.server.test_client()


@pytest.fixture(scope="module")
def docs(client):
    return client.get("/api/v1/docs")


def test_the_page_is_html_in_english_left_to_right(docs):
    """200 text/html, with lang and dir on <html> and a link back to the dashboard."""
    assert docs.status_code == 200
    assert docs.content_type == "text/html; charset=utf-8"
    page = Page(docs.get_data(as_text=True))
    assert page.all("html") == [{"lang": "en", "dir": "ltr"}]
    assert "/" in [a.get("href") for a in page.all("a")]
    assert '<a href="/api/v1/openapi.json"' in docs.get_data(as_text=True)


def test_the_page_names_every_path_of_the_document(docs):
    """A section per path of the OpenAPI document, with its summary."""
    text = docs.get_data(as_text=True)
    paths = openapi_document()["paths"]
    for path, item in paths.items():
        assert f"<code>{escape(path)}</code></h2>" in text, path
        assert str(escape(item["get"]["summary"])) in text, path
    assert len(Page(text).all("section")) == len(paths)


def test_every_example_url_answers_200(client, docs):
    """Each path shows an example that works on the bundled data (ids the document names)."""
    examples = [a["href"] for a in Page(docs.get_data(as_text=True)).all("a")
                if a.get("class") == "ci-api-example"]
    assert len(examples) == len(openapi_document()["paths"])
    assert "/api/v1/observations?indicator=itu_gci.overall&country=MAR" in examples
    for href in examples:
        with client.get(href) as response:  # read whole: a CSV is streamed
            body = response.get_data(as_text=True)
            assert response.status_code == 200, (href, body[:200])


def test_the_page_is_accessible_and_keeps_to_the_policy(client, docs):
    """One h1, headings never skip a level, every header cell has a scope; no script, no
    inline style: the stylesheets it links are the app's assets, served."""
    page = Page(docs.get_data(as_text=True))
    levels = [int(name[1]) for name, _ in page.tags if name in ("h1", "h2", "h3", "h4")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert page.all("th") and all(th.get("scope") in ("col", "row") for th in page.all("th"))
    assert page.all("script") == [] and page.all("style") == []
    assert not any("style" in attrs for _, attrs in page.tags)
    sheets = [link["href"] for link in page.all("link") if link.get("rel") == "stylesheet"]
    assert sheets == list(api_docs.STYLESHEETS)
    for sheet in sheets:
        assert (ASSETS / sheet.removeprefix("/assets/")).is_file()
        assert client.get(sheet).status_code == 200
    policy = docs.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split(
        "script-src")[1].split(";")[0]


def test_the_introduction_names_the_provenance_columns(docs):
    """Every figure carries its source: the columns the introduction names exist."""
    columns = openapi_document()["components"]["schemas"]["Observation"]["properties"]
    assert set(api_docs.PROVENANCE_COLUMNS) <= set(columns)
    text = docs.get_data(as_text=True)
    assert all(f"<code>{c}</code>" in text for c in api_docs.PROVENANCE_COLUMNS)


def test_everything_from_the_document_is_escaped(client, monkeypatch):
    """A description holding markup is shown as text, never run."""
    document = openapi_document()
    attack = '<script>alert("x")</script>'
    document["info"]["description"] = attack
    document["paths"]["/api/v1/indicators"]["get"]["summary"] = attack
    document["info"]["title"] = attack
    runs = document["paths"]["/api/v1/runs"]["get"]["parameters"]
    runs[0]["description"] = f"`{attack}`"  # as code
    runs[1]["name"] = attack
    runs[1]["schema"]["enum"] = [attack]
    monkeypatch.setattr(api, "openapi_document", lambda: document)
    text = client.get("/api/v1/docs").get_data(as_text=True)
    assert "<script" not in text
    # title (twice), description, summary (contents and section), name, type, code
    assert text.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") == 8


def test_an_unknown_parameter_is_a_named_400(client):
    """As on every API route, a misspelt parameter, or a language it does not know, is
    refused, named."""
    for query, parameter in (("langue=fr", "langue"), ("lang=de", "lang")):
        response = client.get(f"/api/v1/docs?{query}")
        assert response.status_code == 400
        assert response.get_json()["error"]["parameter"] == parameter


@pytest.mark.parametrize(("lang", "home"), [("fr", "/?lang=fr"), ("ar", "/?lang=ar"),
                                            ("en", "/")])
def test_the_page_goes_back_to_the_readers_language(client, lang, home):
    """Opened from a French or Arabic page, its links back to the dashboard keep that
    language (an Arabic reader came back to the English Overview)."""
    page = client.get(f"/api/v1/docs?lang={lang}").get_data(as_text=True)
    assert f'href="{home}">Back to the dashboard</a>' in page
    assert 'href="/">Back' not in page or home == "/"


def test_the_index_links_the_page(client):
    """/api/v1/ names the reference page beside the OpenAPI document."""
    index = client.get("/api/v1/").get_json()
    assert index["docs"] == "http://localhost/api/v1/docs"
    assert client.get(index["docs"].removeprefix("http://localhost")).status_code == 200


def _docs_links(component) -> list:
    return [n for n in walk(component) if isinstance(n, html.A | dcc.Link)
            and str(n.href).split("?")[0] == api_docs.DOCS_PATH]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_data_page_and_the_footer_link_the_page(pages, app_context, lang):
    """The Data page's sentence on the API, and the footer of every page, link the reference
    page, named in the page's language (a plain link: it is not a Dash page), said to be in
    English on a French or Arabic page."""
    root = pages["data"].layout(lang=lang)
    lede = next(n for n in walk(root) if isinstance(n, html.P) and n.className == "ci-lede")
    footer = next(n for n in walk(root) if isinstance(n, html.Footer))
    for part in (lede, footer):
        links = _docs_links(part)
        assert len(links) == 1 and isinstance(links[0], html.A), part
        if lang == "en":
            assert links[0].children == t("API documentation", lang)
            assert links[0].href == api_docs.DOCS_PATH
        else:  # the page is in English: said so, and it goes back to this language
            assert links[0].children == t("API documentation (in English)", lang)
            assert links[0].hrefLang == "en"
            assert links[0].href == f"{api_docs.DOCS_PATH}?lang={lang}"
    assert len(_docs_links(pages["overview"].layout(lang=lang))) == 1  # the footer


def test_the_dashboards_link_names_the_pages_path():
    from dashboard import layout

    assert layout.API_DOCS_PATH == api_docs.DOCS_PATH
