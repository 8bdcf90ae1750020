"""Channels (how a value was read) are said in the page's language, part by part."""

from __future__ import annotations

import pytest

from dashboard import data
from dashboard.layout import channel_text
from etl import store

# Channel parts that are names, the same in every language.
PROPER_NAMES = {"NCSI 2016-2023"}


def test_every_stored_channel_is_known_part_by_part(loaded_engine):
    """Each channel of the bundled data is made of parts the dashboard translates (or names)."""
    channels = set(store.observations_frame(loaded_engine)["channel"].dropna())
    assert len(channels) > 5
    parts = {part for channel in channels for part in channel.split(data.CHANNEL_JOIN)}
    assert parts - set(data.CHANNEL_LABELS) - PROPER_NAMES == set()


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "SSPI transcription + press or official release"),
    ("fr", "transcription SSPI + presse ou communiqué officiel"),
    ("ar", "نسخ SSPI + الصحافة أو البيانات الرسمية"),
])
def test_channel_text_translates_each_part(lang, expected):
    assert channel_text("SSPI transcription + press or official release", lang) == expected
    assert channel_text("NCSI 2016-2023", lang) == "NCSI 2016-2023"
    assert channel_text(None, lang) == "–"
