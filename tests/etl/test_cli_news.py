"""`cyberindex news extract` and `news list`: the JSON shape, the table, and a store without data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from etl.cli import main

SAMPLES = Path(__file__).parents[2] / "datasets" / "news_samples"
CLAIM_KEYS = {"text", "iso3", "index", "metric", "value", "edition", "verdict", "official",
              "explanation"}


@pytest.fixture
def on_loaded_store(monkeypatch, loaded_settings):
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", loaded_settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(loaded_settings.raw_dir))


def test_extract_json_shape(on_loaded_store):
    """Per file: file, language, countries (iso3, count, forms), indices (id, count), claims."""
    files = [SAMPLES / "en_gci2020_misquote.json", SAMPLES / "ar_morocco_gci2024.json"]
    result = CliRunner().invoke(main, ["news", "extract", *map(str, files), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert [Path(r["file"]).name for r in out] == [f.name for f in files]
    first = out[0]
    assert set(first) == {"file", "language", "countries", "indices", "claims"}
    assert first["language"] == "en"
    assert {c["iso3"] for c in first["countries"]} == {"MAR", "OMN"}
    assert all(set(c) == {"iso3", "count", "forms"} for c in first["countries"])
    assert all(set(i) == {"id", "count"} for i in first["indices"])
    assert all(set(c) == CLAIM_KEYS for c in first["claims"])
    misquote = next(c for c in first["claims"] if c["value"] == 83.65)
    assert misquote["verdict"] == "contradicted" and misquote["official"]["value"] == 82.41


def test_extract_table(on_loaded_store):
    """The table format names the verdicts in capitals and quotes the sentence."""
    result = CliRunner().invoke(main, ["news", "extract", str(SAMPLES / "fr_maroc_gci2020_erreur.json"),
                                       "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "[CONTRADICTED] MAR itu_gci 2020 score: claimed 83.65, official 82.41" in result.output


def test_extract_plain_text_file(on_loaded_store, tmp_path):
    """A plain text file (no header) is read as the article text, language detected."""
    path = tmp_path / "note.txt"
    path.write_text("Oman scored 96.04 in the Global Cybersecurity Index 2020.", encoding="utf-8")
    out = json.loads(CliRunner().invoke(main, ["news", "extract", str(path)]).output)
    assert out[0]["language"] == "en" and out[0]["claims"][0]["verdict"] == "consistent"


def test_extract_on_empty_store_says_so(monkeypatch, settings):
    """Without official data the command exits 1 with one clear line."""
    from etl import store

    engine = store.make_engine(settings.database_url)
    store.init_schema(engine)  # a store, empty (no store at all is exit 5: test_cli_store.py)
    engine.dispose()
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", settings.database_url)
    result = CliRunner().invoke(main, ["news", "extract", str(SAMPLES / "en_gci2020_misquote.json")])
    assert result.exit_code == 1
    assert "no official figures" in result.output and "cyberindex etl run" in result.output


def test_list_filters_and_labels_samples(on_loaded_store):
    """`news list` hides samples unless --samples, and labels them when shown."""
    runner = CliRunner()
    assert runner.invoke(main, ["news", "list"]).output.strip() == "no articles"
    shown = runner.invoke(main, ["news", "list", "--samples", "--country", "MAR",
                                 "--verdict", "contradicted"]).output
    assert "[synthetic sample]" in shown and "en_gci2020_misquote" in shown


def test_recheck_checks_stored_claims_again(tmp_path, monkeypatch):
    """`news recheck` puts a stored claim's official figure back to what the published data
    gives: a store holding the Africa claim with the world rank (as checked before the regional
    rank was kept) reads "rank 7 of 54 in Africa" again."""
    import sqlalchemy as sa

    from etl import pipeline, store
    from etl.store.schema import claims
    from tests.etl.refresh_support import refresh_settings

    settings = refresh_settings(tmp_path)
    engine = store.make_engine(settings.database_url)
    pipeline.run_sources(["itu_gci", "news_files"], settings, engine)
    africa = claims.c.official_text.like("%Africa%")
    with engine.begin() as conn:
        assert conn.execute(sa.select(sa.func.count()).where(africa)).scalar() == 1
        conn.execute(claims.update().where(africa)
                     .values(official_text="rank 50", official_value=82.41))
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(settings.raw_dir))
    result = CliRunner().invoke(main, ["news", "recheck"])
    assert result.exit_code == 0, result.output
    assert "checked again" in result.output
    with engine.connect() as conn:
        row = conn.execute(sa.select(claims.c.official_text, claims.c.official_value)
                           .where(africa)).one()
    assert tuple(row) == ("rank 7 of 54 in Africa", 7.0)
    engine.dispose()


@pytest.fixture(scope="module")
def api(loaded_settings, loaded_engine):
    from dashboard.api import create_api_app

    app = create_api_app(loaded_settings, loaded_engine)
    app.config["TESTING"] = True
    return app.test_client()


# The News page's filters as `news list` options and as the downloads' query parameters.
NEWS_VIEWS = [
    pytest.param("articles", ["--country", "MAR", "--language", "fr", "--since", "2024-01-01"],
                 "country=MAR&language=fr&since=2024-01-01", id="audit-view"),
    pytest.param("articles", ["--until", "2021-12-31"], "until=2021-12-31", id="until"),
    pytest.param("articles", ["--claim", "no"], "claim=no", id="claim-no"),
    pytest.param("articles", ["--outlet", "cyberindex samples", "--since", "2025-01-01"],
                 "outlet=cyberindex+samples&since=2025-01-01", id="outlet"),
    pytest.param("articles", ["--outlet", "nowhere"], "outlet=nowhere", id="other-outlet"),
    pytest.param("claims", ["--since", "2024-09-14", "--until", "2025-01-31", "--lang", "fr"],
                 "since=2024-09-14&until=2025-01-31&lang=fr", id="claims-dates"),
    pytest.param("claims", ["--outlet", "cyberindex samples", "--verdict", "contradicted"],
                 "outlet=cyberindex+samples&verdict=contradicted", id="claims-outlet"),
]


@pytest.mark.parametrize(("kind", "options", "query"), NEWS_VIEWS)
def test_list_gives_the_download_of_the_same_filter(on_loaded_store, api, kind, options, query):
    """`news list` takes every filter of /api/v1/downloads/{articles,claims}.json (it had no
    --since, --until, --outlet, --claim) and gives the download's rows, all of them; each
    filter narrows the samples' rows (so the comparison is not of two unfiltered lists)."""
    claims = ["--claims"] if kind == "claims" else []
    result = CliRunner().invoke(main, ["news", "list", *claims, "--samples", *options,
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    answer = api.get(f"/api/v1/downloads/{kind}.json?samples=1&{query}")
    assert answer.status_code == 200, answer.get_data(as_text=True)
    everything = api.get(f"/api/v1/downloads/{kind}.json?samples=1").get_json()
    assert json.loads(result.output) == answer.get_json()
    assert len(answer.get_json()) < len(everything)


@pytest.mark.parametrize(("options", "query"), [
    pytest.param(["--since", "2024-13-01"], "since=2024-13-01", id="since"),
    pytest.param(["--until", "31/12/2024"], "until=31/12/2024", id="until"),
    pytest.param(["--claim", "maybe"], "claim=maybe", id="claim"),
    pytest.param(["--verdict", "wrong"], "verdict=wrong", id="verdict"),
    pytest.param(["--language", "de"], "language=de", id="language"),
    pytest.param(["--claims", "--claim", "no"], "claim=no", id="claim-on-claims"),
])
def test_list_refuses_what_the_api_refuses_in_its_words(on_loaded_store, api, options, query):
    """A value the downloads refuse is exit 2 and the API's message, naming the option: one
    parser for both (a claim filter on the claims list is refused, not ignored)."""
    kind = "claims" if "--claims" in options else "articles"
    error = api.get(f"/api/v1/downloads/{kind}.csv?{query}").get_json()["error"]
    result = CliRunner().invoke(main, ["news", "list", *options])
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [f"error: --{error['parameter']}: {error['message']}"]


def test_list_as_a_file_holds_every_row_unless_limited(on_loaded_store, monkeypatch):
    """csv/json give every matching row, as the downloads (it was the newest 50 unless
    --limit): past the downloads' maximum, exit 2 saying how many match, never a cut list;
    --limit still gives the newest N."""
    from etl import news_export

    everything = CliRunner().invoke(main, ["news", "list", "--samples", "--format", "json"])
    newest = CliRunner().invoke(main, ["news", "list", "--samples", "--format", "json",
                                       "--limit", "2"])
    rows = json.loads(everything.output)
    assert len(rows) == 11 and json.loads(newest.output) == rows[:2]
    monkeypatch.setattr(news_export, "MAX_ROWS", 5)
    refused = CliRunner().invoke(main, ["news", "list", "--samples", "--format", "csv"])
    assert refused.exit_code == 2
    assert refused.output.startswith("error: 11 articles match this filter; a download holds "
                                     "at most 5: narrow it")
    assert CliRunner().invoke(main, ["news", "list", "--samples", "--format", "csv",
                                     "--limit", "5"]).exit_code == 0
