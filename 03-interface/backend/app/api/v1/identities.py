"""The voice bank of a workspace (X-Workspace-Id, else the personal one): people and their voice samples."""

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request, Response

from app.api.deps import CurrentPrincipal, CurrentWorkspace, IdentityServiceDep
from app.api.responses import errors, multipart_body
from app.schemas.identities import PersonCreateFields, PersonOut, PersonPage

router = APIRouter(prefix="/identities", tags=["identities"])

_ENROLL_BODY = multipart_body(PersonCreateFields, {"sample": "At least 2 s of the person's voice"})


@router.post(
    "",
    status_code=201,
    response_model=PersonOut,
    operation_id="identities-create",
    openapi_extra=_ENROLL_BODY,
    responses=errors(401, 403, 404, 413, 415, 422, 503),
)
async def create_person(
    request: Request, principal: CurrentPrincipal, workspace_id: CurrentWorkspace, identities: IdentityServiceDep
) -> Any:
    """Enroll a person in the workspace's voice bank from an uploaded voice sample (any format
    FFmpeg decodes). Needs the member role or above."""
    content_type = request.headers.get("content-type", "")
    profile = await identities.create_from_upload(principal, workspace_id, request.stream(), content_type)
    return PersonOut.model_validate(profile.model_dump())


@router.get("", response_model=PersonPage, operation_id="identities-list", responses=errors(401, 404))
async def list_people(
    principal: CurrentPrincipal, workspace_id: CurrentWorkspace, identities: IdentityServiceDep
) -> PersonPage:
    people = await identities.list(principal, workspace_id)
    return PersonPage(items=[PersonOut.model_validate(p.model_dump()) for p in people])


@router.get("/{person_id}", response_model=PersonOut, operation_id="identities-get", responses=errors(401, 404))
async def get_person(
    person_id: UUID, principal: CurrentPrincipal, workspace_id: CurrentWorkspace, identities: IdentityServiceDep
) -> Any:
    return PersonOut.model_validate((await identities.get(principal, workspace_id, person_id)).model_dump())


@router.delete("/{person_id}", status_code=204, operation_id="identities-delete", responses=errors(401, 403, 404, 503))
async def delete_person(
    person_id: UUID, principal: CurrentPrincipal, workspace_id: CurrentWorkspace, identities: IdentityServiceDep
) -> Response:
    """Delete the person and all their voice samples. Needs the admin role or above."""
    await identities.delete(principal, workspace_id, person_id)
    return Response(status_code=204)
