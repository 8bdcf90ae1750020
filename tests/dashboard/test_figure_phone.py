"""What a 390 px phone needs from the Compare trend and the Cross-index dots: edition labels
that never overlap (level, a crowded one a row lower) and a legend under the axis title, in
every language; tied dots nested with the focus countries as open rings on top, none moved."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import figures
from dashboard.data import GCI_EDITIONS
from dashboard.figures_crossindex import DOT_SIZE, INDEX_KEYS, percentile_dots_figure
from tests.dashboard.test_figure_series import FOCUS, NAMES, SELECTION, overall

LANGS = [pytest.param("en", id="en"), pytest.param("fr", id="fr"), pytest.param("ar", id="ar")]
# Measured in Chromium at 390 px (the audit's phone): the trend's plot is 231 px wide, an
# edition's label 33 px wide and a row of labels 17 px high.
PHONE_PLOT_WIDTH, LABEL_WIDTH, LABEL_GAP = 231, 33, 2


@pytest.fixture
def editions() -> pd.DataFrame:
    """Every GCI edition for the default selection (0-1 before 2020, as published)."""
    rows = []
    for edition in GCI_EDITIONS:
        for i, code in enumerate(SELECTION):
            value = 40 + 5 * i + (edition - 2014)
            published = (value / 100, "0-1") if edition < 2020 else (value, "0-100")
            rows.append((code, NAMES[code], edition, *published, 10 + i, None))
    return overall(rows)


def trend(frame, lang="en", **kw):
    return figures.gci_trend_figure(frame, lang, styles=figures.country_styles(SELECTION),
                                    focus=FOCUS, **kw)


def label_rows(fig) -> list[tuple[float, int, str]]:
    """(edition, row of labels, text) of each x tick label."""
    axis = fig.layout.xaxis
    return [(value, text.count("<br>"), text.replace("<br>", ""))
            for value, text in zip(axis.tickvals, axis.ticktext, strict=True)]


# ---------------------------------------------------------------- the trend's edition axis


@pytest.mark.parametrize("lang", LANGS)
def test_every_edition_keeps_a_level_label(editions, lang):
    """Each edition has its tick and label (the year, in the language's digits), none
    rotated; 2018, a year after 2017, is the only one put a row lower."""
    fig = trend(editions, lang)
    axis = fig.layout.xaxis
    assert list(axis.tickvals) == list(GCI_EDITIONS) and axis.tickangle == 0
    rows = label_rows(fig)
    assert [text for _, _, text in rows] == [str(e) for e in GCI_EDITIONS]
    assert [edition for edition, row, _ in rows if row] == [2018]


@pytest.mark.parametrize("lang", LANGS)
def test_edition_labels_do_not_overlap_on_a_phone(editions, lang):
    """At a 390 px phone's plot width, labels on the same row are further apart than a
    label is wide (level labels 2017 and 2018 overlapped by 16 px), in either direction."""
    fig = trend(editions, lang)
    low, high = sorted(fig.layout.xaxis.range)
    px_per_year = PHONE_PLOT_WIDTH / (high - low)
    rows = label_rows(fig)
    for row in {r for _, r, _ in rows}:
        on_row = sorted(e for e, r, _ in rows if r == row)
        gaps = [(b - a) * px_per_year for a, b in zip(on_row, on_row[1:], strict=False)]
        assert all(gap >= LABEL_WIDTH + LABEL_GAP for gap in gaps), (row, gaps)
    # The first label clears the score axis's "0" (half a label, and some).
    assert (GCI_EDITIONS[0] - low) * px_per_year >= LABEL_WIDTH / 2 + 2


def test_arabic_keeps_its_mirror(editions):
    """Arabic: editions still run from the right and the score axis is on the right, with the
    same level labels."""
    arabic, english = trend(editions, "ar"), trend(editions, "en")
    low, high = arabic.layout.xaxis.range
    assert low > high and arabic.layout.yaxis.side == "right"
    assert label_rows(arabic) == label_rows(english)


@pytest.mark.parametrize("lang", LANGS)
def test_legend_sits_at_the_foot_under_the_axis_title(editions, lang):
    """The legend is anchored to the chart's foot (not to a share of the plot's height, which
    put a phone's rows of names on "Edition"); the axis pushes the margin so its title keeps
    above it; the chart grows with the legend's rows."""
    fig = trend(editions, lang)
    legend, axis = fig.layout.legend, fig.layout.xaxis
    assert (legend.yref, legend.y, legend.yanchor) == ("container", 0, "bottom")
    assert axis.automargin and axis.title.standoff >= 8
    fewer = trend(editions[editions["iso3"].isin(["MAR", "OMN"])], lang)
    assert fig.layout.height > fewer.layout.height
    assert trend(editions, lang, join_break=True).layout.height > fig.layout.height


@pytest.mark.parametrize(("positions", "lowered"), [
    pytest.param([2014, 2017, 2018, 2020, 2024], [2018], id="gci-editions"),
    pytest.param([1, 1.5, 2, 2.5], [1.5, 2.5], id="a-run-alternates"),
    pytest.param([2018, 2017, 2014], [2017], id="in-any-order-of-ticks"),
    pytest.param([2024, 2020, 2014], [], id="descending-none-crowded"),
    pytest.param([2014, 2020, 2024], [], id="none-crowded"),
])
def test_staggered_lowers_a_label_too_close_to_the_one_before(positions, lowered):
    labels = figures.staggered([str(p) for p in positions], positions)
    assert [p for p, label in zip(positions, labels, strict=True)
            if label.startswith("<br>")] == lowered
    assert [label.replace("<br>", "") for label in labels] == [str(p) for p in positions]


# ---------------------------------------------------------------- cross-index: tied dots


def percentiles(values: dict[str, dict[str, float]]) -> pd.DataFrame:
    """A cross-index frame: per country (in order) its percentile per index."""
    rows = []
    for code, by_index in values.items():
        row = {"iso3": code, "country": NAMES.get(code, code)}
        for key in INDEX_KEYS:
            row |= {f"{key}_percentile": by_index.get(key), f"{key}_edition": 2024,
                    f"{key}_group_n": len(values), f"{key}_basis": "score"}
        rows.append(row)
    return pd.DataFrame(rows)


LABELS = {"gci": "GCI (ITU)", "ncsi": "NCSI", "egdi": "EGDI"}


@pytest.fixture
def gulf() -> pd.DataFrame:
    """The audit's case: Saudi Arabia, the UAE and Qatar share 100 on the GCI; Morocco is at
    100 with Qatar on the NCSI; every other dot is alone."""
    return percentiles({
        "MAR": {"gci": 50, "ncsi": 100, "egdi": 0},
        "OMN": {"gci": 25, "ncsi": 50, "egdi": 25},
        "SAU": {"gci": 100, "ncsi": 75, "egdi": 100},
        "ARE": {"gci": 100, "ncsi": 25, "egdi": 75},
        "QAT": {"gci": 100, "ncsi": 100, "egdi": 50},
    })


def dots(fig) -> dict[tuple[str, str], tuple[float, float, int]]:
    """(iso3, index row) to (x, marker size, trace index) of every dot."""
    return {(tr.meta["iso3"], y.replace("<br>", " ")): (x, size, i)
            for i, tr in enumerate(fig.data)
            for x, y, size in zip(tr.x, tr.y, tr.marker.size, strict=True)}


def test_tied_dots_nest_without_moving(gulf):
    """The three countries at 100 on the GCI stay at 100 and get three sizes, each drawn
    inside the one before it (one 14 px size hid all but the last drawn)."""
    drawn = dots(percentile_dots_figure(gulf, LABELS, "en", focus=FOCUS))
    for _, row in gulf.iterrows():
        for key in INDEX_KEYS:
            assert drawn[(row["iso3"], LABELS[key])][0] == row[f"{key}_percentile"]
    at_100 = sorted((drawn[(c, "GCI (ITU)")] for c in ("SAU", "ARE", "QAT")),
                    key=lambda d: d[2])
    sizes = [size for _, size, _ in at_100]
    assert len(set(sizes)) == 3 and sizes == sorted(sizes, reverse=True)
    # Alone: a peer keeps the dot size, a focus country the ring size.
    assert drawn[("ARE", "NCSI")][1] == drawn[("SAU", "EGDI")][1] == DOT_SIZE
    assert drawn[("OMN", "GCI (ITU)")][1] == figures.FOCUS_SIZE


def test_focus_countries_are_open_rings_on_top(gulf):
    """Morocco and Oman are drawn last as open rings; Morocco, tied with Qatar on the NCSI,
    is a ring larger than Qatar's dot; the legend keeps the frame's order."""
    fig = percentile_dots_figure(gulf, LABELS, "en", focus=FOCUS)
    assert [tr.meta["iso3"] for tr in fig.data][-2:] == list(FOCUS)
    for tr in fig.data:
        assert tr.marker.symbol.endswith("-open") == (tr.meta["iso3"] in FOCUS)
        assert tr.cliponaxis is False  # a ring at 0 or 100 is drawn whole
    drawn = dots(fig)
    assert drawn[("MAR", "NCSI")][1] > drawn[("QAT", "NCSI")][1]
    ranks = {tr.meta["iso3"]: tr.legendrank for tr in fig.data}
    assert sorted(ranks, key=ranks.__getitem__) == list(gulf["iso3"])
    assert fig.layout.legend.itemsizing == "constant"


def test_sizes_are_the_compare_charts_nesting(gulf):
    """The sizes are :func:`figures.nested_sizes`' (the helper the Compare charts use)."""
    fig = percentile_dots_figure(gulf, LABELS, "en", focus=FOCUS)
    order = [tr.meta["iso3"] for tr in fig.data]
    expected = figures.nested_sizes(["SAU", "ARE", "QAT"], order, FOCUS, plain=DOT_SIZE)
    drawn = dots(fig)
    assert {c: drawn[(c, "GCI (ITU)")][1] for c in expected} == expected


def test_a_tied_dot_hover_names_every_country_there(gulf):
    """Hovering any of the dots at 100 on the GCI lists the three countries there."""
    fig = percentile_dots_figure(gulf, LABELS, "en", focus=FOCUS)
    hovered = []  # the GCI dots checked below: each of the three tied ones, and Oman's
    for tr in fig.data:
        for y, text in zip(tr.y, tr.text, strict=True):
            if tr.meta["iso3"] in ("SAU", "ARE", "QAT") and y == "GCI (ITU)":
                assert text.startswith(f"<b>{NAMES[tr.meta['iso3']]}</b>")
                assert all(f"<b>{NAMES[c]}</b>" in text for c in ("SAU", "ARE", "QAT"))
                hovered.append(tr.meta["iso3"])
            if tr.meta["iso3"] == "OMN" and y == "GCI (ITU)":
                assert text.count("<b>") == 1
                hovered.append(tr.meta["iso3"])
    assert sorted(hovered) == ["ARE", "OMN", "QAT", "SAU"]


def test_without_focus_the_frame_order_is_kept(gulf):
    """No focus (the page's default until it passes one): traces in the frame's order, filled
    markers, ties still nested."""
    fig = percentile_dots_figure(gulf, LABELS, "en")
    assert [tr.meta["iso3"] for tr in fig.data] == list(gulf["iso3"])
    assert not any(tr.marker.symbol.endswith("-open") for tr in fig.data)
    sizes = {dots(fig)[(c, "GCI (ITU)")][1] for c in ("SAU", "ARE", "QAT")}
    assert len(sizes) == 3
