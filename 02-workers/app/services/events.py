"""Meeting events on the Redis stream the API consumes, and the progress of one job.

`percent` in a progress event is the whole job's percent (monotonic, for a progress bar); `stage`
says which step runs. Within the long stages the models report their own percent, which is mapped
into the stage's span of the whole and throttled so a stage publishes at most one event per interval.
"""

import asyncio
import time
from typing import Any
from uuid import UUID

import structlog
from redis.asyncio import Redis
from scribe_contracts import MEETING_EVENTS_STREAM, MeetingEvent, MeetingEventKind, ProcessingStage

from app.services.types import ProgressCallback

log = structlog.get_logger(__name__)

# Where each stage starts and ends in the whole job's 0..100, from typical CPU/GPU run times.
STAGE_SPANS: dict[ProcessingStage, tuple[float, float]] = {
    ProcessingStage.DOWNLOADING: (0.0, 2.0),
    ProcessingStage.DECODING: (2.0, 5.0),
    ProcessingStage.DIARIZATION: (5.0, 45.0),
    ProcessingStage.IDENTIFICATION: (45.0, 55.0),
    ProcessingStage.TRANSCRIPTION: (55.0, 92.0),
    ProcessingStage.FUSION: (92.0, 95.0),
    ProcessingStage.STORING: (95.0, 100.0),
}


class EventPublisher:
    """XADD of meeting events, the stream capped (approximately) at `maxlen` entries."""

    def __init__(self, redis: "Redis", maxlen: int) -> None:
        self._redis = redis
        self._maxlen = maxlen

    async def publish(self, event: MeetingEvent) -> None:
        fields: Any = event.to_stream_fields()
        await self._redis.xadd(MEETING_EVENTS_STREAM, fields, maxlen=self._maxlen, approximate=True)


class JobProgress:
    """Progress, completion and failure of one meeting's job, as events."""

    def __init__(self, publisher: EventPublisher, meeting_id: UUID, workspace_id: UUID, interval_s: float) -> None:
        self._publisher = publisher
        self._meeting_id = meeting_id
        self._workspace_id = workspace_id
        self._interval_s = interval_s
        self._stage = ProcessingStage.DOWNLOADING
        self._percent = 0.0
        self._last_sent = 0.0

    async def start_stage(self, stage: ProcessingStage) -> None:
        self._stage = stage
        await self._send(STAGE_SPANS[stage][0])

    def within_stage(self) -> ProgressCallback:
        """A callback for model code running in a worker thread: percent of the current stage."""
        loop = asyncio.get_running_loop()
        start, end = STAGE_SPANS[self._stage]

        def report(stage_percent: float) -> None:
            now = time.monotonic()
            if now - self._last_sent < self._interval_s:
                return
            self._last_sent = now
            overall = start + (end - start) * min(max(stage_percent, 0.0), 100.0) / 100.0
            asyncio.run_coroutine_threadsafe(self._send(overall), loop)

        return report

    async def completed(self, **details: Any) -> None:
        await self._publisher.publish(
            self._event(kind=MeetingEventKind.COMPLETED, stage=ProcessingStage.STORING, percent=100.0, **details)
        )

    async def failed(self, reason: str, **details: Any) -> None:
        await self._publisher.publish(
            self._event(
                kind=MeetingEventKind.FAILED, stage=self._stage, percent=self._percent, message=reason, **details
            )
        )

    async def _send(self, overall_percent: float) -> None:
        self._percent = max(self._percent, round(overall_percent, 1))
        self._last_sent = time.monotonic()
        event = self._event(kind=MeetingEventKind.PROGRESS, stage=self._stage, percent=self._percent)
        try:
            await self._publisher.publish(event)
        except Exception:  # progress is best effort: a lost update must not fail the meeting
            log.warning("progress update not published", stage=self._stage, exc_info=True)

    def _event(self, **fields: Any) -> MeetingEvent:
        return MeetingEvent(meeting_id=self._meeting_id, workspace_id=self._workspace_id, **fields)
