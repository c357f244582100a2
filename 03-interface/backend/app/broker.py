"""The Taskiq broker, configured like the worker's, used only to kick tasks by name.

The API never imports the worker (or torch): `AsyncKicker` sends a message for a task name from
`scribe_contracts`, and the worker, listening on the same stream, runs it.
"""

from typing import Any

from redis.exceptions import RedisError
from scribe_contracts import TASK_QUEUE_NAME
from taskiq import AsyncBroker
from taskiq.exceptions import SendTaskError
from taskiq.kicker import AsyncKicker
from taskiq_redis import RedisAsyncResultBackend, RedisStreamBroker

from app.core.config import Settings
from app.core.errors import ServiceUnavailable


class QueueUnavailable(ServiceUnavailable):
    code = "queue_unavailable"


def create_broker(settings: Settings) -> AsyncBroker:
    result_backend: RedisAsyncResultBackend[Any] = RedisAsyncResultBackend(
        redis_url=settings.redis_url,
        result_ex_time=settings.task_result_ttl_seconds,
        socket_connect_timeout=3,
    )
    broker = RedisStreamBroker(
        url=settings.redis_url,
        queue_name=TASK_QUEUE_NAME,
        idle_timeout=settings.task_idle_timeout_ms,
        unacknowledged_lock_timeout=60,
        socket_connect_timeout=3,
    )
    return broker.with_result_backend(result_backend)


class TaskDispatcher:
    """Kicks worker tasks by name; a Redis failure becomes `QueueUnavailable` (503)."""

    def __init__(self, broker: AsyncBroker) -> None:
        self._broker = broker

    async def kick(self, task_name: str, payload: dict[str, Any], task_id: str) -> None:
        kicker: AsyncKicker[Any, Any] = AsyncKicker(task_name=task_name, broker=self._broker, labels={})
        try:
            await kicker.with_task_id(task_id).kiq(payload)
        except (SendTaskError, RedisError, OSError) as error:
            raise QueueUnavailable("task queue is unavailable", str(error)) from error
