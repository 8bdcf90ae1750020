"""A ``CYBERINDEX_*`` value that cannot be used is one line naming the variable, the value and
what is expected (:class:`etl.settings.SettingsError`), not a traceback from ``float()``."""

from __future__ import annotations

import pytest

from etl.settings import Settings, SettingsError


@pytest.mark.parametrize(("name", "value", "expected"), [
    pytest.param("HTTP_READ_TIMEOUT", "abc", "CYBERINDEX_HTTP_READ_TIMEOUT='abc': expected a "
                 "number, e.g. 30.0", id="float"),
    pytest.param("HTTP_MAX_ATTEMPTS", "4.5", "CYBERINDEX_HTTP_MAX_ATTEMPTS='4.5': expected a "
                 "whole number, e.g. 4", id="int"),
    pytest.param("PORT", "", "CYBERINDEX_PORT='': expected a whole number", id="empty"),
    pytest.param("SCHEDULE_TIMEZONE", "Mars/Base", "CYBERINDEX_SCHEDULE_TIMEZONE='Mars/Base': "
                 "not a known time zone", id="timezone"),
    pytest.param("EGDI_URLS", "2024", "CYBERINDEX_EGDI_URLS: expected year=url", id="egdi-urls"),
])
def test_an_unusable_value_is_one_clear_line(monkeypatch, name, value, expected):
    monkeypatch.setenv(f"CYBERINDEX_{name}", value)
    with pytest.raises(SettingsError) as caught:
        Settings.from_env()
    assert str(caught.value).startswith(expected)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, ValueError)  # callers catching ValueError still do


@pytest.mark.parametrize("zone", ["UTC", "Africa/Casablanca", "Asia/Muscat"])
def test_known_time_zones_are_taken(monkeypatch, zone):
    monkeypatch.setenv("CYBERINDEX_SCHEDULE_TIMEZONE", zone)
    assert Settings.from_env().schedule_timezone == zone
