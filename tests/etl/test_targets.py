"""Rows of the keyed targets (statements, source values): the same records and keys as built
from ``DataFrame.to_dict("records")``."""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pandas as pd
import pytest

from etl import targets


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
def test_records_are_to_dict_records(frame):
    """The column-wise records hold the values (and their Python types) of to_dict."""
    expected = frame.to_dict("records")
    got = targets._records(frame)
    assert len(got) == len(expected)
    for a, b in zip(got, expected, strict=True):
        assert list(a) == list(b) and all(_same(a[k], b[k]) for k in a)


def test_keys_are_the_sha256_of_the_json_parts():
    """Keys hash the JSON list of the parts as text (missing: null), as stored rows have them."""
    rows = targets.source_value_rows(_mixed_frame(), "loader")
    for row, parts in zip(rows, (["itu_gci.legal", "MAR", "2020", "legal", "s",
                                  "https://example.org/é", None],
                                 ["itu_gci.legal", None, None, "legal", "s",
                                  "https://example.org/x", "n"]), strict=True):
        text = json.dumps(parts, ensure_ascii=False)
        assert row["value_key"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
        assert row["loaded_by"] == "loader"
    statements = targets.statement_rows(_mixed_frame())
    text = json.dumps(["s", "2020", "MAR", "score", "https://example.org/é"], ensure_ascii=False)
    assert statements[0]["statement_key"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
