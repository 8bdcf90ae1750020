"""The printed brief's page furniture (:mod:`dashboard.brief_print`): every page names the
brief and the date of its data, and says "Page 2 of 2" in the page's words and digits, in the
reader's own print (``@page`` margin boxes in the brief's stylesheet) and in the server's PDF."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from dashboard import brief
from dashboard.brief_print import css_string, page_counter_content, page_furniture_css
from dashboard.i18n import use_digits

pytestmark = pytest.mark.usefixtures("dash_app")

# Bidi controls pdftotext writes around Arabic runs, and any spaces: compared without them.
UNSEEN = re.compile(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+")


@pytest.fixture
def client(dash_app):
    return dash_app.server.test_client()


def test_a_css_string_cannot_end_early():
    """A quote, a backslash, a line break or ``</style>`` in a name stays inside the string."""
    assert css_string('Côte d"Ivoire') == '"Côte d\\"Ivoire"'
    assert css_string("a\\b") == '"a\\\\b"'
    assert css_string("x</style><script>") == '"x\\3c /style\\3e \\3c script\\3e "'
    assert css_string("two\nlines") == '"two\\a lines"'


@pytest.mark.parametrize(("lang", "digits", "expected"), [
    pytest.param("en", "latn", '"Page " counter(page, decimal) " of " counter(pages, decimal)',
                 id="en"),
    pytest.param("fr", "latn", '"Page " counter(page, decimal) " sur " counter(pages, decimal)',
                 id="fr"),
    pytest.param("ar", "arab", '"الصفحة " counter(page, arabic-indic) " من " '
                               "counter(pages, arabic-indic)", id="ar-arab"),
    pytest.param("ar", "latn", '"الصفحة " counter(page, decimal) " من " '
                               "counter(pages, decimal)", id="ar-latn"),
])
def test_page_n_of_m_in_the_pages_words_and_digits(lang, digits, expected):
    with use_digits(digits):
        assert page_counter_content(lang) == expected


def test_the_header_starts_where_the_text_starts():
    """The title at the top left in English, at the top right in Arabic (written right to
    left), the data's date opposite; no date, no date box."""
    english = page_furniture_css("Morocco: country brief", "30 November 2026", "en")
    assert '@top-left { content: "Morocco: country brief";' in english
    assert '@top-right { content: "Data loaded on 30 November 2026";' in english
    arabic = page_furniture_css("المغرب: موجز البلد", "٣٠ نوفمبر ٢٠٢٦", "ar")
    assert '@top-right { content: "المغرب: موجز البلد";' in arabic
    assert "direction: rtl" in arabic
    assert "@top-right" not in page_furniture_css("Morocco: country brief", None, "en")


@pytest.mark.parametrize(("lang", "title", "counter"), [
    pytest.param("en", "Morocco: country brief", '" of " counter(pages, decimal)', id="en"),
    pytest.param("fr", "Maroc\u00a0: fiche pays", '" sur " counter(pages, decimal)', id="fr"),
    pytest.param("ar", "المغرب: موجز البلد", '" من " counter(pages, arabic-indic)', id="ar"),
])
def test_the_brief_prints_its_name_and_page_on_every_page(client, lang, title, counter):
    """The brief's stylesheet (the reader's own print) has the @page margin boxes: the brief's
    title in the page's language, and the page counters in its words and digits."""
    query = f"lang={lang}" + ("&digits=arab" if lang == "ar" else "")
    page = client.get(f"/brief/MAR?{query}").get_data(as_text=True)
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    furniture = style[style.rindex("@page"):]
    top = "@top-right" if lang == "ar" else "@top-left"
    assert re.search(top + r' \{ content: "' + re.escape(title).replace("\u00a0", "[\u00a0 ]")
                     + '";', furniture), furniture
    assert "@bottom-center { content: " in furniture
    assert counter in furniture


def pdf_text(pdf: bytes, page: int) -> list[str]:
    """The non-empty lines of one page of ``pdf``, as pdftotext reads them."""
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", "-", "-"],
                         input=pdf, capture_output=True, check=True, timeout=60).stdout
    return [line for line in out.decode("utf-8").splitlines() if line.strip()]


@pytest.mark.slow
# Skipped without the tools on a developer's machine; under CI a missing tool fails the test.
@pytest.mark.skipif(brief.find_chromium() is None and not os.environ.get("CI"),
                    reason="no Chromium installed")
@pytest.mark.skipif(shutil.which("pdftotext") is None and not os.environ.get("CI"),
                    reason="no pdftotext installed")
@pytest.mark.parametrize(("lang", "header", "footer"), [
    pytest.param("en", "Morocco: country brief", "Page 2 of 2", id="en"),
    pytest.param("fr", "Maroc : fiche pays", "Page 2 sur 2", id="fr"),
    pytest.param("ar", "المغرب: موجز البلد", "الصفحة ٢ من ٢", id="ar"),
])
def test_page_two_of_the_pdf_says_which_brief_it_is(client, lang, header, footer):
    """A second page taken out of the pile still names the brief (its first lines: the title,
    and the data's date) and says it is page 2 of 2 (its last line)."""
    query = f"lang={lang}" + ("&digits=arab" if lang == "ar" else "")
    response = client.get(f"/brief/MAR.pdf?{query}")
    assert response.status_code == 200
    lines = [UNSEEN.sub("", line) for line in pdf_text(response.data, 2)]
    top = "".join(lines[:3])
    assert UNSEEN.sub("", header) in top, lines[:3]
    assert ("٢٠٢" if lang == "ar" else "202") in top  # the year of the data's date
    assert lines[-1] == UNSEEN.sub("", footer), lines[-1]
