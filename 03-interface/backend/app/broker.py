"""The Taskiq broker, used only to kick tasks by name.

The API never imports the worker (or torch): `AsyncKicker` sends a message for a task name from
`scribe_contracts`, and the worker, listening on the same stream, runs it.
"""

from typing import Any

import structlog
from redis.exceptions import RedisError
from scribe_contracts import TASK_QUEUE_NAME
from taskiq import AsyncBroker
from taskiq.exceptions import SendTaskError
from taskiq.kicker import AsyncKicker
from taskiq_redis import RedisStreamBroker

from app.core.config import Settings
from app.core.errors import ServiceUnavailable

log = structlog.get_logger()


class QueueUnavailable(ServiceUnavailable):
    code = "queue_unavailable"


def create_broker(settings: Settings) -> AsyncBroker:
    """A producer only: the API adds jobs to the stream and never reads it or any result (the
    worker's events report progress), so no consumer or result-backend settings belong here."""
    return RedisStreamBroker(url=settings.redis_url, queue_name=TASK_QUEUE_NAME, socket_connect_timeout=3)


class TaskDispatcher:
    """Kicks worker tasks by name; a Redis failure becomes `QueueUnavailable` (503, its cause logged)."""

    def __init__(self, broker: AsyncBroker) -> None:
        self._broker = broker

    async def kick(self, task_name: str, payload: dict[str, Any], task_id: str) -> None:
        kicker: AsyncKicker[Any, Any] = AsyncKicker(task_name=task_name, broker=self._broker, labels={})
        try:
            await kicker.with_task_id(task_id).kiq(payload)
        except (SendTaskError, RedisError, OSError) as error:
            log.error("queue_unavailable", task=task_name, error=str(error), error_type=type(error).__name__)
            raise QueueUnavailable("the task queue is unavailable") from error
