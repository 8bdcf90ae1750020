"""The Data page in a real Chromium: an Arabic table shows each note in the direction of its
own text (an English one cut at its end, an Arabic translation at its end too); a French word
typed in a translated column's filter finds the row, and the CSV holds its published note."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.browser.conftest import open_page, severe_console_entries, wait_for_download
from tests.browser.test_data_page import TABLE_CELLS, _wait

pytestmark = pytest.mark.browser

# Where in a cell the text's first letter (after a direction mark) is drawn, and whether it
# and the last letter fall inside the cell: a long text is cut at its end, never its start.
FIRST_AND_LAST_SHOWN = """
const cell = arguments[0].querySelector('.dash-cell-value');
const node = cell.firstChild, text = node.textContent;
const first = /[^\\u200e\\u200f]/.exec(text).index;
const box = arguments[0].getBoundingClientRect();  // the cell clips its text
function shown(i) {
  const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
  const r = range.getBoundingClientRect();
  return r.left >= box.left - 1 && r.right <= box.right + 1;
}
return [shown(first), shown(text.length - 1), text.slice(first, first + 12)];
"""


def test_arabic_cells_are_cut_at_the_end_of_their_own_text(driver, base_url):
    """Morocco's 2020 GCI note and its 2022 EGDI note (translated part by part), both
    longer than their cell, each show their first letter, not their last. (Every note of the
    bundled data is translated now; an English note in an Arabic cell is isolated left to
    right: tests/dashboard/test_data_columns.py.)"""
    from selenium.webdriver.common.by import By

    open_page(driver, base_url + "/data?v=1&country=MAR&indicator=itu_gci.overall,"
              "un_egdi.egdi&edition=2020,2022&lang=ar", TABLE_CELLS)
    cells = driver.find_elements(By.CSS_SELECTOR,
                                 "#data-table td.dash-cell[data-dash-column='source_note']")
    seen = {}
    for cell in cells:
        if cell.get_attribute("textContent").strip():
            driver.execute_script("arguments[0].scrollIntoView({inline: 'center'})", cell)
            first, last, start = driver.execute_script(FIRST_AND_LAST_SHOWN, cell)
            seen[start] = (first, last)
    arabic = [s for s in seen if "\u0600" <= s[0] <= "\u06ff"]
    assert len(arabic) == len(seen) >= 2, seen
    assert all(seen[s] == (True, False) for s in arabic), seen
    assert severe_console_entries(driver) == []


def test_french_word_in_a_note_filter_finds_the_row_and_the_file(driver, base_url,
                                                                   download_dir):
    """"Malte" typed in the French "Note de la source" filter keeps Morocco's 2020 GCI row
    (its note, translated, says it); the CSV holds that row with the published note."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(driver, base_url + "/data?v=1&indicator=itu_gci.overall&lang=fr", TABLE_CELLS)
    cell = driver.find_element(
        By.CSS_SELECTOR, "#data-table th.dash-filter[data-dash-column='source_note'] input")
    cell.send_keys("Malte" + Keys.ENTER)
    _wait(driver, lambda d: "where=" in d.current_url)
    _wait(driver, lambda d: d.find_element(By.ID, "data-count").text.startswith("1 "))
    note = driver.find_element(
        By.CSS_SELECTOR, "#data-table td.dash-cell[data-dash-column='source_note']")
    assert "Malte" in note.get_attribute("textContent")
    for earlier in download_dir.glob("*.csv"):
        earlier.unlink()
    driver.find_element(By.ID, "data-download-csv").click()
    frame = pd.read_csv(wait_for_download(download_dir, ".csv"))
    assert frame["iso3"].tolist() == ["MAR"] and frame["edition"].tolist() == [2020]
    assert frame["source_note"].iloc[0].startswith("83.65 printed in DailyMorocco")
    assert severe_console_entries(driver) == []
