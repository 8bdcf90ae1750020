"""Export: the figures an analyst scripts against, and clear errors for unknown ids."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
from click.testing import CliRunner

from etl import export, pipeline, store
from etl.cli import main
from etl.settings import DATASETS_DIR
from tests.conftest import make_settings
from tests.etl.refresh_support import edit_gci, set_cells


def row(frame, indicator, iso3, edition):
    hit = frame[(frame["indicator"] == indicator) & (frame["iso3"] == iso3)
                & (frame["edition"] == edition)]
    assert len(hit) == 1, (indicator, iso3, edition)
    return hit.iloc[0]


def test_morocco_2020_and_2024(loaded_engine):
    """Morocco 2020 overall 82.41 rank 50; 2024 97.5 tier 1, pillars 20/18.12/20/19.38/20."""
    frame = export.export_frame(loaded_engine, export.ExportFilter(countries=("MAR",)))
    r2020 = row(frame, "itu_gci.overall", "MAR", 2020)
    assert (r2020["value"], r2020["rank"]) == (82.41, 50)
    r2024 = row(frame, "itu_gci.overall", "MAR", 2024)
    assert (r2024["value"], r2024["tier"]) == (97.5, 1)
    assert r2024["rank"] is None or str(r2024["rank"]) == "<NA>"
    pillars = [row(frame, f"itu_gci.{p}", "MAR", 2024)["value"] for p in
               ("legal", "technical", "organizational", "capacity_development", "cooperation")]
    assert pillars == [20, 18.12, 20, 19.38, 20]


def test_columns_and_provenance(loaded_engine):
    """Rows carry the documented columns and a snapshot hash."""
    frame = export.export_frame(loaded_engine, export.ExportFilter(
        indicators=("itu_gci.overall",), groups=("gcc",), editions=(2024,)))
    assert list(frame.columns[:14]) == ["indicator", "indicator_name", "iso3", "country",
                                        "edition", "value", "scale", "rank", "rank_text",
                                        "tier", "tier_label", "source", "source_url",
                                        "snapshot_sha256"]
    assert sorted(frame["iso3"]) == ["ARE", "BHR", "KWT", "OMN", "QAT", "SAU"]
    assert frame["snapshot_sha256"].str.len().eq(64).all()
    assert set(frame["indicator_name"]) == {"GCI overall score"}


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_indicator_names_in_the_language_of_the_download(loaded_engine, lang):
    """Indicator names come in the download's language, as the dashboard's catalog has them;
    the ids stay the same in every language."""
    from dashboard.i18n import t

    wanted = export.ExportFilter(indicators=("itu_gci.overall", "itu_gci.legal"),
                                 countries=("MAR",), editions=(2024,))
    english = export.export_frame(loaded_engine, wanted)
    named = export.export_frame(loaded_engine, wanted, lang)
    assert list(named["indicator"]) == list(english["indicator"])
    assert list(named["indicator_name"]) == [t(n, lang) for n in english["indicator_name"]]
    assert all(a != b for a, b in zip(named["indicator_name"], english["indicator_name"],
                                      strict=True))


def test_indicator_names_in_a_file_hold_no_display_marks(loaded_engine, monkeypatch):
    """A name as a page shows it may hold word joiners and bidi isolates (a range kept whole:
    dashboard.i18n.expressions_kept_whole); a file's cell holds the text as typed."""
    from dashboard import i18n

    monkeypatch.setattr(i18n, "t", lambda name, lang: f"\u2066{name} 0\u2060-\u2060100\u2069")
    named = export.export_frame(loaded_engine, export.ExportFilter(
        indicators=("itu_gci.overall",), countries=("MAR",), editions=(2024,)), "ar")
    assert named["indicator_name"].tolist() == ["GCI overall score 0-100"]


@pytest.mark.parametrize(
    "wanted, parameter",
    [
        pytest.param(export.ExportFilter(countries=("XXX",)), "country", id="country"),
        pytest.param(export.ExportFilter(indicators=("itu_gci.bogus",)), "indicator",
                     id="indicator"),
        pytest.param(export.ExportFilter(groups=("nato",)), "group", id="group"),
        pytest.param(export.ExportFilter(editions=(2019,)), "edition", id="edition"),
    ],
)
def test_unknown_ids_named(loaded_engine, wanted, parameter):
    """Unknown ids raise an error naming the parameter and value."""
    with pytest.raises(export.UnknownValueError) as info:
        export.export_frame(loaded_engine, wanted)
    assert info.value.parameter == parameter


@pytest.fixture
def cli_env(loaded_settings, monkeypatch):
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", loaded_settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(loaded_settings.raw_dir))


def test_cli_export_json(cli_env):
    """`cyberindex export --format json` prints the filtered rows."""
    result = CliRunner().invoke(main, ["export", "--country", "MAR", "--edition", "2020",
                                       "--indicator", "itu_gci.overall", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["value"], r["rank"]) for r in rows] == [(82.41, 50)]


@pytest.mark.parametrize(
    "args, named",
    [
        pytest.param(["--country", "XXX"], "XXX", id="country"),
        pytest.param(["--edition", "1899"], "1899", id="edition"),
        pytest.param(["--edition", "abc"], "abc", id="edition-not-a-year"),
        pytest.param(["--group", "nato"], "nato", id="group"),
    ],
)
def test_cli_unknown_ids_exit_2(cli_env, args, named):
    """Unknown ids exit with status 2 and one line naming the bad value, no traceback."""
    result = CliRunner().invoke(main, ["export", *args])
    assert result.exit_code == 2
    assert named in result.output
    assert "Traceback" not in result.output


def test_cli_etl_status_and_quarantine(cli_env, tmp_path, monkeypatch):
    """`etl status` lists each source; `etl quarantine` says when nothing is held back, and
    shows each held row with its reason."""
    runner = CliRunner()
    status = runner.invoke(main, ["etl", "status"])
    assert status.exit_code == 0 and "itu_gci" in status.output
    held = runner.invoke(main, ["etl", "quarantine", "--source", "itu_gci"])
    assert held.output.strip() == "no quarantined rows"
    settings = make_settings(tmp_path, datasets_dir=tmp_path / "datasets")
    shutil.copytree(DATASETS_DIR, settings.datasets_dir)
    edit_gci(settings, lambda f: set_cells(f, "MAR", "2020", cooperation="10"))
    engine = store.make_engine(settings.database_url)
    store.init_schema(engine)
    pipeline.run_sources(["itu_gci"], settings, engine)
    engine.dispose()
    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", settings.database_url)
    held = runner.invoke(main, ["etl", "quarantine", "--source", "itu_gci"])
    assert "do not add up" in held.output and "MAR" in held.output


def test_indicator_rows_are_the_export_rows_of_those_indicators(loaded_engine):
    """``indicator_rows`` gives what the checked export gives for the same indicators;
    an unknown id selects nothing, and no id selects no row (not every row)."""
    wanted = ("itu_gci.overall", "ncsi.score")
    expected = export.export_frame(loaded_engine, export.ExportFilter(indicators=wanted))
    pd.testing.assert_frame_equal(export.indicator_rows(loaded_engine, wanted), expected)
    assert export.indicator_rows(loaded_engine, ["no.such"]).empty
    empty = export.indicator_rows(loaded_engine, [])
    assert empty.empty and list(empty.columns) == list(export.EXPORT_COLUMNS)
