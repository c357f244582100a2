"""Who may call what: every endpoint of the API against every kind of principal, as one table.

The world is real: a team workspace "A" whose viewer, member and admin joined through invitations,
a meeting of A processed the way the worker does it, a person in A's voice bank, a pending
invitation; an outsider who owns workspace B; and five credentials that must not work (a session
after logout, a revoked API key, an expired token, a token for another audience, one from another
issuer; all for A's owner, signed with the right secret). Every request acts in A
(`X-Workspace-Id: A`). A route without a row fails the test, so no new endpoint escapes the table.
"""

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import redis
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from jose import jwt

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
    make_settings,
    owner_rows,
    personal_workspace,
    register,
    shared_audio,
    user_id,
)
from tests.worker_output import process_like_the_worker, upload_recording

OUTSIDER, VIEWER, MEMBER, ADMIN, OWNER = "outsider", "viewer", "member", "admin", "owner"
LOGGED_OUT, REVOKED_KEY, EXPIRED, AUDIENCE, ISSUER = "logged_out", "revoked_key", "expired", "audience", "issuer"
PRINCIPALS = (OUTSIDER, VIEWER, MEMBER, ADMIN, OWNER, LOGGED_OUT, REVOKED_KEY, EXPIRED, AUDIENCE, ISSUER)
"""The table's columns, in the order each row is run (the owner after the others)."""

# The status each principal must get, per operation (operationId), in the order the rows run.
# outsider: owns workspace B, no role in A. logged-out...issuer: credentials of A's owner that
# must be refused. Invitation links are capabilities: whoever holds one may look at it.
# fmt: off
MATRIX: dict[str, tuple[int, ...]] = {
    # operation                     outsider viewer member admin owner  logged-out revoked-key expired audience issuer
    "health-check":                 (200,    200,   200,   200,  200,   200,       200,        200,    200,     200),
    "auth-register":                (201,    201,   201,   201,  201,   201,       201,        201,    201,     201),
    "auth-login":                   (200,    200,   200,   200,  200,   200,       200,        200,    200,     200),
    "users-me":                     (200,    200,   200,   200,  200,   401,       401,        401,    401,     401),
    "workspaces-list":              (200,    200,   200,   200,  200,   401,       401,        401,    401,     401),
    "workspaces-create":            (201,    201,   201,   201,  201,   401,       401,        401,    401,     401),
    "workspaces-rename":            (404,    403,   403,   403,  200,   401,       401,        401,    401,     401),
    "members-list":                 (404,    200,   200,   200,  200,   401,       401,        401,    401,     401),
    "members-change-role":          (404,    403,   403,   200,  200,   401,       401,        401,    401,     401),
    "members-remove":               (404,    403,   403,   204,  204,   401,       401,        401,    401,     401),
    "workspaces-transfer":          (404,    403,   403,   403,  200,   401,       401,        401,    401,     401),
    "invitations-create":           (404,    403,   403,   201,  201,   401,       401,        401,    401,     401),
    "invitations-list":             (404,    403,   403,   200,  200,   401,       401,        401,    401,     401),
    "invitations-revoke":           (404,    403,   403,   204,  204,   401,       401,        401,    401,     401),
    "invitations-preview":          (200,    200,   200,   200,  200,   401,       401,        401,    401,     401),
    "invitations-accept":           (200,    200,   200,   200,  409,   401,       401,        401,    401,     401),
    "audit-list":                   (404,    403,   403,   200,  200,   401,       401,        401,    401,     401),
    "keys-create":                  (404,    201,   201,   201,  201,   401,       401,        401,    401,     401),
    "keys-list":                    (200,    200,   200,   200,  200,   401,       401,        401,    401,     401),
    "keys-revoke":                  (404,    404,   404,   404,  204,   401,       401,        401,    401,     401),
    "process-upload":               (404,    403,   202,   202,  202,   401,       401,        401,    401,     401),
    "process-status":               (404,    200,   200,   200,  200,   401,       401,        401,    401,     401),
    "meetings-list":                (404,    200,   200,   200,  200,   401,       401,        401,    401,     401),
    "meetings-get":                 (404,    200,   200,   200,  200,   401,       401,        401,    401,     401),
    "meetings-update":              (404,    403,   200,   200,  200,   401,       401,        401,    401,     401),
    "meetings-transcript":          (404,    200,   200,   200,  200,   401,       401,        401,    401,     401),
    "meetings-audio":               (404,    200,   200,   200,  200,   401,       401,        401,    401,     401),
    "meetings-export":              (404,    200,   200,   200,  200,   401,       401,        401,    401,     401),
    "meetings-enroll-speaker":      (404,    403,   201,   201,  201,   401,       401,        401,    401,     401),
    "meetings-delete":              (404,    403,   403,   204,  204,   401,       401,        401,    401,     401),
    "identities-create":            (404,    403,   201,   201,  201,   401,       401,        401,    401,     401),
    "identities-list":              (404,    200,   200,   200,  200,   401,       401,        401,    401,     401),
    "identities-get":               (404,    200,   200,   200,  200,   401,       401,        401,    401,     401),
    "identities-delete":            (404,    403,   403,   204,  204,   401,       401,        401,    401,     401),
    "workspaces-delete":            (404,    403,   403,   403,  204,   401,       401,        401,    401,     401),
    # These end credentials or accounts: run last, each valid principal on a session of its own.
    "auth-logout":                  (204,    204,   204,   204,  204,   401,       401,        401,    401,     401),
    "auth-password":                (200,    200,   200,   200,  200,   401,       401,        401,    401,     401),
    "users-delete-me":              (204,    204,   204,   204,  409,   401,       401,        401,    401,     401),
}
# fmt: on
REVEALS_A = {"invitations-preview"}
"""Rows whose answer may name workspace A to the outsider (the link says where it invites to)."""


def api_operations(app: FastAPI) -> dict[str, str]:
    """operationId -> "METHOD path" of every API route the app serves, hidden ones included (the
    routes themselves), and of every operation its OpenAPI spec describes."""
    operations: dict[str, str] = {}
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute):
            for method in sorted(route.methods or ()):
                operations[route.operation_id or route.unique_id] = f"{method} {context.path}"
    for path, described in app.openapi()["paths"].items():
        for method, operation in described.items():
            operations.setdefault(operation["operationId"], f"{method.upper()} {path}")
    return operations


@dataclass
class Account:
    email: str
    headers: Headers
    id: str = ""
    password: str = PASSWORD


@dataclass
class Actor:
    name: str
    account: Account | None
    """The principal's account; None for the credentials that must be refused."""
    refused_headers: Headers = field(default_factory=dict)

    @property
    def headers(self) -> Headers:
        return self.account.headers if self.account else self.refused_headers


@dataclass
class World:
    client: httpx.AsyncClient
    accounts: dict[str, Account]
    team: str
    meeting: dict[str, Any]
    person: dict[str, Any]
    pending_token: str
    counter: int = 0

    @property
    def owner(self) -> Headers:
        return in_workspace(self.accounts[OWNER].headers, self.team)

    def unique(self, what: str) -> str:
        self.counter += 1
        return f"{what}-{self.counter}"


Call = tuple[str, str, dict[str, Any]]
Prepare = Callable[[World, Actor], Awaitable[Call]]
VOICE = shared_audio("jfk.flac").read_bytes()


def mint(settings: Settings, subject: str, **claims: Any) -> Headers:
    """A session token signed with the API's secret; `claims` override the valid ones."""
    now = datetime.now(UTC)
    values = {
        "sub": subject,
        "jti": uuid.uuid4().hex,
        "iat": now,
        "exp": now + timedelta(hours=1),
        "aud": settings.jwt_audience,
        "iss": settings.jwt_issuer,
        "ver": 0,
        **claims,
    }
    return {"Authorization": f"Bearer {jwt.encode(values, settings.jwt_secret, algorithm=settings.jwt_algorithm)}"}


async def login(client: httpx.AsyncClient, account: Account) -> Headers:
    response = await client.post("/api/v1/auth/login", json={"email": account.email, "password": account.password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def fresh_team(w: World) -> str:
    """A new team of A's owner where viewer, member and admin hold their roles and a bystander is
    a member: the target of the rows that would otherwise use workspace A up."""
    team = await create_workspace(w.client, w.owner, w.unique("team"))
    for role, account in ((VIEWER, w.accounts[VIEWER]), (MEMBER, w.accounts[MEMBER]), (ADMIN, w.accounts[ADMIN])):
        await join(w.client, w.owner, team, account.headers, account.email, role)
    bystander = w.accounts["bystander"]
    await join(w.client, w.owner, team, bystander.headers, bystander.email, MEMBER)
    return team


async def enroll(client: httpx.AsyncClient, headers: Headers, name: str) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/identities", headers=headers, data={"name": name}, files={"sample": ("v.flac", VOICE)}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def fixed(method: str, path: str, **kwargs: Any) -> Prepare:
    """A request on the world's lasting resources (paths may name {team}, {meeting}, {task}, {person})."""

    async def prepare(w: World, _: Actor) -> Call:
        ids = {
            "team": w.team,
            "meeting": w.meeting["id"],
            "task": w.meeting["task_id"],
            "person": w.person["person_id"],
            "pending": w.pending_token,
        }
        return method, path.format(**ids), kwargs

    return prepare


async def register_call(w: World, _: Actor) -> Call:
    return "POST", "/api/v1/auth/register", {"json": {"email": f"{w.unique('new')}@example.com", "password": PASSWORD}}


async def login_call(w: World, _: Actor) -> Call:
    return "POST", "/api/v1/auth/login", {"json": {"email": w.accounts["bystander"].email, "password": PASSWORD}}


async def create_workspace_call(w: World, _: Actor) -> Call:
    return "POST", "/api/v1/workspaces", {"json": {"name": w.unique("created")}}


async def change_role_call(w: World, _: Actor) -> Call:
    team = await fresh_team(w)
    return "PATCH", f"/api/v1/workspaces/{team}/members/{w.accounts['bystander'].id}", {"json": {"role": VIEWER}}


async def remove_member_call(w: World, _: Actor) -> Call:
    team = await fresh_team(w)
    return "DELETE", f"/api/v1/workspaces/{team}/members/{w.accounts['bystander'].id}", {}


async def transfer_call(w: World, _: Actor) -> Call:
    team = await fresh_team(w)
    return "POST", f"/api/v1/workspaces/{team}/transfer", {"json": {"user_id": w.accounts["bystander"].id}}


async def delete_workspace_call(w: World, _: Actor) -> Call:
    return "DELETE", f"/api/v1/workspaces/{await fresh_team(w)}", {}


async def invite_call(w: World, _: Actor) -> Call:
    body = {"email": f"{w.unique('invitee')}@example.com", "role": MEMBER}
    return "POST", f"/api/v1/workspaces/{w.team}/invitations", {"json": body}


async def revoke_invitation_call(w: World, _: Actor) -> Call:
    invitation = await invite(w.client, w.owner, w.team, f"{w.unique('revoked')}@example.com")
    return "DELETE", f"/api/v1/workspaces/{w.team}/invitations/{invitation['id']}", {}


async def accept_call(w: World, actor: Actor) -> Call:
    """An invitation to the actor's own address, into a team of A's owner (A's owner is in it)."""
    team = await create_workspace(w.client, w.owner, w.unique("joinable"))
    email = (actor.account or w.accounts[OWNER]).email
    token = (await invite(w.client, w.owner, team, email, VIEWER))["token"]
    return "POST", f"/api/v1/invitations/{token}/accept", {}


async def create_key_call(w: World, _: Actor) -> Call:
    return "POST", "/api/v1/api-keys", {"json": {"name": w.unique("key"), "workspace_id": w.team, "role": VIEWER}}


async def revoke_key_call(w: World, _: Actor) -> Call:
    """Revoke a key of A's owner: only its owner may."""
    body = {"name": w.unique("owners-key"), "workspace_id": w.team, "role": VIEWER}
    created = await w.client.post("/api/v1/api-keys", headers=w.owner, json=body)
    assert created.status_code == 201, created.text
    return "DELETE", f"/api/v1/api-keys/{created.json()['id']}", {}


async def upload_call(w: World, actor: Actor) -> Call:
    return "POST", "/api/v1/process/", {"data": {"title": f"by {actor.name}"}, "files": {"file": ("jfk.flac", VOICE)}}


async def update_meeting_call(w: World, actor: Actor) -> Call:
    return "PATCH", f"/api/v1/meetings/{w.meeting['id']}", {"json": {"title": f"renamed by {actor.name}"}}


async def enroll_speaker_call(w: World, actor: Actor) -> Call:
    path = f"/api/v1/meetings/{w.meeting['id']}/speakers/SPEAKER_00/enroll"
    return "POST", path, {"json": {"name": f"enrolled by {actor.name}"}}


async def delete_meeting_call(w: World, _: Actor) -> Call:
    meeting = await upload_recording(w.client, w.owner, title=w.unique("doomed"))
    return "DELETE", f"/api/v1/meetings/{meeting['id']}", {}


async def create_person_call(w: World, actor: Actor) -> Call:
    return "POST", "/api/v1/identities", {"data": {"name": f"by {actor.name}"}, "files": {"sample": ("v.flac", VOICE)}}


async def delete_person_call(w: World, _: Actor) -> Call:
    person = await enroll(w.client, w.owner, w.unique("doomed person"))
    return "DELETE", f"/api/v1/identities/{person['person_id']}", {}


async def logout_call(w: World, actor: Actor) -> Call:
    """A session of its own, so the principal's other rows keep theirs."""
    if actor.account is not None:
        return "POST", "/api/v1/auth/logout", {"headers": await login(w.client, actor.account)}
    return "POST", "/api/v1/auth/logout", {}


async def password_call(w: World, actor: Actor) -> Call:
    current = actor.account.password if actor.account else PASSWORD
    return "POST", "/api/v1/auth/password", {"json": {"current_password": current, "new_password": "a new long pass"}}


async def delete_me_call(w: World, actor: Actor) -> Call:
    return "DELETE", "/api/v1/users/me", {"json": {"password": actor.account.password if actor.account else PASSWORD}}


REQUESTS: dict[str, Prepare] = {
    "health-check": fixed("GET", "/health"),
    "auth-register": register_call,
    "auth-login": login_call,
    "users-me": fixed("GET", "/api/v1/users/me"),
    "workspaces-list": fixed("GET", "/api/v1/workspaces"),
    "workspaces-create": create_workspace_call,
    "workspaces-rename": fixed("PATCH", "/api/v1/workspaces/{team}", json={"name": "Team A"}),
    "members-list": fixed("GET", "/api/v1/workspaces/{team}/members"),
    "members-change-role": change_role_call,
    "members-remove": remove_member_call,
    "workspaces-transfer": transfer_call,
    "invitations-create": invite_call,
    "invitations-list": fixed("GET", "/api/v1/workspaces/{team}/invitations"),
    "invitations-revoke": revoke_invitation_call,
    "invitations-preview": fixed("GET", "/api/v1/invitations/{pending}"),
    "invitations-accept": accept_call,
    "audit-list": fixed("GET", "/api/v1/workspaces/{team}/audit"),
    "keys-create": create_key_call,
    "keys-list": fixed("GET", "/api/v1/api-keys"),
    "keys-revoke": revoke_key_call,
    "process-upload": upload_call,
    "process-status": fixed("GET", "/api/v1/process/status/{task}"),
    "meetings-list": fixed("GET", "/api/v1/meetings"),
    "meetings-get": fixed("GET", "/api/v1/meetings/{meeting}"),
    "meetings-update": update_meeting_call,
    "meetings-transcript": fixed("GET", "/api/v1/meetings/{meeting}/transcript"),
    "meetings-audio": fixed("GET", "/api/v1/meetings/{meeting}/audio"),
    "meetings-export": fixed("GET", "/api/v1/meetings/{meeting}/export", params={"format": "txt"}),
    "meetings-enroll-speaker": enroll_speaker_call,
    "meetings-delete": delete_meeting_call,
    "identities-create": create_person_call,
    "identities-list": fixed("GET", "/api/v1/identities"),
    "identities-get": fixed("GET", "/api/v1/identities/{person}"),
    "identities-delete": delete_person_call,
    "workspaces-delete": delete_workspace_call,
    "auth-logout": logout_call,
    "auth-password": password_call,
    "users-delete-me": delete_me_call,
}


async def after_password_change(actor: Actor, response: httpx.Response) -> None:
    """The change ends every earlier session: the principal goes on with the token it returned."""
    if actor.account is not None and response.status_code == 200:
        actor.account.password = "a new long pass"
        actor.account.headers = {"Authorization": f"Bearer {response.json()['access_token']}"}


async def build_world(
    client: httpx.AsyncClient, settings: Settings, s3: Any, redis_client: redis.Redis, folder: Path
) -> tuple[World, dict[str, Actor]]:
    accounts = {name: Account(f"{name}@example.com", {}) for name in (OWNER, ADMIN, MEMBER, VIEWER, OUTSIDER)}
    accounts["bystander"] = Account("bystander@example.com", {})
    for account in accounts.values():
        account.headers = await register(client, account.email)
        account.id = await user_id(client, account.headers)
    owner = accounts[OWNER].headers
    team = await create_workspace(client, owner, "Team A")
    for role in (VIEWER, MEMBER, ADMIN):
        await join(client, owner, team, accounts[role].headers, accounts[role].email, role)
    await join(client, owner, team, accounts["bystander"].headers, "bystander@example.com", MEMBER)
    in_a = in_workspace(owner, team)
    meeting = await process_like_the_worker(client, in_a, s3, redis_client, folder)
    person = await enroll(client, in_a, "Ada")
    pending = (await invite(client, in_a, team, "newcomer@example.com", VIEWER))["token"]
    # The outsider owns workspace B, with a meeting of its own.
    outsider = accounts[OUTSIDER].headers
    await upload_recording(client, in_workspace(outsider, await personal_workspace(client, outsider)), title="B's")

    logged_out = await login(client, accounts[OWNER])
    assert (await client.get("/api/v1/users/me", headers=logged_out)).status_code == 200  # until the logout
    assert (await client.post("/api/v1/auth/logout", headers=logged_out)).status_code == 204
    key = await client.post("/api/v1/api-keys", headers=owner, json={"name": "k", "workspace_id": team, "role": OWNER})
    revoked_key = {"Authorization": f"Bearer {key.json()['token']}"}
    assert (await client.get("/api/v1/meetings", headers=in_workspace(revoked_key, team))).status_code == 200
    assert (await client.delete(f"/api/v1/api-keys/{key.json()['id']}", headers=owner)).status_code == 204
    owner_id = accounts[OWNER].id
    # The minted tokens are refused for their one wrong claim only: the same with valid claims works.
    assert (await client.get("/api/v1/users/me", headers=mint(settings, owner_id))).status_code == 200
    refused = {
        LOGGED_OUT: logged_out,
        REVOKED_KEY: revoked_key,
        EXPIRED: mint(
            settings, owner_id, iat=datetime.now(UTC) - timedelta(hours=2), exp=datetime.now(UTC) - timedelta(hours=1)
        ),
        AUDIENCE: mint(settings, owner_id, aud="another-service"),
        ISSUER: mint(settings, owner_id, iss="https://issuer.example"),
    }
    actors = {name: Actor(name, accounts[name]) for name in (OUTSIDER, VIEWER, MEMBER, ADMIN, OWNER)}
    actors.update({name: Actor(name, None, headers) for name, headers in refused.items()})
    return World(client, accounts, team, meeting, person, pending), actors


def test_every_route_has_a_row() -> None:
    """The table covers every operation the app serves, and names none it does not: a new
    endpoint fails here until someone decides who may call it."""
    app = create_app(make_settings("postgresql+asyncpg://x@127.0.0.1:1/x", "redis://127.0.0.1:1", "http://127.0.0.1:1"))
    served = api_operations(app)
    assert set(MATRIX) == set(served), {
        "without a row": sorted(set(served) - set(MATRIX)),
        "not served": sorted(set(MATRIX) - set(served)),
    }
    assert set(REQUESTS) == set(MATRIX)
    assert all(len(statuses) == len(PRINCIPALS) for statuses in MATRIX.values())


async def test_authorization_matrix(
    client: httpx.AsyncClient, settings: Settings, s3: Any, redis_client: redis.Redis, tmp_path: Path
) -> None:
    """Each principal gets exactly the status of its column for every operation; the outsider's
    answers never name A's workspace, meeting or person; refusals use the one error body."""
    world, actors = await build_world(client, settings, s3, redis_client, tmp_path)
    served = api_operations(create_app(settings))
    mismatches: list[str] = []
    for operation, statuses in MATRIX.items():
        for name, expected in zip(PRINCIPALS, statuses, strict=True):
            actor = actors[name]
            method, path, kwargs = await REQUESTS[operation](world, actor)
            assert served[operation].split(" ")[0] == method, (operation, method)
            headers = in_workspace(actor.headers, world.team) | kwargs.pop("headers", {})
            response = await world.client.request(method, path, headers=headers, **kwargs)
            if response.status_code != expected:
                got = f"got {response.status_code}: {response.text[:160]}"
                mismatches.append(f"{operation:26} {name:12} expected {expected}, {got}")
                continue
            if operation == "auth-password":
                await after_password_change(actor, response)
            if expected >= 400:
                code = {401: "not_authenticated", 403: "forbidden", 404: "not_found", 409: "conflict"}[expected]
                assert response.json()["error"]["code"] == code, (operation, name, response.text)
            if name == OUTSIDER and operation not in REVEALS_A:
                for secret in (world.team, world.meeting["id"], world.person["person_id"]):
                    assert secret not in response.text, (operation, "shows the outsider", secret)
    assert not mismatches, "\n" + "\n".join(mismatches)
    # The last rename of A's meeting that was allowed is the owner's: nobody after it (refused
    # credentials) and nobody refused before it changed the title.
    renamed = await world.client.get(f"/api/v1/meetings/{world.meeting['id']}", headers=world.owner)
    assert renamed.json()["title"] == "renamed by owner"


# --- API keys: a key never acts above its own role, nor above its user's role now ------------------


async def upload(client: httpx.AsyncClient, headers: Headers) -> httpx.Response:
    return await client.post("/api/v1/process/", headers=headers, files={"file": ("jfk.flac", VOICE)})


async def test_a_viewer_key_cannot_upload_even_when_its_user_owns_the_workspace(
    client: httpx.AsyncClient, alice: Headers
) -> None:
    """A key made with the viewer role reads but is refused uploads (403, naming the roles), while
    its user, the owner, uploads with a session; and a key cannot mint keys or workspaces."""
    personal = await personal_workspace(client, alice)
    key = await api_key(client, alice, personal, "viewer")
    refused = await upload(client, key)
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["details"] == {"role": "viewer", "required": "member", "action": "upload"}
    assert (await client.get("/api/v1/meetings", headers=key)).status_code == 200
    team = await create_workspace(client, alice, "the owner's team")
    assert (await client.get("/api/v1/meetings", headers=in_workspace(key, team))).status_code == 404  # one workspace
    assert (await upload(client, alice)).status_code == 202
    [uploaded] = (await client.get(f"/api/v1/workspaces/{personal}/audit", headers=alice)).json()["items"][:1]
    assert (uploaded["action"], uploaded["api_key_id"]) == ("meeting.uploaded", None)
    another = {"name": "k2", "workspace_id": personal, "role": "viewer"}
    assert (await client.post("/api/v1/api-keys", headers=key, json=another)).status_code == 403
    assert (await client.post("/api/v1/workspaces", headers=key, json={"name": "x"})).status_code == 403
    bob = await register(client, "bob@example.com")
    foreign = await client.post("/api/v1/api-keys", headers=bob, json={**another, "role": "owner"})
    assert foreign.status_code == 404  # a key for someone else's workspace: not even its existence shows


async def test_a_key_outlives_its_users_demotion_only_with_the_lower_role(
    client: httpx.AsyncClient, alice: Headers, bob: Headers
) -> None:
    """Bob's admin key acts with min(key role, Bob's role now): demoted to viewer it only reads,
    promoted back it deletes again, made owner it still cannot do what only owners do, and once
    Bob is removed from the workspace the key is refused."""
    team = await create_workspace(client, alice, "Team")
    await join(client, alice, team, bob, "bob@example.com", "admin")
    bob_id = await user_id(client, bob)
    key = await api_key(client, bob, team, "admin")
    first = await upload_recording(client, in_workspace(alice, team), title="one")
    second = await upload_recording(client, in_workspace(alice, team), title="two")

    async def set_role(role: str) -> None:
        changed = await client.patch(f"/api/v1/workspaces/{team}/members/{bob_id}", headers=alice, json={"role": role})
        assert changed.status_code == 200, changed.text

    await set_role("viewer")
    above = {"name": "k2", "workspace_id": team, "role": "member"}
    assert (await client.post("/api/v1/api-keys", headers=bob, json=above)).status_code == 403
    assert (await client.get(f"/api/v1/meetings/{first['id']}", headers=key)).status_code == 200
    assert (await client.patch(f"/api/v1/meetings/{first['id']}", headers=key, json={"title": "x"})).status_code == 403
    assert (await client.delete(f"/api/v1/meetings/{first['id']}", headers=key)).status_code == 403
    assert (await upload(client, key)).status_code == 403
    await set_role("admin")
    assert (await client.delete(f"/api/v1/meetings/{first['id']}", headers=key)).status_code == 204
    await set_role("owner")
    renamed = await client.patch(f"/api/v1/workspaces/{team}", headers=key, json={"name": "by key"})
    assert renamed.status_code == 403, renamed.text  # the key was made admin: owner rights stay out of reach
    assert (await client.patch(f"/api/v1/workspaces/{team}", headers=bob, json={"name": "by Bob"})).status_code == 200
    await set_role("admin")  # (an owner can be demoted while another owner remains)
    assert (await client.delete(f"/api/v1/workspaces/{team}/members/{bob_id}", headers=alice)).status_code == 204
    gone = await client.get(f"/api/v1/meetings/{second['id']}", headers=key)
    assert gone.status_code == 401, gone.text


async def test_a_revoked_or_expired_key_is_refused_at_once(
    client: httpx.AsyncClient, alice: Headers, owner_database_url: str
) -> None:
    """The request right after the revocation is refused (401), the list shows when; a key whose
    expiry has passed is refused the same way."""
    personal = await personal_workspace(client, alice)
    created = await client.post("/api/v1/api-keys", headers=alice, json={"name": "k", "workspace_id": personal})
    key = {"Authorization": f"Bearer {created.json()['token']}"}
    assert (await client.get("/api/v1/meetings", headers=key)).status_code == 200
    assert (await client.delete(f"/api/v1/api-keys/{created.json()['id']}", headers=alice)).status_code == 204
    assert (await client.get("/api/v1/meetings", headers=key)).status_code == 401
    [listed] = (await client.get("/api/v1/api-keys", headers=alice)).json()["items"]
    assert listed["revoked_at"] is not None
    assert listed["last_used_at"] is not None
    expiring = await client.post(
        "/api/v1/api-keys", headers=alice, json={"name": "e", "workspace_id": personal, "expires_in_days": 1}
    )
    expiring_key = {"Authorization": f"Bearer {expiring.json()['token']}"}
    assert (await client.get("/api/v1/meetings", headers=expiring_key)).status_code == 200
    await owner_rows(
        owner_database_url,
        "UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = :id",
        id=expiring.json()["id"],
    )
    assert (await client.get("/api/v1/meetings", headers=expiring_key)).status_code == 401
