"""A column of whole numbers (edition, rank, tier) compared with a number with decimals
(``{edition} = 2020.7``) is refused naming ``where``, as a word is: it met no row and the
empty answer said nothing (API 200 with 0 rows, CLI exit 0)."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from etl import export, viewquery
from etl.cli import main
from etl.viewquery import ViewQueryError

COLUMNS = export.EXPORT_COLUMNS
FRAME = pd.DataFrame(
    {"edition": [2020, 2024], "rank": [50, None], "tier": [None, 1], "value": [82.41, 97.5]}
)


@pytest.mark.parametrize(
    ("text", "column", "value"),
    [
        pytest.param("{edition} = 2020.7", "edition", "2020.7", id="edition"),
        pytest.param("{rank} <= 10.5", "rank", "10.5", id="rank"),
        pytest.param("{tier} != 1.5", "tier", "1.5", id="tier"),
        pytest.param("{edition} = ٢٠٢٠٫٥", "edition", "٢٠٢٠٫٥", id="arabic-decimal"),
    ],
)
def test_a_whole_number_column_compared_with_decimals_is_refused(text, column, value):
    """Refused when read and when applied (rows or none), naming the column and value."""
    refusals = []
    with pytest.raises(ViewQueryError) as read:
        viewquery.parse_where(text, COLUMNS)
    refusals.append(read.value)
    conditions = viewquery.parse_where(text, COLUMNS, numeric_columns=())
    for frame in (FRAME, FRAME.iloc[:0]):
        with pytest.raises(ViewQueryError) as applied:
            viewquery.apply_where(frame, conditions, export.NUMERIC_COLUMNS)
        refusals.append(applied.value)
    for refusal in refusals:
        assert refusal.parameter == "where" and refusal.template == viewquery.NOT_WHOLE
        assert str(refusal) == (
            f"{column} holds whole numbers: cannot compare it with "
            f"'{value}' (write one without decimals, such as 2020)"
        )


@pytest.mark.parametrize(
    ("text", "editions"),
    [
        pytest.param("{edition} = 2020.0", [2020], id="whole-written-with-a-point"),
        pytest.param("{edition} >= 2.02e3", [2020, 2024], id="exponent"),
        pytest.param("{value} = 82.41", [2020], id="value-has-decimals"),
        pytest.param("{edition} contains 2020.7", [], id="contains-reads-the-text"),
    ],
)
def test_whole_numbers_and_decimal_values_still_compare(text, editions):
    out = viewquery.apply_where(FRAME, viewquery.parse_where(text, COLUMNS), export.NUMERIC_COLUMNS)
    assert out["edition"].tolist() == editions


def test_cli_export_refuses_it_with_exit_2(loaded_settings, monkeypatch):
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", loaded_settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(loaded_settings.raw_dir))
    result = CliRunner().invoke(
        main, ["export", "--country", "MAR", "--where", "{edition} = 2020.7"]
    )
    assert result.exit_code == 2
    assert "--where: edition holds whole numbers: cannot compare it with '2020.7'" in result.output
