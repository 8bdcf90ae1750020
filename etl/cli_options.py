"""The CLI's options read as the API reads its query parameters, and checked against the store.

A list option is repeated or comma separated (``--country MAR,OMN``) and parsed by the API's own
code (:mod:`dashboard.api`), so the CLI and the API accept and refuse the same values in the
same words. A refused option is an :class:`OptionError` naming it; the CLI prints its one line
and exits 2. Files are written whole or not at all (:func:`write_atomically`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Engine

from etl import export, store, viewquery

# Where a CLI user finds the values a filter accepts, when they are too many to list.
_KNOWN_AT = {"country": "the ISO3 codes listed by GET /api/v1/countries",
             "indicator": "the ids listed by GET /api/v1/indicators",
             "group": "the ids listed by GET /api/v1/groups"}
_MAX_LISTED = 40


class OptionError(ValueError):
    """An option the command refuses: its text is the one line the CLI prints (exit 2)."""


def year_runs(years: list[str]) -> str:
    """Years as runs: ``1960, 1965, 1975-2018, 2020`` (51 editions in one short line)."""
    runs: list[list[int]] = []
    for year in sorted(int(y) for y in years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def unknown_message(parameter: str, said: str, known: list[str] | None) -> str:
    """``--country: unknown country: XXX (known: ...)``: the bad values, and the good ones (or
    where to find them when there are many)."""
    if known is None:  # a parameter without a list of its own
        return f"--{parameter}: {said}"
    if known and parameter == "edition":
        where = f"known: {year_runs(known)}"
    elif known and len(known) <= _MAX_LISTED:
        where = f"known: {', '.join(map(str, known))}"
    elif known:
        where = f"{len(known)} known: {_KNOWN_AT[parameter]}"
    else:
        where = "the store holds none yet"
    return f"--{parameter}: {said} ({where})"


def known_values(engine: Engine, parameter: str) -> list[str] | None:
    """The values the store knows for ``parameter`` (sorted), None for one without a list."""
    frames = {"indicator": lambda: store.indicators_frame(engine)["indicator_id"],
              "country": lambda: store.countries_frame(engine)["iso3"],
              "group": lambda: store.groups_frame(engine)["group_id"],
              "edition": lambda: store.editions_available(engine)}
    if parameter not in frames:
        return None
    return sorted(str(v) for v in frames[parameter]())


def unknown_value(engine: Engine, exc: export.UnknownValueError) -> OptionError:
    """The refusal of a value the store does not know, with the values it does."""
    return OptionError(unknown_message(exc.parameter, str(exc),
                                       known_values(engine, exc.parameter)))


def check_ids(engine: Engine, wanted: export.ExportFilter) -> None:
    """The API's check of a filter's ids (:func:`etl.export.check_filter`): an unknown one is
    refused naming it and the known ones, not answered with no rows."""
    try:
        export.check_filter(engine, wanted)
    except export.UnknownValueError as exc:
        raise unknown_value(engine, exc) from None


def query_args(**options):
    """Options as the API's query parameters, under the same names: a repeated option
    repeated, one not given absent (a werkzeug ``MultiDict``, as a request's ``args``)."""
    from werkzeug.datastructures import MultiDict

    return MultiDict([(name, value) for name, values in options.items()
                      for value in ([values] if isinstance(values, str) else values or ())])


def listed(**options) -> dict[str, tuple[str, ...]]:
    """Each option's values as the API reads its parameter (:func:`dashboard.api.list_values`,
    the same code): repeated, comma separated or both (``--country MAR,OMN``), blanks dropped,
    each once; ``where`` and ``outlet`` whole (their values may hold commas). One given with
    nothing in it (``--where ""``: a shell variable left unset) is refused naming it, as the
    API's 400 is (:func:`dashboard.api.refuse_unknown_parameters`): never the whole table."""
    from dashboard.api import UNSPLIT, ApiError, list_values, refuse_unknown_parameters

    args = query_args(**options)
    try:
        refuse_unknown_parameters(options, args=args)
    except ApiError as exc:
        raise OptionError(f"--{exc.parameter}: {exc.message}") from None
    return {name: tuple(list_values(name, args, split=name not in UNSPLIT)) for name in options}


def news_filter(engine: Engine, kind: str, **options) -> store.ArticleFilter:
    """The News filter of `news list`'s options, parsed and checked by the API's own parser
    (:func:`dashboard.api.news_filter`: the options are its query parameters), so a value the
    API refuses is refused here in its words, naming the option."""
    from dashboard.api import ApiError
    from dashboard.api import news_filter as api_news_filter

    try:
        return api_news_filter(query_args(**options), engine, kind)
    except ApiError as exc:
        parameter = exc.parameter or ""
        known = (known_values(engine, parameter) if exc.message.startswith("unknown ")
                 else None)
        raise OptionError(unknown_message(parameter, exc.message, known)) from None


def since_day(since: str | None) -> str | None:
    """``--since`` by the API's rule (a day or a time in ISO 8601): "" or "now" would be no
    date at all, so they are refused."""
    if since is None:
        return None
    try:
        if not since.strip()[:4].isdigit() or pd.isna(pd.Timestamp(since)):
            raise ValueError(since)
    except ValueError:
        raise OptionError(f"--since: not a date: {since!r} (use YYYY-MM-DD)") from None
    return since


def export_filter(dataset: str, sort: str | None, **options) -> export.ExportFilter:
    """`export`'s filter of ``dataset`` from its list options (``indicator``, ``country``,
    ``group``, ``edition``, ``source``, ``where``) and ``sort``. An option the dataset does
    not filter by is refused first (a --where on statements read as an observations' filter
    would name the observations' columns); then a year that is not one, or a bad row filter."""
    given = listed(**options)
    unused = [n for n, v in {**given, "sort": (sort or "").strip()}.items()
              if v and n not in export.DATASETS[dataset]]
    if unused:
        raise OptionError(f"--{', --'.join(unused)} cannot filter --dataset {dataset} (it takes "
                          f"--{', --'.join(export.DATASETS[dataset])})")
    bad = [e for e in given["edition"] if not viewquery.whole_number(e)]
    if bad:
        raise OptionError(f"--edition must be a year such as 2020, not: {', '.join(bad)}")
    years = tuple(dict.fromkeys(int(e) for e in given["edition"]))
    try:
        return export.ExportFilter.with_view(
            " && ".join(given["where"]), sort, indicators=given["indicator"],
            countries=tuple(dict.fromkeys(c.upper() for c in given["country"])),
            groups=given["group"], editions=years, sources=given["source"])
    except viewquery.ViewQueryError as exc:
        raise OptionError(f"--{exc.parameter}: {exc}") from None


def write_atomically(output: str, data: bytes) -> None:
    """``data`` to ``output`` through a temporary file in its folder, then a rename: a failure
    leaves the old file (or none), never half a file."""
    target = Path(output)
    handle = tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".part", delete=False)
    try:
        with handle:
            handle.write(data)
        mask = os.umask(0)
        os.umask(mask)
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~mask
        os.chmod(handle.name, mode)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
