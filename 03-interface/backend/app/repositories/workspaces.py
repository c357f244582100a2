"""Workspaces and their memberships. Row-level security already limits every query to the
principal's workspaces (and their own memberships); these methods add the filters they mean."""

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.authorization import Role
from app.models import Membership, User, Workspace, WorkspaceKind


class WorkspaceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def roles_of(self, user_id: UUID) -> dict[UUID, Role]:
        """Every workspace the user belongs to, with their role (needs only `scribe.user_id`)."""
        rows = await self._session.execute(
            select(Membership.workspace_id, Membership.role).where(Membership.user_id == user_id)
        )
        return {workspace_id: Role(role) for workspace_id, role in rows.all()}

    async def personal_of(self, user_id: UUID) -> Workspace | None:
        result = await self._session.execute(
            select(Workspace).where(Workspace.kind == WorkspaceKind.PERSONAL, Workspace.created_by == user_id)
        )
        return result.scalar_one_or_none()

    async def get(self, workspace_id: UUID) -> Workspace | None:
        return await self._session.get(Workspace, workspace_id)

    async def listed(self, workspace_ids: Sequence[UUID]) -> list[Workspace]:
        result = await self._session.execute(
            select(Workspace).where(Workspace.id.in_(workspace_ids)).order_by(Workspace.kind, Workspace.name)
        )
        return list(result.scalars())

    async def lock(self, workspace_ids: Sequence[UUID]) -> None:
        """Hold the workspaces' rows until the transaction ends (in id order: no deadlock), so the
        changes that must leave an owner (role changes, removals, transfers, account deletion) run
        one at a time per workspace and each counts the owners the previous one left.
        `FOR NO KEY UPDATE`: rows that merely reference the workspace (uploads, log entries) need
        not wait for it."""
        await self._session.execute(
            select(Workspace.id)
            .where(Workspace.id.in_(workspace_ids))
            .order_by(Workspace.id)
            .with_for_update(key_share=True)
        )

    async def add(self, workspace: Workspace, owner_id: UUID) -> None:
        """Write a new workspace and its owner's membership in the caller's transaction."""
        self._session.add(workspace)
        await self._session.flush()
        self._session.add(Membership(workspace_id=workspace.id, user_id=owner_id, role=Role.OWNER))
        await self._session.flush()

    async def members(self, workspace_id: UUID) -> list[tuple[Membership, User]]:
        result = await self._session.execute(
            select(Membership, User)
            .join(User, User.id == Membership.user_id)
            .where(Membership.workspace_id == workspace_id)
            .order_by(Membership.created_at, User.email)
        )
        return [(membership, user) for membership, user in result.tuples()]

    async def membership(self, workspace_id: UUID, user_id: UUID) -> Membership | None:
        return await self._session.get(Membership, (workspace_id, user_id))

    async def owners(self, workspace_id: UUID) -> int:
        count = await self._session.scalar(
            select(func.count()).where(Membership.workspace_id == workspace_id, Membership.role == Role.OWNER)
        )
        return int(count or 0)

    async def count_members(self, workspace_id: UUID) -> int:
        count = await self._session.scalar(select(func.count()).where(Membership.workspace_id == workspace_id))
        return int(count or 0)

    def add_membership(self, membership: Membership) -> None:
        self._session.add(membership)

    async def remove_membership(self, membership: Membership) -> None:
        await self._session.delete(membership)

    async def delete(self, workspace: Workspace) -> None:
        """The workspace and, by cascade, its memberships, meetings, invitations, keys and log."""
        await self._session.delete(workspace)

    async def commit(self) -> None:
        await self._session.commit()
