"""The brief's INTERPOL findings: counted without the project's own claim check, each with the
figure it gives for the country, its citation in the language's punctuation (French " ; " and
" : ", Arabic "؛"), as are the sources' lines."""

from __future__ import annotations

import html
import re

import pytest

pytestmark = pytest.mark.usefixtures("dash_app")


@pytest.fixture
def client(dash_app):
    return dash_app.server.test_client()


def section(page: str, name: str) -> str:
    """The text of one section of the brief (tags out, entities read)."""
    part = page.split(f'<section class="{name}">', 1)[1].split("</section>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", "", part))


def test_the_count_leaves_out_the_claim_check(client):
    """Morocco: 8 INTERPOL statements (the facts file's 9 rows about Morocco less the claim
    check, "analysis of sources above"), the latest of 2025."""
    said = section(client.get("/brief/MAR?lang=en").get_data(as_text=True), "indices")
    assert "INTERPOL: 8 cited statements name Morocco (latest 2025)." in said
    assert "9 cited statements" not in said and "analysis of sources above" not in said


@pytest.mark.parametrize(("lang", "figure"), [
    pytest.param("en", "Figure cited: 1,076 detections", id="en"),
    pytest.param("fr", "Chiffre cité\u00a0: 1\u202f076 détections", id="fr"),
    pytest.param("ar", "الرقم المذكور: 1,076 حالة رصد", id="ar"),
])
def test_each_finding_gives_its_figure(client, lang, figure):
    """The Guardian top-10 gives Morocco 1,076 detections: said with its unit."""
    said = section(client.get(f"/brief/MAR?lang={lang}").get_data(as_text=True), "indices")
    assert figure in said


# Each language's citation of the Group-IB finding and first source line.
PUNCTUATION = {
    "fr": ("(4e éd.\u202f; tendances de 2024)\u202f; communiqué d'un contributeur (Group-IB)\u00a0: przoom.com)",
           "(1re édition, données 2014)\u00a0: github.com"),
    "ar": ("؛ ", ": github.com"),
    "en": ("(4th ed.; trends of 2024); contributor press release (Group-IB): przoom.com)",
           "(1st edition, 2014 data): github.com"),
}


def test_citations_and_sources_use_the_languages_punctuation(client):
    """French writes a space before ";" and ":" (as the rest of the app), Arabic "؛" for ";";
    the brief wrote "(...); ...:" in French."""
    for lang, (citation, source) in PUNCTUATION.items():
        page = client.get(f"/brief/MAR?lang={lang}").get_data(as_text=True)
        cite = section(page, "indices")
        assert citation in cite, lang
        assert source in section(page, "sources"), lang
        if lang == "fr":
            assert not re.search(r"\S[;:] ", cite), cite
