"""Results passed between the worker's stages: decoded audio, diarization, transcription, identification.

Plain frozen dataclasses so the fusion step and the tests depend on no model library.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

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

    def to_json(self) -> dict[str, Any]:
        return {
            "speakers": list(self.speakers),
            "turns": [asdict(turn) for turn in self.turns],
            "exclusive_turns": [asdict(turn) for turn in self.exclusive_turns],
        }


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

    def to_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "language_probability": self.language_probability,
            "model": self.model,
            "segments": [asdict(segment) for segment in self.segments],
            "words": [asdict(word) for word in self.words],
        }


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
