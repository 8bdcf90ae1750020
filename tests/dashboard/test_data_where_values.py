"""Data page: a filter whose value its column cannot be compared with ("{value} > abc") says
so in the page's language instead of an empty table, typed or from a link; a link's unknown
column lists the known ones in the table's order."""

from __future__ import annotations

import pytest

from dashboard.i18n import t
from etl import export, viewquery
from tests.dashboard.test_data_cells import filtered
from tests.dashboard.tree_support import find, texts

# Typed: the column's header, not its id (a link's notice quotes the link's own syntax).
REASONS = {
    "en": "Value holds numbers: cannot compare it with 'abc'",
    "fr": "Valeur contient des nombres\u00a0: impossible de le comparer à «\u00a0abc\u00a0»",
    "ar": "العمود القيمة يحوي أرقامًا: لا يمكن مقارنته بالقيمة «abc»",
}


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_a_typed_value_that_is_not_a_number_says_why(pages, dash_app, lang):
    """"abc" typed in the Value filter: the notice says, in the page's language, that the
    column (its header) holds numbers and quotes what was typed; the table shows every row again (not
    "no row matches") and the link and downloads drop the filter."""
    page = pages["data"]
    search, rows, count, hrefs, notices = filtered(page, dash_app, "{value} > abc", lang)
    assert REASONS[lang] in notices
    assert rows and "where" not in search and "where" not in hrefs["csv"]
    assert t("No row matches these filters: remove one to see more.", lang) not in count


def test_a_linked_value_that_is_not_a_number_gives_a_notice(pages, app_context):
    """A link with ``{edition} = twenty`` opens with every row and a notice (never a 500)."""
    page = pages["data"]
    root = page.layout(lang="fr", indicator="itu_gci.overall", where="{edition} = twenty")
    said = texts(find(root, page.ID_NOTICES))
    assert "Impossible de filtrer les lignes par «\u00a0{edition} = twenty\u00a0» venant du lien" in said
    assert "edition contient des nombres" in said and "«\u00a0twenty\u00a0»" in said
    table = find(root, page.ID_TABLE)
    assert table.filter_query == "" and table.data


def test_a_linked_unknown_column_lists_the_known_ones_in_the_table_order(pages, app_context):
    """"(connues : indicator, indicator_name, iso3, …)": the table's columns in their order,
    as the API lists them, not the order of a set."""
    page = pages["data"]
    root = page.layout(lang="fr", indicator="itu_gci.overall", where="{nope} = 1")
    said = texts(find(root, page.ID_NOTICES))
    assert f"(connues\u00a0: {', '.join(export.EXPORT_COLUMNS)})" in said, said


def test_the_reason_is_a_message_of_the_catalogs():
    """The template etl.viewquery raises is listed for extraction with the module's other
    reasons, and the catalogs translate it."""
    from dashboard import i18n

    assert t(viewquery.NOT_A_NUMBER, "fr") != viewquery.NOT_A_NUMBER
    assert ("etl/viewquery.py", "NOT_A_NUMBER") in {
        (path, name) for path, name, _ in i18n.ETL_CONSTANT_MESSAGES}
