"""Sessions and accounts: logout and password change end sessions for real, and deleting an
account removes everything that was only its own (rows and objects) and nothing that is shared."""

from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import redis
from scribe_contracts import Bucket, workspace_prefix

from tests.conftest import (
    PASSWORD,
    Headers,
    api_key,
    create_workspace,
    in_workspace,
    join,
    owner_rows,
    personal_workspace,
    s3_keys,
    shared_audio,
    user_id,
)
from tests.worker_output import process_like_the_worker, upload_recording

TENANT_TABLES = {
    "workspaces": "id",
    "memberships": "workspace_id",
    "invitations": "workspace_id",
    "api_keys": "workspace_id",
    "audit_events": "workspace_id",
    "meetings": "workspace_id",
}


async def login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    return await client.post("/api/v1/auth/login", json={"email": email, "password": password})


def bearer(response: httpx.Response) -> Headers:
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def status_of(client: httpx.AsyncClient, headers: Headers) -> int:
    return (await client.get("/api/v1/users/me", headers=headers)).status_code


async def rows_of(owner_database_url: str, workspace_ids: list[str]) -> dict[str, int]:
    """How many rows of each tenant table belong to the workspaces (as the owner: all of them)."""
    counts: dict[str, int] = {}
    for table, column in TENANT_TABLES.items():
        [(count,)] = await owner_rows(
            owner_database_url, f"SELECT count(*) FROM {table} WHERE {column}::text = ANY(:ids)", ids=workspace_ids
        )
        counts[table] = count
    return counts


def objects_of(s3: Any, workspace_id: str) -> dict[str, list[str]]:
    return {bucket.value: s3_keys(s3, bucket.value, workspace_prefix(UUID(workspace_id))) for bucket in Bucket}


async def enroll(client: httpx.AsyncClient, headers: Headers, name: str) -> dict[str, Any]:
    sample = shared_audio("jfk.flac").read_bytes()
    response = await client.post(
        "/api/v1/identities", headers=headers, data={"name": name}, files={"sample": ("v.flac", sample)}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_logout_ends_that_session_and_only_that_one(client: httpx.AsyncClient, alice: Headers) -> None:
    """After logout the token is refused (401) wherever it is sent from; another session of the
    same account goes on; an API key is no session to log out."""
    other = bearer(await login(client, "alice@example.com"))
    assert (await client.post("/api/v1/auth/logout", headers=alice)).status_code == 204
    refused = await client.get("/api/v1/users/me", headers=alice)
    assert refused.status_code == 401
    assert "logged out" in refused.json()["error"]["message"]
    assert (await client.post("/api/v1/auth/logout", headers=alice)).status_code == 401
    assert await status_of(client, other) == 200
    key = await api_key(client, other, await personal_workspace(client, other))
    assert (await client.post("/api/v1/auth/logout", headers=key)).status_code == 401
    assert await status_of(client, key) == 200


async def test_a_password_change_ends_every_other_session(client: httpx.AsyncClient, alice: Headers) -> None:
    """The other session's token is refused, the token the change returns works, the old password
    no longer logs in and the new one does; a wrong current password changes nothing."""
    other = bearer(await login(client, "alice@example.com"))
    wrong = await client.post(
        "/api/v1/auth/password", headers=alice, json={"current_password": "not it at all", "new_password": "x" * 12}
    )
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (403, "wrong_password")  # the session is fine
    assert "www-authenticate" not in wrong.headers
    assert await status_of(client, other) == 200
    changed = await client.post(
        "/api/v1/auth/password",
        headers=alice,
        json={"current_password": PASSWORD, "new_password": "a brand new passphrase"},
    )
    renewed = bearer(changed)
    assert await status_of(client, other) == 401
    assert await status_of(client, alice) == 401
    assert await status_of(client, renewed) == 200
    assert (await login(client, "alice@example.com")).status_code == 401
    assert await status_of(client, bearer(await login(client, "alice@example.com", "a brand new passphrase"))) == 200


async def test_deleting_an_account_leaves_nothing_of_its_own_workspaces(
    client: httpx.AsyncClient,
    alice: Headers,
    bob: Headers,
    s3: Any,
    redis_client: redis.Redis,
    tmp_path: Path,
    owner_database_url: str,
) -> None:
    """No row of the personal workspace (nor of a team where the user was alone) is left in any
    tenant table, no object under their prefixes in any bucket (uploads, processed, voice bank),
    the user and their sessions are gone, and Bob's data is untouched. A wrong password deletes nothing."""
    personal = await personal_workspace(client, alice)
    solo_team = await create_workspace(client, alice, "just me")
    await process_like_the_worker(client, alice, s3, redis_client, tmp_path)
    await upload_recording(client, in_workspace(alice, solo_team), title="alone")
    await enroll(client, alice, "Ada")
    await api_key(client, alice, personal)
    await client.post(f"/api/v1/workspaces/{solo_team}/invitations", headers=alice, json={"email": "x@example.com"})
    bob_personal = await personal_workspace(client, bob)
    await upload_recording(client, bob, title="Bob's")
    await enroll(client, bob, "Bob's person")
    alice_id = await user_id(client, alice)
    mine = [personal, solo_team]
    before = await rows_of(owner_database_url, mine)
    assert all(before.values()), before  # every table holds something of Alice's: the check below means something
    assert all(objects_of(s3, personal).values())
    bobs_rows, bobs_objects = await rows_of(owner_database_url, [bob_personal]), objects_of(s3, bob_personal)

    refused = await client.request("DELETE", "/api/v1/users/me", headers=alice, json={"password": "wrong password"})
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "wrong_password")
    assert await rows_of(owner_database_url, mine) == before
    deleted = await client.request("DELETE", "/api/v1/users/me", headers=alice, json={"password": PASSWORD})
    assert deleted.status_code == 204, deleted.text

    assert set((await rows_of(owner_database_url, mine)).values()) == {0}
    for workspace in mine:
        assert objects_of(s3, workspace) == {bucket.value: [] for bucket in Bucket}
    for table in ("users", "memberships", "api_keys"):
        column = "id" if table == "users" else "user_id"
        sql = f"SELECT count(*) FROM {table} WHERE {column} = :id"
        assert (await owner_rows(owner_database_url, sql, id=alice_id))[0][0] == 0, table
    assert await status_of(client, alice) == 401
    assert (await login(client, "alice@example.com")).status_code == 401
    assert await rows_of(owner_database_url, [bob_personal]) == bobs_rows
    assert objects_of(s3, bob_personal) == bobs_objects


async def test_the_last_owner_of_a_shared_workspace_cannot_delete_the_account(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, s3: Any, owner_database_url: str
) -> None:
    """Alice owns a team Bob belongs to: deleting her account is a 409 naming the workspace, checked
    before anything is removed: her rows, objects and session all remain."""
    team = await create_workspace(client, alice, "shared")
    await join(client, alice, team, bob, "bob@example.com", "admin")
    personal = await personal_workspace(client, alice)
    await upload_recording(client, alice, title="personal")
    await upload_recording(client, in_workspace(alice, team), title="shared")
    rows, objects = await rows_of(owner_database_url, [personal, team]), objects_of(s3, personal)

    refused = await client.request("DELETE", "/api/v1/users/me", headers=alice, json={"password": PASSWORD})
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"]["details"] == {"workspace_id": team}
    assert await rows_of(owner_database_url, [personal, team]) == rows
    assert objects_of(s3, personal) == objects
    assert await status_of(client, alice) == 200
    # Once Bob owns it too, she may go; the team and its meeting stay with Bob.
    bob_id = await user_id(client, bob)
    promoted = await client.patch(f"/api/v1/workspaces/{team}/members/{bob_id}", headers=alice, json={"role": "owner"})
    assert promoted.status_code == 200
    deleted = await client.request("DELETE", "/api/v1/users/me", headers=alice, json={"password": PASSWORD})
    assert deleted.status_code == 204
    assert (await client.get("/api/v1/meetings", headers=in_workspace(bob, team))).json()["total"] == 1


async def test_a_shared_workspace_keeps_the_meetings_of_a_member_who_deletes_the_account(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, s3: Any, owner_database_url: str
) -> None:
    """Bob, a plain member, uploaded to Alice's team, then deleted his account: the meeting and its
    objects stay, its uploader becomes null, and the audit log still says who uploaded it."""
    team = await create_workspace(client, alice, "shared")
    await join(client, alice, team, bob, "bob@example.com", "member")
    meeting = await upload_recording(client, in_workspace(bob, team), title="Bob's upload")
    bob_id = await user_id(client, bob)
    assert meeting["uploaded_by"] == bob_id
    deleted = await client.request("DELETE", "/api/v1/users/me", headers=bob, json={"password": PASSWORD})
    assert deleted.status_code == 204, deleted.text

    kept = await client.get(f"/api/v1/meetings/{meeting['id']}", headers=alice)
    assert kept.status_code == 200
    assert kept.json()["uploaded_by"] is None
    [(uploaded_by,)] = await owner_rows(
        owner_database_url, "SELECT uploaded_by FROM meetings WHERE id = :id", id=meeting["id"]
    )
    assert uploaded_by is None
    assert s3_keys(s3, "uploads", f"{team}/{meeting['id']}/")
    members = (await client.get(f"/api/v1/workspaces/{team}/members", headers=alice)).json()["items"]
    assert [m["email"] for m in members] == ["alice@example.com"]
    audit = (await client.get(f"/api/v1/workspaces/{team}/audit", headers=alice)).json()["items"]
    upload = next(event for event in audit if event["action"] == "meeting.uploaded")
    assert (upload["actor_id"], upload["actor_email"]) == (None, "bob@example.com")
