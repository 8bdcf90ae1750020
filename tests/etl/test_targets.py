"""Rows of the keyed targets (statements, source values), given column by column: the same
values and keys as the records of ``DataFrame.to_dict("records")``."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pandas as pd
import pytest

from etl import frames, pipeline, releases, schemas, targets
from etl.sources import itu_gci, un_egdi
from tests.etl.refresh_support import (
    edit_gci,
    morocco_drops_to_tier_2,
    published,
    refresh_settings,
)


def _mixed_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "indicator_id": pd.Series(["itu_gci.legal", "itu_gci.legal"], dtype="str"),
        "iso3": pd.Series(["MAR", None], dtype="str"),
        "edition": pd.Series([2020, None], dtype="Int64"),
        "field": ["legal", "legal"],
        "value": [1.5, np.nan],
        "flag": pd.array([True, None], dtype="boolean"),
        "held": pd.Series([np.int64(3), None], dtype=object),
        "when": pd.to_datetime(["2020-01-01", None]),
        "source_id": ["s", "s"],
        "source_url": ["https://example.org/é", "https://example.org/x"],
        "source_note": pd.Series([None, "n"], dtype="str"),
        "metric": ["score", "rank"],
    })


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and (a is b or a == b or (a != a and b != b))


@pytest.mark.parametrize("frame", [
    pytest.param(_mixed_frame(), id="str-Int64-float-boolean-object-datetime"),
    pytest.param(_mixed_frame().iloc[0:0], id="empty"),
])
def test_columns_hold_the_values_of_to_dict_records(frame):
    """The column lists hold the values (and their Python types) of to_dict's records."""
    expected = frame.to_dict("records")
    got = frames.python_columns(frame)
    assert list(got) == list(frame.columns)
    assert all(len(values) == len(expected) for values in got.values())
    for i, record in enumerate(expected):
        assert all(_same(got[k][i], record[k]) for k in record)


def test_keys_are_the_sha256_of_the_json_parts():
    """Keys hash the JSON list of the parts as text (missing: null), as stored rows have them."""
    rows = targets.source_value_rows(_mixed_frame(), "loader")
    assert rows["loaded_by"] == ["loader", "loader"]
    for key, parts in zip(rows["value_key"], (["itu_gci.legal", "MAR", "2020", "legal", "s",
                                               "https://example.org/é", None],
                                              ["itu_gci.legal", None, None, "legal", "s",
                                               "https://example.org/x", "n"]), strict=True):
        text = json.dumps(parts, ensure_ascii=False)
        assert key == hashlib.sha256(text.encode("utf-8")).hexdigest()
    statements = targets.statement_rows(_mixed_frame())
    text = json.dumps(["s", "2020", "MAR", "score", "https://example.org/é"], ensure_ascii=False)
    assert statements["statement_key"][0] == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_optional_key_parts_may_be_absent_and_required_ones_may_not():
    """A frame without ``edition``/``iso3`` (region-level statements) keys them as null; one
    without ``source_url`` is an error, as ``row["source_url"]`` was."""
    frame = _mixed_frame().drop(columns=["edition", "iso3"])
    text = json.dumps(["s", None, None, "score", "https://example.org/é"], ensure_ascii=False)
    got = targets.statement_rows(frame)["statement_key"][0]
    assert got == hashlib.sha256(text.encode("utf-8")).hexdigest()
    with pytest.raises(KeyError):
        targets.statement_rows(frame.drop(columns=["source_url"]))


@pytest.mark.parametrize("value", [
    pytest.param('quote " and back\\slash', id="escapes"),
    pytest.param("tab\tnew\nline\x00\x1f", id="control"),
    pytest.param("é ش 中 😀 \u2028", id="non-ascii"),
    pytest.param("", id="empty"),
    pytest.param(np.int64(7), id="numpy-int"),
    pytest.param(2.5, id="float"),
    pytest.param(pd.NA, id="pd-NA"),
    pytest.param(pd.NaT, id="NaT"),
    pytest.param(np.nan, id="NaN"),
])
def test_key_text_is_what_json_dumps_writes(value):
    """The key hashes exactly json.dumps(parts, ensure_ascii=False) of the parts as text."""
    part = None if value is None or pd.isna(value) else str(value)
    columns = {"a": [value], "b": ["x"]}
    text = json.dumps([part, "x", None], ensure_ascii=False)
    got = targets._keys(columns, ("a", "b", "c"), frozenset({"c"}))
    assert got == [hashlib.sha256(text.encode("utf-8")).hexdigest()]


# ------------------------------------------------- observations attributed from their evidence

ZAWYA = "https://zawya.com/en/world/middle-east/oman-among-top-cyber-secure-countries-itu-c891maad?amp=1"
ARY = "https://arynews.tv/oman-ranks-among-worlds-top-cybersecurity-advanced-countries/"


def test_published_pillars_carry_their_own_provenance(baseline):
    """An itu_gci run publishes each pillar with its own field's sources and verification (the
    evidence file read beside the scores), the overall score with the row's."""
    _, engine = baseline
    oman = published(engine)
    oman = oman[(oman["iso3"] == "OMN") & (oman["edition"] == 2024)].set_index("indicator_id")
    assert oman.loc["itu_gci.legal", "verification"] == "verified_2_sources"
    assert oman.loc["itu_gci.legal", "source_url"] == f"{ZAWYA} | {ARY}"
    assert oman.loc["itu_gci.legal", "channel"] == "press or official release"
    assert oman.loc["itu_gci.overall", "verification"] == "conflict"


def _remove(path):
    path.unlink()


def _out_of_scale(path):
    with path.open("a", encoding="utf-8") as out:
        out.write("OMN,Oman,2024,legal,25,press_or_official,https://example.org/x,pillar > 20\n")


def _empty(path):
    path.write_bytes(b"")


def _header_only(path):
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


@pytest.mark.parametrize("spoil, reason", [
    pytest.param(_remove, "bundled file not found", id="missing"),
    pytest.param(_out_of_scale, "invalid entries (line 3182: value outside its field's scale",
                 id="invalid-row"),
    pytest.param(_empty, "gci_source_values.csv: empty file", id="empty"),
    pytest.param(_header_only, "gci_source_values.csv: no rows", id="header-only"),
])
def test_a_missing_or_invalid_evidence_file_fails_the_run(baseline, spoil, reason):
    """Without a valid evidence file the itu_gci run fails and says why; what was published
    stays as it was (here Morocco's edited 2024 row is not published), no release is made."""
    settings, engine = baseline
    before, release = published(engine), releases.current_release_id(engine)
    edit_gci(settings, morocco_drops_to_tier_2)
    spoil(settings.datasets_dir / itu_gci.EVIDENCE_FILE)

    [result] = pipeline.run_sources(["itu_gci"], settings, engine)

    assert result.status == "failed"
    assert result.reason.startswith(
        "evidence file gci_source_values.csv needed by itu_gci is missing or invalid: ")
    assert reason in result.reason
    pd.testing.assert_frame_equal(published(engine), before)
    assert releases.current_release_id(engine) == release


def test_observations_of_a_source_without_evidence_read_no_evidence_file(tmp_path):
    """Only a module declaring EVIDENCE_FILE needs one: un_egdi builds its observations with
    no GCI evidence file present."""
    settings = refresh_settings(tmp_path)
    (settings.datasets_dir / itu_gci.EVIDENCE_FILE).unlink()
    checked = schemas.split_valid(un_egdi.parse(un_egdi.fetch(settings).body), un_egdi.SCHEMA)
    obs, _ = targets.observations(un_egdi, checked.valid, settings)
    assert len(obs) > 0
