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
# Each stream entry has one field holding the event as JSON: XADD stream * event <json>.
MEETING_EVENT_FIELD = "event"


class MeetingEventKind(StrEnum):
    PROGRESS = "progress"
    COMPLETED = "completed"
    FAILED = "failed"


class MeetingEvent(BaseModel):
    meeting_id: UUID
    workspace_id: UUID
    kind: MeetingEventKind
    stage: ProcessingStage | None = None
    percent: float = Field(default=0.0, ge=0.0, le=100.0)
    message: str | None = Field(default=None, description="Human-readable detail or failure reason")
    duration_s: float | None = None
    language: str | None = None
    num_speakers: int | None = None
    processing_s: float | None = None
    at: datetime = Field(default_factory=lambda: datetime.now(UTC))

    def to_stream_fields(self) -> dict[str, str]:
        """The fields of the XADD entry that carries this event."""
        return {MEETING_EVENT_FIELD: self.model_dump_json()}

    @classmethod
    def from_stream_fields(cls, fields: dict[str, str] | dict[bytes, bytes]) -> "MeetingEvent":
        """Parse a stream entry written by `to_stream_fields` (decoded or raw bytes)."""
        raw = {k.decode() if isinstance(k, bytes) else k: v for k, v in fields.items()}
        return cls.model_validate_json(raw[MEETING_EVENT_FIELD])
