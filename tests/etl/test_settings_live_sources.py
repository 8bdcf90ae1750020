"""A name in ``CYBERINDEX_LIVE_SOURCES`` that is no source (``itu_gcii``) is a settings error,
one line naming the variable, the name and the live sources, exit 2: not silently ignored,
leaving the operator to believe a source live that never runs."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from etl import cli
from etl.settings import Settings, SettingsError

LIVE = "gdelt_doc, news_rss, un_egdi_live, worldbank_wdi"


@pytest.mark.parametrize(("value", "named"), [
    pytest.param("itu_gcii", "itu_gcii", id="misspelt"),
    pytest.param("worldbank_wdi, worldbnk_wdi", "worldbnk_wdi", id="one-of-two"),
    pytest.param("WORLDBANK_WDI", "WORLDBANK_WDI", id="case"),
])
def test_an_unknown_live_source_is_one_clear_line(monkeypatch, value, named):
    monkeypatch.setenv("CYBERINDEX_LIVE_SOURCES", value)
    with pytest.raises(SettingsError) as caught:
        Settings.from_env()
    said = str(caught.value)
    assert said == (f"CYBERINDEX_LIVE_SOURCES={value!r}: unknown source {named}; the live "
                    f"sources are {LIVE}; fix or unset the variable")


@pytest.mark.parametrize("value", ["", "worldbank_wdi", " worldbank_wdi , un_egdi_live ,",
                                   "itu_gci"])
def test_known_sources_are_taken(monkeypatch, value):
    """Live names (spaces and an empty part ignored, as before); a bundled name is no error
    (a bundled source always runs)."""
    monkeypatch.setenv("CYBERINDEX_LIVE_SOURCES", value)
    assert Settings.from_env().live_sources == tuple(
        p.strip() for p in value.split(",") if p.strip())


def test_the_cli_exits_2_naming_it(tmp_path, monkeypatch):
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.setenv("CYBERINDEX_LIVE_SOURCES", "itu_gcii")
    result = CliRunner().invoke(cli.main, ["etl", "run", "--all"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error: CYBERINDEX_LIVE_SOURCES='itu_gcii': unknown source itu_gcii; the live sources "
        f"are {LIVE}; fix or unset the variable"]
    assert not (tmp_path / "x.db").exists()  # stopped before anything ran
