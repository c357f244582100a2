"""The decoded recording, read from disk one range at a time.

No stage holds the whole recording in memory: an hour at 16 kHz is 220 MiB of float32 samples, and
a stage that reads only the range it works on keeps its memory flat as recordings get longer.
"""

from types import TracebackType
from typing import Protocol, Self

import numpy as np
import soundfile

from app.services.types import DecodedAudio


class Samples(Protocol):
    """Mono float32 samples that can be sliced: a numpy array, or a WavSamples reading from disk."""

    def __len__(self) -> int: ...

    def __getitem__(self, key: slice, /) -> np.ndarray: ...


class WavSamples:
    """The decoded mono WAV as float32 samples in [-1, 1]; slicing reads only that range."""

    def __init__(self, audio: DecodedAudio) -> None:
        self._file = soundfile.SoundFile(audio.path)
        if self._file.samplerate != audio.sample_rate or self._file.channels != 1:
            self._file.close()
            raise ValueError(
                f"{audio.path} is {self._file.samplerate} Hz with {self._file.channels} channels, "
                f"expected {audio.sample_rate} Hz mono"
            )

    def __len__(self) -> int:
        return int(self._file.frames)

    def __getitem__(self, key: slice, /) -> np.ndarray:
        start, stop, step = key.indices(len(self))
        if step != 1:
            raise ValueError("samples are read in contiguous ranges only")
        self._file.seek(start)
        samples: np.ndarray = self._file.read(max(0, stop - start), dtype="float32")
        return samples

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()
