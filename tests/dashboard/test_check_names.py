"""Every check etl/schemas.py can fail a row or a file with is said in the Status page's
language: our checks' messages by the catalogs, pandera's built-in checks (``greater_than(0)``,
``isin([...])``, ``not_nullable``...) in words with their arguments in the reader's notation,
and a duplicated key as its values ("AFG, 2016"); an English page keeps the text as stored, and
a check of a name the table does not know stays code, marked English."""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa
import pytest
from dash import html
from pandera.errors import SchemaErrors

from dashboard import check_names, run_reasons
from dashboard.i18n import use_digits
from etl import run_safety, schemas
from tests.dashboard.tree_support import as_components, english_parts, texts, walk


def produced_checks() -> dict[str, str]:
    """Each check text a failure of etl/schemas.py's models can name, as pandera names it
    (``str(check)`` in its failure cases), to the model and column that give it: the built-in
    checks of each field, and what pandera itself checks of a column (a value missing where the
    field is not nullable, the type, the conversion to it when the model coerces, the column's
    presence when it is required, uniqueness) and of a frame (strict, ordered, unique)."""
    found: dict[str, str] = {}
    for model in schemas._models():
        schema = model.to_schema()
        where = model.__name__
        for check in schema.checks:
            if not hasattr(model, str(check.name)):  # not a method of ours
                found.setdefault(str(check.error or check.name), where)
        for name, column in schema.columns.items():
            at = f"{where}.{name}"
            for check in column.checks:
                if not hasattr(model, str(check.name)):
                    found.setdefault(str(check.error or check.name), at)
            if not column.nullable:
                found.setdefault("not_nullable", at)
            if column.dtype is not None:
                found.setdefault(f"dtype('{column.dtype}')", at)
                if schema.coerce or column.coerce:
                    found.setdefault(f"coerce_dtype('{column.dtype}')", at)
            if column.required:
                found.setdefault("column_in_dataframe", at)
            if column.unique:
                found.setdefault("field_uniqueness", at)
        if schema.unique:
            found.setdefault("multiple_fields_uniqueness", where)
        if schema.strict:
            found.setdefault("column_in_schema", where)
        if schema.ordered:
            found.setdefault("column_ordered", where)
    return found


CHECKS = produced_checks()
_NAME = re.compile(r"[a-z_]+")


def said(component) -> str:
    return "".join(texts(as_components(component)).splitlines())


def test_the_enumeration_covers_each_kind_of_check():
    """The schemas give pandera's comparisons, lists, text checks and its own checks of a
    column (so the enumeration reads the schema objects, not an empty list)."""
    names = {_NAME.match(check).group() for check in CHECKS}
    assert {"greater_than", "greater_than_or_equal_to", "less_than_or_equal_to", "isin",
            "str_length", "str_matches", "str_startswith", "not_nullable", "dtype",
            "coerce_dtype", "column_in_dataframe"} <= names, names
    assert "str_length(None, 1000)" in CHECKS and "less_than_or_equal_to(20.0)" in CHECKS


def _failed_checks(frame: pd.DataFrame, model: type[pa.DataFrameModel]) -> set[str]:
    """The checks pandera names when ``frame`` fails ``model`` (lazily: all of them)."""
    try:
        model.validate(frame, lazy=True)
    except SchemaErrors as errors:
        return {str(check) for check in errors.failure_cases["check"]}
    return set()


def test_pandera_names_its_failures_as_enumerated():
    """What pandera writes when rows and files fail the schemas is among the checks
    enumerated (or our own messages): the enumeration says them as pandera does."""
    egdi = pd.DataFrame({
        "iso3": ["AFG", None], "year": [2017, 2016], "egdi": [1.7, -1.0],
        "egdi_rank": pd.array([-3, 201], dtype="Int64"), "osi": [None, None],
        "hci": [None, None], "tii": [None, None], "epi": [None, None],
        "source_url": ["u", "u" * 6000],
    })
    ledger = pd.DataFrame({
        "indicator": ["x"], "iso3": ["MAR"], "edition": [2020], "action": ["zap"],
        "value": [None], "reason": ["short"], "reported_date": ["2020/01/01"],
        "status": ["open"], "source_url": ["ftp://x"],
    })
    failed = (_failed_checks(egdi, schemas.EgdiScores)
              | _failed_checks(ledger, schemas.CorrectionsLedger)
              | _failed_checks(pd.DataFrame({"iso3": ["MAR"]}), schemas.EgdiScores)
              | _failed_checks(pd.DataFrame({"iso3": ["MAR"], "year": ["x"]}),
                               schemas.EgdiScores))
    pandera_own = failed - set(schemas.check_messages())
    assert {"not_nullable", "column_in_dataframe", "str_length(None, 5000)"} <= pandera_own
    assert any(check.startswith("coerce_dtype(") for check in pandera_own), pandera_own
    assert pandera_own <= set(CHECKS), pandera_own - set(CHECKS)


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("check", sorted(CHECKS))
def test_every_check_the_schemas_can_produce_is_said(check, lang):
    """Each check has words in the table, translated in French and Arabic, and the page says
    it in them: not pandera's name, nothing marked English."""
    words = check_names.check_words(check, lang)
    assert words is not None, f"{check} ({CHECKS[check]}): no words in check_names"
    assert check_names.translated(words, lang), f"{lang}: {words.message!r} untranslated"
    view = as_components(check_names.check_view(check, lang))
    assert not isinstance(view, html.Code) and not english_parts(view), check
    assert _NAME.match(check).group() not in said(view)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_message_of_the_table_is_translated(lang):
    """The words of pandera's checks the schemas do not use yet are translated too."""
    samples = {"in_range(0, 100)", "less_than(5)", "equal_to(1)", "not_equal_to(0)",
               "notin(['x'])", "str_contains('a')", "str_endswith('.csv')", "str_length(4)",
               "str_length(3, None)", "field_uniqueness"}
    assert {_NAME.match(s).group() for s in samples} | {_NAME.match(c).group() for c in CHECKS} \
        >= set(check_names.PANDERA_CHECKS)
    for check in samples:
        words = check_names.check_words(check, lang)
        assert words is not None and check_names.translated(words, lang), check


@pytest.mark.parametrize(("lang", "check", "expected"), [
    ("fr", "less_than_or_equal_to(1)", "au plus 1"),
    ("ar", "less_than_or_equal_to(1)", "1 على الأكثر"),
    ("fr", "greater_than(0)", "supérieur à 0"),
    ("ar", "greater_than(0)", "أكبر من 0"),
    ("fr", "in_range(0, 100)", "entre 0 et 100"),
    ("fr", "isin([1, 2, 3, 4, 5])", "l'une des valeurs\u00a0: 1, 2, 3, 4, 5"),
    ("ar", "isin(['drop', 'override', 'flag'])", "إحدى القيم: drop، override، flag"),
    ("fr", "str_length(None, 200)", "au plus 200 caractères"),
    ("fr", "not_nullable", "valeur manquante"),
    ("fr", "dtype('float64')", "type incorrect (float64 attendu)"),
])
def test_checks_read_in_the_pages_words(lang, check, expected):
    assert said(check_names.check_view(check, lang)) == expected


@pytest.mark.parametrize(("lang", "check", "shown"), [
    # decimals as the locale writes them, all kept; years and small bounds not grouped
    ("fr", "less_than_or_equal_to(0.25)", "0,25"),
    ("fr", "less_than_or_equal_to(2100)", "2100"),
    ("fr", "str_length(None, 200000)", "200\u202f000"),
    ("ar", "less_than_or_equal_to(20.5)", "20.5"),
])
def test_arguments_in_the_readers_notation(lang, check, shown):
    text = said(check_names.check_view(check, lang))
    assert shown in text, text


def test_arabic_indic_digits_when_chosen():
    with use_digits("arab"):
        assert said(check_names.check_view("less_than_or_equal_to(0.5)", "ar")) \
            == "٠٫٥ على الأكثر"
        assert "١٩٦٠" in said(check_names.check_view("greater_than_or_equal_to(1960)", "ar"))


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_unknown_or_english_checks_stay_as_written(lang):
    """A check the table does not know (or not as pandera writes it) stays code, marked
    English; an English page shows every check as stored."""
    for check in ("registered_custom_check(3)", "greater_than()", "isin(not a list)"):
        view = check_names.check_view(check, lang)
        assert isinstance(view, html.Code) and view.lang == "en" and view.children == check
    english = check_names.check_view("less_than_or_equal_to(1)", "en")
    assert isinstance(english, html.Code) and english.children == "less_than_or_equal_to(1)"


# ------------------------------------------------------------------ a duplicated key

def _key_reason() -> str:
    """The reason etl.schemas.split_valid writes for two EGDI rows of one country and year."""
    raw = pd.DataFrame({"iso3": ["AFG", "AFG"], "year": ["2016", "2016"], "egdi": ["0.5", "0.6"],
                        "egdi_rank": [None, None], "osi": [None, None], "hci": [None, None],
                        "tii": [None, None], "epi": [None, None], "source_url": ["u", "u"]})
    [first, _] = schemas.split_valid(raw, schemas.EgdiScores).quarantined
    return first["reason"]


KEY_SAID = {
    "fr": "une ligne par pays et année d'enquête (clé en double\u00a0: AFG, 2016)",
    "ar": "صف واحد لكل بلد وسنة مسح (مفتاح مكرر: AFG، 2016)",
}


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_a_duplicated_key_is_shown_as_its_values(lang):
    """The key's values as read ("AFG, 2016"), not a Python dict, after the rule's message in
    the page's language; an English page keeps the stored text (the caller shows it)."""
    reason = _key_reason()
    assert reason == ("key: one row per country and survey year "
                      "(value {'iso3': 'AFG', 'year': '2016'})")
    found = re.fullmatch(r"(\w+): (.+) \(value (.+)\)", reason)
    view = check_names.key_view(found[1], found[2], found[3], lang)
    if lang == "en":
        assert view is None
        return
    shown = html.Span(as_components(view))
    assert said(shown) == KEY_SAID[lang]
    assert [n.children for n in walk(shown) if isinstance(n, html.Code)] == ["AFG", "2016"]
    assert not english_parts(shown) and "{" not in said(shown)


def test_a_key_with_a_missing_part_or_typed_values():
    """A missing part is said so; a value quoted as a call (``np.int64(2016)``) shows its
    number; a value that is no mapping, or another column, is left to the caller."""
    view = check_names.key_view("key", "one row per country and survey year",
                                "{'iso3': None, 'year': np.int64(2016)}", "fr")
    assert said(html.Span(as_components(view))) == (
        "une ligne par pays et année d'enquête (clé en double\u00a0: valeur manquante, 2016)")
    assert check_names.key_view("key", "x", "'AFG'", "fr") is None
    assert check_names.key_view("iso3", "x", "{'a': 1}", "fr") is None


# ------------------------------------------------------------------ a failed run's reason

def test_a_schema_failure_of_a_run_is_said_in_words():
    """A run that failed the schema as a whole (columns missing, values missing): each check
    said, no pandera name left, only the column names kept as written."""
    try:
        schemas.EgdiScores.validate(pd.DataFrame({"iso3": [None], "year": [2016]}), lazy=True)
    except SchemaErrors as errors:
        reason = run_safety.failure_reason(errors)
    assert "column_in_dataframe" in reason and "not_nullable" in reason
    for lang, missing in (("fr", "colonne absente"), ("ar", "عمود مفقود")):
        view = as_components(run_reasons.reason_view(reason, lang))
        text = said(view)
        assert missing in text and not re.search(r"\b[a-z]+_[a-z_]+\b", text), text
        assert set(english_parts(view)) <= {"EgdiScores", "iso3"}, english_parts(view)
