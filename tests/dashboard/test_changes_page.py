"""The "What changed" page: the public changelog, latest first, filtered and translated."""

from __future__ import annotations

import pytest
from dash import html

from dashboard.app import create_app
from etl import pipeline, store
from tests.dashboard.tree_support import find, serialises, texts, walk
from tests.etl.content_support import EDITED_NEW, EDITED_OLD, content_store, refresh_with_edits
from tests.etl.refresh_support import edit_gci, morocco_drops_to_tier_2, published_copy

LANGS = [pytest.param("en", id="en"), pytest.param("fr", id="fr"), pytest.param("ar", id="ar")]


@pytest.mark.parametrize("lang", LANGS)
def test_layout_renders_in_every_language(pages, app_context, lang):
    """The page builds and serialises, with lang/dir, a table and the count line."""
    page = pages["changes"]
    root = page.layout(lang=lang)
    assert serialises(root)
    assert root.lang == lang and root.dir == ("rtl" if lang == "ar" else "ltr")
    assert find(root, page.ID_TABLE) is not None
    assert find(root, page.ID_SUMMARY).children


def test_page_is_in_the_navigation(pages, app_context):
    """/changes is registered with the nav label "What changed", translated."""
    assert "What changed" in texts(pages["overview"].layout(lang="en"))
    assert "Ce qui a changé" in texts(pages["overview"].layout(lang="fr"))


def test_callback_filters_by_country_and_indicator(pages, app_context):
    """The callback, called as a function, keeps only Morocco's GCI overall rows."""
    page = pages["changes"]
    table, summary, link = page.update_changes(["MAR"], "itu_gci.overall", None, None, "en")
    text = texts(table)
    assert "Morocco" in text and "Oman" not in text
    assert {"2014", "2017", "2018", "2020", "2024"} <= set(text.split("\n"))
    assert "5 changes match" in summary
    assert link == "?v=1&indicator=itu_gci.overall&country=MAR"


@pytest.mark.parametrize(("since", "expected"), [
    pytest.param("2999-01-01", "No change matches these filters.", id="future"),
    pytest.param("2000-01-01", "changes match", id="past"),
    pytest.param("not-a-date", "changes match", id="bad-date-ignored"),
])
def test_since_filter(pages, app_context, since, expected):
    """A date in the future matches nothing; a past or unreadable date keeps everything."""
    table, summary, _ = pages["changes"].update_changes(["MAR"], None, None, since, "en")
    assert expected in texts(table) + summary


@pytest.mark.parametrize(("query", "warning"), [
    pytest.param({"country": "MAR,ZZZ"}, "Unknown country codes, left out: ZZZ.", id="country"),
    pytest.param({"indicator": "nope"}, "Unknown indicator “nope”: ignored.", id="indicator"),
    pytest.param({"since": "yesterday"}, "“yesterday” is not a date", id="since"),
    pytest.param({"kind": "moved"}, "Unknown kind of change “moved”", id="kind"),
])
def test_bad_link_degrades_with_a_notice(pages, app_context, query, warning):
    """A value the page does not know is left out and said so."""
    root = pages["changes"].layout(lang="en", **query)
    assert warning in texts(find(root, pages["changes"].ID_NOTICES))


def _query(search: str) -> dict:
    from urllib.parse import parse_qs

    return {k: v[-1] for k, v in parse_qs(search.lstrip("?"), keep_blank_values=True).items()}


def _filters(page, root) -> dict:
    return {"countries": find(root, page.ID_COUNTRIES).value,
            "indicator": find(root, page.ID_INDICATOR).value,
            "kinds": find(root, page.ID_KINDS).value, "since": find(root, page.ID_SINCE).date}


@pytest.mark.parametrize("controls", [
    pytest.param((["MAR"], "itu_gci.overall", None, None, "en"), id="country-indicator"),
    pytest.param((["MAR", "OMN"], None, ["changed"], "2025-01-01", "fr"), id="kind-since-fr"),
    pytest.param(([], None, ["added", "removed"], None, "ar"), id="two-kinds-ar"),
])
def test_url_round_trip(pages, app_context, controls):
    """The query the callback pushes, opened as a link, gives the same filters and language."""
    page = pages["changes"]
    countries, indicator, kinds, since, lang = controls
    _, summary, search = page.update_changes(*controls, "")
    query = _query(search)
    assert query["v"] == "1"
    root = page.layout(lang=query.pop("lang", "en"), **query)
    assert root.lang == lang
    got = _filters(page, root)
    assert got["countries"] == countries and got["indicator"] == indicator
    assert set(got["kinds"]) == set(kinds or got["kinds"]) and got["since"] == since
    assert texts(find(root, page.ID_NOTICES)) == ""
    assert find(root, page.ID_SUMMARY).children == summary
    assert find(root, "changes-permalink").value == "/changes" + search


def test_url_holds_only_what_differs(pages, app_context):
    """The watched countries and no other filter are a bare URL; every kind ticked is not
    written; every country is ``country=``; the digits are kept."""
    page = pages["changes"]
    assert page.update_changes(["MAR", "OMN"], None, None, None, "en", "")[2] == ""
    every = ["added", "changed", "provenance", "removed"]
    assert page.update_changes(["MAR", "OMN"], None, every, None, "en", "")[2] == ""
    assert page.update_changes(["MAR", "OMN"], None, every[:3], None, "en", "")[2] == \
        "?v=1&kind=added,changed,provenance"
    assert page.update_changes([], None, None, None, "en", "")[2] == "?v=1&country="
    assert page.update_changes(["MAR"], None, None, None, "ar", "?lang=ar&digits=arab")[2] == \
        "?v=1&country=MAR&lang=ar&digits=arab"
    root = page.layout(lang="en")
    assert find(root, page.ID_URL) is not None
    assert find(root, "changes-permalink").value == "/changes"


@pytest.mark.parametrize(("query", "warning"), [
    pytest.param({"v": "7"}, "different version (v=7)", id="version"),
    pytest.param({"colour": "red"}, "“colour” setting is not known here", id="key"),
    pytest.param({"lang": "xx"}, "Unknown language “xx”", id="lang"),
    pytest.param({"group": "gcc"}, "Unknown peer group in the link", id="group"),
    pytest.param({"country": "<b>", "since": "%%"}, "is not a date", id="garbage"),
])
def test_bad_url_params_degrade_with_notices(pages, app_context, query, warning):
    """Settings the page does not have, or garbage, are left out with a notice."""
    page = pages["changes"]
    query = dict(query)
    root = page.layout(lang=query.pop("lang", "en"), **query)
    assert serialises(root)
    assert warning in texts(find(root, page.ID_NOTICES))


@pytest.mark.parametrize("controls", [
    (None, None, None, None, None, None), (["XXX", "<b>"], "nope", ["zzz"], "no", "xx", "?%%"),
])
def test_callback_never_raises(pages, app_context, controls):
    """Garbage from the controls gives outputs, never an exception."""
    _, _, search = pages["changes"].update_changes(*controls)
    assert isinstance(search, str)


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory):
    """A store where Morocco's GCI 2024 went from 97.5 (tier 1) to 90 (tier 2) in release 2,
    and a dashboard on it."""
    settings = published_copy(tmp_path_factory.mktemp("changes"))
    engine = store.make_engine(settings.database_url)
    edit_gci(settings, morocco_drops_to_tier_2)
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert result.status == "succeeded" and result.release_id == 2
    app = create_app(settings)
    yield app, engine, result
    engine.dispose()


@pytest.mark.parametrize(("lang", "country", "values", "tiers", "kind"), [
    pytest.param("en", "Morocco", "97.5 → 90", "Tier 1 → 2", "changed", id="en"),
    pytest.param("fr", "Maroc", "97,5 → 90", "Niveau 1 → 2", "modifié", id="fr"),
    pytest.param("ar", "المغرب", "97.5 ← 90", "المستوى 1 ← 2", "تغيّر", id="ar"),
])
def test_modified_refresh_shows_the_changed_morocco_value(pages, refreshed, lang, country,
                                                          values, tiers, kind):
    """After a refresh that changed Morocco's 2024 score, the page's first rows say so, with
    the snapshots, old and new (short, full hash in the title), and the release and run."""
    app, engine, result = refreshed
    page = pages["changes"]
    with app.server.app_context():
        root = page.layout(lang=lang, country="MAR", indicator="itu_gci.overall")
    table = find(root, page.ID_TABLE)
    first = table.children[2].children[0]  # caption, head, body: the latest row
    text = texts(first)
    assert country in text and values in text and tiers in text and kind in text
    assert "2024" in text.split("\n")
    # The snapshot of the old value (release 1's), then the new one's.
    [published_from] = store.changes_frame(engine).query("release_id == 1")[
        "snapshot_sha256"].unique()
    old, code = [n for n in walk(first) if isinstance(n, html.Code)]
    assert old.title == published_from != result.snapshot_sha256
    assert code.title == result.snapshot_sha256 and code.children == result.snapshot_sha256[:12]
    assert ("Release 2 (run 2)" if lang == "en" else "2") in text
    # The other rows are the first publication (added), older, below it.
    arrow = values.split()[1]  # → or, in Arabic, ←
    below = table.children[2].children[1:]
    assert below
    assert all(f"{arrow} 90" not in texts(row) for row in below)


@pytest.mark.parametrize(("lang", "first", "title"), [
    pytest.param("en", "first publication of this source", "Global Cybersecurity Index", id="en"),
    pytest.param("fr", "première publication de cette source", "Indice mondial", id="fr"),
    pytest.param("ar", "أول نشر لهذا المصدر", "المؤشر العالمي", id="ar"),
])
def test_releases_summary_tells_a_refresh_from_a_first_publication(pages, refreshed, lang,
                                                                   first, title):
    """Above the values, one row per release: the refresh that changed Morocco's score (one
    value changed, nothing added) on top, then the source's first publication, said so, with
    every value it added; counts only of the values the filter keeps."""
    app, engine, result = refreshed
    page = pages["changes"]
    with app.server.app_context():
        root = page.layout(lang=lang, country="MAR", indicator="itu_gci.overall")
        everything = page.layout(lang=lang, country="")
    table = find(root, page.ID_RELEASES)
    refresh, publication = table.children[2].children
    assert "itu_gci" in texts(refresh) and title in texts(refresh)
    cells = [texts(cell) for cell in refresh.children]
    assert cells[2:5] == ["0", "1", "0"] and first not in texts(refresh)
    cells = [texts(cell) for cell in publication.children]
    assert int(cells[2]) == 5 and cells[3:5] == ["0", "0"]  # 2014, 2017, 2018, 2020, 2024
    assert first in texts(publication)
    # Every country: every value the first publication of itu_gci added.
    rows = find(everything, page.ID_RELEASES).children[2].children
    added = {int(texts(r.children[2]).replace(",", "").replace("\u202f", "").replace(
        "\u00a0", "").replace("٬", "")) for r in rows if first in texts(r)}
    published = store.observations_frame(engine, ["itu_gci.overall"])
    assert added and max(added) >= len(published)


def test_release_columns_are_headed_with_a_capital(pages):
    """The releases table heads its count columns "Added", "Ajouté" (the kinds are lower-case
    words inside the rows)."""
    heading = pages["changes"]._heading
    assert heading("ajouté") == "Ajouté" and heading("أُضيف") == "أُضيف"


def test_page_opens_on_the_watched_countries(pages, app_context):
    """A bare link shows Morocco's and Oman's changes, not the latest release's other
    countries; ``country=`` (the dropdown cleared) shows every country's."""
    page = pages["changes"]
    root = page.layout(lang="en")
    assert find(root, page.ID_COUNTRIES).value == ["MAR", "OMN"]
    shown = texts(find(root, page.ID_TABLE))
    assert "Morocco" in shown and "Oman" in shown
    assert not {"Zimbabwe", "Zambia", "Estonia", "Denmark"} & set(shown.split("\n"))
    every = page.layout(lang="en", country="")
    assert find(every, page.ID_COUNTRIES).value == []
    assert texts(find(every, page.ID_NOTICES)) == ""
    assert len(set(texts(find(every, page.ID_TABLE)).split("\n")) - set(shown.split("\n"))) > 5


@pytest.fixture(scope="module")
def content_refreshed(tmp_path_factory):
    """A store where INTERPOL's findings and the GCI evidence were published, then refreshed
    with one finding reworded, one dropped and one press value changed (releases 3 and 4), and
    a dashboard on it."""
    settings, engine = content_store(tmp_path_factory.mktemp("changes-content"))
    refresh_with_edits(settings, engine)
    yield create_app(settings), engine
    engine.dispose()


@pytest.mark.parametrize(("lang", "digits", "words"), [
    pytest.param("en", None, {
        "value": "83.65 → 82.41", "changed": "changed", "removed": "removed",
        "country": "Morocco", "before": "Before:", "after": "After:", "edition": "2023",
        "figure": "Figure as printed: 69 → 71", "release": "Release 3 (run 3)",
        "summary": "3 changes to cited statements or per-source values match"}, id="en"),
    pytest.param("fr", None, {
        "value": "83,65 → 82,41", "changed": "modifié", "removed": "retiré",
        "country": "Maroc", "before": "Avant\u00a0:", "after": "Après\u00a0:", "edition": "2023",
        "figure": "Chiffre tel que publié\u00a0: 69 → 71", "release": "Publication 3",
        "summary": "3 modifications des constats cités"}, id="fr"),
    pytest.param("ar", "arab", {
        "value": "٨٣٫٦٥ ← ٨٢٫٤١", "changed": "تغيّر", "removed": "أُزيل",
        "country": "المغرب", "before": "قبل:", "after": "بعد:", "edition": "٢٠٢٣",
        "figure": "الرقم كما نُشر: ٦٩ ← ٧١", "release": "النشرة ٣",
        "summary": "٣ تغييرات مطابقة في الإفادات المقتبسة"}, id="ar-arab-digits"),
])
def test_page_lists_changed_statements_and_values(pages, content_refreshed, lang, digits, words):
    """The changed and removed INTERPOL findings and the changed press value are listed below
    the values, in the page's language and digits: old and new words (the new ones, not in
    the catalog, marked English), the printed figure and value old → new, the citation, and
    their releases counted above."""
    from dashboard.i18n import t, use_digits

    app, engine = content_refreshed
    page = pages["changes"]
    with app.server.app_context(), use_digits(digits):
        root = page.layout(lang=lang, country="MAR", kind="changed,removed")
    table = find(root, page.ID_CITED)
    assert table is not None and find(root, page.ID_TABLE) is None  # no value changed
    value, removed, changed = (texts(row) for row in table.children[2].children)
    assert words["value"] in value and words["changed"] in value and words["country"] in value
    assert "dailymorocco.com" in value
    assert words["removed"] in removed and words["edition"] in removed.split("\n")
    assert words["before"] in changed and words["after"] in changed
    assert words["figure"] in changed and words["release"] in changed
    assert EDITED_NEW in changed  # a new finding is shown as written (English)
    [new] = [n for n in walk(table.children[2].children[2]) if getattr(n, "children", None)
             == EDITED_NEW]
    assert lang == "en" or new.lang == "en"
    with use_digits(digits):
        old = t(EDITED_OLD, lang)  # the published finding, as the catalog translates it
    assert old in changed and (lang == "en") == (old == EDITED_OLD)
    assert words["summary"] in find(root, page.ID_SUMMARY).children
    releases = texts(find(root, page.ID_RELEASES)).split("\n")
    assert "interpol_act" in releases and "itu_gci_evidence" in releases
