"""What ``cyberindex news extract`` and ``cyberindex news list`` print (see docs/news.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from etl.news.article import analyse_article
from etl.news.explain import with_document_name
from etl.news.verify import official_figure
from etl.sources import news_files


class NoOfficialData(Exception):
    """The store holds no official figures to check claims against."""


def read_article(path: Path) -> tuple[str, str | None]:
    """(text, language) of an article file: .json/.txt/.html as news_files reads them (title
    then text); any other file is plain text. Raises ValueError naming what is wrong."""
    body = path.read_bytes()
    if path.suffix.lower() in news_files.EXTENSIONS:
        try:
            record = news_files.read_file(path.name, body)
        except ValueError:
            if path.suffix.lower() != ".txt":
                raise
            record = {"text": body.decode("utf-8-sig", "replace")}  # a bare text file
        title = str(record.get("title") or "").strip()
        text = str(record.get("text") or "").strip()
        return (f"{title}\n\n{text}" if title else text), (record.get("language") or None)
    return body.decode("utf-8-sig", "replace"), None


def extract_files(paths: Sequence[Path], official: pd.DataFrame) -> list[dict]:
    """Per file: file, language, countries, indices and checked claims (analyse_article)."""
    if official.empty:
        raise NoOfficialData("the store holds no official figures: run `cyberindex etl run` "
                             "first (claims are checked against the loaded data)")
    out = []
    for path in paths:
        text, language = read_article(path)
        out.append({"file": str(path), **analyse_article(text, language, official)})
    return out


def _value(v: object) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.4f}".rstrip("0").rstrip(".")
    return str(v)


def official_text(official: dict | None) -> str:
    """The official figure a claim was held against, as one short text: "82.41", "rank 50",
    "tier 1", "rank 7 of 54 in Africa" (the verdict says which figure of the official row the
    claim was held against)."""
    value, text = official_figure(official)
    return text or _value(value)


def format_table(results: list[dict]) -> str:
    """The extraction as text: one block per file."""
    lines: list[str] = []
    for r in results:
        lines.append(f"{r['file']}  (language: {r['language']})")
        countries = ", ".join(f"{c['iso3']}×{c['count']} ({' / '.join(c['forms'])})"
                              for c in r["countries"]) or "–"
        indices = ", ".join(f"{i['id']}×{i['count']}" for i in r["indices"]) or "–"
        lines += [f"  countries: {countries}", f"  indices:   {indices}"]
        if not r["claims"]:
            lines.append("  claims:    –")
        for c in r["claims"]:
            lines.append(
                f"  [{(c['verdict'] or 'unchecked').upper()}] {c['iso3']} {c['index']} "
                f"{c['edition'] or ''} {c['metric']}: claimed {_value(c['value'])}, official "
                f"{official_text(c['official'])}")
            lines.append(f"      “{c['text']}”")
            if c["explanation"]:
                source = (c["official"] or {}).get("source")
                lines.append(f"      {with_document_name(c['explanation'], source, r['language'])}")
        lines.append("")
    return "\n".join(lines)


def to_json(results: list[dict]) -> str:
    return json.dumps(results, ensure_ascii=False, indent=1, default=str)


def format_articles(frame: pd.DataFrame) -> str:
    """``news list`` lines: date, language, outlet, countries, claims, title, URL."""
    if frame.empty:
        return "no articles"
    lines = []
    for r in frame.itertuples():
        sample = " [synthetic sample]" if r.is_sample else ""
        lines.append(f"{pd.Timestamp(r.published_at):%Y-%m-%d}  {r.language:<3}{r.outlet[:24]:<25}"
                     f"{','.join(r.countries) or '–':<16}{r.n_claims:>3} claim(s)  "
                     f"{r.title}{sample}\n    {r.url}")
    return "\n".join(lines)
