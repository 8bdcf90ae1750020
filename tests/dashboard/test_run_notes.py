"""A published run's note (forced publication, rows removed or kept, what the World Bank
source did not load) reads in the Status page's language, counts in its digits and plurals;
the stored note is unchanged and an English page shows it as stored."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest
from dash import html

from dashboard import run_notes
from dashboard.i18n import use_digits
from etl import maintenance, pipeline, store, targets
from etl.pipeline import ABANDONED
from etl.sources import worldbank_wdi
from tests.dashboard.tree_support import as_components, english_parts, texts, walk


def said(component) -> str:
    return "".join(texts(as_components(component)).splitlines())


def forced_note(run_id: int) -> str:
    """The note :func:`etl.maintenance.publish_held` gives a forced run (its wording checked
    against the ETL's code: the function builds it inline)."""
    assert 'note=f"forced publication of held run {run[\'run_id\']}"' in inspect.getsource(
        maintenance.publish_held)
    return f"forced publication of held run {run_id}"


def worldbank_note() -> str:
    """The World Bank source's own note on rows it fetched and did not load."""
    valid = pd.DataFrame({"entity_kind": ["aggregate", "aggregate", "aggregate", "country",
                                          "country"],
                          "entity_id": ["ARB", "ARB", "WLD", "MAR", "OMN"],
                          "value": [1.0, 2.0, 3.0, None, 4.0]})
    note = worldbank_wdi.run_note(valid)
    assert note is not None
    return note


def notes() -> dict[str, str]:
    """Notes as the ETL writes them."""
    kept = pipeline._kept_note(store.LoadCounts(removed=3, kept=1))
    return {"forced+kept": "; ".join([forced_note(12), kept]), "worldbank": worldbank_note(),
            "kept-unread": "; ".join([pipeline._kept_note(store.LoadCounts(kept=6)),
                                      targets.UNREAD_KEY_NOTE.format(count=1)])}


SAID = {
    ("fr", "forced+kept"): "publication forcée de l'exécution 12, retenue pour examen\u202f; 3 lignes "
                           "publiées retirées\u00a0: la source ne les donne plus\u202f; 1 ligne publiée "
                           "conservée telle quelle\u00a0: sa ligne entrante a été mise en quarantaine",
    ("fr", "worldbank"): "non chargées\u00a0: 3 lignes d'agrégats (2 régions ou groupes de revenu, "
                         "jamais chargées comme pays)\u202f; 1 couple pays-année sans valeur (aucune "
                         "ligne)",
    ("ar", "forced+kept"): "نشر قسري للتشغيل ١٢ المعلّق للمراجعة؛ حُذفت ٣ صفوف منشورة لم يعد "
                           "المصدر يقدّمها؛ أُبقي ١ صف منشور على حاله: عُزل صفّه الوارد",
    ("fr", "kept-unread"): "6 lignes publiées conservées telles quelles\u00a0: leurs lignes "
                           "entrantes ont été mises en quarantaine\u202f; 1 ligne mise en quarantaine "
                           "dont la clé est illisible\u00a0: les lignes publiées auxquelles elle "
                           "pourrait correspondre ont été conservées",
    ("ar", "kept-unread"): "أُبقيت ٦ صفوف منشورة على حالها: عُزلت صفوفها الواردة؛ ١ صف معزول "
                           "تعذّرت قراءة مفتاحه: أُبقيت الصفوف المنشورة التي قد يطابقها",
    ("ar", "worldbank"): "لم يُحمَّل: ٣ صفوف إجمالية (منطقتان أو فئتا دخل، لا تُحمَّل أبدًا "
                         "كدول)؛ ١ سنة قُطرية بلا قيمة (لا صف)",
}


@pytest.mark.parametrize(("lang", "note"), list(SAID))
def test_published_run_notes_read_in_the_page_language(lang, note):
    """Each part of a note the ETL writes is said in French or Arabic (Arabic-Indic digits
    when chosen), nothing of it left in English."""
    with use_digits("arab"):
        shown = run_notes.run_note_view(notes()[note], lang)
    assert said(shown) == SAID[(lang, note)]
    assert english_parts(shown) == []


@pytest.mark.parametrize("note", ["forced+kept", "worldbank", "kept-unread"])
def test_english_page_shows_the_stored_note(note):
    """In English the note reads exactly as stored."""
    text = notes()[note]
    assert run_notes.run_note_view(text, "en") == text


def test_a_part_of_another_wording_stays_english():
    """A part the ETL's wordings do not read stays as stored, marked English, beside the parts
    said in the page's language; a note with no known part is one English text, as before."""
    shown = run_notes.run_note_view("removed 2 published row(s) the source no longer gives; "
                                    "note: something by hand", "fr")
    assert said(shown) == ("2 lignes publiées retirées\u00a0: la source ne les donne plus\u202f; "
                           "note: something by hand")
    assert english_parts(shown) == ["note: something by hand"]
    whole = run_notes.run_note_view("OSError: disk full; retry", "ar")
    assert english_parts(whole) == ["OSError: disk full; retry"]


def test_catalogued_reasons_are_translated_whole():
    """A reason the catalog holds (one with "; " inside too) is translated as one text."""
    shown = run_notes.run_note_view(ABANDONED, "fr")
    assert isinstance(shown, str) and shown.startswith("abandonnée\u00a0: interrompue")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_status_page_says_a_succeeded_runs_note(pages, lang):
    """The Status page's runs table says a published run's note in its language."""
    status = pages["status"]
    row = {"source_id": "itu_gci", "title": "Global Cybersecurity Index", "run_id": 13,
           "status": "succeeded", "finished_at": pd.Timestamp("2026-11-29", tz="UTC"),
           "started_at": pd.Timestamp("2026-11-29", tz="UTC"), "age_seconds": 60,
           **{column: 0 for column, _ in status.COUNT_COLUMNS},
           "reason": notes()["forced+kept"]}
    table = as_components(status.runs_table(pd.DataFrame([row]), lang))
    [_, _run, reason] = [r for r in walk(table) if isinstance(r, html.Tr)]  # under the run
    cell = said(reason)
    assert {"fr": "publication forcée", "ar": "نشر قسري"}[lang] in cell
    assert "published row" not in cell and not english_parts(reason)


def attribution_notes() -> list[str]:
    """The GCI attribution's notes as etl.targets writes them (a source's id in each)."""
    from etl import targets

    return ["; ".join([targets.RUN_AFTER_NOTE.format(release=7, source="itu_gci_evidence"),
                       targets.PROVENANCE_NOTE.format(count=5, source="itu_gci_evidence")]),
            targets.NO_EVIDENCE_NOTE.format(source="itu_gci_evidence")]


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("index", [0, 1])
def test_attribution_notes_read_in_the_page_language(lang, index):
    """A GCI run's notes on its pillars' provenance are said in French or Arabic, the source's
    id kept as code; no part of them is left in English (each part holds no "; ", so the note
    splits into its parts)."""
    note = attribution_notes()[index]
    shown = run_notes.run_note_view(note, lang)
    assert english_parts(shown) == []
    assert "itu_gci_evidence" in said(shown)
    assert any(getattr(c, "children", None) == "itu_gci_evidence"
               for c in walk(as_components(shown)) if isinstance(c, html.Code))


# What each wording of the attribution's provenance note says in French and Arabic: the runs
# stored before the changelog listed source changes say it listed figures only (as it did).
FIGURES_ONLY = {"fr": "ne liste que les changements de valeur, de rang et de niveau",
                "ar": "سجل التغييرات يسرد تغييرات القيمة والمرتبة والمستوى فقط"}


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_provenance_notes_of_earlier_and_later_runs_both_read(lang):
    """A GCI run's provenance note reads in the page's language in both wordings: the one
    runs store now (the changelog lists each change) and the one earlier runs stored ("the
    changelog lists changes of value, rank and tier only"), each saying what it said when
    it was written; in English each shows as stored."""
    from etl import targets

    now = targets.PROVENANCE_NOTE.format(count=5, source="itu_gci_evidence")
    before = run_notes.PROVENANCE_NOTE_UNLISTED.format(count=5, source="itu_gci_evidence")
    assert now != before and "(the changelog lists changes of value, rank and tier only)" in before
    for note in (now, before):
        shown = run_notes.run_note_view(note, lang)
        assert english_parts(shown) == [], note
        assert "itu_gci_evidence" in said(shown)
        assert run_notes.run_note_view(note, "en") == note
    assert FIGURES_ONLY[lang] in said(run_notes.run_note_view(before, lang))
    assert FIGURES_ONLY[lang] not in said(run_notes.run_note_view(now, lang))
