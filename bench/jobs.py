"""What the bench sends to its measured child processes and what they send back (JSON files).

Light on purpose: the parent imports this module without torch or the models.
"""

from pathlib import Path
from uuid import UUID

from pydantic import BaseModel


class Turn(BaseModel):
    start: float
    end: float
    speaker: str


class SpokenWord(BaseModel):
    start: float
    end: float
    speaker: str
    text: str


class Servers(BaseModel):
    """The S3 endpoint and Redis server the worker code talks to in a child."""

    s3_endpoint_url: str
    redis_url: str


# --- the worker's pipeline on one recording (speed and scaling) ----------------------------------
class PipelineSpec(BaseModel):
    recording: Path
    language: str | None
    workspace_id: UUID
    """Owner of the voice bank the identification stage scores against."""
    servers: Servers
    workdir: Path


class StageProfile(BaseModel):
    stage: str
    wall_s: float
    model_load_s: float
    """Loading this stage's model (after the previous one was released); the rest is the model's own work."""
    peak_rss_mib: float
    rss_after_mib: float
    peak_vram_mib: float | None = None
    """Device-wide used GPU memory at its highest during the stage (torch and CTranslate2 alike)."""
    peak_torch_vram_mib: float | None = None
    models_loaded: list[str] = []

    @property
    def inference_s(self) -> float:
        return max(self.wall_s - self.model_load_s, 0.0)


class ModelSwap(BaseModel):
    at_s: float
    action: str
    model: str
    rss_before_mib: float
    rss_after_mib: float
    vram_before_mib: float | None = None
    vram_after_mib: float | None = None


class PipelineProfile(BaseModel):
    recording: str
    duration_s: float
    device: str
    total_s: float
    stages: list[StageProfile]
    swaps: list[ModelSwap]
    max_resident_models: int
    baseline_rss_mib: float
    baseline_vram_mib: float | None = None
    process_peak_rss_mib: float
    turns: list[Turn]
    words: list[SpokenWord]
    names: dict[str, str | None]


# --- quality: diarize, identify, transcribe ------------------------------------------------------
class IdentificationJob(BaseModel):
    enrolled_from: str
    target: str
    workspace_id: UUID
    enrolled: list[str]


class QualitySpec(BaseModel):
    diarize: dict[str, Path]
    """uri -> recording (16 kHz mono WAV)."""
    identify: list[IdentificationJob]
    transcribe: dict[str, Path]
    attribute: str | None
    """uri (diarized and transcribed) whose words are attributed to speakers (cpWER)."""
    servers: Servers


class SpeakerName(BaseModel):
    name: str | None
    score: float | None


class IdentificationOutcome(BaseModel):
    enrolled_from: str
    target: str
    enrolled: list[str]
    speakers: dict[str, SpeakerName]
    """Each diarized speaker's assigned person and similarity, whatever the threshold (see quality.py)."""


class TranscriptOutcome(BaseModel):
    text: str
    language: str | None
    seconds: float


class QualityResult(BaseModel):
    diarizations: dict[str, list[Turn]]
    identifications: list[IdentificationOutcome]
    transcripts: dict[str, TranscriptOutcome]
    attributed_words: list[SpokenWord]
    chosen_threshold: float


# --- the naive script ---------------------------------------------------------------------------
class NaiveSpec(BaseModel):
    recordings: list[Path]


class NaiveRun(BaseModel):
    recording: str
    duration_s: float
    diarization_s: float
    transcription_s: float
    assignment_s: float
    total_s: float
    peak_rss_mib: float
    words: list[SpokenWord]


class NaiveResult(BaseModel):
    runs: list[NaiveRun]
