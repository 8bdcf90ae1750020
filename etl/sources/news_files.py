"""News articles from a folder of files (.json, .txt, .html): offline, for curated or sample news.

The folder is ``CYBERINDEX_NEWS_FILES_DIR`` (default ``datasets/news_samples``, the synthetic
samples, marked ``"sample": true`` and kept out of news statistics unless asked for). Each file is
one article:

- ``.json``: an object with ``title``, ``url``, ``date``, ``outlet``, ``language``, ``text``
  (``sample`` optional);
- ``.txt``: header lines ``Title:``, ``URL:``, ``Date:``, ``Outlet:``, ``Language:``
  (``Sample:`` optional), a blank line, then the text;
- ``.html``: ``<title>``, ``<link rel="canonical">`` or ``og:url``, ``article:published_time``,
  ``og:site_name`` and ``<html lang>``; the text is extracted with trafilatura.

Every file is kept in the raw snapshot (one container, byte for byte). A file that cannot be read
(bad JSON, no URL or date...) becomes a quarantined row whose reason starts with its file name;
the other files still load. Other files (README.md...) are ignored.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote

import pandas as pd

from etl import schemas
from etl.news import ingest
from etl.settings import Settings
from etl.sources import live
from etl.sources.base import Fetched, SourceFileError, SourceInfo, json_document

INFO = SourceInfo(
    id="news_files",
    publisher="Article files (curated folder; synthetic samples by default)",
    title="News articles from files (.json, .txt, .html)",
    url="https://github.com/cyberindex/cyberindex/tree/main/datasets/news_samples",
    licence="per article (the samples are synthetic, written for this project)",
    cadence="when the folder changes",
    kind="bundled",
)

SCHEMA = schemas.NewsArticles
TARGETS = ("articles",)
INDICATORS: list = []
BREAKS: list[dict] = []
# News is not a published index: a file that fails is quarantined, the rest still load.
PUBLISH_GATE = False

EXTENSIONS = (".json", ".txt", ".html", ".htm")
FIELDS = ("title", "url", "date", "outlet", "language", "text")
_HEADER = re.compile(r"^(title|url|date|outlet|language|sample)\s*:\s*(.*)$", re.IGNORECASE)


def fetch(settings: Settings) -> Fetched:
    """Every article file of the folder, in name order, in one container."""
    folder = Path(settings.news_files_dir)
    if not folder.is_dir():
        raise SourceFileError(f"news folder not found: {folder}")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in EXTENSIONS and p.is_file())
    try:
        parts = [(quote(p.name), p.read_bytes()) for p in files]
    except OSError as exc:
        raise SourceFileError(f"cannot read news file: {exc}") from exc
    return Fetched(live.pack(parts), origin=str(folder))


class _PageMeta(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.lang: str | None = None
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"]
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            if key and "content" in a:
                self.meta.setdefault(key, a["content"])
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("canonical", a["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def read_html(text: str) -> dict:
    """Article fields of an HTML page (metadata from tags, text from trafilatura)."""
    page = _PageMeta()
    page.feed(text)
    m = page.meta
    return {
        "title": m.get("og:title") or page.title.strip(),
        "url": m.get("canonical") or m.get("og:url") or m.get("url"),
        "date": m.get("article:published_time") or m.get("date") or m.get("pubdate"),
        "outlet": m.get("og:site_name") or m.get("author"),
        "language": page.lang,
        "text": ingest.page_text(text) or "",
        "sample": m.get("sample"),
    }


def read_txt(text: str) -> dict:
    """Article fields of a text file: ``Field: value`` header lines, a blank line, the text."""
    lines = text.splitlines()
    fields: dict = {}
    body_start = len(lines)
    for i, line in enumerate(lines):
        if not line.strip():
            body_start = i + 1
            break
        match = _HEADER.match(line)
        if not match:
            raise ValueError(f"line {i + 1} is not a 'Field: value' header: {line[:60]!r}")
        fields[match.group(1).lower()] = match.group(2).strip()
    fields["text"] = "\n".join(lines[body_start:]).strip()
    return fields


def read_file(name: str, body: bytes) -> dict:
    """One file to article fields; raises ValueError (with why) when it cannot be read."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        try:
            record = json_document(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"invalid JSON: {exc.msg} (line {exc.lineno}, column "
                             f"{exc.colno})") from exc
        if not isinstance(record, dict):
            raise ValueError("JSON is not an object with title, url, date, text")
    elif suffix == ".txt":
        record = read_txt(text)
    else:
        record = read_html(text)
    missing = [f for f in ("title", "url", "date", "text") if not str(record.get(f) or "").strip()]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    if ingest.to_utc(record.get("date")) is None:
        raise ValueError(f"unreadable date {record.get('date')!r}")
    return record


def parse(raw: bytes) -> pd.DataFrame:
    """One row per file: article fields normalised, or ``parse_error`` naming the file."""
    rows = []
    for label, body in live.unpack(raw):
        name = unquote(label)
        try:
            record = read_file(name, body)
            rows.append({**{f: record.get(f) for f in FIELDS},
                         "text_kind": "full", "is_sample": record.get("sample"),
                         "file": name, "parse_error": None})
        except ValueError as exc:
            rows.append({"file": name, "parse_error": f"{name}: {exc}"})
    frame = pd.DataFrame(rows, columns=[*FIELDS, "text_kind", "is_sample", "file", "parse_error"])
    frame = ingest.article_frame(frame)
    frame["record_kind"] = "article"
    return frame.astype(object).where(frame.notna(), None)


def to_articles(valid: pd.DataFrame) -> pd.DataFrame:
    """Validated rows are articles already (see :func:`etl.news.ingest.article_frame`)."""
    return valid.reset_index(drop=True)
