"""Data from before workspaces comes up in each user's personal workspace.

A database at revision 0001 and buckets in the old key layout (`{user_id}/...`) are upgraded the
way `./manage.sh migrate` does it — the real `alembic upgrade head`, then the object move command —
and the API then serves every user their own meetings, transcripts, audio and voices, nobody
else's, from keys that begin with the workspace.
"""

import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import httpx
import pytest
from scribe_contracts import IdentityKeys, MeetingKeys, ModelsUsed, TranscriptDocument
from scribe_devstack import PostgresServer, RedisServer, S3Server
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.security import PasswordHasher
from app.main import create_app
from tests.conftest import APP_ROLE, BACKEND, PASSWORD, make_settings, migrate, running_client

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def old_meeting_row(user_id: UUID, title: str, status: str) -> dict[str, Any]:
    """A meetings row of schema 0001 (owned by `user_id`)."""
    return {
        "id": uuid.uuid4(),
        "user_id": user_id,
        "title": title,
        "original_filename": f"{title}.wav",
        "content_type": "audio/wav",
        "size_bytes": 4,
        "media_kind": "audio",
        "language": "en",
        "speakers_hint": "{}",
        "status": status,
        "progress": 100.0 if status == "completed" else 0.0,
        "task_id": uuid.uuid4().hex,
        "speaker_names": '{"SPEAKER_00": {"name": "Ada"}}',
        "created_at": NOW,
        "updated_at": NOW,
    }


async def insert_old_data(owner_url: str) -> tuple[dict[str, UUID], dict[str, list[dict[str, Any]]]]:
    users = {"alice": uuid.uuid4(), "bob": uuid.uuid4()}
    meetings = {
        "alice": [
            old_meeting_row(users["alice"], "Budget", "completed"),
            old_meeting_row(users["alice"], "Hiring", "queued"),
        ],
        "bob": [old_meeting_row(users["bob"], "Roadmap", "completed")],
    }
    password_hash = await PasswordHasher(19 * 1024, 2, 1).hash(PASSWORD)
    engine = create_async_engine(owner_url)
    async with engine.begin() as connection:
        for name, user_id in users.items():
            await connection.execute(
                text("INSERT INTO users VALUES (:id, :email, NULL, :hash, :at)"),
                {"id": user_id, "email": f"{name}@example.com", "hash": password_hash, "at": NOW},
            )
        columns = ", ".join(meetings["alice"][0])
        values = ", ".join(f":{column}" for column in meetings["alice"][0])
        for row in meetings["alice"] + meetings["bob"]:
            await connection.execute(text(f"INSERT INTO meetings ({columns}) VALUES ({values})"), row)
    await engine.dispose()
    return users, meetings


def put_old_objects(s3: Any, users: dict[str, UUID], meetings: dict[str, list[dict[str, Any]]]) -> UUID:
    """Objects in the layout of before: keyed by the user. Returns Alice's enrolled person."""
    for rows in meetings.values():
        for row in rows:
            old = f"{row['user_id']}/{row['id']}/"
            s3.put_object(Bucket="uploads", Key=old + "source", Body=b"RIFF")
            if row["status"] == "completed":
                transcript = TranscriptDocument(
                    meeting_id=row["id"],
                    language="en",
                    duration_s=1.0,
                    speakers=[],
                    segments=[],
                    models=ModelsUsed(diarization="d", embedding="e", transcription="t", device="cpu"),
                )
                s3.put_object(Bucket="processed", Key=old + "transcript.json", Body=transcript.model_dump_json())
                s3.put_object(Bucket="processed", Key=old + "audio.mp3", Body=b"ID3", ContentType="audio/mpeg")
    person, sample = uuid.uuid4(), uuid.uuid4()
    profile = (
        f'{{"person_id": "{person}", "user_id": "{users["alice"]}", "name": "Ada Lovelace", '
        f'"samples": [{{"sample_id": "{sample}", "duration_s": 3.0, "source": "upload"}}]}}'
    )
    s3.put_object(Bucket="identity-bank", Key=f"{users['alice']}/{person}/profile.json", Body=profile.encode())
    s3.put_object(Bucket="identity-bank", Key=f"{users['alice']}/{person}/voice/{sample}.wav", Body=b"RIFF")
    return person


def move_objects(owner_url: str, s3_server: S3Server) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app.upgrades.workspace_objects"],
        cwd=BACKEND,
        env={
            **os.environ,
            "MIGRATION_DATABASE_URL": owner_url,
            "S3_ENDPOINT_URL": s3_server.endpoint_url,
            "S3_ACCESS_KEY": "test",
            "S3_SECRET_KEY": "test",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def keys_of(s3: Any, bucket: str) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]


@pytest.fixture
async def upgraded(
    postgres_server: PostgresServer, s3_server: S3Server, s3: Any, redis_server: RedisServer
) -> AsyncIterator[tuple[httpx.AsyncClient, dict[str, UUID], dict[str, list[dict[str, Any]]], UUID]]:
    name = f"upgrade_{uuid.uuid4().hex[:12]}"
    postgres_server.create_database(name)
    try:
        migrate(postgres_server, name, "0001")
        users, meetings = await insert_old_data(postgres_server.url(name))
        person = put_old_objects(s3, users, meetings)
        migrate(postgres_server, name)
        move_objects(postgres_server.url(name), s3_server)
        move_objects(postgres_server.url(name), s3_server)  # a second run finds nothing left to move
        settings = make_settings(postgres_server.url(name, user=APP_ROLE), redis_server.url, s3_server.endpoint_url)
        async for client in running_client(create_app(settings, consume_events=False)):
            yield client, users, meetings, person
    finally:
        postgres_server.drop_database(name)


async def login(client: httpx.AsyncClient, name: str) -> dict[str, str]:
    response = await client.post("/api/v1/auth/login", json={"email": f"{name}@example.com", "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def test_each_user_finds_their_meetings_transcripts_and_voices_in_their_personal_workspace(
    upgraded: tuple[httpx.AsyncClient, dict[str, UUID], dict[str, list[dict[str, Any]]], UUID], s3: Any
) -> None:
    client, users, meetings, person = upgraded
    for name in ("alice", "bob"):
        headers = await login(client, name)
        [workspace] = (await client.get("/api/v1/workspaces", headers=headers)).json()["items"]
        assert (workspace["kind"], workspace["role"]) == ("personal", "owner")
        listed = (await client.get("/api/v1/meetings", headers=headers)).json()["items"]
        assert sorted(m["title"] for m in listed) == sorted(row["title"] for row in meetings[name])
        assert {(m["workspace_id"], m["uploaded_by"]) for m in listed} == {(workspace["id"], str(users[name]))}
        for row in meetings[name]:
            keys = MeetingKeys(workspace_id=UUID(workspace["id"]), meeting_id=row["id"])
            assert keys.upload in keys_of(s3, "uploads")
            if row["status"] == "completed":
                transcript = await client.get(f"/api/v1/meetings/{row['id']}/transcript", headers=headers)
                assert transcript.status_code == 200, transcript.text
                assert transcript.json()["speakers"] == []
                audio = await client.get(f"/api/v1/meetings/{row['id']}/audio", headers=headers)
                assert audio.json()["source"] == "playback"
        other = "bob" if name == "alice" else "alice"
        for row in meetings[other]:
            assert (await client.get(f"/api/v1/meetings/{row['id']}", headers=headers)).status_code == 404

    alice = await login(client, "alice")
    [voice] = (await client.get("/api/v1/identities", headers=alice)).json()["items"]
    workspace_id = voice["workspace_id"]
    assert (voice["person_id"], voice["name"]) == (str(person), "Ada Lovelace")
    assert IdentityKeys(workspace_id=UUID(workspace_id), person_id=person).profile in keys_of(s3, "identity-bank")
    assert (await client.get("/api/v1/identities", headers=await login(client, "bob"))).json()["items"] == []


async def test_no_object_is_left_under_a_user_id(
    upgraded: tuple[httpx.AsyncClient, dict[str, UUID], dict[str, list[dict[str, Any]]], UUID], s3: Any
) -> None:
    _, users, _, _ = upgraded
    prefixes = {f"{user_id}/" for user_id in users.values()}
    for bucket in ("uploads", "processed", "identity-bank"):
        keys = keys_of(s3, bucket)
        assert keys, bucket
        assert not [key for key in keys if any(key.startswith(prefix) for prefix in prefixes)], bucket
