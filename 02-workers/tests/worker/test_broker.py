"""The task broker: jobs queued before any worker ever started are still delivered."""

import pytest
from redis.asyncio import Redis
from scribe_contracts import TASK_QUEUE_NAME
from scribe_devstack import RedisServer

from app.core.config import Settings
from app.worker.broker import ReclaimingStreamBroker, create_broker


async def test_a_job_queued_before_the_first_worker_is_delivered(
    redis_server: RedisServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    async with Redis.from_url(redis_server.url) as redis:
        await redis.flushdb()
        queued_id = await redis.xadd(TASK_QUEUE_NAME, {b"data": b"an upload made while no worker ran"})
        broker = create_broker(Settings())
        assert isinstance(broker, ReclaimingStreamBroker)
        await broker.startup()  # the worker declares its consumer group here
        try:
            delivered = await redis.xreadgroup(broker.consumer_group_name, "probe", {TASK_QUEUE_NAME: ">"}, count=10)
        finally:
            await broker.shutdown()
            await redis.flushdb()
    assert [message_id for _, messages in delivered for message_id, _ in messages] == [queued_id]
