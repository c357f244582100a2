"""What was said: faster-whisper (CTranslate2) with word timestamps.

Silero VAD (`vad_filter=True`, bundled with faster-whisper) skips silence, so Whisper does not
invent text on long pauses. Without a forced language, `multilingual=True` lets each segment
keep its own language instead of being translated into the first one detected.
"""

from typing import Any

import numpy as np
from faster_whisper import BatchedInferencePipeline, WhisperModel

from app.core.model_settings import ModelSettings
from app.core.models import ModelManager
from app.services.types import (
    DecodedAudio,
    ProgressCallback,
    Transcription,
    TranscriptionSegment,
    Word,
    load_waveform,
)


class UnsupportedLanguageError(ValueError):
    """The requested language is not one Whisper knows."""


class Transcriber:
    def __init__(self, settings: ModelSettings, models: ModelManager) -> None:
        self._settings = settings
        self._models = models

    @property
    def model_id(self) -> str:
        return self._settings.whisper_model

    def run(self, audio: DecodedAudio, language: str | None, on_progress: ProgressCallback) -> Transcription:
        waveform = load_waveform(audio)
        # Batched decoding pays off on a GPU only; on CPU it is slower and uses more memory.
        batch_size = self._settings.whisper_batch_size if self._settings.whisper_torch_device == "cuda" else 1
        result = self._models.run_with_oom_retry(
            "transcription",
            lambda size: self._transcribe(waveform, audio.duration_s, language, size, on_progress),
            batch_size,
        )
        on_progress(100.0)
        return result

    def _transcribe(
        self,
        waveform: np.ndarray,
        duration_s: float,
        language: str | None,
        batch_size: int,
        on_progress: ProgressCallback,
    ) -> Transcription:
        with self._models.use(f"whisper:{self.model_id}", self._load) as model:
            if language is not None and language not in model.supported_languages:
                raise UnsupportedLanguageError(f"Whisper does not support the language code '{language}'")
            options: dict[str, Any] = {
                "language": language,
                "multilingual": language is None,
                "word_timestamps": True,
                "vad_filter": True,
                "beam_size": self._settings.whisper_beam_size,
            }
            if batch_size > 1:
                segments, info = BatchedInferencePipeline(model).transcribe(waveform, batch_size=batch_size, **options)
            else:
                segments, info = model.transcribe(waveform, **options)
            words: list[Word] = []
            kept: list[TranscriptionSegment] = []
            for segment in segments:  # a generator: decoding happens while we iterate
                kept.append(TranscriptionSegment(_seconds(segment.start), _seconds(segment.end), segment.text.strip()))
                words.extend(
                    Word(_seconds(word.start), _seconds(word.end), word.word, round(float(word.probability), 4))
                    for word in segment.words or []
                    if word.word.strip()
                )
                if duration_s > 0:
                    on_progress(min(99.0, round(100.0 * float(segment.end) / duration_s, 1)))
        return Transcription(
            language=info.language,
            language_probability=round(float(info.language_probability), 4),
            words=words,
            segments=kept,
            model=self.model_id,
        )

    def _load(self) -> WhisperModel:
        settings = self._settings
        return WhisperModel(
            settings.locate(settings.whisper_model),
            device=settings.whisper_torch_device,
            compute_type=settings.resolved_whisper_compute_type,
        )


def _seconds(value: float) -> float:
    return round(float(value), 3)
