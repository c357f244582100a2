"""GPU memory while a stage runs: device-wide used memory polled in a thread (it sees CTranslate2's
allocator and the CUDA context, which torch's own counters miss), plus torch's peak allocation."""

import threading

import torch

_MIB = 1024 * 1024
POLL_S = 0.02


def cuda_available() -> bool:
    return bool(torch.cuda.is_available())


def used_vram_mib() -> float:
    free, total = torch.cuda.mem_get_info()
    return (total - free) / _MIB


class VramSampler:
    """Highest device-wide used memory since the last `take_peak()`; polls until `stop()`."""

    def __init__(self) -> None:
        self._peak = used_vram_mib()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._poll, name="vram-sampler", daemon=True)
        self._thread.start()

    def take_peak(self) -> tuple[float, float]:
        """(device-wide peak, torch's peak allocation) since the previous call; both restart from now."""
        with self._lock:
            peak, self._peak = max(self._peak, used_vram_mib()), used_vram_mib()
        torch_peak = torch.cuda.max_memory_allocated() / _MIB
        torch.cuda.reset_peak_memory_stats()
        return peak, torch_peak

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()

    def _poll(self) -> None:
        while not self._stopped.wait(POLL_S):
            used = used_vram_mib()
            with self._lock:
                self._peak = max(self._peak, used)
