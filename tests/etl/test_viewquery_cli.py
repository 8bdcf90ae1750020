"""`cyberindex export --where`: a value its column cannot be compared with is refused with the
reason (exit 2), before any row is read, as the API and the Data page refuse it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from etl.cli import main


@pytest.fixture
def cli_env(loaded_settings, monkeypatch):
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", loaded_settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(loaded_settings.raw_dir))


@pytest.mark.parametrize(("where", "says"), [
    pytest.param("{value} > abc", "value holds numbers: cannot compare it with 'abc'",
                 id="value"),
    pytest.param("{edition} = twenty", "edition holds numbers: cannot compare it with 'twenty'",
                 id="edition"),
])
def test_export_refuses_a_value_that_cannot_be_compared(cli_env, where, says):
    result = CliRunner().invoke(main, ["export", "--country", "MAR", "--where", where])
    assert result.exit_code == 2 and f"--where: {says}" in result.output


def test_export_still_compares_numbers(cli_env):
    result = CliRunner().invoke(main, ["export", "--country", "MAR", "--indicator",
                                       "itu_gci.overall", "--where", "{value} >= 95"])
    assert result.exit_code == 0 and "MAR" in result.output
