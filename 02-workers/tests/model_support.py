"""Helpers for the tests that run real models: offline weights, decoded recordings, figures.

Model weights come from `scripts/install_models.sh` (into MODELS_DIR); recordings from the shared
test data. Both missing fail loudly instead of skipping.
"""

import asyncio
from pathlib import Path

import numpy as np
import pytest
from pyannote.core import Annotation, Segment

from app.core.model_settings import ModelSettings
from app.services.audio import decode_media
from app.services.samples import WavSamples
from app.services.types import DecodedAudio, SpeakerTurn

REQUIRED_MODELS = ("whisper-base", "pyannote-segmentation-3.0", "campplus", "wespeaker-code")


def offline_model_settings() -> ModelSettings:
    settings = ModelSettings()
    missing = [name for name in REQUIRED_MODELS if not (settings.models_dir / name).exists()]
    if missing:
        pytest.fail(
            f"offline model weights missing in {settings.models_dir}: {', '.join(missing)}; "
            "run 02-workers/scripts/install_models.sh"
        )
    return settings


def decode(source: Path, workdir: Path) -> DecodedAudio:
    """Decode a recording to the worker's 16 kHz mono WAV with the production decoder (FFmpeg)."""
    workdir.mkdir(parents=True, exist_ok=True)
    return asyncio.run(decode_media(source, workdir)).audio


def whole_waveform(audio: DecodedAudio) -> np.ndarray:
    """All of a decoded recording's samples in memory (the worker itself reads ranges)."""
    with WavSamples(audio) as samples:
        return samples[:]


def read_rttm(path: Path, uri: str | None = None) -> list[SpeakerTurn]:
    turns = []
    for line in path.read_text().splitlines():
        fields = line.split()
        if fields and fields[0] == "SPEAKER" and (uri is None or fields[1] == uri):
            start, duration = float(fields[3]), float(fields[4])
            turns.append(SpeakerTurn(start, start + duration, fields[7]))
    return turns


def annotation(turns: list[SpeakerTurn], names: dict[str, str] | None = None) -> Annotation:
    result = Annotation()
    for turn in turns:
        result[Segment(turn.start, turn.end)] = (names or {}).get(turn.speaker, turn.speaker)
    return result


def report(capsys: pytest.CaptureFixture[str], message: str) -> None:
    """Figures a test measured, shown in the test log even when output is captured."""
    with capsys.disabled():
        print(f"\n[figures] {message}")
