"""pyannote's SpeakerDiarization as the worker assembles it: the speaker-diarization-3.1 recipe,
with memory that does not grow with the recording beyond its frame-level output.

Two steps of pyannote's pipeline need memory out of proportion to a long recording:
- clustering: scipy's linkage holds all n²/2 distances between the embeddings it clusters (twice),
  about 1.5 embeddings per second of speech: 1.2 GB at 1 h, 20 GB at 4 h;
- reconstruction: it lays every chunk's frames out for every speaker in one float64 array (chunks x
  589 frames x speakers; 0.5 GB for 30 min with 30 speakers, and copies of it) before summing over
  the overlapping chunks.
The classes below bound both and change nothing else.
"""

from typing import Any, Self

import numpy as np
from pyannote.audio import Model
from pyannote.audio.core.plda import PLDA
from pyannote.audio.pipelines import SpeakerDiarization
from pyannote.audio.pipelines.clustering import AgglomerativeClustering
from pyannote.core import SlidingWindow, SlidingWindowFeature

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


class LongFormSpeakerDiarization(SpeakerDiarization):
    """SpeakerDiarization whose reconstruction sums each chunk into the frame-level result as it goes:
    the same numbers as pyannote's (tested), in the memory of the result alone."""

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
        bound_clustering(pipeline, max_clustered_embeddings)
        return pipeline

    @classmethod
    def adopt(cls, pipeline: SpeakerDiarization, max_clustered_embeddings: int = MAX_CLUSTERED_EMBEDDINGS) -> Self:
        """A published pipeline as pyannote loaded it (pyannote/speaker-diarization-3.1), made long-form
        in place: this class adds no state, only a method, so the loaded object can take it as its class."""
        if type(pipeline) is not SpeakerDiarization:
            raise TypeError(f"expected a pyannote SpeakerDiarization pipeline, got {type(pipeline).__name__}")
        pipeline.__class__ = cls
        bound_clustering(pipeline, max_clustered_embeddings)
        return pipeline

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
