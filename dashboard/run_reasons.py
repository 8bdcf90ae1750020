"""Why a run failed or was skipped, in the page's language (Status page, "Reason" column).

The ETL writes a failed run's reason in English (:func:`etl.run_safety.failure_reason`: a
bundled file missing or unreadable, the raw snapshot that could not be kept, a database busy
with another writer, a live source's HTTP failure, a schema error) and a skipped live source's
(its ``configured()``: the setting to fill in). The runs table keeps that text. A French or Arabic
page reads it back by the wordings the ETL uses (:data:`WORDINGS`) and says it again; the
details it quotes (a file, a URL, a status line, a count, an error's own text, a variable's
name) are kept as written: code stays code, a library's or a server's English stays English,
marked so. A reason of another wording is left to :mod:`dashboard.run_notes` (a published run's
note), else shown as stored, marked English; an English page shows every reason as stored.

A check a schema error names is said in words by :mod:`dashboard.check_names`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from functools import cache, lru_cache
from typing import NamedTuple

from dash import html

from dashboard.check_names import check_view
from dashboard.i18n import (
    N_,
    catalog,
    fill,
    normalize_lang,
    t,
    tn,
)

# Translators: between the parts of a run's reason (the punctuation of a semicolon).
MSG_SEPARATOR = N_("; ")

Say = Callable[[dict[str, object], dict[str, str], str], list]
"""What says a wording: (its fields as shown, its fields as written, the language) to the
pieces of the text."""


class Wording(NamedTuple):
    """A text the ETL writes, ``{field}`` where it puts a detail, and what says it in another
    language (by default the wording itself as a message of the catalogs)."""

    template: str
    say: Say | None = None


class Reading(NamedTuple):
    """A stored reason read back: its wording, its fields as written (``template.format(
    **fields)`` gives the text back) and the readings of the texts it quotes whole (an HTTP
    failure's cause, a located message): None for one not read."""

    wording: Wording
    fields: dict[str, str]
    inner: dict[str, Reading | None]


# ---------------------------------------------------------------------- fields

# How each field is read back (its pattern) and kept: code (a file, a URL, a header, a status
# line, a variable: as written, left to right), a number (as written), another's English (an
# error's or a server's text: as written, marked English), or a text read by the wordings
# themselves (``message`` must be one of them; a ``cause`` not read is kept as English).
_CODE = {
    "url": r"\S+",
    "where": r"\S+",
    "origin": r"\S+",
    "path": r".+?",
    "variable": r"[A-Z][A-Z0-9_]*",
    "content_type": r"\S+",
    "expected": r"[A-Z]+",
    "delimiter": r"'[^']*'|\"[^\"]*\"",
    "other": r"'[^']*'|\"[^\"]*\"",
    "columns": r".+?",
    "missing": r".+?",
    "header": r".*?",
    "status_line": r"HTTP \d{3}(?: [^,:;()]+?)?",
    "retry_after": r".+?",
    "sidecar": r"\S+",
    "sha256": r"[0-9a-f]{64}",
    "expected_sha256": r"[0-9a-f]{64}",
}
_NUMBER = r"\d+(?:\.\d+)?"
_NUMBERS = frozenset(
    "attempts attempt seconds received declared size cap count minimum fields line col "
    "bytes expected_bytes".split()
)
_ENGLISH = frozenset({"error", "detail", "snippet", "title", "why", "entries", "text",
                      "problem", "part", "kind"})
_READ = {"message": True, "cause": False}  # field -> must be read (else the wording is not)
_OTHER = {"checks": r".+", "what": r".+?"}


def _pattern_of(name: str) -> str:
    if name in _CODE:
        return _CODE[name]
    if name in _NUMBERS:
        return _NUMBER
    if name in _ENGLISH:
        return r".*?"
    if name in _READ:
        return r".+"
    return _OTHER[name]


def _english(value: str) -> html.Span:
    return html.Span(value, lang="en", dir="ltr")


def _shown(name: str, value: str, inner: Reading | None, lang: str) -> object:
    """A field as the page shows it (see the patterns above)."""
    if name in _READ:
        return html.Span(_pieces(inner, lang)) if inner else _english(value)
    if name == "checks":
        return html.Span(_schema_checks(value, lang))
    if name == "what":
        return t(WHAT[value], lang) if value in WHAT else _english(value)
    if name == "content_type" and value == "missing":  # http.py's word for no Content-Type
        # Translators: in a live source's failure: the answer had no content type.
        return t("missing", lang)
    if name in _CODE:
        return html.Code(value, dir="ltr")
    if name in _ENGLISH:
        return _english(value)
    return value  # a number, as written


def _said(msgid: str) -> Say:
    """The wording said by the message ``msgid`` (the wording's own text by default)."""

    def say(shown: dict[str, object], written: dict[str, str], lang: str) -> list:
        return fill(t(msgid, lang), msgid, **shown)

    return say


# ---------------------------------------------------------------------- wordings said whole


def _attempts(shown, written, lang):
    # Translators: a live source's failure: after the URL and what went wrong ({cause}, said
    # on its own), the number of attempts made before giving up.
    return fill(
        *[
            tn(
                "{url}: {cause}; gave up after {attempts} attempt",
                "{url}: {cause}; gave up after {attempts} attempts",
                int(written["attempts"]),
                code,
            )
            for code in (lang, "en")
        ],
        **shown,
    )


def _busy(shown, written, lang):
    # Translators: a run's failure: the database was busy with another program writing to it;
    # {what} is what was being done ("the load"), {detail} the database's own message.
    return fill(
        *[
            tn(
                "database busy: {what} gave up after {attempts} attempt, another writer "
                "held the database ({detail})",
                "database busy: {what} gave up after {attempts} attempts, another writer "
                "held the database ({detail})",
                int(written["attempts"]),
                code,
            )
            for code in (lang, "en")
        ],
        **shown,
    )


def _few_columns(shown, written, lang):
    # Translators: a live source's failure: its CSV header has too few columns with the
    # delimiter used; {delimiter} is that character in quotes, {snippet} the body's start.
    return fill(
        *[
            tn(
                "CSV header has {count} column with delimiter {delimiter}, expected at "
                "least {minimum}: {snippet}",
                "CSV header has {count} columns with delimiter {delimiter}, expected at "
                "least {minimum}: {snippet}",
                int(written["count"]),
                code,
            )
            for code in (lang, "en")
        ],
        **shown,
    )


def _few_columns_hint(shown, written, lang):
    # Translators: as the message before, with a hint: the header holds another delimiter
    # ({other}, in quotes).
    return fill(
        *[
            tn(
                "CSV header has {count} column with delimiter {delimiter}, expected at "
                "least {minimum}; the header contains {other}, wrong delimiter?: "
                "{snippet}",
                "CSV header has {count} columns with delimiter {delimiter}, expected at "
                "least {minimum}; the header contains {other}, wrong delimiter?: "
                "{snippet}",
                int(written["count"]),
                code,
            )
            for code in (lang, "en")
        ],
        **shown,
    )


def _quoted(shown: dict[str, object], written: dict[str, str], lang: str) -> list:
    """ "SourceError: <reason>": the fetch's own reason (the exception's name is left out)."""
    return [shown["message"]]


# What a busy database held up (etl.run_safety.retry_when_busy's ``what`` of a recorded run).
WHAT = {
    # Translators: in "database busy: {what} gave up...": what was being done.
    "the load": N_("the load"),
}

# Every wording the ETL writes in a failed or skipped run's reason, each with what says it (by
# default the wording itself, a message of the catalogs). A reason is read by the first that
# reads it whole; a test makes each wording from the ETL's own code and reads it back, so a
# change of wording there fails here.
WORDINGS: tuple[Wording, ...] = (
    # etl.sources.base: a bundled file missing or unreadable (SourceFileError).
    # Translators: a run's failure: the bundled data file is missing; {path} is its path.
    Wording(N_("bundled file not found: {path}")),
    # Translators: a run's failure: {path} is the file's path, {error} the system's message.
    Wording(N_("cannot read bundled file {path}: {error}")),
    # Translators: a run's failure: the bundled data file has no provenance file beside it;
    # {path} is the data file, {sidecar} the provenance file's name (JSON; copied_on, sha256
    # and bytes are its field names, kept as written).
    Wording(N_("bundled file {path} has no provenance sidecar {sidecar}: add one giving the "
               "file's copied_on (the day its data was copied from the publisher), sha256 and "
               "bytes")),
    # Translators: a run's failure: the provenance file cannot be used; {problem} says why
    # (in English); copied_on, sha256 and bytes are its field names, kept as written.
    Wording(N_("provenance sidecar {sidecar} of bundled file {path} is unreadable "
               "({problem}): it must give the file's copied_on (YYYY-MM-DD), sha256 and "
               "bytes")),
    # Translators: a run's failure: the data file is not the one its provenance file describes
    # (edited without updating it); the hashes and sizes are kept as written.
    Wording(N_("bundled file {path} does not match its provenance sidecar {sidecar} (the "
               "sidecar says sha256 {expected_sha256}, {expected_bytes} bytes: the file has "
               "sha256 {sha256}, {bytes} bytes): restore the file, or if its data was changed "
               "on purpose, update the sidecar's sha256, bytes and copied_on")),
    # Translators: a run's failure: the file is not UTF-8 text; {error} is Python's message.
    Wording(N_("not UTF-8 text: {error}")),
    # Translators: a run's failure: the source's file is empty.
    Wording(N_("empty file")),
    # Translators: a run's failure: the CSV file cannot be read; {error} is pandas' message.
    Wording(N_("unreadable CSV: {error}")),
    # Translators: a run's failure: the CSV file's header lacks the columns named.
    Wording(N_("CSV header lacks column(s): {columns}")),
    # Sources' own file and page checks (SourceFileError), often after "<url or file>: ".
    Wording(
        # Translators: a run's failure: the EGDI data file's header lacks the columns named;
        # {header} lists the columns it has; "UN EGOV_DATA" names the UN's files.
        N_(
            "EGDI file header lacks {missing} (header: {header}); known variants: UN "
            "EGOV_DATA and the 2024 mirror's"
        )
    ),
    Wording(
        # Translators: a run's failure: the EGDI data file's header names the columns listed
        # twice (e.g. "Country" and "Country Name"), so which one holds the data is unknown;
        # {header} lists the columns it has.
        N_("EGDI file header gives {columns} twice (header: {header})")
    ),
    # Translators: a run's failure: the answer is not JSON; {error} is Python's message.
    Wording(N_("not JSON: {error}")),
    # Translators: a run's failure: a part of a JSON answer is not of the shape the API
    # documents; {part} (e.g. "an observation") and {kind} (e.g. "an object") are quoted
    # in English as the ETL writes them.
    Wording(N_("unexpected JSON shape ({part} is not {kind})")),
    # Translators: a run's failure: the World Bank API answered an error; {text} is its code
    # and message as the API gives them.
    Wording(N_("World Bank API error {text}")),
    # Translators: a run's failure: the World Bank API's answer is not [paging, observations].
    Wording(N_("unexpected JSON shape (expected [paging, observations])")),
    # Translators: a run's failure: GDELT's answer is not a JSON object.
    Wording(N_("expected a JSON object")),
    # Translators: a run's failure: a news feed cannot be read; {why} is the parser's reason.
    Wording(N_("malformed feed: {why}")),
    # Translators: a run's failure: the folder of news files is missing; {path} is its path.
    Wording(N_("news folder not found: {path}")),
    # Translators: a run's failure: a news file cannot be read; {error} is the system's message.
    Wording(N_("cannot read news file: {error}")),
    # Translators: a run's failure: entries of a bundled side file (the corrections ledger)
    # fail validation; {entries} lists each line and its reason, as written.
    Wording(N_("invalid entries ({entries})")),
    # etl.pipeline: the snapshot, a busy database, a schema error.
    # Translators: a run's failure: the raw download could not be saved; {path} is the folder,
    # {error} the system's message.
    Wording(N_("cannot keep the raw snapshot under {path}: {error}")),
    Wording(
        "database busy: {what} gave up after {attempts} attempts, another writer held the "
        "database ({detail})",
        _busy,
    ),
    # Translators: a run's failure: the data failed the schema's checks as a whole; {checks}
    # lists each check that failed.
    Wording(N_("schema: {checks}")),
    # etl.http: a live source's failure (a SourceError, stored as "SourceError: <reason>").
    Wording("SourceError: {message}", _quoted),
    Wording("{url}: {cause}; gave up after {attempts} attempts", _attempts),
    Wording("{url}: {cause}; gave up after {attempts} attempt", _attempts),
    # Translators: a live source's failure, not tried again: after the URL and what went wrong
    # ({cause}, said on its own), which attempt it was of how many allowed.
    Wording(N_("{url}: {cause} (attempt {attempt} of {attempts}, not retried)")),
    # Translators: a live source's failure: the URL asked for is not under a configured one.
    Wording(N_("refused {url}: not under any configured source URL")),
    # Translators: a live source's failure: a redirect from {origin} led outside the
    # configured URLs.
    Wording(N_("refused {url} (redirected from {origin}): not under any configured source URL")),
    # What went wrong with an HTTP answer ({cause} above). A status line ("HTTP 503 Service
    # Unavailable") is the server's, kept as written (alone: after the wordings around one).
    # Translators: an HTTP failure: the server's status line and the wait it asked for.
    Wording(N_("{status_line}, Retry-After {retry_after}")),
    # Translators: an HTTP failure: the server's status line and the start of its answer.
    Wording(N_("{status_line}: {snippet}")),
    # Translators: an HTTP failure: the server answered 304 though nothing was cached.
    Wording(N_("{status_line} to an unconditional request")),
    # Translators: an HTTP failure: the answer had no body.
    Wording(N_("empty body with {status_line}")),
    Wording("{status_line}", lambda shown, written, lang: [shown["status_line"]]),
    # Translators: an HTTP failure: no connection within {seconds} seconds ("s" for seconds).
    Wording(N_("connect timed out after {seconds}s")),
    # Translators: an HTTP failure: the server sent nothing within {seconds} seconds.
    Wording(N_("read timed out after {seconds}s waiting for headers")),
    # Translators: an HTTP failure: the body stopped coming for {seconds} seconds.
    Wording(N_("read timed out after {seconds}s mid-body ({received} bytes received)")),
    # Translators: an HTTP failure: the connection failed; {error} is the library's message.
    Wording(N_("connection failed: {error}")),
    # Translators: an HTTP failure: the body ended before its declared length.
    Wording(N_("body truncated: connection closed after {received} of {declared} bytes")),
    # Translators: an HTTP failure: the connection dropped while the body came.
    Wording(N_("connection dropped mid-body after {received} bytes ({error})")),
    Wording(
        # Translators: an HTTP failure: a web page ({title}: its title as written) came where
        # data of the kind {expected} (JSON, CSV...) was asked for.
        N_("HTML page titled {title} (content type {content_type}) where {expected} was expected")
    ),
    # Translators: as the message before, for a page without a title ({snippet}: its start).
    Wording(N_("HTML page: {snippet} (content type {content_type}) where {expected} was expected")),
    # Translators: an HTTP failure: the answer's content type is not the kind asked for.
    Wording(N_("content type {content_type} where {expected} was expected: {snippet}")),
    # Translators: an HTTP failure: the body is not valid JSON; {error} is Python's message,
    # {line} and {col} where it stopped reading.
    Wording(N_("body is not valid JSON ({error} at line {line} column {col}): {snippet}")),
    # Translators: an HTTP failure: the JSON body nests lists or objects deeper than can be
    # read (a broken or hostile answer).
    Wording(N_("body is not valid JSON (nested deeper than it can be read): {snippet}")),
    # Translators: an HTTP failure: the JSON body stops short ({size} bytes came).
    Wording(N_("JSON body ends early ({size} bytes): {error}")),
    # Translators: an HTTP failure: the server asked, in its answer, to send fewer requests.
    Wording(N_("rate-limit notice with status 200: {snippet}")),
    # Translators: an HTTP failure: the answer is larger than the limit set.
    Wording(N_("Content-Length {declared} bytes exceeds the cap of {cap} bytes")),
    # Translators: an HTTP failure: the answer is not XML.
    Wording(N_("body is not XML: {snippet}")),
    # Translators: an HTTP failure: the CSV body ends inside a quoted field (it was cut).
    Wording(N_("CSV body ends inside a quoted field")),
    # Translators: an HTTP failure: the CSV body's last row is cut short.
    Wording(N_("CSV body ends mid-row: last row has {fields} of {count} fields")),
    Wording(
        "CSV header lacks column {missing}; header is {header}",
        # Translators: an HTTP failure: the CSV header lacks the columns named (in quotes);
        # {header} lists those it has.
        _said(N_("CSV header lacks column(s) {missing}; header is {header}")),
    ),
    Wording(
        "CSV header lacks columns {missing}; header is {header}",
        _said("CSV header lacks column(s) {missing}; header is {header}"),
    ),
    Wording(
        "CSV header has {count} column with delimiter {delimiter}, expected at least "
        "{minimum}: {snippet}",
        _few_columns,
    ),
    Wording(
        "CSV header has {count} columns with delimiter {delimiter}, expected at least "
        "{minimum}: {snippet}",
        _few_columns,
    ),
    Wording(
        "CSV header has {count} column with delimiter {delimiter}, expected at least "
        "{minimum}; the header contains {other}, wrong delimiter?: {snippet}",
        _few_columns_hint,
    ),
    Wording(
        "CSV header has {count} columns with delimiter {delimiter}, expected at least "
        "{minimum}; the header contains {other}, wrong delimiter?: {snippet}",
        _few_columns_hint,
    ),
    # Translators: an HTTP failure: the request could not be made; {error} is the library's.
    Wording(N_("request failed: {error}")),
    # A live source without its settings (skipped): the variable to set, kept as written.
    # Translators: why a live source was skipped: {variable} is the setting to fill in, kept as
    # written; "year=url,..." shows how to write it.
    Wording(N_("not configured: set {variable} (year=url,...) to fetch EGOV_DATA files")),
    # Translators: why a live source was skipped: the setting {variable} is empty.
    Wording(N_("not configured: {variable} is empty")),
    # Translators: why a live source was skipped: {variable} is the setting to fill in.
    Wording(N_("not configured: set {variable} (comma-separated feed URLs)")),
    # Translators: why a live source was skipped: {variable} is the setting to fill in.
    Wording(N_("not configured: set {variable} (ISO3 codes)")),
    # Last: "<where>: <message>", a message above located in a file or at a URL.
    # Translators: a run's failure: {where} is a file or URL, {message} what went wrong there.
    Wording(N_("{where}: {message}")),
)


@cache
def _patterns() -> tuple[tuple[re.Pattern, Wording], ...]:
    """Each wording as a pattern reading its fields back."""
    out = []
    for wording in WORDINGS:
        pattern = "".join(
            re.escape(literal) + (f"(?P<{name}>{_pattern_of(name)})" if name else "")
            for literal, name, _, _ in string.Formatter().parse(wording.template)
        )
        out.append((re.compile(pattern, re.S), wording))
    return tuple(out)


@lru_cache(maxsize=1024)
def read_reason(text: str) -> Reading | None:
    """``text`` read back as the first wording that reads it whole (a field that must be a
    wording of its own, one); None when none does."""
    for pattern, wording in _patterns():
        found = pattern.fullmatch(text)
        if found is None:
            continue
        fields = found.groupdict()
        inner = {name: read_reason(value) for name, value in fields.items() if name in _READ}
        if all(found_inner or not _READ[name] for name, found_inner in inner.items()):
            return Reading(wording, fields, inner)
    return None


# A schema error's checks: "<column>: <check>" joined by "; " (a check of ours may hold "; "
# itself, not followed by a name and a colon).
_CHECK_CUT = re.compile(r"; (?=\w+: )")
_CHECK = re.compile(r"(?P<column>\w+): (?P<check>.+)", re.S)
# Translators: one check of a schema error: the column (or the schema's name) and the check.
MSG_CHECK = N_("{column}: {check}")


def _schema_checks(text: str, lang: str) -> list:
    """A schema error's checks: each check said in ``lang`` (:func:`check_view`), the column
    names kept as written."""
    out: list = []
    for part in _CHECK_CUT.split(text):
        if out:
            out.append(t(MSG_SEPARATOR, lang))
        found = _CHECK.fullmatch(part)
        if found is None:
            out.append(_english(part))
            continue
        out += fill(
            t(MSG_CHECK, lang),
            MSG_CHECK,
            column=html.Code(found["column"], lang="en", dir="ltr"),
            check=check_view(found["check"], lang),
        )
    return out


def _pieces(reading: Reading, lang: str) -> list:
    shown = {
        name: _shown(name, value, reading.inner.get(name), lang)
        for name, value in reading.fields.items()
    }
    say = reading.wording.say or _said(reading.wording.template)
    return say(shown, reading.fields, lang)


def reason_view(reason: object, lang: str) -> object | None:
    """A run's stored reason in ``lang`` when it is one of the ETL's wordings (its details
    kept as written); None when it is not, or the page is English, or the catalogs translate
    the whole text (the caller shows those)."""
    code = normalize_lang(lang)
    if not isinstance(reason, str) or code == "en" or reason in catalog(code):
        return None
    reading = read_reason(reason)
    if reading is None:
        return None
    return html.Span(_pieces(reading, lang), className="ci-reason")
