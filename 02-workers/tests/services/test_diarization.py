"""pyannote speaker-diarization-3.1 recipe (offline: segmentation-3.0 + CAM++) on pyannote's own
sample: a 30 s phone call between two speakers, with its reference RTTM."""

import itertools
from pathlib import Path

import pyannote.audio
import pytest
from pyannote.metrics.diarization import DiarizationErrorRate
from scribe_contracts import SpeakerCountHint

from app.core.models import ModelManager
from app.services.diarization import Diarizer
from app.services.types import DecodedAudio, Diarization
from tests.model_support import annotation, decode, offline_model_settings, read_rttm, report

SAMPLE_DIR = Path(pyannote.audio.__file__).parent / "sample"


@pytest.fixture(scope="module")
def diarizer() -> Diarizer:
    return Diarizer(offline_model_settings(), ModelManager())


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> DecodedAudio:
    return decode(SAMPLE_DIR / "sample.wav", tmp_path_factory.mktemp("sample"))


def test_finds_both_speakers_of_the_sample_with_a_low_error_rate(
    diarizer: Diarizer, sample: DecodedAudio, capsys: pytest.CaptureFixture[str]
) -> None:
    progress: list[float] = []
    result = diarizer.run(sample, SpeakerCountHint(), progress.append)

    reference = annotation(read_rttm(SAMPLE_DIR / "sample.rttm"))
    hypothesis = annotation(result.turns)
    # Collar ±0.25 s, as in pyannote's published benchmarks; strict for comparison.
    der = DiarizationErrorRate(collar=0.5)(reference, hypothesis)
    strict_der = DiarizationErrorRate()(reference, hypothesis)
    report(capsys, f"pyannote sample DER {der:.1%} (collar ±0.25 s), {strict_der:.1%} without collar")
    assert result.speakers == ["SPEAKER_00", "SPEAKER_01"]
    assert der < 0.10
    assert progress == sorted(progress)
    assert len(progress) >= 5  # reported within the stage, not only at its end
    assert progress[-1] == 100.0
    _assert_exclusive_turns_never_overlap(result)
    assert result.to_document().turns[0].end > 0


def test_exact_speaker_count_is_respected(diarizer: Diarizer, sample: DecodedAudio) -> None:
    result = diarizer.run(sample, SpeakerCountHint(exact=3), lambda _: None)

    assert len(result.speakers) == 3


def test_speaker_range_is_respected(diarizer: Diarizer, sample: DecodedAudio) -> None:
    """The sample has two voices; a range of at most one speaker forces them into one."""
    result = diarizer.run(sample, SpeakerCountHint(minimum=1, maximum=1), lambda _: None)

    assert result.speakers == ["SPEAKER_00"]
    assert {turn.speaker for turn in result.exclusive_turns} == {"SPEAKER_00"}


def _assert_exclusive_turns_never_overlap(result: Diarization) -> None:
    turns = sorted(result.exclusive_turns, key=lambda turn: turn.start)
    for previous, current in itertools.pairwise(turns):
        assert current.start >= previous.end - 1e-3
