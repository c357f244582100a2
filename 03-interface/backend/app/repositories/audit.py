"""The audit log of a workspace: append and read, newest first."""

from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import AuditEvent


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, event: AuditEvent) -> None:
        """Staged in the caller's transaction: the entry commits with the change it records."""
        self._session.add(event)

    async def commit(self) -> None:
        await self._session.commit()

    async def page(self, workspace_id: UUID, offset: int, limit: int) -> tuple[list[AuditEvent], int]:
        total = await self._session.scalar(select(func.count()).where(AuditEvent.workspace_id == workspace_id))
        result = await self._session.execute(
            select(AuditEvent)
            .where(AuditEvent.workspace_id == workspace_id)
            .order_by(AuditEvent.created_at.desc(), AuditEvent.id)
            .offset(offset)
            .limit(limit)
        )
        return list(result.scalars()), int(total or 0)
