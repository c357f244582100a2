"""Reading the decoded recording a range at a time."""

from pathlib import Path

import numpy as np
import pytest
import soundfile

from app.services.samples import WavSamples
from app.services.types import DecodedAudio

RATE = 16000


def _wav(path: Path, samples: np.ndarray, rate: int = RATE) -> DecodedAudio:
    soundfile.write(path, samples, rate, subtype="PCM_16")
    return DecodedAudio(path, duration_s=len(samples) / rate)


def test_slices_read_what_the_whole_file_holds(tmp_path: Path) -> None:
    """Any range, including ones reaching past either end, gives numpy's slice of the whole file."""
    audio = _wav(tmp_path / "noise.wav", np.random.default_rng(0).uniform(-0.5, 0.5, 3 * RATE).astype(np.float32))
    whole = soundfile.read(audio.path, dtype="float32")[0]

    with WavSamples(audio) as samples:
        assert len(samples) == len(whole)
        for key in [slice(None), slice(100, 5000), slice(-300, None), slice(2 * RATE, 10 * RATE), slice(500, 100)]:
            read = samples[key]
            assert read.dtype == np.float32
            np.testing.assert_array_equal(read, whole[key])


def test_strided_reads_are_refused(tmp_path: Path) -> None:
    with (
        WavSamples(_wav(tmp_path / "a.wav", np.zeros(RATE, dtype=np.float32))) as samples,
        pytest.raises(ValueError, match="contiguous"),
    ):
        samples[::2]


@pytest.mark.parametrize(("shape", "rate"), [((RATE, 2), RATE), ((44100,), 44100)])
def test_anything_but_the_decoders_16k_mono_is_refused(shape: tuple[int, ...], rate: int, tmp_path: Path) -> None:
    audio = _wav(tmp_path / "other.wav", np.zeros(shape, dtype=np.float32), rate)
    audio = DecodedAudio(audio.path, audio.duration_s, sample_rate=RATE)

    with pytest.raises(ValueError, match="expected 16000 Hz mono"):
        WavSamples(audio)
