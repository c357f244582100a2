"""Team workspaces, invitations and members: joining through single-use links, what admins and
owners may do to each other, the owner a workspace always keeps, and the audit log of it all."""

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from app.core.config import Settings
from app.main import create_app
from tests.conftest import (
    PASSWORD,
    Headers,
    api_key,
    create_workspace,
    in_workspace,
    invite,
    join,
    owner_rows,
    personal_workspace,
    register,
    s3_keys,
    user_id,
)
from tests.worker_output import upload_recording

TEAM_TABLES = ("memberships", "invitations", "api_keys", "audit_events", "meetings")


async def members_of(client: httpx.AsyncClient, headers: Headers, workspace_id: str) -> dict[str, str]:
    response = await client.get(f"/api/v1/workspaces/{workspace_id}/members", headers=headers)
    assert response.status_code == 200, response.text
    return {member["email"]: member["role"] for member in response.json()["items"]}


async def set_role(client: httpx.AsyncClient, headers: Headers, workspace_id: str, member: str, role: str) -> int:
    url = f"/api/v1/workspaces/{workspace_id}/members/{member}"
    return (await client.patch(url, headers=headers, json={"role": role})).status_code


async def remove(client: httpx.AsyncClient, headers: Headers, workspace_id: str, member: str) -> int:
    return (await client.delete(f"/api/v1/workspaces/{workspace_id}/members/{member}", headers=headers)).status_code


async def test_an_invitation_makes_the_invited_address_a_member_with_its_role(
    client: httpx.AsyncClient, alice: Headers, bob: Headers
) -> None:
    """Invite (the answer holds the link once) -> preview -> accept signed in with that address:
    Bob is a viewer, acts as one, and the link is spent."""
    team = await create_workspace(client, alice, "Lyon office")
    await upload_recording(client, in_workspace(alice, team), title="weekly")
    invitation = await invite(client, alice, team, "Bob@Example.com", "viewer")
    assert invitation["link"].endswith(f"/invite/{invitation['token']}")
    assert (invitation["email"], invitation["role"], invitation["emailed"]) == ("bob@example.com", "viewer", False)
    pending = (await client.get(f"/api/v1/workspaces/{team}/invitations", headers=alice)).json()["items"]
    assert [p["id"] for p in pending] == [invitation["id"]]
    assert "token" not in pending[0]  # the secret is shown once, never listed

    preview = await client.get(f"/api/v1/invitations/{invitation['token']}", headers=bob)
    assert preview.status_code == 200
    assert (preview.json()["workspace_name"], preview.json()["role"]) == ("Lyon office", "viewer")
    accepted = await client.post(f"/api/v1/invitations/{invitation['token']}/accept", headers=bob)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["role"] == "viewer"

    assert await members_of(client, alice, team) == {"alice@example.com": "owner", "bob@example.com": "viewer"}
    as_bob = in_workspace(bob, team)
    assert (await client.get("/api/v1/meetings", headers=as_bob)).json()["total"] == 1
    upload = await client.post("/api/v1/process/", headers=as_bob, files={"file": ("a.flac", b"fLaC" + b"\0" * 64)})
    assert upload.status_code == 403
    mine = {w["id"]: w["role"] for w in (await client.get("/api/v1/workspaces", headers=bob)).json()["items"]}
    assert mine[team] == "viewer"
    assert (await client.get(f"/api/v1/workspaces/{team}/invitations", headers=alice)).json()["items"] == []
    again = await client.post(f"/api/v1/invitations/{invitation['token']}/accept", headers=bob)
    assert again.status_code == 410


async def test_only_the_invited_address_may_accept(client: httpx.AsyncClient, alice: Headers, bob: Headers) -> None:
    """Carol opening Bob's link is refused (403, naming the address it is for) and does not spend
    it: Bob accepts afterwards. An API key cannot accept, even Bob's own."""
    team = await create_workspace(client, alice)
    carol = await register(client, "carol@example.com")
    token = (await invite(client, alice, team, "bob@example.com", "member"))["token"]
    wrong = await client.post(f"/api/v1/invitations/{token}/accept", headers=carol)
    assert wrong.status_code == 403
    assert "bob@example.com" in wrong.json()["error"]["message"]
    assert "carol@example.com" not in await members_of(client, alice, team)
    bobs_key = await api_key(client, bob, await personal_workspace(client, bob))
    assert (await client.post(f"/api/v1/invitations/{token}/accept", headers=bobs_key)).status_code == 403
    assert (await client.post(f"/api/v1/invitations/{token}/accept", headers=bob)).status_code == 200


async def test_expired_used_and_revoked_links_are_gone_and_say_why(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, owner_database_url: str
) -> None:
    """An expired link (its expiry moved into the past), a used one and a revoked one all answer
    410 with the reason, to preview and to accept alike; an unknown link is a 404."""
    team = await create_workspace(client, alice)
    expiring = await invite(client, alice, team, "bob@example.com", expires_in_days=1)
    expires = datetime.fromisoformat(expiring["expires_at"])
    assert timedelta(hours=23) < expires - datetime.now(UTC) <= timedelta(days=1)
    await owner_rows(
        owner_database_url,
        "UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = :id",
        id=expiring["id"],
    )
    used = await invite(client, alice, team, "bob@example.com")
    assert (await client.post(f"/api/v1/invitations/{used['token']}/accept", headers=bob)).status_code == 200
    revoked = await invite(client, alice, team, "carol@example.com")
    revoke = await client.delete(f"/api/v1/workspaces/{team}/invitations/{revoked['id']}", headers=alice)
    assert revoke.status_code == 204
    carol = await register(client, "carol@example.com")
    for invitation, who, reason in (
        (expiring, bob, "expired"),
        (used, bob, "already used"),
        (revoked, carol, "revoked"),
    ):
        for method, path in (("GET", ""), ("POST", "/accept")):
            response = await client.request(method, f"/api/v1/invitations/{invitation['token']}{path}", headers=who)
            assert response.status_code == 410, (reason, method, response.text)
            assert response.json()["error"]["code"] == "gone"
            assert reason in response.json()["error"]["message"]
    assert "carol@example.com" not in await members_of(client, alice, team)
    unknown = await client.get(f"/api/v1/invitations/smi_{'x' * 43}", headers=bob)
    assert unknown.status_code == 404


async def test_admins_cannot_make_owners_or_touch_owners(
    client: httpx.AsyncClient, alice: Headers, bob: Headers
) -> None:
    """Bob (admin) may manage members up to admin, but not invite an owner, promote to owner,
    demote or remove Alice (owner); Alice, the owner, may make an owner."""
    team = await create_workspace(client, alice)
    await join(client, alice, team, bob, "bob@example.com", "admin")
    carol = await register(client, "carol@example.com")
    await join(client, alice, team, carol, "carol@example.com", "member")
    alice_id, carol_id = await user_id(client, alice), await user_id(client, carol)
    invitation = {"email": "dave@example.com", "role": "owner"}
    assert (
        await client.post(f"/api/v1/workspaces/{team}/invitations", headers=bob, json=invitation)
    ).status_code == 403
    assert await set_role(client, bob, team, carol_id, "owner") == 403
    assert await set_role(client, bob, team, alice_id, "admin") == 403
    assert await remove(client, bob, team, alice_id) == 403
    assert await members_of(client, alice, team) == {
        "alice@example.com": "owner",
        "bob@example.com": "admin",
        "carol@example.com": "member",
    }
    assert await set_role(client, bob, team, carol_id, "admin") == 200  # up to admin: allowed
    assert await set_role(client, bob, team, carol_id, "viewer") == 200
    assert await set_role(client, carol, team, alice_id, "viewer") == 403  # a viewer manages nobody
    assert await set_role(client, alice, team, carol_id, "owner") == 200
    assert (await members_of(client, alice, team))["carol@example.com"] == "owner"


async def test_the_last_owner_can_neither_leave_nor_be_demoted(
    client: httpx.AsyncClient, alice: Headers, bob: Headers
) -> None:
    """Alone as owner, Alice cannot leave or demote herself (409); once Bob is an owner too she
    can leave. Nobody leaves a personal workspace."""
    team = await create_workspace(client, alice)
    await join(client, alice, team, bob, "bob@example.com", "member")
    alice_id, bob_id = await user_id(client, alice), await user_id(client, bob)
    assert await remove(client, alice, team, alice_id) == 409
    assert await set_role(client, alice, team, alice_id, "admin") == 409
    assert (await members_of(client, alice, team))["alice@example.com"] == "owner"
    assert await set_role(client, alice, team, bob_id, "owner") == 200
    assert await remove(client, alice, team, alice_id) == 204
    assert await members_of(client, bob, team) == {"bob@example.com": "owner"}
    assert await remove(client, bob, await personal_workspace(client, bob), bob_id) == 409


async def test_transfer_of_ownership(client: httpx.AsyncClient, alice: Headers, bob: Headers) -> None:
    """Alice hands the team to Bob: he becomes owner, she stays on as admin and loses what only
    owners may do; a non-member cannot receive it."""
    team = await create_workspace(client, alice)
    await join(client, alice, team, bob, "bob@example.com", "member")
    bob_id = await user_id(client, bob)
    carol = await register(client, "carol@example.com")
    stranger = await client.post(
        f"/api/v1/workspaces/{team}/transfer", headers=alice, json={"user_id": await user_id(client, carol)}
    )
    assert stranger.status_code == 404
    assert (
        await client.post(f"/api/v1/workspaces/{team}/transfer", headers=bob, json={"user_id": bob_id})
    ).status_code == 403
    transferred = await client.post(f"/api/v1/workspaces/{team}/transfer", headers=alice, json={"user_id": bob_id})
    assert transferred.status_code == 200, transferred.text
    assert transferred.json()["role"] == "owner"
    assert await members_of(client, bob, team) == {"alice@example.com": "admin", "bob@example.com": "owner"}
    assert (await client.patch(f"/api/v1/workspaces/{team}", headers=alice, json={"name": "mine"})).status_code == 403
    assert (await client.patch(f"/api/v1/workspaces/{team}", headers=bob, json={"name": "Bob's"})).status_code == 200
    assert (await client.delete(f"/api/v1/workspaces/{team}", headers=alice)).status_code == 403
    audit = (await client.get(f"/api/v1/workspaces/{team}/audit", headers=bob)).json()["items"]
    handed = next(event for event in audit if event["action"] == "workspace.ownership_transferred")
    assert (handed["actor_email"], handed["target_id"]) == ("alice@example.com", bob_id)


async def test_deleting_a_team_removes_its_rows_and_objects(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, s3: Any, owner_database_url: str
) -> None:
    """The owner deletes a team: its meetings, memberships, invitations, keys and log rows and its
    objects in every bucket go; admins may not, and a personal workspace cannot be deleted (409)."""
    team = await create_workspace(client, alice)
    await join(client, alice, team, bob, "bob@example.com", "admin")
    meeting = await upload_recording(client, in_workspace(alice, team))
    await invite(client, alice, team, "carol@example.com")
    await api_key(client, bob, team, "admin")
    assert s3_keys(s3, "uploads", f"{team}/")
    assert (await client.delete(f"/api/v1/workspaces/{team}", headers=bob)).status_code == 403
    assert (await client.delete(f"/api/v1/workspaces/{team}", headers=alice)).status_code == 204
    for table, column in (("workspaces", "id"), *((t, "workspace_id") for t in TEAM_TABLES)):
        sql = f"SELECT count(*) FROM {table} WHERE {column} = :id"
        assert (await owner_rows(owner_database_url, sql, id=team))[0][0] == 0, table
    for bucket in ("uploads", "processed", "identity-bank"):
        assert s3_keys(s3, bucket, f"{team}/") == [], bucket
    assert (await client.get(f"/api/v1/meetings/{meeting['id']}", headers=bob)).status_code == 404
    personal = await personal_workspace(client, alice)
    assert (await client.delete(f"/api/v1/workspaces/{personal}", headers=alice)).status_code == 409


async def test_a_removed_member_loses_access_on_the_very_next_request(
    client: httpx.AsyncClient, alice: Headers, bob: Headers
) -> None:
    """Bob's session and his API key read the team's meeting; right after Alice removes him, the
    session gets 404 (the workspace is no longer his) and the key 401."""
    team = await create_workspace(client, alice)
    await join(client, alice, team, bob, "bob@example.com", "member")
    meeting = await upload_recording(client, in_workspace(alice, team))
    key = await api_key(client, bob, team, "member")
    url = f"/api/v1/meetings/{meeting['id']}"
    assert (await client.get(url, headers=bob)).status_code == 200
    assert (await client.get(url, headers=key)).status_code == 200
    assert await remove(client, alice, team, await user_id(client, bob)) == 204
    assert (await client.get(url, headers=bob)).status_code == 404
    assert (await client.get("/api/v1/meetings", headers=in_workspace(bob, team))).status_code == 404
    assert (await client.get(url, headers=key)).status_code == 401
    assert team not in {w["id"] for w in (await client.get("/api/v1/workspaces", headers=bob)).json()["items"]}


async def owners_of(owner_database_url: str, workspace_id: str) -> int:
    sql = "SELECT count(*) FROM memberships WHERE workspace_id = :id AND role = 'owner'"
    return int((await owner_rows(owner_database_url, sql, id=workspace_id))[0][0])


async def waiting_on_locks(owner_database_url: str) -> int:
    sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    return int((await owner_rows(owner_database_url, sql))[0][0])


HOLD_MEMBERSHIPS = "SELECT 1 FROM memberships WHERE workspace_id = :id FOR UPDATE"
HOLD_INVITATION = "SELECT 1 FROM invitations WHERE id = :id FOR UPDATE"


async def at_the_same_moment(
    client: httpx.AsyncClient,
    owner_database_url: str,
    held: str,
    calls: list[tuple[str, str, Headers, Any]],
    hold: str = HOLD_MEMBERSHIPS,
) -> list[httpx.Response]:
    """Send the calls together while the test holds rows (by default the workspace `held`'s
    memberships): every call that writes them waits, so all are in flight at once, past whatever
    checks they make before writing; then let them go."""
    engine = create_async_engine(owner_database_url, poolclass=NullPool)
    try:
        async with engine.connect() as holder:
            holding = await holder.begin()
            await holder.execute(text(hold), {"id": held})
            tasks = [
                asyncio.create_task(client.request(method, url, headers=headers, **kwargs))
                for method, url, headers, kwargs in calls
            ]
            deadline = asyncio.get_running_loop().time() + 10
            while await waiting_on_locks(owner_database_url) + sum(t.done() for t in tasks) < len(tasks):
                assert asyncio.get_running_loop().time() < deadline, "the calls never reached the membership rows"
                await asyncio.sleep(0.05)
            await holding.commit()
            return list(await asyncio.gather(*tasks))
    finally:
        await engine.dispose()


@pytest.mark.parametrize("race", ["demote each other", "both leave", "transfer to each other", "both delete accounts"])
async def test_two_owners_acting_at_once_still_leave_an_owner(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, owner_database_url: str, race: str
) -> None:
    """Alice and Bob, both owners of a team with a third member, each make a change that is fine
    alone but would leave no owner if both went through, at the same moment: one goes through,
    the other is refused (it saw the first one's result), and the workspace keeps an owner."""
    carol = await register(client, "carol@example.com")
    alice_id, bob_id = await user_id(client, alice), await user_id(client, bob)
    team = await create_workspace(client, alice, "shared")
    await join(client, alice, team, bob, "bob@example.com", "owner")
    await join(client, alice, team, carol, "carol@example.com", "member")
    base = f"/api/v1/workspaces/{team}"
    races: dict[str, list[tuple[str, str, Headers, Any]]] = {
        "demote each other": [
            ("PATCH", f"{base}/members/{bob_id}", alice, {"json": {"role": "admin"}}),
            ("PATCH", f"{base}/members/{alice_id}", bob, {"json": {"role": "admin"}}),
        ],
        "both leave": [
            ("DELETE", f"{base}/members/{alice_id}", alice, {}),
            ("DELETE", f"{base}/members/{bob_id}", bob, {}),
        ],
        "transfer to each other": [
            ("POST", f"{base}/transfer", alice, {"json": {"user_id": bob_id}}),
            ("POST", f"{base}/transfer", bob, {"json": {"user_id": alice_id}}),
        ],
        "both delete accounts": [
            ("DELETE", "/api/v1/users/me", alice, {"json": {"password": PASSWORD}}),
            ("DELETE", "/api/v1/users/me", bob, {"json": {"password": PASSWORD}}),
        ],
    }
    answers = await at_the_same_moment(client, owner_database_url, team, races[race])
    statuses = sorted(answer.status_code for answer in answers)
    assert await owners_of(owner_database_url, team) == 1, statuses
    if race == "transfer to each other":
        assert statuses == [200, 200]  # one after the other: the ownership went there and back
    else:
        assert statuses[0] in (200, 204), [a.text for a in answers]
        assert statuses[1] in (403, 409), [a.text for a in answers]


async def test_a_link_opened_twice_at_once_joins_once(
    client: httpx.AsyncClient, alice: Headers, bob: Headers, owner_database_url: str
) -> None:
    """Bob accepts his invitation from two tabs at the same moment: one answer is 200, the other
    says the link was used (410), never a server error; he is a member once."""
    team = await create_workspace(client, alice)
    invitation = await invite(client, alice, team, "bob@example.com", "member")
    accept: tuple[str, str, Headers, Any] = ("POST", f"/api/v1/invitations/{invitation['token']}/accept", bob, {})
    answers = await at_the_same_moment(client, owner_database_url, invitation["id"], [accept, accept], HOLD_INVITATION)
    assert sorted(answer.status_code for answer in answers) == [200, 410], [a.text for a in answers]
    assert (await members_of(client, alice, team))["bob@example.com"] == "member"
    audit = (await client.get(f"/api/v1/workspaces/{team}/audit", headers=alice)).json()["items"]
    assert [event["action"] for event in audit].count("member.joined") == 1


@pytest.fixture
async def behind_proxies(settings: Settings) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    """One API trusting the proxies of 10.0.0.0/8, reached from a trusted proxy and from elsewhere."""
    app = create_app(settings.model_copy(update={"trusted_proxies": ["10.0.0.0/8"]}))
    async with app.router.lifespan_context(app):
        clients = {
            peer: httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app, client=(peer, 4321)), base_url="http://api.test", timeout=30
            )
            for peer in ("10.1.2.3", "198.51.100.9")
        }
        try:
            yield clients
        finally:
            for each in clients.values():
                await each.aclose()


async def test_the_audit_log_records_membership_changes_with_actor_time_and_address(
    behind_proxies: dict[str, httpx.AsyncClient],
) -> None:
    """Invite, join, role change and removal each leave an entry naming the actor, the target, the
    time and the client's address as the trusted proxy forwarded it."""
    client = behind_proxies["10.1.2.3"]
    forwarded = {"X-Forwarded-For": "203.0.113.7", "User-Agent": "audit-test/1.0"}
    alice = await register(client, "alice@example.com") | forwarded
    bob = await register(client, "bob@example.com") | forwarded
    bob_id = await user_id(client, bob)
    started = datetime.now(UTC)
    team = await create_workspace(client, alice)
    await join(client, alice, team, bob, "bob@example.com", "viewer")
    assert await set_role(client, alice, team, bob_id, "member") == 200
    assert await remove(client, alice, team, bob_id) == 204
    audit = (await client.get(f"/api/v1/workspaces/{team}/audit", headers=alice)).json()
    events = {event["action"]: event for event in audit["items"]}
    expected = {
        "member.invited": ("alice@example.com", "invitation"),
        "member.joined": ("bob@example.com", "user"),
        "member.role_changed": ("alice@example.com", "user"),
        "member.removed": ("alice@example.com", "user"),
    }
    for action, (actor, target_type) in expected.items():
        event = events[action]
        assert event["actor_email"] == actor, action
        assert event["target_type"] == target_type, action
        assert event["client_ip"] == "203.0.113.7", action
        assert event["user_agent"] == "audit-test/1.0", action
        assert started - timedelta(seconds=1) <= datetime.fromisoformat(event["created_at"]) <= datetime.now(UTC)
    assert events["member.role_changed"]["details"] == {"old": "viewer", "new": "member"}
    assert events["member.removed"]["target_id"] == bob_id
    assert events["member.invited"]["details"]["email"] == "bob@example.com"
    # Newest first.
    actions = [event["action"] for event in audit["items"]]
    assert actions.index("member.removed") < actions.index("member.joined") < actions.index("member.invited")


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "recorded"),
    [
        ("10.1.2.3", "203.0.113.7", "203.0.113.7"),  # a trusted proxy: its client
        ("10.1.2.3", "203.0.113.7, 10.0.0.9", "203.0.113.7"),  # two trusted hops are skipped
        ("10.1.2.3", "192.0.2.66, 203.0.113.7", "203.0.113.7"),  # a forged first hop is not believed
        ("198.51.100.9", "203.0.113.7", "198.51.100.9"),  # an untrusted peer's header is ignored
    ],
)
async def test_x_forwarded_for_counts_only_from_a_trusted_proxy(
    behind_proxies: dict[str, httpx.AsyncClient], peer: str, forwarded_for: str, recorded: str
) -> None:
    """The audit log's address is the last one no trusted proxy added, and the peer itself when
    that peer is not a trusted proxy."""
    client = behind_proxies[peer]
    alice = await register(client, "alice@example.com") | {"X-Forwarded-For": forwarded_for}
    team = await create_workspace(client, alice)
    [event] = (await client.get(f"/api/v1/workspaces/{team}/audit", headers=alice)).json()["items"]
    assert (event["action"], event["client_ip"]) == ("workspace.created", recorded)


async def test_without_trusted_proxies_the_peer_is_the_address(client: httpx.AsyncClient, alice: Headers) -> None:
    """By default (TRUSTED_PROXIES empty) X-Forwarded-For is never believed."""
    team = await create_workspace(client, alice | {"X-Forwarded-For": "203.0.113.7"})
    [event] = (await client.get(f"/api/v1/workspaces/{team}/audit", headers=alice)).json()["items"]
    assert event["client_ip"] == "127.0.0.1"
