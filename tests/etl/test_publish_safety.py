"""Publication never loses data on bad input: shrunk evidence and statement files are held,
quarantined rows keep their published values, a unit change is held, and a busy database fails
one source with its reason while the others run and the lock is given back."""

from __future__ import annotations

import json
import sqlite3
import threading

import pandas as pd
import pytest
import sqlalchemy as sa

from etl import gate, pipeline, releases, run_safety, store
from etl.sources import live, worldbank_wdi
from etl.sources.base import Fetched
from tests.conftest import make_settings
from tests.etl.bundled_support import reseal
from tests.etl.refresh_support import (
    edit_gci,
    published,
    refresh_settings,
    set_cells,
)

# ------------------------------------------------------------------ keyed targets (evidence)

EVIDENCE = "gci_source_values.csv"
FACTS = "interpol_africa_cyberthreat_facts.csv"


def _read(settings, name: str) -> pd.DataFrame:
    return pd.read_csv(settings.datasets_dir / name, dtype=str, keep_default_na=False)


def _write(settings, name: str, frame: pd.DataFrame) -> None:
    frame.to_csv(settings.datasets_dir / name, index=False)
    reseal(settings.datasets_dir / name)


def _count(engine, table: sa.Table) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar()


@pytest.fixture
def evidence(tmp_path):
    """A store with the GCI evidence and the INTERPOL statements published once."""
    settings = refresh_settings(tmp_path)
    engine = store.make_engine(settings.database_url)
    results = pipeline.run_sources(["itu_gci_evidence", "interpol_act"], settings, engine)
    assert [r.status for r in results] == ["succeeded", "succeeded"], results
    yield settings, engine
    engine.dispose()


def test_a_shrunk_evidence_file_is_held_and_deletes_nothing(evidence):
    """gci_source_values.csv cut to 49 rows: held with the rows-left and countries reasons,
    every stored value kept, no release."""
    settings, engine = evidence
    before = _count(engine, store.source_values)
    release = releases.current_release_id(engine)
    _write(settings, EVIDENCE, _read(settings, EVIDENCE).head(49))

    [result] = pipeline.run_sources(["itu_gci_evidence"], settings, engine)

    assert result.status == "held"
    assert result.reason.startswith(gate.GATE_PREFIX)
    assert f"49 per-source values against {before} published (2% < 80%)" in result.reason
    assert "drops the per-source values of" in result.reason
    assert _count(engine, store.source_values) == before == 3180
    assert releases.current_release_id(engine) == release


def test_a_shrunk_statements_file_is_held_and_deletes_nothing(evidence):
    """INTERPOL facts cut to 5: held, the 57 statements kept."""
    settings, engine = evidence
    before = store.statements_frame(engine, source_id="interpol_act")
    _write(settings, FACTS, _read(settings, FACTS).head(5))

    [result] = pipeline.run_sources(["interpol_act"], settings, engine)

    assert result.status == "held"
    assert "5 cited statements against 57 published (9% < 80%)" in result.reason
    pd.testing.assert_frame_equal(store.statements_frame(engine, source_id="interpol_act"),
                                  before)


def test_a_removed_statement_is_counted_and_released(evidence):
    """One statement (of a country with others) gone from a valid file: removed, counted, and
    published as a release so caches keyed on it see the change."""
    settings, engine = evidence
    facts = _read(settings, FACTS)
    gone = facts.index[facts["iso3"] == "MAR"][0]
    _write(settings, FACTS, facts.drop(index=gone))
    release = releases.current_release_id(engine)

    [result] = pipeline.run_sources(["interpol_act"], settings, engine)

    assert result.status == "succeeded", result.reason
    assert result.counts["removed"] == 1 and result.counts["kept_quarantined"] == 0
    assert "removed 1 published row(s)" in result.reason
    assert result.release_id == release + 1 == releases.current_release_id(engine)
    assert len(store.statements_frame(engine, source_id="interpol_act")) == 56


def test_a_quarantined_evidence_row_keeps_its_stored_value(evidence):
    """An evidence value sent as "n/a" is quarantined; its stored value stays."""
    settings, engine = evidence
    values = _read(settings, EVIDENCE)
    row = values.index[(values["iso3"] == "MAR") & (values["field"] == "overall_score")][0]
    values.loc[row, "value"] = "n/a"
    _write(settings, EVIDENCE, values)
    release = releases.current_release_id(engine)

    [result] = pipeline.run_sources(["itu_gci_evidence"], settings, engine)

    assert result.status == "succeeded", result.reason
    assert (result.counts["quarantined"], result.counts["removed"],
            result.counts["kept_quarantined"]) == (1, 0, 1)
    assert _count(engine, store.source_values) == 3180
    assert releases.current_release_id(engine) == release  # nothing changed
    quarantine = store.quarantine_frame(engine, "itu_gci_evidence")
    assert len(quarantine) == 1 and "n/a" in quarantine.iloc[0]["reason"]


# ------------------------------------------------------------------ GCI: a row without pillars


def _mar_2020(engine) -> pd.DataFrame:
    return store.observations_frame(engine, iso3s=["MAR"], editions=[2020])[
        ["indicator_id", "value", "rank"]].sort_values("indicator_id").reset_index(drop=True)


def test_a_gci_row_edited_without_its_pillars_keeps_the_published_values(baseline):
    """MAR 2020 overall 82.41 -> 83.65 without the pillars fails the pillar sum: the overall
    and its five pillars stay as published, the run says so, and another change still goes
    out."""
    settings, engine = baseline
    before = _mar_2020(engine)
    assert len(before) == 6 and 82.41 in before["value"].tolist()
    edit_gci(settings, lambda f: set_cells(set_cells(f, "MAR", "2020", overall_score="83.65"),
                                           "MAR", "2018", overall_score="0.43"))

    [result] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert result.status == "succeeded", result.reason
    assert (result.counts["quarantined"], result.counts["kept_quarantined"],
            result.counts["removed"], result.counts["updated"]) == (1, 6, 0, 1)
    assert "kept 6 published row(s) as they were" in result.reason
    pd.testing.assert_frame_equal(_mar_2020(engine), before)
    assert result.release_id == 2
    changes = store.changes_frame(engine).query("release_id == 2")
    assert changes[["iso3", "edition", "kind"]].values.tolist() == [["MAR", 2018, "changed"]]
    assert len(store.quarantine_frame(engine, "itu_gci")) == 1
    last = store.last_runs_frame(engine).set_index("source_id").loc["itu_gci"]
    assert last["status"] == "succeeded" and "kept 6" in last["reason"]


def test_a_gci_row_quarantined_alone_changes_nothing(baseline):
    """Only a quarantined row: nothing published changes, so no release."""
    settings, engine = baseline
    before = published(engine)
    edit_gci(settings, lambda f: set_cells(f, "MAR", "2020", overall_score="83.65"))

    [result] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert result.status == "succeeded" and result.release_id is None
    assert result.counts["kept_quarantined"] == 6
    pd.testing.assert_frame_equal(published(engine), before)


# ------------------------------------------------------------------ World Bank (live) payloads

COUNTRIES = ("MAR", "OMN", "TUN", "DZA", "EGY", "JOR", "SAU", "ARE", "QAT", "KWT", "BHR",
             "LBN", "FRA", "DEU", "ESP", "ITA", "USA", "CAN", "JPN", "KOR")
YEARS = (2019, 2020, 2021, 2022)
BASE = "http://wb.test/v2"


def _values() -> dict[tuple[str, str, int], object]:
    """(code, iso3, year) -> value: internet users in percent, secure servers per million."""
    return {(code, iso3, year): round((10 + n * 3 + (year - 2019)) * (1 if "USER" in code
                                                                       else 7.5), 1)
            for code in worldbank_wdi.CODES for n, iso3 in enumerate(COUNTRIES)
            for year in YEARS}


def _payload(values: dict, extra: list[tuple[tuple[str, str, int], object]] = ()) -> Fetched:
    """A World Bank answer (one page per indicator) holding ``values`` and the ``extra`` rows
    (sent as well: duplicates)."""
    parts = []
    for code in worldbank_wdi.CODES:
        rows = [(key, value) for key, value in [*values.items(), *extra] if key[0] == code]
        observations = [{"indicator": {"id": code, "value": code},
                         "country": {"id": iso3, "value": iso3}, "countryiso3code": iso3,
                         "date": str(year), "value": value, "unit": "", "obs_status": "",
                         "decimal": 1} for (_, iso3, year), value in rows]
        paging = {"page": 1, "pages": 1, "per_page": 1000, "total": len(observations),
                  "lastupdated": "2026-11-01"}
        url = (f"{BASE}/country/all/indicator/{code}?format=json&per_page=1000&page=1"
               f"&date=2019:2022")
        parts.append((url, json.dumps([paging, observations]).encode()))
    return Fetched(live.pack(parts), f"{BASE}/country/all/indicator/{{...}}")


@pytest.fixture
def world_bank(tmp_path):
    """A store with the World Bank values published once; returns (settings, engine)."""
    settings = make_settings(tmp_path, worldbank_api_url=BASE,
                             alerts_log=tmp_path / "alerts.jsonl", alert_webhook_url="",
                             smtp_host="")
    engine = store.make_engine(settings.database_url)
    pipeline.prepare_store(engine, settings)
    first = pipeline.run_source(worldbank_wdi, settings, engine, fetched=_payload(_values()))
    assert first.status == "succeeded" and first.counts["inserted"] == 160, first
    yield settings, engine
    engine.dispose()


def _wb_values(engine) -> dict[tuple[str, str, int], float]:
    frame = store.observations_frame(engine, ["wb.IT.NET.USER.ZS", "wb.IT.NET.SECR.P6"])
    return {(r.indicator_id, r.iso3, int(r.edition)): r.value for r in frame.itertuples()}


USERS_MAR = ("IT.NET.USER.ZS", "MAR", 2022)
USERS_OMN = ("IT.NET.USER.ZS", "OMN", 2022)

# (values changed, rows sent as well, rows quarantined, published values kept)
BAD_ROWS = [
    pytest.param({USERS_MAR: "1,234.5"}, [], 1, 1, id="thousands-separator"),
    pytest.param({USERS_MAR: -5, USERS_OMN: 140}, [], 2, 2, id="negative-and-above-100"),
    pytest.param({}, [(USERS_MAR, 60.7)], 2, 1, id="sent-twice"),
    pytest.param({}, [(USERS_MAR, _values()[USERS_MAR])], 2, 1, id="sent-twice-identical"),
]


@pytest.mark.parametrize(("changes", "extra", "quarantined", "kept"), BAD_ROWS)
def test_a_bad_world_bank_row_keeps_the_published_value(world_bank, changes, extra,
                                                        quarantined, kept):
    """A value sent as "1,234.5", negative, above 100 % or twice (even identically) is
    quarantined; the published value under its key stays, counted as kept; no release."""
    settings, engine = world_bank
    before = _wb_values(engine)

    result = pipeline.run_source(worldbank_wdi, settings, engine,
                                 fetched=_payload({**_values(), **changes}, extra))

    assert result.status == "succeeded", result.reason
    assert (result.counts["quarantined"], result.counts["removed"],
            result.counts["kept_quarantined"]) == (quarantined, 0, kept)
    assert f"kept {kept} published row(s) as they were" in result.reason
    assert _wb_values(engine) == before
    assert result.release_id is None  # nothing published changed
    assert len(store.quarantine_frame(engine, "worldbank_wdi")) == quarantined


def test_a_country_year_gone_from_a_valid_answer_is_removed(world_bank):
    """A key absent from a valid answer (no quarantined row for it) is a removal, as before."""
    settings, engine = world_bank
    values = _values()
    del values[("IT.NET.USER.ZS", "MAR", 2022)]

    result = pipeline.run_source(worldbank_wdi, settings, engine, fetched=_payload(values))

    assert result.status == "succeeded"
    assert (result.counts["removed"], result.counts["kept_quarantined"]) == (1, 0)
    assert ("wb.IT.NET.USER.ZS", "MAR", 2022) not in _wb_values(engine)


def test_fractions_instead_of_percents_are_held_naming_the_indicator(world_bank):
    """Internet users sent as 0.587 instead of 58.7: held, one line naming the indicator and
    the ratio; nothing changes."""
    settings, engine = world_bank
    before = _wb_values(engine)
    values = {k: (round(v / 100, 4) if k[0] == "IT.NET.USER.ZS" else v)
              for k, v in _values().items()}

    result = pipeline.run_source(worldbank_wdi, settings, engine, fetched=_payload(values))

    assert result.status == "held"
    assert result.reason == (
        "publish gate: wb.IT.NET.USER.ZS: changed values moved by a median factor of 0.01 "
        "(new/old, 80 values; allowed 0.2 to 5): a unit or scale change?")
    assert _wb_values(engine) == before
    assert releases.current_release_id(engine) == 1


def test_a_revision_of_every_value_is_published(world_bank):
    """Every value revised by a few percent is a revision, not a unit change: published."""
    settings, engine = world_bank
    values = {k: round(v * 1.04, 2) for k, v in _values().items()}

    result = pipeline.run_source(worldbank_wdi, settings, engine, fetched=_payload(values))

    assert result.status == "succeeded" and result.counts["updated"] == 160
    assert result.release_id == 2


def test_scale_gate_needs_enough_changed_values():
    """Fewer than SCALE_MIN_CHANGED values moving x100 is a correction, not a unit change;
    that many is one; a median within the range is a revision."""
    old = {("i", f"C{n}", 2020): {"value": 1.0} for n in range(10)}

    def new(factor: float, changed: int) -> pd.DataFrame:
        return pd.DataFrame({"indicator_id": "i", "iso3": [f"C{n}" for n in range(10)],
                             "edition": 2020,
                             "value": [factor if n < changed else 1.0 for n in range(10)]})

    few = gate.SCALE_MIN_CHANGED - 1
    assert gate.scale_gate_reasons(old, new(100.0, few)) == []
    assert gate.scale_gate_reasons(old, new(100.0, few + 1)) == [
        f"i: changed values moved by a median factor of 100 (new/old, {few + 1} values; "
        f"allowed 0.2 to 5): a unit or scale change?"]
    assert gate.scale_gate_reasons(old, new(4.5, 10)) == []


# ------------------------------------------------------------------ a busy database


class Blocker:
    """Another writer holding the database (SQLite: an exclusive transaction on the file;
    PostgreSQL: an exclusive lock on raw_snapshots, which every load writes first)."""

    def __init__(self, url: str) -> None:
        self.url = sa.engine.make_url(url)
        self._release = None

    def hold(self) -> None:
        if self.url.get_backend_name() == "sqlite":
            conn = sqlite3.connect(self.url.database, isolation_level=None)
            conn.execute("BEGIN EXCLUSIVE")
            self._release = conn.close  # closing rolls the transaction back
            return
        engine = sa.create_engine(self.url, poolclass=sa.pool.NullPool)
        conn = engine.connect()
        conn.execute(sa.text("LOCK TABLE raw_snapshots IN ACCESS EXCLUSIVE MODE"))

        def release() -> None:
            conn.rollback()
            conn.close()
            engine.dispose()

        self._release = release

    def release(self) -> None:
        if self._release is not None:
            release, self._release = self._release, None
            release()


def _impatient_engine(url: str) -> sa.Engine:
    """An engine that gives up waiting for another writer after 0.2 s (as a real one does
    after 30 s on SQLite, or a lock_timeout on PostgreSQL)."""
    if sa.engine.make_url(url).get_backend_name() == "sqlite":
        return store.make_engine(f"{url}?timeout=0.2")
    engine = store.make_engine(url)

    @sa.event.listens_for(engine, "connect")
    def _lock_timeout(dbapi_connection, _record) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '200ms'")
        dbapi_connection.commit()

    return engine


@pytest.fixture
def busy(baseline, monkeypatch):
    """(settings, engine, blocker, waits): the blocker starts holding the database while
    itu_gci's observations are shaped, and lets go at the BUSY_ATTEMPTS-th wait (after the
    load has given up: while its failure is recorded, or while the next source's load waits)."""
    settings, _ = baseline
    engine = _impatient_engine(settings.database_url)
    blocker = Blocker(settings.database_url)
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == run_safety.BUSY_ATTEMPTS:
            blocker.release()

    real = pipeline.targets.observations

    def observations(module, valid, settings_):
        if module.INFO.id == "itu_gci" and not waits:
            blocker.hold()
        return real(module, valid, settings_)

    monkeypatch.setattr(run_safety, "_sleep", wait)
    monkeypatch.setattr(pipeline.targets, "observations", observations)
    yield settings, engine, blocker, waits
    blocker.release()
    engine.dispose()


def test_a_busy_database_fails_one_source_with_its_reason(busy):
    """The database busy past every attempt: itu_gci fails saying so (recorded, not
    "abandoned"), its data unchanged; ncsi still runs; the lock is released."""
    settings, engine, _, waits = busy
    before = published(engine)
    edit_gci(settings, lambda f: set_cells(f, "MAR", "2018", overall_score="0.43"))

    gci_run, ncsi_run = pipeline.run_sources(["itu_gci", "ncsi"], settings, engine)

    assert gci_run.status == "failed"
    assert gci_run.reason.startswith(
        f"database busy: the load gave up after {run_safety.BUSY_ATTEMPTS} attempts, another "
        f"writer held the database (")
    assert ncsi_run.status == "succeeded", ncsi_run.reason
    assert len(waits) == run_safety.BUSY_ATTEMPTS
    with engine.connect() as conn:
        assert store.read_lock(conn, "refresh") is None
    runs = store.runs_frame(engine).set_index("run_id")
    assert "running" not in set(runs["status"])
    assert runs.loc[gci_run.run_id, "reason"] == gci_run.reason
    after = published(engine)
    compared = ["indicator_id", "iso3", "edition", "value", "rank", "tier", "snapshot_sha256"]
    gci_after = after[after["indicator_id"].str.startswith("itu_gci.")][compared]
    pd.testing.assert_frame_equal(gci_after.reset_index(drop=True),
                                  before[compared].reset_index(drop=True))

    [again] = pipeline.run_sources(["itu_gci"], settings, engine)  # nothing left "running"
    assert again.status == "succeeded" and again.release_id is not None
    assert "abandoned" not in set(store.runs_frame(engine)["status"])


def test_a_wait_that_outlasts_the_other_writer_publishes(busy, monkeypatch):
    """A writer that lets go before the attempts run out: the load goes through."""
    settings, engine, blocker, waits = busy
    edit_gci(settings, lambda f: set_cells(f, "MAR", "2018", overall_score="0.43"))

    def wait(seconds: float) -> None:
        waits.append(seconds)
        blocker.release()

    monkeypatch.setattr(run_safety, "_sleep", wait)

    [result] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert result.status == "succeeded" and result.release_id == 2
    assert len(waits) == 1


def test_a_lock_release_refused_by_a_busy_database_is_tried_again(baseline, monkeypatch):
    """The lock's release meeting a busy database is tried again: the runs are returned and
    no lock is left behind."""
    settings, engine = baseline
    real = store.delete_lock
    refused = threading.Event()

    def delete_lock(conn, name, owner):
        if not refused.is_set():
            refused.set()
            raise sa.exc.OperationalError("DELETE FROM locks", {},
                                          sqlite3.OperationalError("database is locked"))
        return real(conn, name, owner)

    monkeypatch.setattr(store, "delete_lock", delete_lock)
    monkeypatch.setattr(run_safety, "_sleep", lambda seconds: None)

    [result] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert result.status == "succeeded" and refused.is_set()
    with engine.connect() as conn:
        assert store.read_lock(conn, "refresh") is None


# ------------------------------------------------------------------ keys of quarantined rows


def test_quarantined_rows_map_to_the_keys_they_would_give():
    """A GCI row with an unreadable score still names its overall and pillar keys; a row whose
    keys cannot be worked out makes every key unknown (None): nothing is removed then."""
    from types import SimpleNamespace

    from etl import targets
    from etl.sources import itu_gci

    row = {"iso3": "MAR", "edition": "2020", "overall_score": "n/a", "global_rank": "50",
           "tier": None, "tier_label": None, "legal": "18.4", "technical": None,
           "organizational": None, "capacity_development": None, "cooperation": None,
           "verification": "single_source", "source_url": "https://example.org",
           "source_note": None}
    keys = targets.held_back_keys(itu_gci, [{"row_number": 7, "row": row}])
    assert keys == {"observations": frozenset(
        (f"itu_gci.{name}", "MAR", 2020) for name in ("overall", *itu_gci.PILLAR_NAMES))}

    def broken(rows):
        raise ValueError("cannot shape")

    fake = SimpleNamespace(INFO=SimpleNamespace(id="fake"), SCHEMA=itu_gci.SCHEMA,
                           TARGETS=("observations",), to_observations=broken)
    assert targets.held_back_keys(fake, [{"row_number": 7, "row": row}]) == {
        "observations": None}
    old = {("i", "MAR", 2020): {}, ("i", "OMN", 2020): {}}
    new = pd.DataFrame({"indicator_id": ["i"], "iso3": ["MAR"], "edition": [2020]})
    assert pipeline.kept_keys(old, new, None) == {("i", "OMN", 2020)}
    assert pipeline.kept_keys(old, new, frozenset()) == set()
