"""News downloads: the page's articles and checked claims as CSV or JSON, for its filter, the
same from the page's links, the API and the CLI; samples opt-in and flagged; bad input a 400."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner

from etl import news_export, store
from etl.cli import main
from tests.dashboard.tree_support import find, walk

SAMPLES = {"samples": "1"}


@pytest.fixture
def client(dash_app):
    return dash_app.server.test_client()


def _get(client, path: str, **query) -> tuple[int, bytes, dict]:
    response = client.get(path, query_string=query)
    return response.status_code, response.get_data(), dict(response.headers)


def test_articles_download_holds_the_filter_newest_first_with_the_sample_flag(client):
    status, body, headers = _get(client, "/api/v1/downloads/articles.csv", country="MAR",
                                 **SAMPLES)
    assert status == 200 and "attachment" in headers["Content-Disposition"]
    frame = pd.read_csv(io.BytesIO(body))
    assert list(frame.columns) == list(news_export.ARTICLE_COLUMNS)
    assert len(frame) == int(headers["X-Total-Count"]) > 0
    assert frame["countries"].str.split().map(lambda c: "MAR" in c).all()
    assert frame["is_sample"].all()  # the bundled articles are synthetic samples, and say so
    assert frame["published_at"].tolist() == sorted(frame["published_at"], reverse=True)
    # Without samples=1 no sample article is in the file.
    status, body, _ = _get(client, "/api/v1/downloads/articles.csv", country="MAR")
    assert status == 200 and not pd.read_csv(io.BytesIO(body))["is_sample"].astype(bool).any()


def test_claims_download_in_the_language_asked(client, loaded_engine):
    status, body, _ = _get(client, "/api/v1/downloads/claims.json", lang="fr", **SAMPLES)
    rows = json.loads(body)
    assert status == 200 and rows
    assert set(rows[0]) == set(news_export.CLAIM_COLUMNS)
    names = store.countries_frame(loaded_engine).set_index("iso3")["name_fr"]
    assert all(r["country"] == names[r["iso3"]] for r in rows if r["iso3"])
    assert {r["verdict"] for r in rows} <= set(store.VERDICTS)
    assert all(r["explanation_language"] in ("en", "fr", "ar") for r in rows)
    contradicted = [r for r in rows if r["verdict"] == "contradicted"]
    assert contradicted and all(r["official_value"] is not None or r["official_text"]
                                for r in contradicted)


@pytest.mark.parametrize(("query", "parameter"), [
    pytest.param({"country": "XXX"}, "country", id="unknown-country"),
    pytest.param({"since": "2024-02-30"}, "since", id="bad-day"),
    pytest.param({"since": "2025-01-01", "until": "2024-01-01"}, "until", id="dates-reversed"),
    pytest.param({"verdict": "maybe"}, "verdict", id="verdict"),
    pytest.param({"claim": "perhaps"}, "claim", id="claim"),
    pytest.param({"samples": "yes"}, "samples", id="samples"),
    pytest.param({"countries": "MAR"}, "countries", id="misspelt-parameter"),
    pytest.param({"language": "e\x00n"}, "language", id="nul-in-language"),
    pytest.param({"outlet": "x" * 201}, "outlet", id="long-outlet"),
])
def test_bad_filters_are_a_400_naming_the_parameter(client, query, parameter):
    for kind in news_export.KINDS:
        status, body, _ = _get(client, f"/api/v1/downloads/{kind}.csv", **query)
        assert status == 400 and json.loads(body)["error"]["parameter"] == parameter


def test_more_rows_than_a_file_holds_is_said_not_cut(client, monkeypatch):
    monkeypatch.setattr(news_export, "MAX_ROWS", 2)
    status, body, _ = _get(client, "/api/v1/downloads/articles.csv", **SAMPLES)
    assert status == 400 and "narrow it" in json.loads(body)["error"]["message"]


def test_formula_like_titles_are_neutralised():
    frame = pd.DataFrame({"title": ['=HYPERLINK("http://x")', "Maroc"], "n_claims": [-1, 2]})
    text = news_export.render(frame, "csv")
    assert "'=HYPERLINK" in text and ",-1" in text


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_page_links_carry_the_filter_and_give_the_listed_articles(pages, dash_app, lang):
    """The News page's download links hold its filter; the file's newest rows are the articles
    the page lists, in its order."""
    page = pages["news"]
    with dash_app.server.test_request_context(f"/news?lang={lang}"):
        root = page.layout(lang=lang, country="MAR", samples="1")
        listed = [a.href for a in walk(find(root, page.ID_ARTICLES))
                  if getattr(a, "className", None) == "ci-article-link"]
    links = {a.id: a.href for a in walk(root) if getattr(a, "href", None)
             and "/api/v1/downloads/" in a.href}
    assert set(links) == {f"news-{k}-download-{f}" for k in news_export.KINDS
                          for f in ("csv", "json")}
    for href in links.values():
        assert "country=MAR" in href and "samples=1" in href
        assert ("lang=" + lang in href) == (lang != "en")
    with dash_app.server.test_client() as client:
        body = client.get(links["news-articles-download-json"]).get_data()
    rows = json.loads(body)
    assert listed and [r["url"] for r in rows[:len(listed)]] == listed


def test_download_links_follow_the_controls(pages, app_context):
    page = pages["news"]
    articles, claims = page.update_downloads(["OMN"], "week", "count", ["ar"], [], "2024-01-01",
                                             None, "yes", ["contradicted"], ["on"], "fr")
    hrefs = {kind: [a.href for a in walk(block) if getattr(a, "href", None)]
             for kind, block in (("articles", articles), ("claims", claims))}
    assert all("country=OMN" in h and "language=ar" in h and "since=2024-01-01" in h
               and "verdict=contradicted" in h and "lang=fr" in h
               for kind in hrefs for h in hrefs[kind])
    # claim selects articles: the claims download refuses it, so its links leave it out.
    assert hrefs["articles"] and all("claim=yes" in h for h in hrefs["articles"])
    assert hrefs["claims"] and not any("claim=" in h for h in hrefs["claims"])


def test_cli_gives_the_api_rows(client, loaded_settings, monkeypatch):
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", loaded_settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(loaded_settings.raw_dir))
    result = CliRunner().invoke(main, ["news", "list", "--claims", "--samples", "--format",
                                       "json", "--lang", "ar", "--limit", "100000"])
    assert result.exit_code == 0, result.output
    _, body, _ = _get(client, "/api/v1/downloads/claims.json", lang="ar", **SAMPLES)
    assert json.loads(result.output) == json.loads(body)


def test_list_downloads_carry_the_link_to_their_view(pages, app_context):
    """Each list file links back to the News view it was downloaded from (its Link header,
    as the observation downloads do): the links carry ``view``."""
    from urllib.parse import parse_qs, urlsplit

    page = pages["news"]
    articles, claims = page.update_downloads(["OMN"], "week", "count", ["ar"], [], "2024-01-01",
                                             None, "any", [], [], "fr")
    hrefs = [a.href for block in (articles, claims) for a in walk(block)
             if getattr(a, "href", None)]
    views = {parse_qs(urlsplit(h).query)["view"][0] for h in hrefs}
    assert len(views) == 1
    view = urlsplit(views.pop())
    assert view.path == "/news" and parse_qs(view.query)["country"] == ["OMN"]
