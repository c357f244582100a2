"""Password hashing (argon2) and JWT access tokens."""

import asyncio
from datetime import UTC, datetime, timedelta
from uuid import UUID

from jose import JWTError, jwt
from passlib.context import CryptContext

from app.core.errors import NotAuthenticated


class PasswordHasher:
    """argon2id with configurable cost (defaults: OWASP's recommended minimum, 19 MiB, t=2, p=1).

    Hashing takes tens of milliseconds of CPU by design: it runs in a worker thread, so logins
    never stall the event loop and the other requests it serves."""

    def __init__(self, memory_kib: int, time_cost: int, parallelism: int) -> None:
        self._context = CryptContext(
            schemes=["argon2"],
            deprecated="auto",
            argon2__type="ID",
            argon2__memory_cost=memory_kib,
            argon2__time_cost=time_cost,
            argon2__parallelism=parallelism,
        )
        # Verified when the e-mail is unknown, so a failed login costs the same either way.
        self._dummy_hash = self._context.hash("not-a-real-password")

    async def hash(self, password: str) -> str:
        return str(await asyncio.to_thread(self._context.hash, password))

    async def verify(self, password: str, password_hash: str | None) -> bool:
        if password_hash is None:
            await asyncio.to_thread(self._context.verify, password, self._dummy_hash)
            return False
        return bool(await asyncio.to_thread(self._context.verify, password, password_hash))


class TokenCodec:
    def __init__(self, secret: str, algorithm: str, expire_minutes: int) -> None:
        self._secret = secret
        self._algorithm = algorithm
        self._expire = timedelta(minutes=expire_minutes)

    @property
    def expire_seconds(self) -> int:
        return int(self._expire.total_seconds())

    def issue(self, user_id: UUID) -> str:
        claims = {"sub": str(user_id), "exp": datetime.now(UTC) + self._expire}
        return str(jwt.encode(claims, self._secret, algorithm=self._algorithm))

    def subject(self, token: str) -> UUID:
        try:
            claims = jwt.decode(token, self._secret, algorithms=[self._algorithm])
            return UUID(str(claims["sub"]))
        except (JWTError, KeyError, ValueError) as error:
            raise NotAuthenticated("invalid or expired token") from error
