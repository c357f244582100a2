"""Task names, the queue, and the payload of a processing job."""

from enum import StrEnum
from typing import Annotated, Self
from uuid import UUID

from pydantic import AfterValidator, BaseModel, Field, model_validator

from scribe_contracts.languages import WHISPER_LANGUAGES
from scribe_contracts.limits import MAX_SPEAKERS

TASK_PROCESS_MEETING = "process_transcription_full"
"""Processes one uploaded meeting, audio or video (FFmpeg takes the first audio track of either)."""
LEGACY_TASK_NAMES = ("process_video_full",)
"""Names the same task had before; the worker still answers to them, so no queued job is lost."""
TASK_QUEUE_NAME = "scribe:tasks"


def known_language(code: str) -> str:
    """`code` if Whisper transcribes it; else a ValueError that says what the codes look like."""
    if code not in WHISPER_LANGUAGES:
        raise ValueError(f"unknown language code '{code}': use one of Whisper's codes, such as fr, en or de")
    return code


LanguageCode = Annotated[
    str,
    AfterValidator(known_language),
    Field(
        description="ISO 639-1 code (Whisper's list); omit to detect the language",
        examples=["fr"],
        json_schema_extra={"enum": sorted(WHISPER_LANGUAGES)},
    ),
]
SpeakerCount = Annotated[int, Field(ge=1, le=MAX_SPEAKERS)]


class MediaKind(StrEnum):
    """What the upload was; the API records it for the meeting (the job treats both alike)."""

    AUDIO = "audio"
    VIDEO = "video"


def check_speaker_hint(exact: int | None, minimum: int | None, maximum: int | None) -> None:
    """A ValueError saying what contradicts itself in a speaker-count hint, if anything does."""
    if exact is not None and (minimum is not None or maximum is not None):
        raise ValueError("give either an exact number of speakers or a range, not both")
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ValueError("minimum number of speakers is above the maximum")


class SpeakerCountHint(BaseModel):
    """What the uploader knows about the number of speakers: exact, or a range, or nothing."""

    exact: SpeakerCount | None = None
    minimum: SpeakerCount | None = None
    maximum: SpeakerCount | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        check_speaker_hint(self.exact, self.minimum, self.maximum)
        return self


class ProcessMeetingPayload(BaseModel):
    """Everything the worker needs to process one uploaded meeting."""

    meeting_id: UUID
    workspace_id: UUID = Field(description="Owns the meeting: its S3 prefix and its voice bank")
    requested_by: UUID = Field(description="The user who uploaded (for logs)")
    language: LanguageCode | None = None
    speakers: SpeakerCountHint = Field(default_factory=SpeakerCountHint)
