"""The tile map's layout: one square per member of the mapped groups, none shared, none for
anyone else (Western Sahara has none), compact, and roughly where each country lies."""

from __future__ import annotations

from collections import Counter

import pytest

from dashboard.tile_layout import COLUMNS, MAP_GROUPS, ROWS, TILES
from etl import store


@pytest.fixture(scope="module")
def members(loaded_engine) -> set[str]:
    """The union of the mapped groups' members, as the store holds them."""
    return set(store.group_members_frame(loaded_engine, list(MAP_GROUPS))["iso3"])


def test_every_member_has_one_tile_and_no_one_else(members):
    """The squares are exactly the members of the three groups (69 countries)."""
    assert len(members) == 69
    assert set(TILES) == members


def test_no_two_tiles_share_a_cell():
    shared = [cell for cell, n in Counter(TILES.values()).items() if n > 1]
    assert not shared


def test_no_tile_for_western_sahara():
    """The store's African Union holds the 54 UN-member states; the map adds no one."""
    assert "ESH" not in TILES


def test_grid_is_compact():
    """About 13-16 columns and at most 11 rows, every cell on the grid."""
    assert 12 <= COLUMNS <= 16 and ROWS <= 11
    assert all(0 <= c < COLUMNS and 0 <= r < ROWS for c, r in TILES.values())


def col(code: str) -> int:
    return TILES[code][0]


def row(code: str) -> int:
    return TILES[code][1]


@pytest.mark.parametrize(("holds", "why"), [
    pytest.param(lambda: col("MAR") < col("EGY"), "Morocco west of Egypt", id="mar-w-egy"),
    pytest.param(lambda: row("MAR") < row("SEN"), "Morocco north of Senegal", id="mar-n-sen"),
    pytest.param(lambda: row("ZAF") > row("COD"), "South Africa south of DR Congo",
                 id="zaf-s-cod"),
    pytest.param(lambda: col("OMN") > col("SAU"), "Oman east of Saudi Arabia", id="omn-e-sau"),
    pytest.param(lambda: abs(row("MAR") - row("TUN")) <= 1 and abs(row("DZA") - row("TUN")) <= 1,
                 "Morocco and Algeria in Tunisia's row band", id="maghreb-band"),
    pytest.param(lambda: col("CPV") == 0, "Cabo Verde westernmost", id="cpv-west"),
    pytest.param(lambda: row("LSO") == ROWS - 1, "Lesotho southernmost", id="lso-south"),
    pytest.param(lambda: col("SAU") > col("EGY") and col("IRN") > col("IRQ"),
                 "Arabia east of Egypt, Iran east of Iraq", id="east"),
])
def test_rough_geography(holds, why):
    assert holds(), why
