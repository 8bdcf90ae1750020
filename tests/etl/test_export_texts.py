"""The counted words of a download (the README's "(snapshot ..., 1 row)" line of each source, in
README.txt and in the Excel README sheet) take the plural form their number takes in each
language: English 1 row / 2 rows, French 0 and 1 singular, Arabic's six forms (the catalogs'
``Plural-Forms``), not "1 rows", "1 lignes", "2 صفًا"."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from dashboard.i18n import use_digits
from etl import export, export_texts


def retrieved(lang: str, rows: object) -> str:
    return export_texts.text("readme_retrieved", lang, first="2025-01-01", last="2025-01-02",
                             sha="abc", rows=rows)


@pytest.mark.parametrize(("lang", "rows", "ends"), [
    pytest.param("en", 1, "(snapshot abc, 1 row)", id="en-1"),
    pytest.param("en", 2, "(snapshot abc, 2 rows)", id="en-2"),
    pytest.param("en", 0, "(snapshot abc, 0 rows)", id="en-0"),
    pytest.param("fr", 0, "(instantané abc, 0 ligne)", id="fr-0"),
    pytest.param("fr", 1, "(instantané abc, 1 ligne)", id="fr-1"),
    pytest.param("fr", 2, "(instantané abc, 2 lignes)", id="fr-2"),
    pytest.param("ar", 0, "(اللقطة abc، 0 صفوف)", id="ar-zero"),
    pytest.param("ar", 1, "(اللقطة abc، 1 صف)", id="ar-one"),
    pytest.param("ar", 2, "(اللقطة abc، صفّان)", id="ar-two"),  # the dual: words alone
    pytest.param("ar", 7, "(اللقطة abc، 7 صفوف)", id="ar-few"),
    pytest.param("ar", 11, "(اللقطة abc، 11 صفًا)", id="ar-many"),
    pytest.param("ar", 100, "(اللقطة abc، 100 صف)", id="ar-other"),
    pytest.param("de", 1, "(snapshot abc, 1 row)", id="unknown-language-english"),
])
def test_rows_of_a_source_take_their_plural_form(lang, rows, ends):
    assert retrieved(lang, rows).endswith(ends)


def test_the_count_keeps_western_digits():
    """A download's numbers are Western digits, whatever the page's digits setting."""
    with use_digits("arab"):
        assert retrieved("ar", 7).endswith("، 7 صفوف)")


@pytest.mark.parametrize(("lang", "one", "wrong"), [
    pytest.param("en", "1 row)", "1 rows)", id="en"),
    pytest.param("fr", "1 ligne)", "1 lignes)", id="fr"),
    pytest.param("ar", "، 1 صف)", "1 صفًا)", id="ar"),
])
def test_readme_and_excel_readme_say_one_row(loaded_engine, lang, one, wrong):
    """A source cited by one row, in README.txt and in the Excel README sheet."""
    prepared = export.prepare_export(loaded_engine, export.ExportFilter(
        countries=("MAR",), indicators=("itu_gci.overall",), editions=(2020,)))
    assert list(prepared.sources["rows"]) == [1]
    with zipfile.ZipFile(io.BytesIO(prepared.render("zip", lang=lang))) as bundle:
        readme = bundle.read("README.txt").decode("utf-8")
    book = openpyxl.load_workbook(io.BytesIO(prepared.render("xlsx", lang=lang)),
                                  read_only=True)
    sheet = book[export_texts.text("sheet_readme", lang)]
    sheet_text = "\n".join(str(row[0]) for row in sheet.iter_rows(values_only=True) if row[0])
    for text in (readme, sheet_text):
        assert one in text and wrong not in text
