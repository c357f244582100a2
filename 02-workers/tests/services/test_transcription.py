"""faster-whisper (offline Whisper base, int8 on CPU) on real recordings."""

from pathlib import Path

import jiwer
import numpy as np
import pytest
import soundfile

from app.core.models import ModelManager
from app.services.transcription import Transcriber, UnsupportedLanguageError
from app.services.types import DecodedAudio
from tests.model_support import decode, offline_model_settings, report, whole_waveform

JFK_TEXT = "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country."


def _normalised(text: str) -> str:
    return jiwer.RemovePunctuation()(text.lower()).strip()


@pytest.fixture(scope="module")
def transcriber() -> Transcriber:
    return Transcriber(offline_model_settings(), ModelManager())


@pytest.fixture(scope="module")
def jfk(shared_audio: Path, tmp_path_factory: pytest.TempPathFactory) -> DecodedAudio:
    return decode(shared_audio / "jfk.flac", tmp_path_factory.mktemp("jfk"))


def test_detects_english_and_transcribes_with_word_timestamps(
    transcriber: Transcriber, jfk: DecodedAudio, capsys: pytest.CaptureFixture[str]
) -> None:
    progress: list[float] = []
    result = transcriber.run(jfk, None, progress.append)

    text = "".join(word.word for word in result.words)
    error_rate = jiwer.wer(_normalised(JFK_TEXT), _normalised(text))
    report(capsys, f"jfk.flac WER {error_rate:.1%}: {text.strip()!r}")
    assert result.language == "en"
    assert error_rate <= 0.05
    assert all(0.0 <= word.start <= word.end <= jfk.duration_s + 0.5 for word in result.words)
    assert [word.start for word in result.words] == sorted(word.start for word in result.words)
    assert progress == sorted(progress)
    assert progress[-1] == 100.0
    assert result.to_json()["words"][0].keys() == {"start", "end", "word", "probability"}


def test_forced_language_is_used_instead_of_detection(transcriber: Transcriber, jfk: DecodedAudio) -> None:
    """Forcing French on English speech yields French output (Whisper translates), proving the
    forced language wins over detection."""
    result = transcriber.run(jfk, "fr", lambda _: None)

    assert result.language == "fr"
    text = _normalised("".join(word.word for word in result.words))
    assert {"pays", "pour", "vous"} <= set(text.split())


def test_unknown_language_code_is_refused_with_a_clear_reason(transcriber: Transcriber, jfk: DecodedAudio) -> None:
    with pytest.raises(UnsupportedLanguageError, match="'xx'"):
        transcriber.run(jfk, "xx", lambda _: None)


def test_long_audio_is_transcribed_window_by_window_on_one_time_line(
    jfk: DecodedAudio, shared_audio: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """72 s of real speech (two AMI excerpts and JFK) in windows of at most 60 s reads the same as in
    one piece: nothing lost or doubled at the cut, and the words after it keep their place in time."""
    ami = [decode(shared_audio / "ami" / name, tmp_path / name) for name in ("trn03.wav", "trn06.wav")]
    parts = [whole_waveform(audio) for audio in ami]
    long_path = tmp_path / "long.wav"
    soundfile.write(long_path, np.concatenate([*parts, whole_waveform(jfk)]), jfk.sample_rate, subtype="PCM_16")
    long_audio = DecodedAudio(long_path, duration_s=soundfile.info(long_path).duration)

    def transcribe(window_s: float) -> str:
        settings = offline_model_settings().model_copy(update={"whisper_window_s": window_s})
        result = Transcriber(settings, ModelManager()).run(long_audio, "en", lambda _: None)
        assert [word.start for word in result.words] == sorted(word.start for word in result.words)
        assert result.words[-1].end > 60.0
        return _normalised("".join(word.word for word in result.words))

    whole, windowed = transcribe(3600.0), transcribe(60.0)

    difference = jiwer.wer(whole, windowed)
    report(capsys, f"{long_audio.duration_s:.0f} s in 60 s windows vs in one piece: {difference:.1%} of words differ")
    assert difference <= 0.1
    assert windowed.endswith(_normalised(JFK_TEXT))
