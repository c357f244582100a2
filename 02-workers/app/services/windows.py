"""Long recordings cut into windows at quiet moments.

A stage that works window by window needs memory for one window, not for the whole file: Whisper's
feature extraction, for one, builds a spectrogram (and a framed copy of the signal ~25x its size)
of all the audio it is given at once. Cutting where the signal is quietest keeps words whole.
"""

import numpy as np

from app.services.samples import Samples

FRAME_S = 0.1
"""Resolution of the search for a quiet moment."""


def quiet_windows(samples: Samples, sample_rate: int, max_window_s: float, search_s: float) -> list[tuple[int, int]]:
    """Sample ranges [start, end) covering `samples`, each at most `max_window_s` long.

    Each cut is placed at the centre of the quietest `FRAME_S` frame among the last `search_s`
    seconds before the window's limit; only those seconds are read. No samples, no windows.
    """
    if max_window_s <= 0 or not 0 < search_s < max_window_s:
        raise ValueError("need 0 < search_s < max_window_s")
    total = len(samples)
    max_window = int(max_window_s * sample_rate)
    search = int(search_s * sample_rate)
    windows: list[tuple[int, int]] = []
    start = 0
    while total - start > max_window:
        cut = _quietest_point(samples, start + max_window - search, start + max_window, sample_rate)
        windows.append((start, cut))
        start = cut
    if total > start:
        windows.append((start, total))
    return windows


def _quietest_point(samples: Samples, begin: int, end: int, sample_rate: int) -> int:
    frame = max(1, int(FRAME_S * sample_rate))
    count = (end - begin) // frame
    frames = samples[begin : begin + count * frame].reshape(count, frame)
    energy = np.einsum("ij,ij->i", frames, frames)  # no squared copy of the region
    return begin + int(np.argmin(energy)) * frame + frame // 2
