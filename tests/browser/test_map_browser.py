"""The Map page in a real Chromium: one square per mapped country drawn in the SVG, the
edition picked goes to the URL, the language links and the downloads (whose CSV holds exactly
the mapped countries' GCI of that edition); the squares scale with the page: on a 1366 px
desktop the map fills the width up to its largest cells, square, the chart's height following
its width, and on a 390 px phone it fits the screen; a square answers a hover over its whole
face."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.tile_layout import TILES
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    open_page,
    severe_console_entries,
    wait_for,
    wait_for_download,
)

pytestmark = pytest.mark.browser

# The squares are layout shapes under the traces; the watched countries' outlines above them.
SQUARES = "#map-tiles .layer-subplot .shapelayer path"
OUTLINES = "#map-tiles .layer-above .shapelayer path"
# Each square's box, by the code written on it (the code's centre is in its square).
BOXES = """
    const boxes = [...document.querySelectorAll(arguments[0])].map(e => e.getBoundingClientRect());
    const out = {};
    for (const t of document.querySelectorAll('#map-tiles .textpoint')) {
        const r = t.getBoundingClientRect(), x = (r.left + r.right) / 2,
              y = (r.top + r.bottom) / 2;
        const b = boxes.find(b => b.left <= x && x <= b.right && b.top <= y && y <= b.bottom);
        out[t.textContent] = b && [b.left, b.top, b.width, b.height];
    }
    return out;
"""


def square_codes(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in driver.find_elements(By.CSS_SELECTOR,
                                                 "#map-tiles .scatterlayer .textpoint")]


def test_edition_goes_to_the_url_and_the_download(driver, base_url, download_dir):
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/map?lang=ar", SQUARES)
    driver.get_log("browser")
    codes = wait_for(lambda: len(square_codes(driver)) == len(TILES) and square_codes(driver))
    assert sorted(codes) == sorted(TILES)
    driver.find_element(By.CSS_SELECTOR, "#map-edition input[value='2020']").click()
    wait_for(lambda: driver.current_url.endswith("/map?v=1&edition=2020&lang=ar"))
    csv = wait_for(lambda: (a := driver.find_element(By.ID, "map-download-csv"))
                   and "edition=2020" in a.get_attribute("href") and a)
    assert "group=african_union,arab_league,mena" in csv.get_attribute("href")
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, "#map-tiles .colorbar"))
    assert severe_console_entries(driver) == []
    csv.click()
    frame = pd.read_csv(wait_for_download(download_dir, ".csv"))
    assert set(frame["iso3"]) == set(TILES) and set(frame["edition"]) == {2020}
    assert set(frame["indicator"]) == {"itu_gci.overall"}


def test_bad_edition_in_the_link_shows_the_latest_with_a_notice(driver, base_url):
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/map?edition=1066&lang=fr", SQUARES)
    assert "1066" in driver.find_element(By.ID, "map-notices").text
    checked = [e.get_attribute("value") for e in driver.find_elements(
        By.CSS_SELECTOR, "#map-edition input[type=radio]") if e.is_selected()]
    assert checked == ["2024"]

# The square (its SVG path) under a code.
SQUARE_OF = """
    const t = [...document.querySelectorAll('#map-tiles .textpoint')]
        .find(e => e.textContent === arguments[1]).getBoundingClientRect();
    const x = (t.left + t.right) / 2, y = (t.top + t.bottom) / 2;
    return [...document.querySelectorAll(arguments[0])].find(e => {
        const b = e.getBoundingClientRect();
        return b.left <= x && x <= b.right && b.top <= y && y <= b.bottom; });
"""


def square_boxes(driver) -> dict[str, list[float]]:
    """ISO3 -> [left, top, width, height] of its square on the screen."""
    return driver.execute_script(BOXES, SQUARES)


def box_of(driver, selector: str) -> list[float]:
    return driver.execute_script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return [r.left, r.top, r.width, r.height];", selector)


def assert_square(boxes: dict[str, list[float]]) -> None:
    """A square for every code, each as tall as it is wide (the axes keep equal units)."""
    assert sorted(boxes) == sorted(TILES)
    for code, box in boxes.items():
        assert box, f"{code}: no square under its code"
        assert abs(box[2] - box[3]) < 0.5, (code, box)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_the_map_fits_a_phone(driver, base_url, lang):
    """At 390 px every square is inside the screen, the page does not scroll sideways, the
    squares are square and no square covers its neighbour, in every language (their legends
    differ in length)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        open_page(driver, base_url + f"/map?lang={lang}", SQUARES)
        wait_for(lambda: len(square_codes(driver)) == len(TILES))
        boxes = square_boxes(driver)
        assert_square(boxes)
        assert min(b[0] for b in boxes.values()) >= 0
        assert max(b[0] + b[2] for b in boxes.values()) <= PHONE["width"]
        assert driver.execute_script("return document.documentElement.scrollWidth") \
            <= PHONE["width"]
        # Neighbours do not overlap: Algeria's square starts right of Morocco's.
        assert boxes["MAR"][0] + boxes["MAR"][2] < boxes["DZA"][0], (boxes["MAR"],
                                                                     boxes["DZA"])
        assert boxes["MAR"][2] > 20  # still a square a finger can find
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_map_fills_a_desktop(desktop, base_url, lang):
    """At 1366 px the map is wider than 600 px with square squares of 40 px or more, its grid
    as wide as the chart, west on the left in both directions, the title at the start of the
    page's direction, and the chart's height follows its width: the legend (2024) or the
    colour bar (2020, after a click) sits right under the grid, not under an empty band."""
    from selenium.webdriver.common.by import By

    driver = desktop
    open_page(driver, base_url + f"/map?lang={lang}", SQUARES)
    wait_for(lambda: len(square_codes(driver)) == len(TILES))
    graph = box_of(driver, "#map-tiles")
    assert graph[2] > 600
    assert graph[0] >= 0 and graph[0] + graph[2] <= DESKTOP["width"]
    boxes = square_boxes(driver)
    assert_square(boxes)
    assert min(b[2] for b in boxes.values()) >= 40
    assert boxes["MAR"][0] < boxes["OMN"][0]  # west on the left, in Arabic too
    # The grid spans the chart's width (13 columns, edge to edge).
    assert min(b[0] for b in boxes.values()) - graph[0] < 10
    assert graph[0] + graph[2] - max(b[0] + b[2] for b in boxes.values()) < 10
    grid_bottom = max(b[1] + b[3] for b in boxes.values())
    title = box_of(driver, "#map-tiles .gtitle")
    if lang == "ar":
        assert graph[0] + graph[2] - (title[0] + title[2]) < 30
    else:
        assert title[0] - graph[0] < 30
    legend = box_of(driver, "#map-tiles .legend")
    assert 0 <= legend[1] - grid_bottom < 30, (legend, grid_bottom)
    driver.find_element(By.CSS_SELECTOR, "#map-edition input[value='2020']").click()
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#map-tiles .colorbar"))
    boxes = square_boxes(driver)
    assert_square(boxes)
    grid_bottom = max(b[1] + b[3] for b in boxes.values())
    bar = box_of(driver, "#map-tiles .colorbar")
    assert 0 <= bar[1] - grid_bottom < 30, (bar, grid_bottom)
    assert box_of(driver, "#map-tiles")[3] < graph[3]  # a colour bar takes less room


@pytest.mark.parametrize(("lang", "edition"), [pytest.param("en", "2024", id="en-2024"),
                                               pytest.param("ar", "2020", id="ar-2020")])
def test_a_square_answers_a_hover_to_its_corner(desktop, base_url, lang, edition):
    """Near the corner of Oman's square (its marker invisible, transparent in 2024, of
    opacity 0 under 2020's colour bar) the hover names Oman as the figure says it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    driver = desktop
    open_page(driver, base_url + f"/map?lang={lang}&edition={edition}", SQUARES)
    wait_for(lambda: len(square_codes(driver)) == len(TILES))
    name = driver.execute_script("""
        const gd = document.querySelector('#map-tiles .js-plotly-plot');
        const trace = gd.data.find(t => (t.text || []).includes('OMN'));
        return trace.hovertext[trace.text.indexOf('OMN')].split('<br>')[0];
    """)
    bare = "".join(c for c in name.replace("<b>", "").replace("</b>", "")
                   if c not in "\u2067\u2069\u200e\u200f")
    oman = driver.execute_script(SQUARE_OF, SQUARES, "OMN")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", oman)
    width = oman.rect["width"]
    ActionChains(driver).move_to_element_with_offset(oman, -0.4 * width, -0.4 * width) \
        .perform()
    hover = wait_for(lambda: driver.find_elements(By.CSS_SELECTOR,
                                                  "#map-tiles .hoverlayer .hovertext"))
    assert bare and bare in hover[0].text


# Each code's drawn text and the square under its centre, the code's font size, and the
# boxes of the legend's entries, of the legend and of the chart (all on the screen).
CODES_AND_LEGEND = """
    const squares = [...document.querySelectorAll(arguments[0])].map(e => e.getBoundingClientRect());
    const box = r => [r.left, r.top, r.right, r.bottom];
    const codes = [...document.querySelectorAll('#map-tiles .scatterlayer .textpoint text')].map(t => {
        const r = t.getBoundingClientRect(), x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
        const b = squares.find(b => b.left <= x && x <= b.right && b.top <= y && y <= b.bottom);
        return {code: t.textContent, size: parseFloat(getComputedStyle(t).fontSize),
                text: box(r), square: b && box(b)};
    });
    const legend = document.querySelector('#map-tiles .legend');
    return {codes, squares: squares.map(box),
            entries: [...legend.querySelectorAll('.traces')].map(e => box(e.getBoundingClientRect())),
            legend: box(legend.getBoundingClientRect()),
            graph: box(document.querySelector('#map-tiles').getBoundingClientRect()),
            scroll: document.documentElement.scrollWidth};
"""


def overlaps(a: list[float], b: list[float]) -> bool:
    """Whether two [left, top, right, bottom] boxes share more than a pixel's edge."""
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


def drawn(driver, url: str) -> dict:
    """The map at ``url`` once its codes and legend are drawn: CODES_AND_LEGEND's boxes."""
    from selenium.webdriver.common.by import By

    open_page(driver, url, SQUARES)
    wait_for(lambda: len(square_codes(driver)) == len(TILES))
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#map-tiles .legend .traces"))
    return driver.execute_script(CODES_AND_LEGEND, SQUARES)


def assert_codes_in_their_squares(codes: list[dict]) -> None:
    """Every code drawn whole inside the square under it, in its middle (within 3 px)."""
    assert sorted(c["code"] for c in codes) == sorted(TILES)
    for c in codes:
        text, square = c["text"], c["square"]
        assert square, f"{c['code']}: no square under it"
        assert square[0] < text[0] and text[2] < square[2], c  # the longest code fits
        assert square[1] < text[1] and text[3] < square[3], c
        assert abs((text[0] + text[2]) - (square[0] + square[2])) / 2 < 3, c
        assert abs((text[1] + text[3]) - (square[1] + square[3])) / 2 < 3, c


def assert_legend_clear_and_at_the_foot(seen: dict) -> None:
    """No legend entry over a square or another entry; the legend inside the chart, its foot
    within 40 px of the chart's (no blank band under it)."""
    for entry in seen["entries"]:
        assert not any(overlaps(entry, square) for square in seen["squares"]), entry
    for i, entry in enumerate(seen["entries"]):
        assert not any(overlaps(entry, other) for other in seen["entries"][i + 1:]), entry
    gap = seen["graph"][3] - seen["legend"][3]
    assert -1 <= gap <= 40, (seen["legend"], seen["graph"])


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_codes_are_readable_and_no_band_on_a_desktop(desktop, base_url, lang):
    """At 1366 px (44 px squares) each ISO3 code is 12 px or more, drawn inside its square
    and in its middle, and the tier legend ends at the chart's foot: no blank band under it
    (the room a phone's rows take stayed there: 84 to 114 px), no entry over a square."""
    seen = drawn(desktop, base_url + f"/map?lang={lang}")
    assert min(c["size"] for c in seen["codes"]) >= 12
    assert_codes_in_their_squares(seen["codes"])
    assert_legend_clear_and_at_the_foot(seen)


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_codes_and_legend_fit_a_phone(phone, base_url, lang):
    """At 390 px the codes stay inside their squares (9 px, as before), the legend's entries,
    one a row, cover no square and end at the chart's foot, and the page does not scroll
    sideways."""
    seen = drawn(phone, base_url + f"/map?lang={lang}")
    assert max(c["size"] for c in seen["codes"]) < 10
    assert_codes_in_their_squares(seen["codes"])
    assert_legend_clear_and_at_the_foot(seen)
    assert seen["scroll"] <= PHONE["width"]


# The saved SVG opened on its own: its size, and the boxes of its title, squares, legend
# entries and credit (the annotation chart-export.js adds under the plot).
SAVED_PARTS = """
    const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const svg = document.documentElement;
    return {size: [svg.width.baseVal.value, svg.height.baseVal.value],
            title: box(document.querySelector('.gtitle')),
            squares: [...document.querySelectorAll('.layer-subplot .shapelayer path')].map(box),
            entries: [...document.querySelectorAll('.legend .traces')].map(box),
            credit: [...document.querySelectorAll('.annotation')].map(box),
            codes: [...document.querySelectorAll('.textpoint text')].map(
                e => parseFloat(getComputedStyle(e).fontSize))};
"""


@pytest.mark.parametrize(("screen", "lang"), [pytest.param("desktop", "en", id="desktop-en"),
                                              pytest.param("phone", "ar", id="phone-ar")])
def test_the_saved_map_holds_its_title_and_legend(request, base_url, download_dir, screen,
                                                  lang):
    """The map saved as SVG (the "Save the chart" button) from a desktop or a phone holds
    the title and every legend entry inside the image, no entry over a square or the credit
    under the plot, and its codes at the size the page drew them (the figure says 9 px; the
    page's stylesheet draws 14 px on a desktop)."""
    from selenium.webdriver.common.by import By

    driver = request.getfixturevalue(screen)
    for old in download_dir.glob("*.svg"):
        old.unlink()
    open_page(driver, base_url + f"/map?lang={lang}", SQUARES)
    wait_for(lambda: len(square_codes(driver)) == len(TILES))
    entries = len(driver.find_elements(By.CSS_SELECTOR, "#map-tiles .legend .traces"))
    driver.find_element(By.CSS_SELECTOR, '.ci-chart-export-button[data-graph="map-tiles"]'
                                         '[data-format="svg"]').click()
    saved = wait_for_download(download_dir, ".svg")
    driver.get(saved.as_uri())
    seen = driver.execute_script(SAVED_PARTS)
    width, height = seen["size"]

    def inside(box):
        return 0 <= box[0] and box[2] <= width and 0 <= box[1] and box[3] <= height

    assert inside(seen["title"]) and len(seen["squares"]) == len(TILES)
    # The codes at the size the page drew them (14 px on a desktop, 9 px on a phone), not
    # the figure's 9 px: the saved map reads as the one on the screen.
    assert len(seen["codes"]) == len(TILES)
    assert set(seen["codes"]) == ({14.0} if screen == "desktop" else {9.0}), seen["codes"]
    assert entries >= 2 and len(seen["entries"]) == entries
    credit_top = min(b[1] for b in seen["credit"])
    for entry in seen["entries"]:
        assert inside(entry), (entry, seen["size"])
        assert not any(overlaps(entry, square) for square in seen["squares"]), entry
        assert entry[3] <= credit_top + 1, (entry, credit_top)
