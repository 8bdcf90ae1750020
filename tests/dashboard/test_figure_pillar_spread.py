"""The GCI pillars of more than ten countries: a row of dots a pillar, as high as five rows
whatever the count (the Arab states' 110 bars took 1,900 px, the African Union's 4,500 px),
every value at its place, the watched countries in colour on top, each grey dot named by its
hover, the median marked."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import figures
from dashboard.data import GCI_PILLARS
from dashboard.figures_pillar_spread import NEAR, SPREAD, spread_offsets
from dashboard.i18n import PDI, RLI

FOCUS = ("MAR", "OMN")


def codes(n: int) -> list[str]:
    return [*FOCUS, *(f"C{i:02d}" for i in range(n - len(FOCUS)))]


def frame(selection: list[str]) -> pd.DataFrame:
    """Scores with many ties at 20 and 0, as the 2020 edition has."""
    return pd.DataFrame([{"iso3": code, "country": f"Country {code}", "edition": 2020,
                          "indicator_id": key, "value": min(20.0, float((i * (p + 3)) % 27))}
                         for i, code in enumerate(selection)
                         for p, key in enumerate(GCI_PILLARS)])


def chart(selection: list[str], lang: str = "en", data: pd.DataFrame | None = None,
          selected: list[str] | None = None):
    return figures.pillars_figure(frame(selection) if data is None else data, lang,
                                  series="country",
                                  styles=figures.country_styles(selection, FOCUS),
                                  selected={c: f"Country {c}" for c in selected or selection},
                                  edition=2020, focus=FOCUS)


def points(fig) -> set[tuple[str, str, float]]:
    """(country, pillar label, value) of every dot drawn, read back from the figure."""
    labels = [figures.t(name, "en") for name in GCI_PILLARS.values()]
    out = set()
    for tr in fig.data:
        if tr.meta and "iso3" in tr.meta:
            whose = [tr.meta["iso3"]] * len(tr.x)
        elif tr.meta and "countries" in tr.meta:
            whose = tr.meta["countries"]
        else:
            continue
        for code, x, y in zip(whose, tr.x, tr.y, strict=True):
            out.add((code, labels[round(y)], x))
    return out


@pytest.mark.parametrize("count", [11, 22, 55])
def test_as_high_as_five_rows_whatever_the_count(count):
    """Eleven, 22 or 55 countries: one height (bars grew by 80 px a country)."""
    fig = chart(codes(count))
    assert all(tr.type == "scatter" for tr in fig.data)
    assert fig.layout.height < 620
    assert fig.layout.height == chart(codes(11)).layout.height


def test_ten_countries_keep_their_bars():
    fig = chart(codes(figures.MANY_COUNTRIES))
    assert {tr.type for tr in fig.data} == {"bar"}


def test_every_value_drawn_once_at_its_place():
    """Each country's five scores are dots at their values (spread across the row only)."""
    data = frame(codes(55))
    labels = {key: figures.t(name, "en") for key, name in GCI_PILLARS.items()}
    expected = {(r.iso3, labels[r.indicator_id], r.value) for r in data.itertuples()}
    fig = chart(codes(55))
    assert points(fig) == expected
    drawn = sum(len(tr.x) for tr in fig.data if tr.meta and ("iso3" in tr.meta
                                                             or "countries" in tr.meta))
    assert drawn == len(data)


def test_the_watched_in_colour_on_top_and_the_others_grey():
    fig = chart(codes(55))
    watched = [tr for tr in fig.data if tr.meta and "iso3" in tr.meta]
    assert [tr.meta["iso3"] for tr in watched] == list(FOCUS)
    assert [tr.marker.color for tr in watched] == [figures.country_styles(FOCUS, FOCUS)[c].colour
                                                   for c in FOCUS]
    drawing = [tr for tr in fig.data if tr.x and tr.x[0] is not None]
    assert drawing[-2:] == watched  # drawn last: over the grey dots
    grey = [tr for tr in fig.data if tr.meta and "countries" in tr.meta]
    assert len(grey) == 1 and grey[0].marker.color == figures.OTHER_COLOUR
    assert grey[0].legendgroup == figures.OTHERS_GROUP


def test_each_grey_dot_names_its_country_pillar_and_value():
    fig = chart(codes(22), "fr")
    grey = [tr for tr in fig.data if tr.meta and "countries" in tr.meta][0]
    assert list(grey.hovertext) == [f"Country {c}" for c in grey.meta["countries"]]
    data = frame(codes(22)).set_index(["iso3", "indicator_id"])["value"]
    first = grey.meta["countries"][0]
    assert grey.text[0] == f"Juridique\u00a0: {figures.format_number(data[first, 'itu_gci.legal'], 'fr', 2)} / 20"


def test_legend_the_watched_the_others_and_the_median():
    fig = chart(codes(55))
    shown = sorted((tr.legendrank, tr.name) for tr in fig.data if tr.showlegend is not False)
    assert [name for _, name in shown] == ["Country MAR", "Country OMN", "53 other countries",
                                           "Median of the 55 countries"]


def test_the_median_is_the_median_of_the_countries_drawn():
    """Per pillar, the median of every country's score there (a country without one is not
    counted)."""
    data = frame(codes(23))
    data.loc[(data["iso3"] == "C03") & (data["indicator_id"] == "itu_gci.cooperation"), "value"] = None
    median = [tr for tr in chart(codes(23), data=data).data if tr.meta and "median" in tr.meta][0]
    expected = data.dropna().groupby("indicator_id")["value"].median()
    assert median.meta["median"] == pytest.approx(expected.to_dict())
    assert median.meta["counted"]["itu_gci.cooperation"] == 22
    assert median.meta["counted"]["itu_gci.legal"] == 23
    assert list(median.x) == pytest.approx([expected[k] for k in GCI_PILLARS])


def test_close_dots_spread_across_their_row_never_along_it():
    """Ties (many countries at 20) are spread across the row, the watched at its centre;
    within the row's body; the same data gives the same places."""
    values = [20.0] * 30 + [5.0, 5.1, 12.0]
    first = [False] * 29 + [True] + [False] * 3
    offsets = spread_offsets(values, first)
    assert offsets == spread_offsets(values, first)
    assert offsets[29] == 0.0  # the watched country among the tied, on the centre line
    assert offsets[-1] == 0.0  # a value alone
    assert offsets[30] != offsets[31]  # 5.0 and 5.1 are closer than NEAR: told apart
    assert 5.1 - 5.0 < NEAR
    tied = offsets[:30]
    assert len(set(tied)) == 30 and max(map(abs, tied)) <= SPREAD + 1e-9


def test_arabic_reads_from_the_right():
    fig = chart(codes(22), "ar")
    assert fig.layout.xaxis.range[0] > fig.layout.xaxis.range[1]
    assert fig.layout.yaxis.side == "right"
    median = [tr for tr in fig.data if tr.meta and "median" in tr.meta][0]
    assert median.name.startswith(RLI) and median.name.endswith(PDI)


def test_countries_without_pillar_scores_are_named():
    selection = codes(14)
    fig = chart(selection, data=frame(selection), selected=[*selection, "YEM"])
    notes = [a.text for a in fig.layout.annotations if a.name == "missing-note"]
    assert notes and "Country YEM" in notes[0]


def test_the_watched_scores_are_written_one_over_one_under():
    """A printed chart has no hover: Morocco's and Oman's scores are written by their dots,
    Morocco's above and Oman's below, so two at the same score do not overwrite each other."""
    data = frame(codes(22))
    fig = chart(codes(22), "fr", data=data)
    watched = {tr.meta["iso3"]: tr for tr in fig.data if tr.meta and "iso3" in tr.meta}
    assert watched["MAR"].textposition == "top center"
    assert watched["OMN"].textposition == "bottom center"
    own = data[data["iso3"] == "OMN"]["value"]
    assert list(watched["OMN"].text) == [figures.format_number(v, "fr", 2) for v in own]
    assert "Juridique" in watched["OMN"].hovertext[0]
