"""etl.cli_options: the CLI's options read as the API reads them, and files written whole."""

from __future__ import annotations

import pytest

from etl import cli_options
from etl.cli_options import OptionError


def test_years_are_listed_in_runs():
    assert cli_options.year_runs(["2024", "1960", "2000", "2001", "2002", "2005", "2006"]) == \
        "1960, 2000-2002, 2005, 2006, 2024"


@pytest.mark.parametrize("since", ["", "  ", "now", "soon", "24-01-01x"])
def test_a_since_that_is_no_date_is_refused(since):
    with pytest.raises(OptionError, match=r"^--since: not a date: .* \(use YYYY-MM-DD\)$"):
        cli_options.since_day(since)


@pytest.mark.parametrize("since", [None, "2024-01-01", "2024-01-01T10:00:00Z"])
def test_a_day_or_a_time_is_kept(since):
    assert cli_options.since_day(since) == since


def test_an_export_filter_is_the_filter_of_its_options():
    wanted = cli_options.export_filter("observations", "value:desc", indicator=("itu_gci.overall",),
                                       country=("mar,Omn", "MAR"), group=(), edition=("2024",),
                                       source=(), where=None)
    assert wanted.indicators == ("itu_gci.overall",)
    assert wanted.countries == ("MAR", "OMN")
    assert wanted.editions == (2024,)


@pytest.mark.parametrize(("options", "said"), [
    ({"edition": ("2020", "twenty")}, "--edition must be a year such as 2020, not: twenty"),
    ({"edition": ("٢٠٢٤", "20_24", "+2024")},  # int() reads them; the API and the Data page not
     "--edition must be a year such as 2020, not: ٢٠٢٤, 20_24, +2024"),
    ({"where": ""}, "--where: "),
    ({"where": "{value} >>> 3"}, "--where: "),
])
def test_an_export_option_that_does_not_read_is_refused_naming_it(options, said):
    given = {"indicator": (), "country": (), "group": (), "edition": (), "source": (),
             "where": None, **options}
    with pytest.raises(OptionError) as refused:
        cli_options.export_filter("observations", None, **given)
    assert str(refused.value).startswith(said)
    assert "\n" not in str(refused.value)


def test_output_is_replaced_whole_or_not_at_all(tmp_path, monkeypatch):
    """A failure before the rename leaves the old file as it was, and no temporary file."""
    target = tmp_path / "report.csv"
    target.write_bytes(b"old\n")

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli_options.os, "replace", refuse)
    with pytest.raises(OSError):
        cli_options.write_atomically(str(target), b"new rows\n" * 1000)
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]
    monkeypatch.undo()
    cli_options.write_atomically(str(target), b"new\n")
    assert target.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]
