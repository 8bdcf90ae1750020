"""Default regional memberships for regional claims ("first in Africa", "top five Arab states")."""

from __future__ import annotations

# The African Union's 54 UN-member African states (the AU's 55th member, the Sahrawi Republic,
# is not a UN member and has no ISO code).
AFRICA = frozenset(
    "DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COG COD CIV DJI EGY GNQ ERI SWZ ETH GAB GMB GHA GIN "
    "GNB KEN LSO LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA STP SEN SYC SLE SOM ZAF SSD SDN "
    "TZA TGO TUN UGA ZMB ZWE".split()
)
# The 22 members of the League of Arab States (Palestine as PSE).
ARAB_LEAGUE = frozenset(
    "DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM".split()
)
# The six members of the Gulf Cooperation Council.
GCC = frozenset("BHR KWT OMN QAT SAU ARE".split())

DEFAULT_REGIONS: dict[str, frozenset[str]] = {"africa": AFRICA, "arab": ARAB_LEAGUE, "gcc": GCC}
