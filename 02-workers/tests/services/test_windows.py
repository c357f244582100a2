"""Cutting long recordings into windows at quiet moments (pure function, on real and built signals)."""

from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from app.services.samples import WavSamples
from app.services.windows import FRAME_S, quiet_windows
from tests.model_support import decode, whole_waveform

RATE = 16000


def _speech_with_pauses(rng: np.random.Generator, seconds: float, pauses_at: list[float]) -> np.ndarray:
    """Loud noise with 0.5 s of near silence starting at each of `pauses_at`."""
    signal = rng.normal(0.0, 0.3, int(seconds * RATE)).astype(np.float32)
    for at in pauses_at:
        signal[int(at * RATE) : int((at + 0.5) * RATE)] *= 0.001
    return signal


def _assert_tiling(windows: list[tuple[int, int]], total: int, max_samples: int) -> None:
    assert windows[0][0] == 0
    assert windows[-1][1] == total
    assert all(end == next_start for (_, end), (next_start, _) in pairwise(windows))
    assert all(0 < end - start <= max_samples for start, end in windows)


def test_cuts_fall_in_the_pause_within_reach_of_each_limit() -> None:
    # Limits at 100 s then ~170 s, each searched over its last 40 s: the pause at 20 s is out of
    # reach, the ones at 70 s and 150 s are where the cuts must go.
    signal = _speech_with_pauses(np.random.default_rng(0), 250.0, [20.0, 70.0, 150.0])

    windows = quiet_windows(signal, RATE, max_window_s=100.0, search_s=40.0)

    _assert_tiling(windows, len(signal), 100 * RATE)
    cuts = [end / RATE for _, end in windows[:-1]]
    assert len(cuts) == 2
    assert 70.0 <= cuts[0] <= 70.5
    assert 150.0 <= cuts[1] <= 150.5


def test_short_and_empty_recordings() -> None:
    signal = np.zeros(RATE * 10, dtype=np.float32)
    assert quiet_windows(signal, RATE, max_window_s=60.0, search_s=20.0) == [(0, len(signal))]
    assert quiet_windows(np.zeros(0, dtype=np.float32), RATE, max_window_s=60.0, search_s=20.0) == []


def test_window_and_search_lengths_are_checked() -> None:
    signal = np.zeros(RATE, dtype=np.float32)
    for max_window_s, search_s in [(0.0, 1.0), (60.0, 0.0), (60.0, 60.0)]:
        with pytest.raises(ValueError, match="search_s"):
            quiet_windows(signal, RATE, max_window_s=max_window_s, search_s=search_s)


def test_cuts_in_a_real_meeting_land_in_its_quietest_moments(shared_audio: Path, tmp_path: Path) -> None:
    """On a real AMI excerpt cut every 10 s (4 s of search), each cut is quieter than 80% of the
    recording's 0.1 s frames: between words, not inside them. Read from disk, the cuts are the same."""
    audio = decode(shared_audio / "ami" / "trn03.wav", tmp_path)
    waveform = whole_waveform(audio)
    frame = int(FRAME_S * RATE)
    energy = np.square(waveform[: len(waveform) // frame * frame].reshape(-1, frame)).mean(axis=1)

    windows = quiet_windows(waveform, RATE, max_window_s=10.0, search_s=4.0)

    with WavSamples(audio) as samples:
        assert quiet_windows(samples, RATE, max_window_s=10.0, search_s=4.0) == windows
    _assert_tiling(windows, len(waveform), 10 * RATE)
    assert len(windows) == 4  # 30 s in windows of at most 10 s
    for _, cut in windows[:-1]:
        around_cut = np.square(waveform[cut - frame // 2 : cut + frame // 2]).mean()
        assert around_cut <= np.quantile(energy, 0.2)
