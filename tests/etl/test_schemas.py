"""GCI schema: good rows pass, each kind of bad row is quarantined with its reason."""

from __future__ import annotations

import pandas as pd
import pytest

from etl.schemas import GciScores, gci_tier_for_score, gci_tiers_for_scores, split_valid

GOOD = [
    {"iso3": "MAR", "edition": "2020", "overall_score": "82.41", "global_rank": "50",
     "legal": "18.4", "technical": "17.94", "organizational": "12.37",
     "capacity_development": "15.24", "cooperation": "18.46"},
    {"iso3": "MAR", "edition": "2024", "overall_score": "97.5", "tier": "1",
     "legal": "20", "technical": "18.12", "organizational": "20",
     "capacity_development": "19.38", "cooperation": "20"},
    {"iso3": "OMN", "edition": "2017", "overall_score": "0.871", "global_rank": "4"},
]


def frame(*rows: dict) -> pd.DataFrame:
    columns = ["iso3", "edition", "overall_score", "global_rank", "tier", "legal", "technical",
               "organizational", "capacity_development", "cooperation"]
    return pd.DataFrame([{c: r.get(c) for c in columns} for r in rows])


def test_good_rows_all_valid():
    """Real Morocco and Oman rows pass every check."""
    checked = split_valid(frame(*GOOD), GciScores)
    assert checked.quarantined == []
    assert len(checked.valid) == 3
    assert checked.valid["overall_score"].tolist() == [82.41, 97.5, 0.871]


@pytest.mark.parametrize(
    "bad, reason_part",
    [
        pytest.param({**GOOD[0], "overall_score": "182.41", "legal": None}, "edition's scale",
                     id="score-above-100"),
        pytest.param({**GOOD[2], "overall_score": "87.1"}, "edition's scale",
                     id="2017-score-on-0-100-scale"),
        pytest.param({**GOOD[0], "iso3": "XXX"}, "unknown ISO 3166-1", id="unknown-iso3"),
        pytest.param({**GOOD[1], "tier": "2"}, "tier inconsistent", id="tier-vs-score"),
        pytest.param({**GOOD[0], "cooperation": "10"}, "do not add up", id="pillars-not-adding-up"),
        pytest.param({**GOOD[0], "legal": "21", "overall_score": "85.01"}, "legal",
                     id="pillar-above-20"),
        pytest.param({**GOOD[0], "global_rank": "0"}, "global_rank", id="rank-not-positive"),
        pytest.param({**GOOD[0], "global_rank": "fifty"}, "not a number", id="rank-not-a-number"),
        pytest.param({**GOOD[0], "edition": "2019"}, "edition", id="unknown-edition"),
        pytest.param({**GOOD[1], "global_rank": "3"}, "tiers, not ranks", id="rank-in-2024"),
    ],
)
def test_bad_row_is_quarantined_with_reason(bad: dict, reason_part: str):
    """A bad row goes to quarantine with the failed check; the good rows still pass."""
    if bad["iso3"] != "XXX":  # another country's row: a second row of a key is a failure too
        bad = {**bad, "iso3": "TUN"}
    checked = split_valid(frame(*GOOD, bad), GciScores)
    assert len(checked.valid) == 3
    assert len(checked.quarantined) == 1
    record = checked.quarantined[0]
    assert reason_part in record["reason"]
    assert record["row"]["iso3"] == bad["iso3"]
    assert record["row_number"] == 5  # header + 3 good rows + this one
    # The valid rows are those of the good rows validated alone (kept from the one lazy pass,
    # not validated a second time): same values, same coerced dtypes.
    alone = split_valid(frame(*GOOD), GciScores).valid
    pd.testing.assert_frame_equal(checked.valid, alone, check_exact=True)


def test_a_conflict_the_source_declares_is_kept():
    """Pillars that miss the overall score are held back as a misread, but not on a row the
    source marks as a conflict between its sources (Finland 2020: 95.78 overall, pillars from
    the ITU profile summing to 92.07): that row is shown, as it is."""
    finland = {"iso3": "FIN", "edition": "2020", "overall_score": "95.78", "global_rank": "22",
               "legal": "20", "technical": "20", "organizational": "14.33",
               "capacity_development": "17.74", "cooperation": "20"}
    rows = frame(*GOOD, finland, {**finland, "iso3": "ROU"})
    rows["verification"] = ["verified_2_sources"] * 3 + ["conflict", "single_source"]
    checked = split_valid(rows, GciScores)
    assert checked.valid["iso3"].tolist() == ["MAR", "MAR", "OMN", "FIN"]
    assert [r["row"]["iso3"] for r in checked.quarantined] == ["ROU"]
    assert "do not add up" in checked.quarantined[0]["reason"]


@pytest.mark.parametrize(
    "score, tier",
    [pytest.param(95, 1, id="T1-edge"), pytest.param(94.99, 2, id="T2"),
     pytest.param(85, 2, id="T2-edge"), pytest.param(55, 3, id="T3-edge"),
     pytest.param(20, 4, id="T4-edge"), pytest.param(19.99, 5, id="T5")],
)
def test_tier_thresholds(score: float, tier: int):
    """ITU's 2024 thresholds: T1>=95, T2>=85, T3>=55, T4>=20, T5 below."""
    assert gci_tier_for_score(score) == tier


def test_tiers_vectorised_agree_with_one_by_one():
    """The tier check's vectorised thresholds give gci_tier_for_score's tier; missing stays."""
    scores = pd.Series([100, 95, 94.99, 85, 84.9, 55, 54.9, 20, 19.99, 0, None])
    expected = [gci_tier_for_score(s) for s in scores[:-1]] + [pd.NA]
    assert gci_tiers_for_scores(scores).tolist() == expected


# ---------------------------------------------------------------- text columns (schemas.Text)

TEXT_COLUMNS = [
    pytest.param(pd.Series(["MAR", None, "TUN"], dtype="str"), id="str-with-missing"),
    pytest.param(pd.Series(["MAR", None], dtype="string"), id="string-NA"),
    pytest.param(pd.Series(["MAR", "TUN"], dtype=object), id="object-all-text"),
    pytest.param(pd.Series(["MAR", 3, None], dtype=object), id="object-with-a-number"),
    pytest.param(pd.Series([], dtype=object), id="object-empty"),
    pytest.param(pd.Series([1.5, None]), id="float"),
    pytest.param(pd.Series([], dtype="str"), id="str-empty"),
]


@pytest.mark.parametrize("column", TEXT_COLUMNS)
def test_text_dtype_check_gives_pandera_string_verdicts(column):
    """Text checks a column as pandera's STRING does: a whole-column answer stays, a per-row
    answer with a failing row stays the same rows, and one where every row passes is True."""
    from pandera.engines import pandas_engine

    from etl.schemas import Text

    seen = pandas_engine.Engine.dtype(column.dtype)
    string = pandas_engine.STRING().check(seen, column)
    text = Text().check(seen, column)
    if isinstance(string, bool):
        assert text is string
    elif bool(string.all()):
        assert text is True
    else:
        assert list(text) == list(string)


@pytest.mark.parametrize("coerce", [pytest.param(True, id="coerced"),
                                    pytest.param(False, id="as-given")])
def test_text_columns_fail_and_pass_as_str_columns(coerce):
    """A schema with Text columns validates and fails as one with ``str`` columns: the same
    frame, dtype, failure cases and check name ("string[pyarrow]" in messages)."""
    import pandera.pandas as pa
    from pandera.errors import SchemaErrors

    from etl.schemas import Text

    def outcome(dtype, frame):
        schema = pa.DataFrameSchema({"iso3": pa.Column(dtype, nullable=True)}, coerce=coerce)
        try:
            return schema.validate(frame, lazy=True)
        except SchemaErrors as errors:
            return errors.failure_cases

    good = pd.DataFrame({"iso3": pd.Series(["MAR", None], dtype="str")})
    bad = pd.DataFrame({"iso3": pd.Series(["MAR", 3, ["x"]], dtype=object)})
    for frame in (good, bad):
        want, got = outcome(str, frame.copy()), outcome(Text, frame.copy())
        pd.testing.assert_frame_equal(got, want)
    if not coerce:
        failures = outcome(Text, bad.copy())
        assert failures["check"].tolist() == ["dtype('string[pyarrow]')"] * 2
        assert failures["index"].tolist() == [1, 2]


# ---------------------------------------------------------------- keys, dates, text lengths

SOURCE_VALUE = {"iso3": "MAR", "country": "Morocco", "edition": "2024", "field": "overall_score",
                "value": "97.5", "source_id": "sspi", "source_url": "https://example.org/gci",
                "source_note": "transcription"}


def test_a_duplicated_gci_key_quarantines_every_row_of_it():
    """Two rows for MAR 2018 (finding 1): neither wins by file order; both are quarantined,
    each reason naming the key's values; the other rows pass."""
    second = {**GOOD[0], "edition": "2018", "overall_score": "0.929", "global_rank": "9",
              "legal": None, "technical": None, "organizational": None,
              "capacity_development": None, "cooperation": None}
    first = {**second, "overall_score": "0.429", "global_rank": "93"}
    checked = split_valid(frame(*GOOD, first, second), GciScores)
    assert [q["row_number"] for q in checked.quarantined] == [5, 6]
    assert {q["reason"] for q in checked.quarantined} == {
        "key: two rows for the same country and GCI edition "
        "(value {'iso3': 'MAR', 'edition': '2018'})"}
    assert len(checked.valid) == 3


@pytest.mark.parametrize(
    "second, quarantined",
    [
        pytest.param({"value": "79.5"}, True, id="another-value"),
        pytest.param({}, True, id="same-row-twice"),
        pytest.param({"source_note": "second quote"}, False, id="same-value-another-note"),
        pytest.param({"source_id": "bipa"}, False, id="another-source"),
    ],
)
def test_gci_source_values_key(second, quarantined):
    """One value per country, edition, field, source and URL: a second value is a conflict
    (both held back); the same value quoted twice with its own note is two citations."""
    from etl.schemas import GciSourceValues

    checked = split_valid(pd.DataFrame([SOURCE_VALUE, {**SOURCE_VALUE, **second}]),
                          GciSourceValues)
    assert len(checked.quarantined) == (2 if quarantined else 0)
    if quarantined:
        assert all(q["reason"].startswith("key: one value per country") and
                   "'source_url': 'https://example.org/gci'" in q["reason"]
                   for q in checked.quarantined)


def test_every_source_schema_declares_its_key():
    """Each source's schema (news too: an article's key is its canonical URL) has a key in
    KEYS and the check named for it; its columns are the schema's."""
    from etl import schemas
    from etl.sources import SOURCES

    for module in SOURCES.values():
        schema = module.SCHEMA
        key = schemas.KEYS[schema.__name__]
        checks = {c.name for c in schema.to_schema().checks}
        assert schemas.KEY_CHECK in checks, schema.__name__
        assert set(key) <= set(schema.to_schema().columns) | {"entity_id"}, schema.__name__


NCSI_ROW = {"iso3": "OMN", "snapshot": "country-page version 2021-05-01",
            "methodology": "NCSI 2016-2023 methodology (archived data)", "ncsi_rank": "3",
            "ncsi_rank_text": "3", "ncsi_score": "95.5", "digital_development_level": None,
            "countries_in_index": None, "source_url": "https://ncsi.ega.ee/x"}


@pytest.mark.parametrize(
    "snapshot, now, future",
    [
        pytest.param("country-page version 2031-05-01", "2026-11-30", True, id="typo-2031"),
        pytest.param("country-page version 2026-12-01", "2026-11-30", True, id="tomorrow"),
        pytest.param("early 2027", "2026-11-30", True, id="next-year"),
        pytest.param("country-page version 2026-11-30", "2026-11-30", False, id="today"),
        pytest.param("country-page version 2031-05-01", "2031-06-01", False, id="once-past"),
    ],
)
def test_a_snapshot_dated_in_the_future_is_quarantined(snapshot, now, future):
    """A date after now in the snapshot's label (finding 8) is quarantined; "now" is the
    caller's, not the clock's."""
    from datetime import UTC, datetime

    from etl.schemas import NcsiSnapshots

    at = datetime.fromisoformat(now).replace(hour=12, tzinfo=UTC)
    checked = split_valid(pd.DataFrame([{**NCSI_ROW, "snapshot": snapshot}]), NcsiSnapshots,
                          now=at)
    assert [q["reason"] for q in checked.quarantined] == (
        ["dated in the future (after the date of this run)"] if future else [])


def test_editions_and_years_after_now_are_quarantined():
    """Any source's edition or year after the current year: GCI as of 2023 has no 2024 edition
    yet; a World Bank figure for a year to come is held, its empty placeholder row is not."""
    from datetime import UTC, datetime

    from etl.schemas import WorldBankObservations

    as_of_2023 = datetime(2023, 6, 1, tzinfo=UTC)
    checked = split_valid(frame(*GOOD), GciScores, now=as_of_2023)
    assert [q["row_number"] for q in checked.quarantined] == [3]  # the 2024 row
    observations = pd.DataFrame({"indicator_code": ["IT.NET.USER.ZS"] * 3,
                                 "entity_kind": ["country"] * 3, "iso3": ["MAR"] * 3,
                                 "entity_id": ["MAR"] * 3, "year": ["2023", "2024", "2025"],
                                 "value": ["88.1", "90.0", None]})
    checked = split_valid(observations, WorldBankObservations, now=as_of_2023)
    assert [q["row_number"] for q in checked.quarantined] == [3]


def test_an_overlong_text_is_quarantined_and_not_kept_whole():
    """A 300,000-character note (finding 14: a 30 MB one was published) fails its length limit;
    the reason and the quarantined row quote it cut short (the raw snapshot keeps it all)."""
    from etl import schemas

    note = "x" * 300_000
    checked = split_valid(frame(*GOOD).assign(source_note=[None, None, note]), GciScores)
    [record] = checked.quarantined
    assert record["reason"].startswith(
        f"source_note: str_length(None, {schemas.NOTE_TEXT_MAX}) (value 'xxx")
    assert len(record["reason"]) < 300
    assert len(record["row"]["source_note"]) < schemas.QUARANTINED_CELL_MAX + 100
    assert "300,000 characters in all" in record["row"]["source_note"]
    assert len(checked.valid) == 2


def test_text_limits_are_ten_times_the_bundled_data():
    """The limits stay about ten times the longest bundled value of their kind."""
    from etl import schemas
    from etl.settings import DATASETS_DIR

    longest = {"url": 0, "note": 0, "name": 0}
    for path in DATASETS_DIR.glob("*.csv"):
        data = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in data.columns:
            kind = ("url" if column == "source_url" else "note"
                    if column in ("source_note", "statement", "reason") else "name")
            longest[kind] = max(longest[kind], int(data[column].str.len().max()))
    assert longest["url"] * 5 <= schemas.URL_TEXT_MAX <= longest["url"] * 20
    assert longest["note"] * 5 <= schemas.NOTE_TEXT_MAX <= longest["note"] * 20
    assert longest["name"] * 5 <= schemas.NAME_TEXT_MAX <= longest["name"] * 20
