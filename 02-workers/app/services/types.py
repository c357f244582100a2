"""Results passed between the worker's stages: decoded audio, diarization, transcription, identification.

Plain frozen dataclasses so the fusion step and the tests depend on no model library.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

from scribe_contracts import DiarizationDocument, TranscriptionDocument

ProgressCallback = Callable[[float], None]
"""Receives the percent done within the current stage, 0..100."""


@dataclass(frozen=True)
class DecodedAudio:
    path: Path
    """16 kHz mono 16-bit PCM WAV."""
    duration_s: float
    sample_rate: int = 16000


@dataclass(frozen=True)
class SpeakerTurn:
    start: float
    end: float
    speaker: str


@dataclass(frozen=True)
class Diarization:
    turns: list[SpeakerTurn]
    """Who speaks when, overlaps included."""
    exclusive_turns: list[SpeakerTurn]
    """At most one speaker at a time (pyannote's exclusive diarization): what words are aligned to."""
    speakers: list[str]

    def speech_s(self, speaker: str) -> float:
        return sum(turn.end - turn.start for turn in self.turns if turn.speaker == speaker)

    def to_document(self) -> DiarizationDocument:
        return DiarizationDocument.model_validate(
            {"speakers": self.speakers, "turns": _dicts(self.turns), "exclusive_turns": _dicts(self.exclusive_turns)}
        )


@dataclass(frozen=True)
class Word:
    start: float
    end: float
    word: str
    """As Whisper wrote it: punctuation and leading space included, so `"".join(words)` is the text
    (French "c'est" comes as " c" + "'est")."""
    probability: float


@dataclass(frozen=True)
class TranscriptionSegment:
    """One Whisper segment, kept for transcription.json; fusion works on words."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Transcription:
    language: str | None
    language_probability: float
    words: list[Word]
    segments: list[TranscriptionSegment] = field(default_factory=list)
    model: str = ""

    def to_document(self) -> TranscriptionDocument:
        return TranscriptionDocument.model_validate(
            {
                "language": self.language,
                "language_probability": self.language_probability,
                "model": self.model,
                "segments": _dicts(self.segments),
                "words": _dicts(self.words),
            }
        )


@dataclass(frozen=True)
class SpeakerMatch:
    label: str
    person_id: UUID | None
    name: str | None
    score: float | None
    """Similarity of the chosen person; None when nobody is enrolled or the speaker had no clean speech."""
    scores: dict[str, float]
    """Best similarity per enrolled person id (str), whether chosen or not."""


@dataclass(frozen=True)
class Identification:
    matches: dict[str, SpeakerMatch]
    threshold: float
    model_id: str
    enrolled_people: int


def _dicts(items: list[Any]) -> list[dict[str, Any]]:
    return [asdict(item) for item in items]
