"""Who speaks when: pyannote.audio's SpeakerDiarization with the speaker-diarization-3.1 recipe.

Production loads the published pipeline (`DIARIZATION_PIPELINE=pyannote/speaker-diarization-3.1`,
HF_TOKEN). Offline, the same recipe is assembled from local segmentation-3.0 weights and our
embedding model (CAM++; see app/services/embedding.py). Either way it runs as a
LongFormSpeakerDiarization, whose memory does not grow out of proportion on long recordings
(app/services/diarization_pipeline.py).
"""

from typing import Any

import numpy as np
from pyannote.audio import Pipeline
from pyannote.audio.pipelines import SpeakerDiarization
from pyannote.core import Annotation
from scribe_contracts import SpeakerCountHint

from app.core.model_settings import ModelSettings
from app.core.models import ModelManager, trim_c_heap
from app.services.diarization_pipeline import (
    MAX_CLUSTERED_EMBEDDINGS,
    LongFormSpeakerDiarization,
)
from app.services.embedding import load_embedding_model, load_pretrained_model
from app.services.types import (
    DecodedAudio,
    Diarization,
    ProgressCallback,
    SpeakerTurn,
)

# Share of the stage's progress taken by each pyannote step that reports (completed, total);
# embedding dominates (~95% of the time on CPU).
_STEP_SPANS = {"segmentation": (0.0, 15.0), "embeddings": (15.0, 98.0)}


class Diarizer:
    def __init__(
        self, settings: ModelSettings, models: ModelManager, max_clustered_embeddings: int = MAX_CLUSTERED_EMBEDDINGS
    ) -> None:
        self._settings = settings
        self._models = models
        self._max_clustered_embeddings = max_clustered_embeddings

    @property
    def model_id(self) -> str:
        if self._settings.diarization_pipeline:
            return self._settings.diarization_pipeline
        return (
            f"speaker-diarization-3.1 recipe ({self._settings.segmentation_model} + "
            f"{self._settings.embedding_model_id})"
        )

    def run(self, audio: DecodedAudio, speakers: SpeakerCountHint, on_progress: ProgressCallback) -> Diarization:
        # A path, not a waveform: the pipeline reads the recording from disk a chunk at a time.
        source = {"audio": str(audio.path), "uri": audio.path.stem}
        output = self._models.run_with_oom_retry(
            "diarization",
            lambda batch_size: self._diarize(source, speakers, batch_size, on_progress),
            self._settings.embedding_batch_size,
        )
        on_progress(100.0)
        return output

    def _diarize(
        self, source: dict[str, Any], speakers: SpeakerCountHint, batch_size: int, on_progress: ProgressCallback
    ) -> Diarization:
        with self._models.use(f"diarization:{self.model_id}", self._load) as pipeline:
            pipeline.use_embedding_batch(batch_size)
            output = pipeline(
                source,
                hook=_ProgressHook(on_progress),
                num_speakers=speakers.exact,
                min_speakers=speakers.minimum,
                max_speakers=speakers.maximum,
            )
        # pyannote 4 returns DiarizeOutput; a pipeline configured as legacy returns an Annotation.
        regular: Annotation = getattr(output, "speaker_diarization", output)
        exclusive: Annotation = getattr(output, "exclusive_speaker_diarization", regular)
        return Diarization(turns=_turns(regular), exclusive_turns=_turns(exclusive), speakers=sorted(regular.labels()))

    def _load(self) -> SpeakerDiarization:
        settings = self._settings
        token = settings.hf_token_value
        if settings.diarization_pipeline:
            pretrained = Pipeline.from_pretrained(settings.locate(settings.diarization_pipeline), token=token)
            if not isinstance(pretrained, SpeakerDiarization):
                raise RuntimeError(f"{settings.diarization_pipeline!r} is not a speaker diarization pipeline")
            pipeline = LongFormSpeakerDiarization.adopt(pretrained, self._max_clustered_embeddings)
            pipeline.segmentation_batch_size = settings.segmentation_batch_size
        else:
            pipeline = LongFormSpeakerDiarization.recipe_3_1(
                segmentation=load_pretrained_model(settings.locate(settings.segmentation_model), token),
                embedding=load_embedding_model(settings),
                segmentation_batch_size=settings.segmentation_batch_size,
                max_clustered_embeddings=self._max_clustered_embeddings,
            )
        return pipeline.to(settings.torch_device)


def _turns(annotation: Annotation) -> list[SpeakerTurn]:
    return [
        SpeakerTurn(start=round(segment.start, 3), end=round(segment.end, 3), speaker=str(label))
        for segment, _, label in annotation.itertracks(yield_label=True)
    ]


class _ProgressHook:
    """Turns pyannote's hook calls into a percent for the stage, reported only when it moves."""

    def __init__(self, on_progress: ProgressCallback) -> None:
        self._on_progress = on_progress
        self._last = -1.0

    def __call__(
        self,
        step_name: str,
        step_artifact: Any,
        file: Any = None,
        total: int | None = None,
        completed: int | None = None,
    ) -> None:
        span = _STEP_SPANS.get(step_name)
        if span is None or not total or completed is None:
            return
        start, end = span
        percent = float(np.clip(start + (end - start) * completed / total, start, end))
        if percent >= self._last + 1.0:
            self._last = percent
            self._on_progress(round(percent, 1))
            # Without this, freed embedding batches stay with the allocator: +1.6 GB RSS at 30 min.
            trim_c_heap()
