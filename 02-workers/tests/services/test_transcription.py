"""faster-whisper (offline Whisper base, int8 on CPU) on real recordings."""

from pathlib import Path

import jiwer
import pytest

from app.core.models import ModelManager
from app.services.transcription import Transcriber, UnsupportedLanguageError
from app.services.types import DecodedAudio
from tests.model_support import decode, offline_model_settings, report

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
