"""Password hashing (argon2), session tokens (JWT) and the opaque secrets of API keys and invitations."""

import asyncio
import hashlib
import secrets
from dataclasses import dataclass
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


@dataclass(frozen=True)
class SessionClaims:
    user_id: UUID
    session_id: str
    """The token's `jti`: what logout revokes."""
    token_version: int
    """Must equal the user's: a password change raises it and ends every earlier session."""
    expires_at: datetime


class TokenCodec:
    """Signed session tokens (JWT): `sub`, `jti`, `iat`, `exp`, `aud`, `iss` and `ver`, each checked."""

    def __init__(self, secret: str, algorithm: str, expire_minutes: int, audience: str, issuer: str) -> None:
        self._secret = secret
        self._algorithm = algorithm
        self._expire = timedelta(minutes=expire_minutes)
        self._audience = audience
        self._issuer = issuer

    @property
    def expire_seconds(self) -> int:
        return int(self._expire.total_seconds())

    def issue(self, user_id: UUID, token_version: int) -> str:
        now = datetime.now(UTC)
        claims = {
            "sub": str(user_id),
            "jti": secrets.token_urlsafe(16),
            "iat": now,
            "exp": now + self._expire,
            "aud": self._audience,
            "iss": self._issuer,
            "ver": token_version,
        }
        return str(jwt.encode(claims, self._secret, algorithm=self._algorithm))

    def decode(self, token: str) -> SessionClaims:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[self._algorithm],
                audience=self._audience,
                issuer=self._issuer,
                options={
                    key: True for key in ("require_aud", "require_iss", "require_iat", "require_exp", "require_jti")
                },
            )
            return SessionClaims(
                user_id=UUID(str(claims["sub"])),
                session_id=str(claims["jti"]),
                token_version=int(claims["ver"]),
                expires_at=datetime.fromtimestamp(int(claims["exp"]), UTC),
            )
        except (JWTError, KeyError, ValueError, TypeError) as error:
            raise NotAuthenticated("invalid or expired token") from error


@dataclass(frozen=True)
class Secret:
    """A credential shown once (an API key, an invitation link) and stored only as its hash."""

    token: str
    prefix: str
    """Enough of the token to recognise it in a list, not to use it."""
    digest: str


def new_secret(kind: str) -> Secret:
    """`{kind}_` and 43 random URL-safe characters (256 bits), with its SHA-256 digest."""
    token = f"{kind}_{secrets.token_urlsafe(32)}"
    return Secret(token=token, prefix=token[: len(kind) + 5], digest=digest_of(token))


def digest_of(token: str) -> str:
    """SHA-256, hex: high-entropy tokens need no slow hash, and the digest is indexed for lookup."""
    return hashlib.sha256(token.encode()).hexdigest()
