"""Bundled side files (the corrections ledger, the GCI evidence): read and validated once per
content, a bad file failing loudly with its name."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from etl import corrections, schemas
from etl.settings import DATASETS_DIR
from etl.sources import itu_gci_evidence
from etl.sources.base import SourceFileError, sidecar_path
from tests.etl.bundled_support import reseal


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
        shutil.copyfile(sidecar_path(DATASETS_DIR / name), sidecar_path(tmp_path / name))
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
    reseal(path)
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
            b"MAR,Morocco,2019,legal,20,bipa,https://example.org/x,\n",
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
        reseal(path)
    with pytest.raises(SourceFileError, match=re.escape(message)):
        corrections.read_validated(path, itu_gci_evidence.parse, itu_gci_evidence.SCHEMA)


def _gci_2024(overall: float = 97.5, tier: int = 1) -> pd.DataFrame:
    """Morocco's GCI 2024 observations: overall 97.5 (tier 1) and its five pillars."""
    pillars = {"legal": 20.0, "technical": 18.12, "organizational": 20.0,
               "capacity_development": 19.38, "cooperation": 20.0}
    rows = [{"indicator_id": "itu_gci.overall", "iso3": "MAR", "edition": 2024,
             "value": overall, "scale": "0-100", "tier": tier, "verification": "verified",
             "source_note": None}]
    rows += [{"indicator_id": f"itu_gci.{name}", "iso3": "MAR", "edition": 2024, "value": value,
              "scale": "0-20", "tier": None, "verification": "verified", "source_note": None}
             for name, value in pillars.items()]
    return pd.DataFrame(rows)


def _override(indicator: str, value: float) -> pd.DataFrame:
    entry = {"indicator": indicator, "iso3": "MAR", "edition": 2024, "action": "override",
             "value": value, "reason": "a documented reason", "reported_date": "2026-11-29",
             "status": "applied", "source_url": "https://example.org/evidence"}
    # The ledger's index is its rows' position in the file: this entry is on line 3.
    return pd.DataFrame([{**entry, "indicator": "itu_gci.overall", "iso3": "OMN"}, entry])


@pytest.mark.parametrize(
    "indicator, value, why",
    [
        pytest.param("itu_gci.overall", 9.75, "2024 tier inconsistent", id="typo-9.75"),
        pytest.param("itu_gci.overall", 970.2, "value outside its scale", id="off-scale"),
        pytest.param("itu_gci.legal", 12.5, "pillars do not add up", id="pillar-sum"),
        pytest.param("itu_gci.legal", 25.0, "value outside its scale", id="pillar-above-20"),
    ],
)
def test_an_override_the_source_would_quarantine_fails_the_ledger(indicator, value, why):
    """An override is checked as the source's own value would be (finding 3): out of its
    scale, against its tier, pillars not adding up: the ledger fails, naming the line."""
    with pytest.raises(SourceFileError) as failure:
        corrections.apply_ledger(_gci_2024(), _override(indicator, value))
    message = str(failure.value)
    assert message.startswith("corrections.csv: invalid entries (line 3: override of "
                              f"{indicator} MAR 2024 to {value}: ")
    assert why in message


def test_a_sound_override_still_applies():
    """An override consistent with the rest (97.5 -> 97.49, pillars within 0.1) applies."""
    out, log = corrections.apply_ledger(_gci_2024(), _override("itu_gci.overall", 97.49))
    assert out.loc[out["indicator_id"] == "itu_gci.overall", "value"].tolist() == [97.49]
    assert [e["corrected_value"] for e in log] == [97.49]
