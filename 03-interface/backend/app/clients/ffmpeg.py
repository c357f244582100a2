"""Decoding and cutting audio with the ffmpeg binary (a subprocess; no Python audio stack needed)."""

import asyncio
import io
import wave
from dataclasses import dataclass

SAMPLE_RATE = 16000
_BYTES_PER_SECOND = SAMPLE_RATE * 2  # mono, 16-bit


class DecodeFailed(Exception):
    """ffmpeg could not decode the input; the message is ffmpeg's own last words."""


@dataclass(frozen=True)
class Wav:
    data: bytes
    duration_s: float


async def to_wav(source: str, max_seconds: float, audio_filter: str | None = None) -> Wav:
    """Decode `source` (a path or URL) to 16 kHz mono 16-bit WAV, at most `max_seconds` long."""
    argv = ["ffmpeg", "-nostdin", "-v", "error", "-i", source, "-vn"]
    if audio_filter:
        argv += ["-af", audio_filter]
    argv += ["-t", f"{max_seconds:.3f}", "-ac", "1", "-ar", str(SAMPLE_RATE), "-f", "s16le", "-"]
    process = await asyncio.create_subprocess_exec(
        *argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    pcm, errors = await process.communicate()
    if process.returncode != 0:
        lines = errors.decode("utf-8", "replace").strip().splitlines()
        raise DecodeFailed(lines[-1] if lines else "decoding failed")
    return Wav(data=_wav_bytes(pcm), duration_s=len(pcm) / _BYTES_PER_SECOND)


def _wav_bytes(pcm: bytes) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(pcm)
    return buffer.getvalue()


def select_spans(spans: list[tuple[float, float]]) -> str:
    """An ffmpeg audio filter keeping only `spans` (seconds), concatenated."""
    keep = "+".join(f"between(t,{start:.3f},{end:.3f})" for start, end in spans)
    return f"aselect='{keep}',asetpts=N/SR/TB"
