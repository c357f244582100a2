"""Contracts shared by the Smart Meeting Scribe API and worker.

Only pydantic models, enums and pure functions live here: the API installs this package
without torch or the worker, and both sides agree on names, payloads and S3 keys through it.
"""

from scribe_contracts.events import MEETING_EVENT_FIELD, MEETING_EVENTS_STREAM, MeetingEvent, MeetingEventKind
from scribe_contracts.identity import PersonProfile, VoiceSample
from scribe_contracts.states import MeetingStatus, ProcessingStage
from scribe_contracts.storage import Bucket, IdentityKeys, MeetingKeys
from scribe_contracts.tasks import (
    TASK_PROCESS_MEETING,
    TASK_PROCESS_VIDEO,
    TASK_QUEUE_NAME,
    MediaKind,
    ProcessMeetingPayload,
    ProcessMeetingResult,
    SpeakerCountHint,
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
    "MEETING_EVENTS_STREAM",
    "MEETING_EVENT_FIELD",
    "TASK_PROCESS_MEETING",
    "TASK_PROCESS_VIDEO",
    "TASK_QUEUE_NAME",
    "TRANSCRIPT_SCHEMA_VERSION",
    "Bucket",
    "IdentificationSummary",
    "IdentityKeys",
    "MediaKind",
    "MeetingEvent",
    "MeetingEventKind",
    "MeetingKeys",
    "MeetingStatus",
    "ModelsUsed",
    "PersonProfile",
    "ProcessMeetingPayload",
    "ProcessMeetingResult",
    "ProcessingStage",
    "SpeakerCountHint",
    "SpeakerSummary",
    "TranscriptDocument",
    "TranscriptSegment",
    "TranscriptWord",
    "VoiceSample",
]
