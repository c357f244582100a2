"""The FastAPI application: `create_app(settings)`; `app` is the instance uvicorn serves."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import structlog
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from scribe_contracts import LIMITS, WHISPER_LANGUAGES
from scribe_runtime import configure_logging
from sqlalchemy.exc import SQLAlchemyError

from app.api.router import api_router
from app.api.v1 import health
from app.core.config import Environment, Settings
from app.core.db import role_bypasses_tenancy
from app.core.errors import install_error_handlers
from app.resources import Resources
from app.services.meeting_events import MeetingEventConsumer

log = structlog.get_logger()
SHUTDOWN_STEP_TIMEOUT_S = 5.0
DESCRIPTION = """Smart Meeting Scribe: upload a recording, get a transcript that says who said what.

Authenticate with `POST /api/v1/auth/login` and send `Authorization: Bearer <token>`, or, from a
script, with an API key (`POST /api/v1/api-keys`): `Authorization: Bearer sms_...`.
Meetings and voices belong to workspaces; collection endpoints act in the one named by the
`X-Workspace-Id` header (default: your personal workspace, or the API key's).
Errors always answer `{"error": {"code", "message", "details"}}`."""


async def _bounded(what: str, awaitable: Awaitable[object], on_timeout: Callable[[], object] | None = None) -> None:
    """Wait for a shutdown step, but never hang the process on it."""
    try:
        await asyncio.wait_for(awaitable, SHUTDOWN_STEP_TIMEOUT_S)
    except TimeoutError:
        log.warning("shutdown_step_timed_out", step=what)
        if on_timeout is not None:
            on_timeout()


def create_app(settings: Settings | None = None, consume_events: bool = True) -> FastAPI:
    settings = settings or Settings()
    configure_logging(settings.log_level, json=settings.environment is Environment.PRODUCTION)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        resources = Resources.build(settings)
        await _check_database_role(resources, settings)
        app.state.resources = resources
        consumer = MeetingEventConsumer(
            resources.redis,
            resources.sessions,
            settings.events_consumer_name,
            settings.stale_after_seconds,
            settings.stale_check_interval_seconds,
        )
        consumer_task = asyncio.create_task(consumer.run(), name="meeting-events") if consume_events else None
        try:
            yield
        finally:
            if consumer_task is not None:
                consumer.stop()
                await _bounded("meeting_events_consumer", asyncio.shield(consumer_task), consumer_task.cancel)
            for name, closing in resources.closers().items():
                await _bounded(name, closing)

    docs = settings.docs_enabled
    app = FastAPI(
        title="Smart Meeting Scribe API",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
    )
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(api_router)
    _publish_shared_limits(app)
    return app


async def _check_database_role(resources: Resources, settings: Settings) -> None:
    """Row-level security only binds a role that cannot bypass it: refuse to serve production
    through one that can (a superuser, BYPASSRLS, the tables' owner); elsewhere, say so loudly."""
    try:
        async with resources.engine.connect() as connection:
            escape = await role_bypasses_tenancy(connection)
    except (OSError, SQLAlchemyError) as error:
        if settings.environment is Environment.PRODUCTION:
            raise RuntimeError(
                "the database is unreachable: its role cannot be checked, so the API does not start"
            ) from error
        log.warning("database_role_not_checked", error=str(error))  # locally /health reports it
        return
    if escape is None:
        return
    message = f"DATABASE_URL's role escapes row-level security: {escape}; connect as DATABASE_APP_ROLE"
    if settings.environment is Environment.PRODUCTION:
        raise RuntimeError(message)
    log.warning("database_role_bypasses_tenancy", reason=escape)


def _publish_shared_limits(app: FastAPI) -> None:
    """The spec also carries the contracts' limits and Whisper's languages: the web app generates
    its form rules from them (`npm run generate-client`), so the three sides never disagree."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = build()
            spec["info"]["x-scribe-limits"] = dict(LIMITS)
            spec["info"]["x-scribe-languages"] = dict(WHISPER_LANGUAGES)
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]


def __getattr__(name: str) -> FastAPI:
    # `uvicorn app.main:app` builds the app from the environment on first access, not at import.
    if name == "app":
        return create_app()
    raise AttributeError(name)
