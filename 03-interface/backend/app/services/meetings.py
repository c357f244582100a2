"""Reading, renaming and deleting a user's meetings, their transcript and their audio."""

from typing import Any
from uuid import UUID

import structlog
from pydantic import ValidationError
from scribe_contracts import Bucket, MeetingKeys, TranscriptDocument

from app.clients.storage import ObjectStorage
from app.core.errors import AppError, NotFound
from app.models import Meeting, User
from app.repositories.meetings import MeetingRepository
from app.schemas.meetings import AudioLink, MeetingUpdate

log = structlog.get_logger()


class TranscriptCorrupt(AppError):
    status_code = 502
    code = "transcript_corrupt"


def meeting_keys(meeting: Meeting) -> MeetingKeys:
    return MeetingKeys(user_id=meeting.user_id, meeting_id=meeting.id)


def apply_speaker_names(transcript: TranscriptDocument, names: dict[str, Any]) -> TranscriptDocument:
    """The transcript with the user's renames applied; the stored JSON is left as the worker wrote it."""
    renamed = transcript.model_copy(deep=True)
    for segment in renamed.segments:
        if segment.speaker in names:
            segment.person, segment.person_id = _person(names[segment.speaker])
    for speaker in renamed.speakers:
        if speaker.label in names:
            speaker.person, speaker.person_id = _person(names[speaker.label])
    return renamed


def _person(rename: dict[str, Any]) -> tuple[str, UUID | None]:
    person_id = rename.get("person_id")
    return str(rename["name"]), UUID(person_id) if person_id else None


class MeetingService:
    def __init__(self, meetings: MeetingRepository, storage: ObjectStorage) -> None:
        self._meetings = meetings
        self._storage = storage

    async def get(self, user: User, meeting_id: UUID) -> Meeting:
        meeting = await self._meetings.owned(meeting_id, user.id)
        if meeting is None:
            raise NotFound("meeting not found")
        return meeting

    async def by_task(self, user: User, task_id: str) -> Meeting:
        meeting = await self._meetings.owned_by_task(task_id, user.id)
        if meeting is None:
            raise NotFound("task not found")
        return meeting

    async def page(self, user: User, offset: int, limit: int) -> tuple[list[Meeting], int]:
        return await self._meetings.page(user.id, offset, limit)

    async def update(self, user: User, meeting_id: UUID, update: MeetingUpdate) -> Meeting:
        meeting = await self.get(user, meeting_id)
        changes: dict[str, Any] = {}
        if update.title is not None:
            changes["title"] = update.title
        if update.speaker_names is not None:
            names = dict(meeting.speaker_names)
            for label, rename in update.speaker_names.items():
                if rename is None:
                    names.pop(label, None)
                else:
                    names[label] = rename.model_dump(mode="json")
            changes["speaker_names"] = names
        return await self._meetings.save(meeting, changes)

    async def delete(self, user: User, meeting_id: UUID) -> None:
        """Remove every object of the meeting, then its row (a storage failure keeps the row)."""
        meeting = await self.get(user, meeting_id)
        prefix = meeting_keys(meeting).prefix
        for bucket in (Bucket.UPLOADS, Bucket.PROCESSED):
            await self._storage.delete_prefix(bucket, prefix)
        await self._meetings.delete(meeting)
        log.info("meeting_deleted", meeting_id=str(meeting_id))

    async def transcript(self, user: User, meeting_id: UUID) -> tuple[Meeting, TranscriptDocument]:
        meeting = await self.get(user, meeting_id)
        raw = await self._storage.get_bytes(Bucket.PROCESSED, meeting_keys(meeting).transcript)
        if raw is None:
            raise NotFound(f"the transcript is not available (meeting is {meeting.status})", {"status": meeting.status})
        try:
            document = TranscriptDocument.model_validate_json(raw)
        except ValidationError as error:
            log.error("transcript_corrupt", meeting_id=str(meeting_id), error=str(error))
            raise TranscriptCorrupt("the stored transcript does not match the expected format") from error
        return meeting, apply_speaker_names(document, meeting.speaker_names)

    async def audio(self, user: User, meeting_id: UUID, expires_in: int) -> AudioLink:
        """The worker's playback MP3 when it exists, else the original upload."""
        meeting = await self.get(user, meeting_id)
        keys = meeting_keys(meeting)
        if await self._storage.exists(Bucket.PROCESSED, keys.playback_audio):
            url = await self._storage.presigned_get(Bucket.PROCESSED, keys.playback_audio)
            return AudioLink(url=url, source="playback", content_type="audio/mpeg", expires_in=expires_in)
        if await self._storage.exists(Bucket.UPLOADS, keys.upload):
            url = await self._storage.presigned_get(Bucket.UPLOADS, keys.upload)
            return AudioLink(url=url, source="original", content_type=meeting.content_type, expires_in=expires_in)
        raise NotFound("the meeting's audio is not available")
