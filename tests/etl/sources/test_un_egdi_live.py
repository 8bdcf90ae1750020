"""UN EGDI live connector: both header variants, exact name matching, faults, ETag."""

from __future__ import annotations

import shutil

import pytest

from etl import pipeline, schemas
from etl.settings import DATASETS_DIR
from etl.sources import live, un_egdi_live
from etl.sources.base import SourceFileError
from tests.etl.bundled_support import reseal
from tests.etl.sources.live_support import (
    fast_settings,
    observation_rows,
    payload,
    prepared_engine,
    snapshot_count,
)
from tests.fixtures.http_server import Resp

pytest_plugins = ["tests.fixtures.http_server"]

UN_2022 = payload("un_egdi_live", "EGOV_DATA_2022.csv")
MIRROR_2024 = payload("un_egdi_live", "EGOV_DATA_2024_renamed.csv")


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    monkeypatch.setattr(live, "sleep", lambda seconds: None)


@pytest.fixture
def egdi(tmp_path, fault_server):
    """(settings, engine) with 2022 and 2024 files configured on the local server."""
    settings = fast_settings(tmp_path, egdi_urls=(
        (2022, fault_server.url("/egov/EGOV_DATA_2022.csv")),
        (2024, fault_server.url("/egov/EGOV_DATA_2024.csv")),
    ))
    engine = prepared_engine(settings)
    yield settings, engine
    engine.dispose()


def serve(server, body_2022=UN_2022, body_2024=MIRROR_2024, **kwargs):
    server.script("/egov/EGOV_DATA_2022.csv", Resp.csv(body_2022.decode(), **kwargs))
    server.script("/egov/EGOV_DATA_2024.csv", Resp.csv(body_2024.decode(), **kwargs))


def parsed(*files: tuple[str, bytes]):
    return un_egdi_live.parse(live.pack(list(files)), DATASETS_DIR)


@pytest.mark.parametrize(
    "body, year, expected",
    [
        pytest.param(UN_2022, 2022, {"MAR": (101, 0.5915), "KOR": (3, 0.9529), "GEO": (60, 0.7501)},
                     id="un-header"),
        pytest.param(MIRROR_2024, 2024, {"MAR": (90, 0.68411), "COD": (179, 0.27149),
                                         "GBR": (7, 0.95773)}, id="renamed-2024-header"),
    ],
)
def test_both_header_variants(body, year, expected):
    """The UN header and the 2024 mirror's renamed one parse to the same columns."""
    frame = parsed((f"http://h/EGOV_DATA_{year}.csv", body)).set_index("iso3")
    for iso3, (rank, egdi) in expected.items():
        assert int(frame.at[iso3, "egdi_rank"]) == rank
        assert float(frame.at[iso3, "egdi"]) == egdi
    assert (frame["year"] == str(year)).all()


def test_unmatched_name_quarantined_by_name():
    """A name with no exact match is quarantined with the name in the reason, not guessed."""
    body = UN_2022 + b'2022,"Republic of Narnia ",5,0.5,0.5,0.5,0.5,0.5\n'
    checked = schemas.split_valid(parsed(("http://h/EGOV_DATA_2022.csv", body)),
                                  un_egdi_live.SCHEMA)
    assert [q["row"]["country_name"] for q in checked.quarantined] == ["Republic of Narnia"]
    assert "'Republic of Narnia'" in checked.quarantined[0]["reason"]
    assert "Republic of Narnia" not in set(checked.valid["country_name"])


def test_run_matches_names_with_the_aliases_of_the_configured_datasets_folder(
        tmp_path, fault_server):
    """An alias added to country_name_aliases.csv of the configured datasets folder (not the
    repository's) matches the file's name: the row is published, nothing is quarantined."""
    datasets = tmp_path / "datasets"
    shutil.copytree(DATASETS_DIR, datasets)
    with (datasets / "country_name_aliases.csv").open("a", encoding="utf-8") as aliases:
        aliases.write("Royaume du Maroc,MAR,https://www.maroc.ma/\n")
    reseal(datasets / "country_name_aliases.csv")
    url = fault_server.url("/egov/EGOV_DATA_2022.csv")
    settings = fast_settings(tmp_path, egdi_urls=((2022, url),), datasets_dir=datasets)
    engine = prepared_engine(settings)
    body = UN_2022.replace(b"Morocco", b"Royaume du Maroc")
    assert b"Royaume du Maroc" in body
    fault_server.script("/egov/EGOV_DATA_2022.csv", Resp.csv(body.decode()))

    result = pipeline.run_source(un_egdi_live, settings, engine)

    engine.dispose()
    assert result.status == "succeeded", result
    assert result.counts["quarantined"] == 0
    assert "MAR" in {row[1] for row in observation_rows(engine, "un_egdi_live.")}


@pytest.mark.parametrize(
    "header, missing",
    [
        pytest.param("Survey Year,Country Name,E-Government Rank,EGDI Score,E-Participation Index,"
                     "Online Service Index,Human Capital Index,Telecommunication Infrastructure Index",
                     "E-Government Index", id="unknown-rename"),
        pytest.param("Survey Year,Country,Rank,E_Index,E_Participation,Online_Service,Human_Capital",
                     "Telecommunication Infrastructure Index", id="column-dropped"),
    ],
)
def test_unknown_header_fails_naming_the_column(header, missing):
    """A header that neither variant explains fails, naming the missing column."""
    with pytest.raises(SourceFileError, match=missing):
        parsed(("http://h/EGOV_DATA_2022.csv", (header + "\n2022,Oman,1,1,1,1,1,1\n").encode()))


def test_run_loads_both_years_and_reruns_idempotently(egdi, fault_server):
    """Both files load under un_egdi_live ids; a second run changes nothing."""
    settings, engine = egdi
    serve(fault_server)
    first = pipeline.run_source(un_egdi_live, settings, engine)
    assert first.status == "succeeded", first.reason
    rows = observation_rows(engine, "un_egdi_live.egdi")
    assert {(r[1], r[2]) for r in rows} >= {("MAR", 2022), ("MAR", 2024), ("OMN", 2024)}
    again = pipeline.run_source(un_egdi_live, settings, engine)
    assert (again.counts["inserted"], again.counts["updated"]) == (0, 0)


@pytest.mark.parametrize(
    "response, reason",
    [
        pytest.param(Resp.csv(UN_2022.decode().replace(",", ";")), "column", id="wrong-delimiter"),
        pytest.param(Resp.csv(UN_2022.decode().replace("E-Government Index", "EGDI Score")),
                     "E-Government Index", id="renamed-column"),
        pytest.param(Resp.csv(""), "empty", id="empty-body"),
        pytest.param(Resp.html("<!doctype html><html><title>Data Center</title></html>"), "HTML",
                     id="html-page"),
        pytest.param(Resp.csv(UN_2022.decode(), delay=1.0), "timed out", id="time-out"),
    ],
)
def test_faults_fail_the_run_and_keep_earlier_data(egdi, fault_server, response, reason):
    """A bad 2022 file fails the run with its reason; earlier observations are untouched."""
    settings, engine = egdi
    serve(fault_server)
    assert pipeline.run_source(un_egdi_live, settings, engine).status == "succeeded"
    before = observation_rows(engine, "un_egdi_live.")
    fault_server.script("/egov/EGOV_DATA_2022.csv", response)
    result = pipeline.run_source(un_egdi_live, settings, engine)
    assert result.status == "failed"
    assert reason.lower() in result.reason.lower()
    assert observation_rows(engine, "un_egdi_live.") == before


def test_not_configured_is_skipped(tmp_path):
    """Without CYBERINDEX_EGDI_URLS the run is skipped with a clear reason, not failed."""
    settings = fast_settings(tmp_path)
    engine = prepared_engine(settings)
    result = pipeline.run_source(un_egdi_live, settings, engine)
    assert result.status == "skipped"
    assert "CYBERINDEX_EGDI_URLS" in result.reason


def test_last_modified_unchanged_writes_no_snapshot(egdi, fault_server):
    """Files answering 304 to If-Modified-Since: run "unchanged", no new snapshot."""
    settings, engine = egdi
    stamp = {"Last-Modified": "Wed, 01 Oct 2025 10:00:00 GMT"}
    serve(fault_server, headers=stamp)
    assert pipeline.run_source(un_egdi_live, settings, engine).status == "succeeded"
    kept = snapshot_count(engine, "un_egdi_live")
    result = pipeline.run_source(un_egdi_live, settings, engine)
    assert result.status == "unchanged"
    assert snapshot_count(engine, "un_egdi_live") == kept


def test_one_file_unchanged_reuses_its_kept_body(egdi, fault_server):
    """When only one file changed, the other's kept body is reused (304) and both load."""
    settings, engine = egdi
    serve(fault_server, headers={"ETag": '"v1"'})
    pipeline.run_source(un_egdi_live, settings, engine)
    changed = MIRROR_2024.replace(b"Oman ,41,0.85759", b"Oman ,40,0.85759")
    fault_server.script("/egov/EGOV_DATA_2024.csv", Resp.csv(changed.decode(), headers={"ETag": '"v2"'}))
    result = pipeline.run_source(un_egdi_live, settings, engine)
    assert result.status == "succeeded", result.reason
    assert result.counts["updated"] == 1
    assert fault_server.requests_to("/egov/EGOV_DATA_2022.csv")[-1].headers["If-None-Match"] == '"v1"'
