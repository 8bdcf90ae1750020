"""Who printed a disputed value is named as the Channel column names its channel ("SSPI
transcription", "Blavatnik ITU-PDF extraction", translated), never by the codes bipa and sspi."""

from __future__ import annotations

import re

import pytest
from dash import html

from dashboard import data, provenance
from dashboard.layout import channel_text
from tests.dashboard.tree_support import texts, walk

CODES = ("bipa", "sspi")


@pytest.mark.parametrize(("lang", "expected"), [
    pytest.param("en", "the ITU report, read through Blavatnik ITU-PDF extraction; SSPI "
                       "transcription of the ITU report", id="en"),
    pytest.param("fr", "le rapport de l'UIT, lu par extraction des PDF de l'UIT (Blavatnik)\u202f; "
                       "transcription SSPI du rapport de l'UIT", id="fr"),
    pytest.param("ar", "تقرير الاتحاد الدولي للاتصالات كما نُقل عبر استخراج من ملفات PDF "
                       "للاتحاد الدولي للاتصالات (Blavatnik)؛ نسخ SSPI لتقرير الاتحاد الدولي "
                       "للاتصالات", id="ar"),
])
def test_itu_transcriptions_are_named_by_their_channel(lang, expected):
    """bipa and sspi read as the Channel column's names for them, in the page's language:
    bipa's extraction as the ITU report's, SSPI's hand copy as a transcription of it."""
    assert provenance.value_sources_text("bipa,sspi", lang) == expected


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_channel_names_are_the_channel_columns(lang):
    """Every ITU transcription has a channel name, the one the Channel column shows."""
    assert set(data.ITU_REPORT_CHANNELS) <= set(provenance.ITU_CHANNEL_NAMES)
    for source_id, channel in provenance.ITU_CHANNEL_NAMES.items():
        assert provenance.channel_name(source_id, lang) == channel_text(channel, lang)


def _who(block) -> list[str]:
    """The "per ..." text of each disputed value (the value's source notes left aside: they
    are the data files' own notes)."""
    return [child for item in walk(block) if isinstance(item, html.Li)
            and item.children and isinstance(item.children[0], html.Strong)
            for child in item.children if isinstance(child, str) and child.strip()]


@pytest.mark.parametrize("iso3", ["MAR", "OMN"])
@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_country_page_names_no_code(pages, app_context, iso3, lang):
    """Morocco's 82.41 and Oman's 97.01 name their channels, not bipa or sspi."""
    page = pages["country"]
    block = next(n for n in walk(page.layout(iso3=iso3, lang=lang))
                 if getattr(n, "id", None) == page.ID_DISAGREE)
    said = " ".join(_who(block))
    assert "SSPI" in said, texts(block)
    assert not re.search(rf"\b({'|'.join(CODES)})\b", said), said  # the codes, lower case
