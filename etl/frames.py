"""A DataFrame's values as plain Python, as ``DataFrame.to_dict("records")`` gives them, built
from each column's ``tolist`` (to_dict boxes cell by cell: several times slower at a few
thousand rows, and on Arrow-backed text columns). Used where rows are written column by column
(``etl.targets``) and where a page builds one element per row (``dashboard.news_components``).
"""

from __future__ import annotations

import pandas as pd
from pandas.api.extensions import ExtensionDtype
from pandas.core.dtypes.cast import maybe_box_native

# Python values to_dict gives as they are (maybe_box_native leaves them unchanged).
_NATIVE = frozenset({str, int, float, bool, type(None)})


def python_columns(frame: pd.DataFrame) -> dict[str, list]:
    """The frame's columns as lists of the Python values ``frame.to_dict("records")`` holds
    (pd.NA and NaT to None, numpy scalars to Python ones)."""
    columns = {}
    for name in frame.columns:
        column = frame[name]
        values = column.tolist()
        if ((column.dtype == object or isinstance(column.dtype, ExtensionDtype))
                and not set(map(type, values)) <= _NATIVE):
            values = list(map(maybe_box_native, values))  # as to_dict does: pd.NA to None...
        columns[name] = values
    return columns


def python_records(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")``: the rows as dicts of :func:`python_columns`' values."""
    columns = python_columns(frame)
    names = list(columns)
    return [dict(zip(names, row, strict=True))
            for row in zip(*columns.values(), strict=True)]
