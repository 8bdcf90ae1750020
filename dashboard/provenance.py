"""Evidence shown beside values: correction badges (the ledger's reason) and "sources disagree"
blocks (every value printed and who printed it). Plain functions of frames, used by the
country, overview and cross-index pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from dash import html

from dashboard import data
from dashboard.elements import Children
from dashboard.i18n import (
    N_,
    catalog,
    format_day,
    format_names,
    format_number,
    normalize_lang,
    t,
    tn,
)
from dashboard.layout import catalog_element, catalog_text, link_list
from dashboard.rank_texts import CONFLICT, FLAG, value_marks
from etl.sources.itu_gci_evidence import own_field
from etl.store.content import agrees_within_rounding

# The value shown is taken as exact (its own decimals at most this many) when a printed value
# is checked for being its rounding.
MAX_PLACES = 6

# ``source_values.field`` to its label (pillar fields are the pillar names).
FIELD_LABELS: dict[str, str] = {
    "overall_score": N_("Overall score"),
    "global_rank": N_("Global rank"),
    "tier": N_("Tier"),
    **{key.split(".", 1)[1]: label for key, label in data.GCI_PILLARS.items()},
}


def correction_badge(text: object, lang: str) -> html.Span | str:
    """A badge saying the corrections ledger touches this value, with its reason (visible,
    so keyboard and screen-reader users get it too); "" when it has none."""
    found = data.parse_correction(text)
    if found is None:
        return ""
    reason = [catalog_element(html.Span, found["reason"], lang)]
    if found["date"]:
        # The ledger entry's date (when the correction was recorded), not the report's own.
        reason.append(" " + t("(in the corrections ledger since {date})", lang,
                              date=format_day(found["date"], lang)))
    if found["url"]:
        reason += [" · ", *link_list([found["url"]])]
    return html.Span([
        html.Span(t(data.CORRECTION_LABELS[found["action"]], lang),
                  className=f"ci-badge ci-correction-{found['action']}"),
        " ", html.Span(reason, className="ci-correction-reason"),
    ], className="ci-correction")


def value_with_correction(value_text: str, correction: object, lang: str) -> Children:
    """A table cell: the value, and its correction badge when the ledger names it."""
    badge = correction_badge(correction, lang)
    return html.Span([value_text, " ", badge]) if badge else value_text


def conflict_badge(verification: object, lang: str) -> html.Span | str:
    """A badge saying the value's sources disagree ("⚑ sources disagree (see note)", the
    Verification column's words); "" unless its verification is ``conflict``."""
    if str(verification) != CONFLICT:
        return ""
    return html.Span(f"{FLAG} {t(data.VERIFICATION_LABELS[CONFLICT], lang)}",
                     className="ci-badge ci-conflict")


def value_with_marks(value_text: Children, row: Mapping[str, object], lang: str) -> Children:
    """A value with every mark :func:`dashboard.rank_texts.value_marks` gives it: the
    corrections ledger's badge (with its reason) and "sources disagree" for a conflict; the
    value alone when it has neither. ``row`` is a mapping with ``verification`` and
    ``correction``."""
    if not value_marks(row, lang):
        return value_text
    badges = [b for b in (correction_badge(row.get("correction"), lang),
                          conflict_badge(row.get("verification"), lang)) if b]
    out: list = [value_text]
    for badge in badges:
        out += [" ", badge]
    return html.Span(out)


# How etl.store.disagreements_frame joins the notes of the sources that printed one value.
NOTES_JOIN = " | "


def source_notes_block(notes: str, lang: str) -> html.Div:
    """The notes of the sources that printed a value (joined as stored), each in ``lang``
    where the catalog translates it, else in English, marked so; with none translated (an
    English page), the whole as written, marked English."""
    parts = [note for note in notes.split(NOTES_JOIN) if note.strip()]
    code = normalize_lang(lang)
    if not any(note in catalog(code) for note in parts) or code == "en":
        return catalog_element(html.Div, notes, lang, className="ci-source-note")
    shown: list = []
    for note in parts:
        shown += [NOTES_JOIN] if shown else []
        shown.append(catalog_element(html.Span, note, lang))
    return html.Div(shown, className="ci-source-note")


# Who printed a value (``source_values.source_id``) from the ITU report (read or copied), by the
# name the Channel column gives that channel (data.CHANNEL_LABELS, as etl.sources.itu_gci
# names it): a reader meets "SSPI transcription" there, never the code "sspi".
ITU_CHANNEL_NAMES: dict[str, str] = {
    "bipa": "Blavatnik ITU-PDF extraction",
    "sspi": "SSPI transcription",
}
# Translators: who printed a disputed value, after "per": the ITU report as one or more
# channels read it; {channels} are the Channel column's names ("Blavatnik ITU-PDF
# extraction"), joined as a list.
MSG_ITU_REPORT_VIA = N_("the ITU report, read through {channels}")
# Translators: who printed a disputed value, after "per": a hand transcription of the ITU
# report, not the report itself; {channels} are the Channel column's names ("SSPI
# transcription"), joined as a list.
MSG_TRANSCRIPTION_OF = N_("{channels} of the ITU report")
# The channels that read the ITU report's own PDF profiles (a script extraction): their value
# is named as the report's. Any other ITU channel is a transcription (SSPI copied the figures
# by hand) and is named as one: Oman's 97.01 is SSPI's (the sum of the rounded pillars), and
# "per the ITU report" had given it the authority of the 97.02 the ITU profile prints, which
# the press quotes (datasets/corrections.csv).
ITU_REPORT_EXTRACTIONS = ("bipa",)


def channel_name(source_id: str, lang: str) -> str:
    """A value source's channel as the Channel column names it, in ``lang`` (an unknown code
    as written)."""
    channel = ITU_CHANNEL_NAMES.get(source_id)
    return t(data.CHANNEL_LABELS[channel], lang) if channel else source_id


# Translators: between the sources that printed one value ("the ITU report, read through ...;
# press or official statement"): the punctuation of a semicolon.
MSG_SEPARATOR = N_("; ")


def value_sources_text(sources: str, lang: str) -> str:
    """Who printed a value (``sources`` as in :func:`etl.store.disagreements_frame`): "the ITU
    report, read through Blavatnik ITU-PDF extraction" (a script extraction of the report's PDF
    profiles), "SSPI transcription of the ITU report" (a hand copy, not the report itself),
    "press or official statement", each channel by the Channel column's name for it, joined
    by the page's semicolon (" ; " in French, "؛ " in Arabic)."""
    ids = [s.strip() for s in str(sources).split(",") if s.strip()]
    itu = [s for s in ids if s in data.ITU_REPORT_CHANNELS]
    read = [s for s in itu if s in ITU_REPORT_EXTRACTIONS]
    copied = [s for s in itu if s not in ITU_REPORT_EXTRACTIONS]
    parts = []
    if read:
        parts.append(t(MSG_ITU_REPORT_VIA, lang, channels=format_names(
            [channel_name(s, lang) for s in read], lang)))
    if copied:
        parts.append(t(MSG_TRANSCRIPTION_OF, lang, channels=format_names(
            [channel_name(s, lang) for s in copied], lang)))
    for source_id in ids:
        if source_id not in itu:
            label = data.VALUE_SOURCE_LABELS.get(source_id)
            parts.append(t(label, lang) if label else source_id)
    return t(MSG_SEPARATOR, lang).join(parts)


def field_label(field: str, lang: str) -> str:
    label = FIELD_LABELS.get(field)
    return t(label, lang) if label else field


def _shown_value(observations: pd.DataFrame, indicator_id: str, edition: int,
                 field: str) -> float | None:
    """The value this dashboard publishes for a disagreement's field, if it has one."""
    rows = observations[(observations["indicator_id"] == indicator_id)
                        & (observations["edition"] == edition)]
    if rows.empty:
        return None
    column = {"global_rank": "rank", "tier": "tier"}.get(field, "value")
    value = rows.iloc[0][column]
    return None if pd.isna(value) else float(value)


def disagreement_items(frame: pd.DataFrame, observations: pd.DataFrame,
                       lang: str) -> list[html.Li]:
    """One item per disputed figure: each value printed, by whom, with links and notes."""
    items = []
    for (indicator_id, edition, field), group in frame.groupby(
        ["indicator_id", "edition", "field"], sort=True
    ):
        shown = _shown_value(observations, indicator_id, int(edition), field)
        values = []
        for row in group.sort_values("value").itertuples(index=False):
            who = value_sources_text(row.sources, lang)
            parts: list = [
                html.Strong(format_number(row.value, lang), className="ci-disputed-value"),
                " ", t("per {sources}", lang, sources=who),
            ]
            if row.n_citations > 1:
                parts.append(" " + tn("({count} citation)", "({count} citations)",
                                      row.n_citations, lang,
                                      count=format_number(row.n_citations, lang, 0)))
            if shown is not None and abs(shown - float(row.value)) < 1e-9:
                parts.append(html.Span([" · ", t("the value shown here", lang)],
                                       className="ci-disputed-shown"))
            elif shown is not None and row.places < MAX_PLACES and agrees_within_rounding(
                    shown, MAX_PLACES, float(row.value), int(row.places)):
                # Morocco's 82.4 in an article is the 82.41 shown, rounded: not a disagreement.
                # Translators: said of a value a source printed rounded (82.4) when the value
                # shown is 82.41: it is not a second value shown.
                parts.append(html.Span([" · ", t("agrees with the value shown here, once rounded",
                                                 lang)],
                                       className="ci-disputed-shown"))
            parts.append(html.Div(link_list(data.split_urls(row.source_urls)),
                                  className="ci-source-links"))
            if isinstance(row.source_notes, str) and row.source_notes.strip():
                parts.append(source_notes_block(row.source_notes, lang))
            values.append(html.Li(parts))
        indicator = indicator_text(indicator_id, {}, lang)
        if field == own_field(indicator_id):  # the indicator's value itself
            title = t("{indicator}, {edition}", lang, indicator=indicator, edition=int(edition))
        else:
            title = t("{indicator}, {edition}: {field}", lang, indicator=indicator,
                      edition=int(edition), field=field_label(field, lang))
        items.append(html.Li([html.Span(title, className="ci-disputed-title"),
                              html.Ul(values, className="ci-disputed-values")]))
    return items


def disagreements_block(frame: pd.DataFrame, observations: pd.DataFrame, lang: str,
                        block_id: str | None = None, heading: str = "h2") -> html.Section | None:
    """The "sources disagree" section for the rows of ``frame`` (None when it is empty)."""
    if frame.empty:
        return None
    tag = {"h2": html.H2, "h3": html.H3, "h4": html.H4}[heading]
    extra: dict[str, Any] = {"id": block_id} if block_id else {}
    return html.Section([
        tag(t("Sources disagree", lang)),
        html.P(t("These figures are printed differently by different sources (beyond "
                 "rounding). Each value is listed with who printed it; the one this dashboard "
                 "shows is marked.", lang), className="ci-note"),
        html.Ul(disagreement_items(frame, observations, lang), className="ci-disputed"),
    ], className="ci-disagreements", **extra)


def indicator_name(indicator_id: str, names: dict[str, str], lang: str) -> html.Span | str:
    """An indicator's label in ``lang``: its stored name as the catalog translates it (an
    untranslated one stays in English, marked as English)."""
    if indicator_id in data.INDICATOR_LABELS:
        return t(data.INDICATOR_LABELS[indicator_id], lang)
    if indicator_id in data.GCI_PILLARS:
        return t("GCI pillar: {pillar}", lang, pillar=t(data.GCI_PILLARS[indicator_id], lang))
    return catalog_text(names.get(indicator_id, indicator_id), lang)


def indicator_text(indicator_id: str, names: dict[str, str], lang: str) -> str:
    """:func:`indicator_name` as plain text (dropdown labels)."""
    label = indicator_name(indicator_id, names, lang)
    return label if isinstance(label, str) else str(label.children)
