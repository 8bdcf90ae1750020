"""Bundled side files (the corrections ledger, the GCI evidence): read and validated once per
content, a bad file failing loudly with its name."""

from __future__ import annotations

import re
import shutil

import pytest

from etl import corrections, schemas
from etl.settings import DATASETS_DIR
from etl.sources import itu_gci_evidence
from etl.sources.base import SourceFileError


def _read_both(folder):
    ledger = corrections.read_ledger(folder)
    evidence = corrections.read_validated(
        folder / itu_gci_evidence.FILE_NAME, itu_gci_evidence.parse, itu_gci_evidence.SCHEMA
    )
    return ledger, evidence


def test_each_side_file_is_validated_once_per_content(tmp_path, monkeypatch):
    """Reading the ledger and the evidence in turn validates each once (one doesn't evict the
    other); an edited file is validated again; each call gets its own copy."""
    for name in ("corrections.csv", itu_gci_evidence.FILE_NAME):
        shutil.copyfile(DATASETS_DIR / name, tmp_path / name)
    corrections._validated.clear()
    calls = []
    validate = schemas.split_valid
    monkeypatch.setattr(
        schemas, "split_valid", lambda raw, schema: calls.append(schema) or validate(raw, schema)
    )
    ledger, evidence = _read_both(tmp_path)
    evidence.loc[:, "source_note"] = "changed by a caller"
    again_ledger, again = _read_both(tmp_path)
    assert calls == [schemas.CorrectionsLedger, schemas.GciSourceValues]
    assert len(again_ledger) == len(ledger) and len(again) == len(evidence) == 3180
    assert "changed by a caller" not in set(again["source_note"])
    path = tmp_path / itu_gci_evidence.FILE_NAME
    path.write_text(
        path.read_text(encoding="utf-8").replace(",20,bipa,", ",20.0,bipa,", 1), encoding="utf-8"
    )
    _read_both(tmp_path)
    assert calls == [schemas.CorrectionsLedger, schemas.GciSourceValues, schemas.GciSourceValues]


@pytest.mark.parametrize(
    "body, message",
    [
        pytest.param(None, "bundled file not found", id="missing"),
        pytest.param(
            b"iso3;edition\n", "gci_source_values.csv: CSV header lacks column(s)", id="header"
        ),
        pytest.param(
            b"iso3,country,edition,field,value,source_id,source_url,source_note\n"
            b"MAR,Morocco,2031,legal,20,bipa,https://example.org/x,\n",
            "gci_source_values.csv: invalid entries (line 2: edition",
            id="bad-row",
        ),
    ],
)
def test_a_bad_side_file_fails_with_its_name(tmp_path, body, message):
    """Missing, unreadable or with a row failing the schema: SourceFileError naming the file
    (and each bad line); nothing of it is returned."""
    path = tmp_path / itu_gci_evidence.FILE_NAME
    if body is not None:
        path.write_bytes(body)
    with pytest.raises(SourceFileError, match=re.escape(message)):
        corrections.read_validated(path, itu_gci_evidence.parse, itu_gci_evidence.SCHEMA)
