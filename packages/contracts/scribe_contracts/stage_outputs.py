"""The raw outputs of the worker's model stages, stored beside the fused transcript:
`processed/{...}/diarization.json` and `transcription.json`. The worker writes them with these
models and the API reads them with the same ones (enrolling a speaker reads the diarization)."""

from pydantic import BaseModel, Field


class SpeakerTurn(BaseModel):
    start: float = Field(ge=0.0)
    end: float = Field(ge=0.0)
    speaker: str = Field(description="Diarization label, e.g. SPEAKER_00")


class DiarizationDocument(BaseModel):
    """Who speaks when."""

    speakers: list[str]
    turns: list[SpeakerTurn] = Field(description="Every speaker's turns; turns of two speakers may overlap")
    exclusive_turns: list[SpeakerTurn] = Field(description="At most one speaker at a time (what words are aligned to)")

    def turns_of(self, speaker: str) -> list[SpeakerTurn]:
        return [turn for turn in self.turns if turn.speaker == speaker]


class WhisperSegment(BaseModel):
    start: float
    end: float
    text: str


class WhisperWord(BaseModel):
    start: float
    end: float
    word: str = Field(description="As Whisper wrote it, leading space and punctuation included")
    probability: float


class TranscriptionDocument(BaseModel):
    """What Whisper heard, before fusion with the speakers."""

    language: str | None
    language_probability: float
    model: str
    segments: list[WhisperSegment]
    words: list[WhisperWord]
