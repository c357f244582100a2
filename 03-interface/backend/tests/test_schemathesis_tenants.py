"""The second property-based run: generated requests with workspace B's credentials and workspace
A's IDs (tests/schemathesis_cross_tenant.py puts them into every path, header and body field that
takes one) against a real uvicorn server. No such request may succeed, none may cause a 5xx, and
A's rows (read as the tables' owner) and objects (in S3) are exactly as before the run."""

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from scribe_contracts import Bucket
from scribe_devstack.process import free_port, spawn, terminate_group, wait_until

from app.core.config import Settings
from tests.conftest import (
    BACKEND,
    PASSWORD,
    Headers,
    create_workspace,
    in_workspace,
    invite,
    join,
    owner_rows,
    personal_workspace,
    shared_audio,
    user_id,
)
from tests.test_schemathesis import api_alive, server_env
from tests.worker_output import process_like_the_worker, upload_recording

HOOKS = Path(__file__).with_name("schemathesis_cross_tenant.py")
# They would end B's own session or account midway, and prove nothing about A.
EXCLUDED = ("auth-logout", "auth-password", "users-delete-me")
ID_PARAMETERS = {
    "workspace_id",
    "meeting_id",
    "person_id",
    "invitation_id",
    "user_id",
    "key_id",
    "task_id",
    "X-Workspace-Id",
}
TENANT_TABLES = ("workspaces", "memberships", "invitations", "api_keys", "audit_events", "meetings")


@pytest.fixture
def live_api(settings: Settings, tmp_path: Path) -> Iterator[str]:
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


async def signed_up(client: httpx.AsyncClient, email: str) -> Headers:
    await client.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
    login = await client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


async def enroll(client: httpx.AsyncClient, headers: Headers, name: str) -> str:
    sample = ("v.flac", shared_audio("jfk.flac").read_bytes())
    response = await client.post("/api/v1/identities", headers=headers, data={"name": name}, files={"sample": sample})
    assert response.status_code == 201, response.text
    return str(response.json()["person_id"])


async def workspace_a(client: httpx.AsyncClient, s3: Any, redis_client: redis.Redis, folder: Path) -> dict[str, Any]:
    """Alice's workspaces (personal, and a team with Carol as member), full of data; their IDs."""
    alice = await signed_up(client, "alice@example.com")
    carol = await signed_up(client, "carol@example.com")
    team = await create_workspace(client, alice, "A")
    await join(client, alice, team, carol, "carol@example.com", "member")
    processed = await process_like_the_worker(client, in_workspace(alice, team), s3, redis_client, folder)
    personal_meeting = await upload_recording(client, alice, title="Alice's own")
    pending = await invite(client, alice, team, "dave@example.com")
    key = await client.post("/api/v1/api-keys", headers=alice, json={"name": "a", "workspace_id": team})
    return {
        "workspaces": [team, await personal_workspace(client, alice)],
        "meetings": [processed["id"], personal_meeting["id"]],
        "tasks": [processed["task_id"], personal_meeting["task_id"]],
        "people": [await enroll(client, in_workspace(alice, team), "Ada"), await enroll(client, alice, "Al")],
        "invitations": [pending["id"]],
        "users": [await user_id(client, alice), await user_id(client, carol)],
        "keys": [key.json()["id"]],
    }


async def workspace_b(client: httpx.AsyncClient) -> Headers:
    """Bob, with data of his own (a meeting, a person, a team); his session runs the fuzzing."""
    bob = await signed_up(client, "bob@example.com")
    await upload_recording(client, bob, title="Bob's")
    await enroll(client, bob, "Bea")
    await create_workspace(client, bob, "B")
    return bob


async def stored_for(owner_database_url: str, ids: dict[str, Any]) -> dict[str, list[str]]:
    """Every row of A's workspaces (and of A's users) in every tenant table, in full, as the owner sees it."""
    rows: dict[str, list[str]] = {}
    for table in TENANT_TABLES:
        column = "id" if table == "workspaces" else "workspace_id"
        extra = " OR user_id::text = ANY(:users)" if table in ("api_keys", "memberships") else ""
        found = await owner_rows(
            owner_database_url,
            f"SELECT to_jsonb(t)::text FROM {table} t WHERE {column}::text = ANY(:workspaces){extra} ORDER BY 1",
            workspaces=ids["workspaces"],
            users=ids["users"],
        )
        rows[table] = [row[0] for row in found]
    users = await owner_rows(
        owner_database_url,
        "SELECT to_jsonb(u)::text FROM users u WHERE id::text = ANY(:ids) ORDER BY 1",
        ids=ids["users"],
    )
    rows["users"] = [row[0] for row in users]
    return rows


def objects_for(s3: Any, ids: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    objects: dict[str, list[tuple[str, str]]] = {}
    for bucket in Bucket:
        for workspace in ids["workspaces"]:
            for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket.value, Prefix=f"{workspace}/"):
                objects.setdefault(bucket.value, []).extend((o["Key"], o["ETag"]) for o in page.get("Contents", []))
    return {bucket: sorted(found) for bucket, found in objects.items()}


async def test_b_credentials_with_a_ids_never_reach_a(
    live_api: str, s3: Any, redis_client: redis.Redis, tmp_path: Path, owner_database_url: str
) -> None:
    """0 cross-tenant reads or writes: no 2xx to any request naming A's IDs with B's credentials,
    no 5xx at all, A's rows and objects unchanged, and the substitution demonstrably covered
    every operation that takes such an ID."""
    async with httpx.AsyncClient(base_url=live_api, timeout=30) as client:
        ids = await workspace_a(client, s3, redis_client, tmp_path)
        bob = await workspace_b(client)
        spec = (await client.get("/openapi.json")).json()
    rows_before, objects_before = await stored_for(owner_database_url, ids), objects_for(s3, ids)
    assert all(rows_before[table] for table in TENANT_TABLES)
    assert all(objects_before.get(bucket.value) for bucket in Bucket)
    ids_file, log = tmp_path / "a-ids.json", tmp_path / "carried.ndjson"
    ids_file.write_text(json.dumps(ids))
    excluded = [argument for operation in EXCLUDED for argument in ("--exclude-operation-id", operation)]
    run = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "run",
            f"{live_api}/openapi.json",
            "--checks",
            "not_a_server_error,no_cross_tenant_success",
            "--header",
            f"Authorization: {bob['Authorization']}",
            *excluded,
            "--max-examples",
            "8",
            "--seed",
            "20261202",
            "--workers",
            "1",
            "--no-shrink",
            "--report-dir",
            str(tmp_path / "report"),
        ],
        env={
            **os.environ,
            "SCHEMATHESIS_HOOKS": str(HOOKS),
            "CROSS_TENANT_IDS": str(ids_file),
            "CROSS_TENANT_LOG": str(log),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]

    carried = [json.loads(line) for line in log.read_text().splitlines()]
    reached = Counter(entry["operation"] for entry in carried if entry["carried"])
    takes_an_id = {
        f"{method.upper()} {path}"
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if operation["operationId"] not in EXCLUDED
        and any(p["name"] in ID_PARAMETERS for p in operation.get("parameters", []))
    }
    assert takes_an_id <= set(reached), sorted(takes_an_id - set(reached))
    assert all(reached[operation] >= 3 for operation in takes_an_id), reached
    assert await stored_for(owner_database_url, ids) == rows_before
    assert objects_for(s3, ids) == objects_before
