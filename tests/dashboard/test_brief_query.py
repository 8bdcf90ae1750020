"""The brief's link: a setting it does not understand (a peer group, a language, a key) is
said in a notice in the brief's language, on the page and in the PDF, as the pages say it;
never silently dropped, never a 500."""

from __future__ import annotations

import pytest

from dashboard import brief

pytestmark = pytest.mark.usefixtures("dash_app")


@pytest.fixture
def client(dash_app):
    return dash_app.server.test_client()


@pytest.fixture
def printed(monkeypatch) -> list[str]:
    """The documents the PDF route prints (Chromium stood in for)."""
    documents: list[str] = []

    def print_to_pdf(document: str, chromium: str, timeout: float = 0) -> bytes:
        documents.append(document)
        return b"%PDF-1.4 stand-in"

    monkeypatch.setattr(brief, "find_chromium", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(brief, "print_to_pdf", print_to_pdf)
    return documents


def notices(page: str) -> str:
    """The notices block of a brief ("" without one)."""
    if '<div class="notices"' not in page:
        return ""
    return page.split('<div class="notices"', 1)[1].split("</div>", 1)[0]


@pytest.mark.parametrize(("lang", "said", "group"), [
    pytest.param("en", "Unknown peer group in the link, left out: zzz.",
                 "Arab Maghreb Union (Maghreb)", id="en"),
    pytest.param("fr", "Groupe de pays inconnu dans le lien, ignoré\u00a0: zzz.",
                 "Union du Maghreb arabe (Maghreb)", id="fr"),
    pytest.param("ar", "مجموعة دول غير معروفة في الرابط، فاستُبعدت: zzz.", None, id="ar"),
])
def test_an_unknown_group_is_said_and_the_default_used(client, lang, said, group):
    """group=zzz: the brief compares with Morocco's default group (the Maghreb) and says the
    link's group was left out, in the brief's language."""
    response = client.get(f"/brief/MAR?lang={lang}&group=zzz")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert said in notices(page)
    assert '<option value="maghreb" selected>' in page
    if group:
        assert group in page


def test_an_unknown_language_is_said_in_english(client):
    """lang=xx reads English, and says so (as a page does); a known one has no notice."""
    page = client.get("/brief/MAR?lang=xx").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in page
    assert "Unknown language “xx” in the link; showing English." in notices(page)
    for good in ("/brief/MAR", "/brief/MAR?lang=fr&group=gcc",
                 "/brief/MAR?lang=ar&digits=arab&group=maghreb", "/brief/MAR?lang=FR"):
        assert notices(client.get(good).get_data(as_text=True)) == "", good


def test_an_unknown_key_is_said(client):
    """A key the brief does not read (a typo: grup=gcc) is named, not silently ignored."""
    page = client.get("/brief/MAR?lang=fr&grup=gcc").get_data(as_text=True)
    assert "«\u00a0grup\u00a0»" in notices(page) or "“grup”" in notices(page)


def test_the_pdf_says_it_too(client, printed):
    """The PDF of a link with a bad language and group prints the notices (it answered 200 in
    English, silently)."""
    response = client.get("/brief/MAR.pdf?lang=xx&group=zzz")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    [document] = printed
    said = notices(document)
    assert "Unknown language “xx” in the link; showing English." in said
    assert "Unknown peer group in the link, left out: zzz." in said
    assert 'class="toolbar"' not in document


@pytest.mark.parametrize(("query", "said"), [
    pytest.param("lang=%00", "Unknown language “\x00” in the link", id="nul-language"),
    pytest.param("lang=fr-CA", "Unknown language “fr-CA” in the link", id="region-language"),
    pytest.param("group=%3Cscript%3E", "left out: &lt;script&gt;.", id="markup-escaped"),
    pytest.param("lang=fr&group=" + "x" * 5000, "ignoré\u00a0: " + "x" * 40 + ".", id="long-cut"),
    pytest.param("%FF=1", "“%FF” setting is not known", id="odd-key"),
])
def test_odd_links_never_break_the_brief(client, query, said):
    """Whatever the link holds, the brief answers 200, says what it left out (cut short) and
    escapes what it repeats."""
    response = client.get(f"/brief/OMN?{query}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert said in notices(page)
    assert "<script>" not in page
