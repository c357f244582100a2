"""Bodies of the voice-bank endpoints."""

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, model_validator
from scribe_contracts import VoiceSample

from app.schemas.common import PersonName


class PersonOut(BaseModel):
    person_id: UUID
    workspace_id: UUID
    name: str
    samples: list[VoiceSample]
    created_at: datetime


class PersonPage(BaseModel):
    items: list[PersonOut]


class EnrollRequest(BaseModel):
    """Extend an existing person (`person_id`) or create one (`name`) from a meeting's speaker."""

    person_id: UUID | None = None
    name: PersonName | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> "EnrollRequest":
        if (self.person_id is None) == (self.name is None):
            raise ValueError("give either person_id (extend) or name (create), not both")
        return self


class PersonCreateFields(BaseModel):
    """The text fields of the multipart form that enrolls a person (the `sample` file beside them)."""

    name: PersonName
