"""The stored stage outputs parse back into the models both services use."""

from scribe_contracts import DiarizationDocument, SpeakerTurn


def test_diarization_round_trips_and_lists_a_speakers_turns() -> None:
    document = DiarizationDocument(
        speakers=["SPEAKER_00", "SPEAKER_01"],
        turns=[
            SpeakerTurn(start=0.0, end=2.0, speaker="SPEAKER_00"),
            SpeakerTurn(start=1.5, end=3.0, speaker="SPEAKER_01"),
        ],
        exclusive_turns=[SpeakerTurn(start=0.0, end=1.5, speaker="SPEAKER_00")],
    )

    parsed = DiarizationDocument.model_validate_json(document.model_dump_json())

    assert parsed == document
    assert [turn.end for turn in parsed.turns_of("SPEAKER_01")] == [3.0]
