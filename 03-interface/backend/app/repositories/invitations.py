"""Invitations to a workspace, and the one cross-tenant look-up that opening a link needs."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.authorization import Role
from app.models import Invitation


@dataclass(frozen=True)
class InvitationLink:
    """An invitation as its link shows it, before the one who opens it belongs to the workspace."""

    invitation_id: UUID
    workspace_id: UUID
    workspace_name: str
    email: str
    role: Role
    expires_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None


class InvitationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_digest(self, digest: str) -> InvitationLink | None:
        row = (
            await self._session.execute(text("SELECT * FROM scribe_invitation(:digest)"), {"digest": digest})
        ).first()
        if row is None:
            return None
        return InvitationLink(
            row.id,
            row.workspace_id,
            row.workspace_name,
            row.email,
            Role(row.role),
            row.expires_at,
            row.accepted_at,
            row.revoked_at,
        )

    async def pending(self, workspace_id: UUID, now: datetime) -> list[Invitation]:
        result = await self._session.execute(
            select(Invitation)
            .where(
                Invitation.workspace_id == workspace_id,
                Invitation.accepted_at.is_(None),
                Invitation.revoked_at.is_(None),
                Invitation.expires_at > now,
            )
            .order_by(Invitation.created_at.desc())
        )
        return list(result.scalars())

    async def get(self, invitation_id: UUID) -> Invitation | None:
        return await self._session.get(Invitation, invitation_id)

    async def locked(self, invitation_id: UUID) -> Invitation | None:
        """The invitation, its row locked until the transaction ends and read after the lock: of
        two uses at once (the same link opened twice, accepted while revoked) the second sees
        what the first did."""
        result = await self._session.execute(
            select(Invitation)
            .where(Invitation.id == invitation_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return result.scalar_one_or_none()

    def add(self, invitation: Invitation) -> None:
        self._session.add(invitation)
