"""The API over HTTP against real PostgreSQL, Redis and S3 (scribe_devstack's session servers).

Isolation: every test gets its own database cloned from a template that Alembic migrated once,
a flushed Redis and empty buckets.
"""

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
import redis
from botocore.config import Config
from fastapi import FastAPI
from scribe_devstack import PostgresServer, RedisServer, S3Server
from scribe_devstack.s3 import BUCKETS
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from app.core.config import Environment, Settings
from app.main import create_app

BACKEND = Path(__file__).resolve().parents[1]
SHARED_AUDIO = BACKEND.parents[2] / "shared" / "audio"
TEMPLATE_DB = "scribe_template"
APP_ROLE = "scribe_app"
PASSWORD = "correct horse battery"

Headers = dict[str, str]


def shared_audio(name: str) -> Path:
    path = SHARED_AUDIO / name
    if not path.exists():
        pytest.fail(f"the shared test recording {path} is missing (expected <repo>/../shared/audio)")
    return path


def migrate(postgres_server: PostgresServer, database: str, revision: str = "head") -> None:
    """The real `alembic upgrade`, as production runs it: as the tables' owner (the cluster's
    superuser here), which also creates the application role the API connects as."""
    done = subprocess.run(
        [str(Path(sys.executable).with_name("alembic")), "upgrade", revision],
        cwd=BACKEND,
        env={**os.environ, "MIGRATION_DATABASE_URL": postgres_server.url(database)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="session")
def template_database(postgres_server: PostgresServer) -> str:
    """A database migrated to head; tests clone it."""
    postgres_server.create_database(TEMPLATE_DB)
    migrate(postgres_server, TEMPLATE_DB)
    return TEMPLATE_DB


@pytest.fixture
def database_name(postgres_server: PostgresServer, template_database: str) -> Iterator[str]:
    name = f"test_{uuid.uuid4().hex[:12]}"
    postgres_server._psql(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
    yield name
    postgres_server.drop_database(name)


@pytest.fixture
def database_url(postgres_server: PostgresServer, database_name: str) -> str:
    """The test database as the API sees it: through the application role, bound by row-level security."""
    return postgres_server.url(database_name, user=APP_ROLE)


@pytest.fixture
def owner_database_url(postgres_server: PostgresServer, database_name: str) -> str:
    """The same database as its owner (no row-level security): for checking what really is stored."""
    return postgres_server.url(database_name)


def s3_client(endpoint_url: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint_url,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}),
    )


@pytest.fixture
def s3(s3_server: S3Server) -> Iterator[Any]:
    """A boto3 client on the test S3 endpoint; every bucket is emptied after the test."""
    client = s3_client(s3_server.endpoint_url)
    yield client
    for bucket in BUCKETS:
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                client.delete_object(Bucket=bucket, Key=item["Key"])


@pytest.fixture
def redis_client(redis_server: RedisServer) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_server.url)
    client.flushdb()
    yield client
    client.close()


def make_settings(database_url: str, redis_url: str, s3_endpoint_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "environment": Environment.TEST,
        "database_url": database_url,
        "redis_url": redis_url,
        "s3_endpoint_url": s3_endpoint_url,
        "s3_access_key": "test",
        "s3_secret_key": "test",
        "jwt_secret": "test-secret-" + "x" * 32,
        "max_upload_bytes": 5 * 1024 * 1024,
        "stale_check_interval_seconds": 0.5,
    }
    return Settings(**{**values, **overrides})


@pytest.fixture
def settings(
    database_url: str, redis_server: RedisServer, s3_server: S3Server, s3: Any, redis_client: redis.Redis
) -> Settings:
    return make_settings(database_url, redis_server.url, s3_server.endpoint_url)


async def running_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://api.test", timeout=30) as client:
            yield client


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async for running in running_client(create_app(settings)):
        yield running


async def register(client: httpx.AsyncClient, email: str) -> Headers:
    response = await client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
    assert response.status_code == 201, response.text
    login = await client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


async def personal_workspace(client: httpx.AsyncClient, headers: Headers) -> str:
    workspaces = (await client.get("/api/v1/workspaces", headers=headers)).json()["items"]
    return str(next(w["id"] for w in workspaces if w["kind"] == "personal"))


async def api_key(client: httpx.AsyncClient, headers: Headers, workspace_id: str, role: str = "member") -> Headers:
    """An API key of the signed-in user for one workspace, as the header a script would send."""
    body = {"name": "test script", "workspace_id": workspace_id, "role": role}
    response = await client.post("/api/v1/api-keys", headers=headers, json=body)
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


@pytest.fixture
async def alice(client: httpx.AsyncClient) -> Headers:
    return await register(client, "alice@example.com")


@pytest.fixture
async def bob(client: httpx.AsyncClient) -> Headers:
    return await register(client, "bob@example.com")


async def eventually(check: Callable[[], Awaitable[bool]], timeout_s: float = 10.0) -> None:
    """Wait until `check()` is true (the event consumer works in the background)."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.1)


# --- Workspaces: helpers shared by the tenancy, authorization and invitation suites -------------


def in_workspace(headers: Headers, workspace_id: str) -> Headers:
    """The same credential, acting in `workspace_id` (collection endpoints read X-Workspace-Id)."""
    return {**headers, "X-Workspace-Id": workspace_id}


async def user_id(client: httpx.AsyncClient, headers: Headers) -> str:
    response = await client.get("/api/v1/users/me", headers=headers)
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


async def create_workspace(client: httpx.AsyncClient, headers: Headers, name: str = "Team") -> str:
    response = await client.post("/api/v1/workspaces", headers=headers, json={"name": name})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def invite(
    client: httpx.AsyncClient, headers: Headers, workspace_id: str, email: str, role: str = "member", **extra: Any
) -> dict[str, Any]:
    """An invitation through the API; the answer holds its single-use token."""
    body = {"email": email, "role": role, **extra}
    response = await client.post(f"/api/v1/workspaces/{workspace_id}/invitations", headers=headers, json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def join(
    client: httpx.AsyncClient, inviter: Headers, workspace_id: str, joiner: Headers, email: str, role: str
) -> None:
    """`joiner` becomes a member with `role` the real way: invited by `inviter`, link accepted."""
    token = (await invite(client, inviter, workspace_id, email, role))["token"]
    accepted = await client.post(f"/api/v1/invitations/{token}/accept", headers=joiner)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["role"] == role


async def owner_rows(owner_database_url: str, sql: str, **params: Any) -> list[Any]:
    """Run SQL as the tables' owner (no row-level security): what is really stored."""
    engine = create_async_engine(owner_database_url, poolclass=NullPool)
    try:
        async with engine.begin() as connection:
            result = await connection.execute(text(sql), params)
            return list(result.all()) if result.returns_rows else []
    finally:
        await engine.dispose()


def s3_keys(s3: Any, bucket: str, prefix: str = "") -> list[str]:
    """Every object key of `bucket` under `prefix`."""
    keys: list[str] = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys += [item["Key"] for item in page.get("Contents", [])]
    return sorted(keys)
