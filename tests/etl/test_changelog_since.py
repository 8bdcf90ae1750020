"""A changelog read since a time with a UTC offset starts at that moment: on SQLite, which
compares the stored wall time, 05:42+01:00 had been read as 05:42 UTC (an hour of changes
missing from `cyberindex changes --since` and the changelog files)."""

from __future__ import annotations

import pandas as pd
import pytest

from etl import store


@pytest.mark.parametrize("offset", ["+01:00", "-05:00", "+00:00"])
def test_since_with_an_offset_is_that_moment(loaded_engine, offset):
    _release, every, _content = store.changelog_frames(loaded_engine)
    first = pd.Timestamp(every["changed_at"].min())
    first = first.tz_localize("UTC") if first.tzinfo is None else first.tz_convert("UTC")
    just_before = (first - pd.Timedelta(minutes=30)).tz_convert(offset.replace(":", ""))
    _release, since, _content = store.changelog_frames(loaded_engine, since=just_before.isoformat())
    assert len(since) == len(every) > 0
    after = (first + pd.Timedelta(days=1)).tz_convert(offset.replace(":", "")).isoformat()
    assert store.changelog_frames(loaded_engine, since=after)[1].empty
