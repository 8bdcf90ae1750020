"""Category names over their rows, not in a margin beside the plot: the GCI pillars' bars and
the cross-index dots keep the chart's width on a 390 px phone as on a 1280 px screen (a names'
margin left the pillars 92-132 px of plot on a phone and gave the Arabic index names 45 % of
the chart); the value texts keep a readable size; Arabic names read right to left line by line.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import figures
from dashboard.data import GCI_PILLARS
from dashboard.figures_crossindex import (
    AXIS_TITLE,
    DOT_ROOM,
    DOT_SIZE,
    INDEX_KEYS,
    LABEL_WIDTH,
    even_lines,
    percentile_dots_figure,
)
from dashboard.i18n import t

LANGS = [pytest.param("en", id="en"), pytest.param("fr", id="fr"), pytest.param("ar", id="ar")]
# The index names as the page gives them in Arabic: the longest takes three lines.
ARABIC_INDEXES = {
    "gci": "المؤشر العالمي للأمن السيبراني (الاتحاد الدولي للاتصالات)",
    "ncsi": "المؤشر الوطني للأمن السيبراني (أكاديمية الحوكمة الإلكترونية)",
    "egdi": "مؤشر تطوير الحكومة الإلكترونية (إدارة الشؤون الاقتصادية والاجتماعية بالأمم المتحدة)",
}
ENGLISH_INDEXES = {"gci": "GCI (ITU)", "ncsi": "NCSI (e-Governance Academy)",
                   "egdi": "EGDI (UN DESA)"}
COUNTRIES = {"MAR": "Morocco", "OMN": "Oman", "SAU": "Saudi Arabia",
             "ARE": "United Arab Emirates", "QAT": "Qatar", "EGY": "Egypt"}


def pillars(codes, lang="en") -> object:
    frame = pd.DataFrame([{"iso3": code, "country": COUNTRIES[code], "edition": 2024,
                           "indicator_id": key, "value": 19.5} for code in codes
                          for key in GCI_PILLARS])
    return figures.pillars_figure(frame, lang, series="country",
                                  title=t("GCI {edition} pillars (each out of 20)", lang,
                                          edition=2024))


def percentiles(lang="en", values=None) -> pd.DataFrame:
    """Percentiles of two countries on every index (Morocco at 50, Oman at 0 unless given)."""
    values = values or {"MAR": 50.0, "OMN": 0.0}
    return pd.DataFrame({
        "iso3": list(values), "country": [COUNTRIES[c] for c in values],
        **{f"{k}_percentile": list(values.values()) for k in INDEX_KEYS},
        **{f"{k}_edition": [2024] * len(values) for k in INDEX_KEYS},
        **{f"{k}_group_n": [len(values)] * len(values) for k in INDEX_KEYS},
        **{f"{k}_basis": ["score"] * len(values) for k in INDEX_KEYS},
    })


def row_names(fig) -> list:
    return [a for a in fig.layout.annotations if a.name == "row-name"]


def bare(line: str) -> str:
    return line.removeprefix(figures.RLI).removesuffix(figures.PDI)


# ---------------------------------------------------------------- pillars


@pytest.mark.parametrize("lang", LANGS)
def test_pillar_names_sit_over_their_bars_not_in_a_margin(lang):
    """Each pillar's name is written over its group, from the reading edge (left; right in
    Arabic); the axis draws no names, and neither side keeps a names' margin (170 px before,
    which left a 390 px phone 132 px of plot in English and 92 px in French)."""
    fig = pillars(["MAR", "OMN"], lang)
    names = row_names(fig)
    assert [bare(a.text) for a in names] == [t(label, lang) for label in GCI_PILLARS.values()]
    assert fig.layout.yaxis.showticklabels is False
    assert fig.layout.margin.l <= 20 and fig.layout.margin.r <= 20
    rtl = lang == "ar"
    for a in names:
        assert (a.x, a.xanchor, a.xref) == ((1.0, "right", "paper") if rtl
                                            else (0.0, "left", "paper"))
        assert a.yref == "y" and a.yanchor == "bottom"
    # The bars still mirror in Arabic.
    assert tuple(fig.layout.xaxis.range) == ((figures.VALUE_ROOM, 0) if rtl
                                             else (0, figures.VALUE_ROOM))


def test_arabic_pillar_names_are_right_to_left_isolates():
    """Every line of an Arabic name is an RTL isolate (RLI … PDI), as the titles are."""
    names = row_names(pillars(["MAR"], "ar"))
    assert len(names) == len(GCI_PILLARS)
    for a in names:
        assert all(line.startswith(figures.RLI) and line.endswith(figures.PDI)
                   for line in a.text.split("<br>"))
    assert not any(figures.RLI in a.text for a in row_names(pillars(["MAR"], "en")))


@pytest.mark.parametrize("series", [1, 2, 3, 6, 7, 12])
def test_a_name_fits_between_its_group_and_the_one_above(series):
    """On the phone's plot height, each name has its line between two groups (the first over
    the plot's top edge), and every bar keeps its pitch, the groups evenly spaced."""
    gap, axis, tops, height = figures.pillar_geometry(5, series)
    px = height / (axis[0] - axis[1])  # px a category unit
    name = figures.ROW_NAME_LINE + figures.ROW_NAME_GAP
    assert gap * px == pytest.approx(name)
    half = (1 - gap) / 2
    for i, top in enumerate(tops):
        assert top == pytest.approx(i - half)  # the group's top edge
        above = (i - 1) + half if i else axis[1]  # the group above's bottom, or the plot's top
        assert (top - above) * px >= name - 1e-6
    assert (axis[0] - (len(tops) - 1 + half)) * px >= 0  # the last group inside the plot
    pitch = (1 - gap) * px / max(2, series)
    assert pitch == pytest.approx(figures.BAR_PITCH)


def test_values_keep_their_size_on_bars_as_thick():
    """The values keep 11 px (plotly shrank them to the bars: 7-9 px high on a phone), and
    a bar's pitch is at least that text's height, so none meets the next."""
    fig = pillars(["MAR", "OMN", "SAU", "ARE", "QAT", "EGY"])
    for bar in fig.data:
        assert bar.textfont.size == figures.BAR_TEXT_SIZE
        assert bar.constraintext == "none" and bar.textposition == "outside"
        assert bar.cliponaxis is False
    assert figures.BAR_PITCH >= figures.BAR_TEXT_SIZE * 1.3


def test_the_height_holds_the_bars_and_a_phones_legend():
    """The chart's height is the title's, the bars' (pillar_geometry) and the x axis's, with
    the legend in a phone's rows at the foot: the plot keeps its height on a phone."""
    six = ["MAR", "OMN", "SAU", "ARE", "QAT", "EGY"]
    fig = pillars(six)
    *_, plot = figures.pillar_geometry(5, 6)
    rows = figures.phone_legend_rows(COUNTRIES[c] for c in six)
    assert rows == 6  # "United Arab Emirates" leaves one name a row on a 390 px phone
    assert fig.layout.height == (fig.layout.margin.t + plot + fig.layout.margin.b
                                 + figures.LEGEND_ITEM_ROW * rows + 10)
    assert fig.layout.legend.yref == "container" and fig.layout.legend.y == 0
    assert fig.layout.legend.yanchor == "bottom"
    # Its rows are in the height: plotly's default, half the chart, scrolled a long legend.
    assert fig.layout.legend.maxheight == 1


def test_phone_legend_rows_follow_the_widest_name():
    """Short names share a row; a long one takes a row each."""
    assert figures.phone_legend_rows(["GCI 2020", "GCI 2024"]) == 1
    assert figures.phone_legend_rows(["Morocco", "Oman", "Qatar", "Egypt"]) == 2
    assert figures.phone_legend_rows(["United Arab Emirates", "Oman"]) == 2
    assert figures.phone_legend_rows([]) == 0


@pytest.mark.parametrize("lang", LANGS)
def test_the_missing_note_starts_at_the_reading_edge(lang):
    """The note over the bars starts where the names do (it stays inside a phone's chart)."""
    frame = pd.DataFrame([{"iso3": "MAR", "country": "Morocco", "edition": 2024,
                           "indicator_id": key, "value": 19.0} for key in GCI_PILLARS])
    fig = figures.pillars_figure(frame, lang, series="country",
                                 selected={"MAR": "Morocco", "TUN": "Tunisia"}, edition=2024)
    [note] = [a for a in fig.layout.annotations if a.name == "missing-note"]
    assert (note.x, note.xanchor) == ((1.0, "right") if lang == "ar" else (0.0, "left"))
    assert (note.yref, note.y, note.yanchor) == ("paper", 1.0, "bottom")


# ---------------------------------------------------------------- cross-index dots


@pytest.mark.parametrize("lang", LANGS)
def test_index_names_sit_over_their_rows(lang):
    """Each index's name is written over its row of dots, from the reading edge; no margin
    holds them (the Arabic names took 116 px of a 342 px chart, 45 % with the gaps)."""
    labels = ARABIC_INDEXES if lang == "ar" else ENGLISH_INDEXES
    fig = percentile_dots_figure(percentiles(lang), labels, lang)
    names = row_names(fig)
    assert [" ".join(map(bare, a.text.split("<br>"))) for a in names] \
        == [labels[k] for k in INDEX_KEYS]
    assert fig.layout.yaxis.showticklabels is False
    assert fig.layout.margin.l <= 20 and fig.layout.margin.r <= 20
    rtl = lang == "ar"
    for a in names:
        assert (a.x, a.xanchor) == ((1.0, "right") if rtl else (0.0, "left"))
        assert all(len(bare(line)) <= LABEL_WIDTH for line in a.text.split("<br>"))
    # The rows keep the whole names: the hover and the tests find a dot by its index.
    assert set(fig.data[0].y) == {labels[k] for k in INDEX_KEYS}
    assert tuple(fig.layout.xaxis.range) == ((105, -5) if rtl else (-5, 105))


def test_arabic_index_name_lines_read_right_to_left_with_their_brackets():
    """Each line of an Arabic index name is an RTL isolate: laid out on its own left to
    right, "(الاتحاد الدولي" showed its bracket at the line's left end. Chromium draws the
    bracket at the right end with RLI … PDI (as with RLE … PDF); RLM … RLM put a Latin word
    inside a line out of order."""
    fig = percentile_dots_figure(percentiles("ar"), ARABIC_INDEXES, "ar")
    lines = [line for a in row_names(fig) for line in a.text.split("<br>")]
    assert len(lines) >= 6
    for line in lines:
        assert line.startswith(figures.RLI) and line.endswith(figures.PDI)
        assert figures.RLI not in line[1:-1] and figures.PDI not in line[1:-1]
    assert any(bare(line).startswith("(") for line in lines)


def test_a_name_clears_the_row_of_dots_above():
    """On the phone's plot height, each name (its longest's lines) fits between its row's
    dots and the row above's (the first under the plot's top edge)."""
    fig = percentile_dots_figure(percentiles("ar"), ARABIC_INDEXES, "ar")
    names = row_names(fig)
    low, high = fig.layout.yaxis.range  # first row at the top: the range runs downwards
    legend = figures.LEGEND_ITEM_ROW * figures.phone_legend_rows(["Morocco", "Oman"])
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b - legend - 10
    px = plot / (low - high)
    lines = max(a.text.count("<br>") + 1 for a in names)
    for i, a in enumerate(names):
        assert (i - a.y) * px == pytest.approx(DOT_ROOM / 2)  # just over its row's dots
        above = i - 1 + DOT_ROOM / 2 / px if i else high
        assert (a.y - above) * px >= lines * figures.ROW_NAME_LINE


@pytest.mark.parametrize("lang", LANGS)
def test_the_axis_title_leaves_no_word_alone(lang):
    """The percentile axis's title in even lines: at a fixed 34 characters, "above" (en),
    "tous)" (fr) and "عليها" (ar) stood alone on a line."""
    fig = percentile_dots_figure(percentiles(lang), ENGLISH_INDEXES, lang)
    lines = [bare(line) for line in fig.layout.xaxis.title.text.split("<br>")]
    assert min(map(len, lines)) >= 10
    assert " ".join(lines) == t(AXIS_TITLE, lang)


def test_even_lines_keeps_the_count_and_every_word():
    """As few lines as wrapped() makes, the narrowest width giving that many."""
    text = "Percentile: share of the other selected countries it scores at or above"
    assert figures.wrapped(text, 34)[-1] == "above"
    lines = even_lines(text, 34)
    assert len(lines) == len(figures.wrapped(text, 34)) and " ".join(lines) == text
    assert max(map(len, lines)) - min(map(len, lines)) < 10
    assert even_lines("GCI (ITU)", 36) == ["GCI (ITU)"]


def test_dots_a_few_points_apart_stay_whole():
    """The plot is ~310 px wide on a phone now (2.8 px a point): dots 8 points apart no longer
    overlap, so they keep their own size; dots at the same value still nest."""
    fig = percentile_dots_figure(percentiles("en", {"MAR": 50.0, "OMN": 58.0, "SAU": 58.0}),
                                 ENGLISH_INDEXES, "en")
    sizes = {tr.meta["iso3"]: tr.marker.size[0] for tr in fig.data}
    assert sizes["MAR"] == DOT_SIZE
    assert sizes["OMN"] != sizes["SAU"]
