"""Dockerfile and compose.yaml run commands that exist, copy files that exist, probe a served path.

Docker does not run here; these checks read the files and hold them against the code: console
scripts in pyproject, CLI subcommands and options through click, settings names, the app's routes.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import click
import pytest
import yaml

from etl import cli
from etl.settings import PROJECT_ROOT, Settings

DOCKERFILE = PROJECT_ROOT / "Dockerfile"
COMPOSE = PROJECT_ROOT / "compose.yaml"


def dockerfile_instructions(path: Path = DOCKERFILE) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    joined, current = [], ""
    for line in path.read_text().splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        joined.append(current + stripped)
        current = ""
    return [(part.split(None, 1)[0].upper(), part.split(None, 1)[1] if " " in part else "")
            for part in joined]


def exec_form(arguments: str) -> list[str]:
    """A JSON-array instruction's words, or a shell form's words."""
    arguments = arguments.strip()
    if arguments.startswith("["):
        return yaml.safe_load(arguments)
    return shlex.split(arguments)


def console_scripts() -> set[str]:
    data = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    return set(data["project"]["scripts"])


def check_cli(words: list[str]) -> None:
    """``cyberindex SUB ... --opts`` must name existing commands and parse (nothing runs)."""
    assert words[0] in console_scripts(), words
    command: click.Command = cli.main
    rest = list(words[1:])
    path = [words[0]]
    while isinstance(command, click.Group):
        assert rest, f"{' '.join(words)}: a subcommand is needed"
        name = rest.pop(0)
        sub = command.get_command(click.Context(command), name)
        assert sub is not None, f"{' '.join(words)}: no command {name!r} in {' '.join(path)}"
        command, path = sub, [*path, name]
    command.make_context(" ".join(path), rest)  # raises on an unknown option or a bad value


def commands_in(words: list[str]) -> list[list[str]]:
    """The commands a list of words runs: itself, or each part of ``sh -c "a && b"``."""
    if words[:2] == ["sh", "-c"] or words[:2] == ["/bin/sh", "-c"]:
        return [shlex.split(part) for part in re.split(r"&&|;", words[2]) if part.strip()]
    return [words]


def run_commands(arguments: str) -> list[list[str]]:
    """Shell RUN lines split on && (only the cyberindex ones are checked)."""
    return [shlex.split(part) for part in arguments.split("&&") if part.strip()]


def served_path(probe: str) -> str:
    """The path a health probe asks for: http://127.0.0.1:PORT/<path> (PORT may be {port})."""
    found = re.search(r"http://127\.0\.0\.1:(?:\d+|\{\w+\})(/[A-Za-z0-9_/-]*)", probe)
    assert found, probe
    return found.group(1)


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


# ---------------------------------------------------------------- Dockerfile


def test_dockerfile_is_multi_stage_slim_and_non_root():
    """Two stages on a slim Python; the final stage runs as a named non-root user."""
    instructions = dockerfile_instructions()
    froms = [args for name, args in instructions if name == "FROM"]
    assert len(froms) >= 2 and all("-slim" in f.split()[0] for f in froms)
    final = instructions[max(i for i, (n, _) in enumerate(instructions) if n == "FROM"):]
    users = [args for name, args in final if name == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert any(name == "RUN" and "useradd" in args for name, args in final)


def test_dockerfile_copies_only_files_that_exist_and_no_tests():
    """Every COPY source exists in the repository; tests, var/ and .venv stay out."""
    copied = []
    for name, args in dockerfile_instructions():
        if name != "COPY" or "--from=" in args:
            continue
        words = [w for w in exec_form(args) if not w.startswith("--")]
        copied += words[:-1]
        for source in words[:-1]:
            assert (PROJECT_ROOT / source).exists(), f"COPY {source}: no such file"
            assert source.split("/")[0] not in ("tests", "var", ".venv", ".env", ".git")
    assert copied, "no COPY from the build context was read"
    ignored = (PROJECT_ROOT / ".dockerignore").read_text().split()
    for secret_or_bulk in (".env", ".venv", "var", ".git"):
        assert secret_or_bulk in ignored


def test_dockerfile_commands_exist():
    """CMD and every `cyberindex ...` in RUN name real console scripts, subcommands, options."""
    instructions = dockerfile_instructions()
    [cmd] = [args for name, args in instructions if name == "CMD"][-1:]
    check_cli(exec_form(cmd))
    checked = 0
    for name, args in instructions:
        if name == "RUN":
            for words in run_commands(args):
                if words and words[0] in console_scripts():
                    check_cli(words)
                    checked += 1
    assert checked >= 1


def test_dockerfile_healthcheck_uses_python_on_a_served_path(dash_client):
    """HEALTHCHECK is python + urllib (no curl in a slim image) on a path the app serves 200."""
    [health] = [args for name, args in dockerfile_instructions() if name == "HEALTHCHECK"]
    words = exec_form(health[health.index("CMD") + 3:])
    assert words[0] == "python" and "urllib.request" in words[-1] and "curl" not in health
    assert dash_client.get(served_path(words[-1])).status_code == 200


# ---------------------------------------------------------------- compose.yaml


def test_compose_services(compose):
    """PostgreSQL 15 with a healthcheck, a one-shot migrate, two dashboards, a scheduler."""
    services = compose["services"]
    assert set(services) >= {"db", "migrate", "dashboard", "scheduler"}
    assert services["db"]["image"].startswith("postgres:15")
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["dashboard"]["deploy"]["replicas"] == 2
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    for name in ("dashboard", "scheduler"):
        assert services[name]["depends_on"]["migrate"]["condition"] == \
            "service_completed_successfully"


def test_compose_commands_exist(compose):
    """Every app service's command is a valid cyberindex invocation."""
    seen = []
    for service in compose["services"].values():
        if "command" not in service:
            continue
        for words in commands_in(service["command"]):
            check_cli(words)
            seen.append(" ".join(words[:3]))
    assert any("db upgrade" in s for s in seen)
    assert any("schedule" in s for s in seen)
    assert any("serve" in s for s in seen)


def test_compose_settings_are_real_and_secrets_are_not_written(compose):
    """CYBERINDEX_* names exist in Settings; passwords and keys come from the environment."""
    known = set(Settings.env_names())
    for name, service in compose["services"].items():
        for key, value in (service.get("environment") or {}).items():
            if key.startswith("CYBERINDEX_"):
                assert key in known, f"{name}: {key} is not a setting"
            if any(word in key for word in ("PASSWORD", "SECRET")):
                assert str(value).startswith("${"), f"{name}: {key} is written in the file"
    assert "${POSTGRES_PASSWORD" in COMPOSE.read_text()


def test_compose_dashboard_healthcheck_path_is_served(compose, dash_client):
    test = " ".join(compose["services"]["dashboard"]["healthcheck"]["test"])
    assert "urllib" in test and "curl" not in test
    assert dash_client.get(served_path(test)).status_code == 200


@pytest.fixture(scope="module")
def dash_client(loaded_settings):
    from dashboard.app import create_app

    return create_app(loaded_settings).server.test_client()


def test_check_cli_rejects_what_does_not_exist():
    """The checker itself: an unknown subcommand or option fails."""
    with pytest.raises(AssertionError):
        check_cli(["cyberindex", "db", "nonsense"])
    with pytest.raises(click.UsageError):
        check_cli(["cyberindex", "serve", "--no-such-option"])
