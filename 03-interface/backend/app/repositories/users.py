"""Users in PostgreSQL: global identities (no tenant), found by e-mail at login."""

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import User


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_email(self, email: str) -> User | None:
        result = await self._session.execute(select(User).where(User.email == email))
        return result.scalar_one_or_none()

    async def by_id(self, user_id: UUID) -> User | None:
        return await self._session.get(User, user_id)

    async def add(self, user: User) -> None:
        """Write the user in the caller's transaction (the caller commits)."""
        self._session.add(user)
        await self._session.flush()

    async def delete(self, user: User) -> None:
        await self._session.delete(user)
