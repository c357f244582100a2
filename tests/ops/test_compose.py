"""The production compose project (01-core/docker-compose.yml) and its development override,
validated and resolved by the real Compose binary."""

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest
from scribe_contracts import Bucket

from ops.buildfiles import parse_dockerfile
from ops.tooling import CORE_COMPOSE, DEV_OVERRIDE, ENV_EXAMPLE, REPO, Compose

SEED_SERVICES = {"postgres", "redis", "minio", "minio-init", "qdrant", "tei", "migrate", "api", "worker", "frontend"}
ONE_SHOT = {"minio-init", "migrate"}
REQUIRED_SECRETS = [
    "POSTGRES_PASSWORD",
    "JWT_SECRET",
    "MINIO_ROOT_USER",
    "MINIO_ROOT_PASSWORD",
    "S3_ACCESS_KEY",
    "S3_SECRET_KEY",
    "HF_TOKEN",
]
SERVICE_SETTINGS_DIRS = [REPO / "03-interface" / "backend" / "app" / "core", REPO / "02-workers" / "app" / "core"]
FRONTEND_SOURCES = REPO / "03-interface" / "frontend-nextjs" / "src"


def long_running(project: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: service for name, service in project["services"].items() if name not in ONE_SHOT}


def image_healthcheck(service: dict[str, Any]) -> bool:
    """Whether the service's own Dockerfile declares a HEALTHCHECK (compose inherits it)."""
    build = service.get("build")
    if not build:
        return False
    dockerfile = parse_dockerfile(Path(build["context"]) / build.get("dockerfile", "Dockerfile"))
    return bool(dockerfile.final.all("HEALTHCHECK"))


def has_healthcheck(service: dict[str, Any]) -> bool:
    check = service.get("healthcheck")
    if check:
        return not check.get("disable", False) and check.get("test", ["NONE"])[0] != "NONE"
    return image_healthcheck(service)


def go_duration_seconds(duration: str) -> int:
    """Compose prints durations the Go way: "5m0s", "1h0m0s", "30s"."""
    units = {"h": 3600, "m": 60, "s": 1}
    return sum(int(amount) * units[unit] for amount, unit in re.findall(r"(\d+)([hms])", duration))


def env_file_without(tmp_path: Path, variable: str) -> Path:
    lines = [line for line in ENV_EXAMPLE.read_text().splitlines() if not line.startswith(f"{variable}=")]
    env_file = tmp_path / f"without-{variable}.env"
    env_file.write_text("\n".join(lines) + "\n")
    return env_file


def documented_variables() -> set[str]:
    """Names in .env.example, set (NAME=...) or shown commented out (# NAME=...)."""
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), flags=re.MULTILINE))


def alias_choices(default: ast.expr | None) -> list[str]:
    """The names of `Field(validation_alias=AliasChoices(...))`, if the field has them."""
    for node in ast.walk(default) if default is not None else []:
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "AliasChoices":
            return [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
    return []


def settings_variables(path: Path) -> set[str]:
    """Environment names of the fields of every pydantic-settings class in a module (a field that
    holds another settings object is that object's business)."""
    names: set[str] = set()
    for node in ast.parse(path.read_text()).body:
        if not isinstance(node, ast.ClassDef) or "BaseSettings" not in {getattr(b, "id", "") for b in node.bases}:
            continue
        for statement in node.body:
            if not isinstance(statement, ast.AnnAssign) or not isinstance(statement.target, ast.Name):
                continue
            if statement.target.id == "model_config" or ast.unparse(statement.annotation).endswith("Settings"):
                continue
            aliases = alias_choices(statement.value) or [statement.target.id]
            names.update(alias.upper() for alias in aliases)
    return names


def test_acceptance_command_validates_without_warnings(compose: Compose) -> None:
    """The issue's check passes as written: production file + dev override with .env.example, and
    compose warns about nothing (no variable silently defaulting to blank)."""
    result = compose.run("config", "--quiet", env_file=ENV_EXAMPLE, files=(CORE_COMPOSE, DEV_OVERRIDE))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_production_file_validates_on_its_own(compose: Compose) -> None:
    """`./manage.sh up` uses the production file alone: it must be complete without the override."""
    result = compose.run("config", "--quiet", env_file=ENV_EXAMPLE, files=(CORE_COMPOSE,))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_every_seed_component_is_a_service(production: dict[str, Any]) -> None:
    """PostgreSQL, Redis, MinIO (+ bucket init), Qdrant, TEI, migrations, API, worker and frontend."""
    assert set(production["services"]) == SEED_SERVICES


def test_search_starts_only_with_its_profile(compose: Compose) -> None:
    """Qdrant and TEI, which nothing uses yet, stay down unless the `search` profile is asked for."""
    plain = compose.model((CORE_COMPOSE,), profiles=())
    assert set(plain["services"]) == SEED_SERVICES - {"qdrant", "tei"}


@pytest.mark.parametrize(
    ("compose_file", "dev_ports"),
    [("01-core/docker-compose.yml", False), ("01-core/docker-compose.yml:docker-compose.override.yml", True)],
)
def test_plain_docker_compose_from_the_root_finds_its_files_in_the_env_file(
    compose: Compose, tmp_path: Path, compose_file: str, dev_ports: bool
) -> None:
    """`docker compose` with no -f, run from the repository root, uses .env's COMPOSE_FILE: the
    production file, or (the documented development value) both files."""
    text = re.sub(r"(?m)^COMPOSE_FILE=.*$", f"COMPOSE_FILE={compose_file}", ENV_EXAMPLE.read_text())
    assert "COMPOSE_FILE=01-core/docker-compose.yml\n" in ENV_EXAMPLE.read_text()
    env_file = tmp_path / ".env"
    env_file.write_text(text)
    result = compose.run("config", "--format", "json", env_file=env_file, files=())
    assert result.returncode == 0, result.stderr
    postgres = json.loads(result.stdout)["services"]["postgres"]
    assert bool(postgres.get("ports")) is dev_ports


def test_postgres_is_version_16_checked_with_pg_isready(production: dict[str, Any]) -> None:
    postgres = production["services"]["postgres"]
    assert re.fullmatch(r"postgres:16\.\d+[-\w.]*", postgres["image"])
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])


def test_redis_is_version_7_with_an_append_only_file_and_a_password(production: dict[str, Any]) -> None:
    """Queued jobs and meeting events survive a Redis restart (AOF on a persistent volume), and
    Redis refuses clients without the password, which the API's and the worker's URL carry."""
    redis = production["services"]["redis"]
    assert re.fullmatch(r"redis:7\.\d+\.\d+[-\w.]*", redis["image"])
    command = redis["command"][-1].split()
    assert command[command.index("--appendonly") + 1] == "yes"
    # `config` keeps compose's escape ($$): the container's shell expands $REDIS_PASSWORD.
    assert command[command.index("--requirepass") + 1] == '"$$REDIS_PASSWORD"'
    password = redis["environment"]["REDIS_PASSWORD"]
    assert password
    assert redis["environment"]["REDISCLI_AUTH"] == password
    for service in ("api", "worker", "migrate"):
        assert production["services"][service]["environment"]["REDIS_URL"].startswith(f"redis://:{password}@redis:")
    assert any(volume["target"] == "/data" for volume in redis["volumes"])


def test_minio_init_creates_exactly_the_contract_buckets_once_minio_is_healthy(production: dict[str, Any]) -> None:
    """The bucket list and the services' S3 policy match scribe_contracts.Bucket."""
    init = production["services"]["minio-init"]
    assert init["depends_on"]["minio"]["condition"] == "service_healthy"
    contract_buckets = {bucket.value for bucket in Bucket}
    assert set(init["environment"]["BUCKETS"].split()) == contract_buckets
    policy = json.loads((REPO / "01-core" / "minio" / "scribe-app-policy.json").read_text())
    resources = {resource for statement in policy["Statement"] for resource in statement["Resource"]}
    buckets_in_policy = {re.sub(r"^arn:aws:s3:::|/\*$", "", r) for r in resources} - {"*"}
    assert buckets_in_policy == contract_buckets
    for volume in init["volumes"]:
        assert Path(volume["source"]).is_file(), volume["source"]


def test_qdrant_and_tei_are_pinned_and_checked(production: dict[str, Any]) -> None:
    """Qdrant and the CPU build of Text Embeddings Inference, each with a readiness probe."""
    services = production["services"]
    assert re.fullmatch(r"qdrant/qdrant:v\d+\.\d+\.\d+", services["qdrant"]["image"])
    assert "/readyz" in " ".join(services["qdrant"]["healthcheck"]["test"])
    assert re.fullmatch(r"ghcr\.io/huggingface/text-embeddings-inference:cpu-\d+\.\d+", services["tei"]["image"])
    assert "--model-id" in services["tei"]["command"]


def test_worker_reserves_one_nvidia_gpu(production: dict[str, Any]) -> None:
    devices = production["services"]["worker"]["deploy"]["resources"]["reservations"]["devices"]
    assert devices == [{"driver": "nvidia", "count": 1, "capabilities": ["gpu"]}]


def test_worker_runs_one_job_at_a_time(production: dict[str, Any]) -> None:
    """One worker process with one task slot: a job's models fill the single GPU."""
    command = production["services"]["worker"]["command"]
    assert command[:4] == ["taskiq", "worker", "app.worker.broker:broker", "app.worker.tasks"]
    assert command[command.index("--workers") + 1] == "1"
    assert command[command.index("--max-async-tasks") + 1] == "1"


def test_worker_stop_grace_outlasts_its_own_task_timeout(production: dict[str, Any]) -> None:
    """On stop, a running job gets its wait-tasks timeout before compose kills the container."""
    worker = production["services"]["worker"]
    grace = go_duration_seconds(worker["stop_grace_period"])
    command = worker["command"]
    assert int(command[command.index("--wait-tasks-timeout") + 1]) < grace
    assert grace >= 120


def test_worker_keeps_hub_models_in_a_persistent_volume_with_its_token(production: dict[str, Any]) -> None:
    """Models load by hub id with HF_TOKEN into HF_HOME, which lies in the mounted models volume."""
    worker = production["services"]["worker"]
    assert worker["environment"]["HF_TOKEN"]
    mounts = {volume["target"]: Path(volume["source"]) for volume in worker["volumes"]}
    dockerfile = parse_dockerfile(Path(worker["build"]["context"]) / worker["build"]["dockerfile"])
    image_env = " ".join(instruction.arguments for instruction in dockerfile.final.all("ENV"))
    hf_home = re.search(r"HF_HOME=(\S+)", image_env)
    assert hf_home, "the worker image sets HF_HOME"
    target = next(target for target in mounts if hf_home.group(1).startswith(target))
    assert mounts[target] == REPO / "volumes" / "models"


@pytest.mark.parametrize("project_name", ["production", "development"])
def test_every_long_running_service_has_a_healthcheck(project_name: str, request: pytest.FixtureRequest) -> None:
    """Declared in compose, or by the service's own image (HEALTHCHECK in its Dockerfile)."""
    project = request.getfixturevalue(project_name)
    missing = [name for name, service in long_running(project).items() if not has_healthcheck(service)]
    assert missing == []


@pytest.mark.parametrize("project_name", ["production", "development"])
def test_dependencies_wait_for_health_or_completion(project_name: str, request: pytest.FixtureRequest) -> None:
    """No service starts on a dependency that is merely started: it waits until the dependency is
    healthy (and has a healthcheck to become so) or, for a one-shot job, has exited successfully."""
    services = request.getfixturevalue(project_name)["services"]
    for name, service in services.items():
        for dependency, rule in service.get("depends_on", {}).items():
            if rule["condition"] == "service_healthy":
                assert has_healthcheck(services[dependency]), f"{name} waits on {dependency}, which has no healthcheck"
            else:
                assert rule["condition"] == "service_completed_successfully", f"{name} → {dependency}: {rule}"
                assert dependency in ONE_SHOT


def test_api_starts_after_migrations_database_queue_and_buckets(production: dict[str, Any]) -> None:
    depends_on = production["services"]["api"]["depends_on"]
    assert {name: rule["condition"] for name, rule in depends_on.items()} == {
        "postgres": "service_healthy",
        "redis": "service_healthy",
        "minio-init": "service_completed_successfully",
        "migrate": "service_completed_successfully",
    }
    assert production["services"]["migrate"]["command"] == [
        "sh",
        "-c",
        "alembic upgrade head && python -m app.upgrades.workspace_objects",
    ]


def test_one_shot_jobs_are_awaited_by_a_long_running_service(production: dict[str, Any]) -> None:
    """`docker compose up --wait` (./manage.sh up) exits 0 only when every job that exits is
    awaited with service_completed_successfully by a service that keeps running."""
    for job in ONE_SHOT:
        assert production["services"][job]["restart"] == "no"
        awaited_by = [
            name
            for name, service in long_running(production).items()
            if service.get("depends_on", {}).get(job, {}).get("condition") == "service_completed_successfully"
        ]
        assert awaited_by, f"nothing waits for {job}"


@pytest.mark.parametrize("secret", REQUIRED_SECRETS)
def test_a_missing_secret_fails_validation_naming_it(compose: Compose, tmp_path: Path, secret: str) -> None:
    """Compose refuses to resolve the project when a required secret is absent, and says which."""
    result = compose.run(
        "config", "--quiet", env_file=env_file_without(tmp_path, secret), files=(CORE_COMPOSE, DEV_OVERRIDE)
    )
    assert result.returncode != 0
    assert f"{secret} is not set (see .env.example)" in result.stderr


def test_production_runs_the_services_in_production_mode(
    production: dict[str, Any], development: dict[str, Any]
) -> None:
    """In production the API, migrations and worker refuse placeholder secrets; the dev override
    relaxes that so .env.example works as is."""
    for name in ("api", "migrate", "worker"):
        assert production["services"][name]["environment"]["ENVIRONMENT"] == "production"
        assert development["services"][name]["environment"]["ENVIRONMENT"] == "local"


def test_persistent_data_lives_under_volumes(production: dict[str, Any]) -> None:
    """Every stateful service bind-mounts its data folder from <repo>/volumes/."""
    expected = {
        "postgres": ("postgres", "/var/lib/postgresql/data"),
        "redis": ("redis", "/data"),
        "minio": ("minio", "/data"),
        "qdrant": ("qdrant", "/qdrant/storage"),
        "tei": ("tei", "/data"),
        "worker": ("models", "/models"),
    }
    for name, (folder, target) in expected.items():
        mounts = {
            (volume["type"], Path(volume["source"]), volume["target"])
            for volume in production["services"][name]["volumes"]
        }
        assert ("bind", REPO / "volumes" / folder, target) in mounts, name


def test_services_restart_and_rotate_their_logs(production: dict[str, Any]) -> None:
    for name, service in production["services"].items():
        assert service["restart"] == ("no" if name in ONE_SHOT else "unless-stopped"), name
        logging = service["logging"]
        assert logging["driver"] == "json-file", name
        assert logging["options"]["max-size"], name


def test_production_publishes_only_the_web_app_and_the_api(production: dict[str, Any]) -> None:
    published = {
        name: [port["target"] for port in service.get("ports", [])] for name, service in production["services"].items()
    }
    assert {name: targets for name, targets in published.items() if targets} == {"frontend": [3000], "api": [8000]}


def test_development_publishes_backing_services_on_localhost_only(development: dict[str, Any]) -> None:
    for name in ("postgres", "redis", "minio", "qdrant", "tei"):
        ports = development["services"][name]["ports"]
        assert ports, name
        assert all(port["host_ip"] == "127.0.0.1" for port in ports), name


def test_development_api_reloads_from_the_mounted_source(development: dict[str, Any]) -> None:
    api = development["services"]["api"]
    assert "--reload" in api["command"]
    assert any(
        volume["source"] == str(REPO / "03-interface" / "backend" / "app") and volume["target"] == "/app/app"
        for volume in api["volumes"]
    )


def test_env_example_documents_every_variable_compose_reads() -> None:
    """Each ${VAR} interpolated in either compose file appears in .env.example."""
    text = CORE_COMPOSE.read_text() + DEV_OVERRIDE.read_text()
    interpolated = set(re.findall(r"(?<!\$)\$\{([A-Z][A-Z0-9_]*)", text))
    assert interpolated - documented_variables() == set()


def test_env_example_documents_every_service_setting() -> None:
    """Every field of the API's and the worker's pydantic-settings objects, and every variable the
    web server reads, appears in .env.example (set, or commented out with its default)."""
    settings_files = [path for folder in SERVICE_SETTINGS_DIRS for path in sorted(folder.glob("*.py"))]
    service_variables = set().union(*(settings_variables(path) for path in settings_files))
    assert {"JWT_SECRET", "REDIS_URL", "WHISPER_MODEL"} <= service_variables, "settings were found"
    frontend_variables = {
        name
        for path in FRONTEND_SOURCES.rglob("*.ts*")
        for name in re.findall(r"process\.env\.([A-Z][A-Z0-9_]*)", path.read_text())
    } - {"NODE_ENV"}
    assert (service_variables | frontend_variables) - documented_variables() == set()
