"""A workspace's meetings: list, read, rename, delete, transcript, audio, exports, speaker enrollment."""

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Path, Query, Response
from fastapi.responses import RedirectResponse
from scribe_contracts import TranscriptDocument

from app.api.deps import (
    CurrentPrincipal,
    CurrentWorkspace,
    IdentityServiceDep,
    MeetingServiceDep,
    PdfFontsDep,
    SettingsDep,
)
from app.api.responses import errors
from app.schemas.common import SpeakerLabel
from app.schemas.identities import EnrollRequest, PersonOut
from app.schemas.meetings import AudioLink, MeetingOut, MeetingPage, MeetingUpdate
from app.services.exports import MEDIA_TYPES, ExportFormat

router = APIRouter(prefix="/meetings", tags=["meetings"])


@router.get("", response_model=MeetingPage, operation_id="meetings-list", responses=errors(401, 404))
async def list_meetings(
    principal: CurrentPrincipal,
    workspace_id: CurrentWorkspace,
    meetings: MeetingServiceDep,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> MeetingPage:
    """The workspace's meetings (X-Workspace-Id, else the personal one), newest first."""
    items, total = await meetings.page(principal, workspace_id, offset, limit)
    return MeetingPage(items=[MeetingOut.model_validate(m) for m in items], total=total, offset=offset, limit=limit)


@router.get("/{meeting_id}", response_model=MeetingOut, operation_id="meetings-get", responses=errors(401, 404))
async def get_meeting(meeting_id: UUID, principal: CurrentPrincipal, meetings: MeetingServiceDep) -> Any:
    return await meetings.get(principal, meeting_id)


@router.patch(
    "/{meeting_id}", response_model=MeetingOut, operation_id="meetings-update", responses=errors(401, 403, 404, 422)
)
async def update_meeting(
    meeting_id: UUID, body: MeetingUpdate, principal: CurrentPrincipal, meetings: MeetingServiceDep
) -> Any:
    """Change the title, or name a speaker label (applied whenever the transcript is served)."""
    return await meetings.update(principal, meeting_id, body)


@router.delete("/{meeting_id}", status_code=204, operation_id="meetings-delete", responses=errors(401, 403, 404, 503))
async def delete_meeting(meeting_id: UUID, principal: CurrentPrincipal, meetings: MeetingServiceDep) -> Response:
    """Delete the meeting and every object of it (upload, results, playback audio)."""
    await meetings.delete(principal, meeting_id)
    return Response(status_code=204)


@router.get(
    "/{meeting_id}/transcript",
    response_model=TranscriptDocument,
    operation_id="meetings-transcript",
    responses=errors(401, 404),
)
async def transcript(meeting_id: UUID, principal: CurrentPrincipal, meetings: MeetingServiceDep) -> TranscriptDocument:
    """The fused transcript, with the user's speaker names applied."""
    _, document = await meetings.transcript(principal, meeting_id)
    return document


@router.get(
    "/{meeting_id}/audio",
    response_model=AudioLink,
    operation_id="meetings-audio",
    responses={**errors(401, 404), 302: {"description": "Redirect to the presigned URL"}},
)
async def audio(
    meeting_id: UUID,
    principal: CurrentPrincipal,
    meetings: MeetingServiceDep,
    settings: SettingsDep,
    redirect: bool = False,
) -> Any:
    """A presigned URL of the playable audio (range requests work on it); `redirect=true` answers 302."""
    link = await meetings.audio(principal, meeting_id, settings.s3_presign_expire_seconds)
    return RedirectResponse(link.url, status_code=302) if redirect else link


@router.get(
    "/{meeting_id}/export",
    operation_id="meetings-export",
    response_class=Response,
    responses={
        200: {"content": {media: {} for media in MEDIA_TYPES.values()}, "description": "The transcript as a file"},
        **errors(401, 404, 422),
    },
)
async def export(
    meeting_id: UUID,
    principal: CurrentPrincipal,
    meetings: MeetingServiceDep,
    fonts: PdfFontsDep,
    format: ExportFormat = ExportFormat.TXT,
) -> Response:
    """The transcript with speaker names as txt, srt, vtt, json, docx or pdf."""
    meeting, content = await meetings.export(principal, meeting_id, format, fonts)
    filename = f"meeting-{meeting.id}.{format.value}"
    return Response(
        content,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post(
    "/{meeting_id}/speakers/{label}/enroll",
    status_code=201,
    response_model=PersonOut,
    operation_id="meetings-enroll-speaker",
    responses=errors(401, 403, 404, 409, 422, 503),
)
async def enroll_speaker(
    meeting_id: UUID,
    label: Annotated[SpeakerLabel, Path()],
    body: EnrollRequest,
    principal: CurrentPrincipal,
    identities: IdentityServiceDep,
) -> Any:
    """Create a person (`name`) or extend one (`person_id`) with this speaker's clean speech."""
    profile = await identities.enroll_from_meeting(principal, meeting_id, label, body)
    return PersonOut.model_validate(profile.model_dump())
