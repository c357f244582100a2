"""Any common audio or video file → 16 kHz mono 16-bit WAV for the models, plus an MP3 for playback.

FFmpeg and ffprobe run through the shared runner (a cancelled or timed-out job kills them). Every
way a file can be unusable ends in a `JobError` whose `reason` is written for the person who
uploaded it; FFmpeg's own words go to `detail` for the logs.
"""

import json
import wave
from dataclasses import dataclass
from pathlib import Path

from scribe_runtime import run_tool

from app.core.errors import JobError
from app.services.types import DecodedAudio

SAMPLE_RATE = 16_000
PLAYBACK_CONTENT_TYPE = "audio/mpeg"
PLAYBACK_SAMPLE_RATE = 24_000  # speech at 48 kb/s MP3: small files, clear voices
# A file whose header promises more audio than decodes (beyond this slack) was cut short in transit.
TRUNCATION_SLACK_S = 1.0
TRUNCATION_SLACK_RATIO = 0.05


@dataclass(frozen=True)
class MediaInfo:
    has_audio: bool
    declared_audio_s: float | None
    """What the container says the audio lasts, when it says it (MediaRecorder webm does not)."""


@dataclass(frozen=True)
class Decoded:
    audio: DecodedAudio
    playback: Path


def _mono_output(sample_rate: int, codec: list[str], target: Path) -> list[str]:
    """FFmpeg arguments for one output: the first audio stream, mono, resampled, encoded."""
    return ["-map", "0:a:0", "-vn", "-ac", "1", "-ar", str(sample_rate), "-c:a", *codec, str(target)]


async def decode_media(source: Path, workdir: Path) -> Decoded:
    """Decode `source` into `workdir/audio.wav` (models) and `workdir/audio.mp3` (playback)."""
    if source.stat().st_size == 0:
        raise JobError("the file is empty (0 bytes)")
    info = await probe(source)
    if not info.has_audio:
        raise JobError("the file has no audio track")
    wav, mp3 = workdir / "audio.wav", workdir / "audio.mp3"
    decoding = await run_tool(
        [
            "ffmpeg",
            "-nostdin",
            "-hide_banner",
            "-v",
            "error",
            "-y",
            "-i",
            str(source),
            *_mono_output(SAMPLE_RATE, ["pcm_s16le"], wav),
            *_mono_output(PLAYBACK_SAMPLE_RATE, ["libmp3lame", "-b:a", "48k"], mp3),
        ]
    )
    stderr = decoding.stderr
    if decoding.returncode != 0 or not wav.exists():
        raise JobError(
            "the audio track could not be decoded (the file is corrupt or uses an unsupported codec)",
            detail=stderr,
        )
    duration_s = wav_duration_s(wav)
    if duration_s <= 0.0:
        raise JobError("the audio track is empty (no samples decoded)", detail=stderr)
    declared = info.declared_audio_s
    if declared is not None and declared - duration_s > max(TRUNCATION_SLACK_S, TRUNCATION_SLACK_RATIO * declared):
        raise JobError(
            f"the file is truncated or corrupt: it declares {declared:.1f} s of audio "
            f"but only {duration_s:.1f} s could be decoded",
            detail=stderr,
        )
    return Decoded(audio=DecodedAudio(path=wav, duration_s=duration_s, sample_rate=SAMPLE_RATE), playback=mp3)


async def probe(source: Path) -> MediaInfo:
    probing = await run_tool(
        [
            "ffprobe",
            "-v",
            "error",
            "-of",
            "json",
            "-show_entries",
            "format=duration:stream=codec_type,duration",
            str(source),
        ]
    )
    if probing.returncode != 0:
        raise JobError("the file is not an audio or video file that can be read", detail=probing.stderr)
    parsed = json.loads(probing.stdout or b"{}")
    audio_streams = [s for s in parsed.get("streams", []) if s.get("codec_type") == "audio"]
    has_video = any(s.get("codec_type") == "video" for s in parsed.get("streams", []))
    declared = _float(audio_streams[0].get("duration")) if audio_streams else None
    if declared is None and not has_video:
        # An audio-only container's duration is its audio's; a video's may be the video track's.
        declared = _float(parsed.get("format", {}).get("duration"))
    return MediaInfo(has_audio=bool(audio_streams), declared_audio_s=declared)


def wav_duration_s(path: Path) -> float:
    with wave.open(str(path), "rb") as reader:
        return reader.getnframes() / reader.getframerate()


def _float(value: object) -> float | None:
    try:
        return float(str(value))
    except ValueError:
        return None
