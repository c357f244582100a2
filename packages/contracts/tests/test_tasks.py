"""Job payload validation and meeting states."""

from uuid import uuid4

import pytest
from pydantic import ValidationError
from scribe_contracts import MeetingStatus, ProcessMeetingPayload, SpeakerCountHint


def test_speaker_hint_accepts_exact_or_range() -> None:
    assert SpeakerCountHint(exact=2).exact == 2
    assert SpeakerCountHint(minimum=2, maximum=4).maximum == 4
    assert SpeakerCountHint() == SpeakerCountHint(exact=None, minimum=None, maximum=None)


@pytest.mark.parametrize(
    "hint",
    [{"exact": 2, "minimum": 1}, {"minimum": 5, "maximum": 2}, {"exact": 0}, {"maximum": 99}],
)
def test_speaker_hint_rejects_contradictions_and_out_of_range(hint: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        SpeakerCountHint.model_validate(hint)


def test_payload_round_trips_through_json() -> None:
    payload = ProcessMeetingPayload(
        meeting_id=uuid4(),
        workspace_id=uuid4(),
        requested_by=uuid4(),
        language="fr",
        speakers=SpeakerCountHint(exact=3),
    )
    assert ProcessMeetingPayload.model_validate_json(payload.model_dump_json()) == payload


def test_only_completed_and_failed_are_terminal() -> None:
    assert {status for status in MeetingStatus if status.is_terminal} == {
        MeetingStatus.COMPLETED,
        MeetingStatus.FAILED,
    }


@pytest.mark.parametrize("code", ["fr", "en", "yue", "haw"])
def test_payload_accepts_the_languages_whisper_knows(code: str) -> None:
    assert (
        ProcessMeetingPayload(meeting_id=uuid4(), workspace_id=uuid4(), requested_by=uuid4(), language=code).language
        == code
    )


@pytest.mark.parametrize("code", ["xx", "fra", "english", "", "fr-FR", "FR"])
def test_payload_refuses_a_language_whisper_does_not_know(code: str) -> None:
    with pytest.raises(ValidationError, match="unknown language code"):
        ProcessMeetingPayload(meeting_id=uuid4(), workspace_id=uuid4(), requested_by=uuid4(), language=code)
