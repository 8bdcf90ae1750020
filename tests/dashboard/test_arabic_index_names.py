"""Arabic pages name the GCI in Arabic: the Country page's and the brief's distance headings
said "GCI 2024" in Latin letters where every other line says المؤشر."""

from __future__ import annotations

import re

import pytest

from tests.dashboard.tree_support import texts

pytestmark = pytest.mark.usefixtures("dash_app")


@pytest.mark.parametrize("iso3", ["MAR", "OMN"])
@pytest.mark.parametrize("digits", ["latn", "arab"])
def test_country_page_names_the_gci_in_arabic(pages, app_context, iso3, digits):
    """No "GCI" in the Arabic Country page's text (headings, captions, tables)."""
    shown = texts(pages["country"].layout(iso3=iso3, lang="ar", digits=digits))
    assert "المسافة إلى المستوى التالي" in shown
    assert "GCI" not in shown


@pytest.mark.parametrize("iso3", ["MAR", "OMN"])
def test_brief_names_the_gci_in_arabic(dash_app, iso3):
    """No "GCI" in the Arabic brief's visible text (its tags and links may hold the id)."""
    page = dash_app.server.test_client().get(f"/brief/{iso3}?lang=ar").get_data(as_text=True)
    body = re.sub(r"<[^>]+>", " ", page.split("<body", 1)[1])
    assert "المسافة إلى المستوى التالي" in body
    assert "GCI" not in body
