"""Reference RTTM parsing and clean-speech cutting on the shared AMI excerpts."""

import wave
from pathlib import Path

import pytest
from scribe_devstack.reference import clean_speech, cut_speech, read_rttm, speech_seconds

AMI = Path(__file__).resolve().parents[3].parent / "shared" / "audio" / "ami"


@pytest.fixture(scope="module")
def rttm() -> Path:
    if not AMI.is_dir():
        pytest.fail(f"the shared AMI excerpts are missing at {AMI}")
    return AMI / "reference.rttm"


def test_rttm_turns_are_read_per_recording(rttm: Path) -> None:
    turns = read_rttm(rttm, "trn00")
    assert set(turns) == {"MEE067", "MEE068", "MÉO069"}
    assert speech_seconds(turns["MEE068"]) == pytest.approx(12.088, abs=0.01)


def test_clean_speech_removes_every_overlap() -> None:
    turns = {"A": [(0.0, 10.0)], "B": [(2.0, 3.0), (9.0, 12.0)]}
    assert clean_speech(turns) == {"A": [(0.0, 2.0), (3.0, 9.0)], "B": [(10.0, 12.0)]}


def test_cut_speech_writes_a_16k_mono_wav_of_the_spans(rttm: Path, tmp_path: Path) -> None:
    out = cut_speech(AMI / "trn00.wav", [(1.0, 2.5), (4.0, 5.0)], tmp_path / "cut.wav")
    with wave.open(str(out)) as wav:
        assert (wav.getframerate(), wav.getnchannels()) == (16000, 1)
        # aselect keeps whole decoded frames (64 ms here), so the cut is exact to within a frame.
        assert wav.getnframes() / 16000 == pytest.approx(2.5, abs=0.1)
