"""Running FFmpeg (or ffprobe) to completion, without ever leaving one behind.

Both services decode with FFmpeg: the worker a whole recording, the API a voice sample. A call
that is cancelled (a job stopped, a request abandoned, a server shutting down) or that runs past
its time limit kills the process and waits for it, so no FFmpeg outlives the work it was for.
"""

import asyncio
from contextlib import suppress
from dataclasses import dataclass

STDERR_TAIL_CHARS = 2000
"""FFmpeg's last words are what explain a failure; the rest of its stderr is noise."""


class ToolTimeout(TimeoutError):
    """The tool ran past its time limit and was killed."""

    def __init__(self, program: str, timeout_s: float) -> None:
        super().__init__(f"{program} ran longer than {timeout_s:g} s and was stopped")
        self.program = program
        self.timeout_s = timeout_s


@dataclass(frozen=True)
class ToolResult:
    returncode: int
    stdout: bytes
    stderr: str
    """The tail of the tool's stderr, decoded."""

    @property
    def last_error_line(self) -> str:
        lines = self.stderr.strip().splitlines()
        return lines[-1] if lines else ""


async def run_tool(argv: list[str], *, timeout_s: float | None = None) -> ToolResult:
    """Run `argv` (stdin closed) to the end and collect its output; kill it on cancel or timeout."""
    process = await asyncio.create_subprocess_exec(
        *argv, stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        async with asyncio.timeout(timeout_s):
            stdout, stderr = await process.communicate()
    except TimeoutError:
        await _kill(process)
        raise ToolTimeout(argv[0], timeout_s or 0.0) from None
    except asyncio.CancelledError:
        await _kill(process)
        raise
    return ToolResult(process.returncode or 0, stdout, stderr.decode("utf-8", "replace")[-STDERR_TAIL_CHARS:])


async def _kill(process: asyncio.subprocess.Process) -> None:
    with suppress(ProcessLookupError):
        process.kill()
    # Shielded: a second cancellation must not skip the wait and leave a zombie behind.
    await asyncio.shield(process.wait())
