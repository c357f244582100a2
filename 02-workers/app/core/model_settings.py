"""Which models the worker runs, where they come from and on which device.

Every model is an id or a path. A value naming something under MODELS_DIR (the offline weights that
`scripts/install_models.sh` installs) is used from there; anything else is a hub id, loaded with
HF_TOKEN (production). Defaults are the offline CPU set, so tests and local runs need no hub.

Environment variables (no prefix, so they match the platform's `.env`):
  DEVICE                   auto | cpu | cuda (auto: cuda when available)
  MODELS_DIR               offline weights (default <repo>/volumes/models)
  HF_TOKEN                 hub token for gated pyannote models (production)
  DIARIZATION_PIPELINE     pretrained pipeline, e.g. pyannote/speaker-diarization-3.1 (alias
                           DIARIZATION_MODEL); empty: build the 3.1 recipe from the two models below
  SEGMENTATION_MODEL       segmentation-3.0 (hub id or folder)
  EMBEDDING_MODEL          speaker embedding: pyannote/wespeaker-voxceleb-resnet34-LM (hub) or a
                           CAM++ checkpoint (.pt) with WESPEAKER_CODE_DIR holding its model code
  WESPEAKER_CODE_DIR       folder with wespeaker/models/campplus.py (default MODELS_DIR/wespeaker-code)
  WHISPER_MODEL            faster-whisper size/hub id (large-v3-turbo) or CTranslate2 folder
  WHISPER_DEVICE           overrides DEVICE for Whisper
  WHISPER_COMPUTE_TYPE     auto (int8 on cpu, float16 on cuda) or any CTranslate2 compute type
  WHISPER_BEAM_SIZE        beam width (default 5)
  WHISPER_CPU_THREADS      CPU threads of one Whisper decode (default 0: the machine's cores, at most 4)
  WHISPER_SEED             seed of the sampling Whisper falls back to on doubtful windows (default 0):
                           the same recording gives the same words on every run of one machine
  WHISPER_BATCH_SIZE       batched decoding on cuda (default 8; halved once on out-of-memory)
  WHISPER_WINDOW_S         longest stretch of audio given to Whisper at once (default 300; cut
                           at a quiet moment): bounds transcription memory on long recordings
  EMBEDDING_BATCH_SIZE     diarization embedding batch (default 9; rounded up to whole chunks, 3 speakers
                           each; halved once on out-of-memory)
  SEGMENTATION_BATCH_SIZE  diarization segmentation batch (default 8: fastest on CPU, less RAM; 32 on GPU)
  IDENTIFICATION_THRESHOLD cosine similarity below which a speaker stays unknown
"""

import os
from pathlib import Path
from typing import Literal

import torch
from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from scribe_runtime import env_file

REPO_ROOT = Path(__file__).resolve().parents[3]

# Calibrated for CAM++ (campplus_cn_en_common) on the AMI excerpts in shared/audio/ami, enrolling
# the speakers of one excerpt (cut by reference.rttm) and scoring the diarized speakers of another
# (pairs trn07/trn08, trn00/trn03, trn06/trn09, both ways): right person 0.44-0.76; speakers
# nobody enrolled at most 0.23 (0.17 in shared/docs/offline-models.md). 0.35 sits in that gap,
# a little above its midpoint (0.335): a wrong name costs more than an unknown speaker the user
# names by hand. Wrong people scored up to 0.72 only when their enrolment sample
# held the right person's voice (overlapped turns); one-to-one assignment resolved those.
# Re-calibrate when EMBEDDING_MODEL changes (WeSpeaker ResNet34 in production scores differently).
DEFAULT_IDENTIFICATION_THRESHOLD = 0.35

Device = Literal["auto", "cpu", "cuda"]


class ModelSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=env_file(), env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    device: Device = "auto"
    models_dir: Path = REPO_ROOT / "volumes" / "models"
    hf_token: SecretStr | None = None

    diarization_pipeline: str | None = Field(
        default=None, validation_alias=AliasChoices("diarization_pipeline", "diarization_model")
    )
    segmentation_model: str = "pyannote-segmentation-3.0"
    embedding_model: str = "campplus/campplus_cn_en_common.pt"
    wespeaker_code_dir: Path | None = None
    segmentation_batch_size: int = Field(default=8, ge=1)
    embedding_batch_size: int = Field(default=9, ge=1)

    whisper_model: str = "whisper-base"
    whisper_device: Device | None = None
    whisper_compute_type: str = "auto"
    whisper_beam_size: int = Field(default=5, ge=1)
    whisper_cpu_threads: int = Field(default=0, ge=0)
    whisper_seed: int = Field(default=0, ge=0, lt=2**32)
    whisper_batch_size: int = Field(default=8, ge=1)
    whisper_window_s: float = Field(default=300.0, ge=60.0)

    identification_threshold: float = Field(default=DEFAULT_IDENTIFICATION_THRESHOLD, ge=-1.0, le=1.0)

    def locate(self, model: str) -> str:
        """A local path when `model` names something under MODELS_DIR or on disk, else the hub id as is."""
        for candidate in (self.models_dir / model, Path(model)):
            if candidate.exists():
                return str(candidate)
        return model

    def is_local(self, model: str) -> bool:
        return (self.models_dir / model).exists() or Path(model).exists()

    @property
    def torch_device(self) -> torch.device:
        return torch.device(_resolve(self.device))

    @property
    def whisper_torch_device(self) -> str:
        return _resolve(self.whisper_device or self.device)

    @property
    def resolved_whisper_compute_type(self) -> str:
        if self.whisper_compute_type != "auto":
            return self.whisper_compute_type
        return "float16" if self.whisper_torch_device == "cuda" else "int8"

    @property
    def resolved_whisper_cpu_threads(self) -> int:
        # faster-whisper's own default of 4 oversubscribes smaller machines (~10% slower on 2 cores).
        return self.whisper_cpu_threads or min(4, len(os.sched_getaffinity(0)))

    @property
    def resolved_wespeaker_code_dir(self) -> Path:
        return self.wespeaker_code_dir or self.models_dir / "wespeaker-code"

    @property
    def embedding_model_id(self) -> str:
        """Names the embedding model in caches and results: the hub id, or the checkpoint's file stem."""
        if self.is_local(self.embedding_model):
            return Path(self.embedding_model).stem
        return self.embedding_model

    @property
    def hf_token_value(self) -> str | None:
        return self.hf_token.get_secret_value() if self.hf_token else None


def _resolve(device: Device) -> str:
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device
