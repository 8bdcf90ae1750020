"""A value the corrections ledger flags and no second source gives (El Salvador's and Palau's
GCI 2024 score of 0, a placeholder in the SSPI transcription) stays shown with its flag, but no
tier, change, places gained or group median is derived from it, and the views say so; Oman's
flagged 97.02 (two articles give it, a transcription 97.01) keeps its tier and change. Exports
keep the published row as the store holds it."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from dash import html

from dashboard import brief, brief_data, data, rank_texts
from dashboard.i18n import t
from etl.corrections import MARK_ACTIONS
from etl.export import ExportFilter, export_frame
from tests.dashboard.tree_support import find, texts

PLACEHOLDERS = {"SLV", "PLW"}
NAMES = {"en": ("El Salvador", "Palau"), "fr": ("Salvador", "Palaos"),
         "ar": ("السلفادور", "بالاو")}


@pytest.fixture
def engine(app_context):
    return data.current_engine()


def overall_of(engine, iso3s, lang="en") -> pd.DataFrame:
    obs = data.gci_observations(engine, iso3s, lang)
    return data.with_changes(obs[obs["indicator_id"] == data.GCI_OVERALL])


# ---------------------------------------------------------------- the rule, as pages read it
#
# The rule itself (which flagged values are held out) is etl.held_out's, tested in
# tests/etl/test_held_out.py.


def test_the_bundled_flags_held_out_are_the_placeholders(engine):
    """The observations the pages read mark El Salvador's and Palau's 2024 zeros held out, and
    no other GCI value (Oman's flagged 97.02 stands)."""
    obs = data.gci_observations(engine, None, "en")
    held = {(r.iso3, int(r.edition), r.indicator_id) for r in data.held_out_rows(obs)
            .itertuples()}
    assert held == {("SLV", 2024, data.GCI_OVERALL), ("PLW", 2024, data.GCI_OVERALL)}


def test_every_mark_action_has_a_label():
    """Every action a ledger mark parses to (etl.corrections) has its label on the pages."""
    assert set(data.CORRECTION_LABELS) == set(MARK_ACTIONS)


def test_no_change_is_computed_from_or_against_a_held_out_value():
    """The change of a held-out edition, and of the edition after one, is missing; the
    previous edition and the value itself stay."""
    frame = pd.DataFrame({
        "iso3": ["XXX"] * 3, "edition": [2018, 2020, 2024], "value": [0.5, 0.0, 40.0],
        "scale": ["0-1", "0-100", "0-100"], "rank": [10, 11, None],
        "held_out": [False, True, False]})
    out = data.with_changes(frame)
    assert out["change_100"].isna().tolist() == [True, True, True]
    assert out["rank_change"].isna().all()
    assert out["prev_edition"].tolist()[1:] == [2018, 2020]
    assert out["prev_held_out"].tolist() == [False, False, True]
    assert out["value"].tolist() == [0.5, 0.0, 40.0]
    sound = data.with_changes(frame.assign(held_out=False))
    assert sound["change_100"].tolist()[1:] == [-50.0, 40.0]


# ---------------------------------------------------------------- Compare


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_compare_ranking_places_no_placeholder(pages, engine, lang):
    """In the 2024 ranking El Salvador and Palau keep their score 0 and their flag, with no
    tier and no change; the note names both and says why. Oman keeps tier 1 and +0.98."""
    compare = pages["compare"]
    view = compare.compare_view(engine, ["MAR", "SLV", "PLW", "OMN"], 2024, lang)
    rows = {r["iso3"]: r for r in view["ranking_rows"]}
    for code in PLACEHOLDERS:
        row = rows[code]
        assert row["score"] == 0.0 and compare.FLAG in row["country"]
        assert row["tier"] == rank_texts.not_placed_text(lang)
        assert row["change"] is None and row["rank_change"] is None
    assert rows["OMN"]["tier"] == t("{tier} – {label}", lang, tier=1,
                                    label=t("Role-modelling", lang))
    assert rows["OMN"]["change"] == pytest.approx(0.98)
    assert rows["MAR"]["change"] == pytest.approx(15.09)
    note = view["ranking_note"]
    assert all(name in note for name in NAMES[lang])
    assert "Oman" not in note and "عُمان" not in note
    if lang == "en":
        assert "flags it as doubtful and no second source gives it" in note
        assert "looks like a placeholder" in texts(view["sources"])


def test_compare_chart_and_table_twin_say_not_placed(pages, engine):
    """The trend's hover and its table twin give no tier for the placeholder: "not placed"."""
    compare = pages["compare"]
    view = compare.compare_view(engine, ["SLV", "OMN"], 2024, "en")
    hovers = [text for trace in view["trend"].data if (trace.meta or {}).get("iso3") == "SLV"
              for text in (trace.text or ())]
    latest = [h for h in hovers if "El Salvador</b>: 0 " in h]
    assert latest and all("Not placed: flagged score" in h for h in latest)
    assert not any("Tier 5" in h or "Building" in h for h in hovers)
    twin = texts(view["trend_twin"])
    assert "Not placed: flagged score" in twin and "Building" not in twin
    assert "Tier 1: Role-modelling" in twin  # Oman


def test_a_ranking_without_held_out_values_says_nothing_of_them(pages, engine):
    view = pages["compare"].compare_view(engine, ["MAR", "OMN"], 2024, "en")
    assert "no second source" not in view["ranking_note"]


# ---------------------------------------------------------------- Overview, Country, brief


def test_overview_summary_of_a_held_out_score(pages, engine):
    """An Overview card's edition summary (used for the watched countries) of a held-out
    score: the score and the flag's reason, "not placed", and no change."""
    overview = pages["overview"]
    row = overall_of(engine, ["SLV"]).iloc[-1]
    shown = texts(overview.edition_summary("SLV", row, "en"))
    assert "Not placed: flagged score" in shown and "looks like a placeholder" in shown
    assert "No change computed: the GCI 2024 score is flagged." in shown
    assert "Building" not in shown and "points since" not in shown


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_country_page_gives_no_tier_to_a_placeholder(pages, engine, lang):
    """El Salvador's page: its 2024 score 0 with the flag, "not placed" in the trend twin and
    the table of every figure, no "Tier 5", and no distance to a next tier."""
    country = pages["country"]
    names = data.country_names(engine, lang)
    blocks = html.Div(country.country_content(
        "SLV", names["SLV"], data.gci_observations(engine, ["SLV"], lang), lang))
    shown = texts(blocks)
    assert shown.count(rank_texts.not_placed_text(lang)) >= 2
    assert t("Tier {tier}: {label}", lang, tier=5, label=t("Building", lang)) not in shown
    assert find(blocks, country.ID_STANDING) is None
    assert t(data.CORRECTION_LABELS["flag"], lang) in shown


def _brief_text(engine, iso3, lang, group=None) -> str:
    page = brief.render_brief(engine, iso3, lang, group)
    page = re.sub(r"<(style|svg)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).replace("&#x27;", "'")


def test_brief_of_a_placeholder_places_it_nowhere(engine):
    """El Salvador's brief: "not placed" with the flag's reason, no tier 5, no distance to a
    next tier, no percentile from the tier in the other indices."""
    shown = _brief_text(engine, "SLV", "en")
    assert "Not placed: flagged score; overall score 0 out of 100." in shown
    assert "looks like a placeholder" in shown and "El Salvador (GCI 2024)" in shown
    assert "Tier 5" not in shown and "Building" not in shown
    assert "Distance to the next tier" not in shown
    assert "by tier" not in shown


def test_oman_brief_keeps_its_tier(engine):
    """Oman's flagged 97.02 is given by two sources: its brief keeps tier 1."""
    shown = _brief_text(engine, "OMN", "en")
    assert "Tier 1: Role-modelling; overall score 97.02 out of 100." in shown
    assert "Not placed" not in shown


# ---------------------------------------------------------------- group medians


def test_group_median_leaves_out_a_held_out_member_and_names_it(engine):
    """A group of Morocco, Tunisia, El Salvador and Palau: the 2024 median is Morocco's and
    Tunisia's (89.75), not one pulled down by two placeholder zeros (41); the left-out rows
    are El Salvador's and Palau's, and the note names them and says why."""
    members = ["MAR", "TUN", "SLV", "PLW"]
    overall = overall_of(engine, members)
    assert brief_data.group_trend(overall, "MAR", members)[2024] == pytest.approx(89.75)
    left = brief_data.left_out(overall, members, "score_100")
    assert set(left["iso3"]) == PLACEHOLDERS and set(left["edition"]) == {2024}
    note = rank_texts.median_left_out_note(left, "en")
    assert note.startswith("⚑ Left out of the group median: El Salvador (GCI 2024) and Palau "
                           "(GCI 2024).")
    assert "flags the score as doubtful" in note
    assert rank_texts.median_left_out_note(left.iloc[0:0], "en") is None


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_brief_median_note_names_the_left_out_members(engine, monkeypatch, lang):
    """Rendered: a brief whose group holds the placeholders draws the 2024 median without them
    and says under the chart which members were left out."""
    real = data.group_members

    def members(engine, group_id):
        found = real(engine, group_id)
        return [*found, "SLV", "PLW"] if group_id == "maghreb" else found

    monkeypatch.setattr(data, "group_members", members)
    info = brief_data.brief_data(engine, "MAR", "maghreb", lang)
    assert info["group_trend"][2024] == pytest.approx(68.09)  # the Maghreb's own median
    shown = _brief_text(engine, "MAR", lang, "maghreb")
    note = rank_texts.median_left_out_note(info["trend_left_out"], lang)
    assert re.sub(r"\s+", " ", note) in shown  # spaced as _brief_text spaces the page
    assert all(name in shown for name in NAMES[lang])


# ---------------------------------------------------------------- exports keep the row


def test_export_keeps_the_published_row_and_its_flag(engine):
    """Downloads keep El Salvador's 2024 row as read, 0 with the ledger's flag in its
    correction column, marked held out and without the tier the curator derived from that 0
    (every format: tests/etl/test_export_held_out.py)."""
    frame = export_frame(engine, ExportFilter(indicators=(data.GCI_OVERALL,),
                                              countries=("SLV",), editions=(2024,)))
    row = frame.iloc[0]
    assert row["value"] == 0 and pd.isna(row["tier"]) and pd.isna(row["tier_label"])
    assert bool(row["held_out"])
    assert str(row["correction"]).startswith("flag: GCI 2024 score 0 in the SSPI")


# ---------------------------------------------------------------- Data page

DATA_2024 = {"indicator": data.GCI_OVERALL, "edition": "2024", "country": "SLV,PLW,OMN"}


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_data_table_places_no_placeholder(pages, app_context, lang):
    """The Data table shows El Salvador's and Palau's 0 with no tier nor tier name, their
    held_out cell in the Compare page's words for such a value ("⚑ Not placed: flagged
    score"), and a note by the table names both and says why; Oman keeps tier 1 and a blank
    held_out cell. In Arabic that cell is laid out as Arabic, not as a code."""
    page = pages["data"]
    tree = page.layout(lang=lang, **DATA_2024)
    table = find(tree, page.ID_TABLE)
    rows = {r["iso3"]: r for r in table.data}
    for iso3 in PLACEHOLDERS:
        assert rows[iso3]["value"] == 0
        assert rows[iso3]["tier"] is None and rows[iso3]["tier_label"] is None
        assert rows[iso3]["held_out"] == rank_texts.not_placed_text(lang)
    assert rows["OMN"]["tier"] == 1 and rows["OMN"]["held_out"] is None
    note = texts(find(tree, page.ID_TABLE_NOTES))
    assert rank_texts.held_out_note(pd.DataFrame(
        {"country": NAMES[lang], "edition": [2024, 2024]}), lang) in note
    assert "held_out" not in {rule["if"]["column_id"] for rule in table.style_cell_conditional}


def test_data_table_says_nothing_without_a_placeholder(pages, app_context):
    """A view without a held-out value has no such note, and every held_out cell is blank."""
    page = pages["data"]
    tree = page.layout(lang="en", **{**DATA_2024, "country": "OMN,MAR"})
    assert {r["held_out"] for r in find(tree, page.ID_TABLE).data} == {None}
    assert "Not placed" not in texts(find(tree, page.ID_TABLE_NOTES))
    assert "No tier, change or group figure" not in texts(find(tree, page.ID_TABLE_NOTES))


@pytest.mark.parametrize(("lang", "typed"), [("en", "Not placed"), ("fr", "Non classé"),
                                             ("ar", "غير مصنَّف")])
def test_data_filter_reads_the_held_out_words(pages, app_context, lang, typed):
    """The held_out column's filter reads what its cells say: typing their words ("Not
    placed") finds the two held-out rows (it found none: the filter compared the stored
    true/false with the words)."""
    page = pages["data"]
    said = rank_texts.not_placed_text(lang)
    assert typed in said
    tree = page.layout(lang=lang, **DATA_2024, where=f'{{held_out}} contains "{typed}"')
    assert {r["iso3"] for r in find(tree, page.ID_TABLE).data} == PLACEHOLDERS
