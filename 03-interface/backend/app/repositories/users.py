"""Users in PostgreSQL."""

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import Conflict
from app.models import User


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_email(self, email: str) -> User | None:
        result = await self._session.execute(select(User).where(User.email == email))
        return result.scalar_one_or_none()

    async def by_id(self, user_id: UUID) -> User | None:
        return await self._session.get(User, user_id)

    async def add(self, email: str, password_hash: str, display_name: str | None) -> User:
        user = User(email=email, password_hash=password_hash, display_name=display_name)
        self._session.add(user)
        try:
            await self._session.commit()
        except IntegrityError as error:
            await self._session.rollback()
            raise Conflict("an account with this e-mail already exists") from error
        return user
