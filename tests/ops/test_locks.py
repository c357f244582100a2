"""Each Python environment holds exactly the versions of its lock file, the ones CI tested.

A dependency added to a pyproject.toml without `./manage.sh lock` would install at whatever
version the registry has that day, differently on each machine; this catches it.
"""

import subprocess
from pathlib import Path

import pytest

from ops.tooling import REPO

ENVIRONMENTS = {"platform": REPO, "backend": REPO / "03-interface" / "backend", "worker": REPO / "02-workers"}


def locked_versions(lock: Path) -> set[str]:
    lines = (line.strip() for line in lock.read_text().splitlines())
    return {line.lower() for line in lines if line and not line.startswith("#")}


def installed_versions(venv: Path) -> set[str]:
    result = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "freeze", "--all", "--exclude-editable"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return {line.strip().lower() for line in result.stdout.splitlines() if line.strip()}


@pytest.mark.parametrize("name", ENVIRONMENTS)
def test_environment_matches_its_lock_file(name: str) -> None:
    folder = ENVIRONMENTS[name]
    if not (folder / ".venv" / "bin" / "python").is_file():
        pytest.fail(f"the {name} environment is missing: run ./manage.sh setup")
    locked, installed = locked_versions(folder / "requirements.lock"), installed_versions(folder / ".venv")

    assert not installed - locked, f"installed but not locked (run ./manage.sh lock): {sorted(installed - locked)}"
    assert not locked - installed, f"locked but not installed (run ./manage.sh setup): {sorted(locked - installed)}"
