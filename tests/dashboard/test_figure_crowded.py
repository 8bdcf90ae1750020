"""Charts of many countries (the African Union preset: 54 and Oman): only the watched
countries in colour, on top, the others light grey and named by their hover, one legend entry
for them; eight colours cycling had drawn Angola and DR Congo as the same blue circle under a
legend of 54 names. A chart of a few countries is drawn as before."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import figures
from dashboard.data import GCI_PILLARS
from dashboard.figures_crossindex import percentile_dots_figure
from dashboard.i18n import PDI, RLI

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


def pillars_frame(selection: list[str]) -> pd.DataFrame:
    return pd.DataFrame([{"iso3": code, "country": f"Country {code}", "edition": 2024,
                          "indicator_id": key, "value": float(i % 20)}
                         for i, code in enumerate(selection) for key in GCI_PILLARS])


def trend(selection: list[str], lang: str = "en"):
    return figures.gci_trend_figure(trend_frame(selection), lang,
                                    styles=figures.country_styles(selection, FOCUS),
                                    focus=FOCUS)


def dots(selection: list[str], lang: str = "en"):
    return percentile_dots_figure(dots_frame(selection), LABELS, lang,
                                  styles=figures.country_styles(selection, FOCUS), focus=FOCUS)


def pillars(selection: list[str], lang: str = "en"):
    return figures.pillars_figure(pillars_frame(selection), lang, series="country",
                                  styles=figures.country_styles(selection, FOCUS),
                                  selected={c: f"Country {c}" for c in selection},
                                  edition=2024, focus=FOCUS)


# The charts whose every country is a trace of its own (the crowded pillar chart is a row of
# dots a pillar: tests/dashboard/test_figure_pillar_spread.py).
TRACE_BUILDERS = [pytest.param(trend, id="compare-trend"),
                  pytest.param(dots, id="crossindex-dots")]
BUILDERS = [*TRACE_BUILDERS, pytest.param(pillars, id="compare-pillars")]


def countries_drawn(fig) -> list:
    return [tr for tr in fig.data if "iso3" in (tr.meta or {})]


def hover_texts(tr) -> list[str]:
    """What a trace's hover shows: its texts."""
    return list(tr.text)


@pytest.mark.parametrize("build", TRACE_BUILDERS)
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


@pytest.mark.parametrize("build", TRACE_BUILDERS)
def test_many_countries_legend_has_the_watched_and_one_other_entry(build):
    """The legend: Morocco, Oman and "53 other countries" (it listed 55 names)."""
    fig = build(codes(55))
    shown = [tr.name for tr in fig.data if tr.showlegend is not False]
    assert shown == ["Country MAR", "Country OMN", "53 other countries"]


@pytest.mark.parametrize("build", TRACE_BUILDERS)
def test_every_grey_country_is_named_by_its_hover(build):
    """Each grey country's points say whose they are (the legend no longer does)."""
    fig = build(codes(55))
    drawn = countries_drawn(fig)
    assert len({tr.meta["iso3"] for tr in drawn}) == 55
    for tr in drawn:
        said = hover_texts(tr)
        assert said and all(f"Country {tr.meta['iso3']}" in text for text in said)


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
    styles = figures.country_styles(selection, FOCUS)
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


WATCHED_COLOURS = figures.OKABE_ITO[:2]  # Morocco's blue, Oman's orange


@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize("count", [3, 9, 10, 11, 20, 55])
def test_no_other_country_takes_a_watched_countrys_colour(build, count):
    """At any count, Morocco is blue and Oman orange and no other country is either: the
    pillars of the African Union had Ghana and Rwanda blue, Egypt orange, and the trend of
    the 9 global leaders the United States blue (the palette cycled over all countries)."""
    selection = codes(count)
    drawn = {tr.meta["iso3"]: tr.marker.color for tr in countries_drawn(build(selection))}
    assert (drawn["MAR"], drawn["OMN"]) == WATCHED_COLOURS
    assert not {colour for code, colour in drawn.items() if code not in FOCUS} & \
        set(WATCHED_COLOURS)


def test_the_watched_colours_are_theirs_wherever_they_sit_or_are_absent():
    """The watched countries keep their colours in any place of the picker; a selection
    without them gives nobody their colours."""
    styles = figures.country_styles(["TUN", "OMN", "EGY", "QAT", "MAR"], FOCUS)
    assert (styles["MAR"].colour, styles["OMN"].colour) == WATCHED_COLOURS
    others = figures.country_styles([f"C{i:02d}" for i in range(30)], FOCUS)
    assert not {s.colour for s in others.values()} & set(WATCHED_COLOURS)
    # no two countries of a page share both colour and symbol before 24 others
    assert len({tuple(s) for s in others.values()}) == 24
    # without watched countries (the Country page's own use), the palette in order as before
    assert figures.country_styles(["TUN", "EGY"]) == {"TUN": figures.style_at(0),
                                                     "EGY": figures.style_at(1)}


def test_a_figure_without_styles_still_keeps_the_watched_colours():
    """A chart given no styles (or styles missing a country) completes them without handing
    Morocco's or Oman's colour to another country."""
    selection = codes(9)
    fig = figures.gci_trend_figure(trend_frame(selection), "en", focus=FOCUS)
    drawn = {tr.meta["iso3"]: tr.marker.color for tr in countries_drawn(fig)}
    assert (drawn["MAR"], drawn["OMN"]) == WATCHED_COLOURS
    assert not {c for k, c in drawn.items() if k not in FOCUS} & set(WATCHED_COLOURS)


@pytest.mark.parametrize("build", BUILDERS)
def test_the_arabic_others_entry_reads_right_to_left(build):
    """"20 بلدًا آخر" is a right-to-left isolate, as the titles are (laid out left to right
    it showed "بلدًا آخر 20"); other languages are left as they are."""
    arabic = [tr.name for tr in build(codes(22), "ar").data if "others" in (tr.meta or {})]
    assert len(arabic) == 1
    assert arabic[0].startswith(RLI) and arabic[0].endswith(PDI)
    english = [tr.name for tr in build(codes(22)).data if "others" in (tr.meta or {})]
    assert english == ["20 other countries"]


def test_few_bars_of_a_crowded_selection_take_distinct_colours():
    """The African Union (55) has 2024 pillar scores for a few countries: their bars take the
    palette in their own order (the other charts draw them grey), not their places among 55,
    which gave Egypt and Mauritius one blue."""
    selection = codes(55)
    with_bars = ["MAR", "OMN", "C05", "C11", "C17", "C23"]  # 6 apart: one colour among 55
    assert len({figures.country_styles(selection, FOCUS)[c].colour for c in with_bars[2:]}) == 1
    fig = figures.pillars_figure(pillars_frame(with_bars), "en", series="country",
                                 styles=figures.country_styles(selection, FOCUS),
                                 selected={c: f"Country {c}" for c in selection},
                                 edition=2024, focus=FOCUS)
    colours = [tr.marker.color for tr in countries_drawn(fig)]
    assert len(set(colours)) == len(with_bars) and colours[:2] == list(WATCHED_COLOURS)


def test_a_bar_colour_met_again_is_hatched():
    """Ten countries, eight of them others over six colours: the bars have no symbol, so the
    two whose colour an earlier bar has are hatched (the legend shows it too)."""
    fig = pillars(codes(figures.MANY_COUNTRIES))
    bars = countries_drawn(fig)
    first: dict[str, str] = {}
    for tr in bars:
        shape = tr.marker.pattern.shape if tr.marker.pattern else None
        if tr.marker.color in first:
            assert shape, tr.meta["iso3"]
        else:
            assert not shape, tr.meta["iso3"]
            first[tr.marker.color] = tr.meta["iso3"]
    assert len(first) < len(bars)  # some colours repeat: the check above ran
