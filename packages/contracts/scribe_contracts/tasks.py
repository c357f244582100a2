"""Task names, the queue, and the payload/result of a processing job."""

from enum import StrEnum
from typing import Self
from uuid import UUID

from pydantic import BaseModel, Field, model_validator

TASK_PROCESS_MEETING = "process_transcription_full"
TASK_PROCESS_VIDEO = "process_video_full"
TASK_QUEUE_NAME = "scribe:tasks"


class MediaKind(StrEnum):
    AUDIO = "audio"
    VIDEO = "video"


class SpeakerCountHint(BaseModel):
    """What the uploader knows about the number of speakers: exact, or a range, or nothing."""

    exact: int | None = Field(default=None, ge=1, le=32)
    minimum: int | None = Field(default=None, ge=1, le=32)
    maximum: int | None = Field(default=None, ge=1, le=32)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.exact is not None and (self.minimum is not None or self.maximum is not None):
            raise ValueError("give either an exact number of speakers or a range, not both")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError("minimum number of speakers is above the maximum")
        return self


class ProcessMeetingPayload(BaseModel):
    """Everything the worker needs to process one uploaded meeting."""

    meeting_id: UUID
    user_id: UUID
    media_kind: MediaKind = MediaKind.AUDIO
    language: str | None = Field(default=None, description="ISO 639-1 code; None lets Whisper detect it", max_length=8)
    speakers: SpeakerCountHint = Field(default_factory=SpeakerCountHint)


class ProcessMeetingResult(BaseModel):
    """What a finished job returns through the result backend (the full JSON is in S3)."""

    meeting_id: UUID
    transcript_key: str
    duration_s: float
    language: str | None
    num_speakers: int
    num_segments: int
