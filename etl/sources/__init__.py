"""Registry of ETL sources: one module per publisher and dataset, all of one shape."""

from __future__ import annotations

from types import ModuleType

from etl.sources import itu_gci

SOURCES: dict[str, ModuleType] = {
    module.INFO.id: module
    for module in (itu_gci,)
}
