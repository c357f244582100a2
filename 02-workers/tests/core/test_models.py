"""ModelManager with the real offline models: one model resident at a time, memory handed back on
release, and a CUDA out-of-memory retried once with a smaller batch before a clear failure."""

import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile
import torch
from faster_whisper import WhisperModel

from app.core.errors import JobError
from app.core.model_settings import ModelSettings
from app.core.models import ModelEvent, ModelManager, current_rss_bytes
from app.services.embedding import embed_waveforms, load_embedding_model
from tests.model_support import offline_model_settings, report

MIB = 1024 * 1024


@pytest.fixture(scope="module")
def settings() -> ModelSettings:
    return offline_model_settings()


def _whisper(settings: ModelSettings) -> WhisperModel:
    return WhisperModel(settings.locate(settings.whisper_model), device="cpu", compute_type="int8")


def test_loading_a_model_first_frees_the_resident_one(settings: ModelSettings) -> None:
    """Each load starts only after the previous model object is garbage (not merely forgotten),
    and the events show a release before every load of another model."""
    events: list[ModelEvent] = []
    manager = ModelManager(on_event=events.append)
    alive: list[weakref.ref[Any]] = []

    def tracked(load: Callable[[], Any]) -> Callable[[], Any]:
        def load_when_alone() -> Any:
            assert [ref for ref in alive if ref() is not None] == [], "a previous model is still in memory"
            model = load()
            alive.append(weakref.ref(model))
            return model

        return load_when_alone

    for key, load in [
        ("embedding", lambda: load_embedding_model(settings)),
        ("whisper", lambda: _whisper(settings)),
        ("whisper", lambda: _whisper(settings)),  # already resident: not loaded again
        ("embedding", lambda: load_embedding_model(settings)),
    ]:
        with manager.use(key, tracked(load)):
            assert manager.resident_key == key
    manager.release()

    assert [(event.action, event.key) for event in events] == [
        ("loaded", "embedding"),
        ("released", "embedding"),
        ("loaded", "whisper"),
        ("released", "whisper"),
        ("loaded", "embedding"),
        ("released", "embedding"),
    ]
    assert all(ref() is None for ref in alive)
    assert manager.resident_key is None


def test_release_hands_memory_back_to_the_os(
    settings: ModelSettings, shared_audio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After real inference, release brings RSS back near the level before the model was loaded
    (glibc's malloc_trim: `del` and `gc.collect()` alone keep most of it in the process)."""
    manager = ModelManager()
    clip, _ = soundfile.read(shared_audio / "ami" / "trn08.wav", dtype="float32")
    clips = [clip, clip[::-1].copy(), np.concatenate([clip, clip])]

    def load_use_release() -> int:
        with manager.use("embedding", lambda: load_embedding_model(settings)) as model:
            embed_waveforms(model, clips)
            in_use = current_rss_bytes()
        manager.release()
        return in_use

    load_use_release()  # one-time costs (imports, kernels, caches) stay in the baseline
    baseline = current_rss_bytes()
    in_use = load_use_release()
    released = current_rss_bytes()

    report(
        capsys,
        f"CAM++ on 2 min of audio: RSS {baseline / MIB:.0f} MiB before load, {in_use / MIB:.0f} MiB "
        f"in use, {released / MIB:.0f} MiB after release",
    )
    growth = in_use - baseline
    assert growth > 50 * MIB, "inference should have allocated memory worth measuring"
    assert released - baseline < 0.3 * growth


def test_out_of_memory_is_retried_once_with_half_the_batch(settings: ModelSettings) -> None:
    """The first CUDA OOM releases the model (reloaded on retry) and halves the batch."""
    events: list[ModelEvent] = []
    manager = ModelManager(on_event=events.append)
    batches: list[int] = []

    def embed_with_batch(batch_size: int) -> int:
        with manager.use("embedding", lambda: load_embedding_model(settings)):
            batches.append(batch_size)
            if batch_size > 4:
                raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
            return batch_size

    assert manager.run_with_oom_retry("diarization", embed_with_batch, 8) == 4
    assert batches == [8, 4]
    assert [event.action for event in events] == ["loaded", "released", "loaded"]
    manager.release()


def test_out_of_memory_twice_fails_with_a_reason_and_frees_the_model(settings: ModelSettings) -> None:
    manager = ModelManager()

    def always_too_big(batch_size: int) -> None:
        with manager.use("embedding", lambda: load_embedding_model(settings)):
            raise RuntimeError(f"CUDA failed with error out of memory (batch {batch_size})")

    with pytest.raises(JobError, match=r"transcription step ran out of GPU memory.*batch size of 2"):
        manager.run_with_oom_retry("transcription", always_too_big, 4)
    assert manager.resident_key is None


def test_errors_other_than_out_of_memory_are_not_retried(settings: ModelSettings) -> None:
    manager = ModelManager()
    calls: list[int] = []

    def broken(batch_size: int) -> None:
        calls.append(batch_size)
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        manager.run_with_oom_retry("diarization", broken, 8)
    assert calls == [8]
