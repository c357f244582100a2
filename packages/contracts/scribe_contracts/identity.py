"""The voice bank's `profile.json`: one person of a workspace and their voice samples."""

from datetime import UTC, datetime
from uuid import UUID

from pydantic import BaseModel, Field

from scribe_contracts.limits import MAX_NAME_LENGTH


class VoiceSample(BaseModel):
    sample_id: UUID
    duration_s: float
    source: str = Field(description="'upload' or 'meeting:<meeting_id>:<speaker label>'")
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))


class PersonProfile(BaseModel):
    person_id: UUID
    workspace_id: UUID
    name: str = Field(min_length=1, max_length=MAX_NAME_LENGTH)
    samples: list[VoiceSample] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
