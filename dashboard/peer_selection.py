"""What a peer-group preset selects, the same on every page that offers one (Compare and
Cross-index): the group's members **plus the watched countries** (settings
``watched_countries``: Morocco and Oman), because the readers always read their own country
against the group. A picker holding exactly that is the preset; a picker edited to anything
else is a selection of its own, shown with no preset (the label never names a group its
countries are not). The page says so in words (:func:`selection_text`: "Gulf Cooperation
Council (GCC) + Morocco — 7 countries").

Country lists are in one order everywhere: the watched countries first (in the settings'
order), then the others by their name in the page's language (:mod:`etl.collation`, as the
pickers' options are sorted).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from dash import Input, Output, State
from sqlalchemy.engine import Engine

from dashboard import data
from dashboard.i18n import N_, format_names, format_number, t, tn
from etl import collation

# Said when the picker is empty (as the pages' charts say it).
MSG_NONE = N_("Choose one or more countries above to compare them.")


def watched() -> tuple[str, ...]:
    """The watched countries of the running app (settings ``watched_countries``)."""
    return tuple(data.current_settings().watched_countries)


def ordered(codes: Iterable[str], names: Mapping[str, str],
            first: Sequence[str] = ()) -> list[str]:
    """``codes`` (duplicates dropped) with those in ``first`` leading in its order, then the
    others by their name in ``names`` in the collation order (:mod:`etl.collation`)."""
    codes = list(dict.fromkeys(codes))
    lead = [c for c in first if c in codes]
    rest = sorted((c for c in codes if c not in lead),
                  key=lambda c: (collation.sort_key(names.get(c, c)), c))
    return [*lead, *rest]


def preset_countries(engine: Engine, group_id: str | None, lang: str,
                     available: Collection[str] | None = None) -> list[str]:
    """What choosing the preset ``group_id`` puts in a picker: its members and the watched
    countries (those in ``available`` when given: a page offering only some countries), the
    watched first, then by name in ``lang``. Empty for no or an unknown group."""
    members = data.group_members(engine, group_id)
    if not members:
        return []
    codes = [c for c in dict.fromkeys([*watched(), *members])
             if available is None or c in available]
    return ordered(codes, data.country_names(engine, lang), watched())


def is_preset(engine: Engine, group_id: str | None, countries: Iterable[str] | None,
              available: Collection[str] | None = None) -> bool:
    """Whether ``countries`` (in any order) are exactly what the preset selects."""
    picked = set(countries or ())
    return bool(group_id and picked) and picked == set(
        preset_countries(engine, group_id, "en", available))


def preset_shown(engine: Engine, group_id: str | None, countries: Iterable[str] | None,
                 available: Collection[str] | None = None) -> str | None:
    """The preset a page shows over ``countries``: ``group_id`` when they are what it
    selects, else none (the picker was edited: a selection of the reader's own)."""
    return group_id if is_preset(engine, group_id, countries, available) else None


def group_of_exactly(engine: Engine, countries: Iterable[str]) -> str | None:
    """The peer group whose members are exactly ``countries`` (in any order), if one is: a
    link naming a group's members (the Country page's, whose percentiles are the group's) is
    that group, without the watched countries a preset adds."""
    picked = set(countries)
    return next((o["value"] for o in data.group_options(engine)
                 if set(data.group_members(engine, o["value"])) == picked), None)


def group_label(engine: Engine, group_id: str, lang: str) -> str:
    """A peer group's name in ``lang``."""
    labels = {o["value"]: o["label"] for o in data.group_options(engine)}
    return t(labels.get(group_id, group_id), lang)


def selection_text(engine: Engine, group_id: str | None, countries: Sequence[str],
                   lang: str) -> str:
    """The selection in words: the preset and the watched countries added to it, or a choice
    of the reader's own, and how many countries the page compares (so a percentile or a rank
    "within the group" says which countries it is computed over)."""
    if not countries:
        return t(MSG_NONE, lang)
    n = len(countries)
    count = format_number(n, lang, 0)
    # Translators: the selection line under a page's picker: a peer group, the watched
    # countries added to it and how many countries the page compares ("Gulf Cooperation
    # Council (GCC) + Morocco — 7 countries"); a percentile is computed among them.
    group_id = group_id or group_of_exactly(engine, countries)
    if not group_id:
        return tn("Selection: your own choice of countries, no peer group — {n} country",
                  "Selection: your own choice of countries, no peer group — {n} countries",
                  n, lang, n=count)
    members = set(data.group_members(engine, group_id))
    added = [c for c in watched() if c in countries and c not in members]
    label = group_label(engine, group_id, lang)
    if not added:
        return tn("Selection: {group} — {n} country", "Selection: {group} — {n} countries",
                  n, lang, group=label, n=count)
    names = data.country_names(engine, lang)
    return tn("Selection: {group} + {added} — {n} country",
              "Selection: {group} + {added} — {n} countries", n, lang, group=label, n=count,
              added=format_names([names.get(c, c) for c in added], lang))


def picker_values(group_id: object, countries: object) -> tuple[str | None, list[str]]:
    """The preset's and the picker's values as their controls send them: a group id or None,
    and a list of codes. Other shapes come only from a hand-made request (a list for the
    one-value preset, a lone code for the picker): read as the nearest value, never a 500."""
    group = group_id if isinstance(group_id, str) and group_id else None
    if isinstance(countries, str):
        countries = [countries]
    picked = [c for c in countries if isinstance(c, str)] \
        if isinstance(countries, list | tuple) else []
    return group, picked


def register_picker_callbacks(app, group_id: str, countries_id: str, selection_id: str,
                              lang_id: str, sync: Callable, update: Callable) -> None:
    """Wire a page's preset and picker as every page offering a preset does: ``sync`` (preset,
    picker) sets each from the other (one callback for both, as Dash wants for two controls
    that set each other); ``update`` writes the selection line. Both read the page language."""
    controls = (Input(group_id, "value"), Input(countries_id, "value"), State(lang_id, "data"))
    app.callback(Output(group_id, "value"), Output(countries_id, "value"), *controls,
                 prevent_initial_call=True)(_with_picker_values(sync))
    app.callback(Output(selection_id, "children"), *controls,
                 prevent_initial_call=True)(_with_picker_values(update))


def _with_picker_values(callback: Callable) -> Callable:
    """``callback(group, countries, lang)`` given the values :func:`picker_values` reads."""

    @functools.wraps(callback)
    def run(group_id: object, countries: object, lang: object):
        return callback(*picker_values(group_id, countries), lang)

    return run
