"""What was said: faster-whisper (CTranslate2) with word timestamps.

Silero VAD (`vad_filter=True`, bundled with faster-whisper) skips silence, so Whisper does not
invent text on long pauses. Long recordings go to Whisper in windows of at most
WHISPER_WINDOW_S, cut at quiet moments (app/services/windows.py) and read from disk one at a
time, so memory does not grow with the length of the file. Without a forced language,
`multilingual=True` lets each segment keep its own language instead of being translated into the
first one detected.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import ctranslate2
from faster_whisper import BatchedInferencePipeline, WhisperModel
from faster_whisper.transcribe import Segment, TranscriptionInfo

from app.core.errors import JobError
from app.core.model_settings import ModelSettings
from app.core.models import ModelManager, trim_c_heap
from app.services.samples import Samples, WavSamples
from app.services.types import (
    DecodedAudio,
    ProgressCallback,
    Transcription,
    TranscriptionSegment,
    Word,
)
from app.services.windows import quiet_windows

WINDOW_SEARCH_S = 20.0
"""How far back from a window's limit to look for a quiet moment to cut at."""


class Transcriber:
    def __init__(self, settings: ModelSettings, models: ModelManager) -> None:
        self._settings = settings
        self._models = models

    @property
    def model_id(self) -> str:
        return self._settings.whisper_model

    def run(self, audio: DecodedAudio, language: str | None, on_progress: ProgressCallback) -> Transcription:
        # Batched decoding pays off on a GPU only; on CPU it is slower and uses more memory.
        batch_size = self._settings.whisper_batch_size if self._settings.whisper_torch_device == "cuda" else 1
        with WavSamples(audio) as samples:
            result = self._models.run_with_oom_retry(
                "transcription",
                lambda size: self._transcribe(samples, audio, language, size, on_progress),
                batch_size,
            )
        on_progress(100.0)
        return result

    def _transcribe(
        self,
        samples: Samples,
        audio: DecodedAudio,
        language: str | None,
        batch_size: int,
        on_progress: ProgressCallback,
    ) -> Transcription:
        windows = quiet_windows(samples, audio.sample_rate, self._settings.whisper_window_s, WINDOW_SEARCH_S)
        with self._models.use(f"whisper:{self.model_id}", self._load) as model:
            if language is not None and language not in model.supported_languages:
                raise JobError(f"the transcription model does not support the language code '{language}'")
            options: dict[str, Any] = {
                "language": language,
                "multilingual": language is None,
                "word_timestamps": True,
                "vad_filter": True,
                "beam_size": self._settings.whisper_beam_size,
            }
            transcribe = BatchedInferencePipeline(model).transcribe if batch_size > 1 else model.transcribe
            if batch_size > 1:
                options["batch_size"] = batch_size
            parts = []
            for start, end in windows:
                offset = start / audio.sample_rate
                segments, info = transcribe(samples[start:end], **options)
                part = _collect(segments, offset, lambda at: on_progress(_percent(at, audio.duration_s)))
                parts.append((info, part))
                trim_c_heap()  # the window's features and buffers, back to the OS before the next one
        return _merge(parts, language, self.model_id)

    def _load(self) -> WhisperModel:
        settings = self._settings
        # When a window's greedy/beam text looks wrong (compression ratio, log-probability),
        # faster-whisper retries it by sampling at rising temperatures. CTranslate2 seeds each of
        # the model's decoding threads once, from this seed, when it first samples: with a fixed
        # seed and a freshly loaded model, a rerun of the job gives the same words.
        ctranslate2.set_random_seed(settings.whisper_seed)
        return WhisperModel(
            settings.locate(settings.whisper_model),
            device=settings.whisper_torch_device,
            compute_type=settings.resolved_whisper_compute_type,
            cpu_threads=settings.resolved_whisper_cpu_threads,
        )


@dataclass
class _Part:
    words: list[Word]
    segments: list[TranscriptionSegment]


def _collect(segments: Iterable[Segment], offset: float, on_position: Callable[[float], None]) -> _Part:
    """One window's output on the recording's time line; decoding happens while iterating."""
    part = _Part([], [])
    for segment in segments:
        part.segments.append(
            TranscriptionSegment(_seconds(offset + segment.start), _seconds(offset + segment.end), segment.text.strip())
        )
        part.words.extend(
            Word(_seconds(offset + word.start), _seconds(offset + word.end), word.word, _rounded(word.probability))
            for word in segment.words or []
            if word.word.strip()
        )
        on_position(offset + segment.end)
    return part


def _merge(parts: list[tuple[TranscriptionInfo, _Part]], language: str | None, model_id: str) -> Transcription:
    """The windows joined; without a forced language, the recording's language is the one detected
    in the window that carries the most words."""
    main = max(parts, key=lambda item: len(item[1].words), default=None)
    return Transcription(
        language=language if main is None else main[0].language,
        language_probability=0.0 if main is None else _rounded(main[0].language_probability),
        words=[word for _, part in parts for word in part.words],
        segments=[segment for _, part in parts for segment in part.segments],
        model=model_id,
    )


def _percent(position_s: float, duration_s: float) -> float:
    return min(99.0, round(100.0 * position_s / duration_s, 1)) if duration_s > 0 else 0.0


def _rounded(probability: float) -> float:
    return round(float(probability), 4)


def _seconds(value: float) -> float:
    return round(float(value), 3)
