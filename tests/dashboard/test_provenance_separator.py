"""Who printed a disputed value: the sources are joined by the page's semicolon (" ; " in
French, "؛ " in Arabic), as every other list of parts is, not by an English "; "."""

from __future__ import annotations

import pytest

from dashboard import provenance
from dashboard.i18n import t


@pytest.mark.parametrize(("lang", "separator"), [("en", "; "), ("fr", "\u202f; "), ("ar", "؛ ")])
def test_value_sources_are_joined_by_the_pages_semicolon(lang, separator):
    said = provenance.value_sources_text("bipa,sspi,press_or_official", lang)
    parts = said.split(separator)
    assert parts == [
        t(provenance.MSG_ITU_REPORT_VIA, lang,
          channels=provenance.channel_name("bipa", lang)),
        t(provenance.MSG_TRANSCRIPTION_OF, lang,
          channels=provenance.channel_name("sspi", lang)),
        t("press or official statement", lang),
    ], said
    if lang != "en":
        assert "; " not in said.replace(separator, ""), said
