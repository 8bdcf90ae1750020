"""The filter options of `cyberindex export`, `changes` and `news list` read as the API reads
its parameters (the same code, :func:`dashboard.api.list_values`): a list repeated or comma
separated (``--country MAR,OMN``), and one given with nothing in it (``--where ""``: a shell
variable left unset) refused with exit 2 and one line naming it, never the whole table."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from dashboard.api import create_api_app
from etl import cli


@pytest.fixture
def on_loaded_store(monkeypatch, loaded_settings):
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", loaded_settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(loaded_settings.raw_dir))


@pytest.fixture(scope="module")
def api(loaded_settings, loaded_engine):
    app = create_api_app(loaded_settings, loaded_engine)
    app.config["TESTING"] = True
    return app.test_client()


def run(*args: str):
    return CliRunner().invoke(cli.main, list(args))


@pytest.mark.parametrize(("command", "option"), [
    pytest.param(["export", "--where", ""], "where", id="export-where"),
    pytest.param(["export", "--where", "  "], "where", id="export-where-blank"),
    pytest.param(["export", "--country", ""], "country", id="export-country"),
    pytest.param(["export", "--country", ","], "country", id="export-country-comma"),
    pytest.param(["export", "--country", "MAR", "--indicator", " "], "indicator",
                 id="export-indicator"),
    pytest.param(["export", "--group", ""], "group", id="export-group"),
    pytest.param(["export", "--edition", ""], "edition", id="export-edition"),
    pytest.param(["export", "--dataset", "statements", "--source", ""], "source",
                 id="statements-source"),
    pytest.param(["export", "--dataset", "crossindex", "--where", ""], "where",
                 id="crossindex-where"),
    pytest.param(["changes", "--country", ""], "country", id="changes-country"),
    pytest.param(["changes", "--indicator", ""], "indicator", id="changes-indicator"),
    pytest.param(["changes", "--kind", ""], "kind", id="changes-kind"),
    pytest.param(["changes", "--since", ""], "since", id="changes-since"),
])
def test_an_empty_filter_is_refused(on_loaded_store, command, option):
    """Exit 2, one line naming the option, no row written (``--where ""`` exported every row
    with exit 0; ``changes --since ""`` failed as a database error)."""
    result = run(*command)
    assert result.exit_code == 2, result.output
    [line] = result.output.splitlines()
    assert line.startswith(f"error: --{option}: "), line
    assert ("not a date: ''" if option == "since" else f"{option} is empty") in line


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_output_is_refused_not_stdout(on_loaded_store, value):
    """``--output "$UNSET"`` is exit 2, not the rows on standard output by surprise."""
    result = run("export", "--country", "MAR", "--output", value)
    assert result.exit_code == 2, result.output
    [line] = result.output.splitlines()
    assert line.startswith("error: --output is empty"), line


@pytest.mark.parametrize("option", ["country", "language", "outlet", "verdict", "since",
                                    "until", "claim"])
def test_news_list_refuses_an_empty_filter_too(on_loaded_store, option):
    """`news list` reads its options by the API's parser: the same refusal."""
    result = run("news", "list", "--samples", f"--{option}", "")
    assert result.exit_code == 2, result.output
    [line] = result.output.splitlines()
    assert line.startswith(f"error: --{option}: "), line


def test_an_empty_sort_is_the_stored_order_as_in_the_api(on_loaded_store):
    """``--sort ""`` only orders the rows (``sort=`` in the API): no filter is lost."""
    filters = ["--country", "MAR", "--indicator", "itu_gci.overall"]
    plain, sorted_ = run("export", *filters), run("export", *filters, "--sort", "")
    assert sorted_.exit_code == 0 and sorted_.output == plain.output


@pytest.mark.parametrize(("commas", "repeated", "query"), [
    pytest.param(["--country", "MAR,omn", "--edition", "2020,2024", "--indicator",
                  "itu_gci.overall,ncsi.score"],
                 ["--country", "MAR", "--country", "OMN", "--edition", "2020", "--edition",
                  "2024", "--indicator", "itu_gci.overall", "--indicator", "ncsi.score"],
                 "country=MAR,omn&edition=2020,2024&indicator=itu_gci.overall,ncsi.score",
                 id="country-edition-indicator"),
    pytest.param(["--group", "gcc,maghreb", "--edition", "2020", "--indicator",
                  "itu_gci.overall"],
                 ["--group", "gcc", "--group", "maghreb", "--edition", "2020", "--indicator",
                  "itu_gci.overall"],
                 "group=gcc,maghreb&edition=2020&indicator=itu_gci.overall", id="group"),
    pytest.param(["--country", "MAR,OMN", "--country", "mar", "--indicator", "itu_gci.overall"],
                 ["--country", "MAR", "--country", "OMN", "--indicator", "itu_gci.overall"],
                 "country=MAR,OMN&country=mar&indicator=itu_gci.overall", id="both-ways"),
])
def test_export_reads_comma_lists_as_the_api(on_loaded_store, api, commas, repeated, query):
    """``--country MAR,OMN`` is ``--country MAR --country OMN`` and the API's
    ``country=MAR,OMN``: the same rows (it was exit 2, "unknown country: MAR,OMN")."""
    said = run("export", *commas)
    assert said.exit_code == 0, said.output
    assert said.output == run("export", *repeated).output
    answer = api.get(f"/api/v1/observations?format=csv&{query}")
    assert answer.status_code == 200
    # (the API's CSV ends its lines with CRLF, the CLI's standard output with LF)
    assert said.output.splitlines() == answer.get_data(as_text=True).splitlines()
    assert len(said.output.splitlines()) > 2  # rows of both values, not one


def test_statement_sources_read_comma_lists(on_loaded_store):
    commas = run("export", "--dataset", "statements", "--country", "MAR", "--source",
                 "interpol_act,ncsi")
    repeated = run("export", "--dataset", "statements", "--country", "MAR", "--source",
                   "interpol_act", "--source", "ncsi")
    assert commas.exit_code == 0, commas.output
    assert commas.output == repeated.output
    assert "interpol_act," in commas.output and "\nncsi," in commas.output


def test_a_bad_value_in_a_comma_list_is_named(on_loaded_store):
    result = run("export", "--country", "MAR,XXX")
    assert result.exit_code == 2
    assert result.output.startswith("error: --country: unknown country: XXX (")
    result = run("export", "--edition", "2020,abc")
    assert result.exit_code == 2
    assert result.output.startswith("error: --edition must be a year such as 2020, not: abc")


def test_changes_read_comma_lists(on_loaded_store):
    """`changes --kind added,changed --country MAR,OMN` is the repeated options (--kind was a
    click choice that refused the list)."""
    commas = run("changes", "--format", "csv", "--country", "MAR,OMN", "--kind", "added,changed")
    repeated = run("changes", "--format", "csv", "--country", "MAR", "--country", "OMN",
                   "--kind", "added", "--kind", "changed")
    assert commas.exit_code == 0, commas.output
    assert commas.output == repeated.output
    assert ",MAR," in commas.output and ",OMN," in commas.output
    bad = run("changes", "--kind", "added,nope")
    assert bad.exit_code == 2
    assert bad.output.startswith("error: --kind: unknown kind: nope (known: added, changed, ")
