"""A table view's row filter and sort (etl.viewquery): read as the table writes them, applied
to rows as shown, refused with the reason when they cannot be applied."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import collation, export, viewquery
from etl.viewquery import Condition, ViewQueryError

COLUMNS = export.EXPORT_COLUMNS
NUMERIC = export.NUMERIC_COLUMNS


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("{value} >= 50", (Condition("value", "ge", "50"),), id="symbol"),
    pytest.param("{value} i>= 95", (Condition("value", "ge", "95"),), id="table-i-prefix"),
    pytest.param("{value}>5", (Condition("value", "gt", "5"),), id="no-spaces"),
    pytest.param("{country} icontains maroc && {rank} is blank",
                 (Condition("country", "contains", "maroc"), Condition("rank", "is blank")),
                 id="two-joined"),
    pytest.param('{country} scontains "Costa Rica" and {edition} eq 2024',
                 (Condition("country", "contains", "Costa Rica", "s"),
                  Condition("edition", "eq", "2024")), id="quoted-and"),
    pytest.param("{retrieved_at} datestartswith 2025-01",
                 (Condition("retrieved_at", "datestartswith", "2025-01"),), id="date"),
    pytest.param("  ", (), id="blank"),
])
def test_filter_queries_the_table_writes_are_read(text, expected):
    assert viewquery.parse_where(text, COLUMNS) == expected
    # The canonical text reads back to the same conditions.
    assert viewquery.parse_where(viewquery.where_text(expected), COLUMNS) == expected


@pytest.mark.parametrize(("text", "says"), [
    pytest.param("{value} > 5 || {value} < 2", "joined by &&", id="or"),
    pytest.param("({value} > 5)", "cannot read", id="brackets"),
    pytest.param("{nope} = 1", "unknown column in the filter: nope", id="unknown-column"),
    pytest.param("{value} =", "no value", id="no-value"),
    pytest.param("{value} is prime", "cannot read", id="other-unary"),
    pytest.param("{value} = 1 && " * 30 + "{value} = 1", "more than", id="too-many"),
])
def test_filters_that_cannot_be_applied_are_refused_with_the_reason(text, says):
    with pytest.raises(ViewQueryError) as raised:
        viewquery.parse_where(text, COLUMNS)
    assert raised.value.parameter == "where" and says in str(raised.value)


def test_sort_text_reads_and_refuses():
    assert viewquery.parse_sort("value:desc, country", COLUMNS) == (
        ("value", "desc"), ("country", "asc"))
    assert viewquery.parse_sort("value:desc,value:asc", COLUMNS) == (("value", "desc"),)
    for bad, says in (("value:up", "asc or desc"), ("nope:asc", "unknown column")):
        with pytest.raises(ViewQueryError) as raised:
            viewquery.parse_sort(bad, COLUMNS)
        assert raised.value.parameter == "sort" and says in str(raised.value)


FRAME = pd.DataFrame({
    "country": ["Maroc", "Oman", "Égypte", None, "Zimbabwe", "États-Unis"],
    "value": [97.5, 40.0, None, 60.0, 5.0, 100.0],
    "rank": pd.array([None, 2, 3, 4, 5, 1], dtype="Int64"),
    "retrieved_at": ["2025-01-02T00:00:00Z"] * 3 + ["2024-12-31T00:00:00Z"] * 3,
})


@pytest.mark.parametrize(("text", "kept"), [
    pytest.param("{value} >= 60", ["Maroc", None, "États-Unis"], id="number"),
    pytest.param("{value} = 40", ["Oman"], id="equal-number"),
    pytest.param("{country} contains MA", ["Maroc", "Oman"], id="contains-any-case"),
    pytest.param("{country} scontains MA", [], id="contains-case-sensitive"),
    pytest.param("{country} = égypte", ["Égypte"], id="equal-text"),
    pytest.param("{rank} is blank", ["Maroc"], id="blank"),
    pytest.param("{value} is blank && {rank} > 2", ["Égypte"], id="blank-and-number"),
    pytest.param("{retrieved_at} datestartswith 2025", ["Maroc", "Oman", "Égypte"], id="date"),
    pytest.param("{country} != Oman", ["Maroc", "Égypte", None, "Zimbabwe", "États-Unis"],
                 id="not-equal-keeps-missing"),
])
def test_conditions_keep_the_rows_the_table_would(text, kept):
    out = viewquery.apply_where(FRAME, viewquery.parse_where(text, COLUMNS), NUMERIC)
    assert [None if pd.isna(c) else c for c in out["country"]] == kept


def test_sort_is_collated_stable_and_puts_missing_last():
    by_name = viewquery.apply_sort(FRAME, viewquery.parse_sort("country:asc", COLUMNS), NUMERIC)
    assert by_name["country"].tolist()[:5] == ["Égypte", "États-Unis", "Maroc", "Oman",
                                               "Zimbabwe"]
    assert pd.isna(by_name["country"].iloc[-1])
    down = viewquery.apply_sort(FRAME, viewquery.parse_sort("country:desc", COLUMNS), NUMERIC)
    assert down["country"].tolist()[:5] == ["Zimbabwe", "Oman", "Maroc", "États-Unis", "Égypte"]
    assert pd.isna(down["country"].iloc[-1])  # missing last in both directions
    by_value = viewquery.apply_sort(FRAME, viewquery.parse_sort("value:desc", COLUMNS), NUMERIC)
    assert by_value["value"].tolist()[:5] == [100.0, 97.5, 60.0, 40.0, 5.0]
    ties = pd.DataFrame({"country": ["b", "a", "b", "a"], "n": [1, 2, 3, 4]})
    assert viewquery.apply_sort(ties, [("country", "asc")], ())["n"].tolist() == [2, 4, 1, 3]


def test_collation_is_not_code_point_order():
    """Accented capitals among their letter (French), case and accents second."""
    names = ["Zimbabwe", "Égypte", "Espagne", "États-Unis", "Danemark", "Îles Salomon",
             "Inde"]
    assert sorted(names) != collation.sorted_texts(names)
    assert collation.sorted_texts(names) == ["Danemark", "Égypte", "Espagne", "États-Unis",
                                             "Îles Salomon", "Inde", "Zimbabwe"]
    assert collation.sort_key("maroc")[:3] == collation.sort_key("Maroc")[:3]


@pytest.mark.parametrize(("text", "column", "value"), [
    pytest.param("{value} > abc", "value", "abc", id="word"),
    pytest.param("{edition} = twenty", "edition", "twenty", id="edition"),
    pytest.param("{rank} != 1,5", "rank", "1,5", id="decimal-comma"),
    pytest.param("{tier} <= nan", "tier", "nan", id="not-a-number"),
    pytest.param('{value} = ""', "value", "", id="empty"),
])
def test_a_value_a_numeric_column_cannot_compare_with_is_refused(text, column, value):
    """``{value} > abc`` meets the grammar but cannot be applied: refused when read (before
    any row is; by default against the export's numeric columns) and when applied (rows or
    none: it met no row, and an empty table said nothing), naming the column and the value."""
    refusals = []
    with pytest.raises(ViewQueryError) as read:
        viewquery.parse_where(text, COLUMNS)
    refusals.append(read.value)
    conditions = viewquery.parse_where(text, COLUMNS, numeric_columns=())  # text: it reads
    for frame in (FRAME, FRAME.iloc[:0]):
        with pytest.raises(ViewQueryError) as applied:
            viewquery.apply_where(frame, conditions, NUMERIC)
        refusals.append(applied.value)
    for refusal in refusals:
        assert refusal.parameter == "where" and refusal.template == viewquery.NOT_A_NUMBER
        assert str(refusal) == (f"{column} holds numbers: cannot compare it with '{value}' "
                                "(write a number such as 82.5)")


@pytest.mark.parametrize(("text", "kept"), [
    pytest.param("{value} contains 97", ["Maroc"], id="contains-reads-the-text"),
    pytest.param("{value} >= ٨٢٫٥", ["Maroc", "États-Unis"], id="arabic-indic"),
    pytest.param("{value} > 1e1", ["Maroc", "Oman", None, "États-Unis"], id="exponent"),
    pytest.param("{country} > abc", ["Maroc", "Oman", "Zimbabwe", "Égypte", "États-Unis"],
                 id="text-column"),
])
def test_numbers_and_texts_still_compare(text, kept):
    out = viewquery.apply_where(FRAME, viewquery.parse_where(text, COLUMNS), NUMERIC)
    assert sorted(str(None if pd.isna(c) else c) for c in out["country"]) == sorted(
        map(str, kept))


def test_known_columns_are_listed_in_a_stable_order():
    """In the order given (the table's); a set (no order) sorted, the same on every run."""
    for columns, known in ((COLUMNS, ", ".join(COLUMNS)),
                           (frozenset(COLUMNS), ", ".join(sorted(COLUMNS)))):
        with pytest.raises(ViewQueryError) as raised:
            viewquery.parse_where("{nope} = 1", columns)
        assert raised.value.fields["known"] == known


NAMES = pd.DataFrame({"country": ["Côte d’Ivoire", "عُمان", "الإمارات العربية المتحدة",
                                  "Égypte", "مصر", "Costa Rica"]})


@pytest.mark.parametrize(("text", "kept"), [
    pytest.param("{country} contains Cote", ["Côte d’Ivoire"], id="french-accent"),
    pytest.param("{country} contains egypte", ["Égypte"], id="capital-accent"),
    pytest.param("{country} contains عمان", ["عُمان"], id="arabic-short-vowel"),
    pytest.param("{country} contains الامارات", ["الإمارات العربية المتحدة"],
                 id="arabic-hamza-on-alef"),
    pytest.param("{country} contains مـصـر", ["مصر"], id="arabic-tatweel"),
    pytest.param("{country} = عمان", ["عُمان"], id="equal-arabic"),
    pytest.param("{country} scontains Cote", [], id="case-sensitive-is-exact"),
    pytest.param("{country} scontains عمان", [], id="case-sensitive-arabic-is-exact"),
])
def test_a_case_insensitive_comparison_leaves_accents_and_short_vowels_aside(text, kept):
    """A reader typing without the marks finds the names written with them (Arabic typed
    'عمان' found no row of 'عُمان', French 'Cote' none of Côte d'Ivoire)."""
    out = viewquery.apply_where(NAMES, viewquery.parse_where(text, COLUMNS), NUMERIC)
    assert list(out["country"]) == kept
