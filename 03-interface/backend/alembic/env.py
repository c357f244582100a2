"""Alembic migrations, run with the async engine as the tables' owner: MIGRATION_DATABASE_URL
(else DATABASE_URL, for local set-ups; or `sqlalchemy.url` if set). After the last migration the
API's own role (DATABASE_APP_ROLE) is created or repaired and granted what exists now."""

import asyncio
from logging.config import fileConfig

from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from alembic import context
from app import models  # noqa: F401 - registers the tables on Base.metadata
from app.core.config import Environment, Settings
from app.core.db import Base, ensure_application_role

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name)
target_metadata = Base.metadata


settings = Settings()


def _url() -> str:
    configured = config.get_main_option("sqlalchemy.url") or settings.migration_database_url
    if configured is None and settings.environment is Environment.PRODUCTION:
        raise SystemExit("MIGRATION_DATABASE_URL must name the tables' owner in production")
    return configured or settings.database_url


def _migrate(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
        if context.get_context().get_current_revision() is not None:
            ensure_application_role(connection, settings.database_app_role, settings.database_app_password)


async def _run_online() -> None:
    engine = create_async_engine(_url())
    async with engine.connect() as connection:
        await connection.run_sync(_migrate)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
