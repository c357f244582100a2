"""Upload a recording for processing, and follow its job."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from app.api.deps import CurrentPrincipal, CurrentWorkspace, MeetingServiceDep, ProcessingServiceDep
from app.api.responses import errors, multipart_body
from app.schemas.meetings import ProcessAccepted, ProcessStatus, UploadFields

router = APIRouter(prefix="/process", tags=["process"])

_UPLOAD_BODY = multipart_body(
    UploadFields, {"file": "Audio or video, judged by its content"}, exclude=frozenset({"filename"})
)


def _content_length(request: Request) -> int | None:
    value = request.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


@router.post(
    "/",
    status_code=202,
    response_model=ProcessAccepted,
    operation_id="process-upload",
    openapi_extra=_UPLOAD_BODY,
    responses=errors(401, 403, 404, 413, 415, 422, 503),
)
async def upload(
    request: Request, principal: CurrentPrincipal, workspace_id: CurrentWorkspace, processing: ProcessingServiceDep
) -> ProcessAccepted:
    """Stream the file to object storage, record the meeting in the workspace (X-Workspace-Id, else
    the personal one) and queue its processing. Needs the member role or above.

    The body is parsed as it arrives: no temporary file, memory bounded whatever the size.
    """
    content_type = request.headers.get("content-type", "")
    return await processing.accept(principal, workspace_id, request.stream(), content_type, _content_length(request))


@router.get(
    "/status/{task_id}", response_model=ProcessStatus, operation_id="process-status", responses=errors(401, 404)
)
async def status(
    task_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")],
    principal: CurrentPrincipal,
    meetings: MeetingServiceDep,
) -> Any:
    """Queued, processing (with the worker's stage and percent), completed, or failed with a reason."""
    return ProcessStatus.model_validate(await meetings.by_task(principal, task_id))
