"""Whether the API's dependencies answer: PostgreSQL, Redis and S3."""

import asyncio
from collections.abc import Awaitable

from scribe_contracts import Bucket
from sqlalchemy import text

from app.core.errors import ServiceUnavailable
from app.resources import Resources

_TIMEOUT_S = 3.0


async def _probe(check: Awaitable[object]) -> str:
    try:
        await asyncio.wait_for(check, _TIMEOUT_S)
    except Exception as error:  # any failure means "down"; the reason is reported
        return f"error: {type(error).__name__}"
    return "ok"


async def _database(resources: Resources) -> None:
    async with resources.engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


async def check_health(resources: Resources) -> dict[str, str]:
    checks = dict(
        zip(
            ("database", "redis", "storage"),
            await asyncio.gather(
                _probe(_database(resources)),
                _probe(resources.redis.ping()),
                _probe(resources.storage.ping(Bucket.UPLOADS)),
            ),
            strict=True,
        )
    )
    if any(result != "ok" for result in checks.values()):
        raise ServiceUnavailable("a dependency is unavailable", checks)
    return checks
