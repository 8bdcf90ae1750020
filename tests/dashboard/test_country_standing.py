"""Country page: the distance to the next GCI tier, per pillar, against the peer group (the
brief's view, in the interactive page too)."""

from __future__ import annotations

import pytest

from dashboard import brief_data, brief_html, data, i18n
from dashboard.i18n import format_number, t
from tests.dashboard.tree_support import find, texts, walk

HEADINGS = {"en": "Distance to the next tier", "fr": "Distance au niveau suivant",
            "ar": "المسافة إلى المستوى التالي"}


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_country_page_shows_the_distance_to_the_next_tier(pages, app_context, lang):
    """Oman (tier 1 in GCI 2024): the gaps to the maximum, each pillar's score beside the
    GCC's median and best, and the headroom to 20, in the page's language."""
    page = pages["country"]
    root = page.layout(iso3="OMN", lang=lang)
    section = find(root, page.ID_STANDING)
    assert section is not None
    said = texts(section)
    assert HEADINGS[lang] in said and i18n.t("GCI {edition}", lang, edition="2024") in said
    with i18n.use_digits("arab"):  # the edition in the reader's digits too
        assert "المؤشر ٢٠٢٤" in texts(find(page.layout(iso3="OMN", lang="ar"), page.ID_STANDING))
    found = brief_data.standing(data.current_engine(), "OMN", "gcc", lang)
    assert found["tier"] == 1 and found["distance"]["kind"] == "top"
    legal = next(r for r in found["pillars"] if r["pillar"].endswith("legal"))
    assert legal["value"] == pytest.approx(19.59) and legal["headroom"] == pytest.approx(0.41)
    assert legal["peers"] >= 1 and legal["best"] >= legal["value"]
    headers, rows = brief_html.distance_table(found["pillars"], lang)
    assert len(headers) == 5 and len(rows) == len(data.GCI_PILLARS)
    for row in rows:
        assert all(cell in said for cell in row)
    # Five columns outgrow a phone (the page scrolled sideways, 433 px of 390): the table
    # scrolls in its own named box, reachable by keyboard.
    [box] = [n for n in walk(section) if getattr(n, "className", None) == "ci-table-scroll"]
    assert box.tabIndex == "0" and box.role == "region"
    assert box.to_plotly_json()["props"]["aria-label"].startswith(
        t("Distance to the next tier, per pillar", lang))


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "The pillar distances add up to 2.99, not 2.98: the pillars are published rounded "
           "and sum to 97.01, while the overall score is published as 97.02."),
    ("fr", "Les écarts par pilier totalisent 2,99, et non 2,98"),
])
def test_pillar_distances_that_do_not_add_up_say_why(pages, app_context, lang, said):
    """Oman 2024: 2.98 to 100 overall (97.02), but its pillars' gaps add up to 2.99 (they sum
    to 97.01, each rounded): the page and the brief say so instead of leaving the reader to
    find two figures that disagree."""
    page = pages["country"]
    assert said in texts(find(page.layout(iso3="OMN", lang=lang), page.ID_STANDING))
    info = brief_data.brief_data(data.current_engine(), "OMN", "gcc", lang)
    assert said.split(":")[0] in brief_html.section_distance(info, lang)


def test_pillars_that_add_up_need_no_note():
    """No note when the pillars add up to the overall score, below tier 1 (the points needed
    are not the pillars' sum) or when the pillars are another edition's."""
    pillars = [{"value": v} for v in (19.5, 19.5, 20.0, 19.0, 20.0)]
    found = {"distance": {"kind": "top", "gap": 2.0}, "pillars": pillars,
             "latest": {"edition": 2024, "score_100": 98.0}, "pillar_edition": 2024}
    assert brief_html.pillar_rounding_note(found, "en") is None
    assert brief_html.pillar_rounding_note({**found, "distance": {"kind": "top", "gap": 2.5}},
                                      "en") is not None
    assert brief_html.pillar_rounding_note({**found, "distance": {"kind": "top", "gap": 2.5},
                                       "pillar_edition": 2020}, "en") is None
    assert brief_html.pillar_rounding_note({**found, "distance": {"kind": "next", "needed": 3}},
                                      "en") is None


def test_the_distance_names_the_tier_above_and_the_points_needed(pages, app_context):
    """A country below tier 1 is told the points its overall score needs for the tier above
    and the threshold, from the published score (nothing estimated)."""
    engine = data.current_engine()
    overall = data.gci_observations(engine, None, "en")
    latest = overall[(overall["indicator_id"] == data.GCI_OVERALL)
                     & (overall["edition"] == 2024) & (overall["tier"] == 3)].iloc[0]
    page = pages["country"]
    section = find(page.layout(iso3=latest["iso3"], lang="en"), page.ID_STANDING)
    said = texts(section)
    needed = format_number(round(85 - float(latest["value"]), 2), "en", 2)
    assert f"To reach tier 2 (Advancing) the overall score needs {needed} more points " \
           "(threshold 85)" in said


def test_no_section_without_a_tier_or_pillars(pages, app_context):
    """A country with no GCI tier has no distance to show: no section, no invented one."""
    page = pages["country"]
    engine = data.current_engine()
    observations = data.gci_observations(engine, None, "en")
    with_tier = set(observations.loc[observations["tier"].notna(), "iso3"])
    known = set(data.country_names(engine, "en"))
    without = sorted(known - with_tier)
    assert without
    assert find(page.layout(iso3=without[0], lang="en"), page.ID_STANDING) is None


def test_country_trend_uses_the_compare_colour(pages, app_context):
    """The country's line has the colour it has in the Compare page's default selection."""
    from dashboard import data, figures
    from tests.dashboard.tree_support import walk

    country = pages["country"]
    engine = data.current_engine()
    default = [*data.current_settings().watched_countries, *data.DEFAULT_PEERS]
    code = default[1]
    assert not data.gci_observations(engine, [code], "en").empty, code
    root = country.layout(iso3=code, lang="en")
    graphs = [c for c in walk(root) if getattr(c, "id", None) == country.ID_TREND]
    colours = {tr.marker.color for tr in graphs[0].figure.data}
    assert colours == {figures.country_styles(default)[code].colour}
