"""The worker's Taskiq broker: a Redis stream with acknowledgements. No result backend: a job's
outcome reaches the API as meeting events (app/services/events.py), and nothing reads results.

Run: `taskiq worker app.worker.broker:broker app.worker.tasks --workers 1 --max-async-tasks 1`
(one job at a time per GPU). Taskiq's CLI imports this module, so the broker is a module-level
object built from the environment; everything a job needs (settings, S3, the model manager, the
event publisher) is created per worker process at startup and reaches tasks via TaskiqDepends.
"""

from collections.abc import AsyncGenerator
from typing import Any

from redis.asyncio import Redis
from scribe_contracts import TASK_QUEUE_NAME
from scribe_runtime import configure_logging
from taskiq import AckableMessage, AsyncBroker, TaskiqEvents, TaskiqState
from taskiq_redis import RedisStreamBroker

from app.core.config import Settings
from app.worker.resources import WorkerResources


class ReclaimingStreamBroker(RedisStreamBroker):
    """RedisStreamBroker that also reclaims abandoned jobs while the queue is quiet.

    Upstream runs XAUTOCLAIM only after a read returned new messages, so the job of a worker that
    died would wait for the next upload. Here every read (new messages or a `xread_block` timeout)
    is followed by a reclaim of messages idle longer than `idle_timeout`.
    """

    async def listen(self) -> AsyncGenerator[AckableMessage, None]:
        async with Redis(connection_pool=self.connection_pool) as redis:
            while True:
                fetched: Any = await redis.xreadgroup(  # redis-py types stream replies loosely
                    self.consumer_group_name,
                    self.consumer_name,
                    {self.queue_name: ">"},
                    block=self.block,
                    noack=False,
                    count=self.count,
                )
                for stream, messages in fetched or []:
                    for message_id, fields in messages:
                        yield self._ackable(stream, message_id, fields)
                async for message in self._reclaim(redis):
                    yield message

    async def _reclaim(self, redis: "Redis") -> AsyncGenerator[AckableMessage, None]:
        lock = redis.lock(
            f"autoclaim:{self.consumer_group_name}:{self.queue_name}",
            timeout=self.unacknowledged_lock_timeout,
        )
        async with lock:
            _, claimed, *_ = await redis.xautoclaim(
                self.queue_name,
                self.consumer_group_name,
                self.consumer_name,
                min_idle_time=self.idle_timeout,
                count=self.unacknowledged_batch_size,
            )
        for message_id, fields in claimed:
            yield self._ackable(self.queue_name, message_id, fields)

    def _ackable(self, stream: str | bytes, message_id: bytes, fields: dict[bytes, bytes]) -> AckableMessage:
        queue = stream.decode() if isinstance(stream, bytes) else stream
        return AckableMessage(data=fields[b"data"], ack=self._ack_generator(id=message_id.decode(), queue_name=queue))


def create_broker(settings: Settings) -> AsyncBroker:
    broker = ReclaimingStreamBroker(
        url=settings.redis_url,
        queue_name=TASK_QUEUE_NAME,
        idle_timeout=settings.idle_timeout_s * 1000,  # milliseconds
        unacknowledged_lock_timeout=settings.broker_lock_timeout_s,
        xread_count=1,  # take one job at a time: queued jobs stay free for other workers
        # Create the consumer group at the stream's start, not its end ("$"): jobs uploaded before
        # the first worker ever started are then processed instead of silently skipped.
        consumer_id="0",
    )
    broker.state.settings = settings

    async def start_worker(state: TaskiqState) -> None:
        configure_logging(settings.log_level, json=settings.environment == "production")
        state.resources = await WorkerResources.create(settings)

    async def stop_worker(state: TaskiqState) -> None:
        await state.resources.close()

    broker.add_event_handler(TaskiqEvents.WORKER_STARTUP, start_worker)
    broker.add_event_handler(TaskiqEvents.WORKER_SHUTDOWN, stop_worker)
    return broker


broker = create_broker(Settings())
