"""Country page: the printable brief's "Other indices" (NCSI, EGDI, the latest GCI, INTERPOL's
statements) with the brief's figures, each value with its provenance, a link to the
Cross-index page, and a title that says the page holds more than the GCI."""

from __future__ import annotations

import re
from html import unescape

import pytest
from dash import dcc, html

from dashboard import brief_data, data, i18n, other_indices
from tests.dashboard.tree_support import find, texts, walk


@pytest.fixture
def client(dash_app):
    return dash_app.server.test_client()


def table_rows(section) -> list[list[str]]:
    """The texts of each body row of the section's table (a cell's pieces joined by spaces)."""
    table = find(section, other_indices.ID_TABLE)
    rows = [n for n in walk(table) if isinstance(n, html.Tr)][1:]  # the header row first
    return [[" ".join(texts(c).split()) for c in walk(row) if isinstance(c, html.Td)]
            for row in rows]


def brief_rows(client, iso3: str, lang: str) -> list[list[str]]:
    """The texts of each row of the brief's "Other indices" table (its HTML)."""
    page = client.get(f"/brief/{iso3}?lang={lang}").get_data(as_text=True)
    section = page[page.index('<section class="indices">'):]
    section = section[:section.index("</section>")]
    body = section[section.index("<tbody>"):section.index("</tbody>")]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        rows.append([" ".join(unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in cells])
    return rows


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_country_page_shows_the_briefs_other_indices(pages, app_context, client, lang):
    """Oman: the NCSI 2025 (rank 43) and EGDI 2024 (0.85759, rank 41) of its brief, and the
    GCI 2024, with the same value, rank or tier and percentile in the GCC as the brief."""
    page = pages["country"]
    section = find(page.layout(iso3="OMN", lang=lang), page.ID_OTHER_INDICES)
    assert section is not None
    shown = table_rows(section)
    expected = brief_rows(client, "OMN", lang)
    assert [r[0] for r in shown] == [r[0] for r in expected] and len(shown) == 3
    for page_row, brief_row in zip(shown, expected, strict=True):
        # Index, edition, rank or tier and percentile alike; the value as the brief gives it
        # (the page's marks are badges, the brief's a line of text).
        assert [page_row[i] for i in (0, 1, 3, 4)] == [brief_row[i] for i in (0, 1, 3, 4)]
        assert page_row[2].split(" ")[0] == brief_row[2].split(" ")[0]
    ncsi, egdi = shown[1], shown[2]
    assert ncsi[1] == "2025" and ncsi[3] == "43"
    assert egdi[1] == "2024" and egdi[3] == "41"
    # As published (0.85759), not rounded to 0.858: the downloads hold 0.85759.
    assert egdi[2].startswith(i18n.format_number(0.85759, lang, 5))


def test_each_value_carries_its_provenance(pages, app_context):
    """Each index's row names its document, channel and verification and links its sources,
    as the page's table of GCI figures does; Oman's GCI 2024 (sources disagree, flagged in the
    ledger) carries the badges the page gives it elsewhere."""
    page = pages["country"]
    section = find(page.layout(iso3="OMN", lang="en"), page.ID_OTHER_INDICES)
    table = find(section, other_indices.ID_TABLE)
    headers = texts(table)
    for header in ("Source document", "Channel", "Verification", "Source links"):
        assert header in headers
    gci, ncsi, egdi = table_rows(section)
    assert "ITU Global Cybersecurity Index 2024 (5th edition)" in gci[5]
    assert "Flagged" in gci[2] and "sources disagree" in gci[2]
    assert "zawya.com" in gci[8]
    assert ncsi[8] and egdi[8]  # each a link at least
    links = [n for n in walk(table) if isinstance(n, html.A)]
    assert links and all(str(a.href).startswith("http") for a in links)


@pytest.mark.parametrize(("iso3", "group"), [("OMN", "gcc"), ("MAR", "maghreb")])
def test_percentiles_name_the_peer_group_and_link_to_the_cross_index(pages, app_context, iso3,
                                                                     group):
    """The percentiles are within the brief's default peer group, named, with what the
    percentile is; the link opens the Cross-index page on that group's members, named so,
    with the same percentiles (not the page's preset, which adds the watched countries: Oman's
    NCSI read 50 here and 40 there)."""
    from urllib.parse import parse_qs, urlsplit

    from tests.dashboard.test_peer_presets import row_texts

    page, cross = pages["country"], pages["crossindex"]
    engine = data.current_engine()
    assert brief_data.default_group(engine, iso3) == group
    section = find(page.layout(iso3=iso3, lang="en"), page.ID_OTHER_INDICES)
    said = texts(section)
    label = i18n.t(data.GROUP_LABELS[group], "en")
    assert f"Peer group: {label}" in said
    assert i18n.t(other_indices.PERCENTILE_NOTE, "en") in said
    [link] = [n for n in walk(section) if isinstance(n, dcc.Link)]
    query = {k: v[0] for k, v in parse_qs(urlsplit(link.href).query).items()}
    members = data.group_members(engine, group)
    assert urlsplit(link.href).path == "/cross-index" and set(query) == {"country"}
    assert set(query["country"].split(",")) == set(members)
    opened = cross.layout(lang="en", **query)
    assert texts(find(opened, cross.ID_SELECTION)) == \
        f"Selection: {label} — {len(members)} countries"
    country = data.country_names(engine, "en")[iso3]
    shown = {row[0]: row[4] for row in table_rows(section)}
    there = " ".join(" ".join(row_texts(find(opened, cross.ID_TABLE))[country]).split())
    for name in ("National Cyber Security Index", "UN E-Government Development Index"):
        number, basis = shown[name].split(" ", 1)  # "50% (by rank, 5 countries)"
        assert f"{number.rstrip('%')} {basis}" in there, (name, shown[name], there)


def test_interpol_statements_as_the_brief_gives_them(pages, app_context, client):
    """Morocco: INTERPOL's cited statements counted, as in its brief, the newest listed."""
    page = pages["country"]
    section = find(page.layout(iso3="MAR", lang="en"), page.ID_OTHER_INDICES)
    said = texts(section)
    line = next(s for s in said.split("\n") if s.startswith("INTERPOL:"))
    brief_page = client.get("/brief/MAR?lang=en").get_data(as_text=True)
    assert line in brief_page
    # (the download links are list items too)
    assert len([n for n in walk(section) if isinstance(n, html.Li)
                and not isinstance(n.children, html.A)]) == 2
    # "8 cited statements" over two: where the other six are is said, on both.
    count = int(line.split(": ")[1].split(" ")[0])
    left = f"The newest 2 are above; the {count - 2} others are on the Cross-index page."
    assert count > 2 and left in said and left in brief_page


def test_arabic_digits_in_the_other_indices(pages, app_context):
    """In Arabic with Arabic-Indic digits the editions and values follow the choice."""
    page = pages["country"]
    with i18n.use_digits("arab"):
        section = find(page.layout(iso3="OMN", lang="ar"), page.ID_OTHER_INDICES)
        rows = table_rows(section)
    assert rows[1][1] == "٢٠٢٥" and rows[1][3] == "٤٣"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_title_says_the_page_holds_more_than_the_gci(pages, app_context, lang):
    """The page's heading no longer says it is about the GCI alone."""
    root = pages["country"].layout(iso3="OMN", lang=lang)
    [h1] = [n for n in walk(root) if isinstance(n, html.H1)]
    assert texts(h1) == i18n.t(pages["country"].MSG_TITLE, lang, country="Oman")
    assert texts(h1) != i18n.t("{country} in the Global Cybersecurity Index", lang,
                               country="Oman")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_source_documents_are_named_in_the_page_language(pages, app_context, client, lang):
    """The NCSI snapshot and the UN E-Government Survey are named as the Data page names
    them ("Instantané du NCSI : …", "مسح الأمم المتحدة للحكومة الإلكترونية 2024"), on the page
    and in the brief, not in English."""
    page = pages["country"]
    section = find(page.layout(iso3="OMN", lang=lang), page.ID_OTHER_INDICES)
    documents = [row[5] for row in table_rows(section)]
    assert not any(d.startswith(("NCSI snapshot", "UN E-Government Survey")) for d in documents)
    assert i18n.data_text("UN E-Government Survey 2024", lang) in documents
    page_html = client.get(f"/brief/OMN?lang={lang}").get_data(as_text=True)
    assert "UN E-Government Survey 2024" not in page_html


def _links(section, prefix: str) -> dict[str, str]:
    return {n.id.rsplit("-", 1)[1]: n.href for n in walk(section)
            if isinstance(n, html.A) and str(getattr(n, "id", "")).startswith(prefix)}


@pytest.mark.parametrize(("iso3", "group"), [("MAR", "maghreb"), ("OMN", "gcc")])
def test_the_section_downloads_its_table_with_the_groups_percentiles(pages, app_context,
                                                                     client, iso3, group):
    """The table's files (every format, the one export route) hold the peer group's members,
    whose percentiles the page shows, and give the country the page's percentile; the
    statements' files every statement about the country (the page shows the newest)."""
    import csv
    import io

    engine = data.current_engine()
    section = find(pages["country"].layout(iso3=iso3, lang="en"), other_indices.ID_SECTION)
    table = _links(section, f"{other_indices.ID_SECTION}-table-download-")
    assert set(table) == {"csv", "xlsx", "parquet", "json", "zip"}
    answer = client.get(table["csv"])
    assert answer.status_code == 200
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    assert {r["iso3"] for r in rows} == set(data.group_members(engine, group))
    mine = next(r for r in rows if r["iso3"] == iso3)
    shown = {row[0]: row[4] for row in table_rows(section)}
    percentile = shown["UN E-Government Development Index"].split("%")[0]
    assert float(mine["egdi_percentile"]) == pytest.approx(float(percentile), abs=0.5)
    statements = _links(section, f"{other_indices.ID_SECTION}-statements-download-")
    if iso3 == "MAR":  # INTERPOL's findings name Morocco
        said = client.get(statements["json"]).get_json()
        listed = said["rows"] if isinstance(said, dict) else said
        assert listed and all(r["iso3"] == "MAR" for r in listed)
    else:
        assert statements == {}
