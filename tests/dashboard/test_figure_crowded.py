"""Charts of many countries (the African Union preset: 54 and Oman): only the watched
countries in colour, on top, the others light grey and named by their hover, one legend entry
for them; eight colours cycling had drawn Angola and DR Congo as the same blue circle under a
legend of 54 names. A chart of a few countries is drawn as before."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import figures
from dashboard.figures_crossindex import percentile_dots_figure

FOCUS = ("MAR", "OMN")
LABELS = {"gci": "GCI (ITU)", "ncsi": "NCSI (e-Governance Academy)", "egdi": "EGDI (UN DESA)"}


def codes(n: int) -> list[str]:
    """``n`` country codes: the watched countries, then made-up ones (``C00``, ``C01``...)."""
    return [*FOCUS, *(f"C{i:02d}" for i in range(n - len(FOCUS)))]


def trend_frame(selection: list[str]) -> pd.DataFrame:
    rows = []
    for i, code in enumerate(selection):
        rows.append((code, f"Country {code}", 2020, float(i % 90), "0-100", i + 1, None))
        rows.append((code, f"Country {code}", 2024, float((i * 7) % 90), "0-100", None, 1))
    return pd.DataFrame(rows, columns=["iso3", "country", "edition", "value", "scale", "rank",
                                       "tier"])


def dots_frame(selection: list[str]) -> pd.DataFrame:
    n = len(selection)
    frame = pd.DataFrame({"iso3": selection, "country": [f"Country {c}" for c in selection]})
    for key, edition in (("gci", 2024), ("ncsi", 2025), ("egdi", 2024)):
        frame[f"{key}_percentile"] = [float(i * 100 // (n - 1)) for i in range(n)]
        frame[f"{key}_edition"] = edition
        frame[f"{key}_group_n"] = n
        frame[f"{key}_basis"] = "score"
    frame["gci_percentile"] = 100.0  # a tie of every country (tiers): each still named
    return frame


def trend(selection: list[str], lang: str = "en"):
    return figures.gci_trend_figure(trend_frame(selection), lang,
                                    styles=figures.country_styles(selection), focus=FOCUS)


def dots(selection: list[str], lang: str = "en"):
    return percentile_dots_figure(dots_frame(selection), LABELS, lang,
                                  styles=figures.country_styles(selection), focus=FOCUS)


BUILDERS = [pytest.param(trend, id="compare-trend"), pytest.param(dots, id="crossindex-dots")]


def countries_drawn(fig) -> list:
    return [tr for tr in fig.data if "iso3" in (tr.meta or {})]


@pytest.mark.parametrize("build", BUILDERS)
def test_many_countries_grey_but_the_watched(build):
    """55 countries: the watched ones in two distinct colours, drawn last; every other one
    light grey (no colour repeats between two named countries any more)."""
    fig = build(codes(55))
    drawn = countries_drawn(fig)
    assert {tr.meta["iso3"] for tr in drawn} == set(codes(55))
    lit = {tr.meta["iso3"]: tr.marker.color for tr in drawn if tr.meta["iso3"] in FOCUS}
    assert len(set(lit.values())) == 2 and figures.OTHER_COLOUR not in lit.values()
    assert {tr.marker.color for tr in drawn if tr.meta["iso3"] not in FOCUS} == \
        {figures.OTHER_COLOUR}
    order = list(dict.fromkeys(tr.meta["iso3"] for tr in drawn))
    assert order[-2:] == list(FOCUS)  # on top


@pytest.mark.parametrize("build", BUILDERS)
def test_many_countries_legend_has_the_watched_and_one_other_entry(build):
    """The legend: Morocco, Oman and "53 other countries" (it listed 55 names)."""
    fig = build(codes(55))
    shown = [tr.name for tr in fig.data if tr.showlegend is not False]
    assert shown == ["Country MAR", "Country OMN", "53 other countries"]


@pytest.mark.parametrize("build", BUILDERS)
def test_every_grey_country_is_named_by_its_hover(build):
    """Each grey country's points say whose they are (the legend no longer does)."""
    fig = build(codes(55))
    for tr in countries_drawn(fig):
        assert all(f"Country {tr.meta['iso3']}" in text for text in tr.text)


def test_dots_tied_in_a_crowded_chart_name_each_other():
    """Dots at the very same percentile lie on one another: the hover of each names the
    others there, in the page's language."""
    fig = dots(codes(12), "fr")
    gci = [tr for tr in countries_drawn(fig) if tr.meta["iso3"] == "C03"][0]
    hover = gci.text[list(gci.y).index(LABELS["gci"])]
    assert "Country MAR" in hover and "Country C09" in hover


def test_a_crowded_trend_hovers_one_country_at_a_time():
    """The hover names the country under the pointer (a list of 55 at an edition would not
    read); a chart of a few countries keeps the list of every country at the edition."""
    assert trend(codes(55)).layout.hovermode == "closest"
    assert trend(codes(7)).layout.hovermode == "x unified"


@pytest.mark.parametrize("build", BUILDERS)
def test_ten_countries_keep_a_colour_each(build):
    """Up to ten countries each keeps its own colour and legend entry, as before."""
    selection = codes(figures.MANY_COUNTRIES)
    fig = build(selection)
    styles = figures.country_styles(selection)
    assert {tr.meta["iso3"]: tr.marker.color for tr in countries_drawn(fig)} == \
        {code: styles[code].colour for code in selection}
    assert not [tr for tr in fig.data if "others" in (tr.meta or {})]


def test_the_watched_keep_distinct_colours_wherever_they_sit():
    """Watched countries placed 8 apart in the picker (the palette's cycle) would share a
    colour: the crowded chart gives them distinct ones."""
    selection = ["MAR", *(f"C{i:02d}" for i in range(7)), "OMN", *(f"D{i:02d}" for i in range(9))]
    fig = figures.gci_trend_figure(trend_frame(selection), "en",
                                   styles=figures.country_styles(selection), focus=FOCUS)
    lit = {tr.marker.color for tr in countries_drawn(fig) if tr.meta["iso3"] in FOCUS}
    assert len(lit) == 2
