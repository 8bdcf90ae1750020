"""etl.cli_text: what the CLI prints of the store, from frames and rows."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from etl import cli_text
from etl.run_safety import RunResult

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("value", [None, float("nan"), pd.NA, pd.NaT])
def test_missing_text_is_empty(value):
    assert cli_text.text(value) == ""


@pytest.mark.parametrize(("finished", "shown"), [
    (None, "-"), (pd.NaT, "-"), ("2026-12-01T11:59:20Z", "40s"),
    ("2026-12-01 11:48:00", "12m"),  # a naive time is UTC, as the store writes it
    ("2026-12-01T07:00:00+00:00", "5h"), ("2026-11-28T12:00:00Z", "3d"),
])
def test_age_is_given_in_its_largest_unit(finished, shown):
    assert cli_text.age(finished, now=NOW) == shown


def test_a_run_is_one_line_with_its_counts_release_and_reason():
    run = RunResult("itu_gci", 4, "held", reason="drops 12 rows",
                    counts={"fetched": 3, "valid": 2})
    assert cli_text.result_line(run) == "itu_gci: held fetched=3 valid=2 reason: drops 12 rows"


def test_no_changes_is_said():
    empty = pd.DataFrame()
    assert list(cli_text.changes_lines(empty, empty)) == ["no changes"]


def test_a_change_reads_old_to_new_and_where_the_value_was_read():
    frame = pd.DataFrame([{
        "release_id": 7, "changed_at": "2026-11-30 08:05:00", "indicator_id": "itu_gci.overall",
        "iso3": "MAR", "edition": 2024, "kind": "changed", "old_value": 97.4, "new_value": 97.5,
        "old_rank": None, "new_rank": None, "old_tier": 1, "new_tier": 1,
        "old_source_url": "https://a", "new_source_url": "https://a",
        "old_channel": "press", "new_channel": "official", "old_verification": None,
        "new_verification": "verified_2_sources"}])
    header, line = cli_text.changes_lines(frame, pd.DataFrame())
    assert header.split()[:3] == ["release", "when", "indicator"]
    assert "97.4->97.5" in line and "1->1" in line
    assert line.endswith("channel press->official; verification -->verified_2_sources")


def test_quarantine_lines_give_each_row_with_its_reason():
    rows = pd.DataFrame([{"source_id": "itu_gci", "run_id": 4, "row_number": 12,
                          "reason": "overall_score: not a number", "row_json": '{"iso3": "MAR"}'}])
    assert list(cli_text.quarantine_lines(rows)) == [
        'itu_gci run 4 line 12: overall_score: not a number\n    {"iso3": "MAR"}']
    assert list(cli_text.quarantine_lines(rows.iloc[:0])) == ["no quarantined rows"]
