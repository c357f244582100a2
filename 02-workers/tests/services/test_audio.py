"""FFmpeg decoding of every common container, and the reasons given for unusable files."""

import subprocess
from pathlib import Path

import pytest
import soundfile

from app.core.errors import JobError
from app.services.audio import (
    decode_media,
)

JFK_SECONDS = 11.0

# container → ffmpeg output arguments, each made from real speech (jfk.flac) by ffmpeg
CONTAINERS: dict[str, list[str]] = {
    "wav": ["-c:a", "pcm_s16le"],
    "mp3": ["-c:a", "libmp3lame", "-b:a", "64k"],
    "m4a": ["-c:a", "aac", "-b:a", "64k"],
    "aac": ["-c:a", "aac", "-b:a", "64k", "-f", "adts"],
    "flac": ["-c:a", "flac"],
    "ogg": ["-c:a", "libvorbis"],
    "opus": ["-c:a", "libopus", "-b:a", "32k"],
    "webm": ["-c:a", "libopus", "-b:a", "32k"],
}
VIDEO_CONTAINERS: dict[str, list[str]] = {
    "mp4": ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"],
    "mov": ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"],
    "mkv": ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "libopus"],
    "webm": ["-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libopus"],
}


def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *args], check=True)


@pytest.fixture(scope="module")
def media_dir(tmp_path_factory: pytest.TempPathFactory, shared_audio: Path) -> Path:
    """Every container made once from jfk.flac; video files get a small test picture."""
    root = tmp_path_factory.mktemp("media")
    speech = str(shared_audio / "jfk.flac")
    for ext, codec in CONTAINERS.items():
        ffmpeg("-i", speech, *codec, str(root / f"speech.{ext}"))
    for ext, codec in VIDEO_CONTAINERS.items():
        ffmpeg(
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=64x64:rate=10",
            "-i",
            speech,
            "-shortest",
            *codec,
            str(root / f"video.{ext}"),
        )
    return root


@pytest.mark.parametrize("name", [f"speech.{ext}" for ext in CONTAINERS] + [f"video.{ext}" for ext in VIDEO_CONTAINERS])
async def test_every_container_decodes_to_16k_mono_wav_and_playback_mp3(
    media_dir: Path, tmp_path: Path, name: str
) -> None:
    decoded = await decode_media(media_dir / name, tmp_path)
    info = soundfile.info(str(decoded.audio.path))
    assert (info.samplerate, info.channels, info.subtype) == (16_000, 1, "PCM_16")
    assert decoded.audio.duration_s == pytest.approx(JFK_SECONDS, abs=0.2)
    assert decoded.audio.duration_s == pytest.approx(info.duration)
    assert soundfile.info(str(decoded.playback)).duration == pytest.approx(JFK_SECONDS, abs=0.3)


async def test_text_file_renamed_mp3_is_not_media(tmp_path: Path) -> None:
    fake = tmp_path / "notes.mp3"
    fake.write_text("Meeting notes: this is not audio at all.\n" * 20)
    with pytest.raises(JobError, match="not an audio or video file"):
        await decode_media(fake, tmp_path)


async def test_zero_byte_file_is_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.mp3"
    empty.touch()
    with pytest.raises(JobError, match="empty"):
        await decode_media(empty, tmp_path)


async def test_truncated_mp3_is_reported_with_both_durations(media_dir: Path, tmp_path: Path) -> None:
    whole = (media_dir / "speech.mp3").read_bytes()
    cut = tmp_path / "cut.mp3"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(JobError, match=r"truncated.*declares 11\.\d s.*only 5\.\d s"):
        await decode_media(cut, tmp_path)


async def test_truncated_m4a_does_not_decode(media_dir: Path, tmp_path: Path) -> None:
    whole = (media_dir / "speech.m4a").read_bytes()
    cut = tmp_path / "cut.m4a"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(JobError) as caught:
        await decode_media(cut, tmp_path)
    assert caught.value.reason


async def test_video_without_audio_track_says_so(tmp_path: Path) -> None:
    silent_video = tmp_path / "screen.mp4"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=64x64:rate=10:duration=2",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        str(silent_video),
    )
    with pytest.raises(JobError, match="the file has no audio track"):
        await decode_media(silent_video, tmp_path)


async def test_browser_recording_without_duration_header_decodes(tmp_path: Path, shared_audio: Path) -> None:
    """MediaRecorder webm has no duration in its header: nothing to compare, the decode decides."""
    live = tmp_path / "live.webm"
    ffmpeg("-i", str(shared_audio / "jfk.flac"), "-c:a", "libopus", "-f", "webm", "-live", "1", str(live))
    decoded = await decode_media(live, tmp_path)
    assert decoded.audio.duration_s == pytest.approx(JFK_SECONDS, abs=0.2)
