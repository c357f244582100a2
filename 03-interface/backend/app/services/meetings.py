"""Reading, renaming, exporting and deleting a workspace's meetings, their transcript and audio.
Each method asks the policy (`authorize`) for the action it performs in the meeting's workspace."""

import asyncio
from typing import Any
from uuid import UUID

import structlog
from pydantic import ValidationError
from scribe_contracts import Bucket, MeetingKeys, TranscriptDocument

from app.clients.storage import ObjectStorage
from app.core.authorization import Action, Principal, authorize
from app.core.errors import AppError, NotFound
from app.models import Meeting
from app.repositories.meetings import MeetingRepository
from app.schemas.meetings import AudioLink, MeetingUpdate
from app.services.audit import AuditAction, AuditLog
from app.services.exports import ExportFormat, PdfFonts, render

log = structlog.get_logger()


class TranscriptCorrupt(AppError):
    status_code = 502
    code = "transcript_corrupt"


def meeting_keys(meeting: Meeting) -> MeetingKeys:
    return MeetingKeys(workspace_id=meeting.workspace_id, meeting_id=meeting.id)


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
    def __init__(self, meetings: MeetingRepository, storage: ObjectStorage, audit: AuditLog) -> None:
        self._meetings = meetings
        self._storage = storage
        self._audit = audit

    async def get(self, principal: Principal, meeting_id: UUID, action: Action = Action.READ) -> Meeting:
        meeting = await self._meetings.get(meeting_id)
        if meeting is None:
            raise NotFound("meeting not found")
        authorize(principal, action, meeting.workspace_id, "meeting")
        return meeting

    async def by_task(self, principal: Principal, task_id: str) -> Meeting:
        meeting = await self._meetings.by_task(task_id)
        if meeting is None:
            raise NotFound("task not found")
        authorize(principal, Action.READ, meeting.workspace_id, "task")
        return meeting

    async def page(
        self, principal: Principal, workspace_id: UUID, offset: int, limit: int
    ) -> tuple[list[Meeting], int]:
        authorize(principal, Action.READ, workspace_id, "workspace")
        return await self._meetings.page(workspace_id, offset, limit)

    async def update(self, principal: Principal, meeting_id: UUID, update: MeetingUpdate) -> Meeting:
        meeting = await self.get(principal, meeting_id, Action.EDIT_TRANSCRIPT)
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
        self._audit.record(
            principal,
            meeting.workspace_id,
            AuditAction.MEETING_UPDATED,
            ("meeting", meeting.id),
            fields=sorted(changes),
            speakers=sorted(update.speaker_names or {}),
        )
        return await self._meetings.save(meeting, changes)

    async def delete(self, principal: Principal, meeting_id: UUID) -> None:
        """Remove every object of the meeting, then its row (a storage failure keeps the row)."""
        meeting = await self.get(principal, meeting_id, Action.DELETE_MEETING)
        prefix = meeting_keys(meeting).prefix
        for bucket in (Bucket.UPLOADS, Bucket.PROCESSED):
            await self._storage.delete_prefix(bucket, prefix)
        self._audit.record(
            principal, meeting.workspace_id, AuditAction.MEETING_DELETED, ("meeting", meeting.id), title=meeting.title
        )
        await self._meetings.delete(meeting)
        log.info("meeting_deleted", meeting_id=str(meeting_id))

    async def transcript(
        self, principal: Principal, meeting_id: UUID, action: Action = Action.READ
    ) -> tuple[Meeting, TranscriptDocument]:
        meeting = await self.get(principal, meeting_id, action)
        raw = await self._storage.get_bytes(Bucket.PROCESSED, meeting_keys(meeting).transcript)
        if raw is None:
            raise NotFound(f"the transcript is not available (meeting is {meeting.status})", {"status": meeting.status})
        try:
            document = TranscriptDocument.model_validate_json(raw)
        except ValidationError as error:
            log.error("transcript_corrupt", meeting_id=str(meeting_id), error=str(error))
            raise TranscriptCorrupt("the stored transcript does not match the expected format") from error
        return meeting, apply_speaker_names(document, meeting.speaker_names)

    async def export(
        self, principal: Principal, meeting_id: UUID, export_format: ExportFormat, fonts: PdfFonts
    ) -> tuple[Meeting, bytes]:
        meeting, document = await self.transcript(principal, meeting_id, Action.EXPORT)
        # Rendering a long docx or pdf takes seconds of CPU: in a thread, so other requests go on meanwhile.
        content = await asyncio.to_thread(render, export_format, meeting.title, document, fonts)
        self._audit.record(
            principal, meeting.workspace_id, AuditAction.MEETING_EXPORTED, ("meeting", meeting.id), format=export_format
        )
        await self._meetings.commit()
        return meeting, content

    async def audio(self, principal: Principal, meeting_id: UUID, expires_in: int) -> AudioLink:
        """The worker's playback MP3 when it exists, else the original upload."""
        meeting = await self.get(principal, meeting_id)
        keys = meeting_keys(meeting)
        if await self._storage.exists(Bucket.PROCESSED, keys.playback_audio):
            url = await self._storage.presigned_get(Bucket.PROCESSED, keys.playback_audio)
            return AudioLink(url=url, source="playback", content_type="audio/mpeg", expires_in=expires_in)
        if await self._storage.exists(Bucket.UPLOADS, keys.upload):
            url = await self._storage.presigned_get(Bucket.UPLOADS, keys.upload)
            return AudioLink(url=url, source="original", content_type=meeting.content_type, expires_in=expires_in)
        raise NotFound("the meeting's audio is not available")
