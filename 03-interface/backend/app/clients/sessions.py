"""Revoked sessions, in Redis: a logged-out token's `jti` is kept until the token would have
expired anyway, so a stolen token stops working the moment its owner logs out.

Checked on every request made with a session token; when Redis cannot answer, the request is
refused (503) rather than let a possibly revoked token through.
"""

from collections.abc import Awaitable
from datetime import UTC, datetime
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from app.core.errors import ServiceUnavailable

_KEY = "scribe:revoked-session:{session_id}"


class SessionStoreUnavailable(ServiceUnavailable):
    code = "session_store_unavailable"


class SessionRevocations:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def revoke(self, session_id: str, expires_at: datetime) -> None:
        remaining = int((expires_at - datetime.now(UTC)).total_seconds()) + 1
        if remaining > 0:
            await self._call(self._redis.set(_KEY.format(session_id=session_id), b"1", ex=remaining))

    async def is_revoked(self, session_id: str) -> bool:
        return bool(await self._call(self._redis.exists(_KEY.format(session_id=session_id))))

    @staticmethod
    async def _call(command: Awaitable[Any]) -> Any:
        try:
            return await command
        except (RedisError, OSError) as error:
            raise SessionStoreUnavailable("the session store is unavailable") from error
