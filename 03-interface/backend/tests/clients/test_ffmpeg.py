"""Voice-sample conversion with the real FFmpeg: a cancelled request or a conversion past its time
limit leaves no FFmpeg behind. The input is a named pipe nobody writes to, so FFmpeg waits on it
for ever, as it would on a stalled upload or a slow presigned URL."""

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from app.clients.ffmpeg import DecodeFailed, to_wav


@pytest.fixture
def stalled_source(tmp_path: Path) -> Iterator[Path]:
    fifo = tmp_path / "stalled.wav"
    os.mkfifo(fifo)
    yield fifo
    # Unblock any FFmpeg still waiting, so a failing test cannot hang the suite.
    with open(os.open(fifo, os.O_RDWR | os.O_NONBLOCK), "wb", closefd=True):
        pass


def ffmpeg_children() -> list[psutil.Process]:
    return [child for child in psutil.Process().children(recursive=True) if child.name() == "ffmpeg"]


async def wait_for_ffmpeg() -> psutil.Process:
    for _ in range(250):
        if children := ffmpeg_children():
            return children[0]
        await asyncio.sleep(0.02)
    raise AssertionError("FFmpeg never started")


async def test_a_cancelled_conversion_kills_its_ffmpeg(stalled_source: Path) -> None:
    conversion = asyncio.create_task(to_wav(str(stalled_source), max_seconds=10, timeout_s=60))
    ffmpeg = await wait_for_ffmpeg()

    conversion.cancel()  # what the server does to a request's task when the client goes away
    with pytest.raises(asyncio.CancelledError):
        await conversion

    assert not ffmpeg.is_running()
    assert ffmpeg_children() == []


async def test_a_conversion_past_its_time_limit_is_refused_and_its_ffmpeg_killed(stalled_source: Path) -> None:
    with pytest.raises(DecodeFailed, match=r"ffmpeg ran longer than 0\.5 s and was stopped"):
        await to_wav(str(stalled_source), max_seconds=10, timeout_s=0.5)

    assert ffmpeg_children() == []
