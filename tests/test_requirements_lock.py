"""The locks in requirements/ pin what pyproject.toml asks for, with hashes, and are installed.

`make install` (and so CI) installs requirements/dev.txt, the Docker image requirements/runtime.txt:
a dependency added to pyproject.toml without `make lock` would be missing from both, and a lock
edited by hand could pin a version pyproject rules out. These checks read the files; the last
one holds the running environment against the lock (a stale venv: `make install`).
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from etl.settings import PROJECT_ROOT

DEV_LOCK = PROJECT_ROOT / "requirements" / "dev.txt"
RUNTIME_LOCK = PROJECT_ROOT / "requirements" / "runtime.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.M)


def pins(path: Path) -> dict[str, str]:
    """name (canonical) -> pinned version, for every requirement line of a lock."""
    return {canonicalize_name(name): version for name, version in PIN.findall(path.read_text())}


def requirement_blocks(path: Path) -> list[str]:
    """Each requirement of a lock with its continuation lines (its hashes), comments dropped."""
    blocks: list[str] = []
    for line in path.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith((" ", "\t")) and blocks:
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    return blocks


def declared(extra: str | None = None) -> list[Requirement]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]
    listed = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return [Requirement(text) for text in listed]


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [
        (RUNTIME_LOCK, declared()),
        (DEV_LOCK, declared() + declared("dev") + declared("bench")),
    ],
    ids=["runtime", "dev"],
)
def test_every_declared_dependency_is_pinned_within_its_range(lock, requirements):
    pinned = pins(lock)
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement} is not in {lock.name}: run `make lock`"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"{lock.name} pins {name}=={pinned[name]}, outside pyproject's {requirement}: "
            "run `make lock`"
        )


@pytest.mark.parametrize("lock", [RUNTIME_LOCK, DEV_LOCK], ids=["runtime", "dev"])
def test_every_pin_is_exact_and_hashed(lock):
    blocks = requirement_blocks(lock)
    assert blocks, f"{lock.name} is empty"
    for block in blocks:
        assert PIN.match(block), f"{lock.name}: not an exact pin: {block.splitlines()[0]}"
        assert "--hash=sha256:" in block, f"{lock.name}: no hash for {block.splitlines()[0]}"


def test_runtime_lock_holds_the_versions_the_suite_runs_with():
    dev, runtime = pins(DEV_LOCK), pins(RUNTIME_LOCK)
    assert set(runtime) <= set(dev), sorted(set(runtime) - set(dev))
    assert {name: runtime[name] for name in runtime} == {name: dev[name] for name in runtime}


def test_builds_install_the_locks_with_their_hashes():
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    assert "pip install --quiet --require-hashes -r requirements/dev.txt" in makefile
    assert "pip install --quiet --no-deps -e ." in makefile
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    assert "pip install --require-hashes -r requirements/runtime.txt" in dockerfile
    assert "pip install --no-deps -e ." in dockerfile


def test_the_environment_matches_the_lock():
    """What runs the suite is what the lock says (else the suite proves nothing about it)."""
    stale = {}
    for name, version in pins(DEV_LOCK).items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            stale[name] = (installed, version)
    assert not stale, f"installed vs locked (run `make install`): {stale}"
