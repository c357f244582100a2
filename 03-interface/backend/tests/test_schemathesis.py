"""Property-based run over the OpenAPI spec against a real uvicorn server: no input yields a 5xx."""

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from scribe_devstack.process import free_port, spawn, terminate_group, wait_until

from app.core.config import Settings
from tests.conftest import BACKEND, PASSWORD


def server_env(settings: Settings) -> dict[str, str]:
    return {
        "ENVIRONMENT": "test",
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.redis_url,
        "S3_ENDPOINT_URL": str(settings.s3_endpoint_url),
        "S3_ACCESS_KEY": "test",
        "S3_SECRET_KEY": "test",
        "JWT_SECRET": settings.jwt_secret,
        "MAX_UPLOAD_BYTES": str(settings.max_upload_bytes),
    }


def api_alive(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.fixture
def api_url(settings: Settings, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    uvicorn = str(Path(sys.executable).with_name("uvicorn"))
    server = spawn(
        [uvicorn, "app.main:app", "--host", "127.0.0.1", "--port", str(port)],
        tmp_path / "api.log",
        env=server_env(settings),
        cwd=BACKEND,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: api_alive(url), 30, "the API")
        yield url
    finally:
        terminate_group(server.pid)
        server.wait(timeout=10)


def test_no_generated_request_causes_a_server_error(api_url: str, tmp_path: Path) -> None:
    httpx.post(f"{api_url}/api/v1/auth/register", json={"email": "fuzz@example.com", "password": PASSWORD})
    token = httpx.post(f"{api_url}/api/v1/auth/login", json={"email": "fuzz@example.com", "password": PASSWORD}).json()[
        "access_token"
    ]
    run = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "run",
            f"{api_url}/openapi.json",
            "--checks",
            "not_a_server_error",
            "--header",
            f"Authorization: Bearer {token}",
            "--max-examples",
            "10",
            "--seed",
            "20261128",
            "--workers",
            "1",
            "--no-shrink",
            "--report-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
