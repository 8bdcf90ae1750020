"""Status page: source titles and quarantine reasons said in the page's language, the stored
reason itself unchanged (read back into its parts, never reworded)."""

from __future__ import annotations

import pandas as pd
import pytest
from dash import html

from dashboard import i18n
from dashboard.app import create_app
from dashboard.i18n import as_typed
from dashboard.layout import catalog_text
from etl import gate, pipeline, schemas, skipped_runs, store
from tests.dashboard.tree_support import as_components, english_parts, find, texts, walk
from tests.etl.refresh_support import edit_gci, published_copy, set_cells

PILLARS = "the five pillars do not add up to the overall score (within 0.1)"
PILLARS_SAID = {"fr": "la somme des cinq piliers ne donne pas le score global (à 0,1 près)",
                "ar": "مجموع الركائز الخمس لا يساوي الدرجة الإجمالية (بهامش 0.1)"}
GCI_TITLE = {"fr": "Indice mondial de cybersécurité", "ar": "المؤشر العالمي للأمن السيبراني"}
NCSI_TITLE = {"fr": "Indice national de cybersécurité (instantanés datés)",
              "ar": "المؤشر الوطني للأمن السيبراني (لقطات مؤرخة)"}


@pytest.fixture
def status(pages):
    return pages["status"]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_source_titles_are_translated(status, app_context, lang):
    """Each source's title is said in the page's language, not marked as English."""
    runs = find(status.layout(lang=lang), status.ID_RUNS)
    shown = texts(runs)
    assert GCI_TITLE[lang] in shown.splitlines()
    assert NCSI_TITLE[lang] in shown
    assert "Global Cybersecurity Index" not in shown
    assert not [t for t in english_parts(runs) if "Index" in t]


@pytest.fixture(scope="module")
def held_back(tmp_path_factory):
    """A dashboard on a store whose GCI refresh held back one row: Morocco 2020 with its
    cooperation pillar misread as 10 (the pillars no longer add up to 82.41)."""
    settings = published_copy(tmp_path_factory.mktemp("held-back"))
    engine = store.make_engine(settings.database_url)
    edit_gci(settings, lambda f: set_cells(f, "MAR", "2020", cooperation="10"))
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert result.counts["quarantined"] == 1
    yield create_app(settings)
    engine.dispose()


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_quarantined_rows_are_listed_with_their_reason(status, held_back, lang):
    """Each row a refresh held back is listed with its reason, in the page's language."""
    with held_back.server.app_context():
        shown = texts(find(status.layout(lang=lang), status.ID_QUARANTINE))
    assert "MAR" in shown
    assert (PILLARS_SAID.get(lang, PILLARS) in shown) and (lang == "en") == (PILLARS in shown)


def test_english_page_shows_the_stored_reason(status, app_context):
    """In English the reason reads exactly as stored."""
    reason = ("iso3: unknown ISO 3166-1 alpha-3 code (value 'XXX'); " + PILLARS)
    # (as typed: "ISO 3166-1" is kept on one line)
    assert as_typed("".join(texts(status.reason_view(reason, "en")).splitlines())) == reason


def test_title_without_translation_stays_english(status):
    """A title the catalog does not know (an older stored one) is shown as is, marked English."""
    shown = catalog_text("Some Index (retired)", "fr")
    assert isinstance(shown, html.Span) and shown.lang == "en"
    assert shown.children == "Some Index (retired)"
    assert catalog_text("Global Cybersecurity Index", "fr") == GCI_TITLE["fr"]


def test_column_check_gets_a_translated_frame(status):
    """A column check's part: the frame, our check's message and pandera's check in French
    ("au plus 100"); the column name and the value as read stay as stored (code)."""
    reason = ("iso3: unknown ISO 3166-1 alpha-3 code (value 'XXX'); "
              "overall_score: less_than_or_equal_to(100) (value 150.0)")
    view = as_components(status.reason_view(reason, "fr"))
    assert as_typed("".join(texts(view).splitlines())) == (
        "colonne iso3\u00a0: code ISO 3166-1 alpha-3 inconnu (valeur 'XXX')\u202f; "
        "colonne overall_score\u00a0: au plus 100 (valeur 150.0)")
    codes = [n for n in walk(view) if isinstance(n, html.Code)]
    assert [c.children for c in codes] == ["iso3", "'XXX'", "overall_score", "150.0"]
    assert english_parts(view) == ["iso3", "overall_score"]


def test_arabic_frame(status):
    """The same frame in Arabic, with the Arabic semicolon between parts."""
    reason = "edition: not a number (value 'abc'); " + PILLARS
    shown = "".join(texts(status.reason_view(reason, "ar")).splitlines())
    assert shown == ("العمود edition: ليست رقمًا (القيمة 'abc')؛ " + PILLARS_SAID["ar"])


def test_unknown_part_stays_verbatim(status):
    """Text the page cannot read (another tool's) is shown as stored, marked English (next
    unknown parts together, with their own "; "); the parts it can read around it are still
    translated."""
    reason = f"publisher changed the layout; weird: thing (value; {PILLARS}"
    view = as_components(status.reason_view(reason, "fr"))
    assert english_parts(view) == ["publisher changed the layout; weird: thing (value"]
    assert PILLARS_SAID["fr"] in texts(view)
    whole = status.reason_view("something else entirely", "ar")
    assert english_parts(as_components(whole)) == ["something else entirely"]


def bad_rows() -> list[tuple[str, type]]:
    """Reasons split_valid writes for rows failing each kind of check (column checks of ours
    and pandera's, rules across columns, values that are not numbers, text with "; ")."""
    gci = pd.DataFrame({
        "iso3": ["XXX", "MAR", "OMN", "TUN", "EGY"],
        "edition": ["2019", "2020", "2024", "2024", "abc"],
        "overall_score": ["150", "50", "97", "40", "x"],
        "global_rank": ["0", "1", "3", None, None],
        "tier": ["7", None, "2", "3", None],
        "legal": ["25", "5", None, None, None],
        "technical": [None, "5", None, None, None], "organizational": [None, "5", None, None, None],
        "capacity_development": [None, "5", None, None, None],
        "cooperation": [None, "5", None, None, None],
    })
    ncsi = pd.DataFrame({
        "iso3": ["MAR", "OMN"], "snapshot": ["x", "y"], "methodology": ["bad", "bad"],
        "ncsi_rank": ["3", None], "ncsi_rank_text": ["a; b (value c)", None],
        "ncsi_score": ["5", None], "digital_development_level": [None, None],
        "countries_in_index": [None, None], "source_url": ["u", "u"],
    })
    return [(q["reason"], model) for frame, model in ((gci, schemas.GciScores),
                                                      (ncsi, schemas.NcsiSnapshots))
            for q in schemas.split_valid(frame, model).quarantined]


def test_split_valid_reasons_are_read_back_whole(status):
    """Every reason split_valid writes is read into known parts only, and the parts joined
    as it joins them give the stored reason back, character for character."""
    reasons = bad_rows()
    assert len(reasons) >= 6
    kinds = set()
    for reason, _model in reasons:
        parts = status.reason_parts(reason)
        assert "; ".join(p.text for p in parts) == reason
        assert all(p.kind != "unknown" for p in parts), reason
        for part in parts:
            kinds.add(part.kind)
            if part.kind == "column":
                assert part.text == f"{part.column}: {part.check} (value {part.value})"
    assert kinds == {"message", "column"}


@pytest.mark.parametrize(("reason", "expected"), [
    pytest.param("ranks are ITU's for 2014-2020 only; 2024 publishes tiers, not ranks",
                 [("message", "ranks are ITU's for 2014-2020 only; 2024 publishes tiers, "
                               "not ranks")], id="message-with-semicolon"),
    pytest.param("ncsi_rank_text: str_matches('^x$') (value 'a; b (value c)'); " + PILLARS,
                 [("column", "ncsi_rank_text: str_matches('^x$') (value 'a; b (value c)')"),
                  ("message", PILLARS)], id="value-with-semicolon"),
    pytest.param("a: isin([1]) (value 2); b: isin([1]) (value 3)",
                 [("column", "a: isin([1]) (value 2)"), ("column", "b: isin([1]) (value 3)")],
                 id="two-column-parts"),
    pytest.param("when: not a number (value Timestamp('2024-01-01 00:00:00'))",
                 [("column", "when: not a number (value Timestamp('2024-01-01 00:00:00'))")],
                 id="value-repr-call"),
    pytest.param("x: something we never wrote (value 1)",
                 [("unknown", "x: something we never wrote (value 1)")], id="unknown-check"),
    pytest.param("", [("unknown", "")], id="empty"),
])
def test_reason_parts(status, reason, expected):
    """How stored reasons are cut back into their parts."""
    assert [(p.kind, p.text) for p in status.reason_parts(reason)] == expected


def test_check_messages_are_the_schemas_own():
    """schemas.check_messages lists our checks' messages (not pandera's built-in checks), each
    a catalog entry the extractor found in etl/schemas.py, translated in French and Arabic."""
    messages = schemas.check_messages()
    assert PILLARS in messages and schemas.NOT_A_NUMBER in messages
    assert not [m for m in messages if m.startswith(("isin(", "greater_than", "less_than"))]
    template = {str(m.id): m for m in i18n.extract_messages() if m.id}
    for message in messages:
        assert any(f == "etl/schemas.py" for f, _ in template[message].locations), message
        for lang in ("fr", "ar"):
            assert i18n.catalog(lang).get(message), (lang, message)


@pytest.mark.parametrize(("lang", "said"), [("fr", "abandonnée\u00a0: interrompue"),
                                            ("ar", "متروك: توقف")])
def test_run_reasons_of_our_own_are_translated(status, lang, said):
    """A run's reason written by our code (a run found abandoned, a live source answering 304)
    reads in the page's language; one from elsewhere (an error's text) stays as stored,
    marked English."""
    import pandas as pd

    from etl.pipeline import ABANDONED

    counts = {column: 0 for column, _ in status.COUNT_COLUMNS}
    runs = pd.DataFrame([
        {"source_id": "itu_gci", "title": "Global Cybersecurity Index", "run_id": 3,
         "status": "abandoned", "finished_at": None, "started_at": pd.Timestamp("2026-11-29", tz="UTC"),
         "age_seconds": 60, **counts, "reason": ABANDONED},
        {"source_id": "ncsi", "title": "National Cyber Security Index (dated snapshots)",
         "run_id": 4, "status": "failed", "finished_at": None,
         "started_at": pd.Timestamp("2026-11-29", tz="UTC"), "age_seconds": 60, **counts,
         "reason": "OSError: disk full"},
    ])
    table = as_components(status.runs_table(runs, lang))
    # Each run's reason is on a line of its own under its row.
    abandoned, failed = [row for row in walk(table) if isinstance(row, html.Tr)
                         and getattr(row, "className", None) == "ci-detail-row"]
    assert said in texts(abandoned) and "interrupted" not in texts(abandoned)
    [kept] = [n for n in walk(failed) if getattr(n, "lang", None) == "en"]
    assert texts(kept) == "OSError: disk full"


GATE_SAID = {
    "fr": ("retenue pour examen", "Contrôle de publication :",
           "3 lignes sur 10 mises en quarantaine (30 %", "retire 1 pays de la publication"),
    "ar": ("معلّق للمراجعة", "بوابة النشر:", "الصفوف المعزولة: 3 من أصل 10", "يُسقط 1 من دول"),
}


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_held_release_says_why_in_the_page_language(status, lang):
    """A run the publish gate held reads "held for review" and each of the gate's reasons in
    the page's language, numbers in its digits, the dropped countries as codes; nothing of it
    is left in English."""
    from types import SimpleNamespace

    from etl.gate import publish_gate_reason

    limits = SimpleNamespace(publish_max_quarantine_ratio=0.2, publish_min_row_ratio=0.5)
    old = {("itu_gci.overall", "MAR", 2024): {}, ("itu_gci.overall", "OMN", 2024): {}}
    new = pd.DataFrame({"iso3": ["MAR"]})
    reason = publish_gate_reason(old, new, fetched=10, quarantined=3, settings=limits)
    assert reason.startswith("publish gate: 3 of 10 rows quarantined (30% > 20%)")
    counts = {column: 0 for column, _ in status.COUNT_COLUMNS}
    runs = pd.DataFrame([{
        "source_id": "itu_gci", "title": "Global Cybersecurity Index", "run_id": 7,
        "status": "held", "finished_at": pd.Timestamp("2026-11-29", tz="UTC"),
        "started_at": pd.Timestamp("2026-11-29", tz="UTC"), "age_seconds": 60, **counts,
        "reason": reason}])
    table = as_components(status.runs_table(runs, lang))
    said = "".join(node for node in walk(table) if isinstance(node, str))
    said = said.replace("\u202f", " ").replace("\xa0", " ")
    for words in GATE_SAID[lang]:
        assert words in said, words
    assert english_parts(table) == ["OMN"]  # the dropped country's code, as data
    assert "held" not in said and "publish gate" not in said


def test_a_gate_part_we_do_not_write_stays_as_stored(status):
    said = status.run_reason_view("publish gate: something else entirely", "fr")
    assert english_parts(said) == ["something else entirely"]


# ------------------------------------------------------------------ removed and kept counts

REMOVED_KEPT = {"en": ("Removed rows", "Kept rows"),
                "fr": ("Lignes retirées", "Lignes conservées"),
                "ar": ("الصفوف المحذوفة", "الصفوف المحتفظ بها")}


def table_cells(table) -> list[list[str]]:
    """Each row of an html table (the header row first) as its cells' texts."""
    return [["".join(texts(cell).splitlines()) for cell in row.children]
            for row in walk(table) if isinstance(row, html.Tr)]


@pytest.fixture(scope="module")
def removed_and_kept(tmp_path_factory):
    """A dashboard on a store whose GCI refresh removed one published value (MAR 2018 gone
    from the file) and kept six (MAR 2020's overall edited without its pillars: quarantined)."""
    settings = published_copy(tmp_path_factory.mktemp("removed-kept"))
    engine = store.make_engine(settings.database_url)
    edit_gci(settings, lambda f: set_cells(
        f[~((f["iso3"] == "MAR") & (f["edition"] == "2018"))], "MAR", "2020",
        overall_score="83.65"))
    [result] = pipeline.run_sources(["itu_gci"], settings, engine)
    assert result.status == "succeeded", result.reason
    assert (result.counts["removed"], result.counts["kept_quarantined"]) == (1, 6)
    yield create_app(settings), result.run_id
    engine.dispose()


@pytest.mark.parametrize(("lang", "digits"), [("en", "latn"), ("fr", "latn"), ("ar", "latn"),
                                              ("ar", "arab")])
def test_runs_tables_show_what_a_refresh_removed_and_kept(status, removed_and_kept, lang,
                                                          digits):
    """The latest-run and recent-runs tables have a removed and a kept column, headed in the
    page's language, with the run's counts in the reader's digits; a line under the first
    says what they count."""
    app, run_id = removed_and_kept
    removed, kept = REMOVED_KEPT[lang]
    with app.server.app_context(), i18n.use_digits(digits):
        page = status.layout(lang=lang)
        one, six, run = (i18n.format_number(n, lang, 0) for n in (1, 6, run_id))
    assert (one, six) == (("١", "٦") if digits == "arab" else ("1", "6"))
    for table_id, source_column in ((status.ID_RUNS, 0), (status.ID_HISTORY, 1)):
        header, *rows = table_cells(find(page, table_id))
        [gci] = [r for r in rows if r[source_column].startswith("itu_gci")
                 and run in r[:2]]
        assert gci[header.index(removed)] == one
        assert gci[header.index(kept)] == six
    legend = i18n.t(status.MSG_REMOVED_KEPT, lang)
    assert legend.startswith(removed) and legend in texts(page).splitlines()


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_counts_say_what_they_count(status, app_context, lang):
    """More values inserted than rows fetched (the GCI) or fewer (the NCSI) is explained under
    the runs table, naming the columns by their headers in the page's language."""
    page = status.layout(lang=lang)
    header = table_cells(find(page, status.ID_RUNS))[0]
    units = i18n.t(status.MSG_COUNT_UNITS, lang)
    assert units in texts(page).splitlines()
    for column in ("Fetched", "Valid", "Quarantined", "Inserted", "Updated", "Unchanged"):
        word = i18n.t(column, lang)
        assert word in header and word in units


# ------------------------------------------------------------ new gate parts, pending holds

VANISHED_SAID = {
    "fr": ("retire toutes les valeurs de 1 indicateur(s)", "1 édition(s) d’un indicateur",
           "La publication retenue par l’exécution 8 attend toujours un examen"),
    "ar": ("يُسقط كل قيم 1 من مؤشرات", "1 من إصدارات مؤشر",
           "النشرة التي علّقها التشغيل 8 ما زالت تنتظر المراجعة"),
}


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_hold_left_by_later_runs_is_said_under_the_latest_run(status, lang):
    """A held release of a source whose latest run was skipped stays on the page, in the
    page's language: which run, why (a whole indicator and a whole edition gone, written by the
    gate's own code) and the command that publishes it; only ids and the command as written."""
    old = {(ind, "MAR", edition): {} for ind in ("itu_gci.overall", "itu_gci.cooperation")
           for edition in (2018, 2024)}
    new = pd.DataFrame({"indicator_id": ["itu_gci.overall"], "iso3": ["MAR"], "edition": [2024]})
    limits = type("Limits", (), {"publish_max_quarantine_ratio": 0.2,
                                 "publish_min_row_ratio": 0.1})()
    reason = gate.publish_gate_reason(old, new, fetched=1, quarantined=0, settings=limits)
    counts = {column: 0 for column, _ in status.COUNT_COLUMNS}
    runs = pd.DataFrame([{
        "source_id": "itu_gci", "title": "Global Cybersecurity Index", "run_id": 9,
        "status": "skipped", "finished_at": pd.Timestamp("2026-11-29", tz="UTC"),
        "started_at": pd.Timestamp("2026-11-29", tz="UTC"), "age_seconds": 60, **counts,
        "reason": skipped_runs.SKIPPED_BUSY}])
    holds = {"itu_gci": {"source_id": "itu_gci", "run_id": 8, "reason": reason}}

    table = as_components(status.runs_table(runs, lang, holds))

    said = "".join(node for node in walk(table) if isinstance(node, str))
    for words in VANISHED_SAID[lang]:
        assert words in said, words
    assert sorted(english_parts(table)) == sorted([
        "itu_gci.cooperation", "itu_gci.overall 2018",
        "cyberindex etl publish itu_gci --force"])


@pytest.mark.parametrize(("first", "last", "said"), [
    (3, 7, "7 (first quarantined by run 3)"),
    (3, 3, "3"),
    (3, None, "3"),  # stored before revision 0010
])
def test_quarantine_run_column_names_the_latest_run_and_the_first(status, first, last, said):
    """A row read again from the same snapshot is stored once: the Run column says the latest
    run that read it, and the run that first quarantined it when that was another."""
    row = pd.Series({"run_id": first, "last_run_id": last})
    assert status.quarantine_runs_text(row, "en") == said
