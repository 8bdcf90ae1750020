"""Conditional answers of the data API (:mod:`dashboard.api`): an ``ETag`` for the data release,
the reference data and the request, ``Cache-Control: no-cache``, and a 304 without computing the
answer when the client's ``If-None-Match`` holds the tag.

Only answers that the data release and the reference data decide (for the running code) are
tagged. The news lists
(articles come in, claims are checked again, both without a data release), the runs and the
sources and indicators (written by every refresh, published or not) are answered with ``no-cache`` and no tag
(:data:`UNTAGGED`): a tag that stayed while the answer changed would keep a client on an old
answer with 304s."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from flask import Response, current_app, g, request
from sqlalchemy.engine import Engine

from etl import store
from etl.code_release import code_release

TIMESTAMPED_FORMATS = ("xlsx", "parquet", "zip")  # files holding their generation time
# Paths (under the API's prefix) whose answers change without a data release: never tagged.
# (indicators and sources: their metadata is written by every run, from the code, release or not)
UNTAGGED = ("/runs", "/sources", "/indicators", "/downloads/articles.", "/downloads/claims.")
# Each revalidates every time (no stale release is ever shown); a signed-in user's private.
CACHE_CONTROL = "no-cache"
PRIVATE_CACHE_CONTROL = "private, no-cache"


def tagged(path: str) -> bool:
    """Whether the answers of ``path`` (a request's, or a route's template, with or without
    the ``/api/v1`` prefix) carry an ETag: not those of :data:`UNTAGGED`."""
    return not path.removeprefix("/api/v1").startswith(UNTAGGED)


def request_etag(release: int, reference: str | None = None) -> str:
    """The ETag of this request's answer at data ``release``: a digest of the release, the
    reference data, the running code (:func:`etl.code_release.code_release`: a deployment that
    changes an answer changes its tag), the host (answers hold absolute links), the path (the
    format of a download is in it) and the query with its parameters in name order (a name's
    values keep their order: ``sort`` reads them in turn), ``format`` and ``lang`` included. Two requests
    with the same tag get the same answer; a new release or another request, another tag."""
    query = sorted(request.args.items(multi=True), key=lambda pair: pair[0])
    canonical = json.dumps([release, reference, code_release(), request.host_url,
                            request.path, query], ensure_ascii=False)
    return f"r{release}-{hashlib.sha256(canonical.encode()).hexdigest()[:32]}"


def timestamped_file() -> bool:
    """Whether this request's answer is a file that holds the time it was made (xlsx, parquet
    and zip downloads: README, metadata): two answers to one request then differ in a few
    bytes, so their tag is weak (``W/``: the same data, not the same bytes). CSV and JSON are
    the same bytes each time: strong."""
    *_, folder, name = ["", *request.path.rsplit("/", 2)]
    return folder == "downloads" and name.rsplit(".", 1)[-1] in TIMESTAMPED_FORMATS


def _cache_control(response: Response) -> Response:
    private = getattr(g, "cyberindex_user", None) is not None  # dashboard.auth's signed-in user
    response.headers["Cache-Control"] = PRIVATE_CACHE_CONTROL if private else CACHE_CONTROL
    return response


def _cache_headers(response: Response, etag: str) -> Response:
    response.set_etag(etag, weak=timestamped_file())
    return _cache_control(response)


def not_modified(etag: str) -> Response:
    """A 304: the tag and the cache rule, no body."""
    response = _cache_headers(Response(status=304), etag)
    del response.headers["Content-Type"]
    return response


def answer_conditionally(engine: Engine, view: Callable[[], Any]) -> Response:
    """``view()``'s answer with its ETag and ``Cache-Control: no-cache``, or a 304 without a
    body when the request's ``If-None-Match`` holds that ETag (Werkzeug's parsing and weak
    comparison, as RFC 9110 has it for If-None-Match): then ``view`` is not called at all (no
    query, no file made, no stream started; Werkzeug's ``make_conditional`` decides only once
    the response, body included, exists). Only a 200 is tagged: an error never is, nor ever a
    304 (a tag this API gave was a 200's, and one release answers one request one way;
    ``If-None-Match: *``, which every tag meets, is answered once the request proved good).
    Call it on the request's release (:func:`etl.releases.read_at_pinned_release`)."""
    if not tagged(request.path):
        return answer_untagged(view)
    with engine.connect() as conn:
        etag = request_etag(store.release_id_now(conn), store.reference_sha256(conn))
    held = request.if_none_match
    if not held.star_tag and held.contains_weak(etag):
        return not_modified(etag)
    response = current_app.make_response(view())
    if response.status_code != 200:
        return response
    if held.star_tag:
        response.close()  # a streamed body is never read
        return not_modified(etag)
    return _cache_headers(response, etag)


def answer_untagged(view: Callable[[], Any]) -> Response:
    """``view()``'s answer with ``Cache-Control: no-cache`` (a 200) and no ETag: an answer that
    changes without a data release (:data:`UNTAGGED`)."""
    response = current_app.make_response(view())
    return _cache_control(response) if response.status_code == 200 else response
