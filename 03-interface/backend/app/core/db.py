"""The async SQLAlchemy engine, the declarative base of the ORM models, and the application's
database role.

Two roles: the migrations run as the tables' owner (MIGRATION_DATABASE_URL); the API connects as
DATABASE_APP_ROLE, which may read and write rows but is no superuser, cannot bypass row-level
security and owns nothing, so the tenant policies always apply to it.
"""

from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase

import app.core.tenancy  # noqa: F401 - registers the listener that scopes every transaction


class Base(DeclarativeBase):
    pass


def create_engine(database_url: str) -> AsyncEngine:
    return create_async_engine(database_url, pool_pre_ping=True, connect_args={"timeout": 5})


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def ensure_application_role(connection: Connection, role: str, password: str | None) -> None:
    """Create (or repair) the API's role and give it the rows and functions it needs, nothing more.

    Run by the migrations as the owner, after every upgrade, so tables added later are granted too.
    Without a password the role can only log in where the server trusts local connections.
    """
    name = connection.dialect.identifier_preparer.quote(role)
    exists = connection.scalar(text("SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = :role)"), {"role": role})
    if not exists:
        connection.execute(text(f"CREATE ROLE {name} LOGIN"))
    attributes = "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT"
    if password:
        attributes += f" PASSWORD {_literal(password)}"
    connection.execute(text(f"ALTER ROLE {name} {attributes}"))
    database = connection.dialect.identifier_preparer.quote(str(connection.scalar(text("SELECT current_database()"))))
    for statement in (
        f"GRANT CONNECT ON DATABASE {database} TO {name}",
        f"GRANT USAGE ON SCHEMA public TO {name}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}",
        f"REVOKE ALL ON alembic_version FROM {name}",
        f"GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {name}",
    ):
        connection.execute(text(statement))


async def role_bypasses_tenancy(connection: AsyncConnection) -> str | None:
    """Why the connected role would escape row-level security, or None when it cannot."""
    row = (
        await connection.execute(
            text(
                "SELECT rolsuper, rolbypassrls, EXISTS (SELECT FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename = 'meetings' AND tableowner = current_user) FROM pg_roles WHERE rolname = current_user"
            )
        )
    ).one()
    superuser, bypass, owner = row
    if superuser:
        return "it is a superuser"
    if bypass:
        return "it has BYPASSRLS"
    if owner:
        return "it owns the tables (run migrations as another role: MIGRATION_DATABASE_URL)"
    return None


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
