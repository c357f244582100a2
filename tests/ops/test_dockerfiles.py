"""The images' Dockerfiles: hadolint-clean, pinned, multi-stage, non-root, with healthchecks, and
building only from inputs that exist and pass their build context filter."""

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ops.buildfiles import Dockerfile, ignore_file_for, is_excluded, parse_dockerfile
from ops.tooling import HADOLINT_CONFIG, REPO

DOCKERFILES = sorted(
    path
    for path in REPO.rglob("Dockerfile")
    if not {"node_modules", ".venv", "volumes", ".git"} & set(path.relative_to(REPO).parts)
)
BACKEND = REPO / "03-interface" / "backend"
WORKERS = REPO / "02-workers"
FRONTEND = REPO / "03-interface" / "frontend-nextjs"


def label(path: Path) -> str:
    return str(path.relative_to(REPO))


def builds(project: dict[str, Any]) -> dict[str, tuple[Path, Path]]:
    """Service → (build context, Dockerfile), as compose resolves them."""
    found = {}
    for name, service in project["services"].items():
        if build := service.get("build"):
            context = Path(build["context"])
            found[name] = (context, context / build.get("dockerfile", "Dockerfile"))
    return found


def cmd(dockerfile: Dockerfile) -> list[str]:
    (instruction,) = dockerfile.final.all("CMD")
    words: list[str] = json.loads(instruction.arguments)
    return words


def test_the_three_images_are_found() -> None:
    assert [label(path) for path in DOCKERFILES] == [
        "02-workers/Dockerfile",
        "03-interface/backend/Dockerfile",
        "03-interface/frontend-nextjs/Dockerfile",
    ]


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=label)
def test_hadolint_passes(hadolint: Path, dockerfile: Path) -> None:
    """No finding at any level; the only ignored rules are the justified ones in .hadolint.yaml."""
    result = subprocess.run(
        [str(hadolint), "--config", str(HADOLINT_CONFIG), "--no-color", str(dockerfile)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_dockerfile_is_built_by_compose(production: dict[str, Any]) -> None:
    assert {dockerfile for _, dockerfile in builds(production).values()} == set(DOCKERFILES)


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=label)
def test_base_images_are_pinned_to_a_release(dockerfile: Path) -> None:
    """Every FROM names a versioned tag (never `latest` or a bare name), so rebuilds are reproducible."""
    parsed = parse_dockerfile(dockerfile)
    external = [stage.image for stage in parsed.stages if stage.image not in parsed.aliases]
    assert external
    for image in external:
        tag = image.rpartition(":")[2] if ":" in image.rpartition("/")[2] else ""
        assert re.search(r"\d", tag), image
        assert "latest" not in tag, image


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=label)
def test_images_are_multi_stage_and_run_as_non_root(dockerfile: Path) -> None:
    """Build tools stay in the build stage; the runtime stage's process is not root."""
    parsed = parse_dockerfile(dockerfile)
    assert len(parsed.stages) >= 2
    users = parsed.final.all("USER")
    assert users, "the runtime stage sets USER"
    assert users[-1].arguments.split(":")[0] not in {"root", "0"}


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=label)
def test_images_declare_a_healthcheck(dockerfile: Path) -> None:
    assert parse_dockerfile(dockerfile).final.all("HEALTHCHECK")


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=label)
def test_images_leave_no_package_caches(dockerfile: Path) -> None:
    """pip, apt and npm caches do not end up in a layer."""
    for stage in parse_dockerfile(dockerfile).stages:
        for run in stage.all("RUN"):
            text = run.arguments
            if "pip install" in text:
                assert "--no-cache-dir" in text, text
            if "apt-get install" in text:
                assert "rm -rf /var/lib/apt/lists/*" in text, text
            if "npm ci" in text:
                assert "npm cache clean --force" in text, text
            if "apk add" in text:
                assert "--no-cache" in text, text


def test_build_inputs_exist_and_pass_the_context_filter(production: dict[str, Any]) -> None:
    """Every path a Dockerfile copies from its build context exists and is sent by the filter
    (BuildKit's `<Dockerfile>.dockerignore`, else the context's .dockerignore)."""
    for service, (context, dockerfile) in builds(production).items():
        ignore = ignore_file_for(dockerfile, context)
        for source in parse_dockerfile(dockerfile).context_sources():
            if source == ".":
                continue
            assert (context / source).exists(), f"{service}: {source} is missing"
            assert not is_excluded(source, ignore), f"{service}: {source} is filtered out of the build context"


@pytest.mark.parametrize(
    ("service", "kept_out"),
    [
        (
            "api",
            ["03-interface/backend/.venv/bin/python", "03-interface/backend/tests/conftest.py", "volumes/models/x"],
        ),
        ("worker", ["02-workers/.venv/bin/python", "02-workers/tests/conftest.py", "volumes/models/x", ".git/HEAD"]),
        ("frontend", ["node_modules/next/package.json", ".next/standalone/server.js", ".env.local"]),
    ],
)
def test_build_context_leaves_out_local_environments_tests_and_data(
    production: dict[str, Any], service: str, kept_out: list[str]
) -> None:
    """Virtual environments, node_modules, local builds, model weights and test suites never reach
    the image build (they are large, machine-specific or irrelevant)."""
    context, dockerfile = builds(production)[service]
    ignore = ignore_file_for(dockerfile, context)
    for path in kept_out:
        assert is_excluded(path, ignore), path


def test_api_image_runs_the_app_and_ships_the_migrations() -> None:
    """The image's command and the migrate job's Alembic files point at code that exists."""
    dockerfile = parse_dockerfile(BACKEND / "Dockerfile")
    command = cmd(dockerfile)
    assert command[:2] == ["uvicorn", "app.main:app"]
    assert (BACKEND / "app" / "main.py").is_file()
    assert {"03-interface/backend/alembic.ini", "03-interface/backend/alembic"} <= set(dockerfile.context_sources())
    assert "ffmpeg" in " ".join(run.arguments for run in dockerfile.final.all("RUN"))


def test_worker_image_is_cuda_12_4_with_cudnn_python_3_11_and_ffmpeg() -> None:
    dockerfile = parse_dockerfile(WORKERS / "Dockerfile")
    assert re.fullmatch(r"nvidia/cuda:12\.4\.\d+-cudnn-runtime-ubuntu\d+\.\d+", dockerfile.stages[0].image)
    steps = " ".join(instruction.arguments for stage in dockerfile.stages for instruction in stage.instructions)
    assert re.search(r"uv python install 3\.11\.\d+", steps)
    assert "download.pytorch.org/whl/cu12" in steps
    assert "ffmpeg" in " ".join(run.arguments for run in dockerfile.final.all("RUN"))


def test_worker_image_command_names_the_broker_and_tasks_that_exist() -> None:
    command = cmd(parse_dockerfile(WORKERS / "Dockerfile"))
    assert command[:4] == ["taskiq", "worker", "app.worker.broker:broker", "app.worker.tasks"]
    assert (WORKERS / "app" / "worker" / "broker.py").is_file()
    assert (WORKERS / "app" / "worker" / "tasks" / "__init__.py").is_file()


def test_frontend_image_serves_the_standalone_build_with_its_static_assets() -> None:
    """`output: "standalone"` and the build script's copy of .next/static and public/ into the
    standalone folder, which is all the runtime stage takes."""
    assert re.search(r"output:\s*[\"']standalone[\"']", (FRONTEND / "next.config.ts").read_text())
    build_script = json.loads((FRONTEND / "package.json").read_text())["scripts"]["build"]
    assert "next build" in build_script
    assert "scripts/prepare-standalone.mjs" in build_script
    prepare = (FRONTEND / "scripts" / "prepare-standalone.mjs").read_text()
    assert '".next", "static"' in prepare
    assert '"public"' in prepare
    dockerfile = parse_dockerfile(FRONTEND / "Dockerfile")
    copies = " ".join(copy.arguments for copy in dockerfile.final.all("COPY"))
    assert "/src/.next/standalone" in copies
    assert cmd(dockerfile) == ["node", "server.js"]
