"""What compose hands the API and the worker, read by their own settings objects in their own venvs:
the production environment parses as typed, and .env.example's placeholders are refused."""

import json
import secrets
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ops.tooling import CORE_COMPOSE, ENV_EXAMPLE, REPO, Compose, isolated_env

SERVICE_DIRS = {"api": REPO / "03-interface" / "backend", "worker": REPO / "02-workers"}
SECRETS = [
    "POSTGRES_PASSWORD",
    "POSTGRES_APP_PASSWORD",
    "REDIS_PASSWORD",
    "JWT_SECRET",
    "MINIO_ROOT_PASSWORD",
    "S3_ACCESS_KEY",
    "S3_SECRET_KEY",
    "HF_TOKEN",
]

# Runs inside a service's venv: builds its Settings from each environment read on stdin and
# reports, per environment, "ok" or the validation error.
LOAD_SETTINGS = """
import json, os, sys
from app.core.config import Settings
results = []
for environment in json.load(sys.stdin):
    os.environ.clear()
    os.environ.update(environment)
    try:
        Settings()
        results.append("ok")
    except ValueError as error:
        results.append(str(error))
print(json.dumps(results))
"""


def env_file_with_real_secrets(tmp_path: Path) -> Path:
    lines = []
    for line in ENV_EXAMPLE.read_text().splitlines():
        name = line.partition("=")[0]
        lines.append(f"{name}={secrets.token_hex(32)}" if name in SECRETS else line)
    env_file = tmp_path / "real.env"
    env_file.write_text("\n".join(lines) + "\n")
    return env_file


def load_settings(service: str, environments: list[dict[str, str]], cwd: Path) -> list[str]:
    source = SERVICE_DIRS[service]
    python = source / ".venv" / "bin" / "python"
    if not python.is_file():
        pytest.fail(f"{python} is missing: run ./manage.sh setup")
    result = subprocess.run(
        [str(python), "-c", LOAD_SETTINGS],
        input=json.dumps([{**isolated_env(), **environment} for environment in environments]),
        env={**isolated_env(), "PYTHONPATH": str(source)},
        cwd=cwd,  # the API also reads ./.env: an empty folder keeps a stray one out
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    outcomes: list[str] = json.loads(result.stdout)
    return outcomes


def service_environment(project: dict[str, Any], service: str) -> dict[str, str]:
    return {name: str(value) for name, value in project["services"][service]["environment"].items()}


@pytest.mark.parametrize("service", ["api", "worker"])
def test_production_settings_parse_with_real_secrets_and_refuse_the_placeholders(
    compose: Compose, production: dict[str, Any], tmp_path: Path, service: str
) -> None:
    """With real secrets every value compose passes parses into the service's typed settings; with
    .env.example as it is (`changethis`), the service refuses to start in production."""
    with_real_secrets = compose.model((CORE_COMPOSE,), env_file=env_file_with_real_secrets(tmp_path))
    real, placeholders = load_settings(
        service,
        [service_environment(with_real_secrets, service), service_environment(production, service)],
        cwd=tmp_path,
    )
    assert real == "ok"
    assert "placeholder" in placeholders
