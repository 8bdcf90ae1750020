"""The publish gate: why a run's rows must be held for a person to look at, not published.

A run's valid rows replace the source's published ones only if they look like the same data
read again: not too many rows quarantined, not far fewer rows than published, no country of
the previous release dropped, no whole indicator or edition of one dropped, no indicator's
values moved by a unit-like factor (its cited statements and per-source values are judged by
the same row and country limits). :func:`publish_gate_reason` gives the reason a release is
held, in English parts the Status page reads back and says in its language (the templates
below are its catalog's texts); :func:`etl.pipeline.publish` holds the release when there is
one (``cyberindex etl publish SOURCE --force`` publishes it anyway:
:func:`etl.maintenance.publish_held`).
Pure: nothing here reads or writes the database.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from typing import Any

import pandas as pd

from etl import store
from etl.settings import Settings

# The publish gate's reason: GATE_PREFIX, then the parts below joined by "; " (the Status page
# reads the parts back and says them in its language; the templates are its catalog's texts).
GATE_PREFIX = "publish gate: "
GATE_QUARANTINED = "{quarantined} of {fetched} rows quarantined ({share} > {limit})"
GATE_SHRANK = "{rows} rows against {published} published ({share} < {limit})"
GATE_DROPS = "drops {count} country(ies) of the previous release: {countries}"
# The same two tests on a source's statements and per-source values (keyed targets).
GATE_CONTENT_SHRANK = {
    "statements": "{rows} cited statements against {published} published ({share} < {limit})",
    "source_values": "{rows} per-source values against {published} published "
                     "({share} < {limit})",
}
GATE_CONTENT_DROPS = {
    "statements": "drops the cited statements of {count} country(ies) of the previous "
                  "release: {countries}",
    "source_values": "drops the per-source values of {count} country(ies) of the previous "
                     "release: {countries}",
}
GATE_SCALE = ("{indicator}: changed values moved by a median factor of {ratio} (new/old, "
              "{changed} values; allowed {low} to {high}): a unit or scale change?")
# A whole indicator (a GCI pillar, an EGDI sub-index) or a whole edition of one that the
# previous release had and the new rows lack: what a truncated file or an emptied column does,
# which neither the row ratio nor the dropped countries catch (each country keeps other rows).
GATE_INDICATORS = ("drops every value of {count} indicator(s) of the previous release: "
                   "{indicators}")
GATE_EDITIONS = ("drops every value of {count} edition(s) of an indicator of the previous "
                 "release: {editions}")
GATE_PARTS = (GATE_QUARANTINED, GATE_SHRANK, GATE_DROPS, *GATE_CONTENT_SHRANK.values(),
              *GATE_CONTENT_DROPS.values(), GATE_SCALE, GATE_INDICATORS, GATE_EDITIONS)

# The unit test of the gate: an indicator is held when at least SCALE_MIN_CHANGED of its
# published values change and the median of their new/old ratios lies outside SCALE_RATIO_RANGE.
# A publisher's revision moves values by a few percent (a median near 1), a unit or scale
# change moves them all by one factor (x100 or /100 for fractions and percents, x1000...).
# Fewer values than that is a correction to look at in the changelog, not a pattern.
SCALE_RATIO_RANGE = (0.2, 5.0)
SCALE_MIN_CHANGED = 5


def publish_gate_reason(old: dict[tuple, dict], new: pd.DataFrame, fetched: int,
                        quarantined: int, settings: Settings,
                        content: Sequence[store.KeyedPlan] = ()) -> str | None:
    """Why a release must be held for a person to look at it, or None (pure).

    ``old`` is what the new rows would replace (published keys kept because their incoming row
    was quarantined are left out: they do not change); ``content`` the plans of the source's
    keyed targets, judged by the same limits.
    """
    reasons = []
    if fetched and quarantined / fetched > settings.publish_max_quarantine_ratio:
        reasons.append(GATE_QUARANTINED.format(
            quarantined=quarantined, fetched=fetched, share=f"{quarantined / fetched:.0%}",
            limit=f"{settings.publish_max_quarantine_ratio:.0%}"))
    if old:
        reasons += _shrink_reasons(GATE_SHRANK, len(new), len(old), settings)
        kept = set(new["iso3"].unique()) if not new.empty else set()
        reasons += _drop_reasons(GATE_DROPS, {key[1] for key in old} - kept)
        reasons += vanished_gate_reasons(old, new)
        reasons += scale_gate_reasons(old, new)
    for plan in content:
        if plan.first_load:
            continue
        name = plan.table.name
        reasons += _shrink_reasons(GATE_CONTENT_SHRANK[name], plan.rows_after, plan.published,
                                   settings)
        reasons += _drop_reasons(GATE_CONTENT_DROPS[name],
                                 plan.published_countries - plan.countries)
    return (GATE_PREFIX + "; ".join(reasons)) if reasons else None


def _shrink_reasons(template: str, rows: int, published: int, settings: Settings) -> list[str]:
    if rows >= settings.publish_min_row_ratio * published:
        return []
    return [template.format(rows=rows, published=published, share=f"{rows / published:.0%}",
                            limit=f"{settings.publish_min_row_ratio:.0%}")]


def _drop_reasons(template: str, dropped: set | frozenset) -> list[str]:
    if not dropped:
        return []
    names = sorted(dropped)
    return [template.format(count=len(names), countries=_listed(names))]


def _listed(names: list[str]) -> str:
    """The first ten of ``names``, joined (a reason names what it is about, not all of it)."""
    return ", ".join(names[:10]) + (" ..." if len(names) > 10 else "")


def vanished_gate_reasons(old: dict[tuple, dict], new: pd.DataFrame) -> list[str]:
    """Gate parts for the indicators, and the (indicator, edition) pairs of indicators still
    given, that ``old`` has and ``new`` lacks entirely: a whole pillar or sub-index emptied, a
    whole edition cut from the file. A new frame without those columns (no key to compare) and
    a first publication give none."""
    if not old or not (new.empty or {"indicator_id", "edition"} <= set(new.columns)):
        return []
    pairs = set() if new.empty else set(zip(
        new["indicator_id"].tolist(), (int(e) for e in new["edition"].tolist()), strict=True))
    given = {indicator for indicator, _ in pairs}
    before = {(key[0], int(key[2])) for key in old}
    gone = sorted({indicator for indicator, _ in before} - given)
    cut = sorted(pair for pair in before - pairs if pair[0] in given)
    reasons = []
    if gone:
        reasons.append(GATE_INDICATORS.format(count=len(gone), indicators=_listed(gone)))
    if cut:
        reasons.append(GATE_EDITIONS.format(
            count=len(cut), editions=_listed([f"{ind} {edition}" for ind, edition in cut])))
    return reasons


def scale_gate_reasons(old: dict[tuple, dict], new: pd.DataFrame) -> list[str]:
    """A gate part per indicator whose changed values moved by a unit-like factor (see
    :data:`SCALE_RATIO_RANGE`): World Bank internet users sent as 0.587 instead of 58.7 would
    otherwise replace every published value silently, each passing its own range check."""
    if not old or new.empty or not {"indicator_id", "value"} <= set(new.columns):
        return []
    ratios: dict[str, list[float]] = {}
    keys = zip(new["indicator_id"].tolist(), new["iso3"].tolist(),
               (int(e) for e in new["edition"].tolist()), strict=True)
    for key, value in zip(keys, new["value"].tolist(), strict=True):
        before = old.get(key)
        prior = _number(before["value"]) if before is not None else None
        value = _number(value)
        if prior is None or value is None or prior <= 0 or math.isclose(
                value, prior, rel_tol=0, abs_tol=1e-9):
            continue
        ratios.setdefault(key[0], []).append(value / prior)
    low, high = SCALE_RATIO_RANGE
    reasons = []
    for indicator, found in sorted(ratios.items()):
        median = statistics.median(found)
        if len(found) >= SCALE_MIN_CHANGED and not low <= median <= high:
            reasons.append(GATE_SCALE.format(indicator=indicator, ratio=f"{median:.3g}",
                                             changed=len(found), low=f"{low:g}",
                                             high=f"{high:g}"))
    return reasons


def _number(value: Any) -> float | None:
    """A stored or new value as a float, None when missing."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number
