"""The Compare and Country charts draw each country alike and findably: one colour and symbol
per country across charts, focus countries on top, overlapping points nested (never moved),
countries without pillar scores named, Arabic mirrored and isolated, titles that fit a phone."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import figures
from dashboard.data import GCI_PILLARS
from dashboard.i18n import format_number, t

SELECTION = ["MAR", "OMN", "SAU", "ARE", "QAT", "TUN", "EGY"]
NAMES = {"MAR": "Morocco", "OMN": "Oman", "SAU": "Saudi Arabia", "ARE": "United Arab Emirates",
         "QAT": "Qatar", "TUN": "Tunisia", "EGY": "Egypt"}
FOCUS = ("MAR", "OMN")


def flat(text: str) -> str:
    """A chart text as one line: its <br> breaks (and, in Arabic, the isolates around each
    line) read as spaces."""
    return text.replace(figures.PDI + "<br>" + figures.RLI, " ").replace("<br>", " ")


def overall(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["iso3", "country", "edition", "value", "scale", "rank",
                                       "tier"])


@pytest.fixture
def crowded() -> pd.DataFrame:
    """GCI 2020 and 2024 of the default selection, as published: at 2024 Oman (97.02) sits
    just under Morocco (97.5) and four countries share 100."""
    values_2024 = {"MAR": 97.5, "OMN": 97.02, "SAU": 100, "ARE": 100, "QAT": 100, "TUN": 82.1,
                   "EGY": 100}
    values_2020 = {"MAR": 82.41, "OMN": 96.04, "SAU": 99.54, "ARE": 98.06, "QAT": 94.5,
                   "TUN": 86.23, "EGY": 95.48}
    rows = []
    for code in SELECTION:
        rows.append((code, NAMES[code], 2020, values_2020[code], "0-100", 50, None))
        rows.append((code, NAMES[code], 2024, values_2024[code], "0-100", None, 1))
    return overall(rows)


def pillars_of(codes, edition=2024) -> pd.DataFrame:
    return pd.DataFrame([{"iso3": code, "country": NAMES[code], "edition": edition,
                          "indicator_id": key, "value": 19.0} for code in codes
                         for key in GCI_PILLARS])


def trend(frame, lang="en", **kw):
    return figures.gci_trend_figure(frame, lang, styles=figures.country_styles(SELECTION),
                                    focus=FOCUS, **kw)


def points(fig) -> dict[tuple[str, int], tuple[float, float, str]]:
    """(iso3, edition) to (y, marker size, trace index as str) of every drawn point."""
    out = {}
    for index, tr in enumerate(fig.data):
        if (tr.meta or {}).get("segment") == "across_break":
            continue
        sizes = tr.marker.size if isinstance(tr.marker.size, tuple | list) else \
            [tr.marker.size] * len(tr.x)
        for x, y, size in zip(tr.x, tr.y, sizes, strict=True):
            out[(tr.meta["iso3"], int(x))] = (float(y), float(size), index)
    return out


# ---------------------------------------------------------------- findable points


def test_focus_countries_are_drawn_last_as_open_rings(crowded):
    """Peers first, Morocco and Oman last (on top), their markers open so nothing under them
    is hidden; the legend still follows the selection."""
    fig = trend(crowded)
    drawn = list(dict.fromkeys(tr.meta["iso3"] for tr in fig.data))
    assert drawn[-2:] == ["MAR", "OMN"]
    assert drawn[:5] == ["SAU", "ARE", "QAT", "TUN", "EGY"]
    for tr in fig.data:
        assert tr.marker.symbol.endswith("-open") == (tr.meta["iso3"] in FOCUS)
    ranks = {tr.meta["iso3"]: tr.legendrank for tr in fig.data}
    assert sorted(ranks, key=ranks.__getitem__) == SELECTION


def test_no_point_moves_off_its_value(crowded):
    """Every point is plotted at its edition and score (no offset to separate them)."""
    drawn = points(trend(crowded))
    for _, r in crowded.iterrows():
        y, _, _ = drawn[(r["iso3"], int(r["edition"]))]
        assert y == pytest.approx(float(r["value"]))


def test_points_at_the_same_value_nest_and_focus_rings_enclose_them(crowded):
    """The four countries at 100 in 2024 get four different sizes, each drawn inside the one
    before it; Morocco and Oman, nearly on them, are rings larger than all of them."""
    drawn = points(trend(crowded))
    at_100 = [drawn[(c, 2024)] for c in ("SAU", "ARE", "QAT", "EGY")]
    by_order = sorted(at_100, key=lambda p: p[2])
    sizes = [p[1] for p in by_order]
    assert sizes == sorted(sizes, reverse=True) and len(set(sizes)) == 4
    morocco, oman = drawn[("MAR", 2024)][1], drawn[("OMN", 2024)][1]
    assert min(morocco, oman) > max(sizes) and morocco != oman
    # Oman is drawn after Morocco and smaller, so Morocco's ring stays visible around it.
    assert drawn[("OMN", 2024)][2] > drawn[("MAR", 2024)][2] and oman < morocco
    lone = drawn[("TUN", 2024)][1]
    assert lone == figures.PEER_SIZE


def test_hover_lists_every_country_at_an_edition(crowded):
    """One hover list per edition (x unified) with each country's own value in its line."""
    fig = trend(crowded)
    assert fig.layout.hovermode == "x unified"
    for tr in fig.data:
        for x, text in zip(tr.x, tr.text, strict=True):
            value = crowded[(crowded["iso3"] == tr.meta["iso3"])
                            & (crowded["edition"] == x)]["value"].iloc[0]
            assert NAMES[tr.meta["iso3"]] in text
            assert format_number(value, "en") in text


def test_joined_segments_stay_out_of_the_hover_list(crowded):
    """With join on, the dotted segments take no hover (one line per country remains)."""
    fig = trend(crowded, join_break=True)
    joined = [tr for tr in fig.data if (tr.meta or {}).get("segment") == "across_break"]
    assert joined and all(tr.hoverinfo == "skip" for tr in joined)


# ---------------------------------------------------------------- one colour per country


def test_colours_follow_the_country_not_the_rows_a_chart_has(crowded):
    """Tunisia has no 2024 pillar scores: Egypt keeps its trend colour in the pillars chart
    (a position count would give it Tunisia's)."""
    styles = figures.country_styles(SELECTION)
    line = trend(crowded)
    bars = figures.pillars_figure(pillars_of([c for c in SELECTION if c != "TUN"]), "en",
                                  series="country", styles=styles,
                                  selected={c: NAMES[c] for c in SELECTION}, edition=2024)
    line_colour = {tr.meta["iso3"]: tr.marker.color for tr in line.data}
    bar_colour = {tr.meta["iso3"]: tr.marker.color for tr in bars.data}
    assert bar_colour == {c: line_colour[c] for c in bar_colour}
    assert bar_colour["EGY"] == styles["EGY"].colour != styles["TUN"].colour


def test_country_styles_come_from_the_selection_order():
    """The n-th selected country has the n-th colour and symbol, whatever else is drawn."""
    styles = figures.country_styles(["OMN", "MAR", "OMN", "TUN"])
    assert list(styles) == ["OMN", "MAR", "TUN"]
    assert styles["MAR"] == (figures.OKABE_ITO[1], figures.SYMBOLS[1])
    alone = figures.gci_trend_figure(overall([("TUN", "Tunisia", 2020, 86.23, "0-100", 45,
                                              None)]), "en", styles=styles)
    assert alone.data[0].marker.color == figures.OKABE_ITO[2]


# ---------------------------------------------------------------- countries left out


@pytest.mark.parametrize(("lang", "expected"), [
    pytest.param("en", "No 2024 pillar scores: Tunisia", id="en"),
    pytest.param("fr", "Tunisie", id="fr-name"),
    pytest.param("ar", "تونس", id="ar-name"),
])
def test_a_country_without_pillar_scores_is_named_on_the_chart(lang, expected):
    """The note names the selected country missing from the bars, in the chart's language."""
    names = {"en": "Tunisia", "fr": "Tunisie", "ar": "تونس"}[lang]
    fig = figures.pillars_figure(pillars_of(["MAR", "OMN"]), lang, series="country",
                                 selected={"MAR": "M", "OMN": "O", "TUN": names},
                                 edition=2024)
    notes = [flat(a.text) for a in fig.layout.annotations if a.name == "missing-note"]
    assert len(notes) == 1 and expected in notes[0]
    assert "Morocco" not in notes[0] and "M," not in notes[0]


def test_no_note_when_every_selected_country_has_pillar_scores():
    """All selected countries drawn: no note."""
    fig = figures.pillars_figure(pillars_of(["MAR", "OMN"]), "en", series="country",
                                 selected={"MAR": "Morocco", "OMN": "Oman"}, edition=2024)
    assert not [a for a in fig.layout.annotations if a.name == "missing-note"]


def test_every_selected_country_missing_still_says_who():
    """No pillar scores at all: the blank chart names the countries too."""
    fig = figures.pillars_figure(pillars_of([]).reindex(columns=["iso3", "country", "edition",
                                                                 "indicator_id", "value"]),
                                 "en", series="country", selected={"TUN": "Tunisia"},
                                 edition=2024)
    texts = [flat(a.text) for a in fig.layout.annotations]
    assert "No data for this selection." in texts
    assert any("No 2024 pillar scores: Tunisia" in text for text in texts)


# ---------------------------------------------------------------- Arabic


def test_arabic_trend_is_mirrored(crowded):
    """Arabic: the score axis on the right, editions from the right; the axis title keeps
    its distance from the tick labels and pushes the margin."""
    fig = trend(crowded, "ar")
    assert fig.layout.yaxis.side == "right"
    low, high = fig.layout.xaxis.range
    assert low > high  # reversed: 2024 on the left, 2014 on the right
    assert fig.layout.yaxis.automargin and fig.layout.yaxis.title.standoff >= 8
    english = trend(crowded)
    assert english.layout.yaxis.side == "left"
    assert english.layout.xaxis.range[0] < english.layout.xaxis.range[1]


def test_arabic_break_note_is_an_rtl_isolate(crowded):
    """The "2024: …" note is isolated right to left in Arabic (so "2024:" starts the line on
    the right), left as is in English."""
    arabic = trend(crowded, "ar").layout.annotations[0].text
    assert arabic.startswith(figures.RLI) and arabic.endswith(figures.PDI)
    assert "تغيّر في المنهجية" in flat(arabic)
    english = trend(crowded).layout.annotations[0].text
    assert flat(english) == "2024: tiers, no ranks — methodology break"


def test_notes_over_a_chart_fit_a_phone(crowded):
    """The break note and the missing-pillars note come in lines of at most ~26-28
    characters (a 390 px chart cut them: "2024: tiers, no ranks — methodolog")."""
    for lang in ("en", "fr", "ar"):
        note = trend(crowded, lang).layout.annotations[0].text
        lines = note.split("<br>")
        assert len(lines) >= 2
        assert all(len(line.strip(figures.RLI + figures.PDI)) <= figures.BREAK_NOTE_WIDTH
                   for line in lines)


def test_arabic_missing_note_isolates_the_year():
    """The year inside the Arabic note is a bidi isolate (FSI … PDI)."""
    note = figures.missing_pillars_note({"TUN": "تونس"}, [], 2024, "ar")
    assert f"{figures.FSI}2024{figures.PDI}" in note or f"{figures.FSI}٢٠٢٤{figures.PDI}" in note


# ---------------------------------------------------------------- narrow screens


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_long_titles_break_before_their_bracket(lang):
    """"GCI pillars of Morocco (each out of 20)" is two lines, the bracket on the second,
    so it fits a 390 px phone; the top margin holds both lines and the mode bar's band."""
    title = t("GCI pillars of {country} (each out of 20)", lang, country="Morocco")
    fig = figures.pillars_figure(pillars_of(["MAR"]), lang, series="edition", title=title)
    text = fig.layout.title.text
    assert "<br>" in text
    first, second = text.split("<br>", 1)
    assert "(" not in first and "(" in second
    assert all(len(line.strip(figures.RLI + figures.PDI)) <= figures.TITLE_WIDTH
               for line in text.split("<br>"))
    assert fig.layout.margin.t >= figures.MODEBAR_ROOM + 2 * figures.TITLE_LINE


def test_title_sits_under_the_mode_bar(crowded):
    """The title is placed from the top of the chart, below a band kept for plotly's mode
    bar; a short title stays on one line."""
    fig = trend(crowded)
    title = fig.layout.title
    assert title.yref == "container" and title.yanchor == "top"
    assert title.pad.t >= figures.MODEBAR_ROOM
    assert "<br>" not in title.text
    assert fig.layout.margin.t > title.pad.t + figures.TITLE_LINE


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_a_title_of_two_lines_keeps_clear_of_the_mode_bar(lang):
    """plotly lifts a title of several lines by its first line: the pad above a two-line
    title is larger by that lift, so its first line stays under the mode bar (measured in a
    390 px browser: the first line's top was 15 px from the chart's top, under the bar)."""
    title = t("GCI pillars of {country} (each out of 20)", lang, country="Morocco")
    fig = figures.pillars_figure(pillars_of(["MAR"]), lang, series="edition", title=title)
    assert fig.layout.title.text.count("<br>") == 1
    assert fig.layout.title.pad.t == figures.MODEBAR_ROOM + figures.TITLE_LIFT
    assert fig.layout.margin.t >= fig.layout.title.pad.t + 2 * figures.TITLE_LINE


def test_wrapped_keeps_every_word():
    """Breaking a title never drops or reorders words."""
    text = "A rather long chart title that has no bracket in it at all, really"
    lines = figures.wrapped(text, 20)
    assert " ".join(lines) == text and all(len(line) <= 20 for line in lines)


def test_a_long_list_of_missing_countries_is_cut_with_a_count():
    """Twenty countries without pillar scores: seven named, "and 13 others"."""
    selected = {f"C{i:02d}": f"Country {i}" for i in range(20)}
    note = figures.missing_pillars_note(selected, [], 2024, "en")
    assert "Country 6" in note and "Country 7" not in note
    assert note.endswith("and 13 others")
