"""A published run's note in the page's language (Status page, "Reason" column).

The ETL writes a succeeded run's note in English, parts joined by "; ": the publication of a
held run it forced (:func:`etl.maintenance.publish_held`), what a live source fetched but did not
load (:func:`etl.sources.worldbank_wdi.run_note`), the published rows it removed or kept
(:func:`etl.pipeline._kept_note`), and the rows still quarantined from a snapshot an earlier
run read (:data:`etl.pipeline.QUARANTINED_AGAIN_NOTE`). The runs table keeps that text; a
French or Arabic page reads each part back by the wording the ETL uses (:data:`NOTE_PARTS`) and says it again, counts
in the reader's digits and with the plural they need. A part of another wording stays as
stored, marked English; an English page shows the note as stored.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from functools import cache

from dash import html

from dashboard.elements import aria_attrs
from dashboard.i18n import N_, catalog, fill, format_number, normalize_lang, t, tn
from dashboard.layout import catalog_text
from etl import pipeline, targets

# How the ETL joins the parts of a note (and the Status page's separator, said in its language).
NOTE_JOIN = "; "
MSG_SEPARATOR = N_("; ")


def _number(value: str, lang: str) -> str:
    return format_number(int(value), lang, 0)


def _forced(fields: dict[str, str], lang: str) -> str:
    # Translators: a run's note: it published a release the publish gate had held (the run
    # number of the held one), by a person's command.
    return t("forced publication of held run {run}", lang, run=_number(fields["run"], lang))


def _removed(fields: dict[str, str], lang: str) -> str:
    count = int(fields["count"])
    # Translators: a run's note: published rows deleted because the source no longer gives them.
    return tn("removed {count} published row the source no longer gives",
              "removed {count} published rows the source no longer gives",
              count, lang, count=_number(fields["count"], lang))


def _kept(fields: dict[str, str], lang: str) -> str:
    count = int(fields["count"])
    # Translators: a run's note: published rows left as they were because the rows that would
    # have replaced them failed validation (quarantined).
    return tn("kept {count} published row as it was: its incoming row was quarantined",
              "kept {count} published rows as they were: their incoming rows were quarantined",
              count, lang, count=_number(fields["count"], lang))


def _unread_key(fields: dict[str, str], lang: str) -> str:
    count = int(fields["count"])
    # Translators: a run's note, after the rows it kept: some quarantined rows had a country or
    # an edition that could not be read, so every published row they could be was kept.
    return tn("{count} quarantined row whose key could not be read: the published rows it "
              "could be were kept",
              "{count} quarantined rows whose key could not be read: the published rows they "
              "could be were kept", count, lang, count=_number(fields["count"], lang))


def _aggregates(fields: dict[str, str], lang: str) -> str:
    count, regions = int(fields["aggregates"]), int(fields["regions"])
    # Translators: inside a World Bank run's note: how many regions and income groups the
    # aggregate rows it did not load are about.
    groups = tn("{count} region or income group", "{count} regions or income groups", regions,
                lang, count=_number(fields["regions"], lang))
    # Translators: a World Bank run's note, first part: rows for regions and income groups
    # (aggregates) are fetched but never loaded as countries; {groups} is the phrase counting
    # those regions and groups.
    return tn("not loaded: {count} aggregate row ({groups}, never loaded as countries)",
              "not loaded: {count} aggregate rows ({groups}, never loaded as countries)",
              count, lang, count=_number(fields["aggregates"], lang), groups=groups)


def _missing(fields: dict[str, str], lang: str) -> str:
    count = int(fields["missing"])
    # Translators: a World Bank run's note, second part: country-years the API lists without
    # a value (no row is loaded for them).
    return tn("{count} country-year without a value (no row)",
              "{count} country-years without a value (no row)",
              count, lang, count=_number(fields["missing"], lang))


def _source(fields: dict[str, str]) -> html.Code:
    return html.Code(fields["source"], dir="ltr")  # a source's id, as the operator types it


def _no_evidence(fields: dict[str, str], lang: str) -> list:
    # Translators: a GCI run's note: the pillars' sources could not be attributed per field
    # because the evidence source ({source}, an id kept as written) has published nothing yet.
    return fill(t("provenance not attributed: {source} has no published per-source values "
                  "yet, so each value keeps its row's sources and verification", lang,
                  source="{source}"),
                "{source}", source=_source(fields))


def _provenance(fields: dict[str, str], lang: str) -> list:
    count = int(fields["count"])
    # Translators: a GCI run's note: published values whose links, channel or verification
    # changed (attributed from the evidence source {source}, an id kept as written); the
    # "What changed" page lists each of them.
    text = tn("{count} published observation changes source URL, channel or verification, "
              "attributed from the published values of {source} (the changelog lists each)",
              "{count} published observations change source URL, channel or verification, "
              "attributed from the published values of {source} (the changelog lists each)",
              count, lang, count=_number(fields["count"], lang), source="{source}")
    return fill(text, "{source}", source=_source(fields))


def _provenance_unlisted(fields: dict[str, str], lang: str) -> list:
    count = int(fields["count"])
    # Translators: a GCI run's note, as runs wrote it before the changelog listed changes of
    # source: published values whose links, channel or verification changed (attributed from
    # the evidence source {source}, an id kept as written); the changelog of that time listed
    # changes of figures only.
    text = tn("{count} published observation changes source URL, channel or verification, "
              "attributed from the published values of {source} (the changelog lists changes "
              "of value, rank and tier only)",
              "{count} published observations change source URL, channel or verification, "
              "attributed from the published values of {source} (the changelog lists changes "
              "of value, rank and tier only)",
              count, lang, count=_number(fields["count"], lang), source="{source}")
    return fill(text, "{source}", source=_source(fields))


def _run_after(fields: dict[str, str], lang: str) -> list:
    # Translators: a run's note: this source ran again right after a release of the evidence
    # source ({source}, an id kept as written; {release} the release's number).
    return fill(t("run again after release {release} of {source}, to attribute from its "
                  "values", lang, release=_number(fields["release"], lang), source="{source}"),
                "{source}", source=_source(fields))


def _quarantined_again(fields: dict[str, str], lang: str) -> list:
    count = int(fields["count"])
    sha = fields["snapshot"]
    # Translators: a run's note: rows of a raw snapshot (a file, {snapshot} its SHA-256 hash,
    # kept as written) that an earlier run ({run}, its number) quarantined are quarantined
    # again; they are kept once in the quarantine table, not stored a second time.
    text = tn("{count} row still quarantined from snapshot {snapshot}, first quarantined by "
              "run {run} (stored once)",
              "{count} rows still quarantined from snapshot {snapshot}, first quarantined by "
              "run {run} (stored once)", count, lang, count=_number(fields["count"], lang),
              run=_number(fields["run"], lang), snapshot="{snapshot}")
    return fill(text, "{snapshot}", snapshot=html.Code(sha[:12], title=sha, dir="ltr",
                                                       **aria_attrs(label=sha)))


# etl.targets.PROVENANCE_NOTE as runs stored it before the changelog listed changes of source
# (revision 0007 of the store): their notes keep this wording, and what it said then.
PROVENANCE_NOTE_UNLISTED = ("{count} published observation(s) change source URL, channel or "
                            "verification, attributed from the published values of {source} "
                            "(the changelog lists changes of value, rank and tier only)")

# Each part of a note as the ETL writes it (its {fields} whole numbers, a source's id), or
# wrote it in earlier runs, and what says it.
NOTE_PARTS: tuple[tuple[str, Callable[[dict[str, str], str], str | list]], ...] = (
    ("forced publication of held run {run}", _forced),
    ("removed {count} published row(s) the source no longer gives", _removed),
    ("kept {count} published row(s) as they were: their incoming rows were quarantined",
     _kept),
    (targets.UNREAD_KEY_NOTE, _unread_key),
    ("not loaded: {aggregates} aggregate rows ({regions} regions/income groups, never loaded "
     "as countries)", _aggregates),
    ("{missing} country-years without a value (no row)", _missing),
    (targets.NO_EVIDENCE_NOTE, _no_evidence),
    (targets.PROVENANCE_NOTE, _provenance),
    (PROVENANCE_NOTE_UNLISTED, _provenance_unlisted),
    (targets.RUN_AFTER_NOTE, _run_after),
    (pipeline.QUARANTINED_AGAIN_NOTE, _quarantined_again),
)
# Any other field: a whole number.
_FIELD_PATTERNS = {"source": r"[a-z0-9_]+", "snapshot": r"[0-9a-f]{64}"}


@cache
def _patterns() -> tuple[tuple[re.Pattern, Callable[[dict[str, str], str], str | list]], ...]:
    """Each part's wording as a pattern reading its counts back."""
    out = []
    for template, say in NOTE_PARTS:
        pattern = "".join(re.escape(literal) + (
            f"(?P<{name}>{_FIELD_PATTERNS.get(name, r'[0-9]+')})" if name else "")
                          for literal, name, _, _ in string.Formatter().parse(template))
        out.append((re.compile(pattern), say))
    return tuple(out)


def note_part(part: str, lang: str) -> object:
    """One part of a run's note in ``lang``; as stored, marked English, when the ETL's
    wording for it is not known here."""
    for pattern, say in _patterns():
        found = pattern.fullmatch(part)
        if found:
            return say(found.groupdict(), lang)
    return html.Span(part, lang="en", dir="ltr")


def run_note_view(note: str, lang: str) -> object:
    """A run's stored note (or reason) in ``lang``: a text the catalog holds (a run found
    abandoned, a live source answering 304...) translated; a published run's note said part by
    part (:func:`note_part`); anything else, and every note on an English page, as stored
    (marked English on another page)."""
    code = normalize_lang(lang)
    if code == "en" or note in catalog(code):
        return catalog_text(note, lang)
    parts = note.split(NOTE_JOIN)
    said = [note_part(part, lang) for part in parts]
    if all(isinstance(piece, html.Span) for piece in said):  # none of ours: one English text
        return catalog_text(note, lang)
    out: list = []
    for piece in said:
        if out:
            out.append(t(MSG_SEPARATOR, lang))
        if isinstance(piece, list):  # a part quoting an id as code: its pieces
            out.extend(piece)
        else:
            out.append(piece)
    return html.Span(out, className="ci-reason")
