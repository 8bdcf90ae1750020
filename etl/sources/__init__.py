"""Registry of ETL sources: one module per publisher and dataset, all of one shape."""

from __future__ import annotations

from types import ModuleType

from etl.sources import (
    gdelt_doc,
    interpol_act,
    itu_gci,
    itu_gci_evidence,
    ncsi,
    news_files,
    news_rss,
    un_egdi,
    un_egdi_live,
    worldbank_wdi,
    worldbank_wdi_2017,
)

# Bundled sources first; live ones (INFO.kind == "live") run with `etl run --all` only when
# listed in CYBERINDEX_LIVE_SOURCES. itu_gci_evidence comes before itu_gci, which attributes
# its pillars from the values the evidence source has published (itu_gci.EVIDENCE_SOURCE).
SOURCES: dict[str, ModuleType] = {
    module.INFO.id: module
    for module in (itu_gci_evidence, itu_gci, un_egdi, ncsi, interpol_act, worldbank_wdi_2017,
                   worldbank_wdi, un_egdi_live, news_files, news_rss, gdelt_doc)
}
