"""Applies the worker's `MeetingEvent`s to PostgreSQL, and fails meetings whose worker went silent.

The worker publishes on a Redis stream; this consumer group reads it, applies each event in its own
transaction, and XACKs only after the commit, so an event is never lost while the API or the
database is down (the un-acknowledged entries are read again).
"""

import asyncio
import contextlib
import json
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import structlog
from pydantic import ValidationError
from redis.asyncio import Redis
from redis.exceptions import RedisError, ResponseError
from scribe_contracts import (
    MEETING_EVENT_FIELD,
    MEETING_EVENTS_STREAM,
    MeetingEvent,
    MeetingEventKind,
    MeetingStatus,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.core.tenancy import TenantScope, set_scope
from app.models import Meeting, utcnow
from app.repositories.meetings import MeetingRepository

log = structlog.get_logger()
CONSUMER_GROUP = "scribe-api"
_RETRY_DELAY_S = 1.0
_BLOCK_MS = 500


def apply_event(meeting: Meeting, event: MeetingEvent) -> bool:
    """Move the meeting's state as the event says; False when the event no longer applies.

    Terminal meetings ignore progress; a failure never overrides a completion, but a completion
    (a redelivered job that then succeeded) does replace a failure.
    """
    status = MeetingStatus(meeting.status)
    if event.kind is MeetingEventKind.PROGRESS:
        if status.is_terminal:
            return False
        meeting.status = MeetingStatus.PROCESSING
        meeting.stage = event.stage
        meeting.progress = event.percent
        meeting.started_at = meeting.started_at or event.at
    elif event.kind is MeetingEventKind.COMPLETED:
        meeting.status = MeetingStatus.COMPLETED
        meeting.progress = 100.0
        meeting.error = None
        meeting.completed_at = event.at
        meeting.duration_s = event.duration_s
        meeting.processing_s = event.processing_s
        meeting.num_speakers = event.num_speakers
        meeting.language = meeting.language or event.language
    else:
        if status is MeetingStatus.COMPLETED:
            return False
        meeting.status = MeetingStatus.FAILED
        meeting.error = event.message or "processing failed for an unknown reason"
        meeting.completed_at = event.at
    meeting.last_event_at = utcnow()
    return True


class MeetingEventConsumer:
    def __init__(
        self,
        redis: Redis,
        sessions: async_sessionmaker[AsyncSession],
        consumer_name: str,
        stale_after_s: int,
        stale_check_interval_s: float,
    ) -> None:
        self._redis = redis
        self._sessions = sessions
        self._consumer = consumer_name
        self._stale_after = timedelta(seconds=stale_after_s)
        self._stale_interval = stale_check_interval_s
        self._read_backlog = True  # first our own un-acknowledged entries, then new ones
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        """Ask `run` to return after the current batch (never cancelled halfway through a commit)."""
        self._stopping.set()

    async def run(self) -> None:
        """Consume until stopped; transient Redis or database failures are retried, never fatal."""
        next_reap = 0.0
        loop = asyncio.get_running_loop()
        while not self._stopping.is_set():
            try:
                if loop.time() >= next_reap:
                    await self.reap_stale()
                    next_reap = loop.time() + self._stale_interval
                await self.consume_once(block_ms=_BLOCK_MS)
            except (RedisError, OSError, SQLAlchemyError) as error:
                log.warning("meeting_events_retry", error=str(error))
                self._read_backlog = True
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), _RETRY_DELAY_S)

    async def ensure_group(self) -> None:
        try:
            await self._redis.xgroup_create(MEETING_EVENTS_STREAM, CONSUMER_GROUP, id="0", mkstream=True)
        except ResponseError as error:
            if "BUSYGROUP" not in str(error):
                raise

    async def consume_once(self, block_ms: int) -> int:
        """Read and apply one batch; returns how many entries were handled."""
        await self.ensure_group()
        start = "0" if self._read_backlog else ">"
        replies: Any = await self._redis.xreadgroup(
            CONSUMER_GROUP,
            self._consumer,
            {MEETING_EVENTS_STREAM: start},
            count=100,
            block=None if self._read_backlog else block_ms,
        )
        entries: list[tuple[bytes, dict[bytes, bytes]]] = [
            entry for _, stream_entries in replies or [] for entry in stream_entries
        ]
        if self._read_backlog and not entries:
            self._read_backlog = False
        for entry_id, fields in entries:
            await self._handle(entry_id, fields)
        return len(entries)

    async def _handle(self, entry_id: bytes, fields: dict[bytes, bytes]) -> None:
        try:
            event = await self._parse(fields)
        except (ValidationError, KeyError, ValueError) as error:
            log.error("meeting_event_unreadable", entry_id=entry_id.decode(), error=str(error))
        else:
            if event is not None:
                await self._apply(event)
        await self._redis.xack(MEETING_EVENTS_STREAM, CONSUMER_GROUP, entry_id)

    async def _parse(self, fields: dict[bytes, bytes]) -> MeetingEvent | None:
        """The event; one from a worker that predates workspaces (it names the uploader, not the
        workspace) is given its meeting's workspace, so no status update is lost in an upgrade."""
        raw = json.loads(fields[MEETING_EVENT_FIELD.encode()])
        if "workspace_id" not in raw and "user_id" in raw:
            async with self._sessions() as session:
                workspace_id = await MeetingRepository(session).workspace_of(UUID(str(raw["meeting_id"])))
            if workspace_id is None:
                return None
            raw = {**raw, "workspace_id": str(workspace_id)}
        return MeetingEvent.model_validate(raw)

    async def _apply(self, event: MeetingEvent) -> None:
        bound = log.bind(meeting_id=str(event.meeting_id), workspace_id=str(event.workspace_id), kind=event.kind)
        async with self._sessions() as session:
            # The event's workspace is the only one this transaction may touch (row-level security).
            await set_scope(session, TenantScope.of(None, {event.workspace_id}))
            meetings = MeetingRepository(session)
            meeting = await meetings.locked(event.meeting_id)
            if meeting is None:
                bound.warning("meeting_event_for_unknown_meeting")
                return
            if apply_event(meeting, event):
                await meetings.commit()
                bound.info("meeting_event_applied", status=meeting.status, stage=event.stage, percent=event.percent)

    async def reap_stale(self) -> list[str]:
        cutoff = datetime.now(UTC) - self._stale_after
        reason = (
            f"no progress from the worker for {int(self._stale_after.total_seconds())} s: "
            "the worker probably stopped; please upload the recording again"
        )
        async with self._sessions() as session:
            stale = await MeetingRepository(session).fail_stale(cutoff, reason)
        for meeting_id in stale:
            log.warning("meeting_marked_stale", meeting_id=str(meeting_id))
        return [str(meeting_id) for meeting_id in stale]
