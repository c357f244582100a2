"""Workspaces, their members, invitations and audit log."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from app.api.deps import AuditDep, CurrentPrincipal, InvitationServiceDep, WorkspaceServiceDep
from app.api.responses import errors
from app.core.authorization import Role
from app.models import Membership, User, Workspace
from app.schemas.workspaces import (
    AuditEventOut,
    AuditPage,
    InvitationCreate,
    InvitationCreated,
    InvitationList,
    InvitationOut,
    MemberList,
    MemberOut,
    OwnershipTransfer,
    RoleChange,
    WorkspaceCreate,
    WorkspaceList,
    WorkspaceOut,
    WorkspaceRename,
)

router = APIRouter(prefix="/workspaces")  # each route names its tag: workspaces, members, invitations, audit


def _workspace(workspace: Workspace, role: Role) -> WorkspaceOut:
    return WorkspaceOut(
        id=workspace.id, name=workspace.name, kind=workspace.kind, role=role, created_at=workspace.created_at
    )


def _member(membership: Membership, user: User) -> MemberOut:
    return MemberOut(
        user_id=user.id,
        email=user.email,
        display_name=user.display_name,
        role=membership.role,
        joined_at=membership.created_at,
    )


@router.get(
    "", response_model=WorkspaceList, operation_id="workspaces-list", tags=["workspaces"], responses=errors(401)
)
async def list_workspaces(principal: CurrentPrincipal, workspaces: WorkspaceServiceDep) -> WorkspaceList:
    """The workspaces you belong to, with your role in each."""
    return WorkspaceList(items=[_workspace(w, role) for w, role in await workspaces.mine(principal)])


@router.post(
    "",
    status_code=201,
    response_model=WorkspaceOut,
    operation_id="workspaces-create",
    tags=["workspaces"],
    responses=errors(401, 403, 422),
)
async def create_workspace(
    body: WorkspaceCreate, principal: CurrentPrincipal, workspaces: WorkspaceServiceDep
) -> WorkspaceOut:
    """A team workspace, owned by you."""
    return _workspace(await workspaces.create(principal, body.name), Role.OWNER)


@router.patch(
    "/{workspace_id}",
    response_model=WorkspaceOut,
    operation_id="workspaces-rename",
    tags=["workspaces"],
    responses=errors(401, 403, 404, 422),
)
async def rename_workspace(
    workspace_id: UUID, body: WorkspaceRename, principal: CurrentPrincipal, workspaces: WorkspaceServiceDep
) -> WorkspaceOut:
    """Rename the workspace (owners)."""
    workspace = await workspaces.rename(principal, workspace_id, body.name)
    return _workspace(workspace, principal.roles[workspace_id])


@router.delete(
    "/{workspace_id}",
    status_code=204,
    operation_id="workspaces-delete",
    tags=["workspaces"],
    responses=errors(401, 403, 404, 409, 503),
)
async def delete_workspace(
    workspace_id: UUID, principal: CurrentPrincipal, workspaces: WorkspaceServiceDep
) -> Response:
    """Delete a team workspace with every meeting, voice and log entry in it (owners)."""
    await workspaces.delete(principal, workspace_id)
    return Response(status_code=204)


@router.get(
    "/{workspace_id}/members",
    response_model=MemberList,
    operation_id="members-list",
    tags=["members"],
    responses=errors(401, 404),
)
async def list_members(workspace_id: UUID, principal: CurrentPrincipal, workspaces: WorkspaceServiceDep) -> MemberList:
    return MemberList(items=[_member(m, u) for m, u in await workspaces.members(principal, workspace_id)])


@router.patch(
    "/{workspace_id}/members/{user_id}",
    response_model=MemberOut,
    operation_id="members-change-role",
    tags=["members"],
    responses=errors(401, 403, 404, 409, 422),
)
async def change_role(
    workspace_id: UUID, user_id: UUID, body: RoleChange, principal: CurrentPrincipal, workspaces: WorkspaceServiceDep
) -> MemberOut:
    """Change a member's role (admins up to admin; owners any). The last owner stays an owner."""
    await workspaces.change_role(principal, workspace_id, user_id, body.role)
    members = dict((u.id, (m, u)) for m, u in await workspaces.members(principal, workspace_id))
    return _member(*members[user_id])


@router.delete(
    "/{workspace_id}/members/{user_id}",
    status_code=204,
    operation_id="members-remove",
    tags=["members"],
    responses=errors(401, 403, 404, 409),
)
async def remove_member(
    workspace_id: UUID, user_id: UUID, principal: CurrentPrincipal, workspaces: WorkspaceServiceDep
) -> Response:
    """Remove a member (admins), or leave (your own id). Their access ends at once."""
    await workspaces.remove(principal, workspace_id, user_id)
    return Response(status_code=204)


@router.post(
    "/{workspace_id}/transfer",
    response_model=MemberOut,
    operation_id="workspaces-transfer",
    tags=["workspaces"],
    responses=errors(401, 403, 404, 409, 422),
)
async def transfer_ownership(
    workspace_id: UUID, body: OwnershipTransfer, principal: CurrentPrincipal, workspaces: WorkspaceServiceDep
) -> MemberOut:
    """Make another member an owner; you stay on as an admin."""
    await workspaces.transfer(principal, workspace_id, body.user_id)
    members = dict((u.id, (m, u)) for m, u in await workspaces.members(principal, workspace_id))
    return _member(*members[body.user_id])


@router.post(
    "/{workspace_id}/invitations",
    status_code=201,
    response_model=InvitationCreated,
    operation_id="invitations-create",
    tags=["invitations"],
    responses=errors(401, 403, 404, 409, 422),
)
async def invite(
    workspace_id: UUID, body: InvitationCreate, principal: CurrentPrincipal, invitations: InvitationServiceDep
) -> InvitationCreated:
    """Invite an e-mail address with a role (admins). The answer holds the single-use link, once."""
    return await invitations.invite(principal, workspace_id, body)


@router.get(
    "/{workspace_id}/invitations",
    response_model=InvitationList,
    operation_id="invitations-list",
    tags=["invitations"],
    responses=errors(401, 403, 404),
)
async def list_invitations(
    workspace_id: UUID, principal: CurrentPrincipal, invitations: InvitationServiceDep
) -> InvitationList:
    """Invitations not yet used, revoked or expired (admins)."""
    pending = await invitations.pending(principal, workspace_id)
    return InvitationList(items=[InvitationOut.model_validate(invitation) for invitation in pending])


@router.delete(
    "/{workspace_id}/invitations/{invitation_id}",
    status_code=204,
    operation_id="invitations-revoke",
    tags=["invitations"],
    responses=errors(401, 403, 404),
)
async def revoke_invitation(
    workspace_id: UUID, invitation_id: UUID, principal: CurrentPrincipal, invitations: InvitationServiceDep
) -> Response:
    await invitations.revoke(principal, workspace_id, invitation_id)
    return Response(status_code=204)


@router.get(
    "/{workspace_id}/audit",
    response_model=AuditPage,
    operation_id="audit-list",
    tags=["audit"],
    responses=errors(401, 403, 404),
)
async def audit_log(
    workspace_id: UUID,
    principal: CurrentPrincipal,
    audit: AuditDep,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> AuditPage:
    """Who did what in the workspace, newest first (admins)."""
    events, total = await audit.page(principal, workspace_id, offset, limit)
    return AuditPage(
        items=[AuditEventOut.model_validate(event) for event in events], total=total, offset=offset, limit=limit
    )
