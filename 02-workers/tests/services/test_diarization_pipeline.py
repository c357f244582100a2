"""The long-form 3.1 pipeline: pyannote's results, with the recording read from disk and bounded
clustering and reconstruction memory."""

from pathlib import Path

import numpy as np
import pyannote.audio
import pytest
import soundfile
import torch
from pyannote.audio.core.plda import PLDA
from pyannote.audio.pipelines import SpeakerDiarization
from pyannote.audio.pipelines.clustering import AgglomerativeClustering
from pyannote.core import Segment, SlidingWindow, SlidingWindowFeature

from app.services.diarization_pipeline import (
    MAX_CLUSTERED_EMBEDDINGS,
    RECIPE_3_1_HYPERPARAMETERS,
    BoundedAgglomerativeClustering,
    LongFormSpeakerDiarization,
    SeekingAudio,
)
from app.services.embedding import load_embedding_model, load_pretrained_model
from tests.model_support import decode, offline_model_settings, whole_waveform

SAMPLE = Path(pyannote.audio.__file__).parent / "sample" / "sample.wav"


class _ComparedWithPyannote(LongFormSpeakerDiarization):
    """Also runs pyannote's own reconstruction on the same inputs and keeps both results."""

    compared: list[tuple[SlidingWindowFeature, SlidingWindowFeature]]

    def reconstruct(
        self, segmentations: SlidingWindowFeature, hard_clusters: np.ndarray, count: SlidingWindowFeature
    ) -> SlidingWindowFeature:
        ours = super().reconstruct(segmentations, hard_clusters, count)
        theirs = SpeakerDiarization.reconstruct(self, segmentations, hard_clusters, count)
        self.compared.append((ours, theirs))
        return ours


def _extent(window: SlidingWindow) -> tuple[float, float, float]:
    return window.start, window.duration, window.step


def _recipe_parts() -> tuple[pyannote.audio.Model, pyannote.audio.Model]:
    settings = offline_model_settings()
    return load_pretrained_model(settings.locate(settings.segmentation_model), None), load_embedding_model(settings)


@pytest.mark.parametrize("recording", ["sample", "trn07"])
def test_reconstruction_matches_pyannotes_frame_for_frame(recording: str, shared_audio: Path, tmp_path: Path) -> None:
    """On real recordings (2 and 4 speakers), both the regular and the exclusive diarization."""
    source = SAMPLE if recording == "sample" else shared_audio / "ami" / f"{recording}.wav"
    segmentation, embedding = _recipe_parts()
    pipeline = _ComparedWithPyannote.recipe_3_1(segmentation, embedding, segmentation_batch_size=32)
    pipeline.compared = []

    pipeline({"audio": str(decode(source, tmp_path).path)})

    assert len(pipeline.compared) == 2
    for ours, theirs in pipeline.compared:
        assert _extent(ours.sliding_window) == _extent(theirs.sliding_window)
        np.testing.assert_array_equal(ours.data, theirs.data)
        assert ours.data.sum() > 0


@pytest.mark.parametrize("seconds", [30.0, 24.37])
def test_a_recording_read_from_disk_gives_the_in_memory_scores_and_embeddings(seconds: float, tmp_path: Path) -> None:
    """Segmentation a batch of chunks at a time, embeddings a chunk at a time, from the WAV on disk:
    exactly pyannote's numbers from the whole waveform in memory, whether the last chunk is complete
    (30 s) or zero-padded (24.37 s); batches of 8 leave a smaller one at the end."""
    samples = whole_waveform(decode(SAMPLE, tmp_path))[: round(seconds * 16000)]
    path = tmp_path / "cut.wav"
    soundfile.write(path, samples, 16000, subtype="PCM_16")
    on_disk = {"audio": str(path)}
    in_memory = {"waveform": torch.from_numpy(soundfile.read(path, dtype="float32")[0])[None], "sample_rate": 16000}
    pipeline = LongFormSpeakerDiarization.recipe_3_1(*_recipe_parts(), segmentation_batch_size=8)
    progress: list[tuple[int, int]] = []

    disk_scores = pipeline.get_segmentations(
        on_disk, hook=lambda *_, completed, total: progress.append((completed, total))
    )
    memory_scores = pipeline.get_segmentations(in_memory)

    assert _extent(disk_scores.sliding_window) == _extent(memory_scores.sliding_window)
    np.testing.assert_array_equal(disk_scores.data, memory_scores.data)
    assert progress[0][0] == 0
    assert progress[-1][0] == progress[-1][1] == len(disk_scores.data)
    np.testing.assert_array_equal(
        pipeline.get_embeddings(on_disk, disk_scores, exclude_overlap=True),
        pipeline.get_embeddings(in_memory, memory_scores, exclude_overlap=True),
    )


def test_crops_from_disk_equal_pyannotes_in_memory_crops_past_either_end(tmp_path: Path) -> None:
    path = tmp_path / "noise.wav"
    samples = np.random.default_rng(2).uniform(-0.5, 0.5, 16000).astype(np.float32)
    soundfile.write(path, samples, 16000, subtype="FLOAT")
    audio = SeekingAudio(sample_rate=16000, mono="downmix")
    in_memory = {"waveform": torch.from_numpy(samples)[None], "sample_rate": 16000}

    for start, end in [(0.2, 0.45), (-0.5, 0.3), (0.8, 1.6), (-0.25, 1.25)]:
        ours, _ = audio.crop({"audio": str(path)}, Segment(start, end), mode="pad")
        theirs, _ = audio.crop(in_memory, Segment(start, end), mode="pad")
        np.testing.assert_array_equal(ours.numpy(), theirs.numpy())
    with pytest.raises(ValueError, match="outside"):
        audio.crop({"audio": str(path)}, Segment(0.5, 1.5))


def test_a_wav_that_is_not_16k_mono_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stereo.wav"
    soundfile.write(path, np.zeros((16000, 2), dtype=np.float32), 16000)
    pipeline = LongFormSpeakerDiarization.recipe_3_1(*_recipe_parts(), segmentation_batch_size=8)

    with pytest.raises(ValueError, match="16000 Hz mono"):
        pipeline.get_segmentations({"audio": str(path)})


def test_published_pipeline_is_adopted_with_its_hyper_parameters() -> None:
    segmentation, embedding = _recipe_parts()
    published = SpeakerDiarization(
        segmentation=segmentation, embedding=embedding, clustering="AgglomerativeClustering", plda=PLDA.__new__(PLDA)
    )
    published.instantiate(RECIPE_3_1_HYPERPARAMETERS)

    adopted = LongFormSpeakerDiarization.adopt(published)

    assert adopted is published
    assert isinstance(adopted, LongFormSpeakerDiarization)
    assert isinstance(adopted.clustering, BoundedAgglomerativeClustering)
    assert adopted.clustering.max_embeddings == MAX_CLUSTERED_EMBEDDINGS
    assert adopted.parameters(instantiated=True)["clustering"] == RECIPE_3_1_HYPERPARAMETERS["clustering"]
    assert isinstance(adopted._audio, SeekingAudio)
    with pytest.raises(TypeError, match="SpeakerDiarization"):
        LongFormSpeakerDiarization.adopt(AgglomerativeClustering())  # type: ignore[arg-type]


def test_embedding_batches_hold_whole_chunks() -> None:
    """The segmentation model has 3 local speakers per chunk: batches are rounded up to multiples of 3."""
    pipeline = LongFormSpeakerDiarization.recipe_3_1(*_recipe_parts(), segmentation_batch_size=8)

    for asked, used in [(1, 3), (8, 9), (9, 9), (32, 33)]:
        pipeline.use_embedding_batch(asked)
        assert pipeline.embedding_batch_size == used


def test_bounded_clustering_keeps_embeddings_spread_evenly_over_the_recording() -> None:
    # 100 chunks, one clean speaker in each, the third chunk's embedding invalid (NaN).
    segmentations = np.zeros((100, 10, 3), dtype=np.float32)
    segmentations[:, :, 0] = 1.0
    embeddings = np.random.default_rng(0).normal(size=(100, 3, 4))
    embeddings[2, 0] = np.nan
    clustering = BoundedAgglomerativeClustering(max_embeddings=10)

    kept, chunks, speakers = clustering.filter_embeddings(
        embeddings, SlidingWindowFeature(segmentations, SlidingWindow(start=0.0, duration=10.0, step=1.0))
    )

    assert len(kept) == 10
    assert (chunks[0], chunks[-1]) == (0, 99)
    assert 2 not in chunks
    assert set(np.diff(chunks)) <= {10, 11, 12}
    assert set(speakers) == {0}
    np.testing.assert_array_equal(kept, embeddings[chunks, speakers])


def test_short_recordings_cluster_every_embedding() -> None:
    segmentations = np.ones((20, 10, 1), dtype=np.float32)
    embeddings = np.random.default_rng(1).normal(size=(20, 1, 4))

    kept, chunks, _ = BoundedAgglomerativeClustering(max_embeddings=20).filter_embeddings(
        embeddings, SlidingWindowFeature(segmentations, SlidingWindow(start=0.0, duration=10.0, step=1.0))
    )

    assert list(chunks) == list(range(20))
    assert len(kept) == 20
