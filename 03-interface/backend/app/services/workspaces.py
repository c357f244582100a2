"""Team workspaces and their members: create, rename, delete, list members, change a role, remove
a member or leave, transfer the ownership. A workspace always keeps an owner: the last one can
neither leave nor be demoted, and a personal workspace has no one but its owner."""

from dataclasses import replace
from uuid import UUID, uuid4

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from app.clients.storage import ObjectStorage
from app.core.authorization import Action, Principal, Role, authorize, may_assign
from app.core.errors import Conflict, Forbidden, NotFound
from app.core.tenancy import scope_of, set_scope
from app.models import Membership, User, Workspace, WorkspaceKind
from app.repositories.workspaces import WorkspaceRepository
from app.services.accounts import delete_workspace_objects
from app.services.audit import AuditAction, AuditLog

log = structlog.get_logger()


class WorkspaceService:
    def __init__(
        self, session: AsyncSession, workspaces: WorkspaceRepository, storage: ObjectStorage, audit: AuditLog
    ) -> None:
        self._session = session
        self._workspaces = workspaces
        self._storage = storage
        self._audit = audit

    async def mine(self, principal: Principal) -> list[tuple[Workspace, Role]]:
        workspaces = await self._workspaces.listed(list(principal.workspace_ids))
        return [(workspace, principal.roles[workspace.id]) for workspace in workspaces]

    async def get(self, principal: Principal, workspace_id: UUID, action: Action = Action.READ) -> Workspace:
        authorize(principal, action, workspace_id, "workspace")
        workspace = await self._workspaces.get(workspace_id)
        if workspace is None:
            raise NotFound("workspace not found")
        return workspace

    async def create(self, principal: Principal, name: str) -> Workspace:
        """A team workspace, owned by its creator (API keys, bound to one workspace, cannot)."""
        if principal.api_key_id is not None:
            raise Forbidden("an API key acts in one workspace; create workspaces signed in")
        workspace = Workspace(id=uuid4(), name=name, kind=WorkspaceKind.TEAM, created_by=principal.user_id)
        await set_scope(self._session, scope_of(self._session).admitting(workspace.id))
        await self._workspaces.add(workspace, owner_id=principal.user_id)
        self._audit.record(principal, workspace.id, AuditAction.WORKSPACE_CREATED, ("workspace", workspace.id))
        await self._workspaces.commit()
        return workspace

    async def rename(self, principal: Principal, workspace_id: UUID, name: str) -> Workspace:
        workspace = await self.get(principal, workspace_id, Action.MANAGE_WORKSPACE)
        self._audit.record(
            principal, workspace_id, AuditAction.WORKSPACE_RENAMED, ("workspace", workspace_id), old=workspace.name
        )
        workspace.name = name
        await self._workspaces.commit()
        return workspace

    async def delete(self, principal: Principal, workspace_id: UUID) -> None:
        """A team workspace with every meeting, voice and log entry in it (rows and objects)."""
        workspace = await self.get(principal, workspace_id, Action.MANAGE_WORKSPACE)
        if workspace.kind is WorkspaceKind.PERSONAL:
            raise Conflict("a personal workspace goes only with its account (delete the account instead)")
        await delete_workspace_objects(self._storage, workspace_id)
        await self._workspaces.delete(workspace)
        await self._workspaces.commit()
        log.info("workspace_deleted", workspace_id=str(workspace_id))

    async def members(self, principal: Principal, workspace_id: UUID) -> list[tuple[Membership, User]]:
        authorize(principal, Action.READ, workspace_id, "workspace")
        return await self._workspaces.members(workspace_id)

    async def change_role(self, principal: Principal, workspace_id: UUID, user_id: UUID, role: Role) -> Membership:
        actor = await self._locked_as(principal, Action.MANAGE_MEMBERS, workspace_id)
        membership = await self._member(workspace_id, user_id)
        if not may_assign(actor, membership.role, role):
            raise Forbidden(f"as {actor} you cannot make a {membership.role} into a {role}")
        if membership.role is Role.OWNER and role is not Role.OWNER:
            await self._keep_an_owner(workspace_id)
        self._audit.record(
            principal,
            workspace_id,
            AuditAction.MEMBER_ROLE_CHANGED,
            ("user", user_id),
            old=membership.role.value,
            new=role.value,
        )
        membership.role = role
        await self._workspaces.commit()
        return membership

    async def remove(self, principal: Principal, workspace_id: UUID, user_id: UUID) -> None:
        """Remove a member, or leave when it is yourself: access ends with the next request."""
        leaving = user_id == principal.user_id
        actor = await self._locked_as(principal, Action.READ if leaving else Action.MANAGE_MEMBERS, workspace_id)
        membership = await self._member(workspace_id, user_id)
        if not leaving and not may_assign(actor, membership.role, membership.role):
            raise Forbidden(f"as {actor} you cannot remove a {membership.role}")
        if membership.role is Role.OWNER:
            await self._keep_an_owner(workspace_id)
        workspace = await self.get(principal, workspace_id)
        if workspace.kind is WorkspaceKind.PERSONAL:
            raise Conflict("nobody leaves a personal workspace: it goes with its account")
        action = AuditAction.MEMBER_LEFT if leaving else AuditAction.MEMBER_REMOVED
        self._audit.record(principal, workspace_id, action, ("user", user_id), role=membership.role.value)
        await self._workspaces.remove_membership(membership)
        await self._workspaces.commit()

    async def transfer(self, principal: Principal, workspace_id: UUID, user_id: UUID) -> Membership:
        """Make another member an owner; the one transferring stays on as an admin."""
        await self._locked_as(principal, Action.MANAGE_WORKSPACE, workspace_id)
        if user_id == principal.user_id:
            raise Conflict("you already own this workspace")
        target = await self._member(workspace_id, user_id)
        me = await self._member(workspace_id, principal.user_id)
        target.role, me.role = Role.OWNER, Role.ADMIN
        self._audit.record(principal, workspace_id, AuditAction.OWNERSHIP_TRANSFERRED, ("user", user_id))
        await self._workspaces.commit()
        return target

    async def _locked_as(self, principal: Principal, action: Action, workspace_id: UUID) -> Role:
        """The actor's role for a change of memberships, checked again once the workspace is locked:
        two such changes at once (two owners demoting each other) run one after the other, and the
        second sees the roles the first left, its actor's own included."""
        authorize(principal, action, workspace_id, "workspace")
        await self._workspaces.lock([workspace_id])
        mine = await self._workspaces.membership(workspace_id, principal.user_id)
        held = principal.role_in(workspace_id)
        if mine is None or held is None:
            raise NotFound("workspace not found")
        now = replace(principal, roles={**principal.roles, workspace_id: min(held, mine.role, key=lambda r: r.rank)})
        return authorize(now, action, workspace_id, "workspace")

    async def _member(self, workspace_id: UUID, user_id: UUID) -> Membership:
        membership = await self._workspaces.membership(workspace_id, user_id)
        if membership is None:
            raise NotFound("member not found")
        return membership

    async def _keep_an_owner(self, workspace_id: UUID) -> None:
        if await self._workspaces.owners(workspace_id) <= 1:
            raise Conflict("a workspace needs an owner: make another member an owner first")
