"""API keys: a user's own (row-level security shows each user only theirs), and the one
cross-user look-up, by token digest, that authenticating a key needs."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.authorization import Role
from app.models import ApiKey


@dataclass(frozen=True)
class KeyGrant:
    """What a key presented on a request says, before its user is known."""

    key_id: UUID
    user_id: UUID
    workspace_id: UUID
    role: Role
    expires_at: datetime | None
    revoked_at: datetime | None


class ApiKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_digest(self, digest: str) -> KeyGrant | None:
        row = (await self._session.execute(text("SELECT * FROM scribe_api_key(:digest)"), {"digest": digest})).first()
        if row is None:
            return None
        return KeyGrant(row.id, row.user_id, row.workspace_id, Role(row.role), row.expires_at, row.revoked_at)

    async def mine(self, user_id: UUID) -> list[ApiKey]:
        result = await self._session.execute(
            select(ApiKey).where(ApiKey.user_id == user_id).order_by(ApiKey.created_at.desc())
        )
        return list(result.scalars())

    async def get(self, key_id: UUID) -> ApiKey | None:
        return await self._session.get(ApiKey, key_id)

    async def add(self, key: ApiKey) -> ApiKey:
        self._session.add(key)
        await self._session.commit()
        return key

    async def commit(self) -> None:
        await self._session.commit()
