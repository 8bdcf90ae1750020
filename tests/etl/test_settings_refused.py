"""Settings that used to take a bad value in silence are refused in one line naming the
variable and what it expects (:class:`etl.settings.SettingsError`, exit 2 from every command,
``serve`` included): a switch read as off (``CYBERINDEX_COOKIE_SECURE=maybe``), a World Bank
``date`` the API was sent as it was (``date=abc``), 0 workers made 1, a rate limit that was a
traceback when the dashboard started, a time-out of 0 s or a publish gate share of 80 (for
80 %: every release held)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from etl import cli
from etl.settings import Settings, SettingsError, parse_rate
from tests.etl.refresh_support import refresh_settings, subprocess_env

SWITCHES = ["TRUST_PROXY", "COOKIE_SECURE", "NEWS_FETCH_PAGES"]


def _refused(monkeypatch, name: str, value: str) -> str:
    monkeypatch.setenv(f"CYBERINDEX_{name}", value)
    with pytest.raises(SettingsError) as caught:
        Settings.from_env()
    message = str(caught.value)
    assert message.startswith(f"CYBERINDEX_{name}={value!r}: expected ")
    assert "\n" not in message
    return message


@pytest.mark.parametrize("name", SWITCHES)
@pytest.mark.parametrize("value", ["maybe", "ture", "2", "enabled"])
def test_a_switch_takes_no_other_word(monkeypatch, name, value):
    message = _refused(monkeypatch, name, value)
    assert "on (1, true, yes, on) or off (0, false, no, off), in any case" in message


@pytest.mark.parametrize("name", SWITCHES)
@pytest.mark.parametrize(("value", "on"), [
    ("1", True), ("true", True), ("TRUE", True), (" Yes ", True), ("on", True),
    ("0", False), ("false", False), ("No", False), ("OFF", False),
    ("", False),  # empty: the default (off for each of these), as unset
])
def test_a_switch_reads_the_usual_words_in_any_case(monkeypatch, name, value, on):
    monkeypatch.setenv(f"CYBERINDEX_{name}", value)
    assert getattr(Settings.from_env(), name.lower()) is on


@pytest.mark.parametrize("value", [
    "abc", "", "1990-2025", "2025:1990", "90:25", "2020M01", "2020Q1", "1990:2025:2030",
    "1990:",
])
def test_a_worldbank_date_range_is_years_first_to_last(monkeypatch, value):
    message = _refused(monkeypatch, "WORLDBANK_DATE_RANGE", value)
    assert "(YYYY or YYYY:YYYY), e.g. 1990:2025" in message


@pytest.mark.parametrize(("value", "sent"), [
    ("1990:2025", "1990:2025"), ("2020", "2020"), ("2020:2020", "2020:2020"),
    (" 2000:2024\n", "2000:2024"),
])
def test_worldbank_date_ranges_taken(monkeypatch, value, sent):
    monkeypatch.setenv("CYBERINDEX_WORLDBANK_DATE_RANGE", value)
    assert Settings.from_env().worldbank_date_range == sent


@pytest.mark.parametrize(("name", "value", "expected"), [
    pytest.param("WORKERS", "0", "a whole number of at least 1, e.g. 2", id="workers-0"),
    pytest.param("WORKERS", "-3", "a whole number of at least 1", id="workers-negative"),
    pytest.param("HTTP_MAX_ATTEMPTS", "0", "a whole number of at least 1, e.g. 4",
                 id="http-attempts"),
    pytest.param("ALERT_MAX_ATTEMPTS", "0", "a whole number of at least 1, e.g. 4",
                 id="alert-attempts"),
    pytest.param("MAX_REQUEST_BYTES", "0", "a whole number of at least 1", id="body-cap"),
    pytest.param("PORT", "0", "a whole number from 1 to 65535, e.g. 8050", id="port-0"),
    pytest.param("PORT", "70000", "a whole number from 1 to 65535", id="port-high"),
    pytest.param("SMTP_PORT", "0", "a whole number from 1 to 65535, e.g. 25", id="smtp-port"),
])
def test_a_number_no_one_can_mean_is_refused_not_clamped(monkeypatch, name, value, expected):
    assert expected in _refused(monkeypatch, name, value)


@pytest.mark.parametrize(("name", "value"), [
    ("WORKERS", "1"), ("HTTP_MAX_ATTEMPTS", "1"), ("ALERT_MAX_ATTEMPTS", "1"),
    ("PORT", "65535"), ("SMTP_PORT", "587"), ("MAX_REQUEST_BYTES", "1"),
])
def test_the_smallest_and_largest_meant_values_are_taken(monkeypatch, name, value):
    monkeypatch.setenv(f"CYBERINDEX_{name}", value)
    assert getattr(Settings.from_env(), name.lower()) == int(value)


@pytest.mark.parametrize(("name", "value", "expected"), [
    pytest.param("HTTP_CONNECT_TIMEOUT", "0", "a finite number above 0, e.g. 5;",
                 id="connect-timeout-0"),
    pytest.param("HTTP_READ_TIMEOUT", "-30", "a finite number above 0, e.g. 30;",
                 id="read-timeout-negative"),
    pytest.param("HTTP_TOTAL_TIMEOUT", "0", "a finite number above 0, e.g. 300;",
                 id="total-timeout-0"),
    pytest.param("HTTP_TOTAL_TIMEOUT", "inf", "a finite number above 0", id="total-timeout-inf"),
    pytest.param("HTTP_READ_TIMEOUT", "1e400", "a finite number above 0", id="overflow-inf"),
    pytest.param("HTTP_READ_TIMEOUT", "nan", "a finite number above 0", id="read-timeout-nan"),
    pytest.param("LOCK_LEASE_SECONDS", "0", "a finite number above 0, e.g. 900;", id="lease-0"),
    pytest.param("LOCK_LEASE_SECONDS", "-900", "a finite number above 0", id="lease-negative"),
    pytest.param("ALERT_BACKOFF_SECONDS", "-1", "a finite number of at least 0, e.g. 2;",
                 id="backoff-negative"),
    pytest.param("ALERT_BACKOFF_SECONDS", "NaN", "a finite number of at least 0",
                 id="backoff-nan"),
    pytest.param("GDELT_MIN_INTERVAL", "-5", "a finite number of at least 0, e.g. 5;",
                 id="gdelt-interval-negative"),
    pytest.param("PUBLISH_MIN_ROW_RATIO", "80", "a number from 0 to 1, e.g. 0.8;",
                 id="row-ratio-as-percent"),
    pytest.param("PUBLISH_MIN_ROW_RATIO", "-0.2", "a number from 0 to 1", id="row-ratio-low"),
    pytest.param("PUBLISH_MIN_ROW_RATIO", "nan", "a number from 0 to 1", id="row-ratio-nan"),
    pytest.param("PUBLISH_MAX_QUARANTINE_RATIO", "5", "a number from 0 to 1, e.g. 0.05;",
                 id="quarantine-ratio-as-percent"),
    pytest.param("PUBLISH_MAX_QUARANTINE_RATIO", "-0.01", "a number from 0 to 1",
                 id="quarantine-ratio-low"),
    pytest.param("PUBLISH_MAX_QUARANTINE_RATIO", "-inf", "a number from 0 to 1",
                 id="quarantine-ratio-inf"),
])
def test_a_decimal_no_one_can_mean_is_refused_not_clamped(monkeypatch, name, value, expected):
    """A time-out or lease of 0 or less, a negative wait, a share outside 0..1 (80 for 80 %),
    NaN or infinity (NaN passed every bound: each comparison with it is false)."""
    assert expected in _refused(monkeypatch, name, value)


@pytest.mark.parametrize(("name", "value"), [
    ("HTTP_CONNECT_TIMEOUT", "0.5"), ("HTTP_READ_TIMEOUT", "0.01"), ("HTTP_TOTAL_TIMEOUT", "1"),
    ("LOCK_LEASE_SECONDS", "0.5"),
    ("ALERT_BACKOFF_SECONDS", "0"),  # no wait between delivery attempts
    ("GDELT_MIN_INTERVAL", "0"),  # no spacing (a mirror that asks none)
    ("PUBLISH_MIN_ROW_RATIO", "0"),  # the row test off: any number of rows publishes
    ("PUBLISH_MIN_ROW_RATIO", "1"),  # hold a release with any row fewer than published
    ("PUBLISH_MAX_QUARANTINE_RATIO", "0"),  # hold a release with any row quarantined
    ("PUBLISH_MAX_QUARANTINE_RATIO", "1"),  # the quarantine test off
    ("PUBLISH_MAX_QUARANTINE_RATIO", " 0.10 "),
])
def test_the_decimal_bounds_that_mean_something_are_taken(monkeypatch, name, value):
    monkeypatch.setenv(f"CYBERINDEX_{name}", value)
    assert getattr(Settings.from_env(), name.lower()) == float(value)


@pytest.mark.parametrize("value", ["abc", "fast", "0/minute", "10/0minutes", "120/week", "-5/hour"])
def test_a_rate_limit_that_does_not_read_is_refused_with_the_settings(monkeypatch, value):
    message = _refused(monkeypatch, "RATE_LIMIT", value)
    assert "N/second, N/minute, N/hour or N/day" in message and "off for no limit" in message


@pytest.mark.parametrize(("value", "rate"), [
    ("120/minute", (120, 60.0)), ("10/5minutes", (10, 300.0)), ("", None), ("off", None),
    ("0", None), ("None", None),
])
def test_rate_limits_taken(monkeypatch, value, rate):
    monkeypatch.setenv("CYBERINDEX_RATE_LIMIT", value)
    assert parse_rate(Settings.from_env().rate_limit) == rate


def _only_env(monkeypatch, env: dict[str, str]) -> None:
    """The process's CYBERINDEX_* variables are those of ``env``, no other."""
    for key in [k for k in os.environ if k.startswith("CYBERINDEX_")]:
        monkeypatch.delenv(key)
    for key, value in env.items():
        if key.startswith("CYBERINDEX_"):
            monkeypatch.setenv(key, value)


@pytest.mark.parametrize("command", [
    pytest.param(["etl", "run", "itu_gci"], id="etl-run"),
    pytest.param(["etl", "status"], id="etl-status"),
    pytest.param(["serve", "--port", "8075"], id="serve"),
    pytest.param(["db", "upgrade"], id="db-upgrade"),
])
@pytest.mark.parametrize(("name", "value"), [
    ("RATE_LIMIT", "abc"), ("TRUST_PROXY", "maybe"), ("WORKERS", "0"),
    ("WORLDBANK_DATE_RANGE", "abc"), ("PUBLISH_MIN_ROW_RATIO", "80"),
])
def test_every_command_refuses_them_in_one_line(tmp_path, monkeypatch, command, name, value):
    """Exit 2 and one line, before anything is made: the store's folder does not exist after,
    and nothing is served."""
    def served(*_args, **_kwargs):
        raise AssertionError("served with a bad setting")

    monkeypatch.setattr("dashboard.serving.serve", served)
    typo = tmp_path / "typo"
    _only_env(monkeypatch, subprocess_env(refresh_settings(tmp_path),
                                          CYBERINDEX_DATABASE_URL=f"sqlite:///{typo / 'x.db'}",
                                          CYBERINDEX_RAW_DIR=str(typo / "raw"),
                                          **{f"CYBERINDEX_{name}": value}))
    result = CliRunner().invoke(cli.main, command)
    assert result.exit_code == 2, result.output
    [line] = result.output.splitlines()
    assert line.startswith(f"error: CYBERINDEX_{name}={value!r}: expected ")
    assert not typo.exists()


def test_serve_with_a_bad_rate_limit_is_one_line_exit_2(tmp_path):
    """The entry point as an operator runs it: `serve` was a ValueError traceback, exit 1."""
    env = subprocess_env(refresh_settings(tmp_path), CYBERINDEX_RATE_LIMIT="abc")
    done = subprocess.run([sys.executable, "-m", "etl.cli", "serve", "--port", "8075"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "error: CYBERINDEX_RATE_LIMIT='abc': expected N/second, N/minute, N/hour or N/day "
        "with N at least 1 (e.g. 120/minute), or off for no limit; fix or unset the variable"]
    assert done.stdout == ""
