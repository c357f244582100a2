"""Decoding and cutting voice samples with FFmpeg, through the shared runner: a request that is
cancelled, or a conversion that runs past FFMPEG_TIMEOUT_S, kills its FFmpeg."""

import io
import wave
from dataclasses import dataclass

from scribe_runtime import ToolTimeout, run_tool

SAMPLE_RATE = 16000
_BYTES_PER_SECOND = SAMPLE_RATE * 2  # mono, 16-bit


class DecodeFailed(Exception):
    """FFmpeg could not decode the input; the message is FFmpeg's own last words."""


@dataclass(frozen=True)
class Wav:
    data: bytes
    duration_s: float


async def to_wav(source: str, max_seconds: float, timeout_s: float, audio_filter: str | None = None) -> Wav:
    """Decode `source` (a path or URL) to 16 kHz mono 16-bit WAV, at most `max_seconds` long."""
    argv = ["ffmpeg", "-nostdin", "-v", "error", "-i", source, "-vn"]
    if audio_filter:
        argv += ["-af", audio_filter]
    argv += ["-t", f"{max_seconds:.3f}", "-ac", "1", "-ar", str(SAMPLE_RATE), "-f", "s16le", "-"]
    try:
        result = await run_tool(argv, timeout_s=timeout_s)
    except ToolTimeout as error:
        raise DecodeFailed(str(error)) from error
    if result.returncode != 0:
        raise DecodeFailed(result.last_error_line or "decoding failed")
    return Wav(data=_wav_bytes(result.stdout), duration_s=len(result.stdout) / _BYTES_PER_SECOND)


def _wav_bytes(pcm: bytes) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(pcm)
    return buffer.getvalue()


def select_spans(spans: list[tuple[float, float]]) -> str:
    """An FFmpeg audio filter keeping only `spans` (seconds), concatenated."""
    keep = "+".join(f"between(t,{start:.3f},{end:.3f})" for start, end in spans)
    return f"aselect='{keep}',asetpts=N/SR/TB"
