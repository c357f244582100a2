"""How the bench measures: each measured pipeline runs in a child process of its own (so one run's memory
never pollutes another's), and peak resident memory is read per stage from the kernel.

Linux keeps a process's peak RSS in `VmHWM` and resets it to the current RSS when `5` is written to
`/proc/self/clear_refs`: a stage's peak is read at its end after a reset at its start, with no polling.
"""

import re
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

REPO = Path(__file__).resolve().parents[1]
_KIB_PER_MIB = 1024

Result = TypeVar("Result", bound=BaseModel)


class ChildFailedError(RuntimeError):
    """A measured child process exited with an error; the message carries the end of its log."""


def reset_peak_rss() -> None:
    """Where the kernel refuses (old kernels, locked-down containers), peaks stay the process's own since start."""
    with suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_rss_mib(pid: int | str = "self") -> float:
    """The process's peak resident memory since it started or since the last `reset_peak_rss()`."""
    return _status_kib("VmHWM", pid) / _KIB_PER_MIB


def rss_mib(pid: int | str = "self") -> float:
    return _status_kib("VmRSS", pid) / _KIB_PER_MIB


def child_pids(pid: int) -> list[int]:
    """Direct children of `pid` (the taskiq worker runs its jobs in a child process)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found.extend(int(child) for child in task.read_text().split())
    return found


def _status_kib(field: str, pid: int | str) -> int:
    match = re.search(rf"^{field}:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.MULTILINE)
    return int(match.group(1)) if match else 0


def run_child(kind: str, spec: BaseModel, result_type: type[Result], workdir: Path) -> tuple[Result, float]:
    """Runs `python -m bench.child KIND` on `spec`; returns its result and the child's whole wall time
    (interpreter start and imports included). Its output goes to a log, shown when it fails."""
    workdir.mkdir(parents=True, exist_ok=True)
    stem = f"{kind}-{time.monotonic_ns()}"
    spec_path, result_path, log_path = (workdir / f"{stem}.{suffix}" for suffix in ("spec.json", "result.json", "log"))
    spec_path.write_text(spec.model_dump_json())
    started = time.perf_counter()
    with log_path.open("wb") as log:
        done = subprocess.run(
            [sys.executable, "-m", "bench.child", kind, str(spec_path), str(result_path)],
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        tail = log_path.read_text(errors="replace")[-3000:]
        raise ChildFailedError(f"the {kind} child exited with {done.returncode}; its log ({log_path}) ends:\n{tail}")
    return result_type.model_validate_json(result_path.read_text()), elapsed
