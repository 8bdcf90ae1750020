"""Three languages, right-to-left Arabic, accessibility (axe-core) and keyboard use in a real
Chromium (one server, one browser for the module).

The browser remembers the last language chosen (a cookie), so every address here names its
language.

axe-core comes from ``node_modules`` (``npm ci``, see package.json) and is injected into each
page; a page passes when axe reports no serious or critical violation.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.browser.conftest import TIMEOUT, open_page, wait_for_download

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
LANGS = ("en", "fr", "ar")
# Each page and an element that is there once it has rendered.
PAGES = {
    "/": "#overview-score-mar-2024",
    "/compare": "#compare-trend .main-svg",
    "/country/MAR": "#country-figures",
    "/status": "#status-runs",
    "/data": "#data-table",
    "/news": "#main h1",
    "/changes": "#main h1",
    "/cross-index": "#main h1",
    "/brief/MAR": "main#main",
}
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))))
  .catch(e => done({error: String(e)}));
"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core's script (skip, or fail under CI, when ``npm ci`` has not been run)."""
    if not AXE.exists():
        message = f"{AXE} missing: run `npm ci`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served_paths(base_url) -> dict[str, str]:
    """The pages this build serves (news, changes, cross-index and brief come and go)."""
    import dash

    registered = {page["path"] for page in dash.page_registry.values()}
    return {path: selector for path, selector in PAGES.items()
            if path in registered or path.startswith(("/country/", "/brief/"))}


def with_lang(url: str, lang: str) -> str:
    return url + ("&" if "?" in url else "?") + f"lang={lang}"


def settle(driver) -> None:
    """Wait until Dash has no callback in flight (charts and tables drawn)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script(
        "return !document.querySelector('[data-dash-is-loading=\"true\"]')"))
    time.sleep(0.3)


# ---------------------------------------------------------------- languages and direction


@pytest.mark.parametrize(("lang", "direction", "title", "morocco"), [
    pytest.param("en", "ltr", "GCI pillars of Morocco", "Morocco", id="en"),
    pytest.param("fr", "ltr", "Piliers du GCI", "Maroc", id="fr"),
    pytest.param("ar", "rtl", "ركائز", "المغرب", id="ar"),
])
def test_direction_chart_title_and_country_name(driver, base_url, lang, direction, title,
                                                 morocco):
    """Each language sets the document's direction, translates the chart titles and names
    Morocco as CLDR does."""
    from selenium.webdriver.common.by import By

    open_page(driver, with_lang(base_url + "/", lang), "#overview-pillars-mar .main-svg")
    assert driver.execute_script("return document.dir") == direction
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    chart_title = driver.find_element(By.CSS_SELECTOR, "#overview-pillars-mar .gtitle").text
    assert title in chart_title
    assert morocco in driver.find_element(By.ID, "overview-card-mar").text


@pytest.mark.parametrize("lang", LANGS)
def test_chart_toolbar_leaves_the_title_clear(driver, base_url, lang):
    """Plotly's toolbar sits at the top right, where an Arabic title starts: it moves to the
    left in Arabic, so no chart's title is under it (the toolbar is drawn while hovered)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    open_page(driver, with_lang(base_url + "/", lang), "#overview-pillars-mar .gtitle")
    settle(driver)
    charts = driver.find_elements(By.CSS_SELECTOR, "#main .js-plotly-plot")
    assert charts
    buttons = 0  # the toolbar buttons checked, over all the charts
    for chart in charts:
        ActionChains(driver).move_to_element(chart).perform()
        title = chart.find_element(By.CSS_SELECTOR, ".gtitle").rect
        for button in chart.find_elements(By.CSS_SELECTOR, ".modebar-btn"):
            buttons += 1
            bar = button.rect
            apart = (bar["x"] + bar["width"] <= title["x"]
                     or title["x"] + title["width"] <= bar["x"]
                     or bar["y"] + bar["height"] <= title["y"]
                     or title["y"] + title["height"] <= bar["y"])
            assert apart, (lang, button.get_attribute("data-title"), bar, title)
    assert buttons, "no chart showed its toolbar"


@pytest.mark.parametrize("lang", LANGS)
def test_score_axis_title_clears_its_ticks(driver, base_url, lang):
    """The Compare trend's score axis title keeps its standoff from the tick labels on either
    side. On a right-to-left page plotly measured the title short (its off-screen measuring
    SVG took the page's direction: the title overlapped the ticks by 8 px at standoff 12);
    the measuring element is left to right now, and the same standoff serves every language."""
    from selenium.webdriver.common.by import By

    open_page(driver, with_lang(base_url + "/compare", lang), "#compare-trend .g-ytitle")
    settle(driver)
    chart = driver.find_element(By.CSS_SELECTOR, "#compare-trend")
    ticks = [e.rect for e in chart.find_elements(By.CSS_SELECTOR, ".ytick text")]
    title = chart.find_element(By.CSS_SELECTOR, ".g-ytitle").rect
    if lang == "ar":
        gap = title["x"] - max(r["x"] + r["width"] for r in ticks)
    else:
        gap = min(r["x"] for r in ticks) - (title["x"] + title["width"])
    assert 4 <= gap <= 30, (lang, gap)


def test_view_link_reads_from_its_start_beside_its_copy_button_on_a_phone(driver, base_url):
    """On a 320 px phone in Arabic: the link field reads left to right from "http" (it showed
    the link's end), the copy button sits beside it, and the page is no wider than the
    screen (the field's 24em minimum made it 370 px)."""
    from selenium.webdriver.common.by import By

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 320, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    try:
        open_page(driver, with_lang(base_url + "/compare", "ar"), ".ci-permalink-field input")
        settle(driver)
        field = driver.find_element(By.CSS_SELECTOR, ".ci-permalink-field input")
        button = driver.find_element(By.CSS_SELECTOR, ".ci-copy-link")
        assert driver.execute_script(
            "return getComputedStyle(arguments[0]).direction", field) == "ltr"
        assert driver.execute_script("return arguments[0].value", field).startswith("http")
        assert driver.execute_script("return arguments[0].scrollLeft", field) == 0
        middle = button.rect["y"] + button.rect["height"] / 2
        assert field.rect["y"] <= middle <= field.rect["y"] + field.rect["height"]
        assert driver.execute_script(
            "return document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_wide_tables_keep_their_caption_on_a_phone(driver, base_url, lang):
    """A table wider than a phone scrolls in its own box; its caption stays on screen, whole,
    while the box scrolls (it was as wide as the table, 734 px in a 342 px box)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 390, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    try:
        open_page(driver, with_lang(base_url + "/cross-index", lang), ".ci-table-scroll")
        settle(driver)
        boxes = driver.execute_script("""
            return Array.from(document.querySelectorAll('.ci-table-scroll')).map(function (box) {
                var caption = box.querySelector('caption');
                if (!caption || box.scrollWidth <= box.clientWidth) { return null; }
                box.scrollLeft = (getComputedStyle(box).direction === 'rtl' ? -1 : 1) * 250;
                var r = caption.getBoundingClientRect();
                return [r.left, r.right, window.innerWidth, caption.textContent.slice(0, 30)];
            }).filter(Boolean);""")
        assert boxes, "no wide table to check"
        for left, right, width, caption in boxes:
            assert 0 <= left and right <= width, (caption, left, right, width)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_dropdown_options_are_one_line_each(driver, base_url, lang):
    """An open country picker lists each option on one line, checkbox beside the name (a
    control's label rule had put each checkbox on a line of its own, in bold: two options
    showed), the checkbox on the reading side: at the right in Arabic."""
    from selenium.webdriver.common.by import By

    open_page(driver, with_lang(base_url + "/compare", lang), "#compare-countries")
    settle(driver)
    driver.find_element(By.CSS_SELECTOR, "#compare-countries").click()
    options = driver.find_elements(By.CSS_SELECTOR, "label.dash-dropdown-option")
    assert len(options) >= 3
    for option in options[:3]:
        box = option.find_element(By.CSS_SELECTOR, "input").rect
        name = option.find_element(By.CSS_SELECTOR, ".dash-options-list-option-text").rect
        assert abs((box["y"] + box["height"] / 2) - (name["y"] + name["height"] / 2)) < 8
        assert (box["x"] > name["x"]) if lang == "ar" else (box["x"] < name["x"])
    driver.find_element(By.TAG_NAME, "body").send_keys("\ue00c")  # Escape closes the menu


def test_arabic_ranking_table_fits_its_page(driver, base_url):
    """Right to left, dash-table offset its body by the first column's distance from the
    table's left edge and grew the table by it on each resize (the Compare ranking reached
    7,000 px, one column per screen): it stays as wide as its container, like in English."""
    from selenium.webdriver.common.by import By

    widths = {}
    for lang in ("en", "ar"):
        open_page(driver, with_lang(base_url + "/compare", lang), "#compare-ranking td")
        settle(driver)
        box = driver.find_element(By.CSS_SELECTOR, "#compare-ranking .dash-spreadsheet-container")
        table = driver.find_element(By.CSS_SELECTOR, "#compare-ranking table.cell-table")
        widths[lang] = (table.rect["width"], box.rect["width"])
        assert table.rect["width"] <= box.rect["width"] + 1, (lang, widths)
        cells = driver.find_elements(By.CSS_SELECTOR, "#compare-ranking tr:first-of-type > *")
        assert cells and all(box.rect["x"] - 1 <= c.rect["x"] <= box.rect["x"] + box.rect["width"]
                   for c in cells), (lang, [c.rect for c in cells])


@pytest.mark.parametrize("lang", ("en", "fr"))
def test_tables_are_written_in_the_page_font(driver, base_url, lang):
    """dash-table draws its cells in monospace; here they use the page's font (digits of one
    width), like the rest of the page."""
    from selenium.webdriver.common.by import By

    open_page(driver, with_lang(base_url + "/compare", lang), "#compare-ranking td")
    settle(driver)
    font = "return getComputedStyle(arguments[0]).fontFamily"
    page = driver.execute_script(font, driver.find_element(By.ID, "main"))
    for cell in driver.find_elements(By.CSS_SELECTOR, "#compare-ranking td")[:10]:
        assert driver.execute_script(font, cell) == page


def test_english_notes_in_arabic_read_left_to_right(driver, base_url):
    """Text in another language on an Arabic page (the language switch's "English", any text the
    catalog does not translate, marked ``lang="en"``) keeps its own direction, isolated from the
    Arabic around it. The NCSI snapshot Morocco's figures were read in is said in Arabic now, its
    address left to right inside it. A translated note (Oman's 97.02) reads in Arabic, its pillar
    sum "19.59+18.39+20+19.03+20" in its order."""
    from selenium.webdriver.common.by import By

    open_page(driver, with_lang(base_url + "/cross-index", "ar"), "#crossindex-statements li")
    statements = driver.find_element(By.CSS_SELECTOR, "#crossindex-statements").text
    assert "جدول الترتيب على ncsi.ega.ee/add/?version_id=1007" in statements
    assert "date not shown" not in statements
    marked = driver.find_elements(By.CSS_SELECTOR, '[dir="rtl"] [lang="en"]')
    assert any(m.text == "English" for m in marked)
    style = "const s = getComputedStyle(arguments[0]); return [s.direction, s.unicodeBidi]"
    for element in marked:
        assert driver.execute_script(style, element) == ["ltr", "isolate"]
    open_page(driver, with_lang(base_url + "/", "ar"), "#overview-card-omn")
    card = driver.find_element(By.CSS_SELECTOR, "#overview-card-omn")
    assert "19.59+18.39+20+19.03+20" in card.text
    assert "الاتحاد الدولي للاتصالات" in card.text  # the note, in Arabic


@pytest.mark.parametrize(("path", "box"), [("/compare", "#compare-join"),
                                         ("/news", "#news-samples")])
def test_a_lone_checkbox_sits_beside_its_words(driver, base_url, path, box):
    """The "join the lines" and "include samples" boxes sit on the line of their words (the
    controls' block labels had put each box above its text)."""
    from selenium.webdriver.common.by import By

    open_page(driver, with_lang(base_url + path, "fr"), f"{box} input")
    check = driver.find_element(By.CSS_SELECTOR, f"{box} input").rect
    words = driver.find_element(By.CSS_SELECTOR, f"{box} .dash-options-list-option-text").rect
    middle = check["y"] + check["height"] / 2
    assert words["y"] <= middle <= words["y"] + words["height"], (check, words)


def test_arabic_is_laid_out_right_to_left(driver, base_url):
    """In Arabic the first navigation item is the rightmost, text starts on the right and
    the main column is mirrored."""
    from selenium.webdriver.common.by import By

    open_page(driver, with_lang(base_url + "/country/MAR", "ar"), "#country-figures")
    items = driver.find_elements(By.CSS_SELECTOR, ".ci-nav-list > li")
    lefts = [item.rect["x"] for item in items]
    assert len(lefts) > 2 and lefts == sorted(lefts, reverse=True), lefts
    heading = driver.find_element(By.CSS_SELECTOR, "#main h1")
    style = driver.execute_script(
        "const s = getComputedStyle(arguments[0]); return [s.direction, s.textAlign]", heading)
    assert style[0] == "rtl" and style[1] in ("start", "right")
    main = driver.find_element(By.ID, "main")
    assert heading.rect["x"] + heading.rect["width"] >= main.rect["x"] + main.rect["width"] - 40


def test_arabic_date_range_arrow_points_from_start_to_end(driver, base_url):
    """The News dates: in Arabic the start date is on the right, so the arrow between the two
    points left, towards the end date (it pointed back at the start): the picker runs right to
    left (is_RTL), which draws its arrow pointing left, and no mirror turns it back."""
    open_page(driver, with_lang(base_url + "/news", "ar"), "#news-dates")
    start, end, arrow, transform, rtl = driver.execute_script(
        "const r = id => document.getElementById(id).getBoundingClientRect().x;"
        "const a = document.querySelector('.dash-datepicker-range-arrow');"
        "return [r('news-dates'), r('news-dates-end-date'), a.getBoundingClientRect().x,"
        "        getComputedStyle(a).transform,"
        "        !!document.querySelector('.ci-date-range.is-rtl')];")
    assert start > arrow > end and rtl and transform == "none"


def test_arabic_indic_digits_are_remembered(driver, base_url):
    """digits=arab writes Morocco's 97.5 as ٩٧٫٥, and the choice holds on the next page."""
    from selenium.webdriver.common.by import By

    element = open_page(driver, base_url + "/?lang=ar&digits=arab", "#overview-score-mar-2024")
    assert element.text == "٩٧٫٥"
    open_page(driver, base_url + "/?lang=ar", "#overview-score-mar-2024")
    assert driver.find_element(By.ID, "overview-score-mar-2024").text == "٩٧٫٥"
    open_page(driver, base_url + "/?lang=ar&digits=latn", "#overview-score-mar-2024")
    assert driver.find_element(By.ID, "overview-score-mar-2024").text == "97.5"


def test_arabic_indic_digits_in_the_data_table(driver, base_url):
    """With digits=arab the Data table writes its numbers in Arabic-Indic digits (97.5 as
    ٩٧٫٥) while it still sorts them as numbers; Western digits give 97.5."""
    from selenium.webdriver.common.by import By

    def value_cells(d):
        return [c.text for c in d.find_elements(
            By.CSS_SELECTOR, "#data-table td[data-dash-column=value]")]

    path = "/data?v=1&indicator=itu_gci.overall&country=MAR&edition=2024&lang=ar"
    open_page(driver, base_url + path + "&digits=arab", "#data-table td[data-dash-column=value]")
    assert value_cells(driver) == ["\u0669\u0667\u066b\u0665"]
    open_page(driver, base_url + path + "&digits=latn", "#data-table td[data-dash-column=value]")
    assert value_cells(driver) == ["97.5"]


def test_remembered_language_applies_to_a_bare_address(driver, base_url):
    """After choosing French, a page opened without lang is in French; English resets it."""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/status?lang=fr", "#status-runs")
    open_page(driver, base_url + "/status", "#status-runs")
    assert "lang=fr" in driver.current_url
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    open_page(driver, base_url + "/status?lang=en", "#status-runs")
    open_page(driver, base_url + "/status", "#status-runs")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"


# ---------------------------------------------------------------- axe-core


@pytest.mark.parametrize("lang", [pytest.param(code, id=code) for code in LANGS])
def test_no_serious_accessibility_violation(driver, base_url, axe_source, served_paths, lang):
    """axe-core finds no serious or critical violation on any page in this language."""
    failures = {}
    for path, selector in served_paths.items():
        open_page(driver, with_lang(base_url + path, lang), selector)
        if not path.startswith("/brief/"):
            settle(driver)
        driver.execute_script(axe_source)
        violations = driver.execute_async_script(AXE_RUN)
        assert not isinstance(violations, dict), violations
        bad = [v for v in violations if v["impact"] in ("serious", "critical")]
        if bad:
            failures[path] = bad
    assert not failures, "\n".join(
        f"{path}: {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}"
        for path, found in failures.items() for v in found)


# ---------------------------------------------------------------- keyboard only


def press(driver, *keys) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(driver).send_keys(*keys).perform()


def tab_to(driver, predicate_js: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches ``predicate_js`` (given ``el``)."""
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        press(driver, Keys.TAB)
        if driver.execute_script(f"const el = document.activeElement; return {predicate_js};"):
            return
    raise AssertionError(f"Tab never reached {predicate_js}")


def test_compare_countries_chosen_with_the_keyboard(driver, base_url):
    """Tab to the country picker, type "Tun", Enter: Tunisia joins the chart and its table;
    focus stays visible all along."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(driver, base_url + "/compare?countries=MAR,OMN&lang=en", "#compare-trend .main-svg")
    settle(driver)
    tab_to(driver, "el.id === 'compare-countries'")
    outline = driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    # The first letter opens the list and moves focus to its search box, which filters.
    press(driver, "T")
    search = WebDriverWait(driver, TIMEOUT).until(lambda d: d.execute_script(
        "const el = document.activeElement;"
        "return el.classList.contains('dash-dropdown-search') ? el : null"))
    if search.get_attribute("value") != "T":  # a letter typed while focus moved
        press(driver, Keys.END, *[Keys.BACKSPACE] * 5, "T")
    press(driver, "un")
    WebDriverWait(driver, TIMEOUT).until(lambda d: search.get_attribute("value") == "Tun")
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.find_elements(
        By.CSS_SELECTOR, ".dash-dropdown-options [role=option]"))
    press(driver, Keys.ENTER)
    press(driver, Keys.ESCAPE)
    WebDriverWait(driver, TIMEOUT).until(
        lambda d: "Tunisia" in d.find_element(By.ID, "compare-trend-twin").get_attribute(
            "textContent"))
    names = [trace for trace in driver.execute_script(
        "return document.getElementById('compare-trend').querySelector('.js-plotly-plot')"
        ".data.map(t => t.name)")]
    assert "Tunisia" in names


def test_data_download_reached_and_activated_with_the_keyboard(driver, base_url, download_dir):
    """Tab reaches the CSV download link of the Data page and Enter downloads the file."""
    open_page(driver, base_url + "/data?country=MAR&lang=en", "#data-table")
    settle(driver)
    for old in download_dir.iterdir():
        old.unlink()
    tab_to(driver, "el.id === 'data-download-csv'", limit=120)
    from selenium.webdriver.common.keys import Keys

    press(driver, Keys.ENTER)
    saved = wait_for_download(download_dir, ".csv")
    text = saved.read_text(encoding="utf-8")
    assert "MAR" in text and "OMN" not in text


@pytest.mark.parametrize(("path", "table"), [
    pytest.param("/data?country=MAR&lang=en", "#data-table", id="data"),
    pytest.param("/compare?lang=en", "#compare-ranking", id="compare"),
])
def test_tab_leaves_a_tables_sort_buttons(driver, base_url, path, table):
    """Tab goes from one column's sort button to the next and on past the table: the table's
    own key handler used to keep focus on the first one (a keyboard trap, audit 3); the
    focused button shows its focus ring."""
    from selenium.webdriver.common.keys import Keys

    open_page(driver, base_url + path, table)
    settle(driver)
    tab_to(driver, "el.classList.contains('column-header--sort')", limit=150)
    seen = [driver.execute_script("return document.activeElement.getAttribute('aria-label')")]
    ring = driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    for _ in range(40):
        press(driver, Keys.TAB)
        now = driver.execute_script(
            "const el = document.activeElement; return el.classList.contains("
            "'column-header--sort') ? el.getAttribute('aria-label') : null")
        if now is None:
            break
        seen.append(now)
    assert len(seen) >= 3 and len(set(seen)) == len(seen), seen
    assert now is None, "focus never left the sort buttons"
    assert ring != "none"


def test_table_twin_opens_with_the_keyboard(driver, base_url):
    """The table view of a chart is a <summary> reached by Tab and opened with Enter."""
    from selenium.webdriver.common.keys import Keys

    open_page(driver, base_url + "/country/MAR?lang=en", "#country-figures")
    settle(driver)
    tab_to(driver, "el.tagName === 'SUMMARY'")
    press(driver, Keys.ENTER)
    assert driver.execute_script("return document.activeElement.parentElement.open") is True


# ---------------------------------------------------------------- the country brief


@pytest.mark.parametrize(("lang", "name"), [
    pytest.param("en", "Morocco", id="en"),
    pytest.param("fr", "Maroc", id="fr"),
    pytest.param("ar", "المغرب", id="ar"),
])
def test_brief_renders_in_each_language(driver, base_url, lang, name):
    """The brief of Morocco renders in each language, mirrored in Arabic, hiding its toolbar
    when printed."""
    from selenium.webdriver.common.by import By

    heading = open_page(driver, with_lang(base_url + "/brief/MAR", lang), "main#main")
    assert name in driver.find_element(By.TAG_NAME, "h1").text
    assert heading is not None
    assert driver.execute_script("return document.dir") == ("rtl" if lang == "ar" else "ltr")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not driver.find_element(By.CSS_SELECTOR, ".toolbar").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
