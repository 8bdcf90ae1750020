"""Why a run failed or was skipped reads in the Status page's language: each wording the ETL
writes (made here by its own code: the exception raised, the function called) is read back
whole, said in French and Arabic with its details kept as written; a text of another wording
stays as stored, marked English; an English page shows every reason as stored."""

from __future__ import annotations

import inspect
import re
import string
from pathlib import Path

import pandas as pd
import pytest
import requests
import sqlalchemy as sa
from dash import html

from dashboard import run_reasons
from dashboard.app import create_app
from etl import corrections, http, pipeline, run_safety, schemas, store
from etl.settings import Settings
from etl.sources import base, gdelt_doc, live, news_files, news_rss, un_egdi_live, worldbank_wdi
from tests.dashboard.tree_support import as_components, english_parts, find, texts, walk
from tests.etl.bundled_support import reseal
from tests.etl.refresh_support import published_copy
from tests.fixtures.http_server import FaultServer, Resp

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
POLICY = http.HttpPolicy(connect_timeout=0.2, read_timeout=0.2, max_attempts=2)


def raised(action) -> str:
    """The reason the pipeline records for what ``action`` raises (etl.run_safety.failure_reason)."""
    try:
        action()
    except Exception as exc:  # noqa: BLE001 - every failure is a reason here
        return run_safety.failure_reason(exc)
    raise AssertionError("the ETL raised nothing")


class _Refusing:
    """A session whose every request fails with ``error`` before any answer."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def get(self, *args, **kwargs):
        raise self.error


def fetched(
    server: FaultServer | None,
    response: Resp | None = None,
    *,
    expect="json",
    policy=POLICY,
    session=None,
    path="/data",
    **checks,
) -> str:
    """The reason a live source's run records when its fetch of ``response`` fails."""
    if server is not None:
        server.script(path, response)
    url = server.url(path) if server is not None else "http://127.0.0.1:9/data"
    allowed = [server.url("/")] if server is not None else None
    return raised(
        lambda: http.fetch(
            url,
            expect=expect,
            allowed_urls=allowed,
            policy=policy,
            session=session,
            sleep=lambda _: None,
            **checks,
        )
    )


def _csv(body: str, **resp) -> Resp:
    return Resp(200, body=body.encode(), content_type="text/csv", **resp)


JSON = b'{"a": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "b": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}'

# Each case: how the ETL's own code writes the reason (given a fault server and a folder).
CASES = {
    # etl.sources.base (SourceFileError), as run_safety.failure_reason records it
    "bundled-missing": lambda s, tmp: raised(lambda: base.read_bundled(tmp / "gone.csv")),
    "bundled-unreadable": lambda s, tmp: raised(lambda: base.read_bundled(tmp)),
    "sidecar-missing": lambda s, tmp: raised(lambda: base.read_bundled(tmp / "a-file")),
    "sidecar-unreadable": lambda s, tmp: raised(lambda: base.read_bundled(tmp / "broken.csv")),
    "sidecar-mismatch": lambda s, tmp: raised(lambda: base.read_bundled(tmp / "edited.csv")),
    "not-utf8": lambda s, tmp: raised(lambda: base.read_csv_text(b"\xff\xfeab", ())),
    "empty-file": lambda s, tmp: raised(lambda: base.read_csv_text(b"", ())),
    "unreadable-csv": lambda s, tmp: raised(lambda: base.read_csv_text(b'a,b\n1,"2\n', ())),
    "header-lacks": lambda s, tmp: raised(lambda: base.read_csv_text(b"a\n1\n", ("x", "y"))),
    # sources' own checks, located at a URL or in a file
    "egdi-header": lambda s, tmp: raised(
        lambda: un_egdi_live.read_file(b"x,y\n1,2\n", "http://h/EGOV_DATA_2022.csv")
    ),
    "egdi-header-twice": lambda s, tmp: raised(
        lambda: un_egdi_live.read_file(b"Country,Country Name,Survey Year,E-Government Index\n"
                                       b"Morocco,Morocco,2022,0.5\n",
                                       "http://h/EGOV_DATA_2022.csv")
    ),
    "egdi-empty": lambda s, tmp: raised(
        lambda: un_egdi_live.read_file(b" ", "http://h/EGOV_DATA_2022.csv")
    ),
    "worldbank-not-json": lambda s, tmp: raised(
        lambda: worldbank_wdi.read_page(b"{oops", "http://h/v2/x?page=1")
    ),
    "worldbank-api-error": lambda s, tmp: raised(
        lambda: worldbank_wdi.read_page(
            (FIXTURES / "worldbank_wdi" / "error_envelope.json").read_bytes(),
            "http://h/v2/x?page=1",
        )
    ),
    "worldbank-shape": lambda s, tmp: raised(
        lambda: worldbank_wdi.read_page(b'{"a": 1}', "http://h/v2/x?page=1")
    ),
    "worldbank-shape-of-a-part": lambda s, tmp: raised(
        lambda: worldbank_wdi.parse(live.pack([(
            "http://h/v2/x?page=1", b'[{"page": 1, "pages": 1, "per_page": 50, "total": 1}, ["x"]]'
        )]))
    ),
    "gdelt-not-object": lambda s, tmp: raised(
        lambda: gdelt_doc.parse(
            live.pack(
                [
                    (
                        "https://api.gdeltproject.org/api/v2/doc/doc?mode=artlist&query=x#iso3=MAR",
                        b"[]",
                    )
                ]
            )
        )
    ),
    "feed-malformed": lambda s, tmp: raised(
        lambda: news_rss.read_feed("http://h/feed", b"not a feed")
    ),
    "news-folder": lambda s, tmp: raised(
        lambda: news_files.fetch(Settings.from_env(news_files_dir=tmp / "none"))
    ),
    "news-file": lambda s, tmp: raised(
        lambda: news_files.fetch(Settings.from_env(news_files_dir=tmp / "news"))
    ),
    "ledger-entries": lambda s, tmp: raised(lambda: corrections.read_ledger(tmp / "ledger")),
    # etl.pipeline
    "snapshot": lambda s, tmp: raised(
        lambda: pipeline._keep_raw(b"x", Settings.from_env(raw_dir=tmp / "a-file"))
    ),
    "database-busy": lambda s, tmp: raised(lambda: run_safety.retry_when_busy(_busy, _LOAD)),
    "schema": lambda s, tmp: raised(
        lambda: schemas.split_valid(pd.DataFrame({"iso3": ["MAR"]}), schemas.GciScores)
    ),
    # etl.http: a live source's fetch (a SourceError)
    "http-500": lambda s, tmp: fetched(s, Resp(500)),
    "http-500-one-attempt": lambda s, tmp: fetched(
        s, Resp(500), policy=http.HttpPolicy(max_attempts=1)
    ),
    "http-429": lambda s, tmp: fetched(s, Resp(429, headers={"Retry-After": "0"})),
    "http-404": lambda s, tmp: fetched(s, Resp(404, body=b"no such page")),
    "http-304": lambda s, tmp: fetched(s, Resp(304)),
    "empty-body": lambda s, tmp: fetched(
        s, Resp(200, body=b"", content_type="text/csv"), expect="csv"
    ),
    "connect-timeout": lambda s, tmp: fetched(
        None, session=_Refusing(requests.exceptions.ConnectTimeout("slow"))
    ),
    "headers-timeout": lambda s, tmp: fetched(
        s, Resp(200, body=JSON, delay=1.0, content_type="application/json")
    ),
    "body-timeout": lambda s, tmp: fetched(
        s, Resp(200, body=JSON, body_delay=1.0, content_type="application/json")
    ),
    "connection-failed": lambda s, tmp: fetched(
        None, session=_Refusing(requests.exceptions.ConnectionError("Connection refused"))
    ),
    "request-failed": lambda s, tmp: fetched(
        None, session=_Refusing(requests.exceptions.InvalidURL("bad"))
    ),
    "truncated": lambda s, tmp: fetched(
        s, Resp(200, body=JSON, content_length=9999, content_type="application/json")
    ),
    "dropped": lambda s, tmp: fetched(
        s, Resp(200, body=JSON, chunked=True, drop_after=20, content_type="application/json")
    ),
    "html-titled": lambda s, tmp: fetched(
        s, Resp.html("<html><head><title>Service</title></head><body>x</body></html>")
    ),
    "html-untitled": lambda s, tmp: fetched(
        s, Resp(200, body=b"<html><body>hi</body></html>", content_type=None)
    ),
    "content-type": lambda s, tmp: fetched(s, Resp(200, body=b"abc", content_type="text/csv")),
    "bad-json": lambda s, tmp: fetched(
        s, Resp(200, body=b'{"a": tru}', content_type="application/json")
    ),
    "json-too-deep": lambda s, tmp: fetched(
        s, Resp(200, body=b"[" * 200_000, content_type="application/json")
    ),
    "json-ends-early": lambda s, tmp: fetched(
        s, Resp(200, body=JSON[:20], content_length=None, content_type="application/json")
    ),
    "rate-limit-notice": lambda s, tmp: fetched(
        s,
        Resp(200, body=b"Please limit requests to one every 5 seconds", content_type="text/plain"),
    ),
    "too-large": lambda s, tmp: fetched(
        s,
        Resp(200, body=JSON, content_type="application/json"),
        policy=http.HttpPolicy(max_attempts=2, max_bytes=10),
    ),
    "not-xml": lambda s, tmp: fetched(
        s, Resp(200, body=b"not xml", content_type="text/xml"), expect="xml"
    ),
    "csv-in-quote": lambda s, tmp: fetched(
        s,
        _csv('Survey Year,b\n"1,2\n', content_length=None),
        expect="csv",
        expected_columns=("Survey Year",),
    ),
    "csv-mid-row": lambda s, tmp: fetched(
        s,
        _csv("Survey Year,b,c\n1,2,3\n4,5\n", content_length=None),
        expect="csv",
        expected_columns=("Survey Year",),
    ),
    "csv-lacks-column": lambda s, tmp: fetched(
        s, _csv("a,b,c\n1,2,3\n"), expect="csv", expected_columns=("Survey Year",)
    ),
    "csv-lacks-columns": lambda s, tmp: fetched(
        s, _csv("a,b,c\n1,2,3\n"), expect="csv", expected_columns=("Survey Year", "Country")
    ),
    "csv-one-column": lambda s, tmp: fetched(s, _csv("abc\n1\n"), expect="csv", csv_min_columns=3),
    "csv-few-columns": lambda s, tmp: fetched(
        s, _csv("a,b\n1,2\n"), expect="csv", csv_min_columns=3
    ),
    "csv-one-column-hint": lambda s, tmp: fetched(
        s, _csv("a;b;c\n1;2;3\n"), expect="csv", csv_min_columns=3
    ),
    "csv-few-columns-hint": lambda s, tmp: fetched(
        s, _csv("a;b,c\n1;2,3\n"), expect="csv", csv_min_columns=3
    ),
    "refused": lambda s, tmp: raised(
        lambda: http.fetch(
            "http://example.org/data", expect="json", allowed_urls=[s.url("/")], policy=POLICY
        )
    ),
    "refused-redirect": lambda s, tmp: fetched(
        s, Resp(302, headers={"Location": "http://example.org/data"})
    ),
    # a live source without its settings: the run is skipped with configured()'s reason
    "skipped-egdi": lambda s, tmp: un_egdi_live.configured(_unconfigured()),
    "skipped-worldbank": lambda s, tmp: worldbank_wdi.configured(_unconfigured()),
    "skipped-feeds": lambda s, tmp: news_rss.configured(_unconfigured()),
    "skipped-gdelt": lambda s, tmp: gdelt_doc.configured(_unconfigured()),
}


def _unconfigured() -> Settings:
    return Settings.from_env(egdi_urls=(), worldbank_api_url="", news_feeds=(), gdelt_countries=())


# What the pipeline's load waits out when the database is busy (its own words, checked below).
_LOAD = "the load"


def _busy():
    import sqlite3

    raise sa.exc.OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, str]:
    """Every case's reason, as the ETL writes it."""
    assert f'"{_LOAD}"' in inspect.getsource(pipeline.run_source)
    tmp = tmp_path_factory.mktemp("reasons")
    (tmp / "a-file").write_text("a file where a folder is needed")
    (tmp / "broken.csv").write_text("a,b\n")
    (tmp / "broken.provenance.json").write_text("{broken")
    (tmp / "edited.csv").write_text("a,b\n1,2\n")
    (tmp / "edited.provenance.json").write_text(
        '{"copied_on": "2026-11-29", "sha256": "' + "0" * 64 + '", "bytes": 4}')
    (tmp / "news").mkdir()
    (tmp / "news" / "a.json").write_text("{}")
    (tmp / "ledger").mkdir()
    (tmp / "ledger" / corrections.LEDGER_FILE).write_text(
        "indicator,iso3,edition,action,value,reason,reported_date,status,source_url\n"
        "itu_gci.overall,XXX,2024,flag,,a reason,2026-01-01,applied,http://x\n"
    )
    reseal(tmp / "ledger" / corrections.LEDGER_FILE)
    out = {}
    with pytest.MonkeyPatch.context() as patch, FaultServer() as server:
        patch.setenv("NO_PROXY", "127.0.0.1,localhost")
        patch.setattr(run_safety, "_sleep", lambda _: None)

        def unreadable(path):
            raise PermissionError(13, "Permission denied", str(path))

        for case, make in CASES.items():
            with pytest.MonkeyPatch.context() as inner:
                if case == "news-file":
                    inner.setattr(Path, "read_bytes", unreadable)
                out[case] = make(server, tmp)
    return out


def readings(reading: run_reasons.Reading | None) -> list[run_reasons.Reading | None]:
    """A reading and every reading inside it (None where a text inside was not read)."""
    if reading is None:
        return [None]
    return [reading, *(r for inner in reading.inner.values() for r in readings(inner))]


def said(component) -> str:
    return "".join(texts(as_components(component)).splitlines())


def _letters(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]", text))


@pytest.mark.parametrize("case", list(CASES))
def test_each_wording_the_etl_writes_is_read_back_whole(written, case):
    """The reason is read by a wording, every text it quotes by one too, and the wordings
    filled with the fields read give the stored text back, character for character."""
    text = written[case]
    assert text, case
    reading = run_reasons.read_reason(text)
    assert None not in readings(reading), (case, text)

    def rebuilt(r: run_reasons.Reading) -> str:
        fields = {
            name: rebuilt(r.inner[name]) if r.inner.get(name) else value
            for name, value in r.fields.items()
        }
        return r.wording.template.format(**fields)

    assert rebuilt(reading) == text


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("case", list(CASES))
def test_each_wording_is_said_in_the_page_language(written, case, lang):
    """French and Arabic say the wording in their words: none of its English is left (a
    variable's name, a file, a URL, a status line or a count are details kept as written, and
    only another's English, an error's or a server's, is marked English)."""
    text = written[case]
    view = as_components(run_reasons.reason_view(text, lang))
    shown = said(view)
    for reading in readings(run_reasons.read_reason(text)):
        for literal, _, _, _ in string.Formatter().parse(reading.wording.template):
            if " " in literal.strip() and _letters(literal):
                assert literal.strip() not in shown, (literal, shown)
        for name, value in reading.fields.items():
            if (name in run_reasons._CODE or name in run_reasons._NUMBERS) and not (
                name == "content_type" and value == "missing"
            ):  # http.py's word: said
                assert value in shown, (name, value, shown)
    english = {
        value
        for r in readings(run_reasons.read_reason(text))
        for name, value in r.fields.items()
        if name in run_reasons._ENGLISH
    }
    english |= {
        value
        for r in readings(run_reasons.read_reason(text))  # pandera's, kept
        for part in r.fields.get("checks", "").split("; ")
        for value in part.split(": ")
    }
    assert set(english_parts(view)) <= english, english_parts(view)


def test_every_wording_is_one_the_etl_writes(written):
    """Each wording of the table reads a reason made by the ETL's code above: a wording the
    ETL no longer writes (or a change of its words) shows here."""
    used = {
        r.wording.template
        for text in written.values()
        for r in readings(run_reasons.read_reason(text))
        if r
    }
    assert {w.template for w in run_reasons.WORDINGS} - used == set()


def test_english_page_and_unknown_reasons_are_left_to_the_caller(written):
    """An English page, and a text of no wording of the ETL, are not said here: the Status
    page shows them as stored (marked English on another page)."""
    assert run_reasons.reason_view(written["http-500"], "en") is None
    for text in (
        "OSError: disk full",
        "KeyError: 'x'",
        "publisher: changed the layout",
        "SourceError: something else",
    ):
        assert run_reasons.read_reason(text) is None, text
        assert run_reasons.reason_view(text, "fr") is None


def test_a_cause_of_another_wording_stays_english_inside_the_frame():
    """An HTTP failure whose cause has no wording here: the frame is said, the cause kept as
    stored, marked English."""
    text = "SourceError: http://h/x: something new; gave up after 4 attempts"
    view = as_components(run_reasons.reason_view(text, "fr"))
    assert said(view) == "http://h/x\u00a0: something new\u202f; abandon après 4 tentatives"
    assert english_parts(view) == ["something new"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "http://h/x\u00a0: HTTP 503 Service Unavailable\u202f; abandon après 1 tentative"),
        ("ar", "http://h/x: HTTP 503 Service Unavailable؛ فشل الجلب بعد 1 محاولة"),
    ],
)
def test_counts_take_the_form_their_number_needs(lang, expected):
    text = "SourceError: http://h/x: HTTP 503 Service Unavailable; gave up after 1 attempt"
    assert said(run_reasons.reason_view(text, lang)) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "fr",
            "non configurée\u00a0: définir CYBERINDEX_NEWS_FEEDS (URL de flux séparées par des "
            "virgules)",
        ),
        ("ar", "غير مهيأ: عيّن CYBERINDEX_NEWS_FEEDS (عناوين الخلاصات مفصولة بفواصل)"),
    ],
)
def test_a_skipped_source_names_its_variable_as_written(written, lang, expected):
    """The variable to set is what the operator types: kept as written, as code."""
    view = as_components(run_reasons.reason_view(written["skipped-feeds"], lang))
    assert said(view) == expected
    [code] = [n for n in walk(view) if isinstance(n, html.Code)]
    assert code.children == "CYBERINDEX_NEWS_FEEDS" and not english_parts(view)


# ------------------------------------------------------------------ on the Status page


@pytest.fixture(scope="module")
def failed_and_skipped(tmp_path_factory):
    """A dashboard on a store whose last EGDI run failed (its file emptied) and whose news
    feeds run was skipped (no feed configured)."""
    settings = published_copy(tmp_path_factory.mktemp("failed-skipped"))
    engine = store.make_engine(settings.database_url)
    (settings.datasets_dir / "egdi_scores.csv").write_bytes(b"")
    reseal(settings.datasets_dir / "egdi_scores.csv")  # the file itself refused, not its sidecar
    results = {r.source_id: r for r in pipeline.run_sources(["un_egdi"], settings, engine)}
    results["news_rss"] = pipeline.run_source(news_rss, settings, engine)
    assert results["un_egdi"].reason == "empty file"
    assert results["news_rss"].status == "skipped"
    yield create_app(settings)
    engine.dispose()


REASONS_SAID = {
    "fr": ("fichier vide", "non configurée\u00a0: définir CYBERINDEX_NEWS_FEEDS"),
    "ar": ("ملف فارغ", "غير مهيأ: عيّن CYBERINDEX_NEWS_FEEDS"),
}


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_status_page_says_why_runs_failed_or_were_skipped(pages, failed_and_skipped, lang):
    """The latest-run table says a failed and a skipped run's reason in the page's language,
    nothing of them left in English; an English page shows them as stored."""
    status = pages["status"]
    with failed_and_skipped.server.app_context():
        runs = as_components(find(status.layout(lang=lang), status.ID_RUNS))
    cells = {}  # each run's reason, on a line under its row (a group of its own)
    for group in (g for g in walk(runs) if isinstance(g, html.Tbody)):
        run, *line = [r for r in walk(group) if isinstance(r, html.Tr)]
        source = texts(run.children[0]).splitlines()
        if source and source[0] in ("un_egdi", "news_rss") and line:
            cells[source[0]] = next(n for n in walk(line[0])
                                    if "ci-reason" in str(getattr(n, "className", "")).split())
    if lang == "en":
        assert said(cells["un_egdi"]) == "empty file"
        assert said(cells["news_rss"]).startswith("not configured: set CYBERINDEX_NEWS_FEEDS")
        return
    failed, skipped = REASONS_SAID[lang]
    assert said(cells["un_egdi"]) == failed
    assert said(cells["news_rss"]).startswith(skipped)
    assert not english_parts(cells["un_egdi"]) and not english_parts(cells["news_rss"])
