"""Keeps at most one model in memory: a consumer GPU (8-12 GB) cannot hold pyannote, the speaker
embedding and Whisper large together, and a long job must not creep up in RAM either.

`ModelManager.use(key, load)` loads a model on demand and releases the previous one first. Release
is `del` -> `gc.collect()` -> `torch.cuda.empty_cache()`, plus glibc's `malloc_trim(0)`: on CPU the
C allocator otherwise keeps the freed pages and the process RSS never comes down. Every load and
release logs RSS/VRAM before and after, and is reported to an optional observer (tests use it).
"""

import ctypes
import ctypes.util
import functools
import gc
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, cast

import structlog
import torch

from app.core.errors import JobError

log = structlog.get_logger(__name__)

T = TypeVar("T")

_MIB = 1024 * 1024


@dataclass(frozen=True)
class MemorySnapshot:
    rss_bytes: int
    cuda_allocated_bytes: int | None = None
    """What torch's caching allocator holds for tensors."""
    cuda_used_bytes: int | None = None
    """Used on the whole device (includes CTranslate2's own allocator and the CUDA context)."""

    @classmethod
    def capture(cls) -> "MemorySnapshot":
        if not torch.cuda.is_available():
            return cls(rss_bytes=current_rss_bytes())
        free, total = torch.cuda.mem_get_info()
        return cls(current_rss_bytes(), torch.cuda.memory_allocated(), total - free)

    def as_log(self, prefix: str) -> dict[str, float]:
        fields = {f"{prefix}_rss_mib": round(self.rss_bytes / _MIB, 1)}
        if self.cuda_used_bytes is not None and self.cuda_allocated_bytes is not None:
            fields[f"{prefix}_vram_used_mib"] = round(self.cuda_used_bytes / _MIB, 1)
            fields[f"{prefix}_vram_torch_mib"] = round(self.cuda_allocated_bytes / _MIB, 1)
        return fields


@dataclass(frozen=True)
class ModelEvent:
    action: Literal["loaded", "released"]
    key: str
    before: MemorySnapshot
    after: MemorySnapshot


def out_of_memory_error(stage: str, batch_size: int, error: BaseException) -> JobError:
    """A stage did not fit in GPU memory, even alone and with a smaller batch."""
    return JobError(
        f"The {stage} step ran out of GPU memory, even with every other model unloaded and a "
        f"batch size of {batch_size}. Try a shorter recording, or a GPU with more memory.",
        detail=str(error),
    )


class ModelManager:
    def __init__(self, on_event: Callable[[ModelEvent], None] | None = None) -> None:
        self._lock = threading.RLock()
        self._key: str | None = None
        self._model: Any = None
        self._on_event = on_event

    @property
    def resident_key(self) -> str | None:
        return self._key

    @contextmanager
    def use(self, key: str, load: Callable[[], T]) -> Iterator[T]:
        """The model named `key`, loaded by `load()` unless already resident; held exclusively
        until the block ends, so no other thread can swap it out mid-inference."""
        with self._lock:
            if self._key != key:
                self.release()
                before = MemorySnapshot.capture()
                self._model = load()
                self._key = key
                self._emit("loaded", key, before)
            yield cast(T, self._model)

    def release(self) -> None:
        """Unloads the resident model (if any) and hands its memory back to the OS / the GPU."""
        with self._lock:
            if self._key is None:
                return
            key, before = self._key, MemorySnapshot.capture()
            self._model = None
            self._key = None
            free_unused_memory()
            self._emit("released", key, before)

    def run_with_oom_retry(self, stage: str, run: Callable[[int], T], batch_size: int) -> T:
        """Runs `run(batch_size)`; on CUDA out-of-memory, releases everything and retries once with
        half the batch, then fails the job with a reason a person can act on."""
        try:
            return run(batch_size)
        except Exception as error:
            if not is_out_of_memory(error):
                raise
        smaller = max(1, batch_size // 2)
        log.warning("model_out_of_memory_retrying", stage=stage, batch_size=batch_size, retry_batch_size=smaller)
        self.release()
        try:
            return run(smaller)
        except Exception as error:
            if not is_out_of_memory(error):
                raise
            self.release()
            raise out_of_memory_error(stage, smaller, error) from error

    def _emit(self, action: Literal["loaded", "released"], key: str, before: MemorySnapshot) -> None:
        after = MemorySnapshot.capture()
        log.info(f"model_{action}", model=key, **before.as_log("before"), **after.as_log("after"))
        if self._on_event is not None:
            self._on_event(ModelEvent(action, key, before, after))


def is_out_of_memory(error: BaseException) -> bool:
    """torch raises OutOfMemoryError; CTranslate2 (Whisper) a RuntimeError saying 'out of memory'."""
    return isinstance(error, torch.cuda.OutOfMemoryError) or (
        isinstance(error, RuntimeError) and "out of memory" in str(error).lower()
    )


def free_unused_memory() -> None:
    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
    trim_c_heap()


def trim_c_heap() -> None:
    """glibc keeps freed heap pages for reuse; malloc_trim(0) returns them to the OS. No-op elsewhere.

    Also worth calling inside a long stage: when its buffers vary in size (pyannote's embedding
    batches do), the kept blocks pile up and RSS climbs with the recording's length."""
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


@functools.cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    return None if name is None else ctypes.CDLL(name)


def current_rss_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE")
