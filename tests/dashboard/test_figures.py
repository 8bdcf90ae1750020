"""Figures are pure functions of frames: the 2024 break, the 0-100 rescaling, i18n, palette."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

from dashboard import figures
from dashboard.data import GCI_PILLARS
from dashboard.i18n import as_typed


def overall_rows(rows):
    return pd.DataFrame(rows, columns=["iso3", "country", "edition", "value", "scale", "rank",
                                       "tier"])


@pytest.fixture
def trend_frame() -> pd.DataFrame:
    return overall_rows([
        ("OMN", "Oman", 2014, 0.765, "0-1", 3, None),
        ("OMN", "Oman", 2017, 0.871, "0-1", 4, None),
        ("OMN", "Oman", 2018, 0.868, "0-1", 16, None),
        ("OMN", "Oman", 2020, 96.04, "0-100", 21, None),
        ("OMN", "Oman", 2024, 97.02, "0-100", None, 1),
        ("MAR", "Morocco", 2018, 0.429, "0-1", 93, None),
        ("MAR", "Morocco", 2020, 82.41, "0-100", 50, None),
        ("MAR", "Morocco", 2024, 97.5, "0-100", None, 1),
    ])


def pillar_rows(iso3, country, edition, values):
    return [{"iso3": iso3, "country": country, "edition": edition, "indicator_id": key,
             "value": v} for key, v in zip(GCI_PILLARS, values, strict=True)]


def test_no_trace_bridges_the_2024_break(trend_frame):
    """No trace connects a point before 2024 to a 2024 point."""
    fig = figures.gci_trend_figure(trend_frame, "en")
    assert {x for trace in fig.data for x in trace.x} >= {2018, 2024}  # both sides drawn
    for trace in fig.data:
        xs = list(trace.x)
        assert all(x < 2024 for x in xs) or all(x >= 2024 for x in xs), xs


def _bridges(trace) -> bool:
    xs = list(trace.x)
    return any(x < 2024 for x in xs) and any(x >= 2024 for x in xs)


def test_join_is_off_by_default(trend_frame):
    """Without join_break (or with it False) nothing connects 2020 and 2024."""
    for fig in (figures.gci_trend_figure(trend_frame, "en"),
                figures.gci_trend_figure(trend_frame, "en", join_break=False)):
        assert not any(_bridges(tr) for tr in fig.data)
        assert not any((tr.meta or {}).get("segment") == "across_break" for tr in fig.data)


def test_join_across_the_break_is_a_separate_marked_dotted_segment(trend_frame):
    """With join_break each country gets one extra 2020→2024 trace: dotted, in its colour,
    one legend entry and a hover saying it crosses the break; the other traces are unchanged."""
    plain = figures.gci_trend_figure(trend_frame, "en")
    fig = figures.gci_trend_figure(trend_frame, "en", join_break=True)
    joined = [tr for tr in fig.data if _bridges(tr)]
    assert {tr.meta["iso3"] for tr in joined} == {"OMN", "MAR"} and len(joined) == 2
    for tr in joined:
        assert list(tr.x) == [2020, 2024] and tr.mode == "lines"
        assert tr.line.dash in ("dot", "dash", "dashdot")
        assert tr.meta["segment"] == "across_break"
        assert "joined across the methodology break: not comparable" in tr.name
        assert all("not comparable" in text for text in tr.text)
        own = next(b for b in fig.data if b.legendgroup == tr.meta["iso3"])
        assert tr.line.color == own.marker.color
    assert sum(bool(tr.showlegend) for tr in joined) == 1
    assert len(fig.data) == len(plain.data) + 2
    oman = next(tr for tr in joined if tr.meta["iso3"] == "OMN")
    assert list(oman.y) == pytest.approx([96.04, 97.02])


def test_join_needs_both_sides_and_is_translated(trend_frame):
    """A country with only one side of the break gets no joining segment; French label."""
    only_before = trend_frame[~((trend_frame["iso3"] == "MAR") & (trend_frame["edition"] == 2024))]
    fig = figures.gci_trend_figure(only_before, "fr", join_break=True)
    joined = [tr for tr in fig.data if _bridges(tr)]
    assert [tr.meta["iso3"] for tr in joined] == ["OMN"]
    assert "rupture méthodologique" in joined[0].name


def test_2024_is_drawn_as_markers_of_the_same_country(trend_frame):
    """2024 points are a markers-only trace in the country's colour and legend group."""
    fig = figures.gci_trend_figure(trend_frame, "en")
    after = [tr for tr in fig.data if list(tr.x) == [2024]]
    assert {tr.mode for tr in after} == {"markers"}
    for tr in after:
        before = next(b for b in fig.data if b.legendgroup == tr.legendgroup and b is not tr)
        assert before.marker.color == tr.marker.color
        assert "lines" in before.mode


def test_scores_published_on_0_1_are_rescaled_to_100(trend_frame):
    """Oman 2018 published 0.868 is plotted at 86.8."""
    fig = figures.gci_trend_figure(trend_frame, "en")
    oman = next(tr for tr in fig.data if tr.legendgroup == "OMN" and 2018 in tr.x)
    assert dict(zip(oman.x, oman.y, strict=True))[2018] == pytest.approx(86.8)
    assert dict(zip(oman.x, oman.y, strict=True))[2020] == pytest.approx(96.04)


def test_axis_and_break_are_labelled(trend_frame):
    """The y axis says it is rescaled; a dashed line and a note mark the break."""
    fig = figures.gci_trend_figure(trend_frame, "en")
    title = fig.layout.yaxis.title.text.replace("<br>", " ")  # broken to fit the height
    title = as_typed(title)  # its ranges are kept on one line (word joiners)
    assert "rescaled to 0-100" in title and "2014-2018 published on 0-1" in title
    assert any(s.line.dash == "dash" and 2020 < s.x0 < 2024 for s in fig.layout.shapes)
    assert any("methodology break" in a.text for a in fig.layout.annotations)


def test_hover_shows_the_published_value(trend_frame):
    """Hover text gives the 0-100 score and the value as published on 0-1."""
    fig = figures.gci_trend_figure(trend_frame, "en")
    morocco = next(tr for tr in fig.data if tr.legendgroup == "MAR" and 2018 in tr.x)
    assert "42.9" in morocco.text[0] and "0.429" in morocco.text[0]


def test_trend_figure_is_translated(trend_frame):
    """Titles and the break note follow the language; French numbers use a comma."""
    fig = figures.gci_trend_figure(trend_frame, "fr")
    assert fig.layout.title.text == "Score global du GCI par édition"
    assert any("rupture méthodologique" in a.text.replace("<br>", " ")
               for a in fig.layout.annotations)
    assert fig.layout.separators == ", "
    morocco = next(tr for tr in fig.data if tr.legendgroup == "MAR" and 2018 in tr.x)
    assert "0,429" in morocco.text[0]
    arabic = figures.gci_trend_figure(trend_frame, "ar")
    note = arabic.layout.annotations[0].text
    assert "تغيّر في المنهجية" in note.replace(figures.PDI + "<br>" + figures.RLI, " ")


def test_series_use_the_okabe_ito_palette(trend_frame):
    """Each country gets an Okabe-Ito colour and its own marker symbol."""
    fig = figures.gci_trend_figure(trend_frame, "en")
    colours = {tr.legendgroup: tr.marker.color for tr in fig.data}
    symbols = {tr.legendgroup: tr.marker.symbol for tr in fig.data if "lines" in tr.mode}
    assert set(colours.values()) <= set(figures.OKABE_ITO)
    assert len(set(colours.values())) == 2 and len(set(symbols.values())) == 2


def test_pillars_by_edition_have_five_bars_each():
    """One bar series per edition, five pillars each, on a 0-20 axis."""
    frame = pd.DataFrame(pillar_rows("MAR", "Morocco", 2020, [18.4, 17.94, 12.37, 15.24, 18.46])
                         + pillar_rows("MAR", "Morocco", 2024, [20, 18.12, 20, 19.38, 20]))
    fig = figures.pillars_figure(frame, "en", series="edition")
    assert [tr.name for tr in fig.data] == ["GCI 2020", "GCI 2024"]
    assert list(fig.data[0].y) == ["Legal", "Technical", "Organizational",
                                   "Capacity development", "Cooperation"]
    assert list(fig.data[1].x) == [20, 18.12, 20, 19.38, 20]
    assert tuple(fig.layout.xaxis.range) == (0, 22.5)


def test_pillars_by_country_in_arabic_grow_from_the_right():
    """Per-country series carry the country names; Arabic mirrors the value axis."""
    frame = pd.DataFrame(pillar_rows("MAR", "المغرب", 2024, [20, 18.12, 20, 19.38, 20])
                         + pillar_rows("OMN", "عُمان", 2024, [19.59, 18.39, 20, 19.03, 20]))
    fig = figures.pillars_figure(frame, "ar", series="country")
    assert [tr.name for tr in fig.data] == ["المغرب", "عُمان"]
    assert fig.data[0].y[0] == "التدابير القانونية"
    assert tuple(fig.layout.xaxis.range) == (22.5, 0)


def test_missing_pillar_is_a_gap_not_a_zero():
    """A pillar absent from the frame is drawn as nothing, never as 0."""
    frame = pd.DataFrame(pillar_rows("MAR", "Morocco", 2020, [18.4, 17.94, 12.37, 15.24, 18.46])[:4])
    fig = figures.pillars_figure(frame, "en")
    assert pd.isna(fig.data[0].x[4]) and fig.data[0].text[4] == "–"


@pytest.mark.parametrize("builder", [figures.gci_trend_figure, figures.pillars_figure],
                         ids=["trend", "pillars"])
def test_empty_frames_give_a_figure_that_says_so(builder):
    """No rows: a blank figure with a "no data" note, not an exception."""
    fig = builder(pd.DataFrame(columns=["iso3", "country", "edition", "value", "scale",
                                        "indicator_id"]), "en")
    assert not fig.data
    assert fig.layout.annotations[0].text == "No data for this selection."


def test_figures_module_has_no_dash_import_and_no_map():
    """figures.py imports no Dash and draws no map (no border may be drawn)."""
    source = inspect.getsource(figures)
    imports = [line.split()[1] for line in source.splitlines()
               if line.startswith(("import ", "from "))]
    assert not [name for name in imports if name == "dash" or name.startswith("dash.")]
    for word in ("Choropleth", "Scattergeo", "geo=", "mapbox"):
        assert word not in source
