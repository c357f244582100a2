"""Meeting events on a real Redis stream: what the API's consumer will read."""

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any
from uuid import uuid4

import pytest
from redis.asyncio import Redis
from scribe_contracts import MEETING_EVENTS_STREAM, MeetingEvent, MeetingEventKind, ProcessingStage
from scribe_devstack import RedisServer

from app.services.events import STAGE_SPANS, EventPublisher, JobProgress


@pytest.fixture
async def redis(redis_server: RedisServer) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_server.url.rsplit("/", 1)[0] + "/2")
    await client.flushdb()
    yield client
    await client.flushdb()
    await client.aclose()


async def stream_events(redis: Redis) -> list[MeetingEvent]:
    entries: Any = await redis.xrange(MEETING_EVENTS_STREAM)
    return [MeetingEvent.from_stream_fields(fields) for _, fields in entries]


async def test_stages_progress_and_failure_are_published_in_order(redis: Redis) -> None:
    meeting_id, workspace_id = uuid4(), uuid4()
    progress = JobProgress(EventPublisher(redis, maxlen=1000), meeting_id, workspace_id, interval_s=0.0)
    await progress.start_stage(ProcessingStage.DOWNLOADING)
    await progress.start_stage(ProcessingStage.DIARIZATION)
    await progress.failed("the file has no audio track")

    events = await stream_events(redis)
    assert [(e.kind, e.stage) for e in events] == [
        (MeetingEventKind.PROGRESS, ProcessingStage.DOWNLOADING),
        (MeetingEventKind.PROGRESS, ProcessingStage.DIARIZATION),
        (MeetingEventKind.FAILED, ProcessingStage.DIARIZATION),
    ]
    assert {(e.meeting_id, e.workspace_id) for e in events} == {(meeting_id, workspace_id)}
    assert [e.percent for e in events[:2]] == [0.0, 5.0]
    assert events[-1].message == "the file has no audio track"


async def test_progress_within_a_stage_maps_into_its_span_and_is_throttled(redis: Redis) -> None:
    progress = JobProgress(EventPublisher(redis, maxlen=1000), uuid4(), uuid4(), interval_s=0.3)
    await progress.start_stage(ProcessingStage.TRANSCRIPTION)
    report = progress.within_stage()

    def model_loop() -> None:  # a model reporting from its thread, far more often than the interval
        for step in range(101):
            report(float(step))
            if step == 60:
                time.sleep(0.35)

    await asyncio.to_thread(model_loop)
    await asyncio.sleep(0.1)  # let the scheduled publish land
    events = await stream_events(redis)
    low, high = STAGE_SPANS[ProcessingStage.TRANSCRIPTION]
    within = [e.percent for e in events[1:]]
    assert 1 <= len(within) <= 2
    assert all(low < percent <= high for percent in within)


async def test_the_stream_is_capped_approximately(redis: Redis) -> None:
    publisher = EventPublisher(redis, maxlen=100)
    for _ in range(1000):
        await publisher.publish(MeetingEvent(meeting_id=uuid4(), workspace_id=uuid4(), kind=MeetingEventKind.PROGRESS))
    assert await redis.xlen(MEETING_EVENTS_STREAM) < 300
