"""Meeting lifecycle states and the worker's processing stages."""

from enum import StrEnum


class MeetingStatus(StrEnum):
    """Where a meeting is in its life. `completed` and `failed` are terminal."""

    QUEUED = "queued"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"

    @property
    def is_terminal(self) -> bool:
        return self in (MeetingStatus.COMPLETED, MeetingStatus.FAILED)


class ProcessingStage(StrEnum):
    """The worker's stages, in the order they run."""

    DOWNLOADING = "downloading"
    DECODING = "decoding"
    DIARIZATION = "diarization"
    IDENTIFICATION = "identification"
    TRANSCRIPTION = "transcription"
    FUSION = "fusion"
    STORING = "storing"
