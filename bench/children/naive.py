"""Child process: the script a user would write instead of the platform, with the same models.

pyannote's speaker-diarization-3.1 pipeline on the file (its published settings: batches of 32,
both models kept in memory), then faster-whisper on the file (defaults: beam 5, no VAD), then each
Whisper segment given to the speaker whose turns overlap it most. Offline the 3.1 pipeline cannot
come from the hub, so it is assembled from the same local models the worker uses (segmentation-3.0
and the configured embedding). Word timestamps are on only so the bench can score attribution per
word; every word of a segment gets the segment's speaker, as the naive script does.
"""

import time
from pathlib import Path
from typing import Any

import soundfile
from app.core.model_settings import ModelSettings
from app.core.models import free_unused_memory
from app.services.diarization_pipeline import RECIPE_3_1_HYPERPARAMETERS
from app.services.embedding import load_embedding_model
from faster_whisper import WhisperModel
from pyannote.audio import Model
from pyannote.audio.core.plda import PLDA
from pyannote.audio.pipelines import SpeakerDiarization
from pyannote.core import Annotation, Segment

from bench.jobs import NaiveResult, NaiveRun, NaiveSpec, SpokenWord
from bench.measure import peak_rss_mib, reset_peak_rss

PUBLISHED_BATCH_SIZE = 32
"""speaker-diarization-3.1's config.yaml: segmentation and embedding batch size."""


def run(spec: NaiveSpec) -> NaiveResult:
    return NaiveResult(runs=[_naive_script(path, ModelSettings()) for path in spec.recordings])


def _naive_script(path: Path, settings: ModelSettings) -> NaiveRun:
    free_unused_memory()  # what the previous recording's run left behind does not count in this one's peak
    reset_peak_rss()
    started = time.perf_counter()
    pipeline = _pyannote_pipeline(settings)
    output: Any = pipeline(str(path))
    diarization: Annotation = output.speaker_diarization
    diarized = time.perf_counter()
    whisper = WhisperModel(
        settings.locate(settings.whisper_model),
        device=settings.whisper_torch_device,
        compute_type=settings.resolved_whisper_compute_type,
    )
    segments = list(whisper.transcribe(str(path), word_timestamps=True)[0])
    transcribed = time.perf_counter()
    words = [
        SpokenWord(start=word.start, end=word.end, speaker=speaker, text=word.word.strip())
        for segment in segments
        for speaker in [_most_overlapping_speaker(diarization, segment.start, segment.end)]
        for word in segment.words or []
    ]
    ended = time.perf_counter()
    return NaiveRun(
        recording=path.name,
        duration_s=float(soundfile.info(str(path)).duration),
        diarization_s=round(diarized - started, 3),
        transcription_s=round(transcribed - diarized, 3),
        assignment_s=round(ended - transcribed, 3),
        total_s=round(ended - started, 3),
        peak_rss_mib=round(peak_rss_mib(), 1),
        words=words,
    )


def _pyannote_pipeline(settings: ModelSettings) -> SpeakerDiarization:
    pipeline = SpeakerDiarization(
        segmentation=_segmentation_model(settings),
        segmentation_step=0.1,
        embedding=load_embedding_model(settings),
        embedding_exclude_overlap=True,
        plda=PLDA.__new__(PLDA),  # pyannote 4 requires one; agglomerative clustering never reads it
        clustering="AgglomerativeClustering",
        embedding_batch_size=PUBLISHED_BATCH_SIZE,
        segmentation_batch_size=PUBLISHED_BATCH_SIZE,
    )
    pipeline.instantiate(RECIPE_3_1_HYPERPARAMETERS)
    return pipeline.to(settings.torch_device)


def _segmentation_model(settings: ModelSettings) -> Model:
    model = Model.from_pretrained(settings.locate(settings.segmentation_model))
    if model is None:
        raise FileNotFoundError(f"segmentation model {settings.segmentation_model} could not be loaded")
    return model


def _most_overlapping_speaker(diarization: Annotation, start: float, end: float) -> str:
    overlaps: dict[str, float] = {}
    for turn, _, label in diarization.crop(Segment(start, end)).itertracks(yield_label=True):
        overlaps[str(label)] = overlaps.get(str(label), 0.0) + turn.duration
    return max(overlaps, key=lambda label: overlaps[label]) if overlaps else "unknown"
