"""A reference file that cannot be loaded as it is fails the refresh in one line naming it (and
its line), and nothing of the reference is replaced: an emptied or cut file never silently empties
the peer groups."""

from __future__ import annotations

import hashlib
import json

import pytest
import sqlalchemy as sa

from etl import pipeline, reference, store
from tests.etl.refresh_support import refresh_settings


def write_reference(settings, name: str, body: bytes) -> None:
    """Replace a reference file of the private datasets/ copy; its provenance sidecar (when
    there is one) is updated to match, as an operator editing the file on purpose would."""
    path = settings.datasets_dir / name
    path.write_bytes(body)
    sidecar = path.with_suffix(".provenance.json")
    if sidecar.exists():
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        meta.update(sha256=hashlib.sha256(body).hexdigest(), bytes=len(body))
        sidecar.write_text(json.dumps(meta), encoding="utf-8")


def header_of(settings, name: str) -> bytes:
    return (settings.datasets_dir / name).read_bytes().split(b"\n", 1)[0] + b"\n"


@pytest.fixture
def prepared(tmp_path):
    """A prepared store (reference loaded) on a private datasets/ copy."""
    settings = refresh_settings(tmp_path)
    engine = store.make_engine(settings.database_url)
    pipeline.prepare_store(engine, settings)
    yield settings, engine
    engine.dispose()


def _members(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(store.group_members)).scalar()


def _refused(settings, engine) -> str:
    """prepare_store's one-line refusal; the store's reference is left as it was."""
    members = _members(engine)
    with engine.connect() as conn:
        loaded = store.reference_sha256(conn)
    with pytest.raises(reference.ReferenceDataError) as caught:
        pipeline.prepare_store(engine, settings)
    assert _members(engine) == members
    with engine.connect() as conn:
        assert store.reference_sha256(conn) == loaded
    message = str(caught.value)
    assert "\n" not in message and "nothing of the reference was replaced" in message
    return message


@pytest.mark.parametrize("name", [pytest.param(n, id=n) for n in reference.REFERENCE_FILES])
def test_a_header_only_reference_file_is_refused(prepared, name):
    """A reference file cut to its header (country_groups.csv: 115 memberships to 0) fails
    with its name; the peer groups stay."""
    settings, engine = prepared
    assert _members(engine) == 115
    write_reference(settings, name, header_of(settings, name))
    message = _refused(settings, engine)
    assert f"{name} has a header and no data rows" in message


def test_a_group_left_without_members_is_refused(prepared):
    """country_groups.csv cut short, losing every row of a group groups.csv lists."""
    settings, engine = prepared
    path = settings.datasets_dir / "country_groups.csv"
    kept = [line for line in path.read_bytes().splitlines(keepends=True)
            if not line.startswith(b"global_leaders,")]
    write_reference(settings, "country_groups.csv", b"".join(kept))
    message = _refused(settings, engine)
    assert "country_groups.csv gives no member to group(s) global_leaders" in message


@pytest.mark.parametrize(("name", "change", "expected"), [
    pytest.param("country_groups.csv", lambda b: b + b"galactic,MAR\n",
                 "country_groups.csv line 117: unknown group 'galactic'", id="unknown-group"),
    pytest.param("country_groups.csv", lambda b: b + b"gcc,XXX\n",
                 "country_groups.csv line 117: unknown country 'XXX'", id="unknown-member"),
    pytest.param("countries.csv", lambda b: b.replace(b"\nOMN,", b"\nOMX,", 1),
                 "countries.csv line 3: unknown country 'OMX'", id="unknown-focus-country"),
    pytest.param("groups.csv", lambda b: b + b.split(b"\n")[1] + b"\n",
                 "groups.csv line 8: group 'gcc' listed twice", id="group-twice"),
    pytest.param("country_names.csv", lambda b: b + b"XXX,en,Nowhere,https://x,bad\n",
                 "country_names.csv line 11: unknown country 'XXX'", id="unknown-named-country"),
    pytest.param("country_names.csv", lambda b: b.decode("utf-8").encode("latin-1", "replace"),
                 "country_names.csv line 3: not UTF-8 text (byte 0xc9); save it as UTF-8",
                 id="latin-1"),
])
def test_a_bad_row_is_refused_with_its_file_and_line(prepared, name, change, expected):
    """One line naming the file, the line and the problem, not a traceback from deep inside."""
    settings, engine = prepared
    path = settings.datasets_dir / name
    write_reference(settings, name, change(path.read_bytes()))
    assert expected in _refused(settings, engine)


def test_a_missing_reference_file_is_refused(prepared):
    settings, engine = prepared
    (settings.datasets_dir / "countries.csv").unlink()
    message = _refused(settings, engine)
    assert message.startswith("reference file countries.csv: ")
    assert "not found" in message


def test_a_refresh_with_a_bad_reference_changes_nothing(prepared):
    """Through run_sources: the refusal reaches the caller (the CLI) before any run."""
    settings, engine = prepared
    write_reference(settings, "country_groups.csv", header_of(settings, "country_groups.csv"))
    with pytest.raises(reference.ReferenceDataError, match="country_groups.csv has a header"):
        pipeline.run_sources(["interpol_act"], settings, engine)
    assert _members(engine) == 115
