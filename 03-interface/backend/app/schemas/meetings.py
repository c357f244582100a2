"""Bodies of the processing and meeting endpoints."""

from datetime import datetime
from typing import Any, Literal, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator
from scribe_contracts import (
    LanguageCode,
    MediaKind,
    MeetingStatus,
    ProcessingStage,
    SpeakerCount,
    SpeakerCountHint,
    check_speaker_hint,
)

from app.schemas.common import FileName, PersonName, SpeakerLabel, Title


class UploadFields(BaseModel):
    """The text fields sent with the file (multipart), and the file's name as the client gave it."""

    title: Title | None = Field(default=None, description="Defaults to the file's name")
    language: LanguageCode | None = None
    num_speakers: SpeakerCount | None = Field(default=None, description="Exact number of speakers, if known")
    min_speakers: SpeakerCount | None = None
    max_speakers: SpeakerCount | None = None
    filename: FileName | None = Field(default=None, description="The file part's name (not a form field)")

    @model_validator(mode="after")
    def _consistent_speakers(self) -> Self:
        check_speaker_hint(self.num_speakers, self.min_speakers, self.max_speakers)
        return self

    def speakers(self) -> SpeakerCountHint:
        return SpeakerCountHint(exact=self.num_speakers, minimum=self.min_speakers, maximum=self.max_speakers)


class ProcessAccepted(BaseModel):
    task_id: str = Field(examples=["5d1f0c9e8a4b4f6f9a7c2e1b3d4f5a6b"])
    meeting_id: UUID
    status: MeetingStatus = MeetingStatus.QUEUED


class ProcessStatus(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    task_id: str
    meeting_id: UUID = Field(validation_alias="id")
    status: MeetingStatus
    stage: ProcessingStage | None
    progress: float = Field(description="Percent of the current job, 0-100")
    error: str | None = Field(description="Why processing failed, in words a person understands")
    updated_at: datetime


class SpeakerName(BaseModel):
    name: PersonName
    person_id: UUID | None = Field(default=None, description="Voice-bank person this speaker is")


class MeetingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UUID
    workspace_id: UUID
    uploaded_by: UUID | None = Field(description="Who uploaded it (None once that account is deleted)")
    title: str
    original_filename: str | None
    content_type: str
    size_bytes: int
    media_kind: MediaKind
    language: str | None
    speakers_hint: dict[str, Any]
    status: MeetingStatus
    stage: ProcessingStage | None
    progress: float
    error: str | None
    duration_s: float | None
    processing_s: float | None
    num_speakers: int | None
    task_id: str
    speaker_names: dict[str, SpeakerName]
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    completed_at: datetime | None


class MeetingPage(BaseModel):
    items: list[MeetingOut]
    total: int
    offset: int
    limit: int


class MeetingUpdate(BaseModel):
    title: Title | None = None
    speaker_names: dict[SpeakerLabel, SpeakerName | None] | None = Field(
        default=None,
        description="Speaker label → name (and optional person); null removes a rename",
        examples=[{"SPEAKER_00": {"name": "Ada Lovelace"}, "SPEAKER_01": None}],
    )


class AudioLink(BaseModel):
    url: str = Field(description="Presigned GET URL; supports HTTP range requests")
    source: Literal["playback", "original"] = Field(
        description="`playback` is the worker's MP3; `original` the upload, before processing finished"
    )
    content_type: str
    expires_in: int
