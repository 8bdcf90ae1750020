"""A bundled figure's retrieval date is the day its data was copied from the publisher (the
sidecar's ``copied_on``), not when a store loaded it; a live figure's is its fetch; a bundled
file its sidecar does not describe fails its run and publishes nothing."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa

from etl import export, migrations, pipeline, releases, store
from etl.settings import DATASETS_DIR, Settings
from etl.sources import SOURCES, un_egdi_live
from etl.sources.base import SourceFileError, read_bundled, sidecar_path
from tests.etl.bundled_support import reseal
from tests.etl.refresh_support import refresh_settings
from tests.etl.sources.live_support import fast_settings, payload, prepared_engine
from tests.fixtures.http_server import Resp

pytest_plugins = ["tests.fixtures.http_server"]

EGDI = "egdi_scores.csv"
MAR_2024 = export.ExportFilter(indicators=("un_egdi.egdi",), countries=("MAR",), editions=(2024,))


def copied_on(name: str) -> date:
    meta = json.loads(sidecar_path(DATASETS_DIR / name).read_text(encoding="utf-8"))
    return date.fromisoformat(meta["copied_on"])


def _utc(moment) -> pd.Timestamp:
    """A time as an aware UTC Timestamp (SQLite gives the stored UTC time naive)."""
    moment = pd.Timestamp(moment)
    return moment.tz_localize(UTC) if moment.tzinfo is None else moment.tz_convert(UTC)


def _snapshot(engine, sha256: str) -> dict:
    with engine.connect() as conn:
        row = store.snapshot_row(conn, sha256)
    assert row is not None, sha256
    return row


BUNDLED = sorted(name for name, module in SOURCES.items()
                 if module.INFO.kind == "bundled" and name != "news_files")


@pytest.mark.parametrize("name", BUNDLED)
def test_each_bundled_source_is_retrieved_on_its_copy_date(name):
    """Every bundled source's fetch carries its sidecar's copied_on as the retrieval date
    (news_files, a folder of article files with no sidecar, carries none)."""
    fetched = SOURCES[name].fetch(Settings())
    assert fetched.retrieved_on == copied_on(fetched.origin.removeprefix("datasets/"))


def test_two_stores_from_one_bundled_file_give_its_copy_date(tmp_path):
    """Two stores loaded from the same bundled bytes (same snapshot) at different times give
    the same retrieval date, the sidecar's copied_on, in the store's readers, its snapshot
    times and the export; each snapshot keeps its own fetch time beside it."""
    day = copied_on(EGDI)
    seen = []
    for folder in ("first", "second"):
        settings = refresh_settings(tmp_path / folder)
        engine = store.make_engine(settings.database_url)
        [result] = pipeline.run_sources(["un_egdi"], settings, engine)
        assert result.status == "succeeded", result
        snap = _snapshot(engine, result.snapshot_sha256)
        assert snap["retrieved_on"] == day
        assert snap["fetched_at"].date() != day  # when this store took the bytes, kept
        frame = store.observations_frame(engine, ["un_egdi.egdi"], ["MAR"], [2024])
        assert frame["retrieved_at"].tolist() == [day]
        assert store.snapshot_times(engine, [result.snapshot_sha256]) == {
            result.snapshot_sha256: day}
        [row] = export.export_frame(engine, MAR_2024).to_dict("records")
        seen.append((row["snapshot_sha256"], row["retrieved_at"], snap["fetched_at"]))
        engine.dispose()
    (sha_1, text_1, fetched_1), (sha_2, text_2, fetched_2) = seen
    assert sha_1 == sha_2 and text_1 == text_2 and text_1.startswith(day.isoformat())
    assert fetched_1 != fetched_2


def test_a_live_source_is_retrieved_when_fetched(tmp_path, fault_server):
    """A live source's snapshot has no copy date: its figures' retrieval is its fetch time."""
    url = fault_server.url("/egov/EGOV_DATA_2022.csv")
    fault_server.script("/egov/EGOV_DATA_2022.csv",
                        Resp.csv(payload("un_egdi_live", "EGOV_DATA_2022.csv").decode()))
    settings = fast_settings(tmp_path, egdi_urls=((2022, url),))
    engine = prepared_engine(settings)
    before = datetime.now(UTC)

    result = pipeline.run_source(un_egdi_live, settings, engine)

    assert result.status == "succeeded", result
    snap = _snapshot(engine, result.snapshot_sha256)
    assert snap["retrieved_on"] is None
    frame = store.observations_frame(engine, None, ["MAR"])
    frame = frame[frame["snapshot_sha256"] == result.snapshot_sha256]
    assert len(frame) > 0
    [when] = set(frame["retrieved_at"])
    assert isinstance(when, datetime) and _utc(when) == _utc(snap["fetched_at"])
    assert before - timedelta(seconds=1) <= _utc(when) <= datetime.now(UTC)
    assert store.snapshot_times(engine, [result.snapshot_sha256]) == {
        result.snapshot_sha256: when}
    engine.dispose()


def _edited(path):
    """The file edited, its sidecar not: what a hand edit of a bundled file looks like."""
    path.write_bytes(path.read_bytes().replace(b"0.68411", b"0.68412", 1))


def _sidecar(change):
    def spoil(path):
        sidecar = sidecar_path(path)
        sidecar.write_text(change(sidecar.read_text(encoding="utf-8")), encoding="utf-8")
    return spoil


def _field(name, value):
    def change(text):
        meta = json.loads(text)
        meta[name] = value
        return json.dumps(meta)
    return _sidecar(change)


SPOILT = [
    pytest.param(_edited, "does not match its provenance sidecar egdi_scores.provenance.json",
                 id="file-edited"),
    pytest.param(_field("bytes", 307037), "does not match its provenance sidecar",
                 id="bytes-wrong"),
    pytest.param(lambda path: sidecar_path(path).unlink(),
                 "has no provenance sidecar egdi_scores.provenance.json", id="sidecar-missing"),
    pytest.param(_sidecar(lambda text: text[:40]), "is unreadable (not JSON", id="not-json"),
    pytest.param(_field("copied_on", "29/11/2026"), "copied_on '29/11/2026' is not a YYYY-MM-DD",
                 id="copied-on-malformed"),
    pytest.param(_field("sha256", None), "sha256 None is not 64", id="sha256-missing"),
]


@pytest.mark.parametrize(("spoil", "said"), SPOILT)
def test_a_file_its_sidecar_does_not_describe_fails_and_publishes_nothing(baseline, spoil, said):
    """A bundled file edited without its sidecar, or a sidecar missing or malformed: the run
    fails saying which file and what to do, and the store stays as it was (no snapshot, no
    release, the published figures unchanged)."""
    settings, engine = baseline
    [first] = pipeline.run_sources(["un_egdi"], settings, engine)
    assert first.status == "succeeded", first
    with engine.connect() as conn:
        snapshots = store.snapshot_rows(conn)
    published, release = store.observations_frame(engine), releases.current_release_id(engine)
    path = settings.datasets_dir / EGDI

    spoil(path)
    [result] = pipeline.run_sources(["un_egdi"], settings, engine)

    assert result.status == "failed" and said in result.reason, result.reason
    assert str(path) in result.reason
    if "does not match" in said:
        assert "update the sidecar's sha256, bytes and copied_on" in result.reason
    assert store.runs_frame(engine, "un_egdi").iloc[0]["reason"] == result.reason
    with engine.connect() as conn:
        assert store.snapshot_rows(conn) == snapshots
    assert releases.current_release_id(engine) == release
    pd.testing.assert_frame_equal(store.observations_frame(engine), published)


def test_a_file_changed_on_purpose_with_its_sidecar_gives_the_new_copy_date(baseline):
    """Data copied again from the publisher, its sidecar updated: the new values publish,
    retrieved on the new copy date."""
    settings, engine = baseline
    path = settings.datasets_dir / EGDI
    _edited(path)
    reseal(path, copied_on="2026-11-30")
    [result] = pipeline.run_sources(["un_egdi"], settings, engine)
    assert result.status == "succeeded" and result.release_id, result
    frame = store.observations_frame(engine, ["un_egdi.egdi"], ["MAR"], [2024])
    assert frame[["value", "retrieved_at"]].values.tolist() == [[0.68412, date(2026, 11, 30)]]


def test_read_bundled_gives_the_copy_date_of_bytes_it_checked(tmp_path):
    """read_bundled on a file and its sidecar: the sidecar's copied_on; a sidecar giving
    another size is refused though the SHA-256 agrees."""
    path = tmp_path / EGDI
    path.write_bytes((DATASETS_DIR / EGDI).read_bytes())
    meta = reseal(path, copied_on="2026-01-02")
    assert read_bundled(path).retrieved_on == date(2026, 1, 2)
    sidecar_path(path).write_text(json.dumps({**meta, "bytes": meta["bytes"] + 1}),
                                  encoding="utf-8")
    with pytest.raises(SourceFileError, match="does not match its provenance sidecar"):
        read_bundled(path)


# ------------------------------------------------------------------ the store's revision 0009




def test_upgrade_from_0008_adds_retrieved_on_and_keeps_the_snapshots(empty_url, tmp_path):
    """A store at 0008 keeps its snapshots, none given a copy date it never recorded (their
    retrieval stays their fetch); the revision goes down and up again with them; a later run
    reading the same bundled bytes gives their row the sidecar's day."""
    from alembic import command

    engine = store.make_engine(empty_url)
    migrations.upgrade(engine, "0008")
    body = (DATASETS_DIR / EGDI).read_bytes()
    sha = hashlib.sha256(body).hexdigest()
    when = datetime(2026, 11, 30, 13, 53, tzinfo=UTC)
    old = sa.table("raw_snapshots", *(sa.column(c) for c in (
        "sha256", "source_id", "origin", "size", "fetched_at", "path")))
    rows = [
        {"sha256": sha, "source_id": "un_egdi", "origin": f"datasets/{EGDI}", "size": len(body),
         "fetched_at": when, "path": "kept/elsewhere"},
        {"sha256": "b" * 64, "source_id": "un_egdi_live", "origin": "https://example.org/x",
         "size": 3, "fetched_at": when, "path": "bb/" + "b" * 64},
    ]
    with engine.begin() as conn:
        conn.execute(old.insert(), rows)

    migrations.upgrade(engine)

    assert migrations.current_revision(engine) == migrations.head_revision()
    assert migrations.autogenerate_diff(engine) == []
    with engine.connect() as conn:
        kept = store.snapshot_rows(conn)
    assert [(r["sha256"], r["retrieved_on"]) for r in kept] == [(sha, None), ("b" * 64, None)]
    times = store.snapshot_times(engine, [sha, "b" * 64])
    # Their retrieval: their fetch, as before.
    assert {k: _utc(v) for k, v in times.items()} == {sha: when, "b" * 64: when}

    with engine.begin() as conn:
        command.downgrade(migrations.alembic_config(conn), "0008")
    columns = {c["name"] for c in sa.inspect(engine).get_columns("raw_snapshots")}
    assert "retrieved_on" not in columns
    migrations.upgrade(engine)
    with engine.connect() as conn:
        assert len(store.snapshot_rows(conn)) == 2

    settings = refresh_settings(tmp_path / "run", database_url=empty_url)
    [result] = pipeline.run_sources(["un_egdi"], settings, engine)
    assert result.status == "succeeded" and result.snapshot_sha256 == sha, result
    assert _snapshot(engine, sha)["retrieved_on"] == copied_on(EGDI)
    assert _snapshot(engine, "b" * 64)["retrieved_on"] is None
    engine.dispose()
