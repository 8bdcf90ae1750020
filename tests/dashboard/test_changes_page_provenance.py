"""The "What changed" page, its download and the CLI list a value whose source changed (the
same figures, another source URL, channel or verification): the kind "source changed", what
changed old → new in the page's language, and the links before and after."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from dashboard.app import create_app
from dashboard.i18n import t
from etl import changelog_export, pipeline, store
from etl.cli import main
from tests.dashboard.tree_support import find, texts, walk
from tests.etl.bundled_support import reseal
from tests.etl.refresh_support import refresh_settings

EVIDENCE = "gci_source_values.csv"
ZAWYA = "https://zawya.com/en/world/middle-east/oman-among-top-cyber-secure-countries-itu-c891maad?amp=1"
ARY = "https://arynews.tv/oman-ranks-among-worlds-top-cybersecurity-advanced-countries/"


@pytest.fixture(scope="module")
def resourced(tmp_path_factory):
    """The GCI evidence and the GCI scores attributed from it published; then Zawya's value
    of Oman's 2024 legal pillar withdrawn from the evidence, so itu_gci runs again and that
    pillar, its value the same, is read from ARY News alone: single source (a release whose
    only change is that provenance), and a dashboard on the store."""
    settings = refresh_settings(tmp_path_factory.mktemp("changes-provenance"))
    engine = store.make_engine(settings.database_url)
    results = pipeline.run_sources(["itu_gci_evidence", "itu_gci"], settings, engine)
    assert [r.status for r in results] == ["succeeded"] * 2, results
    path = settings.datasets_dir / EVIDENCE
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    gone = ((frame["iso3"] == "OMN") & (frame["edition"] == "2024")
            & (frame["field"] == "legal") & (frame["source_url"] == ZAWYA))
    assert gone.sum() == 1
    frame[~gone].to_csv(path, index=False)
    reseal(path)
    evidence, gci = pipeline.run_sources(["itu_gci_evidence"], settings, engine)
    assert gci.source_id == "itu_gci" and gci.release_id is not None, gci
    yield settings, engine, create_app(settings), gci
    engine.dispose()


@pytest.mark.parametrize(("lang", "words"), [
    pytest.param("en", ("verified in two or more sources", "single source"), id="en"),
    pytest.param("fr", ("vérifié dans au moins deux sources", "source unique"), id="fr"),
])
def test_page_lists_a_source_change_with_what_changed(pages, resourced, lang, words):
    """Filtered on the new kind, the page lists Oman's legal pillar once: "source changed",
    the same value, "Verification: verified in two or more sources → single source" (the
    dashboard's words for each status, in the page's language) and the links before (Zawya
    and ARY News) and after (ARY News); the filter offers the kind, the releases count it."""
    _, _, app, gci = resourced
    page = pages["changes"]
    with app.server.app_context():
        root = page.layout(lang=lang, country="OMN", kind="provenance")
    assert find(root, page.ID_NOTICES).children == []
    table = find(root, page.ID_TABLE)
    [row] = table.children[2].children
    text = texts(row)
    old, new = words
    assert old == t("verified in two or more sources", lang)
    assert new == t("single source", lang)
    assert t("source changed", lang) in text.split("\n")
    assert t("Verification: {change}", lang, change=f"{old} → {new}") in text.split("\n")
    assert t("Channel: {change}", lang, change="") not in text  # it did not change
    before, after = (n for n in walk(row) if isinstance(n, str)
                     and n in (t("Links before: {links}", lang, links=""),
                               t("Links after: {links}", lang, links="")))
    links = [(a.href, a.children) for a in walk(row) if getattr(a, "href", "").startswith(
        "https://")]
    assert links == [(ZAWYA, "zawya.com"), (ARY, "arynews.tv"), (ARY, "arynews.tv")]
    assert before != after
    checklist = find(root, page.ID_KINDS)
    assert {"label": t("source changed", lang), "value": "provenance"} in checklist.options
    assert checklist.value == ["provenance"]
    release = find(root, page.ID_RELEASES).children[2].children[0]
    heading = texts(find(root, page.ID_RELEASES).children[1])
    assert page._heading(t("source changed", lang)) in heading.split("\n")
    counts = [texts(cell) for cell in release.children[2:6]]
    assert counts == ["0", "0", "1", "0"]  # added, changed, source changed, removed


def _row(kind: str, **sides) -> pd.Series:
    row = {"kind": kind, **{f"{side}_{f}": None for side in ("old", "new")
                            for f in ("source_url", "channel", "verification")}}
    return pd.Series({**row, **sides})


REPORT = "https://itu.example/gci-2024.pdf"


@pytest.mark.parametrize(("row", "shown", "hrefs"), [
    pytest.param(_row("changed", old_source_url=REPORT, new_source_url=REPORT,
                      old_verification="single_source", new_verification="conflict",
                      old_channel="SSPI transcription", new_channel="SSPI transcription"),
                 ["Verification: single source → sources disagree (see note)"], [REPORT],
                 id="changed-verification"),
    pytest.param(_row("changed", old_source_url=REPORT, new_source_url=REPORT,
                      old_channel="SSPI transcription", new_channel="SSPI transcription"),
                 [], [REPORT], id="changed-same-source"),
    pytest.param(_row("provenance", old_source_url=REPORT, new_source_url=ARY,
                      old_channel="SSPI transcription", new_channel="press or official release"),
                 ["Channel: SSPI transcription → press or official release", "Links before: ",
                  "Links after: "], [REPORT, ARY], id="channel-and-links"),
    pytest.param(_row("added", new_source_url=f"{REPORT} | {ARY}"), [], [REPORT, ARY],
                 id="added"),
    pytest.param(_row("removed", old_source_url=REPORT), [], [REPORT], id="removed"),
    pytest.param(_row("changed"), ["–"], [], id="written-before-provenance-was-kept"),
])
def test_provenance_cell_says_what_changed(pages, row, shown, hrefs):
    """A changed or re-sourced row says what of its provenance changed (a changed one whose
    source stayed shows its links only), an added or removed one its links, a row that kept
    no provenance "–"."""
    cell = pages["changes"].provenance_change(row, "en")
    text = texts(cell).split("\n") if not isinstance(cell, str) else [cell]
    assert all(line in text for line in shown), text
    assert [a.href for a in walk(cell) if getattr(a, "href", None)] == hrefs


def test_download_api_and_cli_give_the_provenance_columns(resourced, monkeypatch):
    """The changelog download lists the source change with old and new URL, channel and
    verification (kind=provenance is a filter it knows), as CSV and JSON alike; the CLI's
    table says what changed."""
    settings, _, app, gci = resourced
    with app.server.test_client() as client:
        answer = client.get("/api/v1/downloads/changes.json",
                            query_string={"country": "OMN", "kind": "provenance"})
        assert answer.status_code == 200, answer.get_data()
        [row] = json.loads(answer.get_data())
        csv = client.get("/api/v1/downloads/changes.csv",
                         query_string={"country": "OMN", "kind": "provenance"})
    assert (row["kind"], row["indicator_id"], row["release_id"]) == (
        "provenance", "itu_gci.legal", gci.release_id)
    assert row["old_value"] == row["new_value"]
    assert (row["old_source_url"], row["new_source_url"]) == (f"{ZAWYA} | {ARY}", ARY)
    assert (row["old_verification"], row["new_verification"]) == ("verified_2_sources",
                                                                  "single_source")
    assert row["old_channel"] == row["new_channel"] == "press or official release"
    import io

    frame = pd.read_csv(io.BytesIO(csv.get_data()))
    assert list(frame.columns) == list(changelog_export.CHANGE_COLUMNS)
    assert frame[["old_verification", "new_verification"]].values.tolist() == [
        ["verified_2_sources", "single_source"]]

    monkeypatch.setenv("CYBERINDEX_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("CYBERINDEX_RAW_DIR", str(settings.raw_dir))
    table = CliRunner().invoke(main, ["changes", "--country", "OMN", "--kind", "provenance"])
    assert table.exit_code == 0, table.output
    [line] = [x for x in table.output.splitlines() if "itu_gci.legal" in x]
    assert "provenance" in line
    assert "verification verified_2_sources->single_source" in line
    assert f"source_url {ZAWYA} | {ARY}->{ARY}" in line and "channel" not in line
