"""National Cyber Security Index (e-Governance Academy, ncsi.ega.ee): dated snapshots.

NCSI is a live index with no editions, no bulk file and no API; `datasets/ncsi_snapshots.csv`
holds point-in-time snapshots read on NCSI pages, ega.ee news and press. Sparse stays sparse.

Edition (decided here, transparently):
- edition = the year printed in the snapshot label (`country-page version 2022-02-23` -> 2022,
  `early 2018` -> 2018; for the front-page top-10 list, the year of the newest dated item
  on the page, `Oct 2020`). The full label goes into `source_document`, so the reader sees what
  the year stands for.
- a label that shows no date (`ranking table ... (date not shown)`) gets NO edition: its figures
  are kept, but as cited *statements* (table `statements`, edition empty, metric
  `ncsi_snapshot_date_unknown`), never placed on a time axis and never given an invented date.
- one observation per country and year: when two snapshots of the same year differ (Egypt
  2018: 63rd on the 2018-05-11 country page, 33rd-35th in the early-2018 news), the snapshot
  with the full, latest date is the observation and the other is kept as a statement (metric
  `ncsi_snapshot_same_year`). Identical snapshots from several outlets are merged, every URL kept.

Methodology: rows say "NCSI 2016-2023" or "NCSI 2025 relaunch" in `channel`; 2025 is declared
a methodology break (61 countries, ranks only so far): do not draw a rank line across it.
Ranks may be ranges (`14-17`): `rank` is then empty and `rank_text` keeps the range.
"""

from __future__ import annotations

import re

import pandas as pd

from etl import schemas
from etl.settings import Settings
from etl.sources.base import Fetched, Indicator, SourceInfo, read_bundled, read_csv_text

INFO = SourceInfo(
    id="ncsi",
    publisher="e-Governance Academy (Estonia)",
    title="National Cyber Security Index (dated snapshots)",
    url="https://ncsi.ega.ee/",
    licence="figures quoted with attribution",
    cadence="live index, no editions; snapshots as read",
    kind="bundled",
)

FILE_NAME = "ncsi_snapshots.csv"
SCHEMA = schemas.NcsiSnapshots
TARGETS = ("observations", "statements")

METHODOLOGY_LABELS = {
    "NCSI 2016-2023 methodology (archived data)": "NCSI 2016-2023",
    "NCSI new methodology (2025 relaunch)": "NCSI 2025 relaunch",
}
INDICATORS = [
    Indicator("ncsi.score", "National Cyber Security Index (NCSI)", "score", "0-100", True,
              "Live index without editions: edition = year of the snapshot. 2016-2023 "
              "methodology scored 0-100 with ranks; the 2025 relaunch (61 countries) reports "
              "ranks only so far. Ranks depend on how many countries were listed at the time."),
]
BREAKS = [
    {"indicator_id": "ncsi.score", "edition": 2025,
     "note": "NCSI relaunched with a new methodology in 2025 (61 countries, ranks only): "
             "ranks before and after are not comparable.",
     "source_url": "https://ncsi.ega.ee/"},
]

# The document an observation comes from (``source_document``): the snapshot it was read in,
# as the file names it. A catalog entry of the dashboard (dashboard.i18n.ETL_CONSTANT_MESSAGES;
# the snapshot texts are entries of their own), so a checked claim's explanation names it in
# the reader's language (etl.news.explain.document_name).
DOCUMENT_TITLE = "NCSI snapshot: {snapshot}"

REQUIRED_COLUMNS = ("iso3", "country", "snapshot", "methodology", "ncsi_rank", "ncsi_rank_text",
                    "ncsi_score", "digital_development_level", "countries_in_index",
                    "source_url", "source_note")

_FULL_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


def snapshot_date(label: str | None) -> tuple[int | None, str | None]:
    """(year, full ISO date or None) printed in a snapshot label; (None, None) if none.

    A label with two different years is treated as undated (which one would be a guess).
    """
    text = label or ""
    if "date not shown" in text or "date unknown" in text:
        return None, None
    years = {int(y) for y in _YEAR.findall(text)}
    if len(years) != 1:
        return None, None
    full = _FULL_DATE.search(text)
    return years.pop(), (full.group(0) if full else None)


def fetch(settings: Settings) -> Fetched:
    """The curated bundled file, as bytes."""
    return read_bundled(settings.datasets_dir / FILE_NAME)


def parse(raw: bytes) -> pd.DataFrame:
    """Rows as read (text), one per snapshot, country and cited URL."""
    return read_csv_text(raw, REQUIRED_COLUMNS)


VALUE_KEY = ("methodology", "ncsi_rank_text", "ncsi_score")


def _ranked_groups(dated: pd.DataFrame) -> list[list[int]]:
    """Positions of ``dated``'s rows by (iso3, edition) group, groups in order of first
    appearance, each ranked: full date first (newest first), then file order."""
    groups: dict[tuple, list[int]] = {}
    for position, key in enumerate(zip(dated["iso3"].tolist(), dated["edition"].tolist(),
                                       strict=True)):
        groups.setdefault(key, []).append(position)
    full = dated["full_date"].tolist()
    ranked = []
    for positions in groups.values():  # each in file order
        dated_full = [p for p in positions if not pd.isna(full[p])]
        # reverse=True keeps equal dates in file order (Python's sort stays stable)
        dated_full.sort(key=full.__getitem__, reverse=True)
        ranked.append(dated_full + [p for p in positions if pd.isna(full[p])])
    return ranked


def _value_keys(dated: pd.DataFrame) -> list[tuple]:
    """Each row's (methodology, rank text, score), missing values as one marker (a missing
    value equals a missing value, never a value)."""
    columns = []
    for name in VALUE_KEY:
        column = dated[name]
        if name == "ncsi_score":
            column = pd.to_numeric(column, errors="coerce").astype(float)
        missing = column.isna().tolist()
        columns.append([_MISSING if gone else v
                        for v, gone in zip(column.tolist(), missing, strict=True)])
    return list(zip(*columns, strict=True))


_MISSING = object()


def split_by_edition(valid: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows that become observations, rows kept as statements), with `edition` and `why`.

    Per (iso3, edition), rows are ranked (full date first, newest first, then file order); the
    rows with the first row's value are kept, the others superseded. The ranking runs over
    plain lists (a few dozen rows: pandas' group and sort cost more than the rest of the load).
    """
    frame = valid.copy()
    dates = frame["snapshot"].map(snapshot_date)
    frame["edition"] = dates.map(lambda d: d[0]).astype("Int64")
    frame["full_date"] = dates.map(lambda d: d[1])
    frame["order"] = range(len(frame))
    undated = frame[frame["edition"].isna()].assign(why="date_unknown")
    dated = frame[frame["edition"].notna()]
    values = _value_keys(dated)
    kept: list[int] = []
    later: list[int] = []
    for positions in _ranked_groups(dated):
        best = values[positions[0]]
        for p in positions:
            (kept if values[p] == best else later).append(p)
    labels = dated.index
    superseded = dated.loc[labels[later]].assign(why="same_year")
    return dated.loc[labels[sorted(kept)]], pd.concat([undated, superseded])


def _joined(values: list) -> str | None:
    seen = [v for v in dict.fromkeys(v for v in values if not pd.isna(v)) if v]
    return " | ".join(seen) or None


def to_observations(valid: pd.DataFrame) -> pd.DataFrame:
    """Dated snapshots to one observation per country and year (same-value rows merged)."""
    kept, _ = split_by_edition(valid)
    # Groups of plain records, in file order within a group (a pandas group and row Series
    # per country-year cost more than the rest of the source's load).
    groups: dict[tuple, list[dict]] = {}
    for record in kept.to_dict("records"):
        groups.setdefault((record["iso3"], int(record["edition"])), []).append(record)
    rows = []
    for (iso3, edition), group in sorted(groups.items(), key=lambda item: item[0]):
        first = group[0]
        count = first["countries_in_index"]
        note = _joined([r["source_note"] for r in group])
        extra = f"snapshot: {first['snapshot']}" + (
            f"; {int(count)} countries in the index" if pd.notna(count) else ""
        )
        rows.append({
            "indicator_id": "ncsi.score",
            "iso3": iso3,
            "edition": int(edition),
            "value": None if pd.isna(first["ncsi_score"]) else float(first["ncsi_score"]),
            "scale": "0-100",
            "rank": first["ncsi_rank"],
            "rank_text": first["ncsi_rank_text"],
            "tier": pd.NA,
            "tier_label": None,
            "source_document": DOCUMENT_TITLE.format(snapshot=first["snapshot"]),
            "source_url": _joined([r["source_url"] for r in group]),
            "channel": METHODOLOGY_LABELS[first["methodology"]],
            "verification": "single_source",
            "source_note": f"{extra}; {note}" if note else extra,
        })
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["rank"] = frame["rank"].astype("Int64")  # as ITU GCI's: whole numbers, or missing
    return frame


def _source_kind(url: str) -> str:
    return ("e-Governance Academy (NCSI site or news)" if "ega.ee" in url else "press")


def to_statements(valid: pd.DataFrame) -> pd.DataFrame:
    """Snapshots that cannot be a yearly point, kept as cited statements (never scores)."""
    _, rest = split_by_edition(valid)
    rows = []
    for row in rest.to_dict("records"):  # plain values, not a Series per row
        parts = [f"rank {row['ncsi_rank_text']}" if row["ncsi_rank_text"] else None,
                 f"NCSI score {row['ncsi_score']:g}" if pd.notna(row["ncsi_score"]) else None,
                 f"digital development {row['digital_development_level']:g}"
                 if pd.notna(row["digital_development_level"]) else None]
        value_text = "; ".join(p for p in parts if p)
        why = ("snapshot date unknown: kept as a statement, not placed on a time axis"
               if row["why"] == "date_unknown" else
               "another snapshot of the same year is the observation for that year")
        rows.append({
            "source_id": INFO.id,
            "edition": None if pd.isna(row["edition"]) else int(row["edition"]),
            "iso3": row["iso3"],
            "metric": ("ncsi_snapshot_date_unknown" if row["why"] == "date_unknown"
                       else "ncsi_snapshot_same_year"),
            "value_text": value_text,
            "unit": "NCSI rank / score 0-100",
            "statement": f"{row['country']}: {value_text} "
                         f"({METHODOLOGY_LABELS[row['methodology']]}; {row['snapshot']})",
            "report_title": "National Cyber Security Index",
            "publication_date": None,
            "data_period": row["snapshot"],
            "source_url": row["source_url"],
            "source_kind": _source_kind(row["source_url"]),
            "source_note": f"{why}. {row['source_note'] or ''}".strip(),
        })
    return pd.DataFrame(rows)
