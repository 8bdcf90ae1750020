"""Where each country's square sits on the Map page's tile map: Africa and the Arab world.

A schematic layout authored for this project, not geographic data: every country is one
equal square on a grid, placed roughly where it lies (west on the left, north at the top),
as public-statistics sites draw tile maps. It draws no border, no coastline and no claim: a
square says only "this country", so the map shows no line Morocco (or any member) rejects.

The grid holds the members of the peer groups ``african_union`` (the 54 UN-member states of
the African Union), ``arab_league`` and ``mena`` (:data:`datasets/country_groups.csv`), and
no one else; Western Sahara has no square (it is in none of them). ``TILES`` maps each ISO3
code to its (column, row): column 0 is the westernmost, row 0 the northernmost; no two
countries share a cell. A member added to those groups needs a square here (a test says so).
"""

from __future__ import annotations

# The groups whose members the map shows (their union).
MAP_GROUPS: tuple[str, ...] = ("african_union", "arab_league", "mena")

# (column, row) per country, north to south, west to east. Comments name the band.
TILES: dict[str, tuple[int, int]] = {
    # Maghreb, Malta, the Levant, Iraq and Iran
    "MAR": (2, 0), "DZA": (3, 0), "TUN": (4, 0), "MLT": (5, 0),
    "LBN": (8, 0), "SYR": (9, 0), "IRQ": (10, 0), "IRN": (11, 0),
    # Sahara, Egypt, Palestine and its neighbours, Kuwait
    "MRT": (2, 1), "MLI": (3, 1), "NER": (4, 1), "LBY": (5, 1), "EGY": (6, 1),
    "ISR": (7, 1), "PSE": (8, 1), "JOR": (9, 1), "KWT": (10, 1),
    # Cabo Verde to the Red Sea; the Arabian peninsula's north and the Gulf
    "CPV": (0, 2), "SEN": (1, 2), "GMB": (2, 2), "BFA": (3, 2), "NGA": (4, 2),
    "TCD": (5, 2), "SDN": (6, 2), "ERI": (7, 2),
    "SAU": (9, 2), "BHR": (10, 2), "QAT": (11, 2), "ARE": (12, 2),
    # Guinea's coast to the Horn; Yemen and Oman
    "GNB": (1, 3), "GIN": (2, 3), "CIV": (3, 3), "BEN": (4, 3), "CMR": (5, 3),
    "CAF": (6, 3), "SSD": (7, 3), "ETH": (8, 3), "DJI": (9, 3),
    "YEM": (10, 3), "OMN": (11, 3),
    # The Gulf of Guinea to Somalia
    "SLE": (1, 4), "LBR": (2, 4), "GHA": (3, 4), "TGO": (4, 4), "GNQ": (5, 4),
    "COD": (6, 4), "UGA": (7, 4), "KEN": (8, 4), "SOM": (9, 4),
    # The Congo basin and the Great Lakes; Seychelles
    "STP": (3, 5), "GAB": (4, 5), "COG": (5, 5), "BDI": (6, 5), "RWA": (7, 5),
    "TZA": (8, 5), "SYC": (10, 5),
    # Southern Africa and the Indian Ocean
    "AGO": (5, 6), "ZMB": (6, 6), "MWI": (7, 6), "MOZ": (8, 6), "COM": (9, 6),
    "NAM": (5, 7), "BWA": (6, 7), "ZWE": (7, 7), "MDG": (9, 7), "MUS": (10, 7),
    "ZAF": (6, 8), "SWZ": (7, 8),
    "LSO": (6, 9),
}

COLUMNS = max(column for column, _ in TILES.values()) + 1
ROWS = max(row for _, row in TILES.values()) + 1
