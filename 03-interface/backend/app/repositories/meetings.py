"""Meetings in PostgreSQL. Row-level security limits every query to the principal's workspaces:
another tenant's meeting is None here whatever the filter; the services then check the role."""

from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Meeting


class MeetingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, meeting: Meeting) -> Meeting:
        self._session.add(meeting)
        await self._session.commit()
        return meeting

    async def get(self, meeting_id: UUID) -> Meeting | None:
        return await self._session.get(Meeting, meeting_id)

    async def by_task(self, task_id: str) -> Meeting | None:
        result = await self._session.execute(select(Meeting).where(Meeting.task_id == task_id))
        return result.scalar_one_or_none()

    async def page(self, workspace_id: UUID, offset: int, limit: int) -> tuple[list[Meeting], int]:
        total = await self._session.scalar(select(func.count()).where(Meeting.workspace_id == workspace_id))
        result = await self._session.execute(
            select(Meeting)
            .where(Meeting.workspace_id == workspace_id)
            .order_by(Meeting.created_at.desc(), Meeting.id)
            .offset(offset)
            .limit(limit)
        )
        return list(result.scalars()), int(total or 0)

    async def save(self, meeting: Meeting, changes: dict[str, Any]) -> Meeting:
        for name, value in changes.items():
            setattr(meeting, name, value)
        await self._session.commit()
        return meeting

    async def delete(self, meeting: Meeting) -> None:
        await self._session.delete(meeting)
        await self._session.commit()

    async def locked(self, meeting_id: UUID) -> Meeting | None:
        """The meeting row locked for update, for applying a worker event."""
        result = await self._session.execute(select(Meeting).where(Meeting.id == meeting_id).with_for_update())
        return result.scalar_one_or_none()

    async def commit(self) -> None:
        await self._session.commit()

    async def fail_stale(self, last_event_before: datetime, reason: str) -> list[UUID]:
        """Mark processing meetings without a recent event as failed, in every workspace (a system
        task: through the one database function allowed to cross tenants); returns their ids."""
        result = await self._session.execute(
            text("SELECT * FROM scribe_fail_stale_meetings(:cutoff, :reason)"),
            {"cutoff": last_event_before, "reason": reason},
        )
        stale = [UUID(str(meeting_id)) for meeting_id in result.scalars()]
        await self._session.commit()
        return stale

    async def workspace_of(self, meeting_id: UUID) -> UUID | None:
        """The workspace of a meeting, whichever it is: only for events of workers that predate
        workspaces (their events name the uploader instead)."""
        found = await self._session.scalar(text("SELECT scribe_meeting_workspace(:meeting)"), {"meeting": meeting_id})
        return UUID(str(found)) if found else None
