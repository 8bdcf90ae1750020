"""A value held out of derived figures (El Salvador's and Palau's GCI 2024 placeholder 0,
:mod:`etl.held_out`) leaves every observations export without its tier, never silently: the
row says ``held_out`` true beside the ledger's reason, the README says why, and the store keeps
the curated row as it is. Oman's flagged 97.02 (two sources give it) keeps its tier."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from etl import export, export_texts, store
from tests.etl.test_export_columns import read_back

WHEN = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
GCI_2024 = export.ExportFilter(indicators=("itu_gci.overall",),
                               countries=("SLV", "PLW", "OMN", "MAR"), editions=(2024,))
PLACEHOLDERS = {"SLV", "PLW"}


def as_flag(cell: object) -> bool:
    """A file's held_out cell as a bool (CSV writes True/False, the others a boolean)."""
    return cell if isinstance(cell, bool) else {"True": True, "False": False}[str(cell)]


def missing(cell: object) -> bool:
    return cell is None or bool(pd.isna(cell))


@pytest.mark.parametrize("fmt", [pytest.param(f, id=f) for f in export.FORMATS])
def test_a_held_out_value_has_no_tier_in_any_format(loaded_engine, fmt):
    """In every download the placeholders keep their 0 and the ledger's reason, say held_out
    true, and give no tier nor tier name; Morocco and Oman (flagged, but two sources give its
    97.02) keep tier 1 and say held_out false."""
    made = export.prepare_export(loaded_engine, GCI_2024, generated_at=WHEN)
    rows = read_back(fmt, made.render(fmt)).set_index("iso3")
    assert set(rows.index) == PLACEHOLDERS | {"OMN", "MAR"}
    for iso3, row in rows.iterrows():
        held = iso3 in PLACEHOLDERS
        assert as_flag(row["held_out"]) is held, iso3
        if held:
            assert missing(row["tier"]) and missing(row["tier_label"])
            assert float(row["value"]) == 0
            assert str(row["correction"]).startswith("flag: GCI 2024 score 0")
        else:
            assert int(float(row["tier"])) == 1 and row["tier_label"] == "Role-modelling"


def test_the_store_keeps_the_curated_tier(loaded_engine):
    """Only what is exported follows the rule: the stored observation still holds the curated
    tier 5 (Building) beside its 0, and its source value is untouched."""
    export.export_frame(loaded_engine, GCI_2024)
    stored = store.observations_frame(loaded_engine, ["itu_gci.overall"], ["SLV", "PLW"],
                                      [2024]).set_index("iso3")
    assert stored["tier"].astype(int).to_dict() == {"SLV": 5, "PLW": 5}
    assert set(stored["tier_label"]) == {"Building"}
    given = store.source_values_frame(loaded_engine, ["SLV", "PLW"], ["itu_gci.overall"])
    assert (pd.to_numeric(given[given["edition"].astype(int) == 2024]["value"]) == 0).any()


def test_held_out_is_the_last_column_a_flag_of_one_type(loaded_engine):
    """held_out follows correction, where the documented order puts columns added later; it
    is a boolean in pandas and in the Parquet schema, whatever rows a filter selects."""
    assert export.EXPORT_COLUMNS[-2:] == ("correction", "held_out")
    assert export.column_kinds("observations")["held_out"] == export.FLAG
    assert export.arrow_schema("observations").field("held_out").type == pa.bool_()
    for wanted in (GCI_2024, export.ExportFilter(countries=("MAR",), editions=(2018,))):
        frame = export.dataset_frame(loaded_engine, "observations", wanted)
        assert str(frame["held_out"].dtype) == "boolean"
        table = pq.read_table(io.BytesIO(export.prepare_export(
            loaded_engine, wanted, generated_at=WHEN).render("parquet")))
        assert table.schema.field("held_out").type == pa.bool_()


def test_only_the_placeholders_are_held_out(loaded_engine):
    """Over every observation, the rows held out are El Salvador's and Palau's GCI 2024
    overall scores, and a where on the column finds exactly them (the API's filter)."""
    every = export.export_frame(loaded_engine, export.ExportFilter())
    held = every[every["held_out"]]
    assert set(zip(held["indicator"], held["iso3"], held["edition"].astype(int),
                   strict=True)) == {("itu_gci.overall", c, 2024) for c in PLACEHOLDERS}
    assert every.loc[~every["held_out"], "tier"].notna().sum() > 150  # others keep theirs
    found = export.export_frame(loaded_engine,
                                export.ExportFilter.with_view(where="{held_out} = true"))
    assert set(found["iso3"]) == PLACEHOLDERS


def test_claim_checks_read_the_same_rows(loaded_engine):
    """The rows news claims are checked against (:func:`etl.export.indicator_rows`) are the
    export's: no tier for a held-out value there either."""
    rows = export.indicator_rows(loaded_engine, ["itu_gci.overall"])
    exported = export.export_frame(loaded_engine,
                                   export.ExportFilter(indicators=("itu_gci.overall",)))
    pd.testing.assert_frame_equal(rows, exported)


@pytest.mark.parametrize(("held", "tier", "label"), [
    pytest.param(True, None, None, id="held-out"),
    pytest.param(False, 5, "Building", id="not-held-out"),
])
def test_held_out_marked_empties_only_a_held_out_tier(held, tier, label):
    """:func:`etl.export.held_out_marked` on rows: a key it is given loses its tier and tier
    name and is marked; any other row is left as it is."""
    rows = pd.DataFrame({"indicator": ["itu_gci.overall"], "iso3": ["SLV"], "edition": [2024],
                         "value": [0.0], "tier": [5], "tier_label": ["Building"],
                         "correction": ["flag: placeholder"]})
    keys = frozenset({("itu_gci.overall", "SLV", 2024)}) if held else frozenset()
    out = export.held_out_marked(rows, keys)
    assert out.at[0, "held_out"] == held
    assert (None if missing(out.at[0, "tier"]) else out.at[0, "tier"]) == tier
    assert (None if missing(out.at[0, "tier_label"]) else out.at[0, "tier_label"]) == label
    assert out.at[0, "value"] == 0.0 and out.at[0, "correction"] == "flag: placeholder"
    assert rows.at[0, "tier"] == 5  # the rows given are not changed


@pytest.mark.parametrize("lang", export_texts.LANGUAGES)
def test_readme_says_why_a_held_out_value_has_no_tier(loaded_engine, lang):
    """The ZIP's README and the Excel README sheet describe held_out in the file's language:
    the tier is not given (tier and tier_label empty) because the ledger flags the value
    (its reason in correction) and no second source gives it; metadata.json in English."""
    words = export_texts.text("column.held_out", lang)
    assert all(name in words for name in ("tier", "tier_label", "correction"))
    if lang != "en":
        assert words != export_texts.text("column.held_out", "en")
    made = export.prepare_export(loaded_engine, GCI_2024, generated_at=WHEN, lang=lang)
    with zipfile.ZipFile(io.BytesIO(made.render("zip"))) as bundle:
        readme = bundle.read("README.txt").decode("utf-8")
        meta = json.loads(bundle.read("metadata.json"))
    assert f"  {'held_out':<16} {words}" in readme
    assert f"  {'held_out':<16} {words}" in export.readme_text(made, lang, files=False)
    described = {c["name"]: c["description"] for c in meta["columns"]}
    assert described["held_out"] == export_texts.text("column.held_out", "en")
    assert "held_out" in export_texts.text("column.tier", lang)
