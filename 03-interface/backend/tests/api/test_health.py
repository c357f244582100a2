"""/health checks PostgreSQL, Redis and S3, and says which one is down."""

from pathlib import Path

import httpx
from scribe_devstack import S3Server, free_port

from app.core.config import Settings
from app.main import create_app
from tests.conftest import running_client


async def test_healthy_when_every_dependency_answers(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok", "storage": "ok"}}


async def test_503_names_the_dependency_that_is_down(settings: Settings, tmp_path: Path) -> None:
    s3_server = S3Server(log_dir=tmp_path, port=free_port())
    s3_server.start()
    app = create_app(settings.model_copy(update={"s3_endpoint_url": s3_server.endpoint_url}), consume_events=False)
    async for api in running_client(app):
        s3_server.stop()
        response = await api.get("/health")
    assert response.status_code == 503
    checks = response.json()["error"]["details"]
    assert checks["database"] == checks["redis"] == "ok"
    assert checks["storage"].startswith("error")
