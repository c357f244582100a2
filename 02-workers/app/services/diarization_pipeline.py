"""pyannote's SpeakerDiarization as the worker assembles it: the speaker-diarization-3.1 recipe,
with memory that does not grow with the recording beyond its frame-level arrays.

Three steps of pyannote's pipeline need memory out of proportion to a long recording:
- audio: it holds the whole recording as float32 (220 MiB an hour), decoded with torchcodec when
  given a path; here a WAV on disk is read one batch of chunks (segmentation) or one chunk
  (embeddings) at a time;
- clustering: scipy's linkage holds all n²/2 distances between the embeddings it clusters (twice),
  about 1.5 embeddings per second of speech: 1.2 GB at 1 h, 20 GB at 4 h;
- reconstruction: it lays every chunk's frames out for every speaker in one float64 array (chunks x
  589 frames x speakers; 0.5 GB for 30 min with 30 speakers, and copies of it) before summing over
  the overlapping chunks.
The classes below bound all three and change nothing else: the numbers are pyannote's (tested).
"""

import functools
from collections.abc import Callable, Mapping
from typing import Any, Self

import numpy as np
import soundfile
import torch
from pyannote.audio import Audio, Inference, Model
from pyannote.audio.core.plda import PLDA
from pyannote.audio.core.task import Specifications
from pyannote.audio.pipelines import SpeakerDiarization
from pyannote.audio.pipelines.clustering import AgglomerativeClustering
from pyannote.audio.utils.reproducibility import fix_reproducibility
from pyannote.core import Segment, SlidingWindow, SlidingWindowFeature

# pyannote/speaker-diarization-3.1's config.yaml.
RECIPE_3_1_HYPERPARAMETERS: dict[str, Any] = {
    "segmentation": {"min_duration_off": 0.0},
    "clustering": {"method": "centroid", "min_cluster_size": 12, "threshold": 0.7045654963945799},
}

MAX_CLUSTERED_EMBEDDINGS = 3000
"""Most embeddings the dendrogram is built on (~70 MB of distances): still one per second or two of
a long meeting's speech. Every embedding is then assigned to the nearest centroid, as pyannote does."""

_INACTIVE = -2
"""pyannote's cluster index for a chunk's local speaker that never speaks in it."""


class BoundedAgglomerativeClustering(AgglomerativeClustering):
    """pyannote's agglomerative clustering with its dendrogram built on at most `max_embeddings`
    embeddings, taken evenly along the recording."""

    def __init__(self, max_embeddings: int, metric: str = "cosine", constrained_assignment: bool = False) -> None:
        super().__init__(metric=metric, constrained_assignment=constrained_assignment)
        self.max_embeddings = max_embeddings

    def filter_embeddings(
        self, embeddings: np.ndarray, segmentations: Any = None, min_active_ratio: float = 0.2
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        kept, chunks, speakers = super().filter_embeddings(embeddings, segmentations, min_active_ratio)
        if len(kept) <= self.max_embeddings:
            return kept, chunks, speakers
        rows = np.linspace(0, len(kept) - 1, self.max_embeddings).round().astype(int)
        return kept[rows], chunks[rows], speakers[rows]


def bound_clustering(pipeline: SpeakerDiarization, max_embeddings: int = MAX_CLUSTERED_EMBEDDINGS) -> None:
    """Swaps an instantiated pipeline's agglomerative clustering for the bounded one, same
    hyper-parameters. Other clusterings (VBx in pyannote 4's own pipelines) are left as they are."""
    current = pipeline.clustering
    if type(current) is not AgglomerativeClustering:
        return
    bounded = BoundedAgglomerativeClustering(
        max_embeddings, metric=current.metric, constrained_assignment=current.constrained_assignment
    )
    bounded.instantiate(current.parameters(instantiated=True))
    pipeline.clustering = bounded


class SeekingAudio(Audio):
    """pyannote's Audio whose `crop` of a file on disk reads only that range, with soundfile: the
    samples its in-memory path would slice out, where pyannote would open a torchcodec decoder."""

    def crop(self, file: Any, segment: Segment, mode: str = "raise") -> tuple[torch.Tensor, int]:
        file = self.validate_file(file)
        if "waveform" in file:
            return super().crop(file, segment, mode=mode)
        with soundfile.SoundFile(file["audio"]) as wav:
            sample_rate, total = wav.samplerate, wav.frames
            start = self.get_num_samples(segment.start, sample_rate)
            end = self.get_num_samples(segment.end, sample_rate)
            if mode == "raise" and (start < 0 or end > total):
                raise ValueError(f"{segment} is outside {file['uri']} ({total / sample_rate:.3f} s)")
            waveform = torch.from_numpy(_read_padded(wav, start, end).T)
        return self.downmix_and_resample(waveform, sample_rate, channel=file.get("channel"))


def _read_padded(wav: soundfile.SoundFile, start: int, end: int) -> np.ndarray:
    """Samples [start, end) as (samples, channels) float32, zeros where the range leaves the file."""
    first = min(max(0, start), wav.frames)
    wav.seek(first)
    data = wav.read(max(0, min(end, wav.frames) - first), dtype="float32", always_2d=True)
    before = min(max(0, first - start), end - start)
    return np.pad(data, ((before, end - start - before - len(data)), (0, 0)))


def segment_from_disk(
    inference: Inference, audio: Any, hook: Callable[..., None] | None = None
) -> SlidingWindowFeature:
    """pyannote's `Inference.slide` as the diarization pipeline uses it (one output per chunk, no
    aggregation), with each batch of chunks read from the mono WAV `audio` (path or file object)
    when its turn comes: the same batches, so the same scores, without the recording in memory."""
    fix_reproducibility(inference.device)
    model_audio = inference.model.audio
    with soundfile.SoundFile(audio) as wav:
        if wav.samplerate != model_audio.sample_rate or wav.channels != 1:
            raise ValueError(f"expected {model_audio.sample_rate} Hz mono, got {wav.samplerate} Hz x {wav.channels}")
        window = model_audio.get_num_samples(inference.duration)
        step = round(inference.step * wav.samplerate)
        complete = 1 + (wav.frames - window) // step if wav.frames >= window else 0
        has_last = wav.frames < window or (wav.frames - window) % step > 0
        total = complete + int(has_last)
        # As pyannote: complete chunks batch_size at a time, then the zero-padded last one alone.
        size = inference.batch_size
        batches = [(first, min(first + size, complete)) for first in range(0, complete, size)]
        batches += [(complete, total)] if has_last else []
        if hook is not None:
            hook(completed=0, total=total)
        scores: np.ndarray | None = None
        for first, end in batches:
            span = (end - first - 1) * step + window
            samples = _read_padded(wav, first * step, first * step + span)[:, 0]
            chunks = torch.from_numpy(samples).unfold(0, window, step)[:, None]
            batch_scores = inference.infer(chunks)
            if not isinstance(batch_scores, np.ndarray):
                raise TypeError("expected a segmentation model with a single task")
            if scores is None:
                scores = np.empty((total, *batch_scores.shape[1:]), dtype=batch_scores.dtype)
            scores[first:end] = batch_scores
            if hook is not None:
                hook(completed=end, total=total)
    return SlidingWindowFeature(scores, SlidingWindow(start=0.0, duration=inference.duration, step=inference.step))


class LongFormSpeakerDiarization(SpeakerDiarization):
    """SpeakerDiarization that reads a recording on disk a chunk at a time, and whose reconstruction
    sums each chunk into the frame-level result as it goes: the same numbers as pyannote's (tested),
    in the memory of the frame-level arrays alone."""

    @classmethod
    def recipe_3_1(
        cls,
        segmentation: Model,
        embedding: Model,
        segmentation_batch_size: int,
        max_clustered_embeddings: int = MAX_CLUSTERED_EMBEDDINGS,
    ) -> Self:
        pipeline = cls(
            segmentation=segmentation,
            segmentation_step=0.1,
            embedding=embedding,
            embedding_exclude_overlap=True,
            # pyannote 4 insists on a PLDA; agglomerative clustering never uses it.
            plda=PLDA.__new__(PLDA),
            clustering="AgglomerativeClustering",
            segmentation_batch_size=segmentation_batch_size,
        )
        pipeline.instantiate(RECIPE_3_1_HYPERPARAMETERS)
        pipeline._make_long_form(max_clustered_embeddings)
        return pipeline

    @classmethod
    def adopt(cls, pipeline: SpeakerDiarization, max_clustered_embeddings: int = MAX_CLUSTERED_EMBEDDINGS) -> Self:
        """A published pipeline as pyannote loaded it (pyannote/speaker-diarization-3.1), made long-form
        in place: this class adds no state of its own, only methods, so the loaded object can take it
        as its class."""
        if type(pipeline) is not SpeakerDiarization:
            raise TypeError(f"expected a pyannote SpeakerDiarization pipeline, got {type(pipeline).__name__}")
        pipeline.__class__ = cls
        pipeline._make_long_form(max_clustered_embeddings)
        return pipeline

    def _make_long_form(self, max_clustered_embeddings: int) -> None:
        bound_clustering(self, max_clustered_embeddings)
        if isinstance(getattr(self, "_audio", None), Audio):
            self._audio = SeekingAudio(sample_rate=self._audio.sample_rate, mono=self._audio.mono)

    def use_embedding_batch(self, size: int) -> None:
        """Embedding batches of at least `size` (chunk, speaker) pairs, rounded up to whole chunks:
        the local speakers of a chunk then share one batch, and an embedding model that runs a
        chunk's frames once for all its speakers (CAM++ here) never runs them twice across two
        batches (~15% faster diarization on CPU at 9 rather than 8)."""
        specifications = self._segmentation.model.specifications
        if not isinstance(specifications, Specifications) or not specifications.classes:
            raise TypeError("expected a segmentation model with a single task")
        speakers = len(specifications.classes)
        self.embedding_batch_size = -(-size // speakers) * speakers

    def get_segmentations(
        self, file: Mapping[str, Any], hook: Callable[..., None] | None = None
    ) -> SlidingWindowFeature:
        """A file given as a waveform in memory, or while training, goes pyannote's way."""
        if self.training or "waveform" in file:
            return super().get_segmentations(file, hook=hook)
        step_hook = None if hook is None else functools.partial(hook, "segmentation", None)
        return segment_from_disk(self._segmentation, file["audio"], step_hook)

    def reconstruct(
        self, segmentations: SlidingWindowFeature, hard_clusters: np.ndarray, count: SlidingWindowFeature
    ) -> SlidingWindowFeature:
        num_chunks, num_frames, _ = segmentations.data.shape
        chunks = segmentations.sliding_window
        frames = SlidingWindow(
            start=chunks.start, duration=count.sliding_window.duration, step=count.sliding_window.step
        )
        last = chunks.start + chunks.duration + (num_chunks - 1) * chunks.step
        activations = np.zeros(
            (frames.closest_frame(last + 0.5 * frames.duration) + 1, int(np.max(hard_clusters)) + 1), dtype=np.float32
        )
        for clusters, (chunk, segmentation) in zip(hard_clusters, segmentations, strict=True):
            first = frames.closest_frame(chunk.start + 0.5 * frames.duration)
            for cluster in np.unique(clusters):
                if cluster != _INACTIVE:
                    # A cluster holding several local speakers is active where any of them is.
                    activations[first : first + num_frames, cluster] += segmentation[:, clusters == cluster].max(axis=1)
        return _discrete(SlidingWindowFeature(activations, frames), count)


def _discrete(activations: SlidingWindowFeature, count: SlidingWindowFeature) -> SlidingWindowFeature:
    """pyannote's `to_diarization` after its aggregation step: in each frame, the `count` most active
    clusters speak."""
    missing = int(np.max(count.data)) - activations.data.shape[1]
    if missing > 0:
        activations.data = np.pad(activations.data, ((0, 0), (0, missing)))
    extent = activations.extent & count.extent
    activations = activations.crop(extent, return_data=False)
    count = count.crop(extent, return_data=False)
    ranked = np.argsort(-activations.data, axis=-1)
    binary = np.zeros_like(activations.data)
    frames = min(len(binary), len(count.data))
    speaking = np.arange(binary.shape[1])[None, :] < count.data[:frames].reshape(-1, 1)
    np.put_along_axis(binary[:frames], ranked[:frames], speaking.astype(binary.dtype), axis=1)
    return SlidingWindowFeature(binary, activations.sliding_window)
