"""Refreshes killed at each stage, started twice at once, or failing on disk leave published data as it was."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import pandas as pd
import pytest

from etl import locks, pipeline, releases, store
from tests.etl.refresh_support import (
    edit_gci,
    morocco_drops_to_tier_2,
    published,
    published_copy,
    set_cells,
    start_refresh,
    wait_for,
)


@pytest.fixture
def baseline(tmp_path):
    """A published store and an edited GCI file that a completed refresh would publish."""
    settings = published_copy(tmp_path)
    engine = store.make_engine(settings.database_url)
    before = published(engine)
    edit_gci(settings, morocco_drops_to_tier_2)
    yield settings, engine, before
    engine.dispose()


def _lock_holder(engine):
    with engine.connect() as conn:
        return store.read_lock(conn, locks.REFRESH)


STAGES = ("fetch", "parse", "validate", "load")


@pytest.fixture(scope="module")
def killed_runs(tmp_path_factory):
    """One refresh per stage, on its own published store, SIGKILLed while paused at that stage.

    The four subprocesses run side by side (one start-up's wait instead of four). Returns, per
    stage, the settings, the data published before, the data read during the pause and the pid.
    """
    runs = {}
    for stage in STAGES:
        tmp = tmp_path_factory.mktemp(f"killed-{stage}")
        settings = published_copy(tmp)
        engine = store.make_engine(settings.database_url)
        before = published(engine)
        engine.dispose()
        edit_gci(settings, morocco_drops_to_tier_2)
        marker = tmp / "paused"
        proc = start_refresh(settings, "itu_gci", CYBERINDEX_TEST_PAUSE_AT=stage,
                             CYBERINDEX_TEST_PAUSE_MARKER=str(marker))
        runs[stage] = {"settings": settings, "before": before, "marker": marker, "proc": proc}
    try:
        for stage, run in runs.items():
            proc, marker = run["proc"], run["marker"]
            wait_for(lambda m=marker, p=proc: m.exists() or p.poll() is not None,
                     f"the run to reach {stage}")
            assert proc.poll() is None, proc.communicate()
            engine = store.make_engine(run["settings"].database_url)
            run["during"] = published(engine)  # readable while the run is paused
            engine.dispose()
            proc.kill()
            proc.wait()
    finally:
        for run in runs.values():
            if run["proc"].poll() is None:
                run["proc"].kill()
                run["proc"].wait()
    return runs


@pytest.mark.parametrize("stage", STAGES)
def test_refresh_killed_at_stage_leaves_data_and_recovers(killed_runs, stage):
    """SIGKILL during a stage: data unchanged and readable, lock recovered, next run publishes."""
    run = killed_runs[stage]
    settings, before = run["settings"], run["before"]
    engine = store.make_engine(settings.database_url)
    pd.testing.assert_frame_equal(run["during"], before)
    pd.testing.assert_frame_equal(published(engine), before)
    assert releases.current_release_id(engine) == 1
    assert _lock_holder(engine)["pid"] == run["proc"].pid  # left behind by the killed run

    [result] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert result.status == "succeeded" and result.release_id == 2
    assert _lock_holder(engine) is None
    runs = store.runs_frame(engine).set_index("run_id")
    assert runs["status"].value_counts().to_dict() == {"succeeded": 2, "abandoned": 1}
    mar = store.observations_frame(engine, ["itu_gci.overall"], ["MAR"], [2024])
    assert mar["tier"].tolist() == [2]
    engine.dispose()


def test_two_refreshes_started_together(baseline, tmp_path):
    """Of two refreshes started at once one runs; the other exits 3 with the holder's pid."""
    settings, engine, before = baseline
    markers = [tmp_path / "a", tmp_path / "b"]
    procs = [
        start_refresh(settings, "itu_gci", CYBERINDEX_TEST_PAUSE_AT="fetch",
                      CYBERINDEX_TEST_PAUSE_MARKER=str(m))
        for m in markers
    ]
    wait_for(lambda: any(p.poll() is not None for p in procs) and any(m.exists() for m in markers),
             "one run to pause and the other to exit")
    loser = next(p for p in procs if p.poll() is not None)
    winner = next(p for p in procs if p is not loser)
    _, err = loser.communicate()
    assert loser.returncode == 3
    assert f"error: another refresh is running (pid {winner.pid} on " in err

    for m in markers:
        m.unlink(missing_ok=True)
    out, err = winner.communicate(timeout=120)
    assert winner.returncode == 0, err
    assert "itu_gci: succeeded" in out and "release=2" in out


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("fault", ["fsync", "replace", "raw_dir_is_a_file"])
def test_disk_error_while_keeping_snapshot_fails_cleanly(baseline, monkeypatch, fault):
    """A snapshot that cannot be written fails the run with the reason; data and lock intact."""
    settings, engine, before = baseline
    if fault == "raw_dir_is_a_file":
        settings = pipeline.Settings.from_env(**{**settings.__dict__,
                                                 "raw_dir": Path(settings.raw_dir) / "x" / "f"})
        settings.raw_dir.parent.mkdir(parents=True)
        settings.raw_dir.write_text("not a folder")
        expected = "cannot keep the raw snapshot under"
    else:
        monkeypatch.setattr(f"etl.snapshots.os.{fault}", _no_space)
        expected = "No space left on device"

    [result] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert result.status == "failed"
    assert "cannot keep the raw snapshot" in result.reason and expected in result.reason
    pd.testing.assert_frame_equal(published(engine), before)
    assert releases.current_release_id(engine) == 1
    assert _lock_holder(engine) is None
    assert not list(Path(settings.raw_dir).rglob(".incoming-*")) if fault != "raw_dir_is_a_file" else True


def _compare_callback_request(base: str, http) -> dict:
    """The body the browser posts for the Compare page's view callback (MAR and OMN, 2020)."""
    dependencies = http.get(f"{base}/_dash-dependencies", timeout=30).json()
    [view] = [d for d in dependencies if "compare-trend-twin.children" in d["output"]]
    outputs = [dict(zip(("id", "property"), o.rsplit(".", 1), strict=True))
               for o in view["output"].strip(".").split("...")]
    values = {"compare-countries": ["MAR", "OMN"], "compare-edition": 2020,
              "compare-join": [], "compare-lang": "en", "compare-ranking": []}
    return {
        "output": view["output"], "outputs": outputs,
        "inputs": [{**i, "value": values[i["id"]]} for i in view["inputs"]],
        "state": [{**s, "value": values[s["id"]]} for s in view["state"]],
        "changedPropIds": ["compare-countries.value"],
    }


def _scores_2014(answer: dict) -> tuple[float, float]:
    """Morocco's and Oman's GCI 2014 scores from the trend chart's table twin."""
    found: dict[str, float] = {}

    def walk(node) -> None:
        if isinstance(node, dict):
            props = node.get("props", {})
            if node.get("type") == "Tr":
                cells = [c.get("props", {}).get("children") for c in props.get("children", [])]
                if len(cells) > 2 and cells[1] == "2014":
                    found[cells[0]] = float(cells[2])
            walk(props.get("children"))
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(answer["response"]["compare-trend-twin"]["children"])
    return found["Morocco"], found["Oman"]


def test_dashboard_serves_one_release_per_response_under_five_refreshes(baseline):
    """While five refreshes publish, every concurrent request to a real page callback succeeds,
    and each answer comes from the one release its X-Data-Release header names."""
    from dataclasses import replace

    import requests  # a runtime dependency: never skipped for want of it
    from werkzeug.serving import make_server

    from dashboard.app import create_app
    from dashboard.data import EXTENSION_KEY

    settings, engine, _ = baseline
    app = create_app(replace(settings, rate_limit="off"))  # three clients in a tight loop
    app.server.extensions[EXTENSION_KEY]["cache"].ttl = 0  # notice each release at once
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    with requests.Session() as http:
        body = _compare_callback_request(base, http)

    seen: list[tuple[int, float, float]] = []
    errors: list[str] = []
    done = threading.Event()

    def client() -> None:
        with requests.Session() as http:
            while not done.is_set():
                try:
                    answer = http.post(f"{base}/_dash-update-component", json=body, timeout=30)
                    if answer.status_code != 200:
                        errors.append(f"{answer.status_code} {answer.text[:200]}")
                        continue
                    seen.append((int(answer.headers["X-Data-Release"]),
                                 *_scores_2014(answer.json())))
                    page = http.get(f"{base}/compare", timeout=30)
                    if page.status_code != 200 or "X-Data-Release" not in page.headers:
                        errors.append(f"page {page.status_code}")
                except Exception as exc:  # noqa: BLE001 - reported below
                    errors.append(repr(exc))
                done.wait(0.01)

    threads = [threading.Thread(target=client) for _ in range(3)]
    for t in threads:
        t.start()
    step_of_release = {1: 0}
    try:
        for step in range(1, 6):
            edit_gci(settings, lambda f, k=step: set_cells(
                set_cells(f, "MAR", "2014", overall_score=f"{0.5 + k / 100:.2f}"),
                "OMN", "2014", overall_score=f"{0.7 + k / 100:.2f}"))
            [result] = pipeline.run_sources(["itu_gci"], settings, engine)
            assert result.status == "succeeded"
            step_of_release[result.release_id] = step
    finally:
        done.set()
        for t in threads:
            t.join()
        server.shutdown()
    assert errors == []
    assert len({release for release, _, _ in seen}) > 1  # the answers followed the releases
    for release, mar, omn in seen:
        k = step_of_release[release]
        expected = (0.559, 0.765) if k == 0 else (0.5 + k / 100, 0.7 + k / 100)
        assert (mar, omn) == pytest.approx(expected)
