"""The second lock: PostgreSQL's row-level security, seen from the application role itself.

These tests talk to the database without the API's services (raw SQL as `scribe_app`, the role the
API connects as), so what they prove holds even for a query that forgot its tenant filter: a
transaction scoped to one principal (the settings app/core/tenancy.py sets) sees and writes only
that principal's workspaces, an unscoped one sees no tenant row, and the role cannot turn the
policies off. The owner's connection (no row-level security) checks what really is stored.
"""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from scribe_runtime import configure_logging
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine
from sqlalchemy.pool import NullPool

from app.core.config import Environment, Settings
from app.core.tenancy import NO_TENANT, TenantScope, apply_scope
from app.main import create_app
from tests.conftest import (
    APP_ROLE,
    Headers,
    api_key,
    create_workspace,
    in_workspace,
    invite,
    owner_rows,
    personal_workspace,
    register,
    user_id,
)
from tests.worker_output import upload_recording

# table -> the column that names the row's tenant (api_keys belong to a user: their policy says so).
TENANT_TABLES = {
    "workspaces": "id",
    "memberships": "workspace_id",
    "invitations": "workspace_id",
    "api_keys": "workspace_id",
    "audit_events": "workspace_id",
    "meetings": "workspace_id",
}


@dataclass
class Tenant:
    user_id: uuid.UUID
    personal: uuid.UUID
    team: uuid.UUID
    meeting_id: uuid.UUID

    @property
    def workspaces(self) -> set[uuid.UUID]:
        return {self.personal, self.team}

    def scope(self) -> TenantScope:
        """The scope the API gives this user's session: their user id and their workspaces."""
        return TenantScope.of(self.user_id, self.workspaces)


async def make_tenant(client: httpx.AsyncClient, email: str) -> Tenant:
    """A user with a row in every tenant table: a team workspace, an invitation, a meeting (and
    its audit entry), an API key."""
    headers: Headers = await register(client, email)
    personal = await personal_workspace(client, headers)
    team = await create_workspace(client, headers, f"team of {email}")
    await invite(client, headers, team, f"guest-of-{email}")
    await api_key(client, headers, team, "viewer")
    meeting = await upload_recording(client, in_workspace(headers, team), title=f"meeting of {email}")
    return Tenant(
        uuid.UUID(await user_id(client, headers)), uuid.UUID(personal), uuid.UUID(team), uuid.UUID(meeting["id"])
    )


@pytest.fixture
async def tenants(client: httpx.AsyncClient) -> tuple[Tenant, Tenant]:
    return await make_tenant(client, "alice@example.com"), await make_tenant(client, "bob@example.com")


@asynccontextmanager
async def app_transaction(database_url: str, scope: TenantScope | None) -> AsyncIterator[AsyncConnection]:
    """A transaction as the application role; scoped like the API's when `scope` is given."""
    engine = create_async_engine(database_url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            transaction = await connection.begin()
            if scope is not None:
                await apply_scope(connection, scope)
            try:
                yield connection
            finally:
                if transaction.is_active:
                    await transaction.rollback()
    finally:
        await engine.dispose()


async def tenants_of(connection: AsyncConnection, table: str) -> set[uuid.UUID]:
    """The tenants of every row of `table` the connection can see (no WHERE clause at all)."""
    column = TENANT_TABLES[table]
    return {row[0] for row in (await connection.execute(text(f"SELECT {column} FROM {table}"))).all()}


async def test_a_scoped_transaction_sees_only_its_principals_rows(
    database_url: str, owner_database_url: str, tenants: tuple[Tenant, Tenant]
) -> None:
    """SELECT without any tenant filter, in a transaction scoped to Alice, returns Alice's rows of
    every tenant table and none of Bob's, although the owner sees that Bob's rows exist."""
    alice, bob = tenants
    async with app_transaction(database_url, alice.scope()) as connection:
        for table in TENANT_TABLES:
            seen = await tenants_of(connection, table)
            stored = {
                row[0] for row in await owner_rows(owner_database_url, f"SELECT {TENANT_TABLES[table]} FROM {table}")
            }
            assert bob.team in stored, f"{table}: the fixture should have stored a row of Bob's"
            assert seen, f"{table}: Alice sees none of her own rows"
            assert seen <= alice.workspaces, f"{table}: Alice sees rows of {seen - alice.workspaces}"
        users = (await connection.execute(text("SELECT DISTINCT user_id FROM api_keys"))).scalars().all()
        assert users == [alice.user_id]
        meetings = (await connection.execute(text("SELECT id FROM meetings"))).scalars().all()
        assert meetings == [alice.meeting_id]
        # Not even by its id: Bob's meeting is simply not there for Alice.
        by_id = await connection.execute(text("SELECT count(*) FROM meetings WHERE id = :id"), {"id": bob.meeting_id})
        assert by_id.scalar_one() == 0


async def test_a_scope_of_one_workspace_hides_the_principals_other_workspaces(
    database_url: str, tenants: tuple[Tenant, Tenant]
) -> None:
    """An API key's scope (one workspace) hides the user's other workspaces too, not only other
    users': the team's meeting and invitation vanish when only the personal workspace is in scope."""
    alice, _ = tenants
    async with app_transaction(database_url, TenantScope.of(alice.user_id, {alice.personal})) as connection:
        for table in ("meetings", "invitations", "audit_events", "workspaces"):
            assert alice.team not in await tenants_of(connection, table), table
        # Memberships stay visible by user id (how a session finds its workspaces), nothing more.
        assert await tenants_of(connection, "memberships") == alice.workspaces


async def test_without_a_scope_no_tenant_row_is_visible(
    database_url: str, owner_database_url: str, tenants: tuple[Tenant, Tenant]
) -> None:
    """A transaction that never set the settings, or set the empty scope, sees no tenant row at all."""
    for scope in (None, NO_TENANT):
        async with app_transaction(database_url, scope) as connection:
            for table in TENANT_TABLES:
                count = (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
                assert count == 0, (scope, table)
    stored = await owner_rows(owner_database_url, "SELECT count(*) FROM meetings")
    assert stored[0][0] == 2


async def test_writes_into_another_workspace_are_refused(
    database_url: str, owner_database_url: str, tenants: tuple[Tenant, Tenant]
) -> None:
    """Scoped to Alice: inserting a meeting into Bob's workspace, or moving hers there, violates the
    policy; updating or deleting Bob's meeting touches no row. Bob's meeting is unchanged."""
    alice, bob = tenants
    insert = text(
        "INSERT INTO meetings (id, workspace_id, title, content_type, size_bytes, media_kind, speakers_hint, "
        "status, progress, task_id, speaker_names, created_at, updated_at) VALUES (:id, :workspace, 'planted', "
        "'audio/flac', 1, 'audio', '{}', 'queued', 0, :task, '{}', now(), now())"
    )
    async with app_transaction(database_url, alice.scope()) as connection:
        # Control: the same statement into her own workspace is allowed.
        await connection.execute(insert, {"id": uuid.uuid4(), "workspace": alice.team, "task": uuid.uuid4().hex})
    async with app_transaction(database_url, alice.scope()) as connection:
        with pytest.raises(DBAPIError, match="row-level security"):
            await connection.execute(insert, {"id": uuid.uuid4(), "workspace": bob.team, "task": uuid.uuid4().hex})
    async with app_transaction(database_url, alice.scope()) as connection:
        with pytest.raises(DBAPIError, match="row-level security"):
            await connection.execute(
                text("UPDATE meetings SET workspace_id = :bob WHERE id = :id"),
                {"bob": bob.team, "id": alice.meeting_id},
            )
    async with app_transaction(database_url, alice.scope()) as connection:
        renamed = await connection.execute(
            text("UPDATE meetings SET title = 'pwned' WHERE id = :id"), {"id": bob.meeting_id}
        )
        deleted = await connection.execute(text("DELETE FROM meetings WHERE workspace_id = :bob"), {"bob": bob.team})
        assert (renamed.rowcount, deleted.rowcount) == (0, 0)
        await connection.commit()
    [(title,)] = await owner_rows(owner_database_url, "SELECT title FROM meetings WHERE id = :id", id=bob.meeting_id)
    assert title == "meeting of bob@example.com"


async def test_the_application_role_cannot_switch_the_policies_off(
    database_url: str, owner_database_url: str, tenants: tuple[Tenant, Tenant]
) -> None:
    """scribe_app is no superuser, has no BYPASSRLS and owns no table, so every way out fails:
    `SET row_security = off` makes queries on policed tables fail instead of showing everything;
    disabling RLS, dropping a policy, granting itself BYPASSRLS or becoming the owner are refused."""
    [(superuser, bypass)] = await owner_rows(
        owner_database_url, "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = :role", role=APP_ROLE
    )
    assert (superuser, bypass) == (False, False)
    owners = await owner_rows(
        owner_database_url,
        "SELECT tablename, tableowner, rowsecurity FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY(:t)",
        t=list(TENANT_TABLES),
    )
    assert {name for name, _, _ in owners} == set(TENANT_TABLES)
    assert all(owner != APP_ROLE and enabled for _, owner, enabled in owners), owners
    alice, _ = tenants
    async with app_transaction(database_url, alice.scope()) as connection:
        await connection.execute(text("SET row_security = off"))  # accepted, but then no query can skip a policy
        with pytest.raises(DBAPIError, match="would be affected by row-level security"):
            await connection.execute(text("SELECT count(*) FROM meetings"))
    escapes = [
        ("ALTER TABLE meetings DISABLE ROW LEVEL SECURITY", "must be owner"),
        ("ALTER TABLE meetings NO FORCE ROW LEVEL SECURITY", "must be owner"),
        ("DROP POLICY tenant_isolation ON meetings", "must be owner"),
        ("CREATE POLICY everything ON meetings USING (true)", "must be owner"),
        (f"ALTER ROLE {APP_ROLE} BYPASSRLS", "must be superuser|permission denied"),
        ("SET ROLE postgres", "permission denied"),
        ("ALTER TABLE meetings OWNER TO scribe_app", "must be owner"),
    ]
    for statement, refusal in escapes:
        async with app_transaction(database_url, alice.scope()) as connection:
            with pytest.raises(DBAPIError, match=refusal):
                await connection.execute(text(statement))
    async with app_transaction(database_url, None) as connection:
        # Still policed afterwards (each attempt was its own, rolled back, transaction).
        assert (await connection.execute(text("SELECT count(*) FROM meetings"))).scalar_one() == 0


def production_settings(database_url: str, **overrides: Any) -> Settings:
    """Valid production settings (no placeholder secrets) on `database_url`."""
    values: dict[str, Any] = {
        "environment": Environment.PRODUCTION,
        "database_url": database_url,
        "redis_url": "redis://127.0.0.1:1/0",
        "s3_endpoint_url": "http://127.0.0.1:1",
        "s3_access_key": "prod-access-key",
        "s3_secret_key": "prod-secret-key-value",
        "jwt_secret": "a-long-production-secret-" + "z" * 32,
    }
    return Settings(**{**values, **overrides})


def with_password(url: str, user: str) -> str:
    """The URL as `user` with a password (the server trusts loopback, production settings want one)."""
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{user}:not-a-placeholder-pw@{rest.split('@', 1)[1]}"


async def start(settings: Settings) -> None:
    app = create_app(settings, consume_events=False)
    try:
        async with app.router.lifespan_context(app):
            pass
    finally:
        configure_logging("INFO", json=False)  # production switched the process's logs to JSON


async def test_production_refuses_a_database_role_that_bypasses_row_level_security(
    database_url: str, owner_database_url: str
) -> None:
    """In production the API does not start through a role that could escape the policies: the
    superuser owner, or a role with BYPASSRLS. Through the application role it starts."""
    with pytest.raises(RuntimeError, match="superuser"):
        await start(production_settings(with_password(owner_database_url, "postgres")))
    bypasser = f"bypass_{uuid.uuid4().hex[:8]}"
    await owner_rows(owner_database_url, f"CREATE ROLE {bypasser} LOGIN BYPASSRLS")
    try:
        with pytest.raises(RuntimeError, match="BYPASSRLS"):
            await start(production_settings(with_password(owner_database_url, bypasser)))
    finally:
        await owner_rows(owner_database_url, f"DROP ROLE {bypasser}")
    await start(production_settings(with_password(database_url, APP_ROLE)))  # the control: no error


async def test_a_principal_cannot_add_itself_to_another_workspace(
    database_url: str, owner_database_url: str, tenants: tuple[Tenant, Tenant]
) -> None:
    """Scoped to Alice, inserting a membership of Alice into Bob's team (as owner) must be refused
    like any other write into a workspace outside the scope."""
    alice, bob = tenants
    async with app_transaction(database_url, alice.scope()) as connection:
        with pytest.raises(DBAPIError, match="row-level security"):
            await connection.execute(
                text(
                    "INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (:w, :u, 'owner', now())"
                ),
                {"w": bob.team, "u": alice.user_id},
            )
