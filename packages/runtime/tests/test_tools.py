"""The FFmpeg runner on real processes: output collected, and no process left after a cancel or a
timeout (the process is gone, not merely abandoned)."""

import asyncio
import os

import pytest
from scribe_runtime import ToolTimeout, run_tool


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers signal 0: it is alive only if not reaped and not a zombie.
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split()[2] != "Z"


def test_collects_exit_code_stdout_and_the_tail_of_stderr() -> None:
    result = asyncio.run(run_tool(["sh", "-c", "printf out; printf 'first\\nlast words' >&2; exit 3"]))

    assert (result.returncode, result.stdout, result.last_error_line) == (3, b"out", "last words")


def test_a_cancelled_call_kills_its_process() -> None:
    async def cancel_while_running() -> int:
        call = asyncio.create_task(run_tool(["sleep", "60"]))
        pid = await _pid_of_child(call)
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        return pid

    assert not alive(asyncio.run(cancel_while_running()))


def test_a_call_past_its_time_limit_is_killed_and_says_so() -> None:
    with pytest.raises(ToolTimeout, match=r"sleep ran longer than 0\.5 s"):
        asyncio.run(run_tool(["sleep", "60"], timeout_s=0.5))
    assert not any(_is_sleep_child(pid) for pid in _children())


async def _pid_of_child(call: "asyncio.Task[object]") -> int:
    for _ in range(200):
        await asyncio.sleep(0.02)
        children = [pid for pid in _children() if _is_sleep_child(pid)]
        if children:
            return children[0]
    raise AssertionError(f"the child process never started (task done: {call.done()})")


def _children() -> list[int]:
    pids = []
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        with open(f"/proc/{os.getpid()}/task/{task}/children", encoding="ascii") as children:
            pids += [int(pid) for pid in children.read().split()]
    return pids


def _is_sleep_child(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/comm", encoding="ascii") as comm:
            return comm.read().strip() == "sleep" and alive(pid)
    except FileNotFoundError:
        return False
