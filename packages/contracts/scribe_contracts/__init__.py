"""Contracts shared by the Smart Meeting Scribe API and worker.

Only pydantic models, enums, constants and pure functions live here: the API installs this package
without torch or the worker, and both sides agree on names, payloads, limits and S3 keys through it.
"""

from scribe_contracts.events import MEETING_EVENT_FIELD, MEETING_EVENTS_STREAM, MeetingEvent, MeetingEventKind
from scribe_contracts.identity import PersonProfile, VoiceSample
from scribe_contracts.languages import WHISPER_LANGUAGES
from scribe_contracts.limits import (
    LIMITS,
    MAX_FILENAME_LENGTH,
    MAX_NAME_LENGTH,
    MAX_PASSWORD_LENGTH,
    MAX_SPEAKER_LABEL_LENGTH,
    MAX_SPEAKERS,
    MAX_TITLE_LENGTH,
    MIN_PASSWORD_LENGTH,
)
from scribe_contracts.stage_outputs import (
    DiarizationDocument,
    SpeakerTurn,
    TranscriptionDocument,
    WhisperSegment,
    WhisperWord,
)
from scribe_contracts.states import MeetingStatus, ProcessingStage
from scribe_contracts.storage import Bucket, IdentityKeys, MeetingKeys, workspace_prefix
from scribe_contracts.tasks import (
    LEGACY_TASK_NAMES,
    TASK_PROCESS_MEETING,
    TASK_QUEUE_NAME,
    LanguageCode,
    MediaKind,
    ProcessMeetingPayload,
    SpeakerCount,
    SpeakerCountHint,
    check_speaker_hint,
    known_language,
)
from scribe_contracts.transcript import (
    TRANSCRIPT_SCHEMA_VERSION,
    IdentificationSummary,
    ModelsUsed,
    SpeakerSummary,
    TranscriptDocument,
    TranscriptSegment,
    TranscriptWord,
)

__all__ = [
    "LEGACY_TASK_NAMES",
    "LIMITS",
    "MAX_FILENAME_LENGTH",
    "MAX_NAME_LENGTH",
    "MAX_PASSWORD_LENGTH",
    "MAX_SPEAKERS",
    "MAX_SPEAKER_LABEL_LENGTH",
    "MAX_TITLE_LENGTH",
    "MEETING_EVENTS_STREAM",
    "MEETING_EVENT_FIELD",
    "MIN_PASSWORD_LENGTH",
    "TASK_PROCESS_MEETING",
    "TASK_QUEUE_NAME",
    "TRANSCRIPT_SCHEMA_VERSION",
    "WHISPER_LANGUAGES",
    "Bucket",
    "DiarizationDocument",
    "IdentificationSummary",
    "IdentityKeys",
    "LanguageCode",
    "MediaKind",
    "MeetingEvent",
    "MeetingEventKind",
    "MeetingKeys",
    "MeetingStatus",
    "ModelsUsed",
    "PersonProfile",
    "ProcessMeetingPayload",
    "ProcessingStage",
    "SpeakerCount",
    "SpeakerCountHint",
    "SpeakerSummary",
    "SpeakerTurn",
    "TranscriptDocument",
    "TranscriptSegment",
    "TranscriptWord",
    "TranscriptionDocument",
    "VoiceSample",
    "WhisperSegment",
    "WhisperWord",
    "check_speaker_hint",
    "known_language",
    "workspace_prefix",
]
