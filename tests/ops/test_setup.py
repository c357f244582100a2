"""`./manage.sh setup` stopped part-way (Ctrl-C, a closed terminal) and run again completes.

Each scenario runs the real set-up step in a copy of the project's set-up files, kills its whole
process group (SIGKILL, so no clean-up code runs) at a moment that used to break later runs, then
runs the step again and checks that what it installs works. The Python steps share one function
(`make_venv`), so the platform environment, the smallest, stands for the backend and the worker.
"""

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ops.tooling import REPO

SETUP_FILES = [
    "manage.sh",
    "pyproject.toml",
    "requirements.lock",
    "packages/contracts",
    "packages/runtime",
    "packages/devstack",
    "02-workers/scripts/install_models.sh",
    "03-interface/frontend-nextjs/package.json",
    "03-interface/frontend-nextjs/package-lock.json",
]
STEP_TIMEOUT_S = 600
Condition = Callable[[Path], bool]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The files `setup` reads, copied without build leftovers (an egg-info would hide a missing step)."""
    root = tmp_path / "project"
    ignore = shutil.ignore_patterns("*.egg-info", "__pycache__", ".venv", "node_modules")
    for name in SETUP_FILES:
        source, target = REPO / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=ignore)
        else:
            shutil.copy2(source, target)
    return root


def setup_step(project: Path, step: str, kill_when: Condition | None = None) -> int:
    """Runs `manage.sh setup STEP`; with `kill_when`, SIGKILLs it the moment the condition holds."""
    env = {**os.environ, "MODELS_DIR": str(project / "models")}
    process = subprocess.Popen(
        ["bash", str(project / "manage.sh"), "setup", step],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: pip, npm and venv die with it
    )
    deadline = time.monotonic() + STEP_TIMEOUT_S
    while process.poll() is None and time.monotonic() < deadline:
        if kill_when is not None and kill_when(project):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return -signal.SIGKILL
        time.sleep(0.02)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"setup {step} did not finish within {STEP_TIMEOUT_S} s")
    if kill_when is not None:
        pytest.fail(f"setup {step} finished before the moment it was to be killed")
    return process.returncode


def venv_made_without_pip(project: Path) -> bool:
    """`python -m venv` half-way: its python exists, its pip not yet (the reported failure)."""
    bin_dir = project / ".venv" / "bin"
    return (bin_dir / "python").exists() and not (bin_dir / "pip").exists()


def packages_half_installed(project: Path) -> bool:
    """pip in the middle of installing the ~80 packages of the environment."""
    site = next((project / ".venv" / "lib").glob("python*/site-packages"), None)
    return site is not None and len(list(site.glob("*.dist-info"))) >= 8


def some_models_installed(project: Path) -> bool:
    stamps = project / "models" / ".stamps"
    return stamps.is_dir() and any(stamps.iterdir())


def npm_half_installed(project: Path) -> bool:
    modules = project / "03-interface" / "frontend-nextjs" / "node_modules"
    return modules.is_dir() and len(list(modules.iterdir())) > 20


def assert_platform_environment_works(project: Path) -> None:
    python = project / ".venv" / "bin" / "python"
    check = "import yaml, jiwer, scribe_contracts, scribe_runtime, scribe_devstack"
    result = subprocess.run([str(python), "-c", check], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert not (project / ".venv" / ".scribe-incomplete").exists()


@pytest.mark.parametrize("kill_when", [venv_made_without_pip, packages_half_installed])
def test_python_environment_killed_part_way_is_rebuilt(project: Path, kill_when: Condition) -> None:
    """A venv killed while being made (a python and no pip) or while pip installs is rebuilt."""
    assert setup_step(project, "platform", kill_when) == -signal.SIGKILL

    assert setup_step(project, "platform") == 0
    assert_platform_environment_works(project)


def test_models_killed_part_way_are_completed(project: Path) -> None:
    """Model weights killed after the first model: the rerun installs the rest, whole."""
    setup_step(project, "models", some_models_installed)

    assert setup_step(project, "models") == 0
    models = project / "models"
    for name in ("whisper-base", "pyannote-segmentation-3.0", "campplus", "wespeaker-code"):
        assert (models / ".stamps" / name).is_file(), name
    assert (models / "whisper-base" / "model.bin").stat().st_size > 100_000_000
    assert (models / "campplus" / "campplus_cn_en_common.pt").is_file()


def test_npm_packages_killed_part_way_are_reinstalled(project: Path) -> None:
    setup_step(project, "frontend", npm_half_installed)

    assert setup_step(project, "frontend") == 0
    frontend = project / "03-interface" / "frontend-nextjs"
    assert (frontend / "node_modules" / ".scribe-installed").is_file()
    assert (frontend / "node_modules" / "next" / "package.json").is_file()
