"""Meetings in PostgreSQL. Every read is scoped to the owner: another user's meeting is None."""

from datetime import datetime
from typing import Any
from uuid import UUID

from scribe_contracts import MeetingStatus
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Meeting, utcnow


class MeetingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, meeting: Meeting) -> Meeting:
        self._session.add(meeting)
        await self._session.commit()
        return meeting

    async def owned(self, meeting_id: UUID, user_id: UUID) -> Meeting | None:
        result = await self._session.execute(
            select(Meeting).where(Meeting.id == meeting_id, Meeting.user_id == user_id)
        )
        return result.scalar_one_or_none()

    async def owned_by_task(self, task_id: str, user_id: UUID) -> Meeting | None:
        result = await self._session.execute(
            select(Meeting).where(Meeting.task_id == task_id, Meeting.user_id == user_id)
        )
        return result.scalar_one_or_none()

    async def page(self, user_id: UUID, offset: int, limit: int) -> tuple[list[Meeting], int]:
        total = await self._session.scalar(select(func.count()).where(Meeting.user_id == user_id))
        result = await self._session.execute(
            select(Meeting)
            .where(Meeting.user_id == user_id)
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
        """Mark processing meetings without a recent event as failed; returns their ids."""
        result = await self._session.execute(
            update(Meeting)
            .where(
                Meeting.status == MeetingStatus.PROCESSING,
                func.coalesce(Meeting.last_event_at, Meeting.created_at) < last_event_before,
            )
            .values(status=MeetingStatus.FAILED, error=reason, completed_at=utcnow(), updated_at=utcnow())
            .returning(Meeting.id)
        )
        stale = list(result.scalars())
        await self._session.commit()
        return stale
