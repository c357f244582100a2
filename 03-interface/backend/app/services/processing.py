"""Accepting an upload: stream it to S3, record the meeting, queue the job — all or nothing."""

import contextlib
from collections.abc import AsyncIterator
from pathlib import PurePath
from uuid import UUID, uuid4

import structlog
from scribe_contracts import (
    MAX_TITLE_LENGTH,
    TASK_PROCESS_MEETING,
    Bucket,
    MeetingKeys,
    MeetingStatus,
    ProcessMeetingPayload,
)
from scribe_runtime import StorageError

from app.broker import TaskDispatcher
from app.clients.storage import ObjectStorage
from app.core.authorization import Action, Principal, authorize
from app.core.errors import InvalidInput, PayloadTooLarge
from app.models import Meeting
from app.repositories.meetings import MeetingRepository
from app.schemas.common import validate_form
from app.schemas.meetings import ProcessAccepted, UploadFields
from app.services.audit import AuditAction, AuditLog
from app.services.media_types import SNIFF_BYTES, MediaType, sniff
from app.services.multipart_stream import MultipartStream

log = structlog.get_logger()
FILE_FIELD = "file"
# Multipart framing and text fields on top of the file itself.
_FORM_OVERHEAD_BYTES = 1024 * 1024


def _upload_fields(form_fields: dict[str, str], filename: str | None) -> UploadFields:
    known = {name: value.strip() or None for name, value in form_fields.items() if name in UploadFields.model_fields}
    return validate_form(UploadFields, {**known, "filename": filename})


class ProcessingService:
    def __init__(
        self,
        meetings: MeetingRepository,
        storage: ObjectStorage,
        dispatcher: TaskDispatcher,
        max_upload_bytes: int,
        audit: AuditLog,
    ) -> None:
        self._meetings = meetings
        self._storage = storage
        self._dispatcher = dispatcher
        self._max_bytes = max_upload_bytes
        self._audit = audit

    async def accept(
        self,
        principal: Principal,
        workspace_id: UUID,
        body: AsyncIterator[bytes],
        content_type: str,
        content_length: int | None,
    ) -> ProcessAccepted:
        authorize(principal, Action.UPLOAD, workspace_id, "workspace")
        if content_length is not None and content_length > self._max_bytes + _FORM_OVERHEAD_BYTES:
            raise self._too_large()
        form = MultipartStream(body, content_type, FILE_FIELD)
        part = await form.open_file()
        if part is None:
            raise InvalidInput(f"the form has no '{FILE_FIELD}' part")
        _upload_fields(form.fields, part.filename)  # the fields sent before the file: refused before a byte is stored
        head = await self._read_head(form)
        media = sniff(head)
        keys = MeetingKeys(workspace_id=workspace_id, meeting_id=uuid4())
        log.info("upload_started", meeting_id=str(keys.meeting_id), content_type=media.content_type)
        size = [len(head)]
        await self._storage.upload_chunks(Bucket.UPLOADS, keys.upload, self._rest(head, form, size), media.content_type)
        try:
            fields = _upload_fields(await form.finish(), part.filename)
            meeting = await self._record(principal, keys, media, size[0], fields)
        except BaseException:
            with contextlib.suppress(StorageError):
                await self._storage.delete(Bucket.UPLOADS, keys.upload)
            raise
        return ProcessAccepted(task_id=meeting.task_id, meeting_id=meeting.id)

    async def _read_head(self, form: MultipartStream) -> bytes:
        head = b""
        while len(head) < SNIFF_BYTES:
            data = await form.read_file()
            if not data:
                break
            head += data
        if not head:
            raise InvalidInput("the uploaded file is empty")
        return head

    async def _rest(self, head: bytes, form: MultipartStream, size: list[int]) -> AsyncIterator[bytes]:
        yield head
        while data := await form.read_file():
            size[0] += len(data)
            if size[0] > self._max_bytes:
                raise self._too_large()
            yield data

    def _too_large(self) -> PayloadTooLarge:
        return PayloadTooLarge(
            f"the file is larger than the limit of {self._max_bytes} bytes", {"max_upload_bytes": self._max_bytes}
        )

    async def _record(
        self,
        principal: Principal,
        keys: MeetingKeys,
        media: MediaType,
        size: int,
        fields: UploadFields,
    ) -> Meeting:
        """Insert the meeting, then queue its job; if queueing fails the row is removed again."""
        meeting = await self._meetings.add(
            Meeting(
                id=keys.meeting_id,
                workspace_id=keys.workspace_id,
                uploaded_by=principal.user_id,
                title=fields.title or _title_from(fields.filename),
                original_filename=fields.filename,
                content_type=media.content_type,
                size_bytes=size,
                media_kind=media.kind,
                language=fields.language,
                speakers_hint=fields.speakers().model_dump(exclude_none=True),
                status=MeetingStatus.QUEUED,
                progress=0.0,
                task_id=uuid4().hex,
                speaker_names={},
            )
        )
        payload = ProcessMeetingPayload(
            meeting_id=meeting.id,
            workspace_id=meeting.workspace_id,
            requested_by=principal.user_id,
            language=fields.language,
            speakers=fields.speakers(),
        )
        try:
            await self._dispatcher.kick(TASK_PROCESS_MEETING, payload.model_dump(mode="json"), task_id=meeting.task_id)
        except BaseException:
            await self._meetings.delete(meeting)
            raise
        self._audit.record(
            principal,
            keys.workspace_id,
            AuditAction.MEETING_UPLOADED,
            ("meeting", keys.meeting_id),
            title=meeting.title,
            size_bytes=size,
            media_kind=media.kind.value,
        )
        await self._audit.save()
        log.info("meeting_queued", meeting_id=str(meeting.id), media_kind=media.kind.value, size_bytes=size)
        return meeting


def _title_from(filename: str | None) -> str:
    stem = PurePath(filename).stem.strip() if filename else ""
    return stem[:MAX_TITLE_LENGTH].strip() or "Untitled meeting"
