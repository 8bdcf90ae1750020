"""Real payloads, mutated, run through each source as a refresh runs them: the run never raises,
fails with a one-line reason naming what was wrong or loads every row (valid or quarantined
with a reason), keeps the raw bytes, and a failed or held run leaves the published data as it
was."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import math
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl import pipeline, store
from etl.settings import DATASETS_DIR
from etl.sources import (
    gdelt_doc,
    interpol_act,
    itu_gci,
    itu_gci_evidence,
    live,
    ncsi,
    news_files,
    news_rss,
    un_egdi,
    un_egdi_live,
    worldbank_wdi,
    worldbank_wdi_2017,
)
from etl.sources.base import Fetched
from tests.conftest import TEST_DATABASE, make_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# Each bundled file is cut to its header and this many data rows (plus Morocco's and Oman's):
# real rows, a store that loads in a blink. The template publishes these cuts.
BUNDLED_ROWS = 40
FOCUS = ("MAR", "OMN")

# --------------------------------------------------------------------------- real payloads


def bundled_cut(name: str) -> bytes:
    """The header, the first rows and Morocco's and Oman's rows of a bundled file, as bytes."""
    # whole records (a quoted cell may span lines), written again
    header, *records = csv.reader(io.StringIO((DATASETS_DIR / name).read_text("utf-8-sig")))
    chosen = [r for i, r in enumerate(records)
              if i < BUNDLED_ROWS or (r and r[0] in FOCUS)]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *chosen])
    return out.getvalue().encode("utf-8")


def _fixture(source: str, name: str) -> bytes:
    return (FIXTURES / source / name).read_bytes()


WB = "http://wb.test/v2/country/all/indicator"
GDELT = "https://api.gdeltproject.org/api/v2/doc/doc"


def _gdelt_label(mode: str, fips: str, iso3: str) -> str:
    return (f"{GDELT}?query=%28cybersecurity+OR+cyberattack%29+sourcecountry%3A{fips}"
            f"&mode={mode}&format=json#iso3={iso3}")


def live_parts(source_id: str) -> list[tuple[str, bytes]]:
    """The recorded responses a live source's fetch would pack, or the article files."""
    if source_id == "worldbank_wdi":
        return [(f"{WB}/IT.NET.USER.ZS?format=json&page=1", _fixture("worldbank_wdi", "users_page1.json")),
                (f"{WB}/IT.NET.USER.ZS?format=json&page=2", _fixture("worldbank_wdi", "users_page2.json")),
                (f"{WB}/IT.NET.SECR.P6?format=json&page=1", _fixture("worldbank_wdi", "servers_page1.json"))]
    if source_id == "un_egdi_live":
        return [("http://un.test/EGOV_DATA_2022.csv", _fixture("un_egdi_live", "EGOV_DATA_2022.csv")),
                ("http://un.test/EGOV_DATA_2024.csv",
                 _fixture("un_egdi_live", "EGOV_DATA_2024_renamed.csv"))]
    if source_id == "gdelt_doc":
        return [(_gdelt_label("artlist", "MO", "MAR"), _fixture("gdelt_doc", "artlist_MO.json")),
                (_gdelt_label("timelinevolraw", "MO", "MAR"),
                 _fixture("gdelt_doc", "timelinevolraw_MO.json")),
                (_gdelt_label("artlist", "MU", "OMN"), _fixture("gdelt_doc", "empty.json")),
                (_gdelt_label("timelinevolraw", "MU", "OMN"), _fixture("gdelt_doc", "empty.json"))]
    if source_id == "news_rss":
        return [("https://news.example.com/rss", _fixture("news_rss", "rss2.xml")),
                ("https://actu.example.org/atom", _fixture("news_rss", "atom.xml"))]
    if source_id == "news_files":
        files = sorted((DATASETS_DIR / "news_samples").glob("*.json"))[:4] + [
            FIXTURES / "news_files" / "good.txt", FIXTURES / "news_files" / "page.html"]
        return [(quote(p.name), p.read_bytes()) for p in files]
    raise KeyError(source_id)


BUNDLED = {
    itu_gci_evidence: "gci_source_values.csv",
    itu_gci: "gci_scores.csv",
    un_egdi: "egdi_scores.csv",
    ncsi: "ncsi_snapshots.csv",
    interpol_act: "interpol_africa_cyberthreat_facts.csv",
    worldbank_wdi_2017: "worldbank_wdi_2017_vintage.csv",
}
LIVE = (worldbank_wdi, un_egdi_live, gdelt_doc, news_rss, news_files)


@functools.cache
def original_payload(module) -> bytes:
    if module in BUNDLED:
        return bundled_cut(BUNDLED[module])
    return live.pack(live_parts(module.INFO.id))


# --------------------------------------------------------------------------- the store

# What a run publishes: a failed or held run leaves every row of these as it was.
PUBLISHED_TABLES = ("observations", "statements", "source_values", "articles", "article_mentions",
                    "claims", "news_volume", "methodology_breaks", "releases", "changes",
                    "content_changes")


def published_rows(engine) -> dict[str, list[tuple]]:
    """Every row of the published tables, in a stable order."""
    out = {}
    with engine.connect() as conn:
        for name in PUBLISHED_TABLES:
            table = store.metadata.tables[name]
            rows = conn.execute(sa.select(table)).all()
            out[name] = sorted((tuple(r) for r in rows), key=repr)
    return out


def _settings(folder: Path, **overrides):
    return make_settings(folder, alerts_log=folder / "alerts.jsonl", alert_webhook_url="",
                         smtp_host="", alert_backoff_seconds=0.01, **overrides)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A SQLite store where every source published its real payload once."""
    if TEST_DATABASE != "sqlite":
        pytest.skip("per-example store copies are SQLite file copies")
    folder = tmp_path_factory.mktemp("fuzz-template")
    settings = _settings(folder)
    engine = store.make_engine(settings.database_url)
    pipeline.prepare_store(engine, settings)
    for module in (*BUNDLED, *LIVE):
        result = pipeline.run_source(module, settings, engine,
                                     fetched=Fetched(original_payload(module), "fuzz original"))
        assert result.status == "succeeded", (module.INFO.id, result)
    engine.dispose()
    return folder


class Example:
    """A fresh copy of the template store for one generated payload."""

    def __init__(self, template: Path) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="ex-", dir=template.parent))
        shutil.copyfile(template / "cyberindex.db", self.folder / "cyberindex.db")
        self.settings = _settings(self.folder)
        self.engine = store.make_engine(self.settings.database_url)

    def close(self) -> None:
        self.engine.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)


# A reason that is a bare Python repr ("KeyError: 'x'", "AttributeError: ...") names an
# exception, not what was wrong with the payload.
BARE_REPR = re.compile(r"^[A-Z]\w*(Error|Exception|Warning|Exit|Interrupt)\b")


def check_run(example: Example, module, body: bytes) -> None:
    """Run ``body`` through ``module`` as a refresh does; assert the properties."""
    engine = example.engine
    before = published_rows(engine)
    result = pipeline.run_source(module, example.settings, engine,
                                 fetched=Fetched(body, "fuzzed payload"))
    assert result.status in ("failed", "succeeded", "held"), result
    reason = result.reason or ""
    runs = store.runs_frame(engine, module.INFO.id).set_index("run_id")
    assert runs.loc[result.run_id, "status"] == result.status
    assert (runs.loc[result.run_id, "reason"] or "") == reason
    if result.status == "failed":
        assert reason.strip(), result
        assert "\n" not in reason and "Traceback" not in reason, reason
        assert not BARE_REPR.match(reason), reason
        assert len(reason) <= 2000, reason[:300]
    else:
        counts = result.counts
        assert counts["fetched"] == counts["valid"] + counts["quarantined"], counts
        with engine.connect() as conn:
            q = store.metadata.tables["quarantine"]
            reasons = conn.execute(sa.select(q.c.reason).where(
                q.c.last_run_id == result.run_id)).scalars().all()
        assert all(r and r.strip() for r in reasons), reasons
        values = store.observations_frame(engine)["value"].dropna().tolist()
        assert all(math.isfinite(v) and v >= 0 for v in values)
    if result.status != "succeeded":
        assert published_rows(engine) == before, f"{result.status}: {reason}"
    # The raw bytes are kept, exactly, whatever became of the run (a run that failed before
    # its load keeps them on disk only: raw_snapshots records a snapshot in the load).
    kept = example.settings.raw_dir
    digest = hashlib.sha256(body).hexdigest()
    assert (kept / digest[:2] / digest).read_bytes() == body


# --------------------------------------------------------------------------- mutations

NASTY_CELLS = (
    "NaN", "nan", "inf", "-inf", "Infinity", "1e309", "-1e309", "1.7976931348623157e308",
    "99999999999999999999999999", "-1", "-7", "0", "٣٥", "٩٧٫٥", "١٢", "1,234.5", "1 234,5",
    "97,5", "", " ", "=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(1)", "@cmd", "-2+3",
    "null", "None", "N/A", "\x00", "x" * 100_000, "٢٠٢٤", "2024.0", "2024e0", "  2024  ",
    "\u202e2024", "ＭＡＲ", "mar", "True", "2.5", "101.0",
)


def csv_records(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


def csv_bytes(records: list[list[str]], line_end: str = "\n") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator=line_end).writerows(records)
    return out.getvalue().encode("utf-8")


@st.composite
def byte_mutation(draw, body: bytes) -> bytes:
    """Bytes flipped, cut short, or spliced with junk, at any point."""
    kind = draw(st.sampled_from(("flip", "truncate", "insert", "delete")))
    at = draw(st.integers(0, max(len(body) - 1, 0)))
    if kind == "truncate":
        return body[:at]
    if kind == "delete":
        return body[:at] + body[at + draw(st.integers(1, 64)):]
    if kind == "insert":
        junk = draw(st.sampled_from((b"\x00", b"\xff\xfe", b'"', b",", b"\r", b"\n", b"<",
                                     b"{", b"]", b"&", b"\xc3", b"\x81")))
        return body[:at] + junk + body[at:]
    flips = draw(st.lists(st.tuples(st.integers(0, max(len(body) - 1, 0)),
                                    st.integers(1, 255)), min_size=1, max_size=8))
    out = bytearray(body)
    for pos, mask in flips:
        if out:
            out[pos] ^= mask
    return bytes(out)


@st.composite
def csv_mutation(draw, body: bytes) -> bytes:
    """A real CSV payload with one thing wrong: a cell, the header, the encoding, line ends."""
    records = csv_records(body)
    header, rows = records[0], records[1:]
    kind = draw(st.sampled_from((
        "cell", "cell", "cell", "rename", "drop", "duplicate", "header_only", "utf16",
        "latin1", "cr", "bytes", "html", "empty", "dup_row", "extra_cell")))
    if kind == "cell":
        row = draw(st.integers(0, len(rows) - 1))
        col = draw(st.integers(0, len(header) - 1))
        rows[row] = list(rows[row]) + [""] * (len(header) - len(rows[row]))
        rows[row][col] = draw(st.sampled_from(NASTY_CELLS))
        return csv_bytes([header, *rows])
    if kind in ("rename", "drop", "duplicate"):
        col = draw(st.integers(0, len(header) - 1))
        if kind == "rename":
            header = [*header]
            header[col] = draw(st.sampled_from((header[col].upper(), header[col] + " ", "x",
                                                "", header[col - 1])))
            return csv_bytes([header, *rows])
        if kind == "drop":
            return csv_bytes([[c for i, c in enumerate(r) if i != col] for r in records])
        return csv_bytes([[*r[:col + 1], *r[col:col + 1], *r[col + 1:]] for r in records])
    if kind == "header_only":
        return csv_bytes([header])
    if kind == "utf16":
        return body.decode("utf-8").encode(draw(st.sampled_from(("utf-16", "utf-16-le"))))
    if kind == "latin1":
        text = body.decode("utf-8")
        return ("Côte d'Ivoire," + text if "ô" not in text else text).encode(
            "latin-1", "replace") if draw(st.booleans()) else text.encode("latin-1", "replace")
    if kind == "cr":
        return csv_bytes(records, "\r")
    if kind == "html":
        return b"<!DOCTYPE html><html><body><h1>503 Service Unavailable</h1></body></html>"
    if kind == "empty":
        return draw(st.sampled_from((b"", b"\n", b"\xef\xbb\xbf", b" \r\n")))
    if kind == "dup_row":
        row = draw(st.integers(0, len(rows) - 1))
        return csv_bytes([header, *rows, rows[row]])
    if kind == "extra_cell":
        row = draw(st.integers(0, len(rows) - 1))
        rows[row] = [*rows[row], "surplus"]
        return csv_bytes([header, *rows])
    return draw(byte_mutation(body))


def _json_paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _json_paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _json_paths(v, (*path, i))


def _replaced(node, path, value):
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        return {**node, head: _replaced(node[head], rest, value)}
    return [*node[:head], _replaced(node[head], rest, value), *node[head + 1:]]


JSON_VALUES = (None, [], {}, "", "x", 0, -1, 1e308, 10**30, float("inf"), float("nan"),
               [None], [[]], {"id": None}, "٣٥", "1,234", "=HYPERLINK(\"http://e\")",
               "x" * 100_000, True, "-1", "http://[::1", "javascript:alert(1)",
               "20251127T120000Z", "99991231T235959Z")


@st.composite
def json_mutation(draw, body: bytes) -> bytes:
    """A real JSON payload with one node replaced, wrapped, or the text mangled."""
    document = json.loads(body)
    kind = draw(st.sampled_from(("node", "node", "node", "wrap", "deep", "bytes", "html",
                                 "utf16")))
    if kind == "node":
        paths = list(_json_paths(document))
        path = draw(st.sampled_from(paths))
        value = draw(st.sampled_from(JSON_VALUES))
        if draw(st.booleans()) and isinstance(value, (dict, list)):
            value = [_replaced(document, path, None)] if isinstance(value, list) else value
        return json.dumps(_replaced(document, path, value)).encode()
    if kind == "wrap":
        return json.dumps(draw(st.sampled_from(([document], {"data": document},
                                                [document, document])))).encode()
    if kind == "deep":
        depth = draw(st.sampled_from((100, 5_000, 200_000)))
        return b"[" * depth + b"]" * depth
    if kind == "html":
        return b"<html><head><title>Error</title></head><body>Please try later</body></html>"
    if kind == "utf16":
        return body.decode("utf-8").encode("utf-16")
    return draw(byte_mutation(body))


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs &lol9;</title><item><title>Item &lol9;</title>
<link>https://laughs.example/1</link><pubDate>Fri, 13 Sep 2024 10:30:00 GMT</pubDate>
<description>&lol9;</description></item></channel></rss>
"""
ONE_LINE_LAUGHS = BILLION_LAUGHS.replace(b"\n <!ENTITY", b"<!ENTITY")
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title>
<link>https://xxe.example/1</link><pubDate>Fri, 13 Sep 2024 10:30:00 GMT</pubDate>
<description>&xxe;</description></item></channel></rss>
"""
XML_ENTITIES = (b"&amp;", b"&lt;", b"&#0;", b"&#x1F600;", b"&nbsp;", b"&undefined;", b"&#xD800;",
                b"&#99999999;", b"<![CDATA[ ]]>", b"&", b"]]>")


@st.composite
def xml_mutation(draw, body: bytes) -> bytes:
    """A real feed with entities spliced in, deep nesting, a hostile DTD, or mangled bytes."""
    kind = draw(st.sampled_from(("entity", "entity", "laughs", "laughs_one_line", "xxe",
                                 "deep", "html", "bytes", "latin1_declared_utf8")))
    if kind == "entity":
        spots = [m.end() for m in re.finditer(rb">", body)]
        at = draw(st.sampled_from(spots))
        return body[:at] + draw(st.sampled_from(XML_ENTITIES)) + body[at:]
    if kind == "laughs":
        return BILLION_LAUGHS
    if kind == "laughs_one_line":
        return ONE_LINE_LAUGHS
    if kind == "xxe":
        return EXTERNAL_ENTITY
    if kind == "deep":
        depth = draw(st.sampled_from((1_000, 20_000)))
        at = body.index(b"<description>") if b"<description>" in body else body.index(b"<summary>")
        return body[:at] + b"<b>" * depth + b"</b>" * depth + body[at:]
    if kind == "html":
        return b"<!DOCTYPE html><html><head><title>Just a moment...</title></head></html>"
    if kind == "latin1_declared_utf8":
        return body.decode("utf-8").replace("Tier", "Tièr").encode("latin-1", "replace")
    return draw(byte_mutation(body))


def file_mutation(draw, name: str, body: bytes) -> bytes:
    if name.endswith(".json"):
        return draw(json_mutation(body))
    if name.endswith(".html"):
        return draw(st.one_of(byte_mutation(body), xml_mutation(body)))
    return draw(byte_mutation(body))


@st.composite
def container_mutation(draw, module) -> bytes:
    """One part of a live container mutated (as a server's answer would come), or the
    container's own bytes (a kept snapshot cut short)."""
    parts = live_parts(module.INFO.id)
    if draw(st.integers(0, 9)) == 0:
        return draw(byte_mutation(live.pack(parts)))
    index = draw(st.integers(0, len(parts) - 1))
    url, body = parts[index]
    if module is un_egdi_live:
        body = draw(csv_mutation(body))
    elif module is news_rss:
        body = draw(xml_mutation(body))
    elif module is news_files:
        body = file_mutation(draw, url, body)
    else:
        body = draw(json_mutation(body))
    parts[index] = (url, body)
    return live.pack(parts)


def mutated(module):
    if module in BUNDLED:
        return st.just(None).flatmap(lambda _: csv_mutation(original_payload(module)))
    return container_mutation(module)


# --------------------------------------------------------------------------- the properties

FUZZ = settings(derandomize=True, database=None, max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("module", [*BUNDLED, *LIVE], ids=lambda m: m.INFO.id)
def test_mutated_payload_fails_clearly_or_loads_every_row(template, module):
    """Whatever the payload, the run ends failed with a one-line reason, or held/succeeded
    with each row valid or quarantined; failed and held runs change nothing published."""

    @FUZZ
    @given(body=mutated(module))
    def run(body):
        example = Example(template)
        try:
            check_run(example, module, body)
        finally:
            example.close()

    run()


# --------------------------------------------------------------------------- regressions
# Each a payload the fuzzing above found mishandled, pinned plainly.


@pytest.fixture
def on_copy(template):
    """Run a payload through a source on a fresh copy of the template store: returns the
    result, the published rows before and after, and the run's quarantine reasons."""
    examples = []

    def run(module, body: bytes):
        example = Example(template)
        examples.append(example)
        before = published_rows(example.engine)
        result = pipeline.run_source(module, example.settings, example.engine,
                                     fetched=Fetched(body, "regression payload"))
        quarantine = store.metadata.tables["quarantine"]
        with example.engine.connect() as conn:
            reasons = conn.execute(sa.select(quarantine.c.reason).where(
                quarantine.c.last_run_id == result.run_id)).scalars().all()
        return result, before, published_rows(example.engine), reasons

    yield run
    for example in examples:
        example.close()


def _with_cells(body: bytes, row: int, **cells: str) -> bytes:
    records = csv_records(body)
    header = records[0]
    for column, value in cells.items():
        records[row + 1][header.index(column)] = value
    return csv_bytes(records)


def test_a_first_row_longer_than_the_header_fails_the_run_unshifted(on_copy):
    """pandas took the extra cell's row for an index, every column shifted right: the run
    failed on "ValueError: invalid literal for int()" at best, or loaded shifted values."""
    records = csv_records(original_payload(ncsi))
    records[1] = [*records[1], "surplus"]
    result, before, after, _ = on_copy(ncsi, csv_bytes(records))
    assert (result.status, result.reason) == (
        "failed", "unreadable CSV: the first row has more cells than the header")
    assert after == before


def test_a_pandas_error_is_one_line_in_the_run_reason(on_copy):
    """pandas ends "Error tokenizing data" with a line break: the reason kept it."""
    records = csv_records(original_payload(itu_gci))
    records[3] = [*records[3], "surplus"]
    result, before, after, _ = on_copy(itu_gci, csv_bytes(records))
    assert result.status == "failed"
    assert result.reason == ("unreadable CSV: Error tokenizing data. C error: Expected "
                             f"{len(records[0])} fields in line 4, saw {len(records[0]) + 1}")
    assert after == before


def test_a_fraction_in_a_whole_number_column_quarantines_its_row(on_copy):
    """pandera failed the whole integer column on one fraction: the run failed on
    "schema: egdi_rank: dtype('Int64')" instead of quarantining the row."""
    parts = live_parts("un_egdi_live")
    url, body = parts[0]
    parts[0] = (url, body.replace(b'"Morocco ",101,', b'"Morocco ",101.5,'))
    result, before, after, reasons = on_copy(un_egdi_live, live.pack(parts))
    assert result.status == "held", result  # 1 of 14 rows: over the gate's 5%
    assert result.reason.startswith("publish gate: 1 of 14 rows quarantined")
    assert reasons == ["egdi_rank: coerce_dtype('Int64') (value '101.5')"]
    assert after == before


def test_json_nested_too_deeply_is_malformed_json(on_copy):
    """json.loads raised RecursionError, recorded as the run's bare Python reason."""
    parts = live_parts("worldbank_wdi")
    parts[2] = (parts[2][0], b"[" * 100_000 + b"]" * 100_000)
    result, before, after, _ = on_copy(worldbank_wdi, live.pack(parts))
    assert result.status == "failed"
    assert result.reason.startswith(f"{parts[2][0]}: not JSON: nested too deeply to read")
    assert after == before


def test_a_news_file_nested_too_deeply_is_quarantined_alone(on_copy):
    """One such file failed the whole run (RecursionError) instead of being quarantined."""
    parts = live_parts("news_files")
    name = parts[0][0]
    parts[0] = (name, b"[" * 100_000 + b"]" * 100_000)
    result, _, _, reasons = on_copy(news_files, live.pack(parts))
    assert result.status == "succeeded", result
    assert result.counts["valid"] == len(parts) - 1
    assert reasons == [f"parse_error: unreadable article (value '{name}: invalid JSON: nested "
                       "too deeply to read (line 1, column 1)')"]


@pytest.mark.parametrize("node, value, what", [
    pytest.param("country", ["MA"], "an observation's country is not an object", id="list"),
    pytest.param("countryiso3code", {"id": "MAR"}, "countryiso3code is not a single value",
                 id="object"),
    pytest.param("indicator", "IT.NET.USER.ZS", "an observation's indicator is not an object",
                 id="text"),
])
def test_world_bank_observation_of_the_wrong_shape_names_it(on_copy, node, value, what):
    """A list or text where the API gives an object failed the run with
    "AttributeError: 'list' object has no attribute 'get'"."""
    parts = live_parts("worldbank_wdi")
    paging, observations = json.loads(parts[0][1])
    observations[0][node] = value
    parts[0] = (parts[0][0], json.dumps([paging, observations]).encode())
    result, before, after, _ = on_copy(worldbank_wdi, live.pack(parts))
    assert (result.status, result.reason) == (
        "failed", f"{parts[0][0]}: unexpected JSON shape ({what})")
    assert after == before


@pytest.mark.parametrize("index, document, what", [
    pytest.param(0, {"articles": ["https://example.ma/a"]}, "articles is not a list of objects",
                 id="articles-of-text"),
    pytest.param(1, {"timeline": [{"data": [[1, 2]]}]}, "a timeline's data is not a list of "
                 "objects", id="points-of-lists"),
    pytest.param(1, {"timeline": "none"}, "timeline is not a list of objects", id="text"),
])
def test_gdelt_answer_of_the_wrong_shape_names_it(on_copy, index, document, what):
    """Text or lists where GDELT gives objects failed the run with an AttributeError."""
    parts = live_parts("gdelt_doc")
    parts[index] = (parts[index][0], json.dumps(document).encode())
    result, before, after, _ = on_copy(gdelt_doc, live.pack(parts))
    assert (result.status, result.reason) == (
        "failed", f"{parts[index][0]}: unexpected JSON shape ({what})")
    assert after == before


@pytest.mark.parametrize("field, value", [
    pytest.param("date", "-1", id="year-minus-one"),
    pytest.param("value", 2.5, id="fraction"),
    pytest.param("value", float("inf"), id="inf"),
    pytest.param("value", -3, id="negative"),
    pytest.param("value", 10**12, id="beyond-the-column"),
    pytest.param("norm", 12.5, id="monitored-fraction"),
])
def test_gdelt_volume_point_without_a_day_or_a_count_is_quarantined(on_copy, field, value):
    """A date read as year -1 failed the run ("NotImplementedError: date not yet
    supported..."); an inf or fractional count failed it at the load, or was cut to a whole
    number: each is that point's quarantine now, the other points load."""
    parts = live_parts("gdelt_doc")
    document = json.loads(parts[1][1])
    document["timeline"][0]["data"][0][field] = value
    parts[1] = (parts[1][0], json.dumps(document).encode())
    result, before, after, reasons = on_copy(gdelt_doc, live.pack(parts))
    assert result.status == "succeeded", result
    assert result.counts["quarantined"] == 1
    assert reasons == ["a volume point needs a country, a date and a count"]
    # The published point keeps its count (3 of 1000 on 2025-09-14); the others are the same.
    assert [row[:5] for row in after["news_volume"]] == [row[:5] for row in before["news_volume"]]


@pytest.mark.parametrize("body", [
    pytest.param(BILLION_LAUGHS, id="billion-laughs"),
    pytest.param(ONE_LINE_LAUGHS, id="billion-laughs-one-line"),
    pytest.param(EXTERNAL_ENTITY, id="external-entity"),
])
def test_a_feed_declaring_entities_is_refused(on_copy, body):
    """Such a feed was taken for an item's page (its DOCTYPE hid its first element) and
    skipped: the run succeeded with nothing read from it. Now it is refused by name, its
    entities never expanded nor resolved."""
    parts = live_parts("news_rss")
    parts[0] = (parts[0][0], body)
    result, before, after, _ = on_copy(news_rss, live.pack(parts))
    assert (result.status, result.reason) == (
        "failed", f"{parts[0][0]}: malformed feed: {news_rss.ENTITY_DECLARED}")
    assert after == before


@pytest.mark.parametrize("reference", [b"&#xD800;", b"&#99999999;"])
def test_a_character_reference_to_no_character_is_a_malformed_feed(on_copy, reference):
    """feedparser's loose parser raised UnicodeEncodeError or "chr() arg not in range":
    the run failed with that bare Python reason."""
    parts = live_parts("news_rss")
    parts[0] = (parts[0][0], parts[0][1].replace(b"<title>", b"<title>" + reference, 1))
    result, before, after, _ = on_copy(news_rss, live.pack(parts))
    assert (result.status, result.reason) == (
        "failed", f"{parts[0][0]}: malformed feed: {news_rss.NO_CHARACTER}")
    assert after == before


NETSCAPE_DOCTYPE = (b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
                    b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n')


@pytest.mark.parametrize("recode", [
    pytest.param(lambda b: b.replace(b"<rss ", NETSCAPE_DOCTYPE + b"<rss ", 1), id="doctype"),
    pytest.param(lambda b: b.decode().replace('"UTF-8"', '"UTF-16"').encode("utf-16"),
                 id="utf-16"),
])
def test_a_feed_with_a_doctype_or_in_utf16_is_read_not_skipped(on_copy, recode):
    """Its first bytes did not start with <rss: it was taken for a page and skipped, the run
    "succeeded" without its items."""
    parts = live_parts("news_rss")[:1]
    parts[0] = (parts[0][0], recode(parts[0][1]))
    result, _, _, reasons = on_copy(news_rss, live.pack(parts))
    assert result.status == "succeeded", result
    assert result.counts["fetched"] == 2 and not reasons


def test_a_gci_row_without_a_source_url_is_quarantined(on_copy):
    """The schema let ``source_url`` be empty, the store's observations require it: the load
    failed with "IntegrityError: (sqlite3.IntegrityError) NOT NULL constraint failed" (after
    a "TypeError: argument of type 'float' is not iterable" reading its channel)."""
    body = _with_cells(original_payload(itu_gci), 0, source_url="")
    result, before, after, reasons = on_copy(itu_gci, body)
    assert result.status in ("succeeded", "held"), result
    assert result.counts["quarantined"] == 1
    assert [r for r in reasons if r.startswith("source_url")] == [
        "source_url: not_nullable (value nan)"]


def test_an_egdi_file_neither_utf8_nor_windows_1252_names_the_byte(on_copy):
    """The Windows-1252 fallback raised UnicodeDecodeError on its five undefined bytes: the
    run failed with "UnicodeDecodeError: 'charmap' codec can't decode byte 0x81..."."""
    parts = live_parts("un_egdi_live")
    url, body = parts[0]
    parts[0] = (url, body.replace(b"Morocco", b"Moro\x81co", 1))
    at = parts[0][1].index(b"\x81")
    result, before, after, _ = on_copy(un_egdi_live, live.pack(parts))
    assert (result.status, result.reason) == (
        "failed", f"{url}: not UTF-8 text: nor Windows-1252 (character maps to <undefined>: "
                  f"byte 0x81 at {at})")
    assert after == before


def test_a_header_naming_a_column_twice_fails_the_run(on_copy):
    """pandas renamed the second "egdi" to "egdi.1" and the first was loaded: which of the
    two columns holds the index was a guess."""
    records = csv_records(original_payload(un_egdi))
    at = records[0].index("egdi")
    records = [[*r[:at + 1], "0.99" if i else "egdi", *r[at + 1:]] for i, r in enumerate(records)]
    result, before, after, _ = on_copy(un_egdi, csv_bytes(records))
    assert (result.status, result.reason) == (
        "failed", "unreadable CSV: the header repeats column(s): egdi")
    assert after == before


def test_an_egdi_header_giving_a_column_under_both_names_fails_the_run(on_copy):
    """"Country" and "Country Name" both became ``country_name``: the run failed with
    "AttributeError: 'DataFrame' object has no attribute 'str'"."""
    parts = live_parts("un_egdi_live")
    url, body = parts[0]
    header, rest = body.split(b"\n", 1)
    rows = [line.replace(b",", b',"Oman",', 1) for line in rest.splitlines() if line]
    parts[0] = (url, header.replace(b"Country Name,", b"Country Name,Country,") + b"\n"
                + b"\n".join(rows) + b"\n")
    result, before, after, _ = on_copy(un_egdi_live, live.pack(parts))
    assert result.status == "failed"
    assert result.reason.startswith(f"{url}: EGDI file header gives Country Name twice (header: ")
    assert after == before
