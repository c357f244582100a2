"""Opening and accepting an invitation link (the token is its last part)."""

from typing import Annotated

from fastapi import APIRouter, Path

from app.api.deps import CurrentPrincipal, InvitationServiceDep
from app.api.responses import errors
from app.schemas.workspaces import InvitationPreview, WorkspaceOut

router = APIRouter(prefix="/invitations", tags=["invitations"])

Token = Annotated[str, Path(pattern=r"^smi_[A-Za-z0-9_-]{20,80}$", description="The link's secret")]


@router.get(
    "/{token}", response_model=InvitationPreview, operation_id="invitations-preview", responses=errors(401, 404, 410)
)
async def preview(token: Token, _: CurrentPrincipal, invitations: InvitationServiceDep) -> InvitationPreview:
    """Which workspace and role the link invites to; 410 once expired, revoked or used."""
    link = await invitations.preview(token)
    return InvitationPreview(
        workspace_id=link.workspace_id,
        workspace_name=link.workspace_name,
        email=link.email,
        role=link.role,
        expires_at=link.expires_at,
    )


@router.post(
    "/{token}/accept",
    response_model=WorkspaceOut,
    operation_id="invitations-accept",
    responses=errors(401, 403, 404, 409, 410),
)
async def accept(token: Token, principal: CurrentPrincipal, invitations: InvitationServiceDep) -> WorkspaceOut:
    """Join the workspace, signed in with the invited address; the link then stops working.
    The answer is the workspace joined, with your role in it."""
    workspace, membership = await invitations.accept(principal, token)
    return WorkspaceOut(
        id=workspace.id,
        name=workspace.name,
        kind=workspace.kind,
        role=membership.role,
        created_at=workspace.created_at,
    )
