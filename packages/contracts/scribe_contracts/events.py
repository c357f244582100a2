"""Events the worker publishes about a meeting; the API applies them to PostgreSQL.

They travel on a Redis stream read by a consumer group, so an event published while the API is
down is applied when it comes back. Applying is idempotent: a terminal meeting ignores progress.
"""

from datetime import UTC, datetime
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, Field

from scribe_contracts.states import ProcessingStage

MEETING_EVENTS_STREAM = "scribe:meeting-events"


class MeetingEventKind(StrEnum):
    PROGRESS = "progress"
    COMPLETED = "completed"
    FAILED = "failed"


class MeetingEvent(BaseModel):
    meeting_id: UUID
    user_id: UUID
    kind: MeetingEventKind
    stage: ProcessingStage | None = None
    percent: float = Field(default=0.0, ge=0.0, le=100.0)
    message: str | None = Field(default=None, description="Human-readable detail or failure reason")
    duration_s: float | None = None
    language: str | None = None
    num_speakers: int | None = None
    processing_s: float | None = None
    at: datetime = Field(default_factory=lambda: datetime.now(UTC))
