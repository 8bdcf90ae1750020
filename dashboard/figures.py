"""Charts as pure functions of DataFrames: no Dash, no I/O, every visible string through i18n.

Series follow the GCI methodology: scores published on 0-1 (2014-2018) are shown rescaled to
0-100 and the axis says so; the 2024 edition (tiers, no ranks) is a break that no line crosses.
Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies), and each
country also gets its own marker symbol so the chart still reads in greyscale. A country keeps
its colour and symbol across the charts of a page: :func:`country_styles` assigns them once,
from the page's selection order, and every chart takes that assignment.

In the score-over-time chart, points are never moved off their values: where markers would
overlap, they are drawn as concentric rings (peers filled and smaller, the focus countries as
larger open rings drawn last, on top), and the hover lists every country at an edition.
The edition labels stay level and every edition keeps one; one too close to the one before
(2018 after 2017) takes a second row. The legend sits at the chart's foot, under the axis title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from dashboard.data import BREAK_EDITION, GCI_EDITIONS, GCI_PILLARS, rescale_to_100
from dashboard.figure_draft import FigureDraft
from dashboard.i18n import (
    FSI,
    PDI,
    RLI,
    arabic_indic,
    as_typed,
    format_names,
    format_number,
    localize_digits,
    normalize_lang,
    plotly_separators,
    t,
    tn,
)
from dashboard.rank_texts import rank_or_tier_text, value_mark_text

OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
             "#F0E442")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon")
EDITION_COLOURS = {2020: "#56B4E9", 2024: "#0072B2"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', sans-serif"


def _plot_template() -> go.layout.Template:
    """plotly_white for the traces these charts draw (scatter, bar): the same look at a tenth
    of the cost. Plotly validates and copies a figure's template each time; plotly_white also
    carries colour scales, maps and 3-D scenes (~80 ms per figure, ~10 ms for this one)."""
    import plotly.io as pio

    white = pio.templates["plotly_white"]
    keep = ("annotationdefaults", "autotypenumbers", "colorway", "font", "hoverlabel",
            "hovermode", "paper_bgcolor", "plot_bgcolor", "shapedefaults", "title", "xaxis",
            "yaxis")
    layout = {k: v for k, v in white.layout.to_plotly_json().items() if k in keep}
    return go.layout.Template(layout=layout,
                              data={"scatter": white.data.scatter, "bar": white.data.bar})


PLOT_TEMPLATE = _plot_template()


def colour_of(position: int) -> str:
    """The palette colour of the n-th series (cycling)."""
    return OKABE_ITO[position % len(OKABE_ITO)]


class SeriesStyle(NamedTuple):
    """How one country is drawn in every chart of a page."""

    colour: str
    symbol: str


def style_at(position: int) -> SeriesStyle:
    """The colour and marker symbol of the n-th country of a selection (cycling)."""
    return SeriesStyle(colour_of(position), SYMBOLS[position % len(SYMBOLS)])


def other_style(position: int, reserved: int = 0) -> SeriesStyle:
    """The style of the n-th country that is not a focus country, when the first
    ``reserved`` colours (and symbols) belong to the focus countries: its colour cycles over
    the rest of the palette, never a focus country's; its symbol over all of them, so the
    pairs repeat only after 24 countries. With nothing reserved, :func:`style_at`."""
    colours = OKABE_ITO[reserved:] if reserved < len(OKABE_ITO) else OKABE_ITO
    return SeriesStyle(colours[position % len(colours)],
                       SYMBOLS[(reserved + position) % len(SYMBOLS)])


def country_styles(order: Iterable[str], focus: Iterable[str] = ()) -> dict[str, SeriesStyle]:
    """ISO3 to its colour and symbol, from its place in the page's selection (duplicates
    ignored). Charts take this one assignment rather than numbering the rows they happen to
    have, so a country missing from one chart does not shift the colours of the others.

    The ``focus`` (watched) countries keep the palette's first colours, in ``focus`` order
    (Morocco blue, Oman orange), wherever they sit in the selection and whether or not it
    holds them; no other country is given those colours (they read as Morocco's and Oman's
    on every chart: Ghana had Morocco's blue bars, Qatar Oman's orange)."""
    focus = tuple(dict.fromkeys(focus))
    codes = list(dict.fromkeys(order))
    others = [c for c in codes if c not in focus]
    styles = {code: style_at(focus.index(code)) for code in codes if code in focus}
    styles.update({code: other_style(i, len(focus)) for i, code in enumerate(others)})
    return {code: styles[code] for code in codes}


# A chart of more countries than this draws only the focus (watched) countries in colour, on
# top, and the others in one light grey named by their hover, with one legend entry for them
# all: eight colours cycling over 54 countries gave Angola and DR Congo the same blue circle,
# and a legend of 54 names.
MANY_COUNTRIES = 10
OTHER_COLOUR = "#BDBDBD"
OTHER_SIZE = 5  # px, a grey country's marker (no nesting: its hover names it)
OTHERS_GROUP = "others"


def is_crowded(codes: Iterable[str]) -> bool:
    """Whether a chart of ``codes`` (duplicates ignored) has too many countries to colour
    each (:data:`MANY_COUNTRIES`)."""
    return len(set(codes)) > MANY_COUNTRIES


def highlighted_styles(codes: Iterable[str], focus: Iterable[str],
                       styles: Mapping[str, SeriesStyle]) -> dict[str, SeriesStyle]:
    """In a crowded chart, the styles of the focus countries among ``codes``: the page's own
    (so each keeps its colour across the page's charts) unless two of them share a colour
    (the palette cycles), then the palette's first ones in order."""
    focused = set(focus)
    shown = [c for c in dict.fromkeys(codes) if c in focused]
    colours = [styles[c].colour for c in shown if c in styles]
    if len(colours) == len(shown) and len(set(colours)) == len(colours):
        return {c: styles[c] for c in shown}
    return {c: style_at(i) for i, c in enumerate(shown)}


def others_legend_entry(count: int, lang: str, mode: str, rank: int,
                        symbol: str = "circle") -> dict:
    """The one legend entry of the grey countries of a crowded chart ("52 other countries"):
    a trace drawing nothing; clicking it hides or shows them all (one legend group). In
    Arabic the name is a right-to-left isolate, as the titles are (:func:`rtl_lines`): laid
    out left to right, "20 بلدًا آخر" showed its number at the wrong end."""
    return dict(
        type="scatter", x=[None], y=[None], mode=mode,
        name=rtl_lines(tn("{n} other country", "{n} other countries", count, lang,
                          n=format_number(count, lang, 0)), lang),
        legendgroup=OTHERS_GROUP, showlegend=True, legendrank=rank, hoverinfo="skip",
        line={"color": OTHER_COLOUR, "width": 1},
        marker={"color": OTHER_COLOUR, "size": 7, "symbol": symbol},
        meta={"others": count},
    )


def _with_styles(codes: Iterable[str], styles: Mapping[str, SeriesStyle] | None,
                 focus: Iterable[str] = ()) -> dict[str, SeriesStyle]:
    """``styles`` completed for ``codes`` it does not name (the next free positions; the
    ``focus`` countries' colours kept for them, as :func:`country_styles` does)."""
    focus = tuple(dict.fromkeys(focus))
    out = dict(styles or {})
    for code in codes:
        if code in out:
            continue
        if code in focus:
            out[code] = style_at(focus.index(code))
        else:
            out[code] = other_style(sum(1 for c in out if c not in focus), len(focus))
    return out


# ---------------------------------------------------------------- text that fits and reads right

# characters: a longer title is broken so it fits a 390 px phone (what is drawn before
# assets/title-fit.js breaks it again to the chart's drawn width, or without it)
TITLE_WIDTH = 34
NOTE_WIDTH = 28  # characters a line of a note over a chart: fits a 390 px phone
BREAK_NOTE_WIDTH = 26
NOTE_LINE = 18  # px per line of such a note
MAX_NAMED = 8  # countries named in a note; beyond, "and 12 others"
MODEBAR_ROOM = 34  # px above the title kept for plotly's mode bar, so it never covers the title
# plotly anchors a title of several lines by its first line and lifts the block by about half a
# line per further line: the pad grows by that much, so the first line stays under the band.
TITLE_LIFT = 12
TITLE_LINE = 22  # px per title line


def isolated(text: object) -> str:
    """``text`` (a year, a number) as a bidi isolate, so its neighbours (a colon, a bracket)
    stay on its logical side inside a right-to-left line."""
    return f"{FSI}{text}{PDI}"


def rtl_lines(text: str, lang: str) -> str:
    """In Arabic, each ``<br>`` line of ``text`` as a right-to-left isolate: plotly's SVG text
    is laid out left to right, which put a leading "2024:" or a closing bracket at the wrong
    end of an Arabic line. Other languages are returned as they are."""
    if normalize_lang(lang) != "ar" or not text:
        return text
    return "<br>".join(f"{RLI}{line}{PDI}" for line in text.split("<br>"))


def shown_length(text: str) -> int:
    """The characters of ``text`` a reader sees: not its isolates, marks or word joiners
    (a range kept whole has four more, which must not wrap a title otherwise)."""
    return len(as_typed(text))


# A left-to-right isolate (a sum kept whole, "82.41 = 18.40+17.94") is one word to the
# wrapping: a line must not end inside it.
_ISOLATED_RUN = re.compile("\u2066[^\u2069]*\u2069")
_KEPT_SPACE = "\x00"


def _greedy_lines(text: str, width: int) -> list[str]:
    lines: list[str] = []
    text = _ISOLATED_RUN.sub(lambda run: run.group().replace(" ", _KEPT_SPACE), text)
    for word in text.split(" "):
        if lines and shown_length(lines[-1]) + 1 + shown_length(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return [line.replace(_KEPT_SPACE, " ") for line in lines]


def wrapped(text: str, width: int = TITLE_WIDTH) -> list[str]:
    """``text`` as lines of about ``width`` characters: a long title breaks before its
    bracketed part ("GCI pillars of Morocco" / "(each out of 20)"), then between words."""
    if shown_length(text) <= width:
        return [text]
    head, bracket, tail = text.partition(" (")
    parts = [head, "(" + tail] if bracket else [text]
    return [line for part in parts for line in _greedy_lines(part, width)]


def chart_title(text: str, lang: str) -> tuple[str, int]:
    """The plotly title text of ``text`` (broken for narrow screens, Arabic lines isolated
    right to left) and its number of lines."""
    lines = wrapped(text)
    return rtl_lines("<br>".join(lines), lang), len(lines)


def title_fit(title: str, lang: str) -> dict:
    """What ``assets/title-fit.js`` needs to break the title again to the width the chart is
    drawn at (the server cannot know the screen): the unbroken ``text``, the ``lines`` broken
    here (what is drawn before the script runs, or without it: the browser keeps them where
    they fit and it would not use fewer), whether each line is a right-to-left isolate
    (``rtl``, :func:`rtl_lines`), and the constants of :func:`title_pad` and
    :func:`title_margin` (``modebar``, ``lift``, ``line``), so the pad and the top margin follow
    the number of lines by the same formulas."""
    return {"text": title, "lines": wrapped(title), "rtl": normalize_lang(lang) == "ar",
            "modebar": MODEBAR_ROOM, "lift": TITLE_LIFT, "line": TITLE_LINE}


def title_pad(lines: int) -> int:
    """The space above a title of ``lines`` lines: the mode bar's band, and what plotly lifts a
    title of several lines by (:data:`TITLE_LIFT` a further line)."""
    return MODEBAR_ROOM + TITLE_LIFT * (max(lines, 1) - 1)


def title_margin(lines: int, extra: int = 0) -> int:
    """The top margin for a title of ``lines`` lines under the mode bar's band, plus
    ``extra`` px (a note between the title and the plot)."""
    return title_pad(lines) + TITLE_LINE * max(lines, 1) + 14 + extra


def base_layout(lang: str, title: str) -> dict:
    """What every chart's layout shares, as a plain dict (plotly validates it when a figure
    takes it): the title, legend and margins, on the right in Arabic.

    The title is broken into lines that fit a phone and placed under a band kept free for
    plotly's mode bar (which otherwise sat on the title's words); ``meta`` carries it unbroken
    (:func:`title_fit`), for the browser to break it to the chart's drawn width. No other
    part of a chart uses the layout's ``meta``."""
    rtl = normalize_lang(lang) == "ar"
    text, lines = chart_title(title, lang)
    return {
        # Arabic reads from the right: title and legend start there.
        "title": {"text": text, "x": 1.0 if rtl else 0.0, "xanchor": "right" if rtl else "left",
                  "xref": "container", "yref": "container", "y": 1.0, "yanchor": "top",
                  "pad": {"t": title_pad(lines), "l": 12, "r": 12}, "automargin": True,
                  "font": {"size": 16}},
        "font": {"family": FONT, "size": 13},
        "separators": plotly_separators(lang),
        "margin": {"l": 20 if rtl else 60, "r": 60 if rtl else 20, "t": title_margin(lines),
                   "b": 60},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.15,
                   **({"x": 1, "xanchor": "right"} if rtl else {"x": 0})},
        "hoverlabel": {"font": {"family": FONT}},
        "meta": {"title_fit": title_fit(title, lang)},
    }


def _base_layout(fig: FigureDraft, lang: str, title: str) -> FigureDraft:
    fig.update_layout(template=PLOT_TEMPLATE, **base_layout(lang, title))
    return fig


def empty_draft(lang: str, title: str = "") -> FigureDraft:
    """A blank chart that says there is nothing to show, still open to additions."""
    fig = FigureDraft()
    fig.add_annotation(text=t("No data for this selection.", lang), showarrow=False,
                       xref="paper", yref="paper", x=0.5, y=0.5, font={"size": 16})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _base_layout(fig, lang, title)


def empty_figure(lang: str, title: str = "") -> go.Figure:
    """A blank chart that says there is nothing to show."""
    return empty_draft(lang, title).figure()


def _trend_hover(row: Mapping[str, object], lang: str) -> str:
    """One line per country in the edition's hover list: its 0-100 score, the value as
    published on 0-1 when it was, and its rank or tier (the list's heading is the edition);
    a value whose sources disagree or that the corrections ledger marks says so, as the pages
    do (:func:`dashboard.rank_texts.value_marks`: pass ``verification`` and ``correction``)."""
    name = "<b>" + str(row["country"]) + "</b>"
    parts = [t("{country}: {score}", lang, country=name,
               score=format_number(row["score_100"], lang))]
    if str(row["scale"]) == "0-1":
        parts.append(t("published as {value} on 0-1", lang,
                       value=format_number(row["value"], lang)))
    extra = rank_or_tier_text(row, lang)
    if extra:
        parts.append(extra)
    marked = value_mark_text(row, lang)
    if marked:
        parts.append(marked)
    return rtl_lines(" · ".join(parts), lang)


# Marker sizes (px) of the score-over-time chart. Points closer than NEAR points (on 0-100)
# would overlap at the chart's height: in such a group, peers are filled markers, the first
# drawn the largest, so each later one sits inside the earlier ones (a bullseye); the focus
# countries are open rings, larger than every peer of the group and drawn last.
NEAR = 3.5
PEER_SIZE, PEER_MAX, PEER_MIN, PEER_STEP = 9, 18, 5, 4
FOCUS_SIZE, RING_GAP = 14, 6
TREND_COLUMNS = ("iso3", "country", "edition", "score_100", "scale", "value", "rank", "tier",
                 "rank_holders", "last_rank", "held_out", "verification", "correction")
# Years under which an edition's label is too close to the one before it (2017 and 2018 are
# ~19 px apart on a 390 px phone, a label ~33 px wide): it goes a row lower. Two years apart
# (~38 px) labels fit side by side.
STAGGER_YEARS = 2
LEGEND_ROW = 28  # px per row of a legend of lines with markers


def staggered(labels: list[str], positions: Iterable[float], gap: float = STAGGER_YEARS
              ) -> list[str]:
    """Tick ``labels`` with each one less than ``gap`` from the one before (in
    ``positions``) put on a second row, unless that one is already there: neighbours stay
    level and centred on their ticks, without overlapping, in either reading direction."""
    out: list[str] = []
    last, lowered = None, False
    for label, position in zip(labels, positions, strict=True):
        lowered = last is not None and abs(position - last) < gap and not lowered
        out.append("<br>" + label if lowered else label)
        last = position
    return out


def _peer_sizes(count: int, plain: float = PEER_SIZE) -> list[float]:
    if count <= 1:
        return [plain] * count
    top = min(PEER_MAX, plain + PEER_STEP * (count - 1))
    step = min(PEER_STEP, (top - PEER_MIN) / (count - 1))
    return [top - i * step for i in range(count)]


def near_groups(points: Iterable[tuple[str, float]], near: float = NEAR) -> list[list[str]]:
    """The codes of ``(code, value)`` points on one line (an edition, an index), by value,
    cut where a value is more than ``near`` above the one before: each group's markers would
    overlap."""
    groups: list[list[str]] = []
    last = None
    for value, code in sorted((float(value), code) for code, value in points):
        if last is None or value - last > near:
            groups.append([])
        groups[-1].append(code)
        last = value
    return groups


def nested_sizes(group: Iterable[str], draw_order: list[str], focus: Iterable[str],
                 plain: float = PEER_SIZE) -> dict[str, float]:
    """Marker sizes of one group of overlapping points (see :func:`near_groups`) that nest:
    peers filled, the first drawn the largest; the focus countries open rings larger than
    every peer of the group, each later one inside the one before. A lone peer keeps the
    ``plain`` size (a chart of dots alone draws them larger than a chart of lines)."""
    focused = set(focus)
    rank = {code: i for i, code in enumerate(draw_order)}
    drawn = sorted(group, key=rank.__getitem__)
    peers = [c for c in drawn if c not in focused]
    rings = [c for c in drawn if c in focused]
    peer_sizes = _peer_sizes(len(peers), plain)
    sizes = dict(zip(peers, peer_sizes, strict=True))
    inner = max(FOCUS_SIZE, (peer_sizes[0] if peer_sizes else 0) + RING_GAP)
    for i, code in enumerate(rings):
        sizes[code] = inner + RING_GAP * (len(rings) - 1 - i)
    return sizes


def marker_sizes(frame: pd.DataFrame, draw_order: list[str], focus: Iterable[str]
                 ) -> dict[tuple[str, int], float]:
    """(iso3, edition) to a marker size such that points at (nearly) the same value stay
    distinguishable without moving any of them: per edition, points within :data:`NEAR` of a
    neighbour form a group whose sizes nest (:func:`nested_sizes`)."""
    focus = tuple(focus)
    sizes: dict[tuple[str, int], float] = {}
    for edition, rows in frame.groupby("edition"):
        points = zip(rows["iso3"], rows["score_100"].astype(float), strict=True)
        for group in near_groups(points):
            sizes.update({(code, int(edition)): size
                          for code, size in nested_sizes(group, draw_order, focus).items()})
    return sizes


def _join_trace(rows: pd.DataFrame, iso3: str, name: str, colour: str, lang: str,
                show_legend: bool) -> dict | None:
    """The dotted segment from a country's last edition before the break to its first after,
    marked (legend, text) as not comparable; None when one side is missing. It takes no hover,
    so the edition's hover list keeps one line per country."""
    before, after = rows[rows["edition"] < BREAK_EDITION], rows[rows["edition"] >= BREAK_EDITION]
    if before.empty or after.empty:
        return None
    ends = pd.concat([before.tail(1), after.head(1)])
    marked = t("joined across the methodology break: not comparable", lang)
    return dict(
        type="scatter",
        x=ends["edition"].astype(int).tolist(),
        y=ends["score_100"].astype(float).tolist(),
        mode="lines",
        name=marked,
        legendgroup="across_break",
        showlegend=show_legend,
        line={"color": colour, "width": 1.5, "dash": "dot"},
        text=[f"<b>{name}</b><br>{marked}"] * 2,
        hoverinfo="skip",
        meta={"iso3": iso3, "segment": "across_break"},
    )


def draw_order(codes: Iterable[str], focus: Iterable[str]) -> list[str]:
    """``codes`` with the focus countries moved last (drawn on top), each part in its order."""
    codes, focused = list(dict.fromkeys(codes)), set(focus)
    return [c for c in codes if c not in focused] + [c for c in codes if c in focused]


def gci_trend_figure(df: pd.DataFrame, lang: str, join_break: bool = False,
                     styles: Mapping[str, SeriesStyle] | None = None,
                     focus: Iterable[str] = ()) -> go.Figure:
    """GCI overall by edition, rescaled to 0-100, one line per country, not joined across 2024.

    Editions before the break are one connected segment; 2024 is drawn as separate markers of
    the same colour, and a dashed line with a note marks the break. With ``join_break`` each
    country's last edition before the break and its first after are also joined, by a separate
    dotted segment whose legend entry and hover say it crosses the break (not comparable).

    ``styles`` (from :func:`country_styles`) gives each country its colour and symbol (else
    the order of ``df``'s countries does). The ``focus`` countries are drawn last, on top, as
    larger open rings; overlapping points nest (:func:`marker_sizes`), none is moved, and the
    hover lists every country's value at the edition.

    With more than :data:`MANY_COUNTRIES` countries only the focus countries keep a colour
    (:func:`highlighted_styles`); the others are thin light-grey lines, each named by its
    own hover, under one legend entry (:func:`others_legend_entry`).
    """
    title = t("GCI overall score by edition", lang)
    if df.empty:
        return empty_figure(lang, title)
    frame = df if "score_100" in df else rescale_to_100(df)
    # The columns drawn, alone: every cut of a frame of text columns copies each of them.
    frame = frame[[c for c in TREND_COLUMNS if c in frame]]
    frame = frame.sort_values(["edition"], kind="stable")  # keep the caller's country order
    focus = tuple(focus)
    styles = _with_styles(frame["iso3"].drop_duplicates(), styles, focus)
    order = draw_order(frame["iso3"], focus)
    position = {code: i for i, code in enumerate(frame["iso3"].drop_duplicates())}
    crowded = is_crowded(position)
    if crowded:  # the focus countries in colour, the others grey (each named by its hover)
        styles = {**styles, **highlighted_styles(position, focus, styles)}
        sizes = marker_sizes(frame[frame["iso3"].isin(focus)], order, focus)
    else:
        sizes = marker_sizes(frame, order, focus)
    by_country = dict(list(frame.groupby("iso3", sort=False)))
    rtl = normalize_lang(lang) == "ar"
    fig = FigureDraft()
    for iso3 in order:
        rows = by_country[iso3]
        grey = crowded and iso3 not in focus
        colour, symbol = (OTHER_COLOUR, "circle") if grey else styles[iso3]
        ring = iso3 in focus
        name = str(rows["country"].iloc[0])
        for segment, after_break in ((rows[rows["edition"] < BREAK_EDITION], False),
                                     (rows[rows["edition"] >= BREAK_EDITION], True)):
            if segment.empty:
                continue
            editions = segment["edition"].astype(int).tolist()
            fig.add_trace(dict(
                type="scatter",
                x=editions,
                y=segment["score_100"].astype(float).tolist(),
                mode="markers" if after_break else "lines+markers",
                name=name,
                legendgroup=OTHERS_GROUP if grey else iso3,
                showlegend=not grey and bool(not after_break or
                                             (rows["edition"] < BREAK_EDITION).sum() == 0),
                line={"color": colour, "width": 1 if grey else 3 if ring else 2},
                marker={"color": colour, "symbol": f"{symbol}-open" if ring else symbol,
                        "size": [OTHER_SIZE if grey else sizes[(iso3, e)] for e in editions],
                        "line": {"color": colour, "width": 2.5} if ring
                        else {"color": "white", "width": 0 if grey else 1.5}},
                text=[_trend_hover(r, lang) for r in segment.to_dict("records")],
                hovertemplate="%{text}<extra></extra>",
                # The legend and the hover list keep the selection's order (as the pillars
                # chart's legend does, in every language).
                legendrank=1000 + position[iso3],
                meta={"iso3": iso3, "focus": ring,
                      "segment": "after_break" if after_break else "before_break"},
            ))
        if join_break:
            joined = _join_trace(rows, iso3, name, colour, lang,
                                 show_legend=not any(tr["meta"].get("segment")
                                                     == "across_break" for tr in fig.data))
            if joined is not None:
                fig.add_trace(joined)
    others = sum(1 for code in position if code not in focus) if crowded else 0
    if others:
        fig.add_trace(others_legend_entry(others, lang, "lines+markers",
                                          rank=1000 + len(position)))
    boundary = (max(e for e in GCI_EDITIONS if e < BREAK_EDITION) + BREAK_EDITION) / 2
    fig.add_vline(x=boundary, line={"dash": "dash", "color": "#555", "width": 1.5})
    # The note sits over the break, in lines that fit a phone-width chart.
    note_lines = wrapped(t("2024: tiers, no ranks — methodology break", lang), BREAK_NOTE_WIDTH)
    fig.add_annotation(x=boundary, y=1.0, xref="x", yref="paper", yanchor="bottom",
                       text=rtl_lines("<br>".join(note_lines), lang),
                       showarrow=False, font={"size": 12, "color": "#333"},
                       bgcolor="rgba(255,255,255,0.85)")
    # Arabic mirrors the chart: editions run from the right, the score axis is on the right.
    # A year of room before the first edition, so its level label clears the score axis's
    # "0" (at 0.7 year their boxes met on a phone).
    span = [GCI_EDITIONS[0] - 1.0, BREAK_EDITION + 0.7]
    # Every edition keeps its label, level: 2018 is a year (~19 px on a 390 px phone) after
    # 2017, so it takes a second row (plotly's "auto" angle, judged on the ticks' mean spacing,
    # tilted them 30 degrees and left them overlapping; upright labels were mis-measured on a
    # right-to-left page, and the axis title fell on them). The axis pushes the margin
    # (automargin) so its title stays under both rows.
    fig.update_xaxes(title={"text": t("Edition", lang), "standoff": 10}, tickmode="array",
                     tickvals=list(GCI_EDITIONS), tickangle=0, automargin=True,
                     ticktext=staggered([localize_digits(str(e), lang) for e in GCI_EDITIONS],
                                        GCI_EDITIONS),
                     range=span[::-1] if rtl else span, autorange=False, showgrid=False)
    # The long axis title keeps its distance from the tick labels (standoff) and pushes the
    # margin (automargin) instead of being drawn over 100/80/60.
    axis_title = t("Score<br>(rescaled to 0-100; 2014-2018 published on 0-1)", lang)
    # Rotated, a 50-character line outgrew the plot's height: long lines are halved.
    axis_lines = [line for part in axis_title.split("<br>")
                  for line in wrapped(part, shown_length(part) // 2 + 6
                                      if shown_length(part) > 40 else 40)]
    fig.update_yaxes(title={"text": rtl_lines("<br>".join(axis_lines), lang),
                            "font": {"size": 12}, "standoff": 12},
        range=[0, 105], side="right" if rtl else "left", automargin=True)
    if arabic_indic(lang):  # plotly draws ticks in 0-9: give it the chosen digits
        fig.update_yaxes(tickvals=list(range(0, 101, 20)),
                         ticktext=[format_number(v, lang, 0) for v in range(0, 101, 20)])
    _base_layout(fig, lang, title)
    lines = len(wrapped(title))
    # One hover list per edition: every country's value, even where markers nest. The legend
    # at the chart's foot (a share of the plot's height put a phone's rows of names on the
    # axis title); plotly keeps the axis and its title above it. The chart grows by the rows
    # of names a phone wraps the legend into (two a row), so the plot keeps its height.
    # A crowded chart's hover names the one country under the pointer (a list of 54 at an
    # edition would not read), and its legend has the focus countries and one "others" entry.
    entries = len(position) - others + (1 if others else 0)
    legend_rows = (entries + 1) // 2 + (1 if join_break else 0)
    fig.update_layout(height=460 + TITLE_LINE * (lines - 1) + LEGEND_ROW * legend_rows,
                      hovermode="closest" if crowded else "x unified",
                      legend={"yref": "container", "y": 0, "yanchor": "bottom"},
                      margin={"t": title_margin(lines, extra=4 + NOTE_LINE * len(note_lines)),
                              "b": 10})
    return fig.figure()


def missing_pillars_note(selected: Mapping[str, str], shown: Iterable[str], edition: int,
                         lang: str) -> str | None:
    """"No 2024 pillar scores: Tunisia" for the selected countries (ISO3 to the name in
    ``lang``, in selection order) absent from ``shown``; None when none is."""
    present = set(shown)
    missing = [name for code, name in selected.items() if code not in present]
    if not missing:
        return None
    if len(missing) > MAX_NAMED:  # a whole peer group: name a few, count the rest
        rest = format_number(len(missing) - MAX_NAMED + 1, lang, 0)
        missing = [*missing[:MAX_NAMED - 1],
                   tn("{count} other", "{count} others", len(missing) - MAX_NAMED + 1, lang,
                      count=rest)]
    year = localize_digits(str(int(edition)), lang)
    return t("No {edition} pillar scores: {countries}", lang,
             edition=isolated(year) if normalize_lang(lang) == "ar" else year,
             countries=format_names(missing, lang))


def _add_note(fig: FigureDraft, note: str, lang: str) -> int:
    """``note`` under the title, over the bars; the number of lines it takes.

    It starts at the plot's reading edge (left; right in Arabic), as the pillar names over
    the bars do: the plot spans the chart's width now that no margin holds the names, so a
    line of :data:`NOTE_WIDTH` characters stays inside a 390 px phone's chart."""
    rtl = normalize_lang(lang) == "ar"
    lines = _greedy_lines(note, NOTE_WIDTH)
    fig.add_annotation(text=rtl_lines("<br>".join(lines), lang), showarrow=False,
                       xref="paper", yref="paper", x=1.0 if rtl else 0.0, y=1.0,
                       xanchor="right" if rtl else "left", align="right" if rtl else "left",
                       yanchor="bottom", yshift=8, font={"size": 12, "color": "#444"},
                       name="missing-note")
    return len(lines)


# ---------------------------------------------------------------- names over their rows

ROW_NAME_LINE = 18  # px a line of a category's name over its row (13 px text: 15-17 px a line)
ROW_NAME_GAP = 4  # px between a name and the row above it
PHONE_LEGEND_WIDTH = 300  # px a 390 px phone gives a chart's legend
LEGEND_ITEM_ROW = 21  # px a row of a legend of bars or dots (6 rows: 130 px, 7: 150 px)


def row_names(fig: FigureDraft, names: Iterable[str], tops: Iterable[float], lang: str
              ) -> None:
    """Each category's name written over its row, across the plot from its reading edge (left;
    right in Arabic), in place of the tick labels beside the plot.

    Beside the plot, the names' margin took the width a phone needs: a 390 px phone kept
    132 px of plot for the pillars' bars in English and 92 px in French, and the Arabic
    cross-index names took 45 % of the chart. ``tops`` are the top edges of the rows, in the
    category axis's units (0 the first row's centre); a name's last line sits on its row.
    In Arabic each line is a right-to-left isolate (:func:`rtl_lines`): laid out alone and
    left to right, a line that opens a bracket showed it at its left end."""
    rtl = normalize_lang(lang) == "ar"
    for name, top in zip(names, tops, strict=True):
        fig.add_annotation(text=rtl_lines(name, lang), showarrow=False, name="row-name",
                           xref="paper", x=1.0 if rtl else 0.0, xanchor="right" if rtl
                           else "left", align="right" if rtl else "left",
                           yref="y", y=top, yanchor="bottom", yshift=1)
    fig.update_yaxes(showticklabels=False, ticks="")


def phone_legend_rows(names: Iterable[str]) -> int:
    """The rows a phone wraps a horizontal legend of ``names`` into: plotly lays the items out
    in columns as wide as the widest (a symbol and ~7.5 px a character at 13 px)."""
    names = list(names)
    if not names:
        return 0
    widest = 40 + 7.5 * max(len(name) for name in names)
    per_row = max(1, int(PHONE_LEGEND_WIDTH // widest))
    return -(-len(names) // per_row)


# ---------------------------------------------------------------- GCI pillars

BAR_PITCH = 16  # px a bar takes on a phone: 14 px thick, with the value text at 11 px (~13 px)
BAR_GROUP_GAP = 0.1  # share of a bar's pitch between bars of a group
BAR_TEXT_SIZE = 11
BAR_PATTERNS = ("/", "x", ".")  # hatchings of a bar whose colour an earlier bar has
VALUE_ROOM = 22.5  # the value axis ends 2.5 points past 20: room for "19.59" past a full bar


def named_rows(rows: int, body: float, name: float, pad: float = 0
               ) -> tuple[list[float], list[float], int]:
    """Where ``rows`` rows go on a category axis when each row's name is written over it
    (:func:`row_names`): the axis's range (first row at the top), each row's top edge (where
    its name sits) and the plot height in px giving each row ``body`` px and its name ``name``
    px above it (``pad`` px under the last row)."""
    band = body + name
    half = body / 2 / band  # half a row's body, in category units
    axis = [rows - 1 + half + pad / band, -half - name / band]
    return axis, [i - half for i in range(rows)], round(band * (axis[0] - axis[1]))


def pillar_score_text(pillar: str, score: str, lang: str) -> str:
    """"Legal: 18.5 / 20" ("Juridique : 18,5 / 20"), a pillar's score out of its maximum, as
    hovers say it (``score`` already written in ``lang``)."""
    return t("{pillar}: {score} / {maximum}", lang, pillar=pillar, score=score,
             maximum=format_number(20, lang, 0))


def pillar_geometry(pillars: int, series: int) -> tuple[float, list[float], list[float], int]:
    """Where the rows of grouped bars go: plotly's ``bargap``, the category axis's range (first
    pillar at the top), the top edge of each pillar's group (where its name sits) and the plot
    height in px that gives each bar :data:`BAR_PITCH` and each name its line.

    A group is ``series`` bars (at least two: one country's chart keeps the look of two
    editions); the gap between groups holds the name of the one below, and the range opens a
    gap over the first group for its name."""
    group = max(2, series) * BAR_PITCH
    name = ROW_NAME_LINE + ROW_NAME_GAP
    # the last group clears the value axis by a few px
    axis, tops, height = named_rows(pillars, group, name, pad=4)
    return name / (group + name), axis, tops, height


def pillars_figure(df: pd.DataFrame, lang: str, series: str = "edition",
                   title: str | None = None, styles: Mapping[str, SeriesStyle] | None = None,
                   selected: Mapping[str, str] | None = None,
                   edition: int | None = None, focus: Iterable[str] = ()) -> go.Figure:
    """Grouped bars of the five GCI pillars (each out of 20), one bar series per edition or
    per country (``series`` is ``"edition"`` or ``"country"``).

    Per country, ``styles`` (from :func:`country_styles`) gives each its colour; the
    ``selected`` countries (ISO3 to name, in order) that have no pillar scores in ``edition``
    are named in a note on the chart rather than silently left out.

    With more than :data:`MANY_COUNTRIES` countries with bars, the chart is a row of dots a
    pillar instead (:func:`dashboard.figures_pillar_spread.pillar_spread_figure`): only the
    ``focus`` countries in colour, as in the trend chart, the others grey and named by their
    hover, and the median marked."""
    title = title or t("GCI pillars (each out of 20)", lang)
    note = None
    if series != "edition" and selected and edition is not None:
        note = missing_pillars_note(selected, df["iso3"] if "iso3" in df else (), edition,
                                    lang)
    if df.empty:
        fig = empty_draft(lang, title)
        if note:
            _add_note(fig, note, lang)
        return fig.figure()
    order = list(GCI_PILLARS)
    labels = [t(GCI_PILLARS[p], lang) for p in order]
    fig = FigureDraft()
    key = "edition" if series == "edition" else "iso3"
    groups = sorted(df.groupby(key, sort=False), key=lambda kv: kv[0]) if key == "edition" \
        else list(df.groupby(key, sort=False))
    focus = tuple(focus)
    drawn = [value for value, _ in groups] if key == "iso3" else []
    if key == "iso3":
        styles = _with_styles([*(selected or {}), *drawn], styles, focus)
        if is_crowded(drawn):  # a row of dots a pillar: 22 countries' bars took 1,900 px
            from dashboard.figures_pillar_spread import pillar_spread_figure

            return pillar_spread_figure(df, lang, title, styles, focus, note)
        if is_crowded([*(selected or {}), *drawn]):
            # A crowded selection's other charts draw these countries grey: no colour of
            # theirs to keep, so the few with bars take the palette in their order (from
            # their places among 55, Egypt and Mauritius had one blue).
            styles = {**styles, **country_styles(drawn, focus)}
    else:
        styles = {}  # bars by edition take EDITION_COLOURS
    seen: dict[str, int] = {}  # bars of each colour so far: a repeated colour is hatched
    for position, (value, rows) in enumerate(groups):
        by_pillar = rows.set_index("indicator_id")["value"].reindex(order)
        if key == "edition":
            name = t("GCI {edition}", lang, edition=int(value))
            colour = EDITION_COLOURS.get(int(value), colour_of(position))
        else:
            name = str(rows["country"].iloc[0])
            colour = styles[value].colour
        marker: dict = {"color": colour}
        # Bars have no symbol: a colour met again is told apart by a hatching.
        again = seen.get(colour, 0)
        seen[colour] = again + 1
        if again:
            marker["pattern"] = {"shape": BAR_PATTERNS[(again - 1) % len(BAR_PATTERNS)]}
        fig.add_trace(dict(
            type="bar",
            y=labels, x=by_pillar.astype(float).tolist(), name=name, marker=marker,
            orientation="h",
            text=[format_number(v, lang, 2) for v in by_pillar], textposition="outside",
            # Plotly shrank the values to the bars' thickness (7-9 px high on a phone): they
            # keep 11 px, and the bars are as thick (BAR_PITCH), so none meets the next.
            textfont={"size": BAR_TEXT_SIZE}, constraintext="none", textangle=0,
            cliponaxis=False,
            hovertemplate=pillar_score_text("%{y}", "%{text}", lang) + "<extra>" + name
            + "</extra>",
            meta={"iso3": value} if key == "iso3" else {"edition": int(value)},
        ))
    rtl = normalize_lang(lang) == "ar"
    # Horizontal bars, each pillar's name over its group: the plot takes the chart's width on
    # any screen (the figure is drawn without knowing it). In Arabic the bars grow from the
    # right, as the text does.
    gap, axis, tops, plot_height = pillar_geometry(len(order), len(groups))
    fig.update_layout(barmode="group", bargap=gap, bargroupgap=BAR_GROUP_GAP)
    # The axis needs no title: the chart title says "each out of 20", and a title here would
    # sit under the legend.
    fig.update_xaxes(title=None, range=[VALUE_ROOM, 0] if rtl else [0, VALUE_ROOM])
    if arabic_indic(lang):  # plotly draws ticks in 0-9: give it the chosen digits
        fig.update_xaxes(tickvals=[0, 5, 10, 15, 20],
                         ticktext=[format_number(v, lang, 0) for v in (0, 5, 10, 15, 20)])
    fig.update_yaxes(title=None, range=axis, autorange=False, side="right" if rtl else "left")
    _base_layout(fig, lang, title)
    row_names(fig, labels, tops, lang)
    lines = len(wrapped(title))
    note_lines = _add_note(fig, note, lang) if note else 0
    top = title_margin(lines, extra=NOTE_LINE * note_lines)
    # The legend at the chart's foot, under the value axis (30 px of ticks); the height keeps
    # the bars' pitch with the legend in a phone's rows (one a country there, one row on a
    # wide screen, whose plot is the taller for it). The legend may take the chart's height:
    # plotly's half of it made a phone scroll a long legend.
    legend_rows = phone_legend_rows(tr["name"] for tr in fig.data
                                    if tr.get("showlegend", True))
    fig.update_layout(margin={"t": top, "b": 30, "l": 16, "r": 16},
                      legend={"yref": "container", "y": 0, "yanchor": "bottom", "maxheight": 1},
                      height=top + plot_height + 30 + LEGEND_ITEM_ROW * legend_rows + 10)
    return fig.figure()
