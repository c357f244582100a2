"""The fused transcript written to `processed/{workspace_id}/{meeting_id}/transcript.json`."""

from uuid import UUID

from pydantic import BaseModel, Field

TRANSCRIPT_SCHEMA_VERSION = 1


class TranscriptWord(BaseModel):
    word: str
    start: float
    end: float
    probability: float = Field(ge=0.0, le=1.0)
    speaker: str
    overlap: bool = Field(default=False, description="Spoken while another speaker also spoke")


class TranscriptSegment(BaseModel):
    speaker: str = Field(description="Diarization label, e.g. SPEAKER_00")
    person: str | None = Field(default=None, description="Identified person's name, if any")
    person_id: UUID | None = None
    start: float
    end: float
    text: str
    words: list[TranscriptWord] = Field(default_factory=list)


class SpeakerSummary(BaseModel):
    label: str
    person: str | None = None
    person_id: UUID | None = None
    score: float | None = Field(default=None, description="Cosine similarity of the chosen match")
    scores: dict[str, float] = Field(default_factory=dict, description="Best similarity per enrolled person id")
    speech_s: float = 0.0


class IdentificationSummary(BaseModel):
    threshold: float
    embedding_model: str
    enrolled_people: int = 0


class ModelsUsed(BaseModel):
    diarization: str
    embedding: str
    transcription: str
    device: str


class TranscriptDocument(BaseModel):
    schema_version: int = TRANSCRIPT_SCHEMA_VERSION
    meeting_id: UUID
    language: str | None
    duration_s: float
    speakers: list[SpeakerSummary]
    segments: list[TranscriptSegment]
    identification: IdentificationSummary | None = None
    models: ModelsUsed
    timings_s: dict[str, float] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)
